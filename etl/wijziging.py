"""The change log: what a build observed by comparing the database it replaces with the new one.

Policy teams look again after each data update; a replica receives only the `.duckdb`. So what
changed travels inside the database, in the cumulative table `wijziging`: the build copies the
old file's log and appends one set of rows per new data version.

- `revisie` stays the one place for *why* a value changed (hand-recorded, sourced). A log row
  only points at it (`herzien_op`, with the observation key) when a revision describes exactly
  this change; the reason and its source are read from `revisie`, never copied here.
- The log is left out of `data_versie` (etl/dataversie.py): it depends on which builds came
  before, and two builds of the same input must get the same version wherever they run.
- Same content as the old file (same `data_versie`): nothing is appended.

Observations are compared by their key (indicator, period, breakdown, category) in `waarneming`;
a value change is `gewijzigd` (its status may change too), a change of status alone is `status`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

SOORTEN = ("eerste versie", "nieuw", "gewijzigd", "verwijderd", "status", "overig")
"""`overig`: the version changed but no observation did (a citation, a source, a definition)."""

SLEUTEL = ("indicator_id", "periode_van", "periode_tot", "uitsplitsing", "categorie")

_GELIJK = " AND ".join(f"o.{k} IS NOT DISTINCT FROM n.{k}" for k in SLEUTEL)

# Old (`oud.waarneming`) against new (`waarneming`): one row per difference.
_VERSCHILLEN = f"""
    SELECT CASE WHEN o.indicator_id IS NULL THEN 'nieuw'
                WHEN n.indicator_id IS NULL THEN 'verwijderd'
                WHEN o.waarde IS DISTINCT FROM n.waarde THEN 'gewijzigd'
                ELSE 'status' END AS soort,
           coalesce(n.indicator_id, o.indicator_id) AS indicator_id,
           coalesce(n.periode_van, o.periode_van) AS periode_van,
           coalesce(n.periode_tot, o.periode_tot) AS periode_tot,
           coalesce(n.uitsplitsing, o.uitsplitsing) AS uitsplitsing,
           coalesce(n.categorie, o.categorie) AS categorie,
           o.waarde AS oude_waarde, n.waarde AS nieuwe_waarde,
           o.status AS oude_status, n.status AS nieuwe_status
    FROM oud.waarneming o FULL OUTER JOIN waarneming n ON {_GELIJK}
    WHERE o.indicator_id IS NULL OR n.indicator_id IS NULL
       OR o.waarde IS DISTINCT FROM n.waarde OR o.status IS DISTINCT FROM n.status
"""

# A revision describes a logged change when key, old and new value and status all match.
_HERZIEN = """
    (SELECT max(r.herzien_op) FROM revisie r
     WHERE r.indicator_id = v.indicator_id AND r.uitsplitsing = v.uitsplitsing
       AND r.categorie = v.categorie
       AND r.periode_van IS NOT DISTINCT FROM v.periode_van
       AND r.periode_tot IS NOT DISTINCT FROM v.periode_tot
       AND r.nieuwe_waarde IS NOT DISTINCT FROM v.nieuwe_waarde
       AND r.nieuwe_status IS NOT DISTINCT FROM v.nieuwe_status
       AND (r.oude_waarde IS NOT DISTINCT FROM v.oude_waarde
            OR r.oude_status IS NOT DISTINCT FROM v.oude_status))
"""


def _oude_bouw(con: duckdb.DuckDBPyConnection) -> tuple[str, datetime] | None:
    try:
        rij = con.execute("SELECT data_versie, gebouwd_op FROM oud.bouw").fetchone()
    except duckdb.Error:  # a database from before data_versie: its log starts here
        return None
    return (str(rij[0]), rij[1]) if rij else None


def _heeft_tabel(con: duckdb.DuckDBPyConnection, naam: str) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables"
            " WHERE table_catalog = 'oud' AND table_schema = 'main' AND table_name = ?",
            [naam],
        ).fetchone()[0]
    )


def vul(
    con: duckdb.DuckDBPyConnection,
    oud: Path | None,
    data_versie: str,
    kort: str,
    gebouwd_op: datetime,
) -> int:
    """Fill `wijziging` in the new database `con` (already holding every other table).

    `oud` is the database being replaced, opened read-only (the dashboard may hold it); None or
    a missing file makes this the first version. Returns the number of rows appended.
    """
    nieuw = [data_versie, kort, gebouwd_op]
    if oud is None or not oud.exists():
        return _eerste(con, nieuw)
    con.execute("ATTACH ? AS oud (READ_ONLY)", [str(oud)])
    try:
        vorige = _oude_bouw(con)
        if _heeft_tabel(con, "wijziging"):
            con.execute("INSERT INTO wijziging BY NAME SELECT * FROM oud.wijziging")
        if vorige is None or not _heeft_tabel(con, "waarneming"):
            return _eerste(con, nieuw)
        if vorige[0] == data_versie:  # same content: the log carries over unchanged
            return 0 if _aantal(con) else _eerste(con, nieuw)
        voor = _aantal(con)
        con.execute(
            f"""
            INSERT INTO wijziging BY NAME
            SELECT ? AS data_versie, ? AS data_versie_kort, ? AS gebouwd_op,
                   ? AS vorige_versie, ? AS vorige_gebouwd_op, v.*, {_HERZIEN} AS herzien_op
            FROM ({_VERSCHILLEN}) v
            ORDER BY v.indicator_id, v.periode_van NULLS LAST, v.periode_tot NULLS LAST,
                     v.uitsplitsing, v.categorie
            """,
            [*nieuw, *vorige],
        )
        toegevoegd = _aantal(con) - voor
        if toegevoegd == 0:  # other content changed (a citation, a source): still a new version
            con.execute(
                "INSERT INTO wijziging BY NAME SELECT ? AS data_versie, ? AS data_versie_kort,"
                " ? AS gebouwd_op, ? AS vorige_versie, ? AS vorige_gebouwd_op,"
                " 'overig' AS soort",
                [*nieuw, *vorige],
            )
            toegevoegd = 1
        return toegevoegd
    finally:
        con.execute("DETACH oud")


def _aantal(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT count(*) FROM wijziging").fetchone()[0])


def _eerste(con: duckdb.DuckDBPyConnection, nieuw: list) -> int:
    con.execute(
        "INSERT INTO wijziging BY NAME SELECT ? AS data_versie, ? AS data_versie_kort,"
        " ? AS gebouwd_op, 'eerste versie' AS soort",
        nieuw,
    )
    return 1
