"""Take README screenshots of every page with headless Chromium: `python docs/screenshots/maak.py`.

Expects the dashboard to be running (make run) or a base URL as first argument.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from selenium import webdriver

MAP = Path(__file__).resolve().parent
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


TELEFOON = {"telefoon-trends": "/trends"}
"""Phone views (390 px wide, as an iPhone 12–15): one screen height and a bit."""


def _schiet(b: webdriver.Chrome, url: str, breedte: int, max_hoogte: int, doel: Path) -> None:
    # resize after start: headless Chromium keeps a 500 px minimum for --window-size
    b.set_window_size(breedte, 1000)
    b.get(url)
    time.sleep(3)  # let Dash render callbacks, Plotly draw and assets/grafiektitel.js adjust
    hoogte = min(b.execute_script("return document.body.scrollHeight"), max_hoogte)
    b.set_window_size(breedte, hoogte)
    time.sleep(1)
    b.save_screenshot(str(doel))


def maak(basis: str = "http://127.0.0.1:8050", paginas: dict[str, str] | None = None) -> list[Path]:
    MAP.mkdir(exist_ok=True)
    gemaakt = []
    b = browser()
    try:
        for naam, pad in (paginas or PAGINAS).items():
            _schiet(b, basis + pad, 1400, 4000, MAP / f"{naam}.png")
            gemaakt.append(MAP / f"{naam}.png")
        for naam, pad in TELEFOON.items() if paginas is None else ():
            _schiet(b, basis + pad, 390, 2600, MAP / f"{naam}.png")
            gemaakt.append(MAP / f"{naam}.png")
    finally:
        b.quit()
    return gemaakt


if __name__ == "__main__":
    for pad in maak(*sys.argv[1:2]):
        print(pad)
