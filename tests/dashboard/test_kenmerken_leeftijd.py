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


def test_overzicht_noemt_elke_leeftijdsreeks_met_haar_jaren(met_database: Path) -> None:
    """The overview is checked against the database directly, not against its own helper."""
    import duckdb

    from dashboard.logica.uitsplitsing import leeftijd_overzicht

    with duckdb.connect(str(met_database), read_only=True) as con:
        verwacht = {
            i: sorted({j for pair in jaren for j in pair if j is not None})
            for i, jaren in con.execute(
                """SELECT indicator_id, list(DISTINCT [periode_van, periode_tot])
                   FROM waarneming WHERE uitsplitsing = 'leeftijd' GROUP BY indicator_id"""
            ).fetchall()
        }
        setting = dict(
            con.execute(
                "SELECT i.indicator_id, s.naam FROM indicator i JOIN setting s USING (setting_id)"
            ).fetchall()
        )
    rijen = {r["indicator_id"]: r for r in leeftijd_overzicht()}
    assert set(rijen) == set(verwacht)
    for indicator_id, jaren in verwacht.items():
        rij = rijen[indicator_id]
        assert rij["setting"] == setting[indicator_id]
        tekst = rij["jaren"]
        for j in jaren:  # each year is named, either itself or inside a range around it
            assert str(j) in tekst or any(
                int(a) <= j <= int(b)
                for a, b in (d.split("–") for d in tekst.split(", ") if "–" in d)
            ), (indicator_id, j, tekst)
    # DUO's two peildata are two years, not a range that suggests a series
    assert rijen["sbo_aandeel_naar_leeftijd_duo"]["jaren"] == "2015, 2016"
    layout = _pagina().layout()
    assert "kenmerken-leeftijd-overzicht" in _ids(layout)


def test_aandeel_naar_leeftijd_als_twee_peildata_niet_als_lijn(met_database: Path) -> None:
    from dashboard.logica.uitsplitsing import uitsplitsing_grafiek

    g = uitsplitsing_grafiek("sbo_aandeel_naar_leeftijd_duo", "leeftijd")
    assert {t["type"] for t in g.figuur["data"]} == {"bar"}
    assert [t["name"] for t in g.figuur["data"]] == ["1 oktober 2015", "1 oktober 2016"]
    # single years on the axis; the overlapping bands stay out of the chart
    assert (
        g.figuur["data"][0]["x"][0] == "4 jaar" and "4 tot 8 jaar" not in g.figuur["data"][0]["x"]
    )


def test_lijn_alleen_bij_opeenvolgende_jaren() -> None:
    from dashboard.logica.uitsplitsing import soort_grafiek

    def rijen(jaren, categorieen=("a", "b")):
        return [{"jaar": j, "categorie": c} for j in jaren for c in categorieen]

    assert soort_grafiek(rijen([2015, 2016, 2017]), "aantal") == "lijn"
    assert soort_grafiek(rijen([2014, 2018]), "procent") == "peildata"
    assert soort_grafiek(rijen([2019, 2021]), "aantal") == "peildata"
    assert soort_grafiek(rijen([2019, 2021]), "aantal", frozenset({2020})) == "lijn"
    veel = [f"{n} jaar" for n in range(4, 14)]
    assert soort_grafiek(rijen([1991, 1995, 2000, 2005], veel), "aantal") == "warmte"
    assert soort_grafiek(rijen([2015], veel), "aantal") == "staaf"


def test_legenda_noemt_alleen_de_categorie(met_database: Path) -> None:
    from dashboard.logica.uitsplitsing import uitsplitsing_grafiek

    meta = queries.indicator_meta()
    gezien = 0
    for indicator_id in reeksen_met("leeftijd"):
        g = uitsplitsing_grafiek(indicator_id, "leeftijd", True)
        lijnen = [t for t in g.figuur["data"] if t.get("type") == "scatter"] if g else []
        if not lijnen or not is_lijn(jaarrijen(indicator_id, "leeftijd", True)):
            continue
        categorieen = {r.categorie for r in g.reeksen}
        from dashboard.figuren.theme import STATUS_UITLEG

        namen = {t["name"].removesuffix(" (voorlopig)") for t in lijnen}
        namen -= set(STATUS_UITLEG.values())  # the status key is its own legend entry
        assert namen == categorieen, (indicator_id, namen)
        assert not any(meta[indicator_id]["korte_titel"] in n for n in namen)
        assert meta[indicator_id]["korte_titel"] in g.titel
        gezien += 1
    assert gezien >= 2


def test_wat_we_niet_weten_naar_leeftijd_noemt_bestaande_settings(met_database: Path) -> None:
    from dashboard.logica.lacunes import ONBEKEND_LEEFTIJD, onbekend_voor

    bestaand = {s["setting_id"] for s in queries.settings()}
    genoemd = {i for ids, _, _ in ONBEKEND_LEEFTIJD for i in ids}
    assert genoemd <= bestaand, genoemd - bestaand
    assert {"kinderopvang", "jeugdhulp", "kdc", "mkd"} <= genoemd
    # the same gaps appear wherever a setting's gaps are listed (Trends, Capaciteit)
    namen = {naam for naam, _ in onbekend_voor(["kdc"])}
    assert "KDC en MKD naar leeftijd" in namen
    assert "kenmerken-leeftijd-onbekend" in _ids(_pagina().layout())
