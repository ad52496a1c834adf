"""Regio page in a real browser: map from a same-host asset, table, selection, export, axe."""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urlparse

from dash.testing.wait import until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.e2e.conftest import (
    axe_overtredingen,
    console_fouten,
    open_pagina,
    wacht_op_bestand,
    zet_venster,
)


def test_regio_kaart_tabel_keuze_export_en_axe(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/regio?soort=so")
    dash_duo.wait_for_text_to_equal("h1", "Regio", timeout=30)
    # the map is drawn: the coordinates came from the GeoJSON asset (the figure has none)
    dash_duo.wait_for_element("#regio-kaart path.js-fill", timeout=20)
    # the ranked table: 12 provincies, highest first
    dash_duo.wait_for_contains_text("#regio-tabelstatus", "12 van 12", timeout=30)
    rijen = dash_duo.find_elements("#regio-tabel tbody tr")
    assert len(rijen) == 12
    assert rijen[0].find_element(By.CSS_SELECTOR, "td").text == "1"

    # search filters the table while typing (no Enter), and says how many rows are left
    zoek = dash_duo.find_element("#regio-zoek")
    zoek.send_keys("utrecht")
    dash_duo.wait_for_contains_text("#regio-tabelstatus", "1 van 12", timeout=30)
    assert len(dash_duo.find_elements("#regio-tabel tbody tr")) == 1
    assert dash_duo.driver.execute_script("return document.activeElement.id") == "regio-zoek"

    # keyboard selection: focus the region's button and press Enter
    knop = dash_duo.find_element("#regio-tabel button[data-regio='PV26']")
    knop.send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#regio-trend h2", "Utrecht naast Nederland", timeout=30)
    dash_duo.wait_for_element("#regio-trend-index .main-svg", timeout=30)
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
    dash_duo.wait_for_contains_text("#regio-trend h2", "Noord-Holland naast Nederland", timeout=30)
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


WOON = "/regio?telling=woonplaats&niveau=gemeente&soort=so&jaar=2019&maat=aandeel"


def _open_regio(dash_duo, app, pad: str, breedte: int | None = None) -> None:
    open_pagina(dash_duo, app, pad, "#regio-kaart path.js-fill", breedte)


def test_woonplaats_kaart_tabel_voorbehoud_en_nederland(dash_duo, app) -> None:
    from dashboard.logica import regio

    _open_regio(dash_duo, app, WOON)
    staat, _ = regio.lees_staat(
        {"telling": "woonplaats", "niveau": "gemeente", "soort": "so", "jaar": "2019"}
    )
    n = regio.nederland(regio.bereken(staat))
    dash_duo.wait_for_contains_text("#regio-tabelstatus", "van 343", timeout=30)
    assert len(dash_duo.find_elements("#regio-tabel tbody tr")) == 343
    assert "waar ze wonen" in dash_duo.find_element("#regio-kaarttitel").text
    assert "naar de gemeente waar ze wonen" in dash_duo.find_element("#regio-kader").text
    assert "85701NED" in dash_duo.find_element("#regio-kaart-bron").text
    # 'Nederland' with the sum, OCW's series and the stated tolerance
    dash_duo.wait_for_contains_text("#regio-nederland", "Nederland, 2019/20", timeout=30)
    tekst = dash_duo.find_element("#regio-nederland").text
    assert abs(n["verschil"]) <= regio.TOLERANTIE
    assert "32.270 kinderen" in tekst and "binnen de gestelde marge van 2 %" in tekst
    # what could not be placed, visibly, with its share
    lijst = dash_duo.find_element("#regio-onverdeeld").text
    assert (
        "Niet op de kaart geplaatst" in lijst and "Haaren" in lijst and "% van Nederland" in lijst
    )
    # both tellingen explained side by side
    assert len(dash_duo.find_elements("#regio-tellingen .regio-telling-uitleg")) == 2
    # years follow the telling; so_vso is not offered by residence
    jaren = [
        o.get_attribute("value")
        for o in dash_duo.find_elements("#regio-jaar option")
        if o.get_attribute("value")  # the Select's empty placeholder option
    ]
    assert jaren[0] == "2023" and jaren[-1] == "2013"
    soorten = [o.get_attribute("value") for o in dash_duo.find_elements("#regio-soort option")]
    assert "so_vso" not in soorten
    assert axe_overtredingen(dash_duo.driver) == []
    assert console_fouten(dash_duo) == []


def test_bewaarde_link_zonder_telling_blijft_per_vestiging(dash_duo, app) -> None:
    _open_regio(dash_duo, app, "/regio?soort=so_vso&niveau=gemeente")
    assert dash_duo.find_element("#regio-telling").get_attribute("value") == "vestiging"
    assert "so/vso-vestigingen" in dash_duo.find_element("#regio-kaarttitel").text
    assert "schoolvestigingen" in dash_duo.find_element("#regio-kader").text
    # a change writes the telling into the URL, so a copied link keeps its meaning
    jaar = dash_duo.find_element("#regio-jaar")
    jaar.find_element(By.CSS_SELECTOR, "option[value='2019']").click()
    until(lambda: "telling=vestiging" in dash_duo.driver.current_url, timeout=30)


AFGEKAPT = """
const uit = [];
for (const sel of arguments[0]) {
  const els = document.querySelectorAll(sel);
  if (!els.length) { uit.push(sel + ': ontbreekt'); continue; }
  for (const el of els) {
    const bereik = document.createRange();
    bereik.selectNodeContents(el);  // the drawn text, not its (possibly wider) box
    const r = bereik.getBoundingClientRect();
    const tekst = (el.textContent || '').trim();
    if (!tekst) uit.push(sel + ': leeg');
    // text cut off inside its box (overflow hidden, ellipsis) or sticking out of the window
    if (el.scrollWidth > el.clientWidth + 1) uit.push(sel + ': afgekapt ' + el.scrollWidth + '>' + el.clientWidth);
    if (r.left < -1 || r.right > window.innerWidth + 1) uit.push(sel + ': buiten venster ' + r.right);
  }
}
return uit;
"""
TITELS = (
    "#regio-kaarttitel",
    "#regio-kaartondertitel",
    "#regio-kaart-bron",
    "#regio-tabel caption",
    "#regio-kaart .gtitle",
)


def _afgekapte_titels(dash_duo) -> list[str]:
    """Titles, subtitle, source line and table caption that do not fit (the Plotly title
    only where the figure has one: the map's title is HTML above it)."""
    aanwezig = [s for s in TITELS if s != "#regio-kaart .gtitle" or dash_duo.find_elements(s)]
    return dash_duo.driver.execute_script(AFGEKAPT, aanwezig)


def test_woonplaats_390_geen_zijwaarts_scrollen(dash_duo, app) -> None:
    _open_regio(dash_duo, app, WOON, breedte=390)
    breed, venster = dash_duo.driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert venster == 390 and breed <= venster, (breed, venster)
    dash_duo.wait_for_contains_text("#regio-tabelstatus", "van 343", timeout=30)
    assert _afgekapte_titels(dash_duo) == []
    # the same texts on a desktop window
    zet_venster(dash_duo.driver, 1400, 1000, mobiel=False)
    until(lambda: dash_duo.driver.execute_script("return window.innerWidth") == 1400, timeout=5)
    assert _afgekapte_titels(dash_duo) == []
    assert axe_overtredingen(dash_duo.driver) == []
