"""The coverage report counts what the data-coverage targets are about, on small frames."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from etl.dekking import meet
from tests.conftest import wijzig_rij


def _tabellen() -> dict[str, pd.DataFrame]:
    rijen = []
    for jaar in range(2015, 2021):  # six years, age 0-4 in all of them, 4-12 in three
        rijen.append(("a", jaar, jaar, "leeftijd", "0 tot 4 jaar", "p", "gepubliceerd"))
        if jaar >= 2018:
            rijen.append(("a", jaar, jaar, "leeftijd", "4 tot 12 jaar", "s", "voorlopig"))
    rijen += [
        ("b", 2019, 2019, "totaal", "totaal", "s", "voorlopig"),
        ("b", 2016, 2019, "totaal", "totaal", "p", "gepubliceerd"),  # a period, not a year
        ("b", None, None, "totaal", "totaal", "p", "gepubliceerd"),
    ]
    w = pd.DataFrame(
        rijen,
        columns=[
            "indicator_id",
            "periode_van",
            "periode_tot",
            "uitsplitsing",
            "categorie",
            "bron_id",
            "status",
        ],
    )
    w[["periode_van", "periode_tot"]] = w[["periode_van", "periode_tot"]].astype("Int64")
    indicator = pd.DataFrame({"indicator_id": ["a", "b"], "setting_id": ["jeugdhulp", "so"]})
    bron = pd.DataFrame(
        {"bron_id": ["p", "s"], "soort": ["primair", "secundair"], "producent": ["CBS", "onbekend"]}
    )
    return {"waarneming": w, "indicator": indicator, "bron": bron}


def test_telt_jaren_leeftijdsreeksen_producent_en_voorlopig() -> None:
    d = meet(_tabellen())
    assert d.waarnemingen == 12 and d.indicatoren == 2
    assert d.indicatoren_min_jaren == 1  # a: 6 years; b: one year plus a period and no period
    assert d.leeftijdsreeksen == {"jeugdhulp": (1, 6)}  # 0-4 has six years, 4-12 only three
    assert d.per_producent == {"CBS": 8, "onbekend": 4}
    assert d.producent_genoemd == 8 and d.bij_producent == 8 and d.handmatig == 12
    assert d.voorlopig_per_jaar == {2018: 1, 2019: 2, 2020: 1}
    tekst = "\n".join(d.regels())
    assert "CBS 8, onbekend 4" in tekst and "8 van 12 (66,7%; doel 100%)" in tekst
    assert "t/m 2021: 4" in tekst
    # an imported source counts in the total but not among the hand-entered rows
    assert meet(_tabellen(), frozenset({"p"})).handmatig_bij_producent == 0


def test_telt_reeksen_uit_uitgeversbestanden_apart() -> None:
    """The coverage target counts at most five imported series towards its target: the report says how
    many of the long series come from a publisher file (all their rows from an import)."""
    tabellen = _tabellen()
    assert meet(tabellen).indicatoren_min_jaren_import == 0
    d = meet(tabellen, frozenset({"p", "s"}))
    assert d.indicatoren_min_jaren_import == 1
    assert "1 van 2 (waarvan 1 uit uitgeversbestanden)" in "\n".join(d.regels())
    assert meet(tabellen, frozenset({"p"})).indicatoren_min_jaren_import == 0  # mixed: no


def test_cli_validate_toont_dekking(raw: Path) -> None:
    """Marking one more source secondary must lower the printed share read at the producer."""

    def aandeel() -> str:
        uit = subprocess.run(
            [sys.executable, "-m", "etl", "validate", "--raw", str(raw)],
            capture_output=True,
            text=True,
            check=True,
        )
        regel = next(r for r in uit.stdout.splitlines() if "gelezen bij de producent" in r)
        return regel.split()[4]

    voor = aandeel()
    wijzig_rij(raw / "bron.csv", lambda r: r["bron_id"] == "cbs-83296ned", soort="secundair")
    assert int(aandeel()) < int(voor)
