"""Data access: the read-only DuckDB connection of this process and its swap lifecycle.

Holds no SQL of any page (that is `queries`): only how a query reaches the file in place. The
connection is reopened when the database file is replaced (new inode), because DuckDB caches
an instance per path (NOTES.md); a swap waits for running queries, and a file that is missing,
foreign or cut off is refused once with `DatabaseOntbreekt` instead of failing page by page.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import duckdb

from etl.config import database_path
from etl.model import SCHEMA_VERSIE, TABELLEN


class DatabaseOntbreekt(RuntimeError):
    """The database file is missing, unreadable or not ours: the user should run `make etl`.

    The message names path and cause for the log; users never see it (they get the fixed
    text `NIET_BESCHIKBAAR`), because DuckDB messages carry SQL and server paths.
    """


SCHEMA_GEWIJZIGD = "bouw opnieuw: schema gewijzigd"


class SchemaGewijzigd(DatabaseOntbreekt):
    """A Ketenmonitor build of another schema version (etl.model.SCHEMA_VERSIE): read half,
    it would fail page by page. The one cause `/gezondheid` may name: `SCHEMA_GEWIJZIGD`
    is a fixed text without paths, and it tells the operator what to do."""


DUCKDB_KOPTEKST_BYTES = 3 * 4096  # a DuckDB file: main header + two database headers, then blocks
NIET_BESCHIKBAAR = "de gegevens zijn tijdelijk niet beschikbaar; probeer het later opnieuw"

_staat = threading.Condition()
_verbinding: duckdb.DuckDBPyConnection | None = None
_inode: tuple[str, int, int, int] | None = None  # (path, inode, size, mtime): the file in use
_afgekeurd: tuple[tuple[str, int, int, int], DatabaseOntbreekt] | None = None  # last failure
_bezig = 0  # cursors in use on _verbinding
WACHT_OP_LOPENDE_S = 10.0


def _sleutel(pad: Path) -> tuple[str, int, int, int]:
    """Which file is in place: inode (a swap) plus size and mtime (a change in place, such
    as a truncated file, which the ETL never does but a disk or an operator might)."""
    try:
        stat = os.stat(pad)
    except OSError as fout:
        raise DatabaseOntbreekt(f"{pad} ontbreekt: voer `make etl` uit") from fout
    return (str(pad), stat.st_ino, stat.st_size, stat.st_mtime_ns)


@functools.cache
def verwacht_schema() -> dict[str, tuple[tuple[str, str], ...]]:
    """Table → ((column, type), ...) as etl/model.py declares them, from its own DDL."""
    with duckdb.connect(":memory:") as con:
        for ddl in TABELLEN.values():
            con.execute(ddl)
        return _schema_van(con)


def _schema_van(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[tuple[str, str], ...]]:
    rijen = con.execute(
        """
        SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'main' ORDER BY table_name, ordinal_position
        """
    ).fetchall()
    schema: dict[str, list[tuple[str, str]]] = {}
    for tabel, kolom, soort in rijen:
        schema.setdefault(tabel, []).append((kolom, soort))
    return {tabel: tuple(kolommen) for tabel, kolommen in schema.items()}


def _controleer(con: duckdb.DuckDBPyConnection, pad: Path) -> None:
    """Raise DatabaseOntbreekt unless `con` holds the model's tables and one build row.

    An empty or foreign DuckDB file opens fine; without this check every page would fail
    later with a DuckDB error instead of the friendly 'not available' page.
    """
    try:
        schema = _schema_van(con)
        verwacht = verwacht_schema()
        anders = sorted(t for t, kolommen in verwacht.items() if schema.get(t) != kolommen)
        versie = _schema_versie(con, schema)
        if "bouw" in schema and (anders or versie != SCHEMA_VERSIE):
            raise SchemaGewijzigd(
                f"{pad}: {SCHEMA_GEWIJZIGD} (database schema {versie}, deze code"
                f" {SCHEMA_VERSIE}; wijkt af in {', '.join(anders) or 'alleen het nummer'})"
            )
        if anders:
            raise DatabaseOntbreekt(f"{pad}: schema wijkt af in {', '.join(anders)}")
        if con.execute("SELECT count(*) FROM bouw").fetchall()[0][0] != 1:
            raise DatabaseOntbreekt(f"{pad}: tabel bouw heeft geen bouwregel")
        _, _, blokgrootte, blokken, *_ = con.execute("PRAGMA database_size").fetchall()[0]
        verwacht_bytes = blokgrootte * blokken + DUCKDB_KOPTEKST_BYTES
        if os.path.getsize(pad) < verwacht_bytes:  # DuckDB reads blocks lazily: a cut-off
            # file opens and answers from the blocks it still has, and fails later
            raise DatabaseOntbreekt(f"{pad}: afgekapt ({os.path.getsize(pad)} < {verwacht_bytes})")
    except (duckdb.Error, OSError) as fout:
        raise DatabaseOntbreekt(f"{pad} onleesbaar: {fout}") from fout


def _schema_versie(
    con: duckdb.DuckDBPyConnection, schema: dict[str, tuple[tuple[str, str], ...]]
) -> int | None:
    """The build's schema version; 1 for a build from before the column existed."""
    if "bouw" not in schema:
        return None
    if "schema_versie" not in {kolom for kolom, _ in schema["bouw"]}:
        return 1
    rij = con.execute("SELECT max(schema_versie) FROM bouw").fetchone()
    return None if rij is None else rij[0]


