"""Where in the source: a quote of table cells run together ("Totaal785818825828") travels
with its `vindplaats` (table, row, column) to the hover label, the chart's table, the
"Citaat … en bron" panels, the CSV, the Excel `data` sheet and both READMEs."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

from dash import html
from openpyxl import load_workbook

from dashboard.figuren.figures import HOVER_BREEDTE, trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.gegevens.reeksen import maak_reeksen
from dashboard.onderdelen.components import citaat_blok, datatabel, kengetal
from dashboard.uitvoer import bestanden, pakket

DATUM = date(2026, 12, 7)
CITAAT = "Totaal785818825828822832886871"
PLEK = "tabel 1 'Gemiddelde aantallen met kinderopvangtoeslag' (x 1.000), rij 'Totaal', kolom 2018"
META = {
    "a": {
        "korte_titel": "Kinderen met toeslag",
        "titel": "Kinderen met kinderopvangtoeslag",
        "definitie": "Gemiddeld aantal kinderen",
        "kanttekening": "",
        "eenheid": "aantal",
        "periode_type": "kalenderjaar",
        "reeksbreuk_jaar": None,
    }
}


def _rij(jaar: int, citaat: str, vindplaats: str | None) -> dict:
    return {
        "indicator_id": "a",
        "jaar": jaar,
        "categorie": "totaal",
        "waarde": 785000.0 + jaar,
        "status": "gepubliceerd",
        "bron_id": "szw",
        "bron_titel": "Kinderopvang in beeld",
        "bron_uitgever": "SZW",
        "bron_url": "https://example.org/szw",
        "citaat": citaat,
        "noot": None,
        "vindplaats": vindplaats,
    }


def _reeksen():
    # 2018 is a table quote with its place; 2019 a plain sentence without one
    rijen = [_rij(2018, CITAAT, PLEK), _rij(2019, "In 2019 gingen 818.000 kinderen.", None)]
    return maak_reeksen(rijen, META, "absoluut")


def _grafiek() -> Grafiekexport:
    reeksen = _reeksen()
    fig = trend_figuur(reeksen, "absoluut", 2018, 2019, titel="Kinderopvangtoeslag")
    return Grafiekexport(fig, reeksen, "absoluut", 2018, 2019, indicator_meta=META)


def _tekst(component) -> str:
    """All text of a Dash component tree, in order."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(_tekst(c) for c in component)
    kinderen = getattr(component, "children", None)
    return "" if kinderen is None else _tekst(kinderen)


def test_punt_draagt_vindplaats_en_leeg_blijft_leeg() -> None:
    punten = _reeksen()[0].punten
    assert [p.vindplaats for p in punten] == [PLEK, None]


def test_hover_noemt_de_vindplaats_in_korte_regels() -> None:
    fig = _grafiek().figuur
    labels = [t for spoor in fig["data"] for t in (spoor.get("text") or []) if t]
    met = [t for t in labels if "2018" in t.split("<br>")[1]]
    zonder = [t for t in labels if "2019" in t.split("<br>")[1]]
    assert met and zonder
    regels = met[0].split("<br>")
    start = next(i for i, r in enumerate(regels) if r.startswith("In de bron: "))
    assert " ".join(regels[start:]) == f"In de bron: {PLEK}"  # wrapped, not cut
    assert all(len(r) <= HOVER_BREEDTE for r in regels[start:])
    assert "In de bron" not in zonder[0]  # a plain sentence gets no empty line


def test_tabel_bij_de_grafiek_noemt_de_vindplaats() -> None:
    tekst = _tekst(datatabel(_reeksen(), "jaar", "absoluut", "Gegevens"))
    assert tekst.count(f"In de bron: {PLEK}") == 1


def test_panelen_citaat_met_vindplaats() -> None:
    blok = citaat_blok(CITAAT, PLEK)
    assert isinstance(blok[0], html.Blockquote) and CITAAT in blok[0].children
    assert _tekst(blok[1]) == f"In de bron: {PLEK}"
    assert len(citaat_blok("Een gewone zin.", None)) == 1
    assert citaat_blok(None, PLEK) == []  # no quote: nothing to place
    w = {
        **_rij(2018, CITAAT, PLEK),
        "periode_van": 2018,
        "periode_tot": 2018,
        "korte_titel": "Kinderen",
        "eenheid": "aantal",
        "definitie": "Def",
    }
    assert f"In de bron: {PLEK}" in _tekst(kengetal(w))


def test_csv_en_excel_hebben_citaat_en_vindplaats() -> None:
    g = _grafiek()
    data, _ = pakket.maak_bestand(g, "csv", DATUM)
    rijen = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    kop = list(rijen[0])
    assert kop[len(bestanden.KOLOMMEN) :] == ["citaat", "vindplaats", "citeer_als"]
    assert [(r["jaar"], r["citaat"], r["vindplaats"]) for r in rijen] == [
        ("2018", CITAAT, PLEK),
        ("2019", "In 2019 gingen 818.000 kinderen.", ""),
    ]
    boek = load_workbook(io.BytesIO(pakket.maak_bestand(g, "xlsx", DATUM)[0]))
    blad = boek["data"]
    kop = [c.value for c in blad[1]]
    assert blad.cell(2, kop.index("vindplaats") + 1).value == PLEK
    assert blad.cell(2, kop.index("citaat") + 1).value == CITAAT


def test_leesmij_legt_vindplaats_uit() -> None:
    with zipfile.ZipFile(io.BytesIO(pakket.briefingpakket([_grafiek()], DATUM))) as z:
        leesmij = z.read("README.txt").decode("utf-8")
        csvnaam = next(n for n in z.namelist() if n.endswith(".csv"))
        inhoud = z.read(csvnaam).decode("utf-8-sig")
    assert "kolom vindplaats de tabel, rij en" in leesmij
    assert PLEK in inhoud
    volledig = pakket._leesmij({"waarneming": 1}, [], {}, DATUM)
    assert "kolom vindplaats de tabel, rij en" in volledig
