"""Export core without a database: rows, Dutch CSV, Excel, filenames, zips, images."""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from dashboard.figuren.citatie import CURSIEF_HTML
from dashboard.figuren.figures import trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.gegevens.reeksen import maak_reeksen, staaf_reeksen
from dashboard.uitvoer import afbeelding, bestanden, pakket

DATUM = date(2026, 11, 23)
META = {
    "a": {
        "korte_titel": '=HYPERLINK("http://x")',
        "titel": "Indicator A",
        "definitie": "Def A",
        "kanttekening": None,
        "eenheid": "aantal",
        "periode_type": "schooljaar",
        "reeksbreuk_jaar": None,
    },
    "b": {
        "korte_titel": "Indicator B",
        "titel": "Indicator B lang",
        "definitie": "Def B",
        "kanttekening": "let op",
        "eenheid": "procent verandering",
        "periode_type": "kalenderjaar",
        "reeksbreuk_jaar": None,
    },
}


def _rij(ind, jaar, waarde, status="gepubliceerd", bron="b1"):
    return {
        "indicator_id": ind,
        "jaar": jaar,
        "categorie": "totaal",
        "waarde": waarde,
        "status": status,
        "bron_id": bron,
        "bron_titel": f"Titel {bron}",
        "bron_uitgever": "CBS",
        "bron_url": f"https://example.org/{bron}",
    }


@pytest.fixture
def reeksen():
    invoer = [
        _rij("a", 2016, 1000.0),
        _rij("a", 2017, 1234.5, "voorlopig"),
        _rij("b", 2016, -3.5, bron="b2"),
        _rij("b", 2017, 2.25, "afgeleid", bron="b2"),
    ]
    return maak_reeksen(invoer, META, "absoluut")


def _lees_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_rijen_volgen_de_reeksen(reeksen) -> None:
    uit = bestanden.rijen(reeksen, "absoluut")
    assert [(r["indicator_id"], r["jaar"], r["waarde"]) for r in uit] == [
        ("a", 2016, 1000.0),
        ("a", 2017, 1234.5),
        ("b", 2016, -3.5),
        ("b", 2017, 2.25),
    ]
    assert uit[0]["periode"] == "2016/17"  # schooljaar in Dutch notation
    assert uit[2]["periode"] == "2016"
    assert uit[0]["getoond"] is None and uit[0]["basisjaar"] is None
    assert uit[1]["bron"] == "CBS, Titel b1"
    assert tuple(uit[0]) == (*bestanden.KOLOMMEN, *bestanden.CITAAT_KOLOMMEN)


def test_rijen_in_index_hebben_getoond() -> None:
    reeksen = maak_reeksen([_rij("a", 2016, 1000.0), _rij("a", 2017, 1100.0)], META, "index")
    uit = bestanden.rijen(reeksen, "index")
    assert [r["getoond"] for r in uit] == [100, 110]
    assert {r["basisjaar"] for r in uit} == {2016}
    assert uit[1]["waarde"] == 1100.0  # published value untouched


def test_staafrijen_houden_hun_eigen_periode() -> None:
    """A bar over 2016–2019 and one without a named period: no year is made up in the file."""
    invoer = [
        {**_rij("b", None, 34.0), "periode_van": 2016, "periode_tot": 2019, "categorie": "kort"},
        {**_rij("b", None, 45.0), "periode_van": None, "periode_tot": None, "categorie": "lang"},
        {**_rij("b", None, 9.0), "periode_van": 2022, "periode_tot": 2022, "categorie": "0-3"},
    ]
    uit = bestanden.rijen(staaf_reeksen(invoer, META), "absoluut")
    assert [(r["categorie"], r["periode"], r["jaar"], r["waarde"]) for r in uit] == [
        ("kort", "2016–2019", None, 34.0),
        ("lang", "periode niet genoemd", None, 45.0),
        ("0-3", "2022", 2022, 9.0),
    ]
    assert _lees_csv(bestanden.naar_csv(uit, bestanden.KOLOMMEN))[2][3:5] == [
        "periode niet genoemd",
        "",
    ]


def test_csv_nederlands_en_injectie_geneutraliseerd(reeksen) -> None:
    regels = _lees_csv(bestanden.naar_csv(bestanden.rijen(reeksen, "absoluut"), bestanden.KOLOMMEN))
    assert regels[0] == list(bestanden.KOLOMMEN)
    kop = regels[0]
    a2017 = dict(zip(kop, regels[2], strict=True))
    assert a2017["waarde"] == "1234,5"
    assert a2017["indicator"].startswith("'=HYPERLINK")  # formula text neutralised
    b2016 = dict(zip(kop, regels[3], strict=True))
    assert b2016["waarde"] == "-3,5"  # a negative number stays a number


@pytest.mark.parametrize("begin", ["=", "+", "-", "@", "\t", "\r"])
def test_elke_gevaarlijke_beginletter(begin: str) -> None:
    data = bestanden.naar_csv([{"tekst": f"{begin}1+1", "getal": -1}])
    (_, rij) = _lees_csv(data)
    assert rij == [f"'{begin}1+1", "-1"]


