"""Whether the browser tests can run here, and what to do when they cannot.

Locally a missing Chromium skips them; `KETENMONITOR_BROWSERTESTS=verplicht` (CI) turns the
same absence into an error, so a browser test can never pass by quietly not running.
"""

from __future__ import annotations

import os
import shutil

VERPLICHT = os.environ.get("KETENMONITOR_BROWSERTESTS") == "verplicht"


def browser_ontbreekt(chromedriver: bool = False) -> str | None:
    """Why a browser test cannot run here, or None when it can.

    Every browser test needs Chromium (Kaleido renders with it); dash_duo also needs
    chromedriver on PATH.
    """
    from dashboard.uitvoer.tekenaar import browser_pad_bestaat

    if not browser_pad_bestaat():
        return "Chromium ontbreekt (apt-get install chromium, of zet BROWSER_PATH)"
    if chromedriver and not shutil.which("chromedriver"):
        return "chromedriver ontbreekt (apt-get install chromium-driver)"
    return None
