"""Read raw CSV files into pandas with the types the descriptor declares.

Cells that do not parse become empty (Frictionless has already reported them), so the
cross-table rules can still run on every other row and the user sees all problems in one go.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from etl.schema import resources

REGEL_KOLOM = "_regel"


def _typeer(kolom: pd.Series, veldtype: str) -> pd.Series:
    if veldtype == "integer":
        return pd.to_numeric(kolom, errors="coerce").astype("Int64")
    if veldtype == "number":
        getal = pd.to_numeric(kolom, errors="coerce").astype("Float64")
        waarden = getal.to_numpy(dtype="float64", na_value=np.nan)
        # NaN and ±inf were reported by the text rules (etl.schema.tekstregels); empty here
        # so the cross-table rules do not report the same cell again.
        waarden[~np.isfinite(waarden)] = np.nan
        return pd.Series(waarden, index=kolom.index).astype("Float64")
    if veldtype == "date":
        return pd.to_datetime(kolom, format="%Y-%m-%d", errors="coerce").dt.date
    return kolom


def lees_ruw(raw_dir: Path, resource: dict[str, Any]) -> pd.DataFrame:
    """One raw table as text (empty cells None), with the line each row starts on in `_regel`."""
    namen = [v["name"] for v in resource["schema"]["fields"]]
    rijen, regels = [], []
    with open(raw_dir / resource["path"], encoding="utf-8-sig", newline="") as f:
        lezer = csv.DictReader(f, restkey="_teveel")
        begin = 2
        for rij in lezer:
            rijen.append({n: (rij.get(n) or None) for n in namen})
            regels.append(begin)
            begin = lezer.line_num + 1
    df = pd.DataFrame(rijen, columns=namen, dtype=object)
    df[REGEL_KOLOM] = regels
    return df


def typeer(ruw: pd.DataFrame, resource: dict[str, Any]) -> pd.DataFrame:
    """The text frame with the types the descriptor declares."""
    df = ruw.copy()
    for veld in resource["schema"]["fields"]:
        df[veld["name"]] = _typeer(df[veld["name"]].astype("string"), veld["type"])
    return df


def lees_tabel(raw_dir: Path, resource: dict[str, Any]) -> pd.DataFrame:
    """One raw table, typed, with the line each row starts on kept in `_regel` for reports."""
    return typeer(lees_ruw(raw_dir, resource), resource)


def lees_alles_ruw(raw_dir: Path, descriptor: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """Every table that can be read, as text; one that cannot (missing, not UTF-8) is left
    out here because it has been reported, and the rules that need it are skipped."""
    tabellen = {}
    for naam, res in resources(descriptor).items():
        try:
            tabellen[naam] = lees_ruw(raw_dir, res)
        except (OSError, UnicodeDecodeError):
            continue
    return tabellen


def lees_alles(raw_dir: Path, descriptor: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """As `lees_alles_ruw`, typed."""
    bronnen = resources(descriptor)
    return {n: typeer(df, bronnen[n]) for n, df in lees_alles_ruw(raw_dir, descriptor).items()}
