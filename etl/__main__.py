"""CLI: `python -m etl build|validate|fetch`. Prints problems as `path:line: column: reason`.

Exit codes: 0 ok, 1 invalid raw data (database untouched), 2 usage error, 3 could not write,
4 fetch failed (offline, or the optional `cbsodata` is not installed).
No traceback reaches the user: every failure is a sentence that says what to do.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from etl.build import bouw
from etl.config import RAW_DIR, database_path
from etl.dataversie import kort
from etl.dekking import meet
from etl.fetch import FetchFout, haal_op
from etl.problems import ValidatieFout
from etl.validate import valideer_met_imports


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m etl", description="Ketenmonitor ETL")
    sub = p.add_subparsers(dest="opdracht", required=True)
    b = sub.add_parser("build", help="valideer data/raw en bouw de DuckDB-database")
    b.add_argument("--raw", type=Path, default=RAW_DIR, help="map met ruwe data (%(default)s)")
    b.add_argument("--out", type=Path, default=None, help="databasebestand")
    v = sub.add_parser("validate", help="alleen valideren, niets schrijven")
    v.add_argument("--raw", type=Path, default=RAW_DIR, help="map met ruwe data (%(default)s)")
    f = sub.add_parser("fetch", help="CBS-tabellen downloaden naar data/raw/import (optioneel)")
    f.add_argument("tabellen", nargs="*", metavar="TABEL_ID", help="bijv. 83296NED; leeg: gemapt")
    f.add_argument("--raw", type=Path, default=RAW_DIR, help="map met ruwe data (%(default)s)")
    return p


def _fetch(raw: Path, tabellen: list[str]) -> int:
    try:
        mappen = haal_op(raw, tabellen)
    except FetchFout as fout:
        print(f"Ophalen mislukt: {fout}", file=sys.stderr)
        return 4
    for m in mappen:
        print(f"Opgehaald: {m}")
    print("Zet het tabel-id in data/raw/import/mapping.json (zonder 'bestand' of met deze map).")
    return 0


def _meld_problemen(problemen) -> int:
    for p in problemen:
        print(p, file=sys.stderr)
    print(
        f"\n{len(problemen)} probleem/problemen gevonden; de database is niet aangeraakt.",
        file=sys.stderr,
    )
    return 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.opdracht == "fetch":
        return _fetch(args.raw, args.tabellen)
    if args.opdracht == "validate":
        uitkomst = valideer_met_imports(args.raw)
        if uitkomst.problemen:
            return _meld_problemen(uitkomst.problemen)
        rijen = ", ".join(f"{n} {len(df)}" for n, df in uitkomst.tabellen.items())
        print(f"Geldig: {args.raw} ({rijen})")
        for regel in uitkomst.imports:
            print(f"  geïmporteerd: {regel}")
        print("\n".join(meet(uitkomst.tabellen, uitkomst.import_bronnen).regels()))
        return 0

    out = args.out or database_path()
    try:
        resultaat = bouw(args.raw, out)
    except ValidatieFout as fout:
        return _meld_problemen(fout.problemen)
    except (OSError, duckdb.Error, RuntimeError) as fout:
        print(f"Kon {out} niet bouwen: {fout}", file=sys.stderr)
        return 3
    print(f"Database gebouwd: {resultaat.database}")
    for naam, aantal in resultaat.rijen.items():
        print(f"  {naam:<20} {aantal:>5} rijen")
    print(
        f"  bronnen: {resultaat.bronnen}; invoer sha256 {resultaat.invoer_sha256[:12]};"
        f" data_versie {kort(resultaat.data_versie)}"
    )
    print(f"  wijzigingen: {resultaat.wijzigingen} nieuw in deze versie")
    for regel in resultaat.imports:
        print(f"  geïmporteerd: {regel}")
    print(f"  {resultaat.seconden:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
