"""`python -m bench [--klein]`: measure on this machine and print one JSON document.

Writes bench/results.json (git-ignored). Synthetic data exists only in temporary databases
made here, never in data/raw. `--klein` runs every measurement with tiny sizes (smoke test).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb

from etl.build import bouw
from etl.config import PROJECT_ROOT, RAW_DIR

UITVOER = PROJECT_ROOT / "bench" / "results.json"
DOELEN = {
    "callback_p95_ms": 10,
    "callback_ratio_lean": 2,
    "scale_10m_p95_ms": 50,
    "etl_build_s": 5,
    "etl_import_s": 5,
    "page_load_ms": 1000,
    "png_s": 0.5,
    "load_p95_ms": 100,
    "regio_callback_p95_ms": 100,
    "regio_response_kb": 150,
}


def _pct(tijden: list[float], p: float) -> float:
    s = sorted(tijden)
    return round(s[min(len(s) - 1, int(p * len(s)))] * 1000, 3)


def _meet(functie, invoer: list[Any], n: int) -> dict[str, float]:
    for x in invoer[:3]:
        functie(x)
    tijden = []
    for i in range(n):
        t = time.perf_counter()
        functie(invoer[i % len(invoer)])
        tijden.append(time.perf_counter() - t)
    return {"p50_ms": _pct(tijden, 0.5), "p95_ms": _pct(tijden, 0.95), "n": n}


def etl(herhalingen: int, map_: Path) -> float:
    tijden = []
    for i in range(herhalingen):
        t = time.perf_counter()
        bouw(RAW_DIR, map_ / f"etl{i}.duckdb")
        tijden.append(time.perf_counter() - t)
    return round(statistics.median(tijden), 3)


def etl_import(herhalingen: int) -> float:
    """Reading and summing the publisher files in data/raw/import (DUO's 9,737 locations ×
    30 years), the part of `etl build` the importers add; median seconds."""
    from etl.importers import lees_importen

    tijden = []
    for _ in range(herhalingen):
        t = time.perf_counter()
        lees_importen(RAW_DIR)
        tijden.append(time.perf_counter() - t)
    return round(statistics.median(tijden), 3)


def _trend_staten() -> list[dict[str, Any]]:
    sets = [
        ["so_leerlingen", "sbo_leerlingen", "jeugdhulp_totaal"],
        ["kinderopvang_kinderen_totaal"],
        ["thuiszitters_langer_dan_3_maanden", "thuiszitters_absoluut_verzuim"],
        ["ve_bereik", "ve_plaatsen", "so_vso_leerlingen", "jeugdhulp_daghulp"],
        ["jeugdhulp_totaal", "berenschot_po_ondersteuning_aandeel"],
    ]
    staten = []
    for i, ids in enumerate(sets * 4):
        staten.append(
            {
                "indicator": ids,
                "weergave": ("absoluut", "index", "verandering")[i % 3],
                "basisjaar": 2016,
                "van": 2015 + i % 3,
                "tot": 2024 - i % 2,
                "corona": i % 2 == 0,
                "beleid": i % 4 == 0,
            }
        )
    return staten


def callbacks(n: int) -> dict[str, Any]:
    from dashboard.gegevens import queries
    from dashboard.logica.trends import bereken

    staten = _trend_staten()

    def lean(staat: dict[str, Any]) -> dict[str, Any]:
        rijen = queries.jaarwaarden(staat["indicator"], staat["van"], staat["tot"])
        return {
            "data": [
                {
                    "type": "scatter",
                    "x": [r["jaar"] for r in rijen],
                    "y": [r["waarde"] for r in rijen],
                }
            ],
            "layout": {},
        }

    noop = _meet(lambda x: x, staten, n)
    lean_m = _meet(lean, staten, n)
    trends = _meet(bereken, staten, n)
    return {
        "noop": noop,
        "lean_reference": lean_m,
        "trends": {
            **trends,
            "ratio_lean_p95": round(trends["p95_ms"] / max(lean_m["p95_ms"], 1e-6), 2),
        },
    }


def regio_callbacks(n: int) -> dict[str, Any]:
    """The /regio callbacks that answer a change of year, soort or level, as Dash calls them
    (in-process test client): server time and response size per callback and level."""
    from dashboard.app import app

    client = app.server.test_client()
    afhankelijkheden = client.get("/_dash-dependencies").get_json()

    def lichaam(uitvoer: str, niveau: str, soort: str, jaar: int) -> dict[str, Any]:
        d = next(d for d in afhankelijkheden if d["output"] == uitvoer)
        delen = uitvoer.strip(".").split("...")
        outputs = [dict(zip(("id", "property"), o.rsplit(".", 1), strict=True)) for o in delen]
        keuzes = {"niveau": niveau, "soort": soort, "jaar": str(jaar), "maat": "aantal"}
        inputs = [
            {"id": f"regio-{k}", "property": "value", "value": v} for k, v in keuzes.items()
        ] + [{"id": "regio-gekozen", "property": "data", "value": None}]
        return {
            "output": d["output"],
            "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": inputs,
            "state": [],
            "changedPropIds": ["regio-jaar.value"],
        }

    uit: dict[str, Any] = {}
    for naam, uitvoer in (
        ("kaart", "..regio-kaartdata.data...regio-samenvatting.children.."),
        ("tabel", "regio-tabeldata.data"),
    ):
        for niveau in ("provincie", "gemeente"):
            staten = [
                (soort, jaar)
                for jaar in range(1998, 2026)
                for soort in ("gespecialiseerd", "so", "sbo")
            ]
            tijden, groottes = [], []
            for i in range(n + 3):
                soort, jaar = staten[i % len(staten)]
                t = time.perf_counter()
                r = client.post(
                    "/_dash-update-component", json=lichaam(uitvoer, niveau, soort, jaar)
                )
                if i >= 3:
                    tijden.append(time.perf_counter() - t)
                    groottes.append(len(r.data))
                if r.status_code != 200:
                    raise RuntimeError(f"regio {naam} {niveau}: HTTP {r.status_code}")
            uit[f"{naam}_{niveau}"] = {
                "p50_ms": _pct(tijden, 0.5),
                "p95_ms": _pct(tijden, 0.95),
                "max_kb": round(max(groottes) / 1024, 1),
                "n": n,
            }
    return uit


def schaal(rijen_aantallen: list[int], map_: Path, n: int) -> dict[str, Any]:
    """Trends query + figure on a copy of the real database with synthetic extra rows."""
    from dashboard.gegevens import verbinding
    from dashboard.logica.trends import bereken

    uit = {}
    oud = os.environ.get("KETENMONITOR_DB")
    for aantal in rijen_aantallen:
        pad = map_ / f"schaal_{aantal}.duckdb"
        bouw(RAW_DIR, pad)
        with duckdb.connect(str(pad)) as con:
            con.execute(
                """INSERT INTO indicator SELECT 'synthetisch_' || i, 'Synthetisch ' || i, 'Synth ' || i,
                   'benchmark', 'aantal', 'so', 'kalenderjaar', [], NULL, NULL, 'openbare_statistiek'
                   FROM range(1000) t(i)"""
            )
            con.execute(
                f"""INSERT INTO waarneming SELECT 'synthetisch_' || (i % 1000), 1900 + (i // 1000) % 200,
                    1900 + (i // 1000) % 200, 'u' || (i // 200000), 'c' || (i // 200000), i % 9973, 'gepubliceerd',
                    'cbs-83296ned', 'benchmark', NULL, NULL, NULL FROM range({aantal}) t(i)"""
            )
            con.execute("CHECKPOINT")
        os.environ["KETENMONITOR_DB"] = str(pad)
        staten = [{**s, "indicator": [*s["indicator"], "synthetisch_7"]} for s in _trend_staten()]
        uit[f"{aantal}"] = _meet(bereken, staten, n)
        verbinding.vernieuw()
    if oud is None:
        os.environ.pop("KETENMONITOR_DB", None)
    else:
        os.environ["KETENMONITOR_DB"] = oud
    return uit


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def router_lichaam(pad: str, zoek: str = "") -> bytes:
    """What the browser posts on load: ask Dash's page router for the layout of pad+zoek."""
    return json.dumps(
        {
            "output": ".._pages_content.children..._pages_store.data..",
            "outputs": [
                {"id": "_pages_content", "property": "children"},
                {"id": "_pages_store", "property": "data"},
            ],
            "inputs": [
                {"id": "_pages_location", "property": "pathname", "value": pad},
                {"id": "_pages_location", "property": "search", "value": zoek},
            ],
            "changedPropIds": ["_pages_location.pathname"],
            "state": [],
        }
    ).encode()


def werkbalk_lichaam(
    afhankelijkheden: list[dict[str, Any]], werkbalk: str, pad: str, formaat: str
) -> bytes:
    """One toolbar click as the browser sends it: the POST to Dash's callback endpoint."""
    dep = next(d for d in afhankelijkheden if f"..{werkbalk}-download.data" in d["output"])
    waarden = {"pathname": pad, "search": "", "value": False}
    return json.dumps(
        {
            "output": dep["output"],
            "outputs": [
                {"id": f"{werkbalk}-download", "property": "data"},
                {"id": f"{werkbalk}-melding", "property": "children"},
            ],
            "inputs": [
                {**i, "value": 1 if i["id"].endswith(f"-{formaat}") else None}
                for i in dep["inputs"]
            ],
            "changedPropIds": [f"{werkbalk}-{formaat}.n_clicks"],
            "state": [{**s, "value": waarden[s["property"]]} for s in dep["state"]],
        }
    ).encode()


def _kinderen() -> dict[int, list[int]]:
    """ppid → pids, from /proc (processes that end while we read are skipped)."""
    uit: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            tekst = stat.read_text()
        except OSError:
            continue
        ppid = int(tekst[tekst.rindex(")") + 2 :].split()[1])
        uit.setdefault(ppid, []).append(int(stat.parent.name))
    return uit


def nakomelingen(pid: int) -> list[int]:
    """Every process below pid (children, grandchildren, ...)."""
    kinderen, uit, open_ = _kinderen(), [], [pid]
    while open_:
        for kind in kinderen.get(open_.pop(), []):
            uit.append(kind)
            open_.append(kind)
    return uit


def pss_mb(pids: list[int]) -> float:
    """Summed PSS (shared pages divided among their users, so no double counting)."""
    totaal = 0
    for pid in pids:
        try:
            for regel in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if regel.startswith("Pss:"):
                    totaal += int(regel.split()[1])
        except OSError:
            continue
    return round(totaal / 1024, 1)


class Server:
    """gunicorn on loopback with the real database, for page-load and load measurements."""

    def __init__(
        self,
        db: Path,
        workers: int = 2,
        threads: int = 4,
        omgeving: dict[str, str] | None = None,
    ):
        self.poort = _vrije_poort()
        self.basis = f"http://127.0.0.1:{self.poort}"
        env = {
            **os.environ,
            **(omgeving or {}),
            "KETENMONITOR_DB": str(db),
            "PORT": str(self.poort),
            "WORKERS": str(workers),
            "THREADS": str(threads),
            "LOGLEVEL": "warning",
        }
        self.proces = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-c",
                "dashboard/gunicorn.conf.py",
                "dashboard.app:server",
                "--access-logfile",
                "/dev/null",
            ],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(300):
            try:
                if self.vraag("GET", "/gezondheid") == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("gunicorn antwoordt niet op /gezondheid")

    def vraag(
        self,
        methode: str,
        pad: str,
        lichaam: bytes | None = None,
        con: http.client.HTTPConnection | None = None,
    ) -> int:
        eigen = con is None
        con = con or http.client.HTTPConnection("127.0.0.1", self.poort, timeout=10)
        koppen = {"Content-Type": "application/json"} if lichaam else {}
        con.request(methode, pad, body=lichaam, headers=koppen)
        r = con.getresponse()
        r.read()
        if eigen:
            con.close()
        return r.status

    def rss_mb(self) -> list[float]:
        kinderen = subprocess.run(
            ["pgrep", "-P", str(self.proces.pid)], capture_output=True, text=True
        ).stdout.split()
        uit = []
        for pid in kinderen:
            for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
                if regel.startswith("VmRSS"):
                    uit.append(round(int(regel.split()[1]) / 1024, 1))
        return uit

    def workers(self) -> list[int]:
        return [p for p in _kinderen().get(self.proces.pid, [])]

    def stop(self) -> None:
        self.proces.terminate()
        self.proces.wait(timeout=15)


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
        "p50_ms": _pct(tijden, 0.5),
        "p95_ms": _pct(tijden, 0.95),
        "fouten": fouten[0],
        "worker_rss_mb": server.rss_mb(),
    }


