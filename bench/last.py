"""Load against a real gunicorn: page loads, closed-loop load, human-paced journeys,
throughput, the response cache on and off, and concurrent image exports."""

from __future__ import annotations

import http.client
import json
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.metingen import pct
from bench.proces import nakomelingen, pss_mb
from bench.server import Server
from bench.verzoeken import (
    EXPORT_KAARTEN,
    paginapaden,
    router_lichaam,
    trends_lichaam,
    werkbalk_lichaam,
)


def paginalading(server: Server, n: int) -> float:
    tijden = []
    for _ in range(n):
        t = time.perf_counter()
        for methode, pad, lichaam in (
            ("GET", "/", None),
            ("GET", "/_dash-layout", None),
            ("GET", "/_dash-dependencies", None),
            ("POST", "/_dash-update-component", router_lichaam("/")),
        ):
            assert server.vraag(methode, pad, lichaam) == 200
        tijden.append(time.perf_counter() - t)
    return round(statistics.median(tijden) * 1000, 1)


def belasting(server: Server, gebruikers: int, seconden: float) -> dict[str, Any]:
    """Bounded threaded client: each user loads the Trends page layout and the health check."""
    tijden: list[float] = []
    fouten = [0]
    eind = time.monotonic() + seconden
    slot = threading.Lock()

    def gebruiker() -> None:
        con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=10)
        eigen = []
        while time.monotonic() < eind:
            for methode, pad, lichaam in (
                ("POST", "/_dash-update-component", router_lichaam("/trends")),
                ("GET", "/gezondheid", None),
            ):
                t = time.perf_counter()
                try:
                    ok = server.vraag(methode, pad, lichaam, con) == 200
                except OSError:
                    ok = False
                    con.close()
                    con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=10)
                eigen.append(time.perf_counter() - t)
                if not ok:
                    with slot:
                        fouten[0] += 1
        con.close()
        with slot:
            tijden.extend(eigen)

    draden = [threading.Thread(target=gebruiker) for _ in range(gebruikers)]
    start = time.perf_counter()
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    duur = time.perf_counter() - start
    return {
        "gebruikers": gebruikers,
        "seconden": round(duur, 1),
        "requests": len(tijden),
        "requests_per_s": round(len(tijden) / duur, 1),
        "p50_ms": pct(tijden, 0.5),
        "p95_ms": pct(tijden, 0.95),
        "fouten": fouten[0],
        "worker_rss_mb": server.rss_mb(),
    }


def _paginalading_stappen(pad: str) -> list[tuple[str, str, str, bytes | None]]:
    return [
        ("pagina-html", "GET", pad, None),
        ("dash-layout", "GET", "/_dash-layout", None),
        ("dash-dependencies", "GET", "/_dash-dependencies", None),
        ("paginarouter", "POST", "/_dash-update-component", router_lichaam(pad)),
    ]


