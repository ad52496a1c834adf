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
            WHERE r.soort_wijziging <> 'verwijderd' AND (w.waarde IS DISTINCT FROM r.nieuwe_waarde
               OR w.status IS DISTINCT FROM r.nieuwe_status
               OR w.bron_id IS DISTINCT FROM r.nieuwe_bron_id
               OR r.oude_waarde = r.nieuwe_waarde AND r.oude_status = r.nieuwe_status
                  AND r.oude_bron_id = r.nieuwe_bron_id)
               OR r.soort_wijziging = 'verwijderd' AND w.indicator_id IS NOT NULL
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


def test_verwijdering_en_statuswijziging_staan_in_revisie(tmp_path: Path) -> None:
    """A deleted point is logged without new values, a status-only change as `status`."""
    db = tmp_path / "k.duckdb"
    bouw(RAW_DIR, db)
    with duckdb.connect(str(db), read_only=True) as con:
        weg = con.execute(
            "SELECT nieuwe_waarde FROM revisie WHERE soort_wijziging = 'verwijderd'"
            " AND indicator_id = 'jeugdzorg_totaal' AND periode_van = 2021"
        ).fetchall()
        status = con.execute(
            "SELECT oude_status, nieuwe_status, oude_waarde = nieuwe_waarde FROM revisie"
            " WHERE soort_wijziging = 'status' AND indicator_id = 'sbo_leerlingen'"
            " AND periode_van = 2023"
        ).fetchall()
    assert weg == [(None,)]
    assert status == [("gepubliceerd", "voorlopig", True)]


def test_verwijderde_waarneming_die_er_nog_staat_wordt_geweigerd(raw: Path) -> None:
    """Deleting a point and logging it, but leaving it in `waarneming`, is refused."""
    pad = raw / "revisie.csv"
    rijen = lees_csv(pad)
    regel = next(r for r in rijen if r["soort_wijziging"] == "status")
    regel.update(
        soort_wijziging="verwijderd", nieuwe_waarde="", nieuwe_status="", nieuwe_bron_id=""
    )
    from tests.conftest import schrijf_csv

    schrijf_csv(pad, rijen)
    problemen, _ = valideer(raw)
    assert any("een verwijderde waarneming staat nog in waarneming" in p.reden for p in problemen)


def test_afgeleid_uit_voorlopige_invoer_wordt_geweigerd(raw: Path) -> None:
    """A sum of provisional parts stored as `afgeleid` is refused; as `voorlopig` it passes."""
    assert valideer(raw)[0] == []
    wijzig_rij(
        raw / "waarneming.csv",
        lambda r: (
            r["indicator_id"] == "jeugdhulp_1e_halfjaar_incl_pgb"
            and r["periode_van"] == "2023"
            and r["uitsplitsing"] == "totaal"
        ),
        status="afgeleid",
    )
    problemen, _ = valideer(raw)
    assert any("afgeleid uit een voorlopige invoer" in p.reden for p in problemen), problemen
