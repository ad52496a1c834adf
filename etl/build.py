"""Build the database: validate → write a temp file → check it read-only → atomic swap.

The live file is never opened for writing: a reader (the dashboard) may hold it, and a failed
run must leave it byte-identical. DuckDB allows one writer and refuses to open a file read-write
while another process holds it read-only, so the new file is built beside it and swapped in
with `os.replace` (atomic on POSIX).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import duckdb
import pandas as pd

from etl import dataversie, wijziging
from etl.config import DESCRIPTOR_NAME
from etl.model import SCHEMA_VERSIE, TABELLEN, VULLING
from etl.problems import ValidatieFout
from etl.read import REGEL_KOLOM
from etl.validate import valideer_met_imports


@dataclass
class Bouwresultaat:
    database: Path
    rijen: dict[str, int]
    seconden: float
    invoer_sha256: str
    data_versie: str = ""
    wijzigingen: int = 0
    """Rows this build appended to the change log (0: same content as the file it replaced)."""
    bronnen: int = field(default=0)
    imports: list[str] = field(default_factory=list)


def invoer_hash(raw_dir: Path) -> str:
    """A fingerprint of every raw file, so a database says exactly which input it came from."""
    h = hashlib.sha256()
    for pad in sorted(raw_dir.iterdir()):
        if pad.is_file():
            h.update(pad.name.encode())
            h.update(pad.read_bytes())
    for pad in sorted((raw_dir / "import").rglob("*")):  # publisher files, if any
        if pad.is_file():
            h.update(pad.relative_to(raw_dir).as_posix().encode())
            h.update(pad.read_bytes())
    return h.hexdigest()


def bouw(raw_dir: Path, database: Path) -> Bouwresultaat:
    """Validate `raw_dir` and replace `database` atomically; raise ValidatieFout on bad input."""
    start = time.perf_counter()
    uitkomst = valideer_met_imports(raw_dir)
    if uitkomst.problemen:
        raise ValidatieFout(uitkomst.problemen)
    tabellen = uitkomst.tabellen
    database.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = database.with_name(f".{database.name}.{os.getpid()}.tmp")
    sha = invoer_hash(raw_dir)
    # The descriptor that was just validated travels inside the build, verbatim.
    descriptor = (raw_dir / DESCRIPTOR_NAME).read_text(encoding="utf-8")
    try:
        versie, logrijen, toegevoegd = _schrijf(tijdelijk, tabellen, sha, descriptor, database)
        verwacht = {naam: len(df) for naam, df in tabellen.items()} | {
            "datapakket": 1,
            "wijziging": logrijen,
        }
        rijen = _controleer(tijdelijk, verwacht, versie)
        os.replace(tijdelijk, database)
    finally:
        for rest in (tijdelijk, tijdelijk.with_name(tijdelijk.name + ".wal")):
            rest.unlink(missing_ok=True)
    return Bouwresultaat(
        database,
        rijen,
        time.perf_counter() - start,
        sha,
        versie,
        toegevoegd,
        bronnen=len(tabellen["bron"]),
        imports=uitkomst.imports,
    )


def _versie() -> str:
    try:
        return version("ketenmonitor")
    except PackageNotFoundError:
        return "onbekend"


def _schrijf(
    pad: Path, tabellen: dict[str, pd.DataFrame], sha: str, descriptor: str, oud: Path
) -> tuple[str, int, int]:
    """Write every table, then the `bouw` row with the data version of what was written, then
    the change log against `oud` (the database about to be replaced, read-only).

    Returns the data version, the rows in `wijziging` and how many of them are new."""
    pad.unlink(missing_ok=True)
    gebouwd_op = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    with duckdb.connect(str(pad)) as con:
        for naam, df in tabellen.items():
            con.register(f"{naam}_df", df.drop(columns=[REGEL_KOLOM], errors="ignore"))
        for naam, ddl in TABELLEN.items():
            con.execute(ddl)
            if naam in VULLING:
                con.execute(f"INSERT INTO {naam} BY NAME {VULLING[naam]}")
        con.execute("INSERT INTO datapakket VALUES (?)", [descriptor])
        versie = dataversie.bereken(con)
        con.execute(
            "INSERT INTO bouw BY NAME SELECT ? AS gebouwd_op, ? AS invoer_sha256,"
            " ? AS ketenmonitor_versie, ? AS data_versie, ? AS data_versie_kort,"
            " ? AS schema_versie",
            [
                gebouwd_op,
                sha,
                _versie(),
                versie,
                dataversie.kort(versie),
                SCHEMA_VERSIE,
            ],
        )
        toegevoegd = wijziging.vul(con, oud, versie, dataversie.kort(versie), gebouwd_op)
        logrijen = con.execute("SELECT count(*) FROM wijziging").fetchone()[0]
        con.execute("CHECKPOINT")
    return versie, logrijen, toegevoegd


def _controleer(pad: Path, verwacht: dict[str, int], versie: str) -> dict[str, int]:
    """Reopen read-only, as the dashboard will: every table has its rows, and the content
    read back has the data version the build recorded."""
    with duckdb.connect(str(pad), read_only=True) as con:
        rijen = {
            naam: con.execute(f"SELECT count(*) FROM {naam}").fetchone()[0] for naam in TABELLEN
        }
        teruggelezen = dataversie.bereken(con)
    verschil = {n: (rijen[n], v) for n, v in verwacht.items() if rijen[n] != v}
    if verschil or rijen["bouw"] != 1:
        raise RuntimeError(f"controle na schrijven mislukt (gevonden, verwacht): {verschil}")
    if teruggelezen != versie:
        raise RuntimeError("controle na schrijven mislukt: data_versie teruggelezen wijkt af")
    return rijen
