"""The change log `wijziging`: what a build saw change against the database it replaced."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.build import bouw
from etl.dataversie import bereken
from tests.conftest import bouw_voor_en_na_revisie, lees_csv, schrijf_csv

SLEUTEL = ("indicator_id", "periode_van", "periode_tot", "uitsplitsing", "categorie")


def _log(pad: Path) -> list[dict]:
    with duckdb.connect(str(pad), read_only=True) as con:
        cur = con.execute("SELECT * FROM wijziging ORDER BY gebouwd_op, soort, indicator_id")
        namen = [k[0] for k in cur.description]
        return [dict(zip(namen, r, strict=True)) for r in cur.fetchall()]


def _sleutel(r: dict) -> tuple:
    return tuple(str(r[k]) if r[k] is not None else "" for k in SLEUTEL)


def _vier_wijzigingen(raw: Path) -> dict[str, dict[str, str]]:
    """Change one value, change one status, add one and remove one observation of so_leerlingen
    in `raw`; returns the rows as they are after the edit (removed: as it was)."""
    pad = raw / "waarneming.csv"
    rijen = lees_csv(pad)
    so = [
        r for r in rijen if r["indicator_id"] == "so_leerlingen" and r["uitsplitsing"] == "totaal"
    ]
    so.sort(key=lambda r: int(r["periode_van"]))
    gewijzigd, status, verwijderd = so[1], so[2], so[3]
    gewijzigd["waarde"] = str(int(gewijzigd["waarde"]) + 7)
    assert status["status"] == "gepubliceerd"
    status["status"] = "voorlopig"
    nieuw = dict(so[0])
    jaar = int(so[0]["periode_van"]) - 1
    nieuw["periode_van"] = nieuw["periode_tot"] = str(jaar)
    rijen = [r for r in rijen if r is not verwijderd]
    rijen.insert(rijen.index(so[0]), nieuw)
    schrijf_csv(pad, rijen)
    return {"gewijzigd": gewijzigd, "status": status, "nieuw": nieuw, "verwijderd": verwijderd}


def test_eerste_bouw_is_eerste_versie(tmp_path: Path, raw: Path) -> None:
    uit = bouw(raw, tmp_path / "k.duckdb")
    log = _log(uit.database)
    assert [r["soort"] for r in log] == ["eerste versie"]
    assert uit.wijzigingen == 1
    assert log[0]["data_versie"] == uit.data_versie
    assert log[0]["vorige_versie"] is None


def test_vier_soorten_wijziging(tmp_path: Path, raw: Path) -> None:
    db = tmp_path / "k.duckdb"
    eerste = bouw(raw, db)
    verwacht = _vier_wijzigingen(raw)
    tweede = bouw(raw, db)
    assert tweede.data_versie != eerste.data_versie
    assert tweede.wijzigingen == 4
    log = _log(db)
    assert log[0]["soort"] == "eerste versie"
    nieuw = [r for r in log if r["data_versie"] == tweede.data_versie]
    assert sorted(r["soort"] for r in nieuw) == ["gewijzigd", "nieuw", "status", "verwijderd"]
    for r in nieuw:
        assert _sleutel(r) == _sleutel(verwacht[r["soort"]])
        assert r["vorige_versie"] == eerste.data_versie
        assert r["vorige_gebouwd_op"] == log[0]["gebouwd_op"]
        assert r["data_versie_kort"] == tweede.data_versie[:12]
    per_soort = {r["soort"]: r for r in nieuw}
    g = per_soort["gewijzigd"]
    assert g["nieuwe_waarde"] - g["oude_waarde"] == 7
    s = per_soort["status"]
    assert (s["oude_status"], s["nieuwe_status"]) == ("gepubliceerd", "voorlopig")
    assert s["oude_waarde"] == s["nieuwe_waarde"]
    assert per_soort["nieuw"]["oude_waarde"] is None
    assert per_soort["verwijderd"]["nieuwe_waarde"] is None
    assert all(r["herzien_op"] is None for r in nieuw)  # no revision describes these


def test_zelfde_inhoud_voegt_niets_toe_en_log_blijft_buiten_de_versie(
    tmp_path: Path, raw: Path
) -> None:
    db = tmp_path / "k.duckdb"
    bouw(raw, db)
    _vier_wijzigingen(raw)
    tweede = bouw(raw, db)
    voor = _log(db)
    derde = bouw(raw, db)
    assert derde.data_versie == tweede.data_versie and derde.wijzigingen == 0
    assert _log(db) == voor  # carried over, nothing appended
    # A fresh build of the same input (its log: one row) has the same version.
    los = bouw(raw, tmp_path / "los.duckdb")
    assert len(_log(los.database)) == 1
    assert los.data_versie == tweede.data_versie
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM wijziging")
        assert bereken(con) == tweede.data_versie


def test_revisie_wordt_gekoppeld(tmp_path: Path, raw: Path) -> None:
    """A change that a `revisie` row describes points at it by its date; the reason stays
    in `revisie` only."""
    db = tmp_path / "k.duckdb"
    rev = bouw_voor_en_na_revisie(raw, db)
    gekoppeld = [r for r in _log(db) if r["herzien_op"] is not None]
    assert [_sleutel(r) for r in gekoppeld] == [_sleutel(rev)]
    assert str(gekoppeld[0]["herzien_op"]) == rev["herzien_op"]
    assert "noot" not in gekoppeld[0]


def test_database_van_voor_het_logboek(tmp_path: Path, raw: Path) -> None:
    """Migration: the file being replaced has no `wijziging` (schema 2). Same content gives
    'eerste versie'; changed content is compared with it all the same."""
    db = tmp_path / "k.duckdb"
    eerste = bouw(raw, db)
    with duckdb.connect(str(db)) as con:
        con.execute("DROP TABLE wijziging")
    assert [r["soort"] for r in _log(bouw(raw, db).database)] == ["eerste versie"]
    with duckdb.connect(str(db)) as con:
        con.execute("DROP TABLE wijziging")
    _vier_wijzigingen(raw)
    bouw(raw, db)
    log = _log(db)
    assert sorted(r["soort"] for r in log) == ["gewijzigd", "nieuw", "status", "verwijderd"]
    assert {r["vorige_versie"] for r in log} == {eerste.data_versie}