def _actueel() -> tuple[str, int, int, int]:
    """Make `_verbinding` the connection to the file now in place; return its key.

    A swapped file needs a new connection, and DuckDB only shows the new file once every
    connection to the path is closed (NOTES.md). But closing a connection whose cursors are
    still running raises ResourceInUse in DuckDB 2 (measured: a 500 in ~1 of 6 rebuilds
    under load). So the swap waits, with the condition's lock released, until running
    queries (milliseconds) are done; new queries wait behind it. Call with `_staat` held.
    """
    global _verbinding, _inode
    pad = database_path()
    sleutel = _sleutel(pad)
    if _verbinding is not None and _inode == sleutel:
        return sleutel
    # Wait until running queries are done, or until another thread has swapped already: a
    # waiter that only watched `_bezig` starved behind readers that arrived after that swap
    # (they saw the new file, did not wait, and kept `_bezig` above 0; up to the 10 s timeout).
    if not _staat.wait_for(
        lambda: _bezig == 0 or (_verbinding is not None and _inode == sleutel),
        timeout=WACHT_OP_LOPENDE_S,
    ):
        raise DatabaseOntbreekt("de database wordt vervangen; probeer het zo opnieuw")
    if _verbinding is not None and _inode == sleutel:  # another thread swapped meanwhile
        return sleutel
    if _verbinding is not None:
        _verbinding.close()
        _verbinding, _inode = None, None
    if _afgekeurd is not None and _afgekeurd[0] == sleutel:  # the same broken file: no
        oud = _afgekeurd[1]  # new connection and check per request
        raise type(oud)(str(oud))
    try:
        nieuw = duckdb.connect(str(pad), read_only=True)
    except duckdb.Error as fout:
        _keur_af(sleutel, DatabaseOntbreekt(f"{pad} kan niet worden geopend: {fout}"))
    try:
        controle = nieuw.cursor()  # on its own cursor, closed at once: a result left open on
        try:  # the shared connection made later cursors wait (a swap then timed out)
            _controleer(controle, pad)
        finally:
            controle.close()
    except DatabaseOntbreekt as fout:
        nieuw.close()
        _keur_af(sleutel, fout)
    _verbinding, _inode = nieuw, sleutel
    return sleutel


def _keur_af(sleutel: tuple[str, int, int, int], fout: DatabaseOntbreekt) -> NoReturn:
    """Remember why this file was refused (its kind too: a schema change stays one)."""
    global _afgekeurd
    _afgekeurd = (sleutel, fout)
    raise type(fout)(str(fout))


@contextmanager
def cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the current database, counted as running until the block ends."""
    global _bezig
    with _staat:
        _actueel()
        assert _verbinding is not None
        cur = _verbinding.cursor()
        _bezig += 1
    try:
        yield cur
    finally:
        cur.close()
        with _staat:
            _bezig -= 1
            _staat.notify_all()


def vernieuw() -> tuple[str, int, int, int]:
    """Switch to a swapped database file now (the next query would do it anyway)."""
    with _staat:
        return _actueel()


def per_bouw(functie: Callable[..., Any]) -> Callable[..., Any]:
    """Cache a query's result for as long as the same database file is in place."""
    cache: dict[tuple[Any, ...], Any] = {}

    @functools.wraps(functie)
    def omhulsel(*args: Any) -> Any:
        sleutel = (vernieuw(), *args)
        if sleutel not in cache:
            cache.clear()
            cache[sleutel] = functie(*args)
        return cache[sleutel]

    return omhulsel


def rijen(sql: str, parameters: list[Any] | None = None) -> list[dict[str, Any]]:
    """Run one query with bound parameters; rows as dicts. DuckDB errors become DatabaseOntbreekt."""
    try:
        with cursor() as cur:
            cur.execute(sql, parameters or [])
            namen = [k[0] for k in cur.description]
            return [dict(zip(namen, rij, strict=True)) for rij in cur.fetchall()]
    except duckdb.Error as fout:
        raise DatabaseOntbreekt(f"database onleesbaar: {fout}") from fout


def database_beschikbaar() -> bool:
    """Cheap enough for every request: a stat when the open connection is still current.

    A new file (or one changed in place) is opened and its schema checked first, so an empty
    or schema-less file is 'not available' on every request, not only the first.
    """
    try:
        if _verbinding is not None and _inode == _sleutel(database_path()):
            return True
        vernieuw()
    except DatabaseOntbreekt:
        return False
    return True


def gezond() -> bool:
    """For the health check: the file in place has the model's schema, checked now (not
    from the cache), so a file truncated or replaced by something else is reported."""
    try:
        with cursor() as cur:
            _controleer(cur, database_path())
    except DatabaseOntbreekt:
        return False
    return True


def openbare_reden() -> str | None:
    """Why the database is unavailable, in words `/gezondheid` may publish, or None.

    Only an old-schema build has such a reason (`SCHEMA_GEWIJZIGD`); other causes name
    paths and SQL, and stay in the log.
    """
    try:
        with cursor() as cur:
            _controleer(cur, database_path())
    except SchemaGewijzigd:
        return SCHEMA_GEWIJZIGD
    except DatabaseOntbreekt:
        return None
    return None
