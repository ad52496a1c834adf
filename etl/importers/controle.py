"""Checks imported rows against the hand-entered tables, as Frictionless does for raw CSVs.

Imported rows never pass through the Frictionless descriptor, so the key rules are repeated
here: the indicator must exist, the period type must match it, the source id must be new, and
a key (indicator, period, breakdown, category) may occur once in the whole database.

Decision: an imported value that duplicates a hand-entered row is an **error**, never a silent
replacement. The message names both places; to let the import take over, delete the hand row
in `waarneming.csv`. Two sources for one figure must be a visible choice.
"""

from __future__ import annotations

import pandas as pd

from etl.problems import Probleem

_SLEUTEL = ["indicator_id", "periode_van", "periode_tot", "uitsplitsing", "categorie"]
_TYPE_SOORT = {
    "kalenderjaar": "kalenderjaar",
    "schooljaar": "schooljaar",
    "peildatum": "kalenderjaar",
    "halfjaar": "halfjaar",
}


def controleer(
    waarneming: pd.DataFrame,
    bron: pd.DataFrame,
    tabellen: dict[str, pd.DataFrame],
    regio_waarneming: pd.DataFrame | None = None,
) -> list[Probleem]:
    problemen = _bron(bron, tabellen.get("bron"))
    problemen += _indicator(waarneming, tabellen.get("indicator"))
    problemen += _dubbel(waarneming, tabellen.get("waarneming"))
    if regio_waarneming is not None:
        problemen += _regio_dubbel(regio_waarneming)
    return problemen


def _regio_dubbel(regio_waarneming: pd.DataFrame) -> list[Probleem]:
    """Two blocks feeding one (region, indicator, year): a visible error, never a silent sum."""
    dubbel = regio_waarneming[
        regio_waarneming.duplicated(["regio_code", "indicator_id", "jaar"], keep="first")
    ]
    return [
        Probleem(
            "import/mapping.json",
            None,
            "regio",
            f"regiocijfer komt dubbel voor in de import: {r['regio_code']} {r['indicator_id']}"
            f" {r['jaar']} (twee blokken voeden dezelfde indicator)",
        )
        for _, r in dubbel.head(5).iterrows()
    ]


def _plek(rij: pd.Series) -> tuple[str, int | None]:
    regel = rij.get("_regel")
    return str(rij["_pad"]), None if pd.isna(regel) else int(regel)


def _bron(bron: pd.DataFrame, hand: pd.DataFrame | None) -> list[Probleem]:
    bekend = set() if hand is None else set(hand["bron_id"].dropna())
    problemen, gezien = [], set()
    for _, rij in bron.iterrows():
        if rij["bron_id"] in bekend or rij["bron_id"] in gezien:
            problemen.append(
                Probleem(
                    str(rij["_pad"]),
                    None,
                    "bron_id",
                    f"{rij['bron_id']!r} bestaat al (in bron.csv of een ander importbestand);"
                    " kies een ander bron_id in de mapping",
                )
            )
        gezien.add(rij["bron_id"])
    return problemen


def _indicator(waarneming: pd.DataFrame, indicator: pd.DataFrame | None) -> list[Probleem]:
    if indicator is None:
        return []  # indicator.csv itself is broken; Frictionless has reported it
    soorten = dict(zip(indicator["indicator_id"], indicator["periode_type"], strict=False))
    problemen = []
    for _, rij in waarneming.iterrows():
        pad, regel = _plek(rij)
        if rij["indicator_id"] not in soorten:
            problemen.append(
                Probleem(
                    pad,
                    regel,
                    "indicator_id",
                    f"verwijzing naar een onbekende indicator {rij['indicator_id']!r}"
                    " (mapping: voeg de indicator eerst toe aan indicator.csv)",
                )
            )
            continue
        verwacht = _TYPE_SOORT.get(soorten[rij["indicator_id"]])
        if verwacht and verwacht != rij["_periodesoort"]:
            problemen.append(
                Probleem(
                    pad,
                    regel,
                    "periode",
                    f"{rij['indicator_id']} telt per {soorten[rij['indicator_id']]}, maar het"
                    f" bestand levert een {rij['_periodesoort']}",
                )
            )
    return problemen


def _dubbel(waarneming: pd.DataFrame, hand: pd.DataFrame | None) -> list[Probleem]:
    problemen = []
    binnen = waarneming[waarneming.duplicated(_SLEUTEL, keep="first")]
    for _, rij in binnen.iterrows():
        problemen.append(
            _op_sleutel(rij, f"sleutel komt dubbel voor in de import: {_sleutel(rij)}")
        )
    if hand is None:
        return problemen
    handsleutels = {
        tuple(None if pd.isna(v) else v for v in r[_SLEUTEL]): r["_regel"]
        for _, r in hand.iterrows()
    }
    for _, rij in waarneming.iterrows():
        regel_hand = handsleutels.get(tuple(rij[_SLEUTEL]))
        if regel_hand is not None:
            problemen.append(
                _op_sleutel(
                    rij,
                    f"dubbel met een handmatige waarneming (waarneming.csv:{regel_hand}):"
                    f" {_sleutel(rij)}; verwijder die rij als de import haar moet vervangen",
                )
            )
    return problemen


def _op_sleutel(rij: pd.Series, tekst: str) -> Probleem:
    """A problem with an imported row's key, pointing at the row in its publisher file."""
    pad, regel = _plek(rij)
    return Probleem(pad, regel, "indicator_id", tekst)


def _sleutel(rij: pd.Series) -> str:
    return f"{rij['indicator_id']} {rij['periode_van']} {rij['uitsplitsing']}/{rij['categorie']}"
