"""What a person waits for: headless Chromium, from navigation until the page is ready.

The server answers each Dash request in milliseconds, yet a page is usable only after the
browser has run the script bundles and walked every callback round. So the time is taken in
the browser: from navigation start (`performance.timeOrigin`) until

- the page router has answered (an `h1` inside `#_pages_content`),
- Dash's renderer has no callback pending (its redux store: requested, prioritized,
  blocked, executing, watched and executed callbacks all empty; the async clientside map
  callback counts as executing until its GeoJSON is in), and
- every visible `dcc.Graph` has drawn (a `.main-svg`),

and that has held for `STIL_MS` (a callback requested a moment after the layout renders
resets the clock). The moment is taken in the page by a poller injected before any script
runs, so the bench's own polling over WebDriver adds nothing to the number.

Each URL is loaded once to warm the browser cache (a returning visitor), then `n` times;
the plainest page (`KAAL`) is measured in the same run, and every page's p95 is also given
as a ratio to it, which travels between machines better than milliseconds do.
"""

from __future__ import annotations

import shutil
import statistics
import time
from typing import Any

KAAL = "/toegankelijkheid"
"""The plainest page: text only, no callback of its own."""

PERMALINKS = (
    "/trends?indicator=so_leerlingen",
    "/trends?setting=sbo",
    "/regio?niveau=gemeente",
    "/regio?niveau=gemeente&telling=woonplaats&regio=GM0344",
)
"""Saved links as people share them, beside the pages' bare paths."""

STIL_MS = 100
"""How long the page must stay ready before the start of that quiet spell counts."""
TIMEOUT_S = 30

WACHTER = """
(function () {
    var begin = null;
    function bezig() {
        var s = window.store && window.store.getState && window.store.getState();
        if (!s) { return true; }
        if (s.isLoading === true) { return true; }
        var c = s.callbacks || {};
        for (var k in c) {
            if (k === "stored" || k === "completed") { continue; }
            if (Array.isArray(c[k]) && c[k].length) { return true; }
        }
        return false;
    }
    function klaar() {
        if (!document.querySelector("#_pages_content h1") || bezig()) { return false; }
        var grafieken = document.querySelectorAll(".dash-graph");
        for (var i = 0; i < grafieken.length; i++) {
            var g = grafieken[i];
            if (g.offsetParent !== null && !g.querySelector(".main-svg")) { return false; }
        }
        return true;
    }
    function kijk() {
        var nu = performance.now();
        if (klaar()) {
            if (begin === null) { begin = nu; }
            if (nu - begin >= STIL_MS) { window.__bench_klaar = begin; return; }
        } else {
            begin = null;
        }
        setTimeout(kijk, 4);
    }
    window.__bench_kijk = function () { begin = null; window.__bench_klaar = undefined; kijk(); };
    kijk();
})();
""".replace("STIL_MS", str(STIL_MS))


def beschikbaar() -> str | None:
    """None when Chromium and chromedriver are on PATH, else why the bench skips the browser."""
    if not shutil.which("chromedriver"):
        return "geen chromedriver op PATH"
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        return "geen Chromium op PATH"
    return None


def _driver() -> Any:
    from selenium import webdriver

    opties = webdriver.ChromeOptions()
    for vlag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        opties.add_argument(vlag)
    driver = webdriver.Chrome(options=opties)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WACHTER})
    return driver


def _wacht(driver: Any) -> float:
    """Milliseconds from navigation start (or the last `__bench_kijk`) until ready."""
    einde = time.monotonic() + TIMEOUT_S
    while time.monotonic() < einde:
        klaar = driver.execute_script("return window.__bench_klaar;")
        if klaar is not None:
            return float(klaar)
        time.sleep(0.02)
    raise TimeoutError("pagina niet klaar binnen de tijd")


