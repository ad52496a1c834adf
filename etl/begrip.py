"""One concept, one id: find indicators that are the same series under two names.

Two indicators with the same unit and setting whose lines agree exactly in at least
`MIN_GELIJK` common periods are, in practice, one concept counted twice: a chart or the
ketenkaart would show it as two independent series. Such a pair must be merged (the retired
id becomes an alias in `indicator_alias`) or listed in `dubbel_begrip_uitzondering.csv` with the
reason the equality is a coincidence or two honest concepts that happen to coincide.
Every line (uitsplitsing, categorie) is compared with every line of the other indicator: the
cluster-1 category of one table can duplicate the total of another.
"""

from __future__ import annotations

import pandas as pd

MIN_GELIJK = 3
"""Equal values in this many common periods make a pair suspect (two equal years can be luck)."""

PERIODE = ["periode_van", "periode_tot"]


def dubbele_begrippen(
    waarneming: pd.DataFrame, indicator: pd.DataFrame, uitzondering: pd.DataFrame | None = None
) -> list[tuple[str, str, int]]:
    """Pairs (a, b, number of equal periods) with a < b that share unit and setting, agree in at
    least `MIN_GELIJK` common periods on some pair of lines, and are not a listed exception."""
    kenmerk = indicator[["indicator_id", "eenheid", "setting_id"]].drop_duplicates("indicator_id")
    w = waarneming[["indicator_id", *PERIODE, "uitsplitsing", "categorie", "waarde"]].merge(
        kenmerk, on="indicator_id"
    )
    sleutel = ["eenheid", "setting_id", *PERIODE, "waarde"]
    # a missing period (NULL) is not a period two lines can share
    w = w.dropna(subset=sleutel)
    paar = w.merge(w, on=sleutel, suffixes=("_a", "_b"))
    paar = paar[paar["indicator_id_a"] < paar["indicator_id_b"]]
    lijnen = ["indicator_id_a", "uitsplitsing_a", "categorie_a"]
    lijnen += ["indicator_id_b", "uitsplitsing_b", "categorie_b"]
    per_lijn = paar.drop_duplicates([*lijnen, *PERIODE]).groupby(lijnen).size()
    per_paar = per_lijn[per_lijn >= MIN_GELIJK].groupby(level=[0, 3]).max()
    vrij = set()
    if uitzondering is not None:
        for a, b in zip(uitzondering["indicator_a"], uitzondering["indicator_b"], strict=True):
            vrij |= {(a, b), (b, a)}
    return [(a, b, int(n)) for (a, b), n in per_paar.items() if (a, b) not in vrij]
