"""Click every toolbar button in a real browser and open the downloaded files."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl

from tests.e2e.conftest import axe_overtredingen, console_fouten


def _wacht_op_bestand(map_: Path, patroon: str, timeout: float = 30) -> Path:
    eind = time.time() + timeout
    while time.time() < eind:
        gevonden = [p for p in map_.glob(patroon) if not p.name.endswith(".crdownload")]
        if gevonden and gevonden[0].stat().st_size > 0:
            return gevonden[0]
        time.sleep(0.2)
    raise AssertionError(f"geen {patroon} in {map_}: {[p.name for p in map_.iterdir()]}")


def test_werkbalk_trends_alle_formaten(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(
        dash_duo.server_url + "/trends?indicator=so_leerlingen,jeugdhulp_totaal&weergave=absoluut"
    )
    dash_duo.wait_for_element("#trends-grafiek .main-svg", timeout=10)
    map_ = Path(dash_duo.download_path)

    dash_duo.find_element("#trends-export-csv").click()
    csv = _wacht_op_bestand(map_, "ketenmonitor_jeugdhulp_totaal_*.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf")
    tekst = csv.decode("utf-8-sig")
    assert ";" in tekst.splitlines()[0] and "34510" in tekst.replace(".", "")

    dash_duo.find_element("#trends-export-xlsx").click()
    boek = openpyxl.load_workbook(io.BytesIO(_wacht_op_bestand(map_, "*.xlsx").read_bytes()))
    assert {"data", "toelichting"} <= set(boek.sheetnames)

    dash_duo.find_element("#trends-export-link").click()
    dash_duo.wait_for_contains_text("#trends-export-melding", "Link", timeout=10)
    assert "indicator=" in dash_duo.find_element("#trends-export-melding").text
    assert axe_overtredingen(dash_duo.driver) == []
    assert console_fouten(dash_duo) == []


def test_volledige_download_op_bronnen(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/bronnen")
    dash_duo.wait_for_text_to_equal("h1", "Bronnen & methode", timeout=10)
    dash_duo.find_element("#bronnen-alles").click()
    pakket = zipfile.ZipFile(
        _wacht_op_bestand(Path(dash_duo.download_path), "ketenmonitor_gegevens_*.zip")
    )
    namen = set(pakket.namelist())
    assert {"waarneming.csv", "bron.csv", "datapackage.json"} <= namen


def test_werkbalk_op_statische_grafiek(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/kenmerken?corona=1")
    dash_duo.wait_for_element(".grafiekkaart .main-svg", timeout=10)
    dash_duo.find_element("#kenmerken-cluster-so_leerlingen-export-csv").click()
    tekst = _wacht_op_bestand(
        Path(dash_duo.download_path), "ketenmonitor_so_leerlingen_*.csv"
    ).read_text(encoding="utf-8-sig")
    assert "cluster" in tekst and "2020" in tekst  # corona=1 from the URL reaches the export