def _kwantielen(ms: list[float]) -> dict[str, Any]:
    geordend = sorted(ms)
    p95 = geordend[min(len(geordend) - 1, round(0.95 * (len(geordend) - 1)))]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(geordend[-1], 1),
    }


def laad(driver: Any, url: str, n: int) -> dict[str, Any]:
    """`n` timed loads of `url` after one untimed load that warms the browser cache."""
    driver.get(url)
    _wacht(driver)
    ms = []
    for _ in range(n):
        driver.get("about:blank")
        driver.get(url)
        ms.append(_wacht(driver))
    return _kwantielen(ms)


KEUZES = ("absoluut", "index")


def trends_wijziging(driver: Any, basis: str, n: int) -> dict[str, Any]:
    """A control change on Trends (the view, absolute ↔ index) until the chart is redrawn.

    Alternating values: each click is a real change. From the second round on the answer
    cache (per data version) may serve them, as it does in production."""
    driver.get(f"{basis}/trends?indicator=so_leerlingen,sbo_leerlingen")
    _wacht(driver)
    ms = []
    for i in range(n):
        waarde = KEUZES[i % 2]
        ms.append(
            driver.execute_script(
                """
                var t = performance.now();
                window.__bench_kijk();
                document.querySelector("#trends-weergave input[value='" + arguments[0] + "']")
                    .click();
                return t;
                """,
                waarde,
            )
        )
        ms[-1] = _wacht(driver) - ms[-1]
    return _kwantielen(ms)


def meet(basis: str, paden: list[str], n: int, wijzigingen: int) -> dict[str, Any]:
    """Per URL p50/p95 (and the ratio of its p95 to the plainest page's), and a Trends change."""
    reden = beschikbaar()
    if reden:
        return {"overgeslagen": reden}
    driver = _driver()
    try:
        urls = [KAAL, *[p for p in paden if p != KAAL], *PERMALINKS]
        paginas = {pad: laad(driver, basis + pad, n) for pad in urls}
        wijziging = trends_wijziging(driver, basis, wijzigingen)
    finally:
        driver.quit()
    kaal = paginas[KAAL]["p95_ms"]
    for meting in paginas.values():
        meting["verhouding_p95"] = round(meting["p95_ms"] / kaal, 2) if kaal else None
    return {
        "kaal": KAAL,
        "paginas": paginas,
        "trends_wijziging": wijziging,
        "hoogste_verhouding": _hoogste(paginas, regio=False),
        "hoogste_verhouding_regio": _hoogste(paginas, regio=True),
    }


def _hoogste(paginas: dict[str, dict[str, Any]], regio: bool) -> float | None:
    verhoudingen = [
        m["verhouding_p95"]
        for pad, m in paginas.items()
        if pad.startswith("/regio") == regio and m.get("verhouding_p95") is not None
    ]
    return max(verhoudingen) if verhoudingen else None


def tabel(meting: dict[str, Any]) -> str:
    """The page-ready table: p50, p95 and the ratio to the plainest page (decimal comma)."""
    if "overgeslagen" in meting:
        return f"browser: overgeslagen ({meting['overgeslagen']})"
    if "paginas" not in meting:
        return "browser: niet gemeten"

    def getal(x: float) -> str:
        return f"{x:g}".replace(".", ",")

    breedte = max(len(p) for p in meting["paginas"])
    regels = [f"{'pagina klaar (browser)'.ljust(breedte)}  p50 ms  p95 ms  × {meting['kaal']}"]
    for pad, m in meting["paginas"].items():
        regels.append(
            f"{pad.ljust(breedte)}  {getal(m['p50_ms']):>6}  {getal(m['p95_ms']):>6}  "
            f"{getal(m['verhouding_p95'])}"
        )
    w = meting["trends_wijziging"]
    regels.append(
        f"{'Trends: weergave wisselen'.ljust(breedte)}  {getal(w['p50_ms']):>6}  "
        f"{getal(w['p95_ms']):>6}"
    )
    return "\n".join(regels)
