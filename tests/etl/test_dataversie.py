"""`bouw.data_versie`: one content hash per build, equal for equal content, new for any change."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import etl.build
from etl.build import bouw
from etl.config import RAW_DIR
from etl.dataversie import bereken, kort
from etl.model import SCHEMA_VERSIE


def _bouwrij(pad: Path) -> dict:
    with duckdb.connect(str(pad), read_only=True) as con:
        cur = con.execute("SELECT * FROM bouw")
        namen = [k[0] for k in cur.description]
        return dict(zip(namen, cur.fetchone(), strict=True))


def test_gelijk_over_twee_bouwen(tmp_path: Path) -> None:
    a = bouw(RAW_DIR, tmp_path / "a.duckdb")
    b = bouw(RAW_DIR, tmp_path / "b.duckdb")
    rij_a, rij_b = _bouwrij(a.database), _bouwrij(b.database)
    assert len(rij_a["data_versie"]) == 64
    assert rij_a["data_versie"] == rij_b["data_versie"] == a.data_versie
    assert rij_a["data_versie_kort"] == kort(rij_a["data_versie"]) == rij_a["data_versie"][:12]
    assert rij_a["schema_versie"] == SCHEMA_VERSIE
    assert rij_a["gebouwd_op"] is not None


def test_zelfde_invoer_andere_code_geeft_andere_versie(tmp_path: Path, monkeypatch) -> None:
    """A code-only change (one value altered by the build, raw data untouched) is a new
    version, while the raw-input hash stays the same: the case the cache got wrong."""
    oud = bouw(RAW_DIR, tmp_path / "oud.duckdb")
    echt = etl.build.valideer_met_imports

    def een_waarde_anders(raw_dir):
        uitkomst = echt(raw_dir)
        w = uitkomst.tabellen["waarneming"]
        rij = w.index[(w["indicator_id"] == "so_leerlingen") & (w["periode_van"] == 2018)][0]
        w.loc[rij, "waarde"] = w.loc[rij, "waarde"] + 1
        return uitkomst

    monkeypatch.setattr(etl.build, "valideer_met_imports", een_waarde_anders)
    nieuw = bouw(RAW_DIR, tmp_path / "nieuw.duckdb")
    assert nieuw.invoer_sha256 == oud.invoer_sha256
    assert nieuw.data_versie != oud.data_versie
    assert _bouwrij(nieuw.database)["data_versie"] == nieuw.data_versie


@pytest.mark.parametrize(
    "wijziging",
    [
        "UPDATE waarneming SET citaat = citaat || ' ' WHERE rowid = 0",
        "UPDATE regio_waarneming SET waarde = waarde + 0.5 WHERE rowid = 5",
        "UPDATE datapakket SET descriptor = replace(descriptor, 'bron', 'Bron')",
        "DELETE FROM gebeurtenis WHERE rowid = 0",
        "ALTER TABLE signaal RENAME COLUMN noot TO opmerking",
    ],
)
def test_elke_wijziging_telt_behalve_bouw(tmp_path: Path, wijziging: str) -> None:
    pad = bouw(RAW_DIR, tmp_path / "db.duckdb").database
    with duckdb.connect(str(pad)) as con:
        voor = bereken(con)
        con.execute("UPDATE bouw SET gebouwd_op = now()::TIMESTAMP, invoer_sha256 = 'x'")
        assert bereken(con) == voor
        con.execute(wijziging)
        assert bereken(con) != voor


def test_descriptor_reist_mee(tmp_path: Path) -> None:
    pad = bouw(RAW_DIR, tmp_path / "db.duckdb").database
    with duckdb.connect(str(pad), read_only=True) as con:
        (tekst,) = con.execute("SELECT descriptor FROM datapakket").fetchone()
    assert tekst == (RAW_DIR / "datapackage.json").read_text(encoding="utf-8")
    assert {r["name"] for r in json.loads(tekst)["resources"]} >= {"waarneming", "bron"}
