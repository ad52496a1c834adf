"""The citation line travels with every export: CSV, Excel, both READMEs and the image footer
name the data version, the producer and a permalink, built by one function."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from dashboard.figuren.citatie import CURSIEF_HTML, citeerregel
from dashboard.figuren.figures import trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.theme import breek_regel
from dashboard.gegevens.reeksen import maak_reeksen
from dashboard.uitvoer import bestanden, pakket

DATUM = date(2026, 12, 7)
GEBOUWD = datetime(2025, 11, 3, 14, 5)
VERSIE = "9f3a1c7e"
LINK = "https://ketenmonitor.example.nl/trends?indicatoren=a,b&van=2016&tot=2017&versie=9f3a1c7e"
META = {
    i: {
        "korte_titel": f"Reeks {i}",
        "titel": f"Indicator {i}",
        "definitie": "",
        "kanttekening": "",
        "eenheid": "aantal",
        "periode_type": "kalenderjaar",
        "reeksbreuk_jaar": None,
    }
    for i in ("a", "b")
}
BRONNEN = [
    {
        "bron_id": "bron-a",
        "url": "https://example.org/a",
        "uitgever": "Nederlands Jeugdinstituut (NJi)",
        "producent": "CBS",
        "titel": "Jeugdhulp in cijfers",
        "datum": "2025-06-01",
        "geraadpleegd": "2026-11-30",
        "licentie": "CC BY 4.0",
    },
]


def _rij(ind: str, jaar: int, uitgever: str) -> dict:
    return {
        "indicator_id": ind,
        "jaar": jaar,
        "periode_van": jaar,
        "periode_tot": jaar,
        "categorie": "totaal",
        "waarde": 10.0 + jaar % 7,
        "status": "gepubliceerd",
        "bron_id": f"bron-{ind}",
        "bron_titel": f"Titel {ind}",
        "bron_uitgever": uitgever,
        "bron_url": f"https://example.org/{ind}",
        "citaat": None,
        "eenheid": "aantal",
    }


def _grafiek() -> Grafiekexport:
    rijen = [_rij("a", j, "CBS, via Nederlands Jeugdinstituut (NJi)") for j in (2016, 2017)]
    rijen += [_rij("b", j, "DUO") for j in (2016, 2017)]
    reeksen = maak_reeksen(rijen, META, "absoluut")
    fig = trend_figuur(reeksen, "absoluut", 2016, 2017, titel="Jeugdhulp en leerlingen")
    return Grafiekexport(
        fig,
        reeksen,
        "absoluut",
        2016,
        2017,
        permalink=LINK,
        toelichting_bronnen=BRONNEN,
        indicator_meta=META,
        data_versie_kort=VERSIE,
        gebouwd_op=GEBOUWD,
    )


def _volledig_genoemd(tekst: str) -> None:
    assert f"Data-versie {VERSIE} (3 november 2025)" in tekst
    assert "Ketenmonitor (2025)." in tekst  # the year of the build, not of the download
    assert LINK in tekst
    assert "Bron: CBS, via Nederlands Jeugdinstituut (NJi); DUO." in tekst


def test_citeerregel_vorm() -> None:
    regel = citeerregel("Titel", VERSIE, GEBOUWD, LINK, ["CBS", "DUO", "CBS"])
    assert regel == (
        f"Ketenmonitor (2025). *Titel*. Data-versie {VERSIE} (3 november 2025). {LINK}. "
        "Bron: CBS; DUO."
    )
    zonder = citeerregel("Titel", "", None, "", [])
    assert "Data-versie onbekend (onbekend)" in zonder and "Ketenmonitor (z.j.)" in zonder
    assert "<i>Titel</i>" in citeerregel("Titel", VERSIE, GEBOUWD, LINK, [], CURSIEF_HTML)


def test_csv_heeft_citeerkolom_op_elke_rij() -> None:
    data, _ = pakket.maak_bestand(_grafiek(), "csv", DATUM)
    kop, *rijen = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert kop[: len(bestanden.KOLOMMEN)] == list(bestanden.KOLOMMEN)  # stable columns first
    assert kop[-1] == bestanden.CITEER_KOLOM
    assert len(rijen) == 4
    for rij in rijen:
        _volledig_genoemd(rij[-1])
        assert "*Jeugdhulp en leerlingen*" in rij[-1]


def test_excel_toelichting_citeert_en_bronnenblad() -> None:
    boek = load_workbook(io.BytesIO(pakket.maak_bestand(_grafiek(), "xlsx", DATUM)[0]))
    toelichting = [[c.value for c in rij] for rij in boek["toelichting"].iter_rows()]
    citeer = next(r for r in toelichting if r[0] == "Citeer als")
    _volledig_genoemd(citeer[1])
    blad = boek["bronnen"]
    kop, *rijen = [[c.value for c in rij] for rij in blad.iter_rows()]
    assert tuple(kop) == bestanden.BRONNEN_KOLOMMEN
    per_url = {r[kop.index("url")]: dict(zip(kop, r, strict=True)) for r in rijen}
    assert set(per_url) == {"https://example.org/a", "https://example.org/b"}
    a = per_url["https://example.org/a"]
    assert a["producent"] == "CBS" and a["gelezen bij"] == "Nederlands Jeugdinstituut (NJi)"
    assert (a["datum"], a["geraadpleegd"], a["licentie"]) == (
        "2025-06-01",
        "2026-11-30",
        "CC BY 4.0",
    )
    # b has no catalogue row here: its name from the chart stands in, nothing is made up
    b = per_url["https://example.org/b"]
    assert b["producent"] == "DUO" and not b["datum"] and b["licentie"] == "niet vermeld"


def test_briefing_leesmij_citeert_elke_grafiek() -> None:
    with zipfile.ZipFile(io.BytesIO(_briefing())) as z:
        leesmij = z.read("README.txt").decode("utf-8")
    regel = next(r for r in leesmij.splitlines() if "Citeer als:" in r)
    _volledig_genoemd(regel)


def _briefing() -> bytes:
    g = _grafiek()
    # the images are not what this test is about: keep it free of the renderer
    origineel = pakket.naar_afbeelding
    pakket.naar_afbeelding = lambda *a, **k: b"beeld"
    try:
        return pakket.briefingpakket([g], DATUM)
    finally:
        pakket.naar_afbeelding = origineel


def test_volledige_download_leesmij_citeert() -> None:
    bouw = {
        "gebouwd_op": GEBOUWD,
        "data_versie": VERSIE + "0" * 56,
        "data_versie_kort": VERSIE,
        "permalink": LINK,
    }
    bron = [{**BRONNEN[0], "soort": "secundair"}, {"uitgever": "DUO", "titel": "t", "url": "u"}]
    descriptor = '{"resources": []}'
    data = pakket.volledige_download(
        lambda _n: (["bron_id"], bron), ["bron"], descriptor, bouw, DATUM
    )
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        leesmij = z.read("README.txt").decode("utf-8")
    regel = next(r for r in leesmij.splitlines() if r.startswith("Citeer als:"))
    assert f"Data-versie {VERSIE} (3 november 2025)" in regel and LINK in regel
    assert regel.endswith("Bron: CBS; DUO.")


def test_lange_link_wordt_op_scheidingstekens_gebroken() -> None:
    regels = breek_regel(f"Ketenmonitor (2025). {LINK}.", 40).split("<br>")
    assert all(len(r) <= 40 for r in regels)
    assert "".join(regels).replace("(2025).", "(2025). ", 1) == f"Ketenmonitor (2025). {LINK}."


@pytest.mark.browser
def test_svg_voet_citeert() -> None:
    svg = pakket.maak_bestand(_grafiek(), "svg", DATUM)[0].decode("utf-8")
    tekst = re.sub(r"<[^>]+>", "", svg.replace("</tspan>", "\n")).replace("&amp;", "&")
    # the footer is broken over lines inside the image: compare without any white space
    platte = "".join(tekst.split())
    assert f"Data-versie{VERSIE}(3november2025)" in platte
    assert "Bron:CBS,viaNederlandsJeugdinstituut(NJi);DUO." in platte
    assert LINK in platte  # broken only after '&' or ',', so it reads back whole
