"""Keyboard paths (radio groups, skip link to Weergave), the in-page menus' contrast,
no sideways scrolling and no clipped chart text at 390 px, and the Toon 2020 switch."""

from __future__ import annotations

import re

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from bench.verzoeken import paginapaden
from tests.e2e.conftest import axe_overtredingen, console_fouten

ALLE_PAGINAS = (*paginapaden(), "/trends?tab=tabel&weergave=absoluut")  # every registered page
GRAFIEKPAGINAS = ("/trends", "/kenmerken", "/capaciteit", "/actielijnen")

ACTIEF_JS = "return document.activeElement"
GEKOZEN_JS = """
const kies = id => { const i = document.querySelector('#' + id + ' input:checked'); return i && i.value; };
return [kies('trends-weergave'), kies('trends-tab')];
"""

CONTRAST_JS = """
function rgb(s) { const m = s.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
function lum(c) { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); }
function achtergrond(e) { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
  if (c.a > 0) return c; } return {r: 255, g: 255, b: 255, a: 1}; }
const uit = [];
for (const a of document.querySelectorAll(arguments[0])) {
  for (const staat of ['rust', 'focus']) {
    if (staat === 'focus') a.focus(); else a.blur();
    const v = lum(rgb(getComputedStyle(a).color)), g = lum(achtergrond(a));
    uit.push({tekst: a.textContent, staat: staat,
              contrast: (Math.max(v, g) + 0.05) / (Math.min(v, g) + 0.05)});
  }
  a.blur();
}
return uit;
"""

AFGEKNIPT_JS = """
// every text drawn in a chart lies inside its chart: titles, ticks, legend, bar labels
const uit = [];
for (const gd of document.querySelectorAll('.grafiekkaart .js-plotly-plot')) {
  if (gd.offsetParent === null) continue;
  const k = gd.getBoundingClientRect();
  for (const t of gd.querySelectorAll('svg text')) {
    if (!t.textContent.trim()) continue;
    const r = t.getBoundingClientRect();
    if (r.width === 0) continue;
    if (r.left < k.left - 1 || r.right > k.right + 1 || r.top < k.top - 1 || r.bottom > k.bottom + 1)
      uit.push({tekst: t.textContent.slice(0, 60), grafiek: gd.id,
                rand: [Math.round(r.left - k.left), Math.round(k.right - r.right)]});
  }
  // year labels stay clear of the legend under them (no label hidden behind it)
  const legenda = gd.querySelector('g.legend');
  if (!legenda) continue;
  const l = legenda.getBoundingClientRect();
  for (const t of gd.querySelectorAll('.xtick text')) {
    const r = t.getBoundingClientRect();
    if (r.width && r.bottom > l.top + 1 && r.top < l.bottom && r.right > l.left && r.left < l.right)
      uit.push({tekst: t.textContent, grafiek: gd.id, onder_legenda: true});
  }
}
return uit;
"""


VERBORGEN_JS = """
return [...document.querySelectorAll('.grafiekkaart .gtitle')]
  .filter(t => t.textContent.includes('2020 verborgen')).length;
"""


@pytest.fixture
def duo(dash_duo, app):
    """dash_duo with the app at hand, so each test opens a page in one line."""
    dash_duo.km_app = app
    return dash_duo


def _open(duo, pad: str, breedte: int = 1400) -> None:
    duo.start_server(duo.km_app)
    duo.driver.set_window_size(breedte, 844)
    duo.wait_for_page(duo.server_url + pad)
    duo.wait_for_element("h1", timeout=30)