PAGINAS = (
    "/",
    "/trends",
    "/kenmerken",
    "/capaciteit",
    "/regio",
    "/actielijnen",
    "/wetten",
    "/bronnen",
)


def trends_lichaam(indicatoren: list[str], weergave: str) -> bytes:
    """The Trends chart callback as the browser posts it (inputs from the app's callback map)."""
    from dashboard.app import app

    sleutel = next(k for k in app.callback_map if "trends-grafiek.figure" in k)
    cb = app.callback_map[sleutel]
    waarden = {
        "trends-indicator.value": indicatoren,
        "trends-setting.value": [],
        "trends-weergave.value": weergave,
        "trends-basisjaar.value": "2016",
        "trends-van.value": "2015",
        "trends-tot.value": "2024",
        "trends-corona.value": [],
        "trends-beleid.value": [],
        "trends-tab.value": "grafiek",
        "trends-sorteer.value": "indicator",
    }

    def met(adres: dict[str, Any]) -> dict[str, Any]:
        return {**adres, "value": waarden.get(f"{adres['id']}.{adres['property']}")}

    delen = sleutel.strip(".").split("...")
    return json.dumps(
        {
            "output": sleutel,
            "outputs": [
                {"id": d.rpartition(".")[0], "property": d.rpartition(".")[2]} for d in delen
            ],
            "inputs": [met(i) for i in cb["inputs"]],
            "state": [met(s) for s in cb["state"]],
            "changedPropIds": ["trends-weergave.value"],
        }
    ).encode()


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
    users cycle through all pages and three Trends views, so the response cache sees the mix
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
    per_soort: dict[str, list[float]] = {}
    ladingen: list[float] = []
    fouten = [0]
    eind = time.monotonic() + seconden
    slot = threading.Lock()

    def gebruiker(nr: int) -> None:
        con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=10)
        eigen: dict[str, list[float]] = {}
        eigen_ladingen: list[float] = []
        stap = nr
        while time.monotonic() < eind:
            pad = PAGINAS[stap % len(PAGINAS)]
            reis = _paginalading_stappen(pad)
            if pad == "/trends":
                reis.append(
                    ("trends-grafiek", "POST", "/_dash-update-component", trends_keuzes[stap % 3])
                )
                if stap % 5 == 0:
                    soort, lichaam = exports[(stap // len(PAGINAS) // 5) % 2]  # CSV, Excel, …
                    reis.append((soort, "POST", "/_dash-update-component", lichaam))
            begin = time.perf_counter()
            for i, (soort, methode, adres, lichaam) in enumerate(reis):
                if i == 4:  # a page load is its first four requests; the rest is use
                    eigen_ladingen.append(time.perf_counter() - begin)
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
                eigen_ladingen.append(time.perf_counter() - begin)
            stap += 1
            time.sleep(denktijd_s)
        con.close()
        with slot:
            for soort, tijden in eigen.items():
                per_soort.setdefault(soort, []).extend(tijden)
            ladingen.extend(eigen_ladingen)

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
            "p50": _pct(alle, 0.5),
            "p95": _pct(alle, 0.95),
            "p99": _pct(alle, 0.99),
        },
        "per_soort_ms": {
            soort: {"p50": _pct(t, 0.5), "p95": _pct(t, 0.95), "p99": _pct(t, 0.99), "n": len(t)}
            for soort, t in sorted(per_soort.items())
        },
        "paginalading_ms": {
            "p50": _pct(ladingen, 0.5),
            "p95": _pct(ladingen, 0.95),
            "n": len(ladingen),
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


def export(n: int) -> dict[str, Any]:
    """Every toolbar format for the first Trends chart, as the toolbar makes it (maak_bestand):

    the first image in the process (browser start), then the median of `n` per format and
    the file size. Images include `voor_export` (the memo layout), like a real download.
    """
    from datetime import date

    from dashboard.figuren.grafiekexport import Grafiekexport
    from dashboard.gegevens import queries
    from dashboard.logica.trends import bereken
    from dashboard.uitvoer import afbeelding, bestanden, pakket

    staat = _trend_staten()[0]
    uit_trends = bereken(staat)
    inhoud = Grafiekexport(
        uit_trends["figuur"],
        uit_trends["reeksen"],
        staat["weergave"],
        uit_trends["van"],
        uit_trends["tot"],
        permalink="http://127.0.0.1:8050/trends",
        toelichting_bronnen=queries.bronnen(),
        indicator_meta=queries.indicator_meta(),
    )
    vandaag = date.today()
    uit: dict[str, Any] = {}
    t = time.perf_counter()
    try:
        pakket.maak_bestand(inhoud, "png", vandaag)
    except afbeelding.AfbeeldingMislukt as fout:  # no Chromium here: report, do not crash
        return {"overgeslagen": str(fout)[:200]}
    uit["eerste_afbeelding_ms"] = round((time.perf_counter() - t) * 1000, 1)
    for formaat in bestanden.FORMATEN:
        tijden = []
        for _ in range(n):
            t = time.perf_counter()
            data, _naam = pakket.maak_bestand(inhoud, formaat, vandaag)
            tijden.append(time.perf_counter() - t)
        uit[f"{formaat}_median_ms"] = round(statistics.median(tijden) * 1000, 1)
        uit[f"{formaat}_bytes"] = len(data)
    grafieken = [inhoud] * 4
    t = time.perf_counter()
    uit["briefingpakket_4_grafieken_bytes"] = len(pakket.briefingpakket(grafieken, vandaag))
    uit["briefingpakket_4_grafieken_ms"] = round((time.perf_counter() - t) * 1000, 1)
    return uit


EXPORT_KAARTEN = {  # toolbar → the page it sits on: four different charts
    "kenmerken-duur-export": "/kenmerken",
    "kenmerken-cluster-so_leerlingen-export": "/kenmerken",
    "capaciteit-kinderopvang-export": "/capaciteit",
    "trends-export": "/trends",
}


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
        "p50_s": round(_pct(tijden, 0.5) / 1000, 3),
        "p95_s": round(_pct(tijden, 0.95) / 1000, 3),
        "p99_s": round(_pct(tijden, 0.99) / 1000, 3),
        "eerste_ronde_max_s": round(max(rondes_tijden[0]), 3),
        "warm_p50_s": round(_pct(warm, 0.5) / 1000, 3),
        "warm_p95_s": round(_pct(warm, 0.95) / 1000, 3),
        "warm_p99_s": round(_pct(warm, 0.99) / 1000, 3),
        "renderer_processen": len(renderer),
        "renderer_pss_mb": pss_mb(renderer),
        "workers_pss_mb": pss_mb(workers),
        "server_pss_mb": pss_mb([server.proces.pid, *workers, *renderer]),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench")
    p.add_argument("--klein", action="store_true", help="tiny sizes (smoke test)")
    p.add_argument("--uit", type=Path, default=UITVOER)
    args = p.parse_args(argv)
    k = args.klein
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        db = map_ / "ketenmonitor.duckdb"
        bouw(RAW_DIR, db)
        os.environ["KETENMONITOR_DB"] = str(db)
        import dashboard.app  # noqa: F401  registers the pages and their callbacks

        resultaat: dict[str, Any] = {
            "machine": {
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
            },
            "klein": k,
            "etl_build_s": etl(2 if k else 5, map_),
            "etl_import_s": etl_import(2 if k else 5),
            "callbacks": callbacks(20 if k else 300),
            "regio": regio_callbacks(10 if k else 200),
            "scale": schaal([10_000] if k else [1_000_000, 10_000_000], map_, 10 if k else 100),
        }
        server = Server(db)
        try:
            resultaat["page_load_ms"] = paginalading(server, 3 if k else 20)
            resultaat["load"] = belasting(server, 5 if k else 50, 2 if k else 30)
        finally:
            server.stop()
        resultaat["cache"] = cache_vergelijking(db, k)
        resultaat["export_ms"] = export(2 if k else 10)
        resultaat["afbeeldingen_4_gelijktijdig"] = {  # --klein: only the default, one round
            modus: afbeeldingen_onder_gunicorn(db, modus, 1 if k else 25)
            for modus in (["gedeeld"] if k else AFBEELDING_MODI)
        }
        resultaat["doelen"] = DOELEN
        shutil.rmtree(map_, ignore_errors=True)
    args.uit.parent.mkdir(parents=True, exist_ok=True)
    tekst = json.dumps(resultaat, indent=2, ensure_ascii=False)
    args.uit.write_text(tekst + "\n", encoding="utf-8")
    print(tekst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
