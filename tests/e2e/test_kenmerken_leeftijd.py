"""Kenmerken's age section in a browser: at 390 and 1400 px no chart is taller than the
screen because of its legend, every age chart has its toolbar and table, and axe finds nothing;
breakdown legends name only the category, and trend-break labels clear the axis labels."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_overtredingen, console_fouten
from tests.e2e.test_toetsenbord_telefoon import BREUK_OVER_AS_JS

SCHERM = 844

KAARTEN_JS = """
const sectie = document.getElementById('leeftijd').closest('section');
return [...sectie.querySelectorAll('.grafiekkaart')].map(k => {
  const graf = k.querySelector('.js-plotly-plot');
  const legenda = k.querySelector('.legend');
  return {
    id: graf ? graf.id : '',
    hoogte: graf ? graf.getBoundingClientRect().height : 0,
    legenda: legenda ? legenda.getBoundingClientRect().height : 0,
    werkbalk: !!k.querySelector('.werkbalk, [id$="-export"]'),
    tabel: !!k.querySelector('details table'),
  };
});
"""

LEGENDA_JS = """
// breakdown charts ('<indicator>, naar <x>'): legend entries without the indicator's name
const uit = [];
for (const k of document.querySelectorAll('.grafiekkaart')) {
  const titel = k.querySelector('.grafiektitel-smal .titel') || k.querySelector('.gtitle');
  if (!titel || !titel.textContent.includes(', naar ')) continue;
  const indicator = titel.textContent.split(', naar ')[0].trim();
  for (const t of k.querySelectorAll('.legendtext'))
    uit.push({indicator, naam: t.textContent});
}
return uit;
"""


@pytest.mark.parametrize("breedte", [390, 1400])
def test_leeftijdsgrafieken_passen_op_het_scherm(dash_duo, app, breedte: int) -> None:
    dash_duo.start_server(app)
    dash_duo.driver.set_window_size(breedte, SCHERM)
    dash_duo.wait_for_page(dash_duo.server_url + "/kenmerken")
    dash_duo.wait_for_element(".grafiekkaart .main-svg", timeout=30)
    dash_duo.wait_for_element("#kenmerken-leeftijd-overzicht", timeout=5)
    kaarten = dash_duo.driver.execute_script(KAARTEN_JS)
    assert len(kaarten) >= 8, kaarten
    for k in kaarten:
        assert k["hoogte"] <= SCHERM, k
        assert k["legenda"] < SCHERM / 3, k  # a legend never takes over a phone screen
        assert k["werkbalk"] and k["tabel"], k
    legenda = dash_duo.driver.execute_script(LEGENDA_JS)
    assert len({e["indicator"] for e in legenda}) >= 3, legenda
    for e in legenda:
        assert e["indicator"] not in e["naam"], e
    labels, over_as = dash_duo.driver.execute_script(BREUK_OVER_AS_JS)
    assert labels >= 1 and over_as == []
    if breedte == 390:
        assert axe_overtredingen(dash_duo.driver) == []
    assert console_fouten(dash_duo) == []
