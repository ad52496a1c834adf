"""In-process measurements: ETL, the Trends and Regio callbacks, scale, and the exports.

Synthetic rows exist only in temporary databases made here, never in data/raw.
"""

from __future__ import annotations

import itertools
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from bench.verzoeken import callbackmap, regio_lichaam
from etl.build import bouw
from etl.config import RAW_DIR


def pct(tijden: list[float], p: float) -> float:
    """The p-quantile of `tijden` (seconds) in milliseconds."""
    s = sorted(tijden)
    return round(s[min(len(s) - 1, int(p * len(s)))] * 1000, 3)


def meet(functie: Callable[[Any], Any], invoer: list[Any], n: int) -> dict[str, float]:
    """p50/p95 of `n` calls over `invoer` in turn, after three warm-up calls."""
    for x in invoer[:3]:
        functie(x)
    tijden = []
    for i in range(n):
        t = time.perf_counter()
        functie(invoer[i % len(invoer)])
        tijden.append(time.perf_counter() - t)
    return {"p50_ms": pct(tijden, 0.5), "p95_ms": pct(tijden, 0.95), "n": n}


def etl(herhalingen: int, map_: Path) -> float:
    from etl.importers import vergeet

    tijden = []
    for i in range(herhalingen):
        vergeet()  # a real build reads the publisher files, not the process's memory of them
        t = time.perf_counter()
        bouw(RAW_DIR, map_ / f"etl{i}.duckdb")
        tijden.append(time.perf_counter() - t)
    return round(statistics.median(tijden), 3)


def etl_import(herhalingen: int) -> float:
    """Reading and summing the publisher files in data/raw/import (DUO's 9,737 locations ×
    30 years), the part of `etl build` the importers add; median seconds."""
    from etl.importers import lees_importen, vergeet

    tijden = []
    for _ in range(herhalingen):
        vergeet()
        t = time.perf_counter()
        lees_importen(RAW_DIR)
        tijden.append(time.perf_counter() - t)
    return round(statistics.median(tijden), 3)


def trend_staten() -> list[dict[str, Any]]:
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

    staten = trend_staten()

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

    noop = meet(lambda x: x, staten, n)
    lean_m = meet(lean, staten, n)
    trends = meet(bereken, staten, n)
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
    callbacks = callbackmap()

    uit: dict[str, Any] = {}
    for naam, uitvoer in (
        ("kaart", "..regio-kaartdata.data...regio-samenvatting.children.."),
        ("tabel", "regio-tabeldata.data"),
    ):
        # By residence (CBS, 2013–2023) the map also lists what could not be placed and
        # compares 'Nederland' with the national series: measured on its own key.
        for niveau, telling in itertools.product(
            ("provincie", "gemeente"), ("vestiging", "woonplaats")
        ):
            woon = telling == "woonplaats"
            staten = [
                (soort, jaar, maat)
                for jaar in (range(2013, 2024) if woon else range(1998, 2026))
                for soort in ("gespecialiseerd", "so", "sbo")
                for maat in (
                    ("aantal", "aandeel") if woon and soort != "gespecialiseerd" else ("aantal",)
                )
            ]
            tijden, groottes = [], []
            for i in range(n + 3):
                soort, jaar, maat = staten[i % len(staten)]
                t = time.perf_counter()
                r = client.post(
                    "/_dash-update-component",
                    json=regio_lichaam(callbacks, uitvoer, niveau, soort, jaar, telling, maat),
                )
                if i >= 3:
                    tijden.append(time.perf_counter() - t)
                    groottes.append(len(r.data))
                if r.status_code != 200:
                    raise RuntimeError(f"regio {naam} {niveau} {telling}: HTTP {r.status_code}")
            uit[f"{naam}_{niveau}" + ("_woonplaats" if woon else "")] = {
                "p50_ms": pct(tijden, 0.5),
                "p95_ms": pct(tijden, 0.95),
                "max_kb": round(max(groottes) / 1024, 1),
                "n": n,
            }
    return uit


def _synthetisch(pad: Path, aantal: int) -> None:
    """The real database plus 1,000 synthetic indicators and `aantal` synthetic rows."""
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
                'cbs-83296ned', 'benchmark', NULL, NULL, NULL, NULL FROM range({aantal}) t(i)"""
        )
        con.execute("CHECKPOINT")


def schaal(rijen_aantallen: list[int], map_: Path, n: int) -> dict[str, Any]:
    """Trends query + figure on a copy of the real database with synthetic extra rows."""
    from dashboard.gegevens import verbinding
    from dashboard.logica.trends import bereken

    uit = {}
    oud = os.environ.get("KETENMONITOR_DB")
    try:
        for aantal in rijen_aantallen:
            pad = map_ / f"schaal_{aantal}.duckdb"
            _synthetisch(pad, aantal)
            os.environ["KETENMONITOR_DB"] = str(pad)
            verbinding.vernieuw()
            staten = [
                {**s, "indicator": [*s["indicator"], "synthetisch_7"]} for s in trend_staten()
            ]
            uit[f"{aantal}"] = meet(bereken, staten, n)
    finally:  # the caller's database again, also after a failed build or query
        if oud is None:
            os.environ.pop("KETENMONITOR_DB", None)
        else:
            os.environ["KETENMONITOR_DB"] = oud
        verbinding.vernieuw()
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

    staat = trend_staten()[0]
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
