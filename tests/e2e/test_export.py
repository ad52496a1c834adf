"""Click every toolbar button in a real browser and open the downloaded files.

Every chart card on every chart page is exported in all four formats, and every page's
briefing pack is downloaded, in one browser session per page: this is what a researcher
does, and it is the sequence that once hung Kaleido when images were made from
the Dash server's threads.
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from selenium.webdriver.common.by import By

from dashboard.logica.uitsplitsing import reeksen_met, uitsplitsing_grafiek
from tests.e2e.conftest import axe_overtredingen, console_fouten, wacht_op_bestand

GRAFIEKPAGINAS = {
    "/trends?indicator=so_leerlingen,jeugdhulp_totaal&weergave=index": 1,
    "/kenmerken": None,  # duration + one card per age series in the database + 3 clusters
    "/capaciteit": 3,
    "/actielijnen": 5,
}
"""Chart page → how many chart cards it has (so a card without a toolbar fails the test)."""


def _verwacht_aantal(pad: str) -> int:
    if GRAFIEKPAGINAS[pad] is not None:
        return GRAFIEKPAGINAS[pad]
    leeftijd = [i for i in reeksen_met("leeftijd") if uitsplitsing_grafiek(i, "leeftijd")]
    assert len(leeftijd) >= 5, leeftijd  # age series over years, not only snapshots
    return 1 + len(leeftijd) + 3


def _nieuw_bestand(map_: Path, al_gezien: set[str], timeout: float = 40) -> Path:
    """The one file that appeared in the download folder since `al_gezien`, once complete."""
    eind = time.time() + timeout
    while time.time() < eind:
        nieuw = [
            p
            for p in map_.iterdir()
            if p.name not in al_gezien and not p.name.endswith((".crdownload", ".tmp"))
        ]
        if nieuw and nieuw[0].stat().st_size > 0:
            time.sleep(0.1)  # Chromium renames when done; the size is final by then
            al_gezien.add(nieuw[0].name)
            return nieuw[0]
        time.sleep(0.1)
    raise AssertionError(f"geen nieuwe download in {map_}: {sorted(al_gezien)}")


def _png_maat(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "geen PNG"
    return struct.unpack(">II", data[16:24])


def _controleer(bestand: Path) -> str:
    """Open one exported file as its format says; return its title-bearing text."""
    data = bestand.read_bytes()
    soort = bestand.suffix
    if soort == ".png":
        assert _png_maat(data)[0] == 1600  # 800 px memo layout at scale 2
        return ""
    if soort == ".svg":
        tekst = data.decode("utf-8")
        assert tekst.lstrip().startswith("<svg") and "Bron" in tekst
        assert "Ketenmonitor (" in tekst and "Data-versie" in tekst  # the citation line
        return tekst
    if soort == ".csv":
        regels = data.decode("utf-8-sig").splitlines()
        assert data.startswith(b"\xef\xbb\xbf") and regels[0].startswith("indicator_id;")
        assert len(regels) >= 2, "CSV zonder rijen"
        return ""
    assert soort == ".xlsx", bestand.name
    boek = openpyxl.load_workbook(io.BytesIO(data))
    assert boek.sheetnames == ["data", "toelichting", "bronnen"] and boek["data"].max_row >= 2
    bronnen = [c.value for c in boek["toelichting"]["C"] if str(c.value).startswith("http")]
    assert bronnen, "toelichting zonder bron-URL"
    return ""


@pytest.mark.parametrize("pad", list(GRAFIEKPAGINAS))
def test_elke_grafiek_exporteert_in_alle_formaten(dash_duo, app, pad: str) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + pad)
    dash_duo.wait_for_element(".grafiekkaart .main-svg", timeout=30)
    kaarten = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".grafiekkaart")
    werkbalken = [  # chart toolbars; a table's toolbar (CSV/Excel/link) is tested elsewhere
        w
        for w in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".werkbalk[id$='-export']")
        if not w.get_attribute("id").endswith("-tabel-export")
    ]
    assert len(kaarten) == _verwacht_aantal(pad)
    assert len(werkbalken) == len(kaarten), "elke grafiek hoort een werkbalk te hebben"

    map_ = Path(dash_duo.download_path)
    gezien = {p.name for p in map_.iterdir()}
    for werkbalk in [w.get_attribute("id") for w in werkbalken]:
        for formaat in ("png", "svg", "csv", "xlsx"):
            knop = dash_duo.find_element(f"#{werkbalk}-{formaat}")
            dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", knop)
            knop.click()
            bestand = _nieuw_bestand(map_, gezien)
            assert bestand.name.startswith("ketenmonitor_"), bestand.name
            assert bestand.name.split(".")[-1].split(" ")[0] == formaat
            _controleer(bestand)
        dash_duo.wait_for_contains_text(f"#{werkbalk}-melding", "is klaar", timeout=30)

    prefix = pad.split("?")[0].strip("/")
    dash_duo.find_element(f"#{prefix}-alles").click()
    if len(kaarten) >= 3:  # ~0,5 s per chart: long enough to see the busy state
        dash_duo.wait_for_contains_text(f"#{prefix}-alles-bezig", "worden gemaakt", timeout=5)
        assert dash_duo.find_element(f"#{prefix}-alles").get_attribute("disabled") is not None
    pakket = zipfile.ZipFile(_nieuw_bestand(map_, gezien, timeout=90))
    dash_duo.wait_for_text_to_equal(f"#{prefix}-alles-bezig", "", timeout=30)
    assert dash_duo.find_element(f"#{prefix}-alles").get_attribute("disabled") is None
    namen = pakket.namelist()
    assert "README.txt" in namen
    for formaat in ("png", "svg", "csv"):
        assert len([n for n in namen if n.endswith(f".{formaat}")]) == len(kaarten)
    leesmij = pakket.read("README.txt").decode("utf-8")
    assert leesmij.count("Bron: ") >= len(kaarten)
    assert console_fouten(dash_duo) == []


def test_werkbalk_trends_alle_formaten(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(
        dash_duo.server_url + "/trends?indicator=so_leerlingen,jeugdhulp_totaal&weergave=absoluut"
    )
    dash_duo.wait_for_element("#trends-grafiek .main-svg", timeout=30)
    map_ = Path(dash_duo.download_path)

    dash_duo.find_element("#trends-export-csv").click()
    csv = wacht_op_bestand(map_, "ketenmonitor_jeugdhulp_totaal_*.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf")
    tekst = csv.decode("utf-8-sig")
    assert ";" in tekst.splitlines()[0] and "34510" in tekst.replace(".", "")

    dash_duo.find_element("#trends-export-xlsx").click()
    boek = openpyxl.load_workbook(io.BytesIO(wacht_op_bestand(map_, "*.xlsx").read_bytes()))
    assert {"data", "toelichting"} <= set(boek.sheetnames)

    dash_duo.find_element("#trends-export-link").click()
    dash_duo.wait_for_contains_text("#trends-export-melding", "Link", timeout=30)
    melding = dash_duo.find_element("#trends-export-melding").text
    link = melding[melding.index("http") :].strip()
    assert "indicator=" in link
    assert axe_overtredingen(dash_duo.driver) == []
    assert console_fouten(dash_duo) == []

    # the copied link opens the same view: same series, same view mode
    dash_duo.driver.get("about:blank")
    dash_duo.wait_for_page(link)
    dash_duo.wait_for_contains_text("#trends-grafiek .gtitle", "Absolute waarden", timeout=30)
    legenda = dash_duo.find_element("#trends-grafiek .legend").text
    assert "Leerlingen so" in legenda and "jeugdhulp" in legenda.lower()


def test_volledige_download_op_bronnen(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/bronnen")
    dash_duo.wait_for_text_to_equal("h1", "Bronnen & methode", timeout=30)
    dash_duo.find_element("#bronnen-alles").click()
    pakket = zipfile.ZipFile(
        wacht_op_bestand(Path(dash_duo.download_path), "ketenmonitor_gegevens_*.zip")
    )
    namen = set(pakket.namelist())
    assert {"waarneming.csv", "bron.csv", "datapackage.json"} <= namen


def test_werkbalk_op_statische_grafiek(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/kenmerken?corona=1")
    dash_duo.wait_for_element(".grafiekkaart .main-svg", timeout=30)
    dash_duo.find_element("#kenmerken-cluster-so_leerlingen-export-csv").click()
    tekst = wacht_op_bestand(
        Path(dash_duo.download_path), "ketenmonitor_so_leerlingen_*.csv"
    ).read_text(encoding="utf-8-sig")
    assert "cluster" in tekst and "2020" in tekst  # corona=1 from the URL reaches the export
