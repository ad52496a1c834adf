"""Where in the source, on the real database: every quote of table cells run together has its
`vindplaats`, and the trend and breakdown queries carry it to the chart, table and export."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import maak_reeksen
from dashboard.uitvoer import bestanden

TABEL = re.compile(r"\d{9,}")


def _db(pad: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(pad), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_elk_tabelcitaat_heeft_een_vindplaats(met_database: Path) -> None:
    rijen = _db(met_database, "SELECT citaat, vindplaats FROM waarneming WHERE citaat IS NOT NULL")
    tabel = [(c, v) for c, v in rijen if TABEL.search(c)]
    assert len(tabel) > 100  # the 119 rows filled from their noot and source
    assert [c for c, v in tabel if not v] == []
    # a sentence with a plain number is no table and is asked for nothing
    assert any(not v for c, v in rijen if not TABEL.search(c))


@pytest.fixture
def tabelrijen(met_database: Path) -> list[tuple]:
    """(indicator, uitsplitsing, jaar, categorie, vindplaats) of one-year table quotes."""
    return _db(
        met_database,
        """SELECT indicator_id, uitsplitsing, periode_van, categorie, vindplaats FROM waarneming
           WHERE vindplaats IS NOT NULL AND vindplaats <> '' AND periode_van = periode_tot""",
    )


def test_trendreeks_en_export_dragen_de_vindplaats(tabelrijen: list[tuple]) -> None:
    totaal = {(i, j, c): v for i, u, j, c, v in tabelrijen if u == "totaal"}
    ids = sorted({i for i, _j, _c in totaal})
    assert ids
    reeksen = maak_reeksen(queries.jaarwaarden(ids, 1990, 2100), queries.indicator_meta())
    uit = bestanden.rijen(reeksen, "absoluut")
    gezien = {(r["indicator_id"], r["jaar"], r["categorie"]): r["vindplaats"] for r in uit}
    geplaatst = {k: v for k, v in gezien.items() if k in totaal}
    assert geplaatst and all(v == totaal[k] for k, v in geplaatst.items())


def test_uitsplitsing_draagt_de_vindplaats(tabelrijen: list[tuple]) -> None:
    verwacht = {(i, u, j, c): v for i, u, j, c, v in tabelrijen if u != "totaal"}
    assert verwacht
    paren = sorted({(i, u) for i, u, _j, _c in verwacht})
    rijen = queries.jaarwaarden_uitsplitsing(paren, 1990, 2100)
    gekregen = {
        (r["indicator_id"], r["uitsplitsing"], r["jaar"], r["categorie"]): r["vindplaats"]
        for r in rijen
    }
    assert {k: gekregen.get(k) for k in verwacht} == verwacht


def test_paneel_citaat_definitie_en_bron_noemt_de_vindplaats(met_database: Path) -> None:
    from dashboard.app import app  # noqa: F401  (registers the pages)
    from dashboard.pages.overzicht import _tegel

    w = next(r for r in queries.berenschot_waarden() if r["status"] != "afgeleid")
    plek = "tabel 3, rij 'Totaal', kolom 2022"
    tegel = _tegel("Setting", [{**w, "citaat": "Totaal123456789", "vindplaats": plek}, w])
    details = tegel.children[-1]
    assert details.children[0].children == "Citaat, definitie en bron"
    teksten = [getattr(d, "children", None) for d in details.children]
    i = teksten.index("“Totaal123456789”")
    assert teksten[i + 1] == f"In de bron: {plek}"  # right under its own quote
    assert teksten.count(f"In de bron: {plek}") == 1