def test_radiogroepen_blijven_bij_zichzelf(duo) -> None:
    _open(duo, "/trends")
    duo.wait_for_element("#trends-grafiek .main-svg", timeout=30)
    driver = duo.driver
    namen = {
        i.get_attribute("name")
        for i in driver.find_elements(By.CSS_SELECTOR, "#trends-weergave input, #trends-tab input")
    }
    assert namen == {"weergave", "tab"}
    assert driver.execute_script(GEKOZEN_JS) == ["index", "grafiek"]

    driver.execute_script("document.querySelector('#trends-weergave input:checked').focus()")
    driver.execute_script(ACTIEF_JS).send_keys(Keys.ARROW_UP)  # index -> absoluut
    assert driver.execute_script(GEKOZEN_JS) == ["absoluut", "grafiek"]
    driver.execute_script(ACTIEF_JS).send_keys(Keys.ARROW_UP)  # wraps inside the group
    assert driver.execute_script(GEKOZEN_JS) == ["verandering", "grafiek"]
    driver.execute_script(ACTIEF_JS).send_keys(Keys.ARROW_DOWN)
    assert driver.execute_script(GEKOZEN_JS) == ["absoluut", "grafiek"]
    assert driver.execute_script(ACTIEF_JS).get_attribute("name") == "weergave"

    driver.execute_script("document.querySelector('#trends-tab input:checked').focus()")
    driver.execute_script(ACTIEF_JS).send_keys(Keys.ARROW_RIGHT)
    assert driver.execute_script(GEKOZEN_JS) == ["absoluut", "tabel"]
    duo.wait_for_element("#trends-tabel table", timeout=30)
    # the table exists before the switch (hidden); the URL follows when the callback answers
    until(lambda: "tab=tabel" in driver.current_url, timeout=30)
    assert "weergave=absoluut" in driver.current_url and "tab=tabel" in driver.current_url
    assert console_fouten(duo) == []


def test_weergave_binnen_tien_tabs_vanaf_de_indicatorlijst(duo) -> None:
    _open(duo, "/trends")
    duo.wait_for_element("#trends-indicator input", timeout=30)
    driver = duo.driver
    driver.find_element(By.ID, "trends-zoek").click()
    tabs, enters = 0, 0
    while tabs < 30:
        driver.execute_script(ACTIEF_JS).send_keys(Keys.TAB)
        tabs += 1
        actief = driver.execute_script(ACTIEF_JS)
        if actief.get_attribute("id") == "trends-naar-weergave":
            actief.send_keys(Keys.ENTER)
            enters += 1
        if driver.execute_script("return !!document.activeElement.closest('#trends-weergave')"):
            break
    assert driver.execute_script("return !!document.activeElement.closest('#trends-weergave')")
    assert tabs <= 10, tabs
    assert enters == 1
    # without the skip link the list is in the way: more indicator boxes than 10 tab stops
    assert len(driver.find_elements(By.CSS_SELECTOR, "#trends-indicator input")) > 10


@pytest.mark.parametrize("pad", ["/kenmerken", "/actielijnen"])
def test_inpagina_menu_is_leesbaar_in_rust_en_met_focus(duo, pad: str) -> None:
    _open(duo, pad)
    metingen = duo.driver.execute_script(CONTRAST_JS, "nav .inpagina a")
    assert len(metingen) >= 8  # Kenmerken: 4 links, Actielijnen: 5 lines + timeline, 2 states
    for m in metingen:
        assert m["contrast"] >= 4.5, m
    # each link lands on a heading of this page
    for a in duo.driver.find_elements(By.CSS_SELECTOR, "nav .inpagina a"):
        doel = a.get_attribute("href").split("#", 1)[1]
        assert duo.driver.find_elements(By.ID, doel), doel


@pytest.mark.parametrize("pad", ALLE_PAGINAS)
def test_geen_zijwaarts_scrollen_op_390(duo, pad: str) -> None:
    _open(duo, pad, breedte=390)
    if pad.startswith(GRAFIEKPAGINAS) and "tab=tabel" not in pad:
        duo.wait_for_element(".grafiekkaart .main-svg", timeout=30)
    driver = duo.driver
    breed, venster = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert breed <= venster, (pad, breed, venster)
    # a table wider than the screen scrolls inside a focusable, labelled region
    for vak in driver.find_elements(By.CSS_SELECTOR, ".tabel-scroll"):
        assert vak.get_attribute("tabindex") == "0"
        assert vak.get_attribute("role") == "region"
        assert vak.get_attribute("aria-label").startswith("Tabel: ")
    if pad.startswith(GRAFIEKPAGINAS) and "tab=tabel" not in pad:
        # the phone adjustments (assets/grafiektitel.js) run after Plotly's first drawing
        try:
            until(lambda: driver.execute_script(AFGEKNIPT_JS) == [], 30)
        finally:
            assert driver.execute_script(AFGEKNIPT_JS) == []
        # the title moved to text above the chart, where it wraps
        titels = driver.find_elements(By.CSS_SELECTOR, ".grafiektitel-smal .titel")
        assert titels and all(t.is_displayed() and t.text for t in titels[:3])
    # a compact header: at most a sixth of the phone screen
    assert (
        driver.execute_script("return document.querySelector('header.kop').offsetHeight") < 844 / 6
    )


