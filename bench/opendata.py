"""The open data API under the real gunicorn: how fast its answers come, cold and warm, and
how large the catalogue is on the wire.

Cold is the first answer of a path in a data version (built from the database, then kept);
warm is every later one (from the per-version cache), which is what a notebook that
re-runs or a spreadsheet that refreshes gets. The paths cover every route: version,
catalogue, the regional overview, and for a spread of indicators their metadata and both
observation formats, plus the regional files per level.
"""

from __future__ import annotations

import http.client
import json
import time
from typing import Any

from bench.metingen import pct
from bench.server import Server

GZIP = {"Accept-Encoding": "gzip"}


def _haal(con: http.client.HTTPConnection, pad: str) -> tuple[int, bytes]:
    con.request("GET", pad, headers=GZIP)
    r = con.getresponse()
    return r.status, r.read()


def paden(server: Server, elke: int = 5) -> list[str]:
    """Every route, each indicator-bound one for every `elke`-th indicator of the catalogue."""
    con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=30)
    try:
        con.request("GET", "/api/v1/indicatoren")
        catalogus = json.loads(con.getresponse().read())["indicatoren"]
        con.request("GET", "/api/v1/regio")
        regio = json.loads(con.getresponse().read())["tellingen"]
    finally:
        con.close()
    uit = ["/api/v1/versie", "/api/v1/indicatoren", "/api/v1/regio"]
    for regel in catalogus[::elke]:
        uit += list(regel["links"].values())
    for telling in regio:
        for reeksen in telling["niveaus"].values():
            for reeks in reeksen:
                uit += list(reeks["links"].values())
                uit.append(f"{reeks['links']['csv']}?jaar={reeks['laatste_jaar']}")
    return uit


def meet(server: Server, n: int) -> dict[str, Any]:
    """Cold and warm latency over every path, and response sizes (gzip, as sent)."""
    alle = paden(server)
    con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=30)
    koud, warm, groottes = [], [], {}
    try:
        for pad in alle:  # the first answer of each path in this data version
            t = time.perf_counter()
            status, inhoud = _haal(con, pad)
            koud.append(time.perf_counter() - t)
            if status != 200:
                raise RuntimeError(f"API {pad}: HTTP {status}")
            groottes[pad] = len(inhoud)
        for pad in alle * 2:  # the other worker's cache too
            _haal(con, pad)
        for i in range(n):
            pad = alle[i % len(alle)]
            t = time.perf_counter()
            status, _ = _haal(con, pad)
            warm.append(time.perf_counter() - t)
            if status != 200:
                raise RuntimeError(f"API {pad}: HTTP {status}")
    finally:
        con.close()
    grootste = max(groottes, key=groottes.__getitem__)
    return {
        "paden": len(alle),
        "koud": {"p50_ms": pct(koud, 0.5), "p95_ms": pct(koud, 0.95), "max_ms": pct(koud, 1)},
        "warm": {"p50_ms": pct(warm, 0.5), "p95_ms": pct(warm, 0.95), "n": n},
        "catalogus_gzip_kb": round(groottes["/api/v1/indicatoren"] / 1024, 1),
        "grootste_gzip_kb": round(groottes[grootste] / 1024, 1),
        "grootste_pad": grootste,
    }
