"""Every imported national series: a year-on-year jump above SPRONG_DREMPEL is a marked break
or explained, never silent growth.

The threshold (docs/methoden.md, Trendbreuken): pupil counts move a few percent a year; a jump
above 15% in a national count is a counting change or a reclassification until a note says
otherwise. A jump passes when its year is a break of the indicator (table `reeksbreuk` or
`indicator.reeksbreuk_jaar`) or when the indicator's kanttekening or the year's noot names
the year.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from etl.config import RAW_DIR

SPRONG_DREMPEL = 0.15


def sprongen(
    punten: dict[int, float], breuken: set[int], uitleg: str, drempel: float = SPRONG_DREMPEL
) -> list[tuple[int, float]]:
    """(jaar, relative change) of every unexplained jump between consecutive years."""
    uit = []
    for jaar in sorted(punten):
        vorig = punten.get(jaar - 1)
        if not vorig:
            continue
        verandering = punten[jaar] / vorig - 1
        if abs(verandering) <= drempel or jaar in breuken:
            continue
        if re.search(rf"\b{jaar}\b", uitleg):
            continue
        uit.append((jaar, verandering))
    return uit


def _import_bronnen() -> list[str]:
    mapping = json.loads((RAW_DIR / "import" / "mapping.json").read_text(encoding="utf-8"))
    return [t["bron_id"] for t in mapping["tabellen"]]


@pytest.fixture(scope="module")
def con(database: Path):
    with duckdb.connect(str(database), read_only=True) as verbinding:
        yield verbinding


def test_drempel_vangt_een_sprong_zonder_uitleg() -> None:
    punten = {2009: 100.0, 2010: 124.0, 2011: 125.0}
    assert sprongen(punten, set(), "") == [(2010, pytest.approx(0.24))]
    assert sprongen(punten, {2010}, "") == []
    assert sprongen(punten, set(), "Sprong in 2010: telwijziging.") == []
    assert sprongen(punten, set(), "Sprong in 20100.") == [(2010, pytest.approx(0.24))]
    assert sprongen({2009: 100.0, 2010: 115.0}, set(), "") == []  # at the threshold: passes


def test_elke_geimporteerde_landelijke_reeks(con) -> None:
    bronnen = _import_bronnen()
    rijen = con.execute(
        """
        SELECT w.indicator_id, w.uitsplitsing, w.categorie, w.periode_van AS jaar, w.waarde,
               coalesce(w.noot, '') AS noot, coalesce(i.kanttekening, '') AS kanttekening,
               i.reeksbreuk_jaar
        FROM waarneming w JOIN indicator i USING (indicator_id)
        WHERE list_contains(?, w.bron_id) AND w.periode_van = w.periode_tot
        """,
        [bronnen],
    ).fetchall()
    assert rijen, "geen geïmporteerde reeksen gevonden"
    breuken: dict[str, set[int]] = {}
    for indicator_id, jaar in con.execute("SELECT indicator_id, jaar FROM reeksbreuk").fetchall():
        breuken.setdefault(indicator_id, set()).add(jaar)
    reeksen: dict[tuple[str, str, str], dict] = {}
    for ind, uitsplitsing, categorie, jaar, waarde, noot, kanttekening, breuk in rijen:
        reeks = reeksen.setdefault(
            (ind, uitsplitsing, categorie),
            {"punten": {}, "uitleg": kanttekening, "breuken": set(breuken.get(ind, ()))},
        )
        reeks["punten"][jaar] = waarde
        reeks["uitleg"] += " " + noot
        if breuk:
            reeks["breuken"].add(breuk)
    assert len(reeksen) >= 5
    fout = {
        sleutel: gevonden
        for sleutel, r in reeksen.items()
        if (gevonden := sprongen(r["punten"], r["breuken"], r["uitleg"]))
    }
    assert not fout, f"sprongen > {SPRONG_DREMPEL:.0%} zonder breuk of uitleg: {fout}"


def test_zonder_breukrijen_faalt_de_scan(con) -> None:
    """The scan has teeth: without the reeksbreuk rows the special types fail it."""
    punten = dict(
        con.execute(
            """SELECT periode_van, waarde FROM waarneming
               WHERE indicator_id = 'leerlingen_vestiging_sbo' AND periode_van = periode_tot"""
        ).fetchall()
    )
    gevonden = [jaar for jaar, _ in sprongen(punten, set(), "")]
    assert 1998 in gevonden and 2010 in gevonden


def test_elke_breukrij_noemt_zijn_bron_en_cijfers(con) -> None:
    rijen = con.execute(
        """SELECT b.indicator_id, b.jaar, b.toelichting, r.url FROM reeksbreuk b
           JOIN bron r USING (bron_id) WHERE b.indicator_id LIKE 'leerlingen_vestiging_%'"""
    ).fetchall()
    assert {(i, j) for i, j, *_ in rijen} >= {
        (f"leerlingen_vestiging_{s}", j)
        for s in ("sbo", "so", "vso", "so_vso")
        for j in (1998, 2010)
    }
    for indicator_id, jaar, toelichting, url in rijen:
        assert url.startswith("https://duo.nl/")
        vorig, nu = con.execute(
            """SELECT (SELECT waarde FROM waarneming WHERE indicator_id = ? AND periode_van = ?
                       AND periode_tot = periode_van),
                      (SELECT waarde FROM waarneming WHERE indicator_id = ? AND periode_van = ?
                       AND periode_tot = periode_van)""",
            [indicator_id, jaar - 1, indicator_id, jaar],
        ).fetchone()
        # The explanation quotes the two national sums of the file, not invented figures.
        for waarde in (vorig, nu):
            assert f"{int(waarde):,}".replace(",", ".") in toelichting, (indicator_id, jaar)
