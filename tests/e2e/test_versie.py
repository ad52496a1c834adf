"""A permalink made under an older data version, in a browser: the notice names both versions,
survives the page rewriting its query, and leads to exactly the changes between them."""

from __future__ import annotations

from typing import Any

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from tests.dashboard.test_wijzigingen import twee_versies  # noqa: F401  (fixture)
from tests.e2e.conftest import axe_overtredingen, console_fouten


@pytest.fixture
def app_versies(twee_versies: dict[str, Any], monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    monkeypatch.setenv("KETENMONITOR_DB", str(twee_versies["db"]))
    from dashboard.app import app

    return app


def test_oude_link_toont_melding_en_leidt_naar_de_wijzigingen(
    dash_duo,
    app_versies,
    twee_versies: dict[str, Any],  # noqa: F811
) -> None:
    oud, nieuw = twee_versies["eerste"], twee_versies["tweede"]
    dash_duo.start_server(app_versies)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/trends?indicator=so_leerlingen&versie={oud}")
    dash_duo.wait_for_contains_text(".versiemelding", oud, timeout=30)
    melding = dash_duo.find_element(".versiemelding").text
    assert nieuw in melding
    # the page pins its rewritten query to the data it now shows; the notice stays
    until(lambda: f"versie={nieuw}" in dash_duo.driver.current_url, 30)
    assert oud in dash_duo.find_element(".versiemelding").text
    assert axe_overtredingen(dash_duo.driver) == []

    dash_duo.find_element(".versiemelding a").click()
    until(lambda: f"/bronnen?sinds={oud}" in dash_duo.driver.current_url, 30)
    dash_duo.wait_for_element("#bronnen-wijzigingen-tabel tbody", timeout=30)
    rijen = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#bronnen-wijzigingen-tabel tbody tr")
    assert len(rijen) == 4
    assert console_fouten(dash_duo) == []


def test_link_zonder_versie_geeft_geen_melding_en_kopie_draagt_versie(
    dash_duo,
    app_versies,
    twee_versies: dict[str, Any],  # noqa: F811
) -> None:
    dash_duo.start_server(app_versies)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/bronnen")
    dash_duo.wait_for_element("#bronnen-wijzigingen-export-link", timeout=30)
    dash_duo.find_element("#bronnen-wijzigingen-export-link").click()
    dash_duo.wait_for_contains_text(
        "#bronnen-wijzigingen-export-melding", f"versie={twee_versies['tweede']}", timeout=30
    )
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".versiemelding") == []
