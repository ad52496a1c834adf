"""Memo-ready charts on screen: no Plotly modebar or cloud link, legend and source line apart at every
width, and the table view with its own toolbar."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.e2e.conftest import axe_overtredingen

PAGINAS = ("/trends?weergave=absoluut", "/capaciteit", "/actielijnen")

VAKKEN_JS = """
const uit = [];
for (const kaart of document.querySelectorAll('.grafiekkaart')) {
  const legenda = kaart.querySelector('g.legend');
  const bron = kaart.querySelector('.bronregel');
  if (!legenda || !bron || kaart.offsetParent === null) continue;
  const l = legenda.getBoundingClientRect(), b = bron.getBoundingClientRect();
  uit.push({l: [l.left, l.top, l.right, l.bottom], b: [b.left, b.top, b.right, b.bottom],
            tekst: bron.textContent});
}
return uit;
"""


@pytest.mark.parametrize("breedte", [390, 1400, 1920])
@pytest.mark.parametrize("pad", PAGINAS)
def test_legenda_en_bronregel_overlappen_niet(dash_duo, app, pad: str, breedte: int) -> None:
    dash_duo.start_server(app)
    dash_duo.driver.set_window_size(breedte, 1000)
    dash_duo.wait_for_page(dash_duo.server_url + pad)
    dash_duo.wait_for_element(".grafiekkaart g.legend", timeout=30)
    vakken = dash_duo.driver.execute_script(VAKKEN_JS)
    assert vakken, "geen grafiek met legenda gevonden"
    for v in vakken:
        assert v["tekst"].startswith("Bron: ")
        (_, _, _, l_onder), (_, b_boven, _, _) = v["l"], v["b"]
        assert l_onder <= b_boven, v  # the source line starts below the legend


def test_geen_modebar_en_geen_plotly_link(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/trends")
    dash_duo.wait_for_element("#trends-grafiek .main-svg", timeout=30)
    driver = dash_duo.driver
    assert driver.find_elements(By.CSS_SELECTOR, ".modebar, .modebar-btn") == []
    assert driver.find_elements(By.CSS_SELECTOR, "[data-title*='hare'], a[href*='plot.ly']") == []
    assert driver.find_elements(By.CSS_SELECTOR, "a[href*='plotly'], a[href*='chart-studio']") == []
    # and nothing the page loaded came from another host (no CDN, no cloud)
    adressen = driver.execute_script("return performance.getEntries().map(e => e.name)")
    vreemd = [a for a in adressen if a.startswith("http") and not a.startswith(dash_duo.server_url)]
    assert vreemd == []


def test_tabel_heeft_werkbalk(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/trends?tab=tabel&weergave=absoluut")
    dash_duo.wait_for_element("#trends-tabel table", timeout=30)
    for knop in ("csv", "xlsx", "link"):
        assert dash_duo.find_element(f"#trends-tabel-export-{knop}").is_displayed()
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#trends-tabel-export-png") == []
    dash_duo.find_element("#trends-tabel-export-csv").click()
    dash_duo.wait_for_contains_text("#trends-tabel-export-melding", "is klaar", timeout=30)
    assert axe_overtredingen(dash_duo.driver) == []
