"""Memo-ready exports: readable at 16 cm, legend and source line never overlap,
Excel columns that fit, a leesmij with definitions and the right legend per chart type."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from dashboard.figuren.figures import trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.staaf import staaf_figuur
from dashboard.gegevens.reeksen import maak_reeksen, staaf_reeksen
from dashboard.uitvoer import pakket
from tests.svg_meetkunde import breedte, lettergroottes, vakken

DATUM = date(2026, 12, 1)
ACHT_PT_OP_16_CM = 8 / 72 * 2.54 / 16  # ≈ 0.0176: smallest font size over image width

META = {
    i: {
        "korte_titel": f"Reeks {i} met een lange naam die in een legenda moet passen",
        "titel": f"Indicator {i}",
        "definitie": f"Definitie van {i}",
        "kanttekening": f"Kanttekening bij {i}",
        "eenheid": "aantal",
        "periode_type": "kalenderjaar",
        "reeksbreuk_jaar": 2021 if i == "a" else None,
    }
    for i in ("a", "b", "c")
}


def _rij(ind: str, jaar: int, waarde: float, status: str = "gepubliceerd", cat: str = "totaal"):
    return {
        "indicator_id": ind,
        "jaar": jaar,
        "periode_van": jaar,
        "periode_tot": jaar,
        "categorie": cat,
        "waarde": waarde,
        "status": status,
        "bron_id": f"bron-{ind}",
        "bron_titel": f"Een lange brontitel voor {ind} zodat de bronregel over twee regels loopt",
        "bron_uitgever": "CBS",
        "bron_url": f"https://example.org/{ind}",
        "citaat": f"Het citaat bij {ind} in {jaar}, woordelijk uit de bron overgenomen, met de zin eromheen zodat het langer is dan tachtig tekens.",
        "eenheid": "aantal",
    }


def _lijnen(meta: dict[str, dict] = META) -> Grafiekexport:
    rijen = [_rij("a", j, 300_000 + 1000 * j % 7) for j in range(2015, 2025)]
    rijen += [
        _rij("b", j, 30_000, "voorlopig" if j > 2022 else "gepubliceerd") for j in range(2015, 2025)
    ]
    rijen += [
        _rij("c", j, 300, "afgeleid" if j == 2019 else "gepubliceerd") for j in range(2016, 2024)
    ]
    reeksen = maak_reeksen(rijen, meta, "absoluut", 2016, True)
    momenten = [
        {
            "datum": date(2018, 3, 1),
            "titel": "Moment",
            "soort": "wet",
            "url": "https://example.org/m",
        }
    ]
    fig = trend_figuur(reeksen, "absoluut", 2015, 2024, toon_2020=True, momenten=momenten)
    return Grafiekexport(
        fig, reeksen, "absoluut", 2015, 2024, indicator_meta=meta, momenten=momenten
    )


def _staven() -> Grafiekexport:
    rijen = [_rij("a", 2023, w, "voorlopig", f"{n} tot {n + 4} jaar") for n, w in ((0, 5), (4, 9))]
    fig = staaf_figuur(rijen, "Staven naar leeftijd, 2023", "aantal · 2023", "aantal")
    return Grafiekexport(
        fig, staaf_reeksen(rijen, META), "absoluut", 2023, 2023, indicator_meta=META
    )


@pytest.mark.browser
@pytest.mark.parametrize("maak", [_lijnen, _staven])
@pytest.mark.parametrize("vierkant", [False, True])
def test_svg_leesbaar_en_niets_overlapt(maak, vierkant: bool) -> None:
    g = maak()
    svg = pakket.maak_bestand(g, "svg", DATUM, vierkant=vierkant)[0].decode("utf-8")
    assert breedte(svg) == 800
    assert min(lettergroottes(svg)) / breedte(svg) >= ACHT_PT_OP_16_CM
    alle = vakken(svg)
    bron = next(v for v in alle if v.tekst.startswith("Bron:"))
    voet = next(v for v in alle if v.tekst.startswith("Ketenmonitor"))  # the citation line
    assert voet.y >= bron.y + bron.hoogte - 1  # footer under the source line
    for legenda in [v for v in alle if v.soort == "legend"]:
        assert not legenda.snijdt(bron) and not legenda.snijdt(voet)
        assert legenda.y + legenda.hoogte <= bron.y + 1
    for v in alle:  # nothing runs off the image
        assert v.x >= 0 and v.x + v.breedte <= 801, v


def test_excel_kolommen_passen_en_citaat_en_licentie() -> None:
    g = _lijnen()
    g.toelichting_bronnen = [{"url": "https://example.org/a", "licentie": "CC BY 4.0"}]
    boek = load_workbook(io.BytesIO(pakket.maak_bestand(g, "xlsx", DATUM)[0]))
    data = boek["data"]
    kop = [c.value for c in data[1]]
    assert kop[-3:] == ["citaat", "vindplaats", "citeer_als"]  # new columns are appended
    breedtes = _breedtes(data)
    citaten = [str(c.value) for c in data[_letter(data, "citaat")][1:]]
    assert breedtes["citaat"] < max(len(c) for c in citaten)  # capped: the quotes wrap
    assert breedtes["jaar"] < 12  # short values get a narrow column
    assert data.cell(2, kop.index("citaat") + 1).alignment.wrap_text
    tekst = [str(c.value) for rij in boek["toelichting"].iter_rows() for c in rij if c.value]
    assert "CC BY 4.0" in tekst and "niet vermeld" in tekst  # b and c state no licence
    assert "Definitie van c" in tekst and "Kanttekening bij c" in tekst
    assert any(t.startswith("voorlopig: gestreepte lijn") for t in tekst)


def _letter(blad, naam: str) -> str:
    kop = [c.value for c in blad[1]]
    return blad.cell(1, kop.index(naam) + 1).column_letter


def _breedtes(blad) -> dict[str, float]:
    return {c.value: blad.column_dimensions[c.column_letter].width for c in blad[1]}


def _indicatorkolom(label: str) -> tuple[float, int, bool]:
    """Width of the indicator column, its longest cell, and whether its cells wrap, for
    series named `label`."""
    meta = {i: {**m, "korte_titel": f"{label} {i}"} for i, m in META.items()}
    blad = load_workbook(io.BytesIO(pakket.maak_bestand(_lijnen(meta), "xlsx", DATUM)[0]))["data"]
    cellen = blad[_letter(blad, "indicator")][1:]
    assert all(label in str(c.value) for c in cellen)  # the label is what the column shows
    langste = max(len(str(c.value)) for c in cellen)
    return _breedtes(blad)["indicator"], langste, all(c.alignment.wrap_text for c in cellen)


def test_excel_kolombreedte_groeit_met_de_inhoud_en_heeft_een_plafond() -> None:
    kort, kort_langste, _ = _indicatorkolom("Reeks")
    lang, lang_langste, _ = _indicatorkolom("Reeks met een lange naam voor in de tabel")
    assert kort_langste <= kort < lang  # a longer label gets a wider column ...
    assert lang >= lang_langste  # ... in which it fits
    enorm, enorm_langste, wikkelt = _indicatorkolom("x" * 200)
    groter, _, _ = _indicatorkolom("x" * 400)
    assert enorm == groter < enorm_langste  # beyond the cap the width stops growing
    assert wikkelt  # and a capped column wraps its text


def test_excel_van_staven_heeft_staaflegenda() -> None:
    boek = load_workbook(io.BytesIO(pakket.maak_bestand(_staven(), "xlsx", DATUM)[0]))
    tekst = [str(c.value) for rij in boek["toelichting"].iter_rows() for c in rij if c.value]
    assert any("open staaf" in t for t in tekst)
    assert not any("gestreepte lijn" in t for t in tekst)


@pytest.mark.browser
def test_leesmij_met_definities_en_legenda_per_grafieksoort() -> None:
    zipbestand = zipfile.ZipFile(io.BytesIO(pakket.briefingpakket([_lijnen(), _staven()], DATUM)))
    leesmij = zipbestand.read("README.txt").decode("utf-8")
    for verwacht in (
        "Definitie (Reeks c met een lange naam die in een legenda moet passen): Definitie van c",
        "Kanttekening: Kanttekening bij a",
        "in lijngrafieken: voorlopig: gestreepte lijn",
        "in staafdiagrammen: voorlopig: open staaf",
    ):
        assert verwacht in leesmij
