"""In a real browser: the citation line under a chart names this view's address, and after
an export or "Link kopiëren" the keyboard focus is back on the button used while the
toolbar's live region says what happened."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import axe_overtredingen, console_fouten, wacht_op_bestand

PAD = "/trends?indicator=so_leerlingen,jeugdhulp_totaal&weergave=absoluut"


def _actief_id(dash_duo) -> str:
    return dash_duo.driver.execute_script("return document.activeElement.id || ''")


def _wacht_op_focus(dash_duo, knop_id: str) -> None:
    dash_duo.wait_for_element(f"#{knop_id}:not([disabled])", timeout=40)
    # the focus is restored in the animation frame after the button is enabled again
    dash_duo._wait_for(lambda _d: _actief_id(dash_duo) == knop_id, timeout=5, msg="focus")


def test_focus_en_melding_na_export_en_citeerregel(dash_duo, app) -> None:
    dash_duo.start_server(app)
    dash_duo.wait_for_page(dash_duo.server_url + PAD)
    dash_duo.wait_for_element("#trends-grafiek .main-svg", timeout=30)
    map_ = Path(dash_duo.download_path)

    # the citation line: data version, producer, and this view's address pinned to the version
    dash_duo.wait_for_contains_text("#trends-grafiek-citeer", "Data-versie", timeout=30)
    citeer = dash_duo.find_element("#trends-grafiek-citeer").text
    assert citeer.startswith("Citeer als: Ketenmonitor (") and "Bron: " in citeer
    link = dash_duo.find_element("#trends-grafiek-citeer a.citeerlink").get_attribute("href")
    assert "/trends?" in link and "indicator=" in link and "versie=" in link
    assert link in citeer

    melding = dash_duo.find_element("#trends-export-melding")
    assert melding.get_attribute("aria-live") == "polite"
    for formaat, patroon in (("csv", "*.csv"), ("png", "*.png")):
        dash_duo.find_element(f"#trends-export-{formaat}").click()
        wacht_op_bestand(map_, patroon)
        dash_duo.wait_for_contains_text(
            "#trends-export-melding", f".{formaat} is klaar", timeout=40
        )
        _wacht_op_focus(dash_duo, f"trends-export-{formaat}")

    dash_duo.find_element("#trends-export-link").click()
    dash_duo.wait_for_contains_text("#trends-export-melding", "Link", timeout=30)
    _wacht_op_focus(dash_duo, "trends-export-link")
    assert "versie=" in dash_duo.find_element("#trends-export-melding").text

    assert axe_overtredingen(dash_duo.driver) == []
    assert console_fouten(dash_duo) == []