def test_csv_gewone_tekst_en_getallen_onaangetast() -> None:
    (_, rij) = _lees_csv(
        bestanden.naar_csv([{"t": "a;b", "n": 0.1, "i": 7, "d": date(2024, 1, 2)}])
    )
    assert rij == ["a;b", "0,1", "7", "2024-01-02"]


def test_xlsx_getallen_en_toelichting(reeksen) -> None:
    toelichting = bestanden.maak_toelichting(
        reeksen,
        "Titel",
        "Absolute waarden · 2016–2017",
        "http://127.0.0.1:8050/trends?van=2016",
        DATUM,
        META,
        [{"url": "https://example.org/b1", "licentie": "CC BY 4.0"}],
    )
    boek = load_workbook(
        io.BytesIO(bestanden.naar_xlsx(bestanden.rijen(reeksen, "absoluut"), toelichting))
    )
    assert boek.sheetnames == ["data", "toelichting", "bronnen"]
    data = boek["data"]
    kop = [c.value for c in data[1]]
    assert tuple(kop) == (*bestanden.KOLOMMEN, *bestanden.CITAAT_KOLOMMEN)
    waarde = data.cell(3, kop.index("waarde") + 1)
    assert waarde.value == 1234.5 and waarde.data_type == "n"
    assert "#,##0" in waarde.number_format
    assert data.cell(4, kop.index("waarde") + 1).value == -3.5
    assert data.cell(2, kop.index("jaar") + 1).number_format == "0"
    label = data.cell(2, kop.index("indicator") + 1)
    assert label.data_type == "s" and label.value.startswith("=HYPERLINK")  # text, not formula
    tekst = " ".join(
        str(c.value) for rij in boek["toelichting"].iter_rows() for c in rij if c.value
    )
    for url in ("https://example.org/b1", "https://example.org/b2"):
        assert url in tekst
    for verwacht in (
        "Titel",
        "23 november 2026",
        "trends?van=2016",
        "CC BY 4.0",
        "voorlopig",
        "Def B",
    ):
        assert verwacht in tekst


@pytest.mark.parametrize(
    ("ids", "verwacht"),
    [
        (["so_leerlingen"], "ketenmonitor_so_leerlingen_2016-2023_20261123.csv"),
        (
            ["so_leerlingen", "b", "c"],
            "ketenmonitor_so_leerlingen_en_2_meer_2016-2023_20261123.csv",
        ),
        (["../../etc/passwd"], "ketenmonitor_etc_passwd_2016-2023_20261123.csv"),
        (["Één kîndje/..\\x"], "ketenmonitor_een_kindje_x_2016-2023_20261123.csv"),
        ([], "ketenmonitor_grafiek_2016-2023_20261123.csv"),
        (["/../"], "ketenmonitor_grafiek_2016-2023_20261123.csv"),
    ],
)
def test_bestandsnaam(ids, verwacht) -> None:
    assert bestanden.bestandsnaam(ids, 2016, 2023, DATUM, "csv") == verwacht


def test_bestandsnaam_lang_en_vijandig() -> None:
    naam = bestanden.bestandsnaam(["x" * 500, "日本語"], 2016, 2023, DATUM, "png")
    assert len(naam) < 120
    assert re.fullmatch(r"[a-z0-9_-]+\.png", naam)
    with pytest.raises(ValueError):
        bestanden.bestandsnaam(["a"], 2016, 2023, DATUM, "exe")
    with pytest.raises(ValueError):
        bestanden.bestandsnaam(["a"], "2016/../", 2023, DATUM, "png")


def test_zip_bundel() -> None:
    data = bestanden.zip_bundel({"a.csv": b"1", "README.txt": b"hallo"}, datetime(2026, 11, 23))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == ["a.csv", "README.txt"]
        assert z.read("README.txt") == b"hallo"
    for slecht in ("../x", "/etc/passwd", "map/x.csv", ".verborgen", "a..b"):
        with pytest.raises(ValueError):
            bestanden.zip_bundel({slecht: b""})


def test_voor_export_kopie_met_voetregel(reeksen) -> None:
    fig = trend_figuur(reeksen, "absoluut", 2016, 2017)
    voor_aantal = len(fig["layout"]["annotations"])
    voor = pakket.voor_export(fig, DATUM)
    assert len(fig["layout"]["annotations"]) == voor_aantal  # the screen figure is not changed
    namen = [a.get("name") for a in voor["layout"]["annotations"]]
    assert namen[-2:] == ["bronregel", "voetregel"]
    bron, voet = voor["layout"]["annotations"][-2:]
    assert voet["text"] == "Ketenmonitor, 23 november 2026"
    assert bron["text"].startswith("Bron: CBS")
    assert voet["y"] < bron["y"]  # footer under the source line
    assert voor["layout"]["width"] == 800 and voor["layout"]["height"] >= 450
    vierkant = pakket.voor_export(fig, DATUM, vierkant=True)["layout"]
    assert vierkant["width"] == 800 and vierkant["height"] == 800


