"""CLI: `python -m etl build|validate`. Prints problems as `path:line: column: reason`.

Exit codes: 0 ok, 1 invalid raw data (database untouched), 2 usage error, 3 could not write.
No traceback reaches the user: every failure is a sentence that says what to do.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from etl.build import bouw
from etl.config import RAW_DIR, database_path
from etl.problems import ValidatieFout
from etl.validate import valideer


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m etl", description="Ketenmonitor ETL")
    sub = p.add_subparsers(dest="opdracht", required=True)
    b = sub.add_parser("build", help="valideer data/raw en bouw de DuckDB-database")
    b.add_argument("--raw", type=Path, default=RAW_DIR, help="map met ruwe data (%(default)s)")
    b.add_argument("--out", type=Path, default=None, help="databasebestand")
    v = sub.add_parser("validate", help="alleen valideren, niets schrijven")
    v.add_argument("--raw", type=Path, default=RAW_DIR, help="map met ruwe data (%(default)s)")
    return p


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
    if args.opdracht == "validate":
        problemen, tabellen = valideer(args.raw)
        if problemen:
            return _meld_problemen(problemen)
        rijen = ", ".join(f"{n} {len(df)}" for n, df in tabellen.items())
        print(f"Geldig: {args.raw} ({rijen})")
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
    print(f"  bronnen: {resultaat.bronnen}; invoer sha256 {resultaat.invoer_sha256[:12]}")
    print(f"  {resultaat.seconden:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
