"""A revision record must describe the value that is in `waarneming` now, or it misleads."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.build import bouw
from etl.config import RAW_DIR
from etl.validate import valideer
from tests.conftest import lees_csv, wijzig_rij

SLEUTEL = ("indicator_id", "periode_van", "periode_tot", "uitsplitsing", "categorie")


def _afwijkingen(pad: Path) -> list[tuple]:
    """Revision rows whose new value, status or source is not the current observation."""
    with duckdb.connect(str(pad), read_only=True) as con:
        return con.execute(
            """
            SELECT r.indicator_id, r.periode_van, r.categorie
            FROM revisie r LEFT JOIN waarneming w
              ON w.indicator_id = r.indicator_id AND w.periode_van IS NOT DISTINCT FROM r.periode_van
             AND w.periode_tot IS NOT DISTINCT FROM r.periode_tot
             AND w.uitsplitsing = r.uitsplitsing AND w.categorie = r.categorie
            WHERE w.waarde IS DISTINCT FROM r.nieuwe_waarde
               OR w.status IS DISTINCT FROM r.nieuwe_status
               OR w.bron_id IS DISTINCT FROM r.nieuwe_bron_id
               OR r.oude_waarde = r.nieuwe_waarde AND r.oude_status = r.nieuwe_status
            """
        ).fetchall()


def test_revisies_beschrijven_de_huidige_waarde(tmp_path: Path) -> None:
    db = tmp_path / "k.duckdb"
    bouw(RAW_DIR, db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM revisie").fetchone()[0] > 0
    assert _afwijkingen(db) == []


def test_waarde_gewijzigd_zonder_revisie_wordt_gezien(raw: Path, tmp_path: Path) -> None:
    """Guards the check above: editing a revised observation must make it fail."""
    eerste = lees_csv(raw / "revisie.csv")[0]
    wijzig_rij(
        raw / "waarneming.csv",
        lambda r: all(r[k] == eerste[k] for k in SLEUTEL),
        waarde="1",
    )
    db = tmp_path / "k.duckdb"
    bouw(raw, db)
    assert len(_afwijkingen(db)) == 1


def test_nieuwe_bron_mag_een_uitgeversbestand_zijn_maar_moet_bestaan(raw: Path) -> None:
    """`nieuwe_bron_id` is checked after the import (step 6 hands po_regulier_leerlingen to
    DUO's file, whose source row the import adds); an unknown source is still refused."""
    rijen = lees_csv(raw / "revisie.csv")
    assert any(r["nieuwe_bron_id"].endswith("-import") for r in rijen)
    assert valideer(raw)[0] == []
    regel = wijzig_rij(raw / "revisie.csv", lambda r: True, nieuwe_bron_id="bestaat-niet")
    problemen = [str(p) for p in valideer(raw)[0]]
    assert any(
        f"revisie.csv:{regel}: nieuwe_bron_id: verwijzing naar een onbekende sleutel" in p
        for p in problemen
    ), problemen


def test_herziene_waarneming_moet_bestaan(raw: Path) -> None:
    regel = wijzig_rij(raw / "revisie.csv", lambda r: True, categorie="bestaat niet")
    problemen = [str(p) for p in valideer(raw)[0]]
    assert any(
        f"revisie.csv:{regel}: indicator_id: de herziene waarneming" in p for p in problemen
    ), problemen