def png_maat(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG signature and IHDR chunk (no Pillow needed)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
@pytest.mark.parametrize("vierkant", [False, True])
def test_png_heeft_verwachte_maat(reeksen, vierkant) -> None:
    g = _grafiekexport(reeksen)
    citaat = g.citeerregel(CURSIEF_HTML)
    hoogte = pakket.voor_export(g.figuur, DATUM, vierkant, g.voetnoot, citaat)["layout"]["height"]
    data, _ = pakket.maak_bestand(g, "png", DATUM, vierkant=vierkant)
    assert png_maat(data) == (1600, 2 * hoogte)  # 800 px layout at scale 2


@pytest.mark.browser
def test_svg_bevat_titel_bron_en_datum(reeksen) -> None:
    fig = trend_figuur(reeksen, "absoluut", 2016, 2017, titel="Mijn titel")
    svg = afbeelding.naar_afbeelding(pakket.voor_export(fig, DATUM), "svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    for tekst in ("Mijn titel", "Bron: CBS", "Ketenmonitor, 23 november 2026", "voorlopig"):
        assert tekst in svg


def test_onbekend_formaat() -> None:
    with pytest.raises(ValueError):
        afbeelding.naar_afbeelding({"data": [], "layout": {}}, "pdf")  # type: ignore[arg-type]


MOMENTEN = [
    {
        "datum": date(2024, 12, 16),
        "titel": "Beleidsreactie Druk op de keten",
        "soort": "kamerbrief",
        "url": "https://example.org/brief",
    },
    {
        "datum": date(2025, 3, 1),
        "titel": "Tweede moment",
        "soort": "wet",
        "url": "https://example.org/wet",
    },
]


def _grafiekexport(reeksen, momenten=()) -> Grafiekexport:
    fig = trend_figuur(reeksen, "absoluut", 2016, 2017, titel="Mijn titel", momenten=momenten)
    return Grafiekexport(
        fig,
        reeksen,
        "absoluut",
        2016,
        2017,
        permalink="http://127.0.0.1:8050/trends?beleid=1",
        indicator_meta=META,
        momenten=list(momenten),
    )


def test_beleidsmomenten_in_voetregel_en_excel(reeksen) -> None:
    g = _grafiekexport(reeksen, MOMENTEN)
    voet = pakket.voor_export(g.figuur, DATUM, voetnoot=g.voetnoot)["layout"]["annotations"][-1]
    assert voet["text"].startswith("Ketenmonitor, 23 november 2026 · Genummerde lijnen 1–2")
    data, naam = pakket.maak_bestand(g, "xlsx", DATUM)
    assert naam == "ketenmonitor_a_en_1_meer_2016-2017_20261123.xlsx"
    blad = load_workbook(io.BytesIO(data))["toelichting"]
    tekst = [str(c.value) for rij in blad.iter_rows() for c in rij if c.value]
    assert (
        "1. 16 december 2024: Beleidsreactie Druk op de keten (kamerbrief) — "
        + ("https://example.org/brief")
        in tekst
    )
    assert any(t.startswith("2. 1 maart 2025: Tweede moment (wet)") for t in tekst)
    zonder = pakket.maak_bestand(_grafiekexport(reeksen), "xlsx", DATUM)[0]
    blad = load_workbook(io.BytesIO(zonder))["toelichting"]
    assert not any("Beleidsmomenten" in str(c.value) for rij in blad.iter_rows() for c in rij)


@pytest.mark.browser
def test_briefingpakket_inhoud(reeksen) -> None:
    grafieken = [_grafiekexport(reeksen, MOMENTEN), _grafiekexport(reeksen[:1])]
    zipbestand = zipfile.ZipFile(io.BytesIO(pakket.briefingpakket(grafieken, DATUM)))
    namen = zipbestand.namelist()
    assert namen[-1] == "README.txt" and len(namen) == 7
    for nr in ("01", "02"):
        assert {n.rsplit(".", 1)[1] for n in namen if n.startswith(nr)} == {"png", "svg", "csv"}
    assert png_maat(zipbestand.read(next(n for n in namen if n.endswith(".png"))))[0] == 1600
    svg = zipbestand.read(next(n for n in namen if n.startswith("01") and n.endswith(".svg")))
    assert b"Genummerde lijnen 1" in svg and b"Bron: CBS" in svg
    leesmij = zipbestand.read("README.txt").decode("utf-8")
    for verwacht in (
        "1. Mijn titel",
        "2. Mijn titel",
        "Bron: CBS, Titel b1 — https://example.org/b1",
        "Bron: CBS, Titel b2 — https://example.org/b2",
        "1. 16 december 2024: Beleidsreactie Druk op de keten",
        "Link: http://127.0.0.1:8050/trends?beleid=1",
        "voorlopig",
    ):
        assert verwacht in leesmij
    assert leesmij.count("Bron: CBS, Titel b2") == 1  # chart 2 plots only series a
