"""Every page renders without console errors and passes axe; Trends keeps its state in the URL."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from bench.verzoeken import paginapaden
from tests.e2e.conftest import axe_overtredingen, console_fouten

KOPPEN = {  # the h1 of every registered page: a new page without one fails at collection
    "/": "Druk op de keten: overzicht",
    "/trends": "Trends",
    "/kenmerken": "Kenmerken: wie heeft ondersteuning nodig",
    "/capaciteit": "Capaciteit & wachtlijsten",
    "/regio": "Regio",
    "/actielijnen": "Actielijnen",
    "/wetten": "Wetten & doelgroepen",
    "/bronnen": "Bronnen & methode",
    "/toegankelijkheid": "Toegankelijkheidsverklaring",
}
PAGINAS = [(pad, KOPPEN[pad]) for pad in paginapaden()] + [
    ("/trends?tab=tabel&weergave=absoluut&indicator=ve_bereik,so_leerlingen&corona=1", "Trends"),
    ("/trends?weergave=fout&van=abc&zomaar=1", "Trends"),
    ("/trends?setting=kdc", "Trends"),
    (
        "/trends?indicator=jeugdhulp_totaal,so_leerlingen,so_instroom&weergave=index&basisjaar=2017",
        "Trends",
    ),
    ("/trends?indicator=so_instroom:herkomst&weergave=absoluut", "Trends"),
    ("/trends?beleid=1&van=2016", "Trends"),
    ("/actielijnen?ministerie=VWS&status=onderzoek", "Actielijnen"),
    ("/wetten?doelgroep=9", "Wetten & doelgroepen"),
]


@pytest.mark.parametrize(("pad", "kop"), PAGINAS)
def test_pagina_rendert_toegankelijk(dash_duo, app, pad: str, kop: str) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + pad)
    dash_duo.wait_for_text_to_equal("h1", kop, timeout=30)
    if pad.startswith(("/trends", "/kenmerken", "/capaciteit", "/actielijnen")):
        dash_duo.wait_for_element(".grafiekkaart .main-svg", timeout=30)
    assert dash_duo.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert axe_overtredingen(dash_duo.driver) == []
    assert console_fouten(dash_duo) == []


def test_bediening_werkt_grafiek_en_url_bij(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/trends")
    dash_duo.wait_for_contains_text("#trends-grafiek .gtitle", "Index", timeout=30)
    dash_duo.find_element(
        "label[for='_dbcprivate_radioitems_trends-weergave_input_absoluut']"
    ).click()
    dash_duo.wait_for_contains_text("#trends-grafiek .gtitle", "Absolute waarden", timeout=30)
    assert "weergave=absoluut" in dash_duo.driver.current_url
    assert console_fouten(dash_duo) == []


def test_deeplink_herstelt_staat(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(
        dash_duo.server_url
        + "/trends?indicator=thuiszitters_langer_dan_3_maanden&weergave=absoluut&tab=tabel&van=2016"
    )
    dash_duo.wait_for_contains_text("#trends-tabel caption", "2016–", timeout=30)
    tabel = dash_duo.find_element("#trends-tabel").text
    assert "Thuiszitters" in tabel or "thuiszitters" in tabel
    assert dash_duo.find_element("#trends-grafiekvak").get_attribute("hidden") is not None
    gekozen = dash_duo.driver.find_element(
        By.CSS_SELECTOR, "#trends-weergave input[value='absoluut']"
    )
    assert gekozen.is_selected()


def test_ongeldige_url_toont_melding(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(
        dash_duo.server_url + "/trends?weergave=%3Cscript%3E&indicator=bestaat_niet"
    )
    dash_duo.wait_for_contains_text("#trends-meldingen", "Ongeldige waarde", timeout=30)
    assert "standaardwaarde" in dash_duo.find_element("#trends-meldingen").text
    dash_duo.wait_for_contains_text("#trends-grafiek .gtitle", "Index", timeout=30)


def test_ketenkaart_opent_trends_voor_setting(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/")
    dash_duo.find_element(".ketenkaart a[href*='setting=sbo&indicator=']").click()
    dash_duo.wait_for_text_to_equal("h1", "Trends", timeout=30)
    dash_duo.wait_for_element("#trends-grafiek .main-svg", timeout=30)
    assert "setting=sbo" in dash_duo.driver.current_url
    assert dash_duo.driver.find_element(
        By.CSS_SELECTOR, "#trends-setting input[value='sbo']"
    ).is_selected()
    # absolute view, one series: the longest public series of the setting
    assert dash_duo.driver.find_element(
        By.CSS_SELECTOR, "#trends-weergave input[value='absoluut']"
    ).is_selected()
    assert (
        len(dash_duo.driver.find_elements(By.CSS_SELECTOR, "#trends-indicator input:checked")) == 1
    )


def test_ketenkaart_kdc_opent_uitleg_en_lege_keuze_heeft_geen_werkbalk(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/")
    dash_duo.find_element(".ketenkaart a[href='/capaciteit#signalen']").click()
    dash_duo.wait_for_text_to_equal("h1", "Capaciteit & wachtlijsten", timeout=30)
    dash_duo.wait_for_page(dash_duo.server_url + "/trends?setting=kdc")
    dash_duo.wait_for_text_to_equal("#trends-leeg h2", "Geen grafiek voor deze keuze", timeout=30)
    assert not dash_duo.find_element("#trends-grafiekvak").is_displayed()
    assert not dash_duo.find_element("#trends-export-png").is_displayed()
    assert "Wat we niet weten" in dash_duo.find_element("#trends-leeg").text


def test_actielijnen_filter_en_deeplink(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/actielijnen")
    # without a filter the count says nothing about a filter
    dash_duo.wait_for_text_to_equal("#actielijn-1 + p + h3", "Maatregelen (8)", timeout=30)
    dash_duo.find_element(
        "label[for='_dbcprivate_checklist_actielijnen-ministerie_input_OCW']"
    ).click()
    dash_duo.wait_for_contains_text("#actielijn-1 + p + h3", "(6 na filter)", timeout=30)
    assert "ministerie=VWS,SZW,onbekend" in dash_duo.driver.current_url
    dash_duo.wait_for_page(dash_duo.server_url + "/actielijnen?ministerie=VWS&status=onderzoek")
    dash_duo.wait_for_contains_text("#actielijn-1 + p + h3", "(1 na filter)", timeout=30)
    assert not dash_duo.driver.find_element(
        By.CSS_SELECTOR, "#actielijnen-ministerie input[value='OCW']"
    ).is_selected()


def test_wetten_ongeldige_doelgroep_meldt(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/wetten?doelgroep=9")
    dash_duo.wait_for_contains_text("#wetten-meldingen", "Ongeldige waarde", timeout=30)
    assert len(dash_duo.find_elements(".matrix tbody th[scope='row']")) == 12


def test_beleidsmomenten_op_trends(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/trends")
    dash_duo.wait_for_element("#trends-grafiek .main-svg", timeout=30)
    assert dash_duo.find_elements(".momenten li") == []
    dash_duo.find_element("label[for='_dbcprivate_checklist_trends-beleid_input_ja']").click()
    dash_duo.wait_for_element(".momenten li", timeout=30)
    assert "beleid=1" in dash_duo.driver.current_url
    assert any(
        "druk op de keten" in li.text.lower() for li in dash_duo.find_elements(".momenten li")
    )


def test_menu_markeert_huidige_pagina(dash_duo, app) -> None:
    """aria-current="page" sits on exactly one menu link and follows in-app navigation."""
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/trends?weergave=absoluut")
    dash_duo.wait_for_text_to_equal("h1", "Trends", timeout=30)

    def huidige() -> list[str]:
        return [
            a.text
            for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, "nav.hoofdmenu a")
            if a.get_attribute("aria-current") == "page"
        ]

    dash_duo.wait_for_element("nav.hoofdmenu a[aria-current='page']", timeout=30)
    assert huidige() == ["Trends"]
    dash_duo.driver.find_element(By.LINK_TEXT, "Bronnen & methode").click()
    dash_duo.wait_for_text_to_equal("h1", "Bronnen & methode", timeout=30)
    dash_duo.wait_for_element("nav.hoofdmenu a[aria-current='page'][href^='/bronnen']", timeout=30)
    assert huidige() == ["Bronnen & methode"]
    assert console_fouten(dash_duo) == []
