"""Importers on files shaped like the real publisher files (defects found on real files).

Fixtures in tests/fixtures/formaten (see the README there): an English OData v3 table saved by
hand from a browser, a StatLine CSV with a lower-case id and mixed periods, an old StatLine
export in Windows-1252, and a small file in the layout of DUO's historical overview per school
location. Their numbers are synthetic; each test damages a private copy.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from etl.importers import lees_importen
from etl.importers.basis import Importtabel, periode_uit_code, periode_uit_label
from etl.importers.cbs import tabel_url
from tests.conftest import vervang_import
from tests.etl.manifesthulp import hernoem, herstempel

FORMATEN = Path(__file__).resolve().parent.parent / "fixtures" / "formaten"
DUO = "duo-historisch-vestigingen.csv"
CSV = "37296ned_2025-01-15.csv"


@pytest.fixture
def formaten(raw: Path) -> Path:
    """data/raw copy whose import folder holds only the format fixtures."""
    vervang_import(raw, FORMATEN)
    return raw


def pas_mapping_aan(raw: Path, wijzig: Callable[[list[dict]], None]) -> None:
    pad = raw / "import" / "mapping.json"
    mapping = json.loads(pad.read_text(encoding="utf-8"))
    wijzig(mapping["tabellen"])
    pad.write_text(json.dumps(mapping, ensure_ascii=False, indent=1), encoding="utf-8")


def alleen(raw: Path, *formaat: str) -> None:
    """Keep only the mapping blocks of the given formats."""
    pas_mapping_aan(
        raw, lambda t: t.__setitem__(slice(None), [b for b in t if b["formaat"] in formaat])
    )


def importen(raw: Path) -> dict[str, Importtabel]:
    herstempel(raw)
    problemen, tabellen = lees_importen(raw)
    assert problemen == [], [str(p) for p in problemen]
    return {t.tabel_id: t for t in tabellen}


def problemen(raw: Path) -> list[str]:
    herstempel(raw)
    fouten, _ = lees_importen(raw)
    assert fouten, "verwacht minstens één probleem"
    return [str(p) for p in fouten]


def rij(tabel: Importtabel, indicator: str, jaar: int) -> dict:
    [gevonden] = [
        w for w in tabel.waarnemingen if w["indicator_id"] == indicator and w["periode_van"] == jaar
    ]
    return gevonden


def regio(tabel: Importtabel, code: str, indicator: str, jaar: int) -> dict | None:
    gevonden = [
        r
        for r in tabel.regio_waarnemingen
        if (r["regio_code"], r["indicator_id"], r["jaar"]) == (code, indicator, jaar)
    ]
    return gevonden[0] if gevonden else None


# --- 1. provisional status from the period code list ---------------------------------------


def test_voorlopig_uit_status_van_de_periode(formaten: Path) -> None:
    odata = importen(formaten)["80518ENG"]
    assert rij(odata, "jeugdhulp_zonder_verblijf", 2024)["status"] == "gepubliceerd"
    # Title '2025' has no '*': only Status "Provisional" / Description say so.
    assert rij(odata, "jeugdhulp_zonder_verblijf", 2025)["status"] == "voorlopig"


def test_definitieve_periode_blijft_gepubliceerd(formaten: Path) -> None:
    pad = formaten / "import" / "80518ENG" / "Periods.Json"
    pad.write_text(
        pad.read_text(encoding="utf-8")
        .replace('"Provisional figures"', "null")
        .replace('"Provisional"', '"Definitive"'),
        encoding="utf-8",
    )
    odata = importen(formaten)["80518ENG"]
    assert rij(odata, "jeugdhulp_zonder_verblijf", 2025)["status"] == "gepubliceerd"


@pytest.mark.parametrize(
    ("status", "teken"),
    [
        ("Voorlopig", "*"),
        ("Voorlopige cijfers", "*"),
        ("Nader voorlopig", "**"),
        ("Definitief", ""),
    ],
)
def test_status_woorden_van_cbs(status: str, teken: str) -> None:
    assert periode_uit_code("2023JJ00", "2023", status).teken == teken


# --- 2. a selection that matches nothing ---------------------------------------------------


def test_selectie_in_een_andere_taal_is_een_fout(formaten: Path) -> None:
    pas_mapping_aan(formaten, lambda t: t[0]["reeksen"][0]["selectie"].update(Regions="Nederland"))
    fouten = problemen(formaten)
    assert any(
        "Regions.Json: Regions: selectie 'Nederland' voor jeugdhulp_zonder_verblijf komt in geen"
        " rij voor"
        in p
        and "'The Netherlands'" in p
        for p in fouten
    ), fouten


def test_enige_reeks_zonder_rij_geeft_geen_traceback(formaten: Path, tmp_path: Path) -> None:
    from tests.etl.test_build import _cli

    def een_reeks(t: list[dict]) -> None:
        t[:] = [t[0]]
        t[0]["reeksen"] = [t[0]["reeksen"][0]]
        t[0]["reeksen"][0]["selectie"] = {"Regions": "Nederland"}

    pas_mapping_aan(formaten, een_reeks)
    uit = _cli("build", "--raw", str(formaten), "--out", str(tmp_path / "k.duckdb"))
    assert uit.returncode == 1, uit.stdout
    assert "Traceback" not in uit.stderr and "KeyError" not in uit.stderr
    assert "selectie 'Nederland' voor jeugdhulp_zonder_verblijf komt in geen rij voor" in uit.stderr


def test_selectie_zonder_rij_csv_en_duo(formaten: Path) -> None:
    def hernoem(t: list[dict]) -> None:
        t[1]["reeksen"][0]["selectie"]["Geslacht"] = "Mannen en vrouwen"
        t[2]["reeksen"][2]["selectie"]["SOORT_VESTIGING"] = "SO-vestiging"

    pas_mapping_aan(formaten, hernoem)
    fouten = problemen(formaten)
    assert any(f"{CSV}:2: Geslacht: selectie 'Mannen en vrouwen'" in p for p in fouten), fouten
    assert any(
        f"{DUO}:1: SOORT_VESTIGING: selectie 'SO-vestiging'" in p and "'SO/VSO'" in p
        for p in fouten
    ), fouten


# --- 3. DUO's privacy mark `<5` is a range ------------------------------------------------


def test_privacyteken_geeft_een_bereik(formaten: Path) -> None:
    duo = importen(formaten)["duo-historisch-vestigingen"]
    bo = rij(duo, "po_regulier_leerlingen", 2015)  # 200 + one '<5' at 99AB00
    assert (bo["waarde"], bo["ondergrens"], bo["bovengrens"]) == (201, 201, 204)
    assert bo["status"] == "afgeleid"
    assert "1 cel(len) met een privacyteken" in bo["noot"] and "99AB00" in bo["noot"]
    zonder = rij(duo, "po_regulier_leerlingen", 2017)  # no mark: exact, no bounds
    assert (zonder["waarde"], zonder["ondergrens"], zonder["bovengrens"]) == (300, None, None)


def test_reeks_zonder_regio_alleen_landelijk(formaten: Path) -> None:
    """`"regio": false` on a series: national rows as usual, no regional rows for that series
    (any second series over the same BO locations)."""

    def landelijk_bo(t: list[dict]) -> None:
        t[2]["reeksen"].append(
            {
                "indicator_id": "leerlingen_duo_leeftijd_bo",
                "waarde": "LEERLINGEN_{jaar}",
                "selectie": {"SOORT_VESTIGING": "BO"},
                "regio": False,
            }
        )

    pas_mapping_aan(formaten, landelijk_bo)
    duo = importen(formaten)["duo-historisch-vestigingen"]
    landelijk, vestiging = (
        rij(duo, i, 2015) for i in ("leerlingen_duo_leeftijd_bo", "po_regulier_leerlingen")
    )
    assert (landelijk["waarde"], landelijk["bovengrens"]) == (
        vestiging["waarde"],
        vestiging["bovengrens"],
    )
    per_regio = {r["indicator_id"] for r in duo.regio_waarnemingen}
    assert "po_regulier_leerlingen" in per_regio and "leerlingen_duo_leeftijd_bo" not in per_regio


@pytest.mark.parametrize(
    ("blok", "waarde", "melding"),
    [
        ("reeks", {"gemeentecode": "GEMEENTECODE_VESTIGING"}, "in een reeks alleen false"),
        ("reeks", True, "in een reeks alleen false"),
        ("tabel", False, 'verwacht {"gemeentecode": kolom'),
    ],
)
def test_regio_in_reeks_alleen_false(
    formaten: Path, blok: str, waarde: object, melding: str
) -> None:
    def zet(t: list[dict]) -> None:
        (t[2]["reeksen"][0] if blok == "reeks" else t[2])["regio"] = waarde

    pas_mapping_aan(formaten, zet)
    assert any(".regio: " in p and melding in p for p in problemen(formaten))


def test_regio_met_alleen_afgeschermde_cellen_is_n_tot_4n(formaten: Path) -> None:
    duo = importen(formaten)["duo-historisch-vestigingen"]
    stadskanaal = regio(duo, "GM0037", "leerlingen_vestiging_so", 2017)
    assert stadskanaal is not None  # never a gap
    assert (stadskanaal["waarde"], stadskanaal["ondergrens"], stadskanaal["bovengrens"]) == (
        1,
        1,
        4,
    )
    assert stadskanaal["aantal_vestigingen"] == 1
    groningen = regio(duo, "PV20", "leerlingen_vestiging_so", 2017)  # 40 + one mark
    assert (groningen["waarde"], groningen["ondergrens"], groningen["bovengrens"]) == (41, 41, 44)


def test_onbekend_privacyteken_noemt_de_bekende(formaten: Path) -> None:
    pad = formaten / "import" / DUO
    tekst = pad.read_bytes().decode("utf-8-sig").replace(";<5;", ";<10;", 1)
    pad.write_bytes(("\ufeff" + tekst).encode("utf-8"))
    fouten = problemen(formaten)
    assert any(
        f"{DUO}:3: LEERLINGEN_2015: '<10' is geen geheel getal en geen bekend privacyteken"
        " (bekend: '<5')" in p
        for p in fouten
    ), fouten
    pas_mapping_aan(formaten, lambda t: t[2].update(onderdrukt={"<10": [1, 9]}))
    bo = rij(importen(formaten)["duo-historisch-vestigingen"], "po_regulier_leerlingen", 2015)
    assert (bo["ondergrens"], bo["bovengrens"]) == (201, 209)


# --- 4. a truncated file ------------------------------------------------------------------


def test_afgekapt_duo_bestand(formaten: Path) -> None:
    pad = formaten / "import" / DUO
    pad.write_bytes(pad.read_bytes()[:-40])  # cut inside the last row
    fouten = problemen(formaten)
    assert any(f"{DUO}:8:" in p and "afgekapt" in p for p in fouten), fouten


def test_afgekapte_statline_csv(formaten: Path) -> None:
    pad = formaten / "import" / CSV
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text(tekst[: tekst.index('"2025 januari*";"50') + 19], encoding="utf-8")
    fouten = problemen(formaten)
    assert any(f"{CSV}:6:" in p and "afgekapt" in p for p in fouten), fouten


def test_odata_met_maar_een_pagina(formaten: Path) -> None:
    pad = formaten / "import" / "80518ENG" / "TypedDataSet.Json"
    data = json.loads(pad.read_text(encoding="utf-8"))
    data["odata.nextLink"] = (
        "https://opendata.cbs.nl/ODataApi/OData/80518ENG/TypedDataSet?$skip=10000"
    )
    pad.write_text(json.dumps(data), encoding="utf-8")
    assert any("TypedDataSet.Json: odata.nextLink: onvolledig" in p for p in problemen(formaten))


def test_afgekapte_odata_json(formaten: Path) -> None:
    pad = formaten / "import" / "80518ENG" / "TypedDataSet.Json"
    pad.write_bytes(pad.read_bytes()[:300])
    assert any("geen geldige JSON (afgekapt" in p for p in problemen(formaten))


# --- 5. mixed frequencies, year limits, half years -----------------------------------------


def test_gemengde_perioden_geven_de_jaren(formaten: Path) -> None:
    odata = importen(formaten)["80518ENG"]
    jaren = sorted(
        w["periode_van"]
        for w in odata.waarnemingen
        if w["indicator_id"] == "jeugdhulp_zonder_verblijf"
    )
    assert jaren == [2024, 2025]
    assert rij(odata, "jeugdhulp_zonder_verblijf", 2025)["waarde"] == 1100  # not a month's 150
    assert odata.overgeslagen["maand"] == 2 and odata.overgeslagen["kwartaal"] == 2


def test_halfjaar_voedt_de_halfjaarindicator(formaten: Path) -> None:
    half = rij(importen(formaten)["80518ENG"], "jeugdhulp_zonder_verblijf_1e_halfjaar", 2025)
    assert (half["waarde"], half["status"], half["_periodesoort"]) == (700, "voorlopig", "halfjaar")


def test_jaren_begrenzen_de_import(formaten: Path) -> None:
    csv = importen(formaten)["37296NED"]
    assert [w["periode_van"] for w in csv.waarnemingen] == [2025]
    assert csv.overgeslagen["buiten 'jaren'"] == 1
    pas_mapping_aan(formaten, lambda t: t[2].update(jaren={"van": 2010, "tot": 2012}))
    duo = importen(formaten)["duo-historisch-vestigingen"]
    assert {w["periode_van"] for w in duo.waarnemingen} == {2010, 2011, 2012}
    assert {r["jaar"] for r in duo.regio_waarnemingen} == {2010, 2011, 2012}


def test_alleen_maanden_is_een_fout_met_de_reden(formaten: Path) -> None:
    pas_mapping_aan(formaten, lambda t: t[1].update(jaren={"van": 2030}))
    assert any(
        f"{CSV}: Bevolking (aantal): de selectie voor jeugdhulp_zonder_verblijf levert geen enkel"
        " cijfer"
        in p
        and "buiten 'jaren'" in p
        for p in problemen(formaten)
    )


@pytest.mark.parametrize(
    ("label", "soort", "volgnummer", "teken"),
    [
        ("2025 1e halfjaar*", "halfjaar", 1, "*"),
        ("2019 2e kwartaal", "kwartaal", 2, ""),
        ("2019 januari", "maand", 0, ""),
        ("2019 1st quarter", "kwartaal", 1, ""),
    ],
)
def test_periodelabels_van_andere_frequenties(
    label: str, soort: str, volgnummer: int, teken: str
) -> None:
    p = periode_uit_label(label)
    assert (p.soort, p.volgnummer, p.teken) == (soort, volgnummer, teken)


@pytest.mark.parametrize("fout", [{"van": "2019"}, {"begin": 2019}, {"van": 2020, "tot": 2019}])
def test_jaren_in_de_mapping_worden_gecontroleerd(formaten: Path, fout: dict) -> None:
    pas_mapping_aan(formaten, lambda t: t[1].update(jaren=fout))
    assert any("mapping.json: tabellen[1].jaren:" in p for p in problemen(formaten))


# --- 6. a column of another year ----------------------------------------------------------


def test_kolom_van_een_ander_jaar(formaten: Path) -> None:
    def per_jaar(t: list[dict]) -> None:
        t[2]["periode"] = 2021
        t[2]["reeksen"] = [{"indicator_id": "po_regulier_leerlingen", "waarde": "LEERLINGEN_2025"}]

    pas_mapping_aan(formaten, per_jaar)
    assert any(
        f"{DUO}:1: LEERLINGEN_2025: kolom 'LEERLINGEN_2025' hoort bij 2025, maar het blok zegt"
        " periode 2021" in p
        for p in problemen(formaten)
    )


def test_kolom_van_het_eigen_jaar(formaten: Path) -> None:
    def per_jaar(t: list[dict]) -> None:
        t[2]["periode"] = 2021
        del t[2]["regio"]
        t[2]["reeksen"] = [
            {
                "indicator_id": "po_regulier_leerlingen",
                "waarde": "LEERLINGEN_2021",
                "selectie": {"SOORT_VESTIGING": "BO"},
            }
        ]

    pas_mapping_aan(formaten, per_jaar)
    assert (
        rij(importen(formaten)["duo-historisch-vestigingen"], "po_regulier_leerlingen", 2021)[
            "waarde"
        ]
        == 300
    )


# --- 7. identifiers ---------------------------------------------------------------------------


def test_kleine_letters_en_engelse_tabellen(formaten: Path) -> None:
    tabellen = importen(formaten)  # mapping says '80518eng'; folder is '80518ENG'
    assert tabellen["80518ENG"].bron["url"] == "https://www.cbs.nl/en-gb/figures/detail/80518ENG"
    assert tabellen["37296NED"].bron["url"] == "https://www.cbs.nl/nl-nl/cijfers/detail/37296NED"
    assert tabellen["37296NED"].bron["datum"] == "2025-01-15"


@pytest.mark.parametrize("tabel_id", ["7052ENG", "37296ned", "80518ENG", "7461bev"])
def test_tabel_ids_in_een_csv_naam(formaten: Path, tabel_id: str) -> None:
    hernoem(formaten, CSV, f"{tabel_id}_2025-01-15.csv")

    def nieuw_id(t: list[dict]) -> None:
        t[1]["tabel_id"] = tabel_id
        t[1]["bestand"] = f"{tabel_id}_2025-01-15.csv"

    pas_mapping_aan(formaten, nieuw_id)
    assert importen(formaten)[tabel_id.upper()].bron["url"].endswith(tabel_id.upper())


def test_engelse_url() -> None:
    assert tabel_url("7052eng") == "https://www.cbs.nl/en-gb/figures/detail/7052ENG"


# --- 8. old StatLine layouts ----------------------------------------------------------------


def test_oude_statline_indeling_noemt_de_echte_oorzaak(formaten: Path) -> None:
    def oud(t: list[dict]) -> None:
        t[1]["tabel_id"] = "03759NED"
        t[1]["bestand"] = "oud-statline-03759ned.csv"
        t[1]["reeksen"] = [{"indicator_id": "so_leerlingen", "waarde": "Leerlingen (aantal)"}]

    pas_mapping_aan(formaten, oud)
    fouten = problemen(formaten)
    assert any(
        "oud-statline-03759ned.csv:3: -: oude StatLine-indeling:" in p
        and "de perioden staan als kolommen ('2018', '2019', '2020')" in p
        for p in fouten
    ), fouten
    assert not any("hernoemd bij de uitgever" in p for p in fouten)


# --- 9. a reproducible DUO note -------------------------------------------------------------


def test_duo_noot_noemt_selectie_en_telt_alleen_vestigingen_met_leerlingen(formaten: Path) -> None:
    duo = importen(formaten)["duo-historisch-vestigingen"]
    bo = rij(duo, "po_regulier_leerlingen", 2000)  # 99AB00 has 0 pupils until 2010
    assert bo["noot"] == (
        "som van kolom LEERLINGEN_2000 over 1 vestigingen met leerlingen met SOORT_VESTIGING ="
        f" 'BO' in {DUO} = 200"
    )
    assert rij(duo, "po_regulier_leerlingen", 2010)["noot"].startswith(
        "som van kolom LEERLINGEN_2010 over 2 vestigingen"
    )
    # A year where every location of a kind has 0 pupils gives no row, not a 0.
    assert not [
        w
        for w in duo.waarnemingen
        if w["indicator_id"] == "leerlingen_vestiging_sbo" and w["periode_van"] == 2025
    ]


# --- regions --------------------------------------------------------------------------------


def test_onbekende_gemeente_telt_landelijk_mee(formaten: Path) -> None:
    duo = importen(formaten)["duo-historisch-vestigingen"]
    assert rij(duo, "leerlingen_vestiging_so_vso", 2001)["waarde"] == 70
    onbekend = regio(duo, "GM9999", "leerlingen_vestiging_so_vso", 2001)
    assert onbekend["waarde"] == 70
    assert not any(
        r["regio_code"].startswith("PV") and r["indicator_id"].endswith("so_vso")
        for r in duo.regio_waarnemingen
    )
    assert {r["regio_code"]: r["naam"] for r in duo.regio}["GM9999"] == "gemeente onbekend"


def test_provincie_is_som_van_haar_gemeenten(formaten: Path) -> None:
    duo = importen(formaten)["duo-historisch-vestigingen"]
    provincie = {r["regio_code"]: r["provincie"] for r in duo.regio}
    for r in duo.regio_waarnemingen:
        if not r["regio_code"].startswith("PV"):
            continue
        delen = [
            g
            for g in duo.regio_waarnemingen
            if provincie.get(g["regio_code"]) == r["regio_code"]
            and (g["indicator_id"], g["jaar"]) == (r["indicator_id"], r["jaar"])
        ]
        assert r["waarde"] == sum(g["waarde"] for g in delen)
        assert r["aantal_vestigingen"] == sum(g["aantal_vestigingen"] for g in delen)


def test_gemeentecode_buiten_de_indeling(formaten: Path) -> None:
    pad = formaten / "import" / DUO
    tekst = pad.read_bytes().decode("utf-8-sig").replace(";37;STADSKANAAL;", ";1234;NERGENS;")
    pad.write_bytes(("\ufeff" + tekst).encode("utf-8"))
    assert any(
        "gemeentecode '1234' staat niet in de gemeente-indeling" in p for p in problemen(formaten)
    )


# --- a refused import -------------------------------------------------------------------------


def test_geweigerde_import_laat_database_byte_gelijk(formaten: Path, tmp_path: Path) -> None:
    from tests.etl.test_build import _cli

    doel = tmp_path / "k.duckdb"
    herstempel(formaten)
    eerst = _cli("build", "--raw", str(formaten), "--out", str(doel))
    assert eerst.returncode == 0, eerst.stderr
    assert "geïmporteerd: 80518ENG" in eerst.stdout and "regiorijen" in eerst.stdout
    voor = doel.read_bytes()
    pad = formaten / "import" / DUO
    tekst = pad.read_bytes().decode("utf-8-sig").replace(";<5;", ";n.v.t.;", 1)
    pad.write_bytes(("\ufeff" + tekst).encode("utf-8"))
    herstempel(formaten)
    uit = _cli("build", "--raw", str(formaten), "--out", str(doel))
    assert uit.returncode == 1
    assert f"{pad}:3: LEERLINGEN_2015: 'n.v.t.' is geen geheel getal" in uit.stderr, uit.stderr
    assert "Traceback" not in uit.stderr
    assert doel.read_bytes() == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.duckdb", "raw"]  # no temp files


# --- no traceback for any input file --------------------------------------------------------


def _schrijf(rel: str, data: bytes) -> Callable[[Path], None]:
    return lambda m: (m / rel).write_bytes(data)


def _in_mapping(blok: int, sleutel: str, waarde: object) -> Callable[[Path], None]:
    def wijzig(m: Path) -> None:
        mapping = json.loads((m / "mapping.json").read_text(encoding="utf-8"))
        mapping["tabellen"][blok][sleutel] = waarde
        (m / "mapping.json").write_text(json.dumps(mapping), encoding="utf-8")

    return wijzig


@pytest.mark.parametrize(
    ("wijzig", "reden"),
    [
        (_schrijf(DUO, b""), "bestand is leeg"),
        (_schrijf(DUO, bytes(range(256)) * 3), "regel heeft"),
        (_schrijf(DUO, b"INSTELLINGSCODE;SOORT_VESTIGING\r\n"), "geen kolom volgens het patroon"),
        (_schrijf(CSV, b""), "geen tabel gevonden"),
        (_schrijf("80518ENG/Tableinfos.Json", b"[]"), "tabel-id klopt niet"),
        (_schrijf("80518ENG/DataProperties.Json", b"{}"), "verwacht een lijst van objecten"),
        (_schrijf("80518ENG/TypedDataSet.Json", b"[1, 2]"), "verwacht een lijst van objecten"),
        (_schrijf("gemeente_provincie_klein.csv", b""), "bestand is leeg"),
        (_in_mapping(0, "tabel_id", 80518), "tabel_id: verwacht tekst"),
        (_in_mapping(1, "bestand", "80518ENG"), "is een map, geen bestand"),
        (_in_mapping(0, "schaal", "veel"), "schaal: verwacht een getal"),
        (_in_mapping(2, "regio", "GEMEENTECODE_VESTIGING"), "regio: verwacht"),
        (_schrijf("manifest.json", b'{"bestanden": ["a"]}'), "verwacht een lijst 'bestanden'"),
    ],
)
def test_geen_traceback_voor_kapotte_invoer(formaten: Path, wijzig, reden: str) -> None:
    wijzig(formaten / "import")
    if "'bestanden'" not in reden:
        herstempel(formaten)  # reach the importer, not only the manifest check
    fouten, tabellen = lees_importen(formaten)
    assert tabellen == [] or fouten
    assert any(reden in str(p) for p in fouten), [str(p) for p in fouten]
