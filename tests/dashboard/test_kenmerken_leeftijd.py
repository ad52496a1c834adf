"""Kenmerken shows every age series in the database, as lines where years exist
(age trends over time, not only snapshots), and each card exports the series it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.gegevens import queries
from dashboard.logica.uitsplitsing import MAX_PER_SOORT, is_lijn, jaarrijen, reeksen_met


def _pagina():
    from dashboard.app import app  # noqa: F401  registers the pages (as dashboard.pages.*)
    from dashboard.pages import kenmerken

    return kenmerken


def _ids(component) -> list[str]:
    gevonden = [component.id] if isinstance(getattr(component, "id", None), str) else []
    kinderen = getattr(component, "children", None)
    if isinstance(kinderen, list | tuple):
        for k in kinderen:
            gevonden += _ids(k)
    elif kinderen is not None and not isinstance(kinderen, str | int | float):
        gevonden += _ids(kinderen)
    return gevonden


def _stores(component, uit: dict[str, str] | None = None) -> dict[str, str]:
    uit = {} if uit is None else uit
    if type(component).__name__ == "Store":
        uit[component.id] = component.data
    kinderen = getattr(component, "children", None)
    for k in kinderen if isinstance(kinderen, list | tuple) else [kinderen]:
        if k is not None and not isinstance(k, str | int | float):
            _stores(k, uit)
    return uit


def test_elke_leeftijdsreeks_uit_de_database_staat_op_de_pagina(met_database: Path) -> None:
    reeksen = reeksen_met("leeftijd")
    in_db = {u["indicator_id"] for u in queries.uitsplitsingen() if u["uitsplitsing"] == "leeftijd"}
    assert set(reeksen) == in_db and len(reeksen) <= MAX_PER_SOORT
    lijnen = [i for i in reeksen if is_lijn(jaarrijen(i, "leeftijd", True))]
    assert len(lijnen) >= 3, lijnen  # trends over time, not only one-year snapshots
    # chain order: settings by their volgorde
    volgorde = {s["setting_id"]: s["volgorde"] for s in queries.settings()}
    meta = queries.indicator_meta()
    rangen = [volgorde[meta[i]["setting_id"]] for i in reeksen]
    assert rangen == sorted(rangen)

    layout = _pagina().layout()
    stores = _stores(layout)
    getoond = [v for k, v in sorted(stores.items()) if k.startswith("kenmerken-leeftijd-")]
    assert sorted(getoond) == sorted(reeksen)
    for k, indicator_id in enumerate(reeksen):
        assert stores[f"kenmerken-leeftijd-{k}-reeks"] == indicator_id
        assert f"kenmerken-leeftijd-{k}-export" in _ids(layout)


def test_export_van_een_kaart_is_de_reeks_van_die_kaart(met_database: Path) -> None:
    pagina = _pagina()
    reeks = next(i for i in reeksen_met("leeftijd") if is_lijn(jaarrijen(i, "leeftijd", True)))
    g = pagina._leeftijd_export(reeks, "?corona=1")
    assert {r.indicator_id for r in g.reeksen} == {reeks}
    assert len({p.jaar for r in g.reeksen for p in r.punten}) >= 2
    with pytest.raises(ValueError, match="geen uitsplitsing naar leeftijd"):
        pagina._leeftijd_export("so_leerlingen", "")  # a series without ages: refused
    with pytest.raises(ValueError):
        pagina._leeftijd_export("<script>", "")
