"""Take README screenshots of every page with headless Chromium: `python -m dashboard.screenshots`.

Expects the dashboard to be running (make run) or a base URL as first argument.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from selenium import webdriver

MAP = Path(__file__).parent / "screenshots"
PAGINAS = {
    "overzicht": "/",
    "trends": "/trends",
    "kenmerken": "/kenmerken",
    "capaciteit": "/capaciteit",
    "regio": "/regio?regio=PV26",
    "actielijnen": "/actielijnen",
    "wetten": "/wetten",
    "bronnen": "/bronnen",
}


def browser(breedte: int = 1400, hoogte: int = 1000) -> webdriver.Chrome:
    opties = webdriver.ChromeOptions()
    for vlag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--window-size={breedte},{hoogte}",
    ):
        opties.add_argument(vlag)
    opties.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(options=opties)


def maak(basis: str = "http://127.0.0.1:8050", paginas: dict[str, str] | None = None) -> list[Path]:
    MAP.mkdir(exist_ok=True)
    gemaakt = []
    b = browser()
    try:
        for naam, pad in (paginas or PAGINAS).items():
            b.set_window_size(1400, 1000)
            b.get(basis + pad)
            time.sleep(2.5)  # let Dash render callbacks and Plotly draw
            hoogte = min(b.execute_script("return document.body.scrollHeight"), 4000)
            b.set_window_size(1400, hoogte)
            time.sleep(0.5)
            doel = MAP / f"{naam}.png"
            b.save_screenshot(str(doel))
            gemaakt.append(doel)
    finally:
        b.quit()
    return gemaakt


if __name__ == "__main__":
    for pad in maak(*sys.argv[1:2]):
        print(pad)
