"""Regio: aggregation against DUO's own file, the URL contract, summary and export.

Expectations are computed here from the committed snapshot in data/raw/import with plain
csv parsing (no project code), so the test checks the importer, the queries and
`dashboard.logica.regio` together. The page module is never imported (Dash owns `pages.regio`).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from etl.config import RAW_DIR

IMPORT = RAW_DIR / "import"
BESTAND = IMPORT / "duo-06-historisch-overzicht-aantal-leerlingen-per-schoolvestiging.csv"
SOORT_KOLOM = {"sbo": {"SBO"}, "so": {"SO"}, "vso": {"VSO"}, "so_vso": {"SO/VSO"}}
SOORT_KOLOM["gespecialiseerd"] = {"SO", "VSO", "SO/VSO"}


def _verwacht() -> dict[tuple[str, str, int], list[int]]:
    """(soort-code in file, GM code, jaar) → [sum with <5 as 1, sum with <5 as 4, locations]."""
    uit: dict[tuple[str, str, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    with open(BESTAND, encoding="utf-8-sig", newline="") as f:
        for rij in csv.DictReader(f, delimiter=";"):
            code = f"GM{int(rij['GEMEENTECODE_VESTIGING']):04d}"
            for kolom, cel in rij.items():
                if not kolom.startswith("LEERLINGEN_"):
                    continue
                jaar = int(kolom.removeprefix("LEERLINGEN_"))
                cel = cel.strip()
                if cel == "<5":
                    laag, hoog = 1, 4
                elif cel and int(cel) > 0:
                    laag = hoog = int(cel)
                else:
                    continue
                som = uit[(rij["SOORT_VESTIGING"], code, jaar)]
                som[0] += laag
                som[1] += hoog
                som[2] += 1
    return uit


@pytest.fixture(scope="module")
def verwacht() -> dict[tuple[str, str, int], list[int]]:
    return _verwacht()


@pytest.fixture(scope="module")
def provincie_van() -> dict[str, str]:
    with open(IMPORT / "gemeente_provincie_2025.csv", encoding="utf-8", newline="") as f:
        return {r["gemeentecode"]: r["provinciecode"] for r in csv.DictReader(f, delimiter=";")}


def _som(verwacht, soort: str, codes: set[str], jaar: int) -> list[int] | None:
    delen = [
        verwacht[(s, c, jaar)]
        for s in SOORT_KOLOM[soort]
        for c in codes
        if (s, c, jaar) in verwacht
    ]
    if not delen:
        return None
    return [sum(d[0] for d in delen), sum(d[1] for d in delen), sum(d[2] for d in delen)]


def _vergelijk(rij: dict | None, som: list[int] | None) -> None:
    if som is None:
        assert rij is None
        return
    assert rij is not None
    assert rij["waarde"] == som[0]
    assert rij["aantal_vestigingen"] == som[2]
    if som[0] == som[1]:
        assert rij["ondergrens"] is None and rij["bovengrens"] is None
    else:
        assert (rij["ondergrens"], rij["bovengrens"]) == (som[0], som[1])


def test_gemeenten_gelijk_aan_het_bestand(met_database: Path, verwacht) -> None:
    from dashboard.logica import regio

    # a gemeente with a '<5' so cell, one without any so location, and DUO's code 9999
    met_bereik = next(
        (c, j) for (s, c, j), v in sorted(verwacht.items()) if s == "SO" and v[0] != v[1]
    )
    zonder = next(
        c
        for c in (f"GM{n:04d}" for n in range(1, 2000))
        if any(k[1] == c for k in verwacht) and (("SO", c, 2025) not in verwacht)
    )
    gevallen = [
        ("so", *met_bereik),
        ("so", zonder, 2025),
        ("gespecialiseerd", "GM9999", 2000),
        ("gespecialiseerd", "GM0344", 2016),
        ("gespecialiseerd", "GM0363", 2025),
        ("sbo", "GM0599", 2010),
    ]
    for soort, code, jaar in gevallen:
        waarden = regio.waarden_per_jaar("gemeente", soort, "aantal")
        _vergelijk(waarden.get((code, jaar)), _som(verwacht, soort, {code}, jaar))
    assert met_bereik[0] != zonder


def test_provincies_gelijk_aan_het_bestand(met_database: Path, verwacht, provincie_van) -> None:
    from dashboard.logica import regio

    for soort, pv, jaar in [
        ("gespecialiseerd", "PV26", 2016),
        ("gespecialiseerd", "PV28", 2025),
        ("so", "PV29", 2005),
        ("vso", "PV22", 2025),
        ("so_vso", "PV31", 2019),
    ]:
        codes = {g for g, p in provincie_van.items() if p == pv}
        waarden = regio.waarden_per_jaar("provincie", soort, "aantal")
        _vergelijk(waarden.get((pv, jaar)), _som(verwacht, soort, codes, jaar))


def test_landelijk_is_som_van_alle_gemeenten_ook_9999(met_database: Path, verwacht) -> None:
    from dashboard.logica import regio

    alle = {c for (_, c, _) in verwacht}
    assert "GM9999" in alle
    land = regio.landelijk_per_jaar("gespecialiseerd", "aantal")
    for jaar in (2000, 2016, 2025):
        _vergelijk(land[jaar], _som(verwacht, "gespecialiseerd", alle, jaar))


def test_aandeel_per_1000_uit_het_bestand(met_database: Path, verwacht) -> None:
    from dashboard.logica import regio

    code, jaar = "GM0363", 2025
    teller = _som(verwacht, "so", {code}, jaar)
    noemer = [verwacht.get((s, code, jaar), [0, 0, 0])[0] for s in ("BO", "SBO", "SO")]
    rij = regio.waarden_per_jaar("gemeente", "so", "aandeel")[(code, jaar)]
    assert rij["waarde"] == pytest.approx(1000 * teller[0] / sum(noemer))


def test_uitkomst_zonder_vestiging_is_geen_nul(met_database: Path) -> None:
    from dashboard.logica import regio

    staat, _ = regio.lees_staat({"niveau": "gemeente", "soort": "so"})
    uit = regio.bereken(staat)
    zonder = [w for w in uit.regios if w.waarde is None]
    assert zonder and all(w.klasse is None and w.rang is None for w in zonder)
    assert regio.waarde_tekst(zonder[0], "aantal") == "geen vestiging"
    onbekend = next(w for w in uit.regios if w.code == "GM9999")
    assert not onbekend.op_kaart
    waarden = [w.waarde for w in uit.regios if w.waarde is not None]
    assert waarden == sorted(waarden, reverse=True)
    # fixed classes: the bounds do not depend on the year
    ander = regio.bereken({**staat, "jaar": 2005})
    assert ander.grenzen == uit.grenzen and len(uit.grenzen) == 4


def test_bereik_als_n_tot_4n(met_database: Path) -> None:
    from dashboard.logica import regio

    w = regio.Regiowaarde("GM0001", "X", 12.0, 12.0, 21.0)
    assert regio.waarde_tekst(w, "aantal") == "12–21"
    assert regio.waarde_tekst(regio.Regiowaarde("GM0001", "X", 1234.0), "aantal") == "1.234"


def test_url_contract(met_database: Path) -> None:
    from dashboard.gegevens import queries
    from dashboard.logica import regio
    from dashboard.onderdelen.state import naar_query

    staat, meldingen = regio.lees_staat({})
    assert staat == {
        "telling": "vestiging",  # a saved link without `telling` keeps its per-location view
        "niveau": "provincie",
        "soort": "gespecialiseerd",
        "jaar": max(queries.regio_jaren()),
        "maat": "aantal",
        "periode": "2010",
        "regio": None,
    }
    assert meldingen == []
    jaar = max(queries.regio_jaren())
    assert naar_query(regio.params(), staat) == (
        f"?urlversie=2&telling=vestiging&niveau=provincie&soort=gespecialiseerd&jaar={jaar}&maat=aantal"
        f"&periode=2010&regio=&versie={queries.dataversie_kort()}"
    )

    staat, meldingen = regio.lees_staat(
        {"niveau": "wijk", "soort": "setting", "jaar": "1800", "kleur": "rood"}
    )
    assert (staat["niveau"], staat["soort"], staat["jaar"]) == (
        "provincie",
        "gespecialiseerd",
        max(queries.regio_jaren()),
    )
    assert len(meldingen) == 4  # three invalid values and one unknown key

    staat, meldingen = regio.lees_staat({"soort": "vso", "maat": "aandeel"})
    assert staat["maat"] == "aantal" and "sbo en so" in meldingen[0]

    staat, meldingen = regio.lees_staat({"regio": "GM0344"})
    assert staat["regio"] is None and "hoort niet bij" in meldingen[0]

    staat, meldingen = regio.lees_staat(
        {"niveau": "gemeente", "soort": "so", "maat": "aandeel", "jaar": "2019", "regio": "GM0344"}
    )
    assert meldingen == []
    query = naar_query(regio.params(), staat)
    versie = queries.dataversie_kort()  # a query is pinned to its data
    assert query == (
        "?urlversie=2&telling=vestiging&niveau=gemeente&soort=so&jaar=2019&maat=aandeel&periode=2010"
        "&regio=GM0344"
        f"&versie={versie}"
    )


def test_samenvatting_uit_de_data(met_database: Path) -> None:
    from dashboard.figuren import format as nl
    from dashboard.logica import regio

    staat, _ = regio.lees_staat({"niveau": "gemeente", "soort": "so", "jaar": "2025"})
    uit = regio.bereken(staat)
    tekst = regio.samenvatting(uit)
    land = regio.landelijk_per_jaar("so", "aantal")[2025]["waarde"]
    assert f"Landelijk: {nl.getal(land)} leerlingen" in tekst
    hoogste = [w.naam for w in uit.regios if w.op_kaart and w.waarde is not None][:5]
    deel = tekst.split("Hoogste 5: ")[1].split(". Laagste")[0]
    assert [d.rsplit(" ", 1)[0] for d in deel.split(", ")] == hoogste
    zonder = sum(1 for w in uit.regios if w.op_kaart and w.waarde is None)
    assert f"{zonder} van de 342 gemeenten hebben geen vestiging" in tekst


def test_kaart_zonder_coordinaten_op_scherm_met_in_export(met_database: Path) -> None:
    import json

    from dashboard.logica import regio, regiokaart
    from dashboard.uitvoer import bestanden

    staat, _ = regio.lees_staat({"niveau": "gemeente", "regio": "GM0344"})
    uit = regio.bereken(staat)
    scherm = regiokaart.kaart_figuur(uit, asset_url="/assets/geo/gemeente_2025.geojson")
    assert len(json.dumps(scherm)) < 60_000  # no polygons: only codes and hover points
    vlakken = [t for t in scherm["data"] if t.get("fill") == "toself"]
    assert all(t["x"] == [None] for t in vlakken)
    assert scherm["layout"]["meta"]["geo"].endswith("gemeente_2025.geojson")
    g = regiokaart.kaart_export(staat)
    assert sum(len(t["x"]) for t in g.figuur["data"] if t.get("fill") == "toself") > 5000
    assert g.figuur["layout"]["meta"]["bron"] == regio.BRONREGEL
    rijen = bestanden.rijen(g.reeksen, g.weergave)
    assert len(rijen) == sum(1 for w in uit.regios if w.waarde is not None)
    # a sum is afgeleid; a sum with a provisional part (DUO's newest peildatum) is voorlopig
    with duckdb.connect(str(met_database), read_only=True) as con:
        voorlopig = con.execute(
            "SELECT bool_or(status = 'voorlopig') FROM regio_waarneming "
            "WHERE jaar = ? AND telling = 'vestiging'",
            [staat["jaar"]],
        ).fetchone()[0]
    assert {r["status"] for r in rijen} == ({"voorlopig"} if voorlopig else {"afgeleid"})
    assert (
        "Gespecialiseerd = so + vso + so/vso" in g.indicator_meta[g.indicator_ids[0]]["definitie"]
    )


def test_standaard_vanaf_2010_en_geen_index_over_een_breuk(met_database: Path) -> None:
    from dashboard.logica import regio

    staat, _ = regio.lees_staat({"soort": "so", "regio": "PV26"})
    for weergave in ("absoluut", "index"):
        reeksen, _ = regio.trend_reeksen(staat, weergave)
        assert reeksen and all(r.punten[0].jaar == regio.VANAF for r in reeksen)
    # all years: the absolute line keeps 1996-2009, the index never reaches across 2010
    alles = {**staat, "periode": "alles"}
    absoluut, _ = regio.trend_reeksen(alles, "absoluut")
    assert min(p.jaar for p in absoluut[0].punten) == 1996
    assert {1998, 2010} <= set(absoluut[0].alle_breuken())
    index, meldingen = regio.trend_reeksen(alles, "index")
    assert min(p.jaar for r in index for p in r.punten) == 2010
    assert any("trendbreuken in 1998 en 2010" in m for m in meldingen)
    # the table: no change from a year before the break to the base year or the year before
    uit = regio.bereken({**staat, "jaar": 2010, "regio": None})
    assert all(w.verandering_vorig is None for w in uit.regios)
    assert any(w.verandering_basis is not None for w in uit.regios)  # 2010 and 2016: same part
    uit = regio.bereken({**staat, "jaar": 2009, "regio": None})
    assert all(w.verandering_basis is None for w in uit.regios)
    uit = regio.bereken({**staat, "jaar": 2011, "regio": None})
    assert any(w.verandering_vorig is not None for w in uit.regios)
    vso = regio.breuken("vso")
    assert vso == (1998, 1999, 2000, 2001, 2002, 2010)
    assert "sinds 1996" not in regio.kanttekening(staat)


def test_labels_zeggen_wat_ze_tellen(met_database: Path) -> None:
    from dashboard.logica import regio

    assert regio.SOORTEN["so"][0] == "leerlingen op so-vestigingen (so/vso-vestigingen apart)"
    for soort, (label, _) in regio.SOORTEN.items():
        assert label.startswith("leerlingen op "), soort
        staat, _ = regio.lees_staat({"soort": soort})
        assert ("van soort wisselen" in regio.kanttekening(staat)) == (soort != "gespecialiseerd")
    assert regio.lees_staat({})[0]["soort"] == "gespecialiseerd"


def test_bereik_met_gelijke_grenzen_is_een_waarde() -> None:
    from dashboard.logica import regio

    assert regio.bereik_tekst(21.3, 21.31, 21.34, "aandeel") == "21,3"
    assert regio.bereik_tekst(21.3, 21.3, 24.0, "aandeel") == "21,3–24,0"
    assert regio.bereik_tekst(12, 12, 15, "aantal") == "12–15"
    assert regio.bereik_tekst(12, None, None, "aantal") == "12"


def test_kaartexport_kolom_regio_en_voorbehoud(met_database: Path) -> None:
    import io
    from datetime import date

    from openpyxl import load_workbook

    from dashboard.logica import regio, regiokaart
    from dashboard.uitvoer import pakket

    staat, _ = regio.lees_staat({"soort": "so"})
    g = regiokaart.kaart_export(staat)
    data, _ = pakket.maak_bestand(g, "xlsx", date(2026, 12, 3))
    blad = load_workbook(io.BytesIO(data))["data"]
    kop = [c.value for c in blad[1]]
    assert "regio" in kop and "indicator" not in kop
    namen = {blad.cell(r, kop.index("regio") + 1).value for r in range(2, blad.max_row + 1)}
    assert {"Utrecht", "Groningen"} <= namen
    # the image export: the caveat is drawn under the map (memo footer annotation)
    figuur = pakket.voor_export(g.figuur, date(2026, 12, 3), False, g.voetnoot)
    tekst = " ".join(a.get("text", "") for a in figuur["layout"]["annotations"])
    assert "niet kinderen die er wonen" in tekst.replace("<br>", " ")
    assert "van soort wisselen" in tekst.replace("<br>", " ")


@pytest.mark.parametrize(
    "telling, producenten", [("vestiging", "DUO; CBS/PDOK"), ("woonplaats", "CBS; CBS/PDOK")]
)
def test_kaart_citeerregel_noemt_de_producent_van_de_telling(
    met_database: Path, telling: str, producenten: str
) -> None:
    from dashboard.logica import regio, regiokaart
    from dashboard.onderdelen.components import citeerblok

    staat, _ = regio.lees_staat({"telling": telling, "niveau": "provincie"})
    assert regio.is_woon(staat) == (telling == "woonplaats")
    figuur = regiokaart.kaart_figuur(regio.bereken(staat))
    tekst = "".join(d if isinstance(d, str) else str(d.children) for d in citeerblok(figuur))
    assert tekst.startswith("Citeer als: Ketenmonitor (") and "Data-versie " in tekst
    assert tekst.endswith(f"Bron: {producenten}.")
    # the exported image cites the producer of its plotted values (the map shapes are in its
    # source line)
    eerste = producenten.split(";")[0]
    assert f"Bron: {eerste}" in regiokaart.kaart_export(staat).citeerregel()
