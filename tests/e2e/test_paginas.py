"""Every page renders without console errors and passes axe; Trends keeps its state in the URL."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.e2e.conftest import axe_overtredingen, console_fouten

PAGINAS = [
    ("/", "Druk op de keten: overzicht"),
    ("/trends", "Trends"),
    ("/bronnen", "Bronnen & methode"),
    ("/toegankelijkheid", "Toegankelijkheidsverklaring"),
    ("/trends?tab=tabel&weergave=absoluut&indicator=ve_bereik,so_leerlingen&corona=1", "Trends"),
    ("/trends?weergave=fout&van=abc&zomaar=1", "Trends"),
    ("/trends?setting=kdc", "Trends"),
]


@pytest.mark.parametrize(("pad", "kop"), PAGINAS)
def test_pagina_rendert_toegankelijk(dash_duo, app, pad: str, kop: str) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + pad)
    dash_duo.wait_for_text_to_equal("h1", kop, timeout=10)
    if pad.startswith("/trends"):
        dash_duo.wait_for_element("#trends-grafiek .main-svg", timeout=10)
    assert dash_duo.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert axe_overtredingen(dash_duo.driver) == []
    assert console_fouten(dash_duo) == []


def test_bediening_werkt_grafiek_en_url_bij(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/trends")
    dash_duo.wait_for_contains_text("#trends-grafiek .gtitle", "Index", timeout=10)
    dash_duo.find_element(
        "label[for='_dbcprivate_radioitems_trends-weergave_input_absoluut']"
    ).click()
    dash_duo.wait_for_contains_text("#trends-grafiek .gtitle", "Absolute waarden", timeout=10)
    assert "weergave=absoluut" in dash_duo.driver.current_url
    assert console_fouten(dash_duo) == []


def test_deeplink_herstelt_staat(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(
        dash_duo.server_url
        + "/trends?indicator=thuiszitters_langer_dan_3_maanden&weergave=absoluut&tab=tabel&van=2016"
    )
    dash_duo.wait_for_contains_text("#trends-tabel caption", "2016–", timeout=10)
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
    dash_duo.wait_for_contains_text("#trends-meldingen", "Ongeldige waarde", timeout=10)
    assert "standaardwaarde" in dash_duo.find_element("#trends-meldingen").text
    dash_duo.wait_for_contains_text("#trends-grafiek .gtitle", "Index", timeout=10)


def test_ketenkaart_opent_trends_voor_setting(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + "/")
    dash_duo.find_element(".ketenkaart a[href='/trends?setting=sbo']").click()
    dash_duo.wait_for_text_to_equal("h1", "Trends", timeout=10)
    dash_duo.wait_for_element("#trends-grafiek .main-svg", timeout=10)
    assert "setting=sbo" in dash_duo.driver.current_url
    assert dash_duo.driver.find_element(
        By.CSS_SELECTOR, "#trends-setting input[value='sbo']"
    ).is_selected()
