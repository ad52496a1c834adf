"""Bronnen names every source's kind, so a memo writer sees which figures come second-hand."""

from __future__ import annotations

from pathlib import Path

from dashboard.gegevens import queries


def _tekst(component) -> str:
    """All text in a Dash component tree, children first."""
    kinderen = getattr(component, "children", None)
    if kinderen is None:
        return str(component) if isinstance(component, str | int | float) else ""
    if isinstance(kinderen, list | tuple):
        return " ".join(_tekst(k) for k in kinderen)
    return _tekst(kinderen)


def test_bronlijst_toont_soort_en_aandeel_secundair(met_database: Path) -> None:
    from dashboard.app import app  # noqa: F401  registers the pages (as dashboard.pages.*)
    from dashboard.pages.bronnen import _bronlijst

    tabel = _bronlijst()
    tekst = _tekst(tabel)
    bronnen = queries.bronnen()
    secundair = sum(b["waarnemingen"] for b in bronnen if b["soort"] == "secundair")
    totaal = sum(b["waarnemingen"] for b in bronnen)
    assert 0 < secundair < totaal
    assert f"{secundair} van {totaal} waarnemingen uit een secundaire bron" in tekst
    aantal_secundair = sum(b["soort"] == "secundair" for b in bronnen)
    assert tekst.count("secundair (krant, aggregator of kopie)") == aantal_secundair
    assert tekst.count("primair (uitgever zelf)") == len(bronnen) - aantal_secundair
