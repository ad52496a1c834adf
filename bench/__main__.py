"""`python -m bench [--klein] [--toets]`: measure on this machine, judge the targets.

Writes every measurement to bench/results.json (git-ignored) and prints one table of targets
met or missed. `--klein` runs every measurement with tiny sizes (the smoke test);
`--toets` exits with TOETS_GEMIST when a target is missed, or not measured when it should be.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import browser, doelen, last, metingen, opendata, vijandig
from bench.server import Server
from bench.verzoeken import paginapaden
from etl.build import bouw
from etl.config import PROJECT_ROOT, RAW_DIR

UITVOER = PROJECT_ROOT / "bench" / "results.json"
TOETS_GEMIST = 3
"""Exit status of --toets for a missed target (1 stays a crash)."""


def meet_alles(klein: bool, map_: Path) -> dict[str, Any]:
    """Every measurement on a fresh build of data/raw in `map_`."""
    k = klein
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
        "etl_build_s": metingen.etl(2 if k else 5, map_),
        "etl_import_s": metingen.etl_import(2 if k else 5),
        "callbacks": metingen.callbacks(20 if k else 300),
        "regio": metingen.regio_callbacks(10 if k else 200),
        "scale": metingen.schaal(
            [10_000] if k else [1_000_000, 10_000_000], map_, 10 if k else 100
        ),
    }
    server = Server(db)
    try:
        resultaat["page_load_ms"] = last.paginalading(server, 3 if k else 20)
        resultaat["load"] = last.belasting(server, 5 if k else 50, 2 if k else 30)
        resultaat["api"] = opendata.meet(server, 50 if k else 1000)
        # a person's wait in Chromium: minutes of loads, so not in the smoke test
        resultaat["browser"] = (
            {"overgeslagen": "niet gemeten (klein)"}
            if k
            else browser.meet(server.basis, paginapaden(), 10, 10)
        )
    finally:
        server.stop()
    resultaat["cache"] = last.cache_vergelijking(db, k)
    resultaat["export_ms"] = metingen.export(2 if k else 10)
    resultaat["afbeeldingen_4_gelijktijdig"] = {  # --klein: only the default, one round
        modus: last.afbeeldingen_onder_gunicorn(db, modus, 1 if k else 25)
        for modus in (["gedeeld"] if k else last.AFBEELDING_MODI)
    }
    resultaat["vijandig"] = vijandig.meet(db, k)
    return resultaat


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench")
    p.add_argument("--klein", action="store_true", help="tiny sizes (smoke test)")
    p.add_argument(
        "--toets", action="store_true", help=f"exit {TOETS_GEMIST} if a target is missed"
    )
    p.add_argument("--uit", type=Path, default=UITVOER)
    args = p.parse_args(argv)
    oud = os.environ.get("KETENMONITOR_DB")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            resultaat = meet_alles(args.klein, Path(tmp))
    finally:
        if oud is None:
            os.environ.pop("KETENMONITOR_DB", None)
        else:
            os.environ["KETENMONITOR_DB"] = oud
    rijen = doelen.beoordeel(resultaat, klein=args.klein)
    resultaat["doelen"] = rijen
    args.uit.parent.mkdir(parents=True, exist_ok=True)
    args.uit.write_text(
        json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(doelen.tabel(rijen))
    print()
    print(browser.tabel(resultaat.get("browser", {"overgeslagen": "niet gemeten"})))
    print(f"\nmachine: {resultaat['machine']['cpus']} kernen, {resultaat['machine']['platform']}")
    print(f"alle metingen: {args.uit}")
    gemist = doelen.gemist(rijen)
    if gemist:
        print(f"niet gehaald: {', '.join(gemist)}")
    return TOETS_GEMIST if args.toets and gemist else 0


if __name__ == "__main__":
    sys.exit(main())
