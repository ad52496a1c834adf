"""One peildatum per line for register counts (Landelijk Register Kinderopvang).

A count of locations or places in the register is a stock on one day. The register grows and
shrinks within a year, so a count from October next to one from December looks like a change
that did not happen. Each such line therefore keeps one peildatum: its definition names it
(`peildatum eind december`) and every observation's `noot` says on which day it was counted
(`Peildatum eind december 2022`). This module reads those texts; a line whose observations
name two peildata, or whose definition does not name theirs, is reported.
"""

from __future__ import annotations

import re

import pandas as pd

REGISTER = "Landelijk Register Kinderopvang"
"""Lines in scope: `periode_type` peildatum and this register in the definition."""

_MAAND = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_MOMENT = rf"(?:\d{{1,2}} )?(?:(?:begin|eind|medio) )?(?:{_MAAND})|begin|eind|medio"
# The NJi tables state their day once, in a footnote: 'Op 1 januari van het betreffende jaar'.
_IN_NOOT = (
    re.compile(rf"\bpeildatum (?:is )?({_MOMENT})\b", re.IGNORECASE),
    re.compile(rf"\bop ({_MOMENT}) van het betreffende jaar\b", re.IGNORECASE),
)


def peildatum_uit(noot: str | None) -> str | None:
    """The day of the year a note says the value was counted on, lower case, without the year
    (`eind december`, `1 januari`, `begin`); None when the note names none."""
    for patroon in _IN_NOOT:
        gevonden = patroon.search(noot or "")
        if gevonden:
            return gevonden.group(1).lower()
    return None


def registerlijnen(indicator: pd.DataFrame) -> pd.DataFrame:
    """The indicators whose lines must keep one peildatum."""
    return indicator[
        indicator["periode_type"].eq("peildatum")
        & indicator["definitie"].fillna("").str.contains(REGISTER, regex=False)
    ]


def gemengde_peildata(waarneming: pd.DataFrame, indicator: pd.DataFrame) -> list[tuple[str, str]]:
    """(indicator_id, what is wrong) per register line that does not keep one stated peildatum."""
    fouten = []
    for _, ind in registerlijnen(indicator).iterrows():
        rijen = waarneming[waarneming["indicator_id"] == ind["indicator_id"]]
        data = [peildatum_uit(n) for n in rijen["noot"]]
        zonder = [str(j) for j, d in zip(rijen["periode_van"], data, strict=True) if d is None]
        if zonder:
            fouten.append((ind["indicator_id"], f"geen peildatum in de noot ({', '.join(zonder)})"))
        verschillend = sorted({d for d in data if d is not None})
        if len(verschillend) > 1:
            fouten.append(
                (
                    ind["indicator_id"],
                    f"meer dan één peildatum op één lijn: {', '.join(verschillend)}",
                )
            )
        elif verschillend and f"peildatum {verschillend[0]}" not in str(ind["definitie"]).lower():
            fouten.append(
                (ind["indicator_id"], f"de definitie noemt de peildatum ‘{verschillend[0]}’ niet")
            )
    return fouten