def test_grafiektitel_in_de_grafiek_op_breed_scherm(duo) -> None:
    _open(duo, "/trends")
    duo.wait_for_contains_text("#trends-grafiek .gtitle", "Index", timeout=30)
    assert not duo.find_element(".grafiektitel-smal").is_displayed()
    assert duo.driver.execute_script(AFGEKNIPT_JS) == []


@pytest.mark.parametrize("pad", ["/kenmerken", "/capaciteit"])
def test_toon_2020_schakelaar_zet_corona_in_de_url(duo, pad: str) -> None:
    # a bare path is a link of URL contract 1: it meant 2020 hidden everywhere, and still does
    _open(duo, pad)
    until(lambda: "corona=0" in duo.driver.current_url, 30)
    # the menu's links carry urlversie: the default hides 2020 only where a source calls it
    # atypical; the address gets the full state on arrival
    duo.wait_for_page(f"{duo.server_url}{pad}?urlversie=2")
    until(lambda: "corona=atypisch" in duo.driver.current_url, 30)
    duo.wait_for_element(".grafiekkaart .main-svg", timeout=30)
    prefix = pad.strip("/")
    voor = duo.driver.execute_script(VERBORGEN_JS)  # count what is hidden
    duo.find_element(f"#{prefix}-corona label").click()
    until(lambda: "corona=1" in duo.driver.current_url, 30)
    # one Location owns the address: it carries the contract and the data version, not a bare path
    assert "urlversie=2" in duo.driver.current_url and "versie=" in duo.driver.current_url
    until(lambda: duo.driver.execute_script(VERBORGEN_JS) == 0, 30)
    assert duo.find_element(f"#{prefix}-corona input").is_selected()
    # the page was drawn again from the URL; keyboard focus is back on the switch
    until(
        lambda: duo.driver.execute_script(
            "return !!document.activeElement.closest('.coronaschakelaar')"
        ),
        20,
    )
    duo.find_element(f"#{prefix}-corona label").click()
    until(lambda: "corona=atypisch" in duo.driver.current_url, 30)
    until(lambda: duo.driver.execute_script(VERBORGEN_JS) == voor, 30)
    assert not duo.find_element(f"#{prefix}-corona input").is_selected()
    assert console_fouten(duo) == []


@pytest.mark.parametrize("pad", ["/kenmerken", "/wetten", "/actielijnen", "/trends"])
def test_axe_op_390(duo, pad: str) -> None:
    _open(duo, pad, breedte=390)
    if pad != "/wetten":
        duo.wait_for_element(".grafiekkaart .main-svg", timeout=30)
    assert axe_overtredingen(duo.driver) == []


ZOEKSTATUS = (
    r"^(\d+) van (\d+) indicatoren met ‘sbo’(?:; (\d+) treffers? in (?:een )?andere settings?)?\.$"
)


def test_zoeken_filtert_tijdens_typen_met_telling_en_hint(duo) -> None:
    _open(duo, "/trends?setting=so")
    duo.wait_for_contains_text("#trends-zoekstatus", "indicatoren", timeout=30)
    driver = duo.driver
    voor = len(driver.find_elements(By.CSS_SELECTOR, "#trends-indicator input"))
    driver.find_element(By.ID, "trends-zoek").send_keys("sbo")  # no Enter, no blur
    until(lambda: "‘sbo’" in duo.find_element("#trends-zoekstatus").text, 30)
    assert driver.execute_script("return document.activeElement.id") == "trends-zoek"
    status = duo.find_element("#trends-zoekstatus")
    assert status.get_attribute("aria-live") == "polite"
    m = re.match(ZOEKSTATUS, status.text)
    assert m and m.group(3), status.text  # sbo's own series live in another setting
    binnen, totaal, elders = int(m.group(1)), int(m.group(2)), int(m.group(3))
    opties = driver.find_elements(By.CSS_SELECTOR, "#trends-indicator input")
    assert len(opties) < voor and binnen < totaal
    # the list shows the matches plus what is already drawn, nothing else
    gekozen = [o for o in opties if o.is_selected()]
    assert len(opties) <= binnen + len(gekozen)
    knop = duo.find_element("#trends-alle-settings")
    assert knop.is_displayed() and knop.text == "Zoek in alle settings"
    knop.click()
    until(lambda: "andere setting" not in duo.find_element("#trends-zoekstatus").text, 30)
    m2 = re.match(ZOEKSTATUS, duo.find_element("#trends-zoekstatus").text)
    assert m2 and int(m2.group(1)) == binnen + elders and m2.group(3) is None
    assert driver.find_elements(By.CSS_SELECTOR, "#trends-setting input:checked") == []
    assert not duo.find_element("#trends-alle-settings").is_displayed()
    until(lambda: "setting=so" not in driver.current_url, 30)
    assert duo.find_element("#trends-zoek").get_attribute("value") == "sbo"  # search kept
    assert console_fouten(duo) == []


