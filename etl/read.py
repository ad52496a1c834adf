"""Read raw CSV files into pandas with the types the descriptor declares.

Cells that do not parse become empty (Frictionless has already reported them), so the
cross-table rules can still run on every other row and the user sees all problems in one go.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd

from etl.schema import resources

REGEL_KOLOM = "_regel"


def _typeer(kolom: pd.Series, veldtype: str) -> pd.Series:
    if veldtype == "integer":
        return pd.to_numeric(kolom, errors="coerce").astype("Int64")
    if veldtype == "number":
        return pd.to_numeric(kolom, errors="coerce").astype("Float64")
    if veldtype == "date":
        return pd.to_datetime(kolom, format="%Y-%m-%d", errors="coerce").dt.date
    return kolom


def lees_tabel(raw_dir: Path, resource: dict[str, Any]) -> pd.DataFrame:
    """One raw table, typed, with the line each row starts on kept in `_regel` for reports."""
    velden = resource["schema"]["fields"]
    namen = [v["name"] for v in velden]
    rijen, regels = [], []
    with open(raw_dir / resource["path"], encoding="utf-8-sig", newline="") as f:
        lezer = csv.DictReader(f, restkey="_teveel")
        begin = 2
        for rij in lezer:
            rijen.append({n: (rij.get(n) or None) for n in namen})
            regels.append(begin)
            begin = lezer.line_num + 1
    df = pd.DataFrame(rijen, columns=namen)
    for veld in velden:
        df[veld["name"]] = _typeer(df[veld["name"]].astype("string"), veld["type"])
    df[REGEL_KOLOM] = regels
    return df


def lees_alles(raw_dir: Path, descriptor: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """Every table that can be read; one that cannot (missing, not UTF-8) is left out here
    because Frictionless has reported it, and the rules that need it are skipped."""
    tabellen = {}
    for naam, res in resources(descriptor).items():
        try:
            tabellen[naam] = lees_tabel(raw_dir, res)
        except (OSError, UnicodeDecodeError):
            continue
    return tabellen
