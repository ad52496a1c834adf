"""The data version: one sha256 over the content of a built database.

Every use of "which data is this" (the response cache, permalinks, the API, what's new) reads
this one value from `bouw.data_versie`. It is computed from what the database serves, not
from the raw files: a rebuild with changed ETL code and unchanged input gets a new version,
and two builds of the same input by the same code get the same one. The `bouw` row itself is
left out, since it holds the build time and the hash, and so is the change log `wijziging`.

Canonical form: tables by name; per table its columns with their types, then its rows sorted
by every column (`ORDER BY ALL`), each row as compact JSON (floats as Python's shortest
round-trip repr, dates ISO, lists as arrays, NULL as null).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

import duckdb

KORT = 12  # hex characters shown to people; 48 bits is plenty to tell builds apart
BUITEN_HASH = frozenset({"bouw", "wijziging"})
"""Left out: `bouw` holds the build time and the hash itself; `wijziging` (the change log) holds
the versions before this one, so including it would make the version depend on history."""


def _canoniek(waarde: Any) -> Any:
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    raise TypeError(f"geen canonieke vorm voor {type(waarde).__name__}")


def bereken(con: duckdb.DuckDBPyConnection) -> str:
    """The sha256 (hex) of every table in `con` except those in `BUITEN_HASH`.

    Base tables only: while the build writes, its pandas frames are registered as views.
    """
    h = hashlib.sha256()
    kolommen = con.execute(
        """
        SELECT c.table_name, c.column_name, c.data_type
        FROM information_schema.columns c JOIN information_schema.tables t
             USING (table_catalog, table_schema, table_name)
        WHERE c.table_catalog = current_database() AND c.table_schema = 'main'
          AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name, c.ordinal_position
        """
    ).fetchall()
    schema: dict[str, list[list[str]]] = {}
    for tabel, kolom, soort in kolommen:
        schema.setdefault(tabel, []).append([kolom, soort])
    for tabel in sorted(schema):
        if tabel in BUITEN_HASH:
            continue
        h.update(json.dumps([tabel, schema[tabel]], separators=(",", ":")).encode() + b"\n")
        # Table names come from the catalogue, never from a user.
        for rij in con.execute(f'SELECT * FROM "{tabel}" ORDER BY ALL').fetchall():
            regel = json.dumps(
                list(rij), default=_canoniek, ensure_ascii=False, separators=(",", ":")
            )
            h.update(regel.encode() + b"\n")
    return h.hexdigest()


def kort(data_versie: str) -> str:
    """The short form people see (in /gezondheid, a download's read-me)."""
    return data_versie[:KORT]