def reizen(server: Server, gebruikers: int, seconden: float, denktijd_s: float) -> dict[str, Any]:
    """Human-paced journeys: load a page (4 requests), think; on Trends change the chart and
    now and then download the CSV or Excel.

    Every request is timed by its kind; a full page load is the four requests together. The
    users cycle through all pages in the page registry and three Trends views, so the response cache sees the mix
    a ministry team would make, not one URL.
    """
    trends_keuzes = [
        trends_lichaam(["so_leerlingen", "sbo_leerlingen", "jeugdhulp_totaal"], w)
        for w in ("index", "absoluut", "verandering")
    ]
    con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=10)
    con.request("GET", "/_dash-dependencies")
    afhankelijkheden = json.loads(con.getresponse().read())
    con.close()
    exports = [  # a small share of journeys ends with a file (never cached)
        ("export-csv", werkbalk_lichaam(afhankelijkheden, "trends-export", "/trends", "csv")),
        ("export-xlsx", werkbalk_lichaam(afhankelijkheden, "trends-export", "/trends", "xlsx")),
    ]
    paginas = paginapaden()
    per_soort: dict[str, list[float]] = {}
    ladingen: list[float] = []
    per_pagina: dict[str, list[float]] = {}
    fouten = [0]
    eind = time.monotonic() + seconden
    slot = threading.Lock()

    def gebruiker(nr: int) -> None:
        con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=10)
        eigen: dict[str, list[float]] = {}
        eigen_ladingen: list[tuple[str, float]] = []
        stap = nr
        while time.monotonic() < eind:
            pad = paginas[stap % len(paginas)]
            reis = _paginalading_stappen(pad)
            if pad == "/trends":
                reis.append(
                    ("trends-grafiek", "POST", "/_dash-update-component", trends_keuzes[stap % 3])
                )
                if stap % 5 == 0:
                    soort, lichaam = exports[(stap // len(paginas) // 5) % 2]  # CSV, Excel, …
                    reis.append((soort, "POST", "/_dash-update-component", lichaam))
            begin = time.perf_counter()
            for i, (soort, methode, adres, lichaam) in enumerate(reis):
                if i == 4:  # a page load is its first four requests; the rest is use
                    eigen_ladingen.append((pad, time.perf_counter() - begin))
                t = time.perf_counter()
                try:
                    ok = server.vraag(methode, adres, lichaam, con) in (200, 404)
                except OSError:
                    ok = False
                    con.close()
                    con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=10)
                eigen.setdefault(soort, []).append(time.perf_counter() - t)
                if not ok:
                    with slot:
                        fouten[0] += 1
            if len(reis) == 4:
                eigen_ladingen.append((pad, time.perf_counter() - begin))
            stap += 1
            time.sleep(denktijd_s)
        con.close()
        with slot:
            for soort, tijden in eigen.items():
                per_soort.setdefault(soort, []).extend(tijden)
            for pagina, duur in eigen_ladingen:
                ladingen.append(duur)
                per_pagina.setdefault(pagina, []).append(duur)

    draden = [threading.Thread(target=gebruiker, args=(i,)) for i in range(gebruikers)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    alle = [t for tijden in per_soort.values() for t in tijden]
    return {
        "gebruikers": gebruikers,
        "denktijd_s": denktijd_s,
        "requests": len(alle),
        "fouten": fouten[0],
        "per_request_ms": {
            "p50": pct(alle, 0.5),
            "p95": pct(alle, 0.95),
            "p99": pct(alle, 0.99),
        },
        "per_soort_ms": {
            soort: {"p50": pct(t, 0.5), "p95": pct(t, 0.95), "p99": pct(t, 0.99), "n": len(t)}
            for soort, t in sorted(per_soort.items())
        },
        "paginalading_ms": {
            "p50": pct(ladingen, 0.5),
            "p95": pct(ladingen, 0.95),
            "n": len(ladingen),
        },
        # per page, so a heavy page (Overzicht computes its "nu" table) is seen on its own
        "paginalading_per_pagina_ms": {
            pagina: {"p50": pct(t, 0.5), "p95": pct(t, 0.95), "n": len(t)}
            for pagina, t in sorted(per_pagina.items())
        },
        "worker_rss_mb": server.rss_mb(),
    }


def doorvoer_verhouding(server: Server, seconden: float) -> dict[str, Any]:
    """Closed-loop throughput of the page router (Bronnen, the largest) against /gezondheid."""

    def doorvoer(methode: str, pad: str, lichaam: bytes | None) -> float:
        teller = [0]
        eind = time.monotonic() + seconden
        slot = threading.Lock()

        def lus() -> None:
            con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=10)
            n = 0
            while time.monotonic() < eind:
                server.vraag(methode, pad, lichaam, con)
                n += 1
            con.close()
            with slot:
                teller[0] += n

        draden = [threading.Thread(target=lus) for _ in range(8)]
        for d in draden:
            d.start()
        for d in draden:
            d.join()
        return teller[0] / seconden

    gezond = doorvoer("GET", "/gezondheid", None)
    router = doorvoer("POST", "/_dash-update-component", router_lichaam("/bronnen"))
    return {
        "gezondheid_per_s": round(gezond, 1),
        "paginarouter_bronnen_per_s": round(router, 1),
        "verhouding": round(router / gezond, 2) if gezond else None,
    }


def cache_vergelijking(db: Path, klein: bool) -> dict[str, Any]:
    """The same journeys and throughput with the response cache off and on."""
    uit: dict[str, Any] = {}
    for naam, mb in (("zonder_cache", "0"), ("met_cache", "64")):
        server = Server(db, omgeving={"KETENMONITOR_CACHE_MB": mb})
        try:
            uit[naam] = {
                "reizen_50_gebruikers_1s": reizen(
                    server, 5 if klein else 50, 2 if klein else 30, 1.0
                ),
                "doorvoer": doorvoer_verhouding(server, 1 if klein else 5),
            }
        finally:
            server.stop()
    return uit


AFBEELDING_MODI = {  # name → environment: the old way, the shared service, and with 2 tabs
    "proces": {"KETENMONITOR_TEKENAAR": "proces"},
    "gedeeld": {"KETENMONITOR_TEKENAAR": "gedeeld", "KETENMONITOR_TEKEN_TABS": "1"},
    "gedeeld_2_tabs": {"KETENMONITOR_TEKENAAR": "gedeeld", "KETENMONITOR_TEKEN_TABS": "2"},
}


def afbeeldingen_onder_gunicorn(db: Path, modus: str, rondes: int) -> dict[str, Any]:
    """4 concurrent PNG exports (one per chart) against gunicorn (2 workers), `rondes` times.

    modus (AFBEELDING_MODI) `gedeeld`: one render service for both workers; `proces`: a
    Chromium per worker (the old way). Latency per request from the first round on (the first round includes the
    browser start), then the summed PSS of the renderer processes and of the whole server.
    """
    from dashboard.uitvoer import afbeelding

    if not afbeelding.browser_pad_bestaat():
        return {"overgeslagen": "geen Chromium"}
    with tempfile.TemporaryDirectory() as tmp:
        omgeving = {
            **AFBEELDING_MODI[modus],
            "KETENMONITOR_TEKEN_SOCKET": str(Path(tmp) / "teken.sock"),
        }
        server = Server(db, workers=2, threads=4, omgeving=omgeving)
        try:
            return _afbeeldingen_meten(server, rondes)
        finally:
            server.stop()


def _afbeeldingen_meten(server: Server, rondes: int) -> dict[str, Any]:
    con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=10)
    con.request("GET", "/_dash-dependencies")
    afhankelijkheden = json.loads(con.getresponse().read())
    con.close()
    fouten = [0]

    def klik(werkbalk: str) -> float:
        lichaam = werkbalk_lichaam(afhankelijkheden, werkbalk, EXPORT_KAARTEN[werkbalk], "png")
        c = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=120)
        t = time.perf_counter()
        c.request("POST", "/_dash-update-component", lichaam, {"Content-Type": "application/json"})
        antwoord = c.getresponse().read()
        duur = time.perf_counter() - t
        c.close()
        if b'"filename"' not in antwoord:
            fouten[0] += 1
        return duur

    rondes_tijden = []
    for _ in range(rondes):
        with ThreadPoolExecutor(max_workers=len(EXPORT_KAARTEN)) as pool:
            rondes_tijden.append(list(pool.map(klik, EXPORT_KAARTEN)))
    tijden = [t for r in rondes_tijden for t in r]
    warm = [t for r in rondes_tijden[1:] for t in r] or tijden
    workers = server.workers()
    renderer = [p for w in workers for p in nakomelingen(w)]
    return {
        "verzoeken": len(tijden),
        "fouten": fouten[0],
        "p50_s": round(pct(tijden, 0.5) / 1000, 3),
        "p95_s": round(pct(tijden, 0.95) / 1000, 3),
        "p99_s": round(pct(tijden, 0.99) / 1000, 3),
        "eerste_ronde_max_s": round(max(rondes_tijden[0]), 3),
        "warm_p50_s": round(pct(warm, 0.5) / 1000, 3),
        "warm_p95_s": round(pct(warm, 0.95) / 1000, 3),
        "warm_p99_s": round(pct(warm, 0.99) / 1000, 3),
        "renderer_processen": len(renderer),
        "renderer_pss_mb": pss_mb(renderer),
        "workers_pss_mb": pss_mb(workers),
        "server_pss_mb": pss_mb([server.proces.pid, *workers, *renderer]),
    }
