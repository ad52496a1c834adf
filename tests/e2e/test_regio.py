"""Regio page in a real browser: map from a same-host asset, table, selection, export, axe."""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.e2e.conftest import axe_overtredingen, console_fouten, wacht_op_bestand


def test_regio_kaart_tabel_keuze_export_en_axe(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/regio?soort=so")
    dash_duo.wait_for_text_to_equal("h1", "Regio", timeout=10)
    # the map is drawn: the coordinates came from the GeoJSON asset (the figure has none)
    dash_duo.wait_for_element("#regio-kaart path.js-fill", timeout=20)
    # the ranked table: 12 provincies, highest first
    dash_duo.wait_for_contains_text("#regio-tabelstatus", "12 van 12", timeout=10)
    rijen = dash_duo.find_elements("#regio-tabel tbody tr")
    assert len(rijen) == 12
    assert rijen[0].find_element(By.CSS_SELECTOR, "td").text == "1"

    # search filters the table
    zoek = dash_duo.find_element("#regio-zoek")
    zoek.send_keys("utrecht", Keys.ENTER)
    dash_duo.wait_for_contains_text("#regio-tabelstatus", "1 van 12", timeout=10)

    # keyboard selection: focus the region's button and press Enter
    knop = dash_duo.find_element("#regio-tabel button[data-regio='PV26']")
    knop.send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#regio-trend h2", "Utrecht naast Nederland", timeout=15)
    dash_duo.wait_for_element("#regio-trend-index .main-svg", timeout=15)
    assert "regio=PV26" in dash_duo.driver.current_url
    assert "soort=so" in dash_duo.driver.current_url
    assert "2016 = 100" in dash_duo.find_element("#regio-trend-index-samenvatting").text

    # a click on the map (Plotly's click event on a region's point) selects that region
    dash_duo.driver.execute_script(
        """
        const gd = document.querySelector('#regio-kaart .js-plotly-plot');
        const d = gd.data.length - 1;
        const i = gd.data[d].customdata.indexOf('PV27');
        gd.emit('plotly_click', {points: [{curveNumber: d, pointNumber: i, customdata: 'PV27'}]});
        """
    )
    dash_duo.wait_for_contains_text("#regio-trend h2", "Noord-Holland naast Nederland", timeout=15)
    assert "regio=PV27" in dash_duo.driver.current_url

    # export: CSV of all regions for this state, and a PNG of the map that is not blank
    map_ = Path(dash_duo.download_path)
    dash_duo.find_element("#regio-kaart-export-csv").click()
    csv = wacht_op_bestand(map_, "ketenmonitor_regio_so_provincie_*.csv")
    regels = csv.read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(regels) == 1 + 12
    assert any(";PV26;" in r for r in regels) and any(";PV27;" in r for r in regels)
    dash_duo.find_element("#regio-kaart-export-png").click()
    png = wacht_op_bestand(map_, "ketenmonitor_regio_so_provincie_*.png", timeout=60)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    breedte, hoogte = struct.unpack(">II", data[16:24])
    assert breedte == 1600 and hoogte > 1400  # memo width at scale 2, room for the map
    # a white page of this size compresses to a few kB; hundreds of polygons do not
    assert len(data) > 100_000

    # nothing left this host (no CDN topojson, no fonts, no tiles)
    host = urlparse(dash_duo.server_url).netloc
    adressen = dash_duo.driver.execute_script(
        "return performance.getEntries().map(e => e.name).filter(n => /^https?:/.test(n))"
    )
    assert adressen and all(urlparse(a).netloc == host for a in adressen), adressen
    assert any(a.endswith("/assets/geo/provincie_2025.geojson") for a in adressen)

    assert axe_overtredingen(dash_duo.driver) == []
    assert console_fouten(dash_duo) == []
