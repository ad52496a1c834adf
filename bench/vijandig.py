"""Is the server still there for its health probe while it is under hostile or heavy use?

Two measurements against the production server (2 workers × 4 threads, `make serve`'s
configuration): `/gezondheid` is probed every 50 ms while (a) 8 Capaciteit briefing packs are
asked for at once (expensive exports; the export queue bounds them), and (b) 12 clients
trickle their request headers one byte per second (the worker reads requests before a thread
takes them, with a total deadline). Both report the probe's latency quantiles, failed probes,
and what the packs or trickling clients got back.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.metingen import pct
from bench.server import Server
from bench.verzoeken import briefing_lichaam

PAKKETTEN = 8
DRUPPELAARS = 12


def _peil(server: Server, stop: threading.Event, tijden: list[float], fouten: list[int]) -> None:
    """Probe /gezondheid every 50 ms until `stop`; a failed probe counts its full wait."""
    while not stop.is_set():
        begin = time.perf_counter()
        try:
            status = server.vraag("GET", "/gezondheid")
        except OSError:
            status = 0
        tijden.append(time.perf_counter() - begin)
        if status != 200:
            fouten[0] += 1
        stop.wait(0.05)


def _samenvatting(tijden: list[float], fouten: int) -> dict[str, Any]:
    return {
        "peilingen": len(tijden),
        "mislukt": fouten,
        "p50_ms": pct(tijden, 0.5) if tijden else None,
        "p95_ms": pct(tijden, 0.95) if tijden else None,
        "max_ms": round(max(tijden) * 1000, 1) if tijden else None,
    }


def pakketten_met_peiling(server: Server, n: int = PAKKETTEN) -> dict[str, Any]:
    """n Capaciteit briefing packs at once, while /gezondheid is probed."""
    con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=10)
    con.request("GET", "/_dash-dependencies")
    lichaam = briefing_lichaam(json.loads(con.getresponse().read()), "capaciteit", "/capaciteit")
    con.close()

    def pakket(_: int) -> tuple[int, float]:
        c = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=180)
        begin = time.perf_counter()
        c.request("POST", "/_dash-update-component", lichaam, {"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        c.close()
        return r.status, time.perf_counter() - begin

    stop, tijden, fouten = threading.Event(), [], [0]
    peiler = threading.Thread(target=_peil, args=(server, stop, tijden, fouten))
    peiler.start()
    begin = time.perf_counter()
    with ThreadPoolExecutor(max_workers=n) as pool:
        uitkomsten = list(pool.map(pakket, range(n)))
    duur = time.perf_counter() - begin
    stop.set()
    peiler.join()
    statussen: dict[str, int] = {}
    for status, _ in uitkomsten:
        statussen[str(status)] = statussen.get(str(status), 0) + 1
    return {
        "pakketten": n,
        "statussen": statussen,
        "langste_pakket_s": round(max(t for _, t in uitkomsten), 2),
        "duur_s": round(duur, 2),
        "gezondheid": _samenvatting(tijden, fouten[0]),
    }


def druppelaars_met_peiling(
    server: Server, n: int = DRUPPELAARS, seconden: float = 15, stap_s: float = 1.0
) -> dict[str, Any]:
    """n clients that send one header byte every `stap_s` s (and reconnect when let go),
    while /gezondheid is probed for `seconden`."""
    stop = threading.Event()
    afgehandeld = {"408": 0, "gesloten": 0}
    slot = threading.Lock()

    def druppel() -> None:
        while not stop.is_set():
            try:
                s = socket.create_connection(("127.0.0.1", server.poort), timeout=10)
            except OSError:
                stop.wait(0.1)
                continue
            s.sendall(b"GET /trends HTTP/1.1\r\nHost: bench\r\nX-Druppel: ")
            s.settimeout(stap_s)
            uitkomst = None
            while not stop.is_set() and uitkomst is None:
                try:
                    deel = s.recv(65536)
                    uitkomst = "408" if deel.startswith(b"HTTP/1.1 408 ") else "gesloten"
                except TimeoutError:
                    try:
                        s.sendall(b"a")
                    except OSError:
                        uitkomst = "gesloten"
                except OSError:
                    uitkomst = "gesloten"
            s.close()
            if uitkomst:
                with slot:
                    afgehandeld[uitkomst] += 1

    draden = [threading.Thread(target=druppel) for _ in range(n)]
    for d in draden:
        d.start()
    time.sleep(min(2.0, seconden / 4))  # every trickler has connected and started
    tijden, fouten = [], [0]
    peil_stop = threading.Event()
    peiler = threading.Thread(target=_peil, args=(server, peil_stop, tijden, fouten))
    peiler.start()
    time.sleep(seconden)
    peil_stop.set()
    peiler.join()
    stop.set()
    for d in draden:
        d.join(timeout=stap_s + 5)
    return {
        "druppelaars": n,
        "byte_per_s": round(1 / stap_s, 2),
        "losgelaten": afgehandeld,
        "gezondheid": _samenvatting(tijden, fouten[0]),
    }


def meet(db: Path, klein: bool) -> dict[str, Any]:
    """Both measurements on one fresh gunicorn each (2 workers, 4 threads)."""
    uit: dict[str, Any] = {}
    server = Server(db, workers=2, threads=4)
    try:
        uit["pakketten"] = pakketten_met_peiling(server)
    finally:
        server.stop()
    server = Server(db, workers=2, threads=4)
    try:
        uit["druppelaars"] = druppelaars_met_peiling(server, seconden=5 if klein else 20)
    finally:
        server.stop()
    return uit
