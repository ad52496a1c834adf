"""Browser tests (dash_duo, headless Debian Chromium) and the axe-core accessibility check.

Every test here carries the `browser` marker (with chromedriver): without a browser it is
skipped locally, and an error when KETENMONITOR_BROWSERTESTS=verplicht (CI); see tests/conftest.py.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from etl.config import PROJECT_ROOT
from tests.browserhulp import VERPLICHT

AXE = PROJECT_ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
HIER = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before `-m` selects: `-m "not browser"` leaves these out
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """This hook sees the whole session's items: mark only the ones in this folder."""
    for item in items:
        if HIER in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser(chromedriver=True))


def _eigen_poorten() -> None:
    """Each pytest-xdist worker its own range of dash_duo ports.

    dash.testing numbers its servers from one class counter (58050, 58051, …) in every process,
    so two workers would start their first server on the same port.
    """
    from dash.testing.application_runners import BaseDashRunner

    werker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    BaseDashRunner._next_port = 58050 + 1000 * int(werker.removeprefix("gw") or 0)


_eigen_poorten()


@pytest.fixture(scope="session", autouse=True)
def tekenaar_voor_de_servers() -> None:
    """Start the image renderer before any dash_duo server starts.

    dash_duo stops its Flask server by raising SystemExit in *every* thread created since
    that server started. The shared render service (`dashboard.uitvoer.tekendienst`) is another
    process and the client starts no threads, so that no longer reaches it; in the
    per-process mode (KETENMONITOR_TEKENAAR=proces) a Kaleido browser first started inside a
    test would lose its event loop at that test's end, and the next image would wait out the
    render timeout. Warming it here, before any runner, keeps both modes fast.
    """
    from dashboard.uitvoer import afbeelding

    if afbeelding.browser_pad_bestaat():
        afbeelding.tekenaar().stil_s = 0  # an idle close would restart it inside a runner
        afbeelding.tekenklant().stil_s = 0  # the service lives as long as this session
        afbeelding.naar_afbeelding({"data": [], "layout": {}}, "svg", 100, 100)


@pytest.fixture
def app(met_database: Path):
    from dashboard.app import app as dash_app

    return dash_app


def axe_overtredingen(driver: Any) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.0/2.1 A/AA violations on the current page."""
    if not AXE.exists():
        if VERPLICHT:
            raise AssertionError(f"{AXE} ontbreekt: make test installeert axe-core met npm")
        pytest.skip("axe-core ontbreekt (npm)")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    resultaat = driver.execute_async_script(
        """
        const klaar = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
          .then(r => klaar(r.violations.map(v => ({id: v.id, impact: v.impact,
                 doelen: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
          .catch(e => klaar([{id: 'axe-fout', impact: 'critical', doelen: [String(e)]}]));
        """
    )
    return [v for v in resultaat if v["impact"] in ("serious", "critical")]


def console_fouten(dash_duo: Any) -> list[dict[str, Any]]:
    return [e for e in (dash_duo.get_logs() or []) if e.get("level") == "SEVERE"]


def wacht_op_bestand(map_: Path, patroon: str, timeout: float = 40) -> Path:
    """The first finished download in `map_` matching `patroon` (Chromium's .crdownload not)."""
    eind = time.time() + timeout
    while time.time() < eind:
        gevonden = [p for p in map_.glob(patroon) if not p.name.endswith(".crdownload")]
        if gevonden and gevonden[0].stat().st_size > 0:
            return gevonden[0]
        time.sleep(0.2)
    raise AssertionError(f"geen {patroon} in {map_}: {[p.name for p in map_.iterdir()]}")


def zet_venster(driver: Any, breedte: int, hoogte: int = 844, mobiel: bool = True) -> None:
    """A real viewport of `breedte` px: a desktop window cannot be made as narrow as a phone."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": breedte, "height": hoogte, "deviceScaleFactor": 1, "mobile": mobiel},
    )


def open_pagina(dash_duo: Any, app: Any, pad: str, klaar: str, breedte: int | None = None) -> None:
    """Start the app, open `pad` (on a phone-sized viewport when `breedte` is given) and wait
    until the element `klaar` is there."""
    dash_duo.start_server(app)
    if breedte:
        zet_venster(dash_duo.driver, breedte)
    dash_duo.wait_for_page(dash_duo.server_url + pad)
    dash_duo.wait_for_element(klaar, timeout=30)
