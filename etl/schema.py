"""The declared schema: the Frictionless descriptor for each table, plus the cross-table rules.

Both are declarations, read by `validate.py`; nothing here checks a row by hand. The descriptor
(`data/raw/datapackage.json`) owns types, enums, minimums, primary and foreign keys; the pandera
schemas below own the rules that need two tables or two columns at once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from etl.config import DESCRIPTOR_NAME

STATUS_MET_CITAAT = ("gepubliceerd", "voorlopig")


def lees_descriptor(raw_dir: Path) -> dict[str, Any]:
    """The data package descriptor as a dict (the single source of table and field names)."""
    with open(raw_dir / DESCRIPTOR_NAME, encoding="utf-8") as f:
        return json.load(f)


def resources(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in descriptor["resources"]}


def _regel(kolom: str, reden: str, test) -> pa.Check:
    """A frame-wide check whose name carries the column and the Dutch reason for the report."""
    return pa.Check(test, name=f"{kolom}|{reden}", element_wise=False)


def _leeg(s: pd.Series) -> pd.Series:
    return s.isna() | (s.astype("string").str.strip() == "")


# Rules over `waarneming` joined with its indicator's `eenheid` (see validate.py).
WAARNEMING_REGELS = pa.DataFrameSchema(
    checks=[
        _regel(
            "waarde",
            "een percentage ligt tussen 0 en 100",
            lambda d: (d["eenheid"] != "procent") | d["waarde"].between(0, 100),
        ),
        _regel(
            "waarde",
            "een aantal kan niet negatief zijn",
            lambda d: (d["eenheid"] != "aantal") | (d["waarde"] >= 0),
        ),
        _regel(
            "waarde",
            "een index is groter dan 0",
            lambda d: (d["eenheid"] != "index") | (d["waarde"] > 0),
        ),
        _regel(
            "periode_tot",
            "periode_van ligt na periode_tot (omgekeerde periode)",
            lambda d: (
                d["periode_van"].isna()
                | d["periode_tot"].isna()
                | (d["periode_van"] <= d["periode_tot"]).fillna(True)
            ),
        ),
        _regel(
            "periode_tot",
            "periode_van en periode_tot zijn allebei gevuld of allebei leeg",
            lambda d: d["periode_van"].isna() == d["periode_tot"].isna(),
        ),
        _regel(
            "periode_tot",
            "een verandering gaat over een periode: periode_van moet voor periode_tot liggen",
            lambda d: (
                (d["eenheid"] != "procent verandering")
                | (d["periode_van"] < d["periode_tot"]).fillna(False)
            ),
        ),
        _regel(
            "citaat",
            "een gepubliceerde of voorlopige waarde heeft een letterlijk citaat",
            lambda d: ~d["status"].isin(STATUS_MET_CITAAT) | ~_leeg(d["citaat"]),
        ),
        _regel(
            "noot",
            "een afgeleide waarde heeft haar formule in de noot",
            lambda d: (d["status"] != "afgeleid") | ~_leeg(d["noot"]),
        ),
    ]
)

SIGNAAL_REGELS = pa.DataFrameSchema(
    checks=[
        _regel(
            "periode_tot",
            "periode_van ligt na periode_tot (omgekeerde periode)",
            lambda d: (d["periode_van"] <= d["periode_tot"]).fillna(True),
        ),
    ]
)
