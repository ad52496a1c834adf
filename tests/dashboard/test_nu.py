"""'Waar staat de keten nu': every expected change is computed here from the database itself
(plain SQL on the built file, not through the dashboard's code), then the table, the
headline, the ketenkaart's since-2019 view and the export are checked against it."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import dash
import duckdb
import pytest

from dashboard.figuren import format as nl
from dashboard.figuren.sparklijn import sparklijn_svg
from dashboard.logica import nu, nu_export
from dashboard.logica.ketenkaart import KETEN, KLASSEN_PER_JAAR


def _jaren(db: Path, indicator_id: str) -> tuple[dict[int, dict[str, Any]], int | None, str]:
    """Yearly totals {jaar: {waarde, status, uitgever}}, the break year and the period type."""
    with duckdb.connect(str(db), read_only=True) as con:
        breuk, soort = con.execute(
            "SELECT reeksbreuk_jaar, periode_type FROM indicator WHERE indicator_id = ?",
            [indicator_id],
        ).fetchone()
        rijen = con.execute(
            """SELECT w.periode_van, w.waarde, w.status, b.uitgever
               FROM waarneming w JOIN bron b USING (bron_id)
               WHERE w.indicator_id = ? AND w.uitsplitsing = 'totaal'
                 AND w.periode_van = w.periode_tot""",
            [indicator_id],
        ).fetchall()
    return {j: {"waarde": w, "status": s, "uitgever": u} for j, w, s, u in rijen}, breuk, soort


def _verwacht_sinds(jaren: dict[int, dict[str, Any]], breuk: int | None) -> tuple | None:
    """(van, tot, procent, per jaar) since 2019, or from a later break; None if < 2 years."""
    start = breuk if breuk and breuk > 2019 else 2019
    segment = sorted(j for j in jaren if j >= start)
    if len(segment) < 2:
        return None
    van, tot = segment[0], segment[-1]
    q = jaren[tot]["waarde"] / jaren[van]["waarde"]
    return van, tot, 100 * (q - 1), 100 * (q ** (1 / (tot - van)) - 1)


def _tekst(onderdeel: Any) -> str:
    """All text in a Dash component tree, in document order."""
    if isinstance(onderdeel, str | int | float):
        return str(onderdeel)
    if isinstance(onderdeel, list | tuple):
        return " ".join(_tekst(o) for o in onderdeel)
    kinderen = getattr(onderdeel, "children", None)
    return _tekst(kinderen) if kinderen is not None else ""


def _zoek(onderdeel: Any, test) -> list[Any]:
    gevonden = [onderdeel] if test(onderdeel) else []
    kinderen = getattr(onderdeel, "children", None)
    if isinstance(kinderen, list | tuple):
        for k in kinderen:
            gevonden += _zoek(k, test)
    elif kinderen is not None and not isinstance(kinderen, str | int | float):
        gevonden += _zoek(kinderen, test)
    return gevonden


def _pagina(**kwargs: Any) -> Any:
    from dashboard.app import app  # noqa: F401  (registers the pages)

    pagina = next(p for p in dash.page_registry.values() if p["module"].endswith("overzicht"))
    return pagina["layout"](**kwargs)


@pytest.fixture
def rijen(met_database: Path) -> dict[str, nu.Rij]:
    return {r.setting_id: r for r in nu.rijen()}


def test_een_rij_per_setting_in_ketenvolgorde(rijen: dict[str, nu.Rij]) -> None:
    assert list(rijen) == [s for baan in KETEN.values() for s in baan]
    assert "voorschoolse_educatie" in rijen


def test_elke_verandering_uit_de_database(met_database: Path, rijen: dict[str, nu.Rij]) -> None:
    gecontroleerd = 0
    for sid, reeks_id in nu.REEKS.items():
        jaren, breuk, _ = _jaren(met_database, reeks_id)
        r = rijen[sid]
        assert r.laatste["waarde"] == jaren[max(jaren)]["waarde"]
        assert r.laatste["status"] == jaren[max(jaren)]["status"]
        verwacht = _verwacht_sinds(jaren, breuk)
        if verwacht is None:
            assert r.sinds is None and r.sinds_reden
        else:
            van, tot, procent, per_jaar = verwacht
            assert (r.sinds.van, r.sinds.tot) == (van, tot)
            assert r.sinds.procent == pytest.approx(procent)
            assert r.sinds.per_jaar == pytest.approx(per_jaar)
            woord = "stijgt" if per_jaar >= 1 else "daalt" if per_jaar < -1 else "stabiel"
            assert r.richting == woord
            gecontroleerd += 1
        over_breuk = breuk is not None and 2016 < breuk <= 2019
        if over_breuk or not {2016, 2019} <= set(jaren):
            assert r.basis is None and r.basis_reden
        else:
            assert r.basis.procent == pytest.approx(
                100 * (jaren[2019]["waarde"] / jaren[2016]["waarde"] - 1)
            )
    assert gecontroleerd >= 4


def test_jeugdhulp_alleen_na_de_trendbreuk(met_database: Path, rijen: dict[str, nu.Rij]) -> None:
    jaren, breuk, _ = _jaren(met_database, nu.REEKS["jeugdhulp"])
    assert breuk and breuk > 2019  # the case this test is about
    s = rijen["jeugdhulp"].sinds
    assert s.van == breuk and s.na_breuk == breuk
    procent = 100 * (jaren[s.tot]["waarde"] / jaren[breuk]["waarde"] - 1)
    verwacht = (
        f"{nu.procent(procent)} ({breuk}–{s.tot}, {s.tot - breuk} jaar, na trendbreuk {breuk})"
    )
    assert s.tekst() == verwacht
    rij = _zoek(_pagina(), lambda o: getattr(o, "id", None) == "nu-jeugdhulp")[0]
    assert f"na trendbreuk {breuk}" in _tekst(rij)
    assert nu.procent(procent) in _tekst(rij)


def test_kinderopvang_geen_2016_2019_wel_berenschot_ernaast(
    met_database: Path, rijen: dict[str, nu.Rij]
) -> None:
    _, breuk, _ = _jaren(met_database, nu.REEKS["kinderopvang"])
    assert breuk and 2016 < breuk <= 2019
    r = rijen["kinderopvang"]
    assert r.basis is None and f"trendbreuk in {breuk}" in r.basis_reden
    with duckdb.connect(str(met_database), read_only=True) as con:
        (berenschot,) = con.execute(
            """SELECT waarde FROM waarneming WHERE indicator_id = 'berenschot_ko_ondersteuning_groei'
               AND periode_van = 2016 AND periode_tot = 2019"""
        ).fetchone()
    cel = _tekst(_zoek(_pagina(), lambda o: getattr(o, "id", None) == "nu-kinderopvang")[0])
    assert f"trendbreuk in {breuk}" in cel
    assert (
        f"Berenschot (aandeel kinderen met ondersteuning; eigen afbakening): "
        f"{nu.procent(berenschot)} (" in cel
    )
    # beside, never merged: the series' own 2016–2019 cell stays "not computable"
    assert rijen["kinderopvang"].berenschot["waarde"] == berenschot


def test_aandeel_in_procentpunten_van_dezelfde_maker(
    met_database: Path, rijen: dict[str, nu.Rij]
) -> None:
    telling, _, soort = _jaren(met_database, nu.REEKS["so"])
    aandeel, _, _ = _jaren(met_database, nu.AANDEEL["so"])
    s = rijen["so"].sinds
    assert telling[s.van]["uitgever"] == aandeel[s.van]["uitgever"]
    verschil = aandeel[s.tot]["waarde"] - aandeel[s.van]["waarde"]
    a = rijen["so"].aandeel
    assert (a.van, a.tot) == (s.van, s.tot)
    assert a.verschil_pp == pytest.approx(verschil)
    cel = _tekst(_zoek(_pagina(), lambda o: getattr(o, "id", None) == "nu-so")[0])
    assert f"{nu.procentpunt(verschil)} sinds {nl.periode(s.van, s.van, soort)}" in cel


def test_aandeel_van_andere_maker_krijgt_geen_verschil() -> None:
    def punt(jaar: int, waarde: float, uitgever: str) -> dict[str, Any]:
        return {"jaar": jaar, "waarde": waarde, "status": "gepubliceerd", "bron_uitgever": uitgever}

    telling = [punt(2019, 100, "OCW"), punt(2023, 90, "OCW")]
    sinds, _ = nu.sinds(telling, (), "schooljaar")
    meta = {"indicator_id": "x", "korte_titel": "x", "periode_type": "schooljaar"}
    zelfde = nu.aandeel(meta, [punt(2019, 2.0, "OCW"), punt(2023, 2.5, "OCW")], telling, sinds)
    ander = nu.aandeel(meta, [punt(2019, 2.0, "CBS"), punt(2023, 2.5, "OCW")], telling, sinds)
    assert zelfde.verschil_pp == pytest.approx(0.5)
    assert ander.verschil_pp is None and "dezelfde maker" in ander.reden
    # a count that falls while its share rises: both shown, neither hides the other
    assert sinds.procent < 0 < zelfde.verschil_pp


def test_setting_zonder_reeks_toont_signaal(met_database: Path, rijen: dict[str, nu.Rij]) -> None:
    with duckdb.connect(str(met_database), read_only=True) as con:
        onderwerpen = [
            o
            for (o,) in con.execute(
                "SELECT onderwerp FROM signaal WHERE setting_id = 'kdc' AND soort = 'bevinding'"
            ).fetchall()
        ]
    assert onderwerpen
    r = rijen["kdc"]
    assert r.reeks is None and r.sinds is None
    cel = _tekst(_zoek(_pagina(), lambda o: getattr(o, "id", None) == "nu-kdc")[0])
    assert "geen openbare reeks" in cel
    for onderwerp in onderwerpen:
        assert onderwerp in cel
    cellen = _zoek(
        _zoek(_pagina(), lambda o: getattr(o, "id", None) == "nu-kdc")[0],
        lambda o: type(o).__name__ in ("Td", "Th"),
    )
    assert all(_tekst(c).strip() for c in cellen)  # never an empty cell


def test_kop_uit_dezelfde_rijen(met_database: Path, rijen: dict[str, nu.Rij]) -> None:
    kop = _tekst(_zoek(_pagina(), lambda o: getattr(o, "id", None) == "nu-kop")[0])
    for sid, reeks_id in nu.REEKS.items():
        jaren, breuk, soort = _jaren(met_database, reeks_id)
        verwacht = _verwacht_sinds(jaren, breuk)
        if verwacht is None:
            assert "Geen verandering sinds 2019 te berekenen voor" in kop
            assert nu.korte_naam(rijen[sid]) in kop
            continue
        van, tot, procent, per_jaar = verwacht
        periode = f"{nl.periode(van, van, soort)}–{nl.periode(tot, tot, soort)}"
        assert f"{nu.korte_naam(rijen[sid])} {nu.procent(procent)} ({periode}" in kop
        assert f"{nu.procent(per_jaar)} per jaar" in kop
    assert "Geen openbare reeks voor" in kop and "KDC" in kop
    # each setting stands under the direction word its own per-year change gives
    eerste = kop.split("—", 1)[1].split(". ")[0]
    delen = re.split(r"; (?=(?:stijgt|stabiel|daalt): )", eerste)
    groepen = dict(deel.strip().split(": ", 1) for deel in delen)
    for r in rijen.values():
        if r.sinds is not None:
            woord = (
                "stijgt"
                if r.sinds.per_jaar >= 1
                else "daalt"
                if r.sinds.per_jaar < -1
                else "stabiel"
            )
            assert nu.korte_naam(r) in groepen[woord], (r.setting_id, groepen)


def test_richting_drempel_vast_en_gelijk_aan_kleurklassen() -> None:
    assert nu.DREMPEL_PER_JAAR == 1.0
    assert nu.richting(1.0) == "stijgt" and nu.richting(0.99) == "stabiel"
    assert nu.richting(-1.0) == "stabiel" and nu.richting(-1.01) == "daalt"
    grenzen = {k: g for g, k, _ in KLASSEN_PER_JAAR}
    assert grenzen["groei-daling"] == -nu.DREMPEL_PER_JAAR
    assert grenzen["groei-stabiel"] == nu.DREMPEL_PER_JAAR


def test_tabel_is_echte_tabel(met_database: Path) -> None:
    tabel = _zoek(_pagina(), lambda o: getattr(o, "id", None) == "nu-tabel")[0]
    assert type(tabel).__name__ == "Table"
    assert _zoek(tabel, lambda o: type(o).__name__ == "Caption")
    koppen = _zoek(tabel, lambda o: type(o).__name__ == "Th")
    assert koppen and all(getattr(k, "scope", None) in ("col", "row") for k in koppen)


def test_ketenkaart_sinds_2019_kleurt_per_jaar(
    met_database: Path, rijen: dict[str, nu.Rij]
) -> None:
    pagina = _pagina(periode="sinds-2019")
    knopen = {
        k.id if hasattr(k, "id") else None: k
        for k in _zoek(pagina, lambda o: "knoop" in str(getattr(o, "className", "")).split())
    }
    kaart = _zoek(pagina, lambda o: getattr(o, "id", None) == "ketenkaart")[0]
    assert "periode-sinds-2019" in kaart.className
    klassen = [
        k.className
        for k in _zoek(kaart, lambda o: "knoop" in str(getattr(o, "className", "")).split())
    ]
    verwacht = []
    for baan in KETEN.values():
        for sid in baan:
            s = rijen[sid].sinds
            verwacht.append(
                "groei-onbekend"
                if s is None
                else next(k for g, k, _ in KLASSEN_PER_JAAR if s.per_jaar < g)
            )
    assert [c.split()[1] for c in klassen] == verwacht
    assert knopen  # nodes found
    huidige = _zoek(pagina, lambda o: "actief" in str(getattr(o, "className", "")).split())
    assert [_tekst(h) for h in huidige] == ["Sinds 2019"]
    assert "Ongeldige" not in _tekst(pagina)


def test_onbekende_periode_valt_terug_met_melding(met_database: Path) -> None:
    pagina = _pagina(periode="2010-2012")
    assert "Ongeldige waarde ‘2010-2012’ voor ‘periode van de ketenkaart’" in _tekst(pagina)
    kaart = _zoek(pagina, lambda o: getattr(o, "id", None) == "ketenkaart")[0]
    assert "periode-2016-2019" in kaart.className


def test_export_csv_zelfde_cijfers_en_bronkolommen(met_database: Path) -> None:
    from dashboard.uitvoer import pakket

    g = nu_export.export()
    data, naam = pakket.maak_bestand(g, "csv", date(2026, 12, 7))
    assert naam == "ketenmonitor_waar_staat_de_keten_nu_2016-2025_20261207.csv"
    tekst = data.decode("utf-8-sig")
    rijen = {r["setting_id"]: r for r in csv.DictReader(io.StringIO(tekst), delimiter=";")}
    assert list(rijen) == [s for baan in KETEN.values() for s in baan]
    for kolom in ("status", "bron", "bron_url", "formule", "sinds_2019_per_jaar_procent"):
        assert kolom in rijen["so"]
    jaren, breuk, _ = _jaren(met_database, nu.REEKS["so"])
    _, _, procent, _ = _verwacht_sinds(jaren, breuk)
    assert float(rijen["so"]["sinds_2019_procent"].replace(",", ".")) == pytest.approx(
        procent, abs=1e-4
    )
    assert "," in rijen["so"]["sinds_2019_per_jaar_procent"]  # decimal comma
    assert rijen["so"]["bron_url"].startswith("https://")
    assert rijen["kdc"]["indicator"] == "geen openbare reeks" and rijen["kdc"]["signaal_kamerbrief"]
    assert re.match(r"^[+-]?\d", rijen["so"]["aandeel_verschil_procentpunt"])


def test_export_in_briefingpakket(met_database: Path) -> None:
    import zipfile

    from dashboard.uitvoer import pakket

    g = nu_export.export()
    assert g.figuur["data"][0]["type"] == "bar"
    assert len(g.figuur["data"][0]["x"]) == sum(1 for r in nu.rijen() if r.sinds)
    zip_ = pakket.briefingpakket([g], date(2026, 12, 7))
    with zipfile.ZipFile(io.BytesIO(zip_)) as z:
        basis = "01_ketenmonitor_waar_staat_de_keten_nu_2016-2025_20261207"
        assert {f"{basis}.{f}" for f in ("csv", "png", "svg")} <= set(z.namelist())
        assert z.read(f"{basis}.png").startswith(b"\x89PNG")
        assert "Waar staat de keten nu" in z.read("README.txt").decode()


def test_sparklijn_overbrugt_geen_trendbreuk() -> None:
    svg = sparklijn_svg(
        [
            (2019, 1.0, "gepubliceerd"),
            (2020, 2.0, "gepubliceerd"),
            (2021, 5.0, "afgeleid"),
            (2022, 6.0, "voorlopig"),
        ],
        breuk=2021,
    )
    lijnen = re.findall(
        r'<line x1="([\d.]+)"[^>]*x2="([\d.]+)"[^>]*stroke="#154273"[^>]*?(stroke-dasharray="3 2")?/>',
        svg,
    )
    assert len(lijnen) == 2  # 2019–2020 and 2021–2022; none from 2020 to 2021
    assert lijnen[1][2]  # the stretch to a provisional value is dashed
    assert svg.count("<circle") == 4


def test_meer_breuken_elke_breuk_telt() -> None:
    """A series with several breaks: no 2016–2019 change across the one inside it, and
    'since 2019' starts at the last break after 2019, not the first."""
    punten = [
        {"jaar": j, "waarde": 100.0 + j - 2010, "status": "gepubliceerd"} for j in range(2010, 2025)
    ]
    basis, reden = nu.verandering(punten, 2016, 2019, (2012, 2018), "kalenderjaar")
    assert basis is None and "2018" in reden
    sinds, _ = nu.sinds(punten, (2018, 2020, 2022), "kalenderjaar")
    assert sinds is not None and (sinds.van, sinds.tot, sinds.na_breuk) == (2022, 2024, 2022)
    sinds, _ = nu.sinds(punten, (2012,), "kalenderjaar")
    assert sinds is not None and (sinds.van, sinds.na_breuk) == (2019, None)
