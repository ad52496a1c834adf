"""The build is atomic, deterministic, and keeps every figure traceable to a source URL."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.build import bouw
from etl.config import RAW_DIR
from etl.model import TABELLEN
from etl.problems import ValidatieFout
from tests.conftest import wijzig_rij


def inhoud_hash(pad: Path) -> str:
    """Hash of every table's rows, leaving out only the build timestamps (in `bouw` and in
    the change log `wijziging`)."""
    h = hashlib.sha256()
    with duckdb.connect(str(pad), read_only=True) as con:
        for naam in sorted(TABELLEN):
            kolommen = {
                "bouw": "invoer_sha256, ketenmonitor_versie",
                "wijziging": "* EXCLUDE (gebouwd_op, vorige_gebouwd_op)",
            }.get(naam, "*")
            h.update(naam.encode())
            h.update(
                repr(con.execute(f"SELECT {kolommen} FROM {naam} ORDER BY ALL").fetchall()).encode()
            )
    return h.hexdigest()


def test_deterministisch(tmp_path: Path) -> None:
    bouw(RAW_DIR, tmp_path / "a.duckdb")
    bouw(RAW_DIR, tmp_path / "b.duckdb")
    assert inhoud_hash(tmp_path / "a.duckdb") == inhoud_hash(tmp_path / "b.duckdb")


def test_andere_invoer_geeft_andere_inhoud(raw: Path, tmp_path: Path) -> None:
    """Guards the hash itself: it must notice a changed value."""
    bouw(RAW_DIR, tmp_path / "a.duckdb")
    wijzig_rij(raw / "waarneming.csv", lambda r: r["indicator_id"] == "so_leerlingen", waarde="1")
    bouw(raw, tmp_path / "b.duckdb")
    assert inhoud_hash(tmp_path / "a.duckdb") != inhoud_hash(tmp_path / "b.duckdb")


def test_mislukte_bouw_laat_oude_database_intact(raw: Path, tmp_path: Path) -> None:
    doel = tmp_path / "ketenmonitor.duckdb"
    bouw(RAW_DIR, doel)
    voor = doel.read_bytes()
    wijzig_rij(raw / "waarneming.csv", lambda r: True, status="fout")
    with pytest.raises(ValidatieFout):
        bouw(raw, doel)
    assert doel.read_bytes() == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ketenmonitor.duckdb", "raw"]


def test_fout_bij_schrijven_laat_geen_tijdelijk_bestand(tmp_path: Path, monkeypatch) -> None:
    import etl.build

    doel = tmp_path / "ketenmonitor.duckdb"
    bouw(RAW_DIR, doel)
    voor = doel.read_bytes()

    def kapot(*_args, **_kwargs):
        raise RuntimeError("controle na schrijven mislukt")

    monkeypatch.setattr(etl.build, "_controleer", kapot)
    with pytest.raises(RuntimeError):
        bouw(RAW_DIR, doel)
    assert doel.read_bytes() == voor
    assert [p.name for p in tmp_path.iterdir()] == ["ketenmonitor.duckdb"]


MAG_LEEG = {"dubbel_begrip_uitzondering"}
"""Tables that are empty while nothing needs them: no pair of ids has a documented exception."""


def test_rijen_per_tabel(database: Path) -> None:
    with duckdb.connect(str(database), read_only=True) as con:
        for naam in TABELLEN:
            if naam in MAG_LEEG:
                continue
            assert con.execute(f"SELECT count(*) FROM {naam}").fetchone()[0] > 0, naam


def test_elke_waarneming_heeft_bron_met_url(database: Path) -> None:
    with duckdb.connect(str(database), read_only=True) as con:
        zonder = con.execute(
            """SELECT w.indicator_id, w.periode_van FROM waarneming w
               LEFT JOIN bron b USING (bron_id)
               WHERE b.url IS NULL OR NOT regexp_matches(b.url, '^https?://')"""
        ).fetchall()
        assert zonder == []


def test_elke_indicator_heeft_waarnemingen(database: Path) -> None:
    with duckdb.connect(str(database), read_only=True) as con:
        leeg = con.execute(
            "SELECT indicator_id FROM indicator EXCEPT SELECT indicator_id FROM waarneming"
        ).fetchall()
        assert leeg == []


def test_lijsten_worden_lijsten(database: Path) -> None:
    with duckdb.connect(str(database), read_only=True) as con:
        doelgroepen = con.execute(
            "SELECT doelgroepen FROM wet WHERE wet_id = 'jeugdwet'"
        ).fetchone()[0]
        assert doelgroepen == [2, 3]
        aantal = con.execute("SELECT count(*) FROM maatregel_indicator").fetchone()[0]
        in_lijst = con.execute("SELECT sum(len(indicatoren)) FROM maatregel").fetchone()[0]
        assert in_lijst == aantal


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_build_ok(tmp_path: Path) -> None:
    uit = _cli("build", "--out", str(tmp_path / "k.duckdb"))
    assert uit.returncode == 0, uit.stderr
    assert "waarneming" in uit.stdout and " s" in uit.stdout


def test_cli_build_fout_zonder_traceback(raw: Path, tmp_path: Path) -> None:
    regel = wijzig_rij(raw / "waarneming.csv", lambda r: True, waarde="12,5")
    uit = _cli("build", "--raw", str(raw), "--out", str(tmp_path / "k.duckdb"))
    assert uit.returncode == 1
    assert f"waarneming.csv:{regel}: waarde:" in uit.stderr
    assert "Traceback" not in uit.stderr
    assert not (tmp_path / "k.duckdb").exists()


def test_cli_validate_schrijft_niets(raw: Path) -> None:
    voor = sorted(p.name for p in raw.iterdir())
    uit = _cli("validate", "--raw", str(raw))
    assert uit.returncode == 0, uit.stderr
    assert sorted(p.name for p in raw.iterdir()) == voor


def test_cli_onbekende_opdracht() -> None:
    assert _cli("vernietig").returncode == 2


def test_frictionless_cli_valideert_datapakket() -> None:
    frictionless = Path(sys.executable).with_name("frictionless")
    uit = subprocess.run(
        [str(frictionless), "validate", str(RAW_DIR / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert uit.returncode == 0, uit.stdout[-2000:]