ZOEK_NAAR_TREFFER = 3  # Tab to "Naar Weergave", Tab to "Naar de grafiek", Tab: first match
ZOEK_NAAR_WERKBALK = 5  # Tab, Tab, Enter on "Naar de grafiek", Tab over the citation link, Tab


def _toetsen_tot(driver, klaar, toetsen) -> int:
    """Press `toetsen` one by one from the search field; how many until `klaar()` holds."""
    driver.find_element(By.ID, "trends-zoek").click()
    for n, toets in enumerate(toetsen, start=1):
        driver.execute_script(ACTIEF_JS).send_keys(toets)
        if klaar():
            return n
    return len(toetsen) + 1


def test_toetsenpad_zoekveld_naar_treffer_en_werkbalk(duo) -> None:
    """The counts stated in docs/ontwikkeling.md (keyboard paths)."""
    _open(duo, "/trends")
    duo.wait_for_element("#trends-grafiek .main-svg", timeout=30)
    driver = duo.driver
    eerste = "return document.activeElement === document.querySelector('#trends-indicator input')"
    assert _toetsen_tot(driver, lambda: driver.execute_script(eerste), [Keys.TAB] * 10) == (
        ZOEK_NAAR_TREFFER
    )
    werkbalk = "return document.activeElement.id === 'trends-export-png'"
    toetsen = [Keys.TAB, Keys.TAB, Keys.ENTER, *[Keys.TAB] * 10]
    assert _toetsen_tot(driver, lambda: driver.execute_script(werkbalk), toetsen) == (
        ZOEK_NAAR_WERKBALK
    )


BREUK_OVER_AS_JS = """
// trend-break labels (shape labels "trendbreuk …") against every tick label of their chart
const uit = [];
let labels = 0;
for (const gd of document.querySelectorAll('.grafiekkaart .js-plotly-plot')) {
  const ticks = [...gd.querySelectorAll('.xtick text, .ytick text')].map(t => t.getBoundingClientRect());
  for (const t of gd.querySelectorAll('svg text')) {
    if (!t.textContent.startsWith('trendbreuk')) continue;
    labels++;
    const r = t.getBoundingClientRect();
    if (ticks.some(b => b.width && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top))
      uit.push(t.textContent);
  }
}
return [labels, uit];
"""


def test_telefoon_naar_de_grafiek_na_een_keuze(duo) -> None:
    # absolute values: an index (a bare link's view) leaves out the years after a break
    _open(duo, "/trends?weergave=absoluut", breedte=390)
    duo.wait_for_element("#trends-grafiek .main-svg", timeout=30)
    driver = duo.driver
    # jeugdhulp (a default series) has a break in 2021: its label clears the year labels
    until(lambda: driver.execute_script(BREUK_OVER_AS_JS)[0] > 0, 30)
    assert driver.execute_script(BREUK_OVER_AS_JS)[1] == []
    keuze = driver.find_elements(By.CSS_SELECTOR, "#trends-indicator input")[4]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", keuze)
    driver.execute_script("arguments[0].click()", keuze)
    until(lambda: keuze.is_selected(), 30)
    # the chart lies far below the list on a phone; the jump link is in view after the choice
    hoogte = driver.execute_script("return window.innerHeight")
    link = duo.find_element("#trends-naar-grafiek")
    r = driver.execute_script("return arguments[0].getBoundingClientRect()", link)
    assert r["top"] >= 0 and r["bottom"] <= hoogte, r
    link.click()
    until(
        lambda: driver.execute_script("return document.activeElement.id") == "trends-grafiekvak", 30
    )
    boven = driver.execute_script(
        "return document.getElementById('trends-grafiekvak').getBoundingClientRect().top"
    )
    assert 0 <= boven < hoogte / 4, boven
