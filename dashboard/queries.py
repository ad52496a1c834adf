"""The only module with SQL. One read-only DuckDB connection per process, a cursor per call.

Every user value reaches DuckDB as a bound parameter. The connection is reopened when the
database file is replaced (new inode), because DuckDB caches an instance per path (NOTES.md).
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
from etl.model import TABELLEN


class DatabaseOntbreekt(RuntimeError):
    """The database file is missing, unreadable or not ours: the user should run `make etl`.

    The message names path and cause for the log; users never see it (they get the fixed
    text `NIET_BESCHIKBAAR`), because DuckDB messages carry SQL and server paths.
    """


DUCKDB_KOPTEKST_BYTES = 3 * 4096  # a DuckDB file: main header + two database headers, then blocks
NIET_BESCHIKBAAR = "de gegevens zijn tijdelijk niet beschikbaar; probeer het later opnieuw"

_staat = threading.Condition()
_verbinding: duckdb.DuckDBPyConnection | None = None
_inode: tuple[str, int, int, int] | None = None  # (path, inode, size, mtime): the file in use
_afgekeurd: tuple[tuple[str, int, int, int], str] | None = None  # last file that failed
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
        raise DatabaseOntbreekt(_afgekeurd[1])  # new connection and check per request
    try:
        nieuw = duckdb.connect(str(pad), read_only=True)
    except duckdb.Error as fout:
        _keur_af(sleutel, f"{pad} kan niet worden geopend: {fout}")
    try:
        controle = nieuw.cursor()  # on its own cursor, closed at once: a result left open on
        try:  # the shared connection made later cursors wait (a swap then timed out)
            _controleer(controle, pad)
        finally:
            controle.close()
    except DatabaseOntbreekt as fout:
        nieuw.close()
        _keur_af(sleutel, str(fout))
    _verbinding, _inode = nieuw, sleutel
    return sleutel


def _keur_af(sleutel: tuple[str, int, int, int], reden: str) -> NoReturn:
    global _afgekeurd
    _afgekeurd = (sleutel, reden)
    raise DatabaseOntbreekt(reden)


@contextmanager
def _cursor() -> Iterator[duckdb.DuckDBPyConnection]:
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


def _rijen(sql: str, parameters: list[Any] | None = None) -> list[dict[str, Any]]:
    try:
        with _cursor() as cur:
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
        with _cursor() as cur:
            _controleer(cur, database_path())
    except DatabaseOntbreekt:
        return False
    return True


def bouwinfo() -> dict[str, Any]:
    return _rijen("SELECT gebouwd_op, invoer_sha256, ketenmonitor_versie FROM bouw")[0]


@per_bouw
def dataversie() -> str:
    """The open build's input hash: what a cached response belongs to (read once per file)."""
    return str(bouwinfo()["invoer_sha256"])


@per_bouw
def settings() -> list[dict[str, Any]]:
    return _rijen("SELECT * FROM setting ORDER BY volgorde")


@per_bouw
def indicatoren() -> list[dict[str, Any]]:
    """The catalogue, with setting name and whether the indicator has yearly values (trendbaar)."""
    return _rijen(
        """
        SELECT i.*, s.naam AS setting_naam, s.volgorde AS setting_volgorde,
               EXISTS (SELECT 1 FROM waarneming w WHERE w.indicator_id = i.indicator_id
                       AND w.periode_van = w.periode_tot) AS trendbaar,
               (SELECT min(periode_van) FROM waarneming w
                 WHERE w.indicator_id = i.indicator_id) AS eerste_jaar,
               (SELECT max(periode_tot) FROM waarneming w
                 WHERE w.indicator_id = i.indicator_id) AS laatste_jaar,
               (SELECT count(DISTINCT periode_van) FROM waarneming w
                 WHERE w.indicator_id = i.indicator_id AND w.periode_van = w.periode_tot
                   AND w.uitsplitsing = 'totaal') AS aantal_jaren,
               (SELECT count(DISTINCT periode_van) FROM waarneming w
                 WHERE w.indicator_id = i.indicator_id AND w.periode_van = w.periode_tot
                   AND w.uitsplitsing = 'totaal' AND w.status <> 'afgeleid')
                 AS aantal_gepubliceerde_jaren
        FROM indicator i JOIN setting s USING (setting_id)
        ORDER BY s.volgorde, i.herkomst, i.korte_titel
        """
    )


def jaarwaarden(indicator_ids: list[str], van: int, tot: int) -> list[dict[str, Any]]:
    """Yearly observations of the given indicators within [van, tot], with their source.

    Rows with a period longer than a year (changes over 2016–2019) are not trend points.
    Where an indicator has `totaal` rows only those are returned; otherwise every category.
    """
    if not indicator_ids:
        return []
    return _rijen(
        """
        WITH gekozen AS (
            SELECT w.* FROM waarneming w
            WHERE list_contains(?, w.indicator_id) AND w.periode_van = w.periode_tot
              AND w.periode_van BETWEEN ? AND ?
        ), met_totaal AS (
            SELECT DISTINCT indicator_id FROM gekozen WHERE uitsplitsing = 'totaal'
        )
        SELECT g.indicator_id, g.periode_van AS jaar, g.uitsplitsing, g.categorie, g.waarde,
               g.ondergrens, g.bovengrens, g.status, g.citaat, g.noot, g.bron_id, b.titel AS bron_titel,
               b.uitgever AS bron_uitgever, b.url AS bron_url, b.soort AS bron_soort,
               EXISTS (SELECT 1 FROM revisie r WHERE r.indicator_id = g.indicator_id
                       AND r.uitsplitsing = g.uitsplitsing AND r.categorie = g.categorie
                       AND r.periode_van IS NOT DISTINCT FROM g.periode_van
                       AND r.periode_tot IS NOT DISTINCT FROM g.periode_tot) AS herzien
        FROM gekozen g JOIN bron b USING (bron_id)
        WHERE g.uitsplitsing = 'totaal'
           OR g.indicator_id NOT IN (SELECT indicator_id FROM met_totaal)
        ORDER BY g.indicator_id, g.categorie, g.periode_van
        """,
        [indicator_ids, van, tot],
    )


@per_bouw
def uitsplitsingen() -> list[dict[str, Any]]:
    """Every (indicator, breakdown) other than the total that has yearly values, with its years.

    The Trends page offers those with two or more years as their own choice, so no
    breakdown with a time dimension stays hidden behind its indicator's total.
    """
    return _rijen(
        """
        SELECT w.indicator_id, w.uitsplitsing, count(DISTINCT w.periode_van) AS aantal_jaren,
               min(w.periode_van) AS eerste_jaar, max(w.periode_van) AS laatste_jaar
        FROM waarneming w
        WHERE w.uitsplitsing <> 'totaal' AND w.periode_van = w.periode_tot
        GROUP BY w.indicator_id, w.uitsplitsing
        ORDER BY w.indicator_id, w.uitsplitsing
        """
    )


def jaarwaarden_uitsplitsing(
    paren: list[tuple[str, str]], van: int, tot: int
) -> list[dict[str, Any]]:
    """Yearly observations of each category of the given (indicator, breakdown) pairs."""
    if not paren:
        return []
    return _rijen(
        """
        SELECT w.indicator_id, w.periode_van AS jaar, w.uitsplitsing, w.categorie, w.waarde,
               w.ondergrens, w.bovengrens, w.status, w.citaat, w.noot, w.bron_id,
               b.titel AS bron_titel, b.uitgever AS bron_uitgever, b.url AS bron_url,
               b.soort AS bron_soort, EXISTS (SELECT 1 FROM revisie r WHERE r.indicator_id = w.indicator_id
                       AND r.uitsplitsing = w.uitsplitsing AND r.categorie = w.categorie
                       AND r.periode_van IS NOT DISTINCT FROM w.periode_van
                       AND r.periode_tot IS NOT DISTINCT FROM w.periode_tot) AS herzien
        FROM waarneming w JOIN bron b USING (bron_id)
        WHERE list_contains(?, w.indicator_id || ':' || w.uitsplitsing)
          AND w.periode_van = w.periode_tot AND w.periode_van BETWEEN ? AND ?
        ORDER BY w.indicator_id, w.categorie, w.periode_van
        """,
        [[f"{i}:{u}" for i, u in paren], van, tot],
    )


def berenschot_waarden() -> list[dict[str, Any]]:
    """The Kamerbrief's Berenschot figures, each with its indicator and source."""
    return _rijen(
        """
        SELECT w.*, i.titel, i.korte_titel, i.eenheid, i.setting_id, i.definitie,
               i.kanttekening, i.periode_type, b.url AS bron_url, b.titel AS bron_titel,
               b.uitgever AS bron_uitgever
        FROM waarneming w JOIN indicator i USING (indicator_id) JOIN bron b USING (bron_id)
        WHERE i.herkomst = 'kamerbrief_berenschot'
        ORDER BY i.setting_id, w.indicator_id, w.periode_van NULLS LAST, w.categorie
        """
    )


def verandering(indicator_id: str, van: int, tot: int) -> dict[str, Any] | None:
    """Relative change of an indicator's yearly total between two years, if both exist."""
    rijen = _rijen(
        """
        SELECT a.waarde AS begin, b.waarde AS eind, a.status AS status_begin,
               b.status AS status_eind, 100 * (b.waarde / a.waarde - 1) AS procent
        FROM waarneming a JOIN waarneming b USING (indicator_id, uitsplitsing, categorie)
        WHERE a.indicator_id = ? AND a.uitsplitsing = 'totaal'
          AND a.periode_van = ? AND a.periode_tot = ? AND b.periode_van = ? AND b.periode_tot = ?
        """,
        [indicator_id, van, van, tot, tot],
    )
    return rijen[0] if rijen else None


def waarnemingen(indicator_ids: list[str], uitsplitsing: str | None = None) -> list[dict[str, Any]]:
    """Every observation of the given indicators (any period), with unit and source."""
    return _rijen(
        """
        SELECT w.*, i.korte_titel, i.titel, i.eenheid, i.periode_type, i.definitie,
               i.kanttekening, i.herkomst, i.setting_id, b.titel AS bron_titel,
               b.uitgever AS bron_uitgever, b.url AS bron_url, b.soort AS bron_soort,
               EXISTS (SELECT 1 FROM revisie r WHERE r.indicator_id = w.indicator_id
                       AND r.uitsplitsing = w.uitsplitsing AND r.categorie = w.categorie
                       AND r.periode_van IS NOT DISTINCT FROM w.periode_van
                       AND r.periode_tot IS NOT DISTINCT FROM w.periode_tot) AS herzien
        FROM waarneming w JOIN indicator i USING (indicator_id) JOIN bron b USING (bron_id)
        WHERE list_contains(?, w.indicator_id) AND (? IS NULL OR w.uitsplitsing = ?)
        ORDER BY w.indicator_id, w.periode_van NULLS LAST, w.uitsplitsing, w.categorie
        """,
        [indicator_ids, uitsplitsing, uitsplitsing],
    )


def actielijnen() -> list[dict[str, Any]]:
    return _rijen("SELECT * FROM actielijn ORDER BY actielijn_id")


def maatregelen() -> list[dict[str, Any]]:
    return _rijen(
        """
        SELECT m.*, a.titel AS actielijn_titel
        FROM maatregel m JOIN actielijn a USING (actielijn_id)
        ORDER BY m.actielijn_id, m.maatregel_id
        """
    )


def maatregel_indicatoren() -> list[dict[str, Any]]:
    return _rijen(
        """
        SELECT l.*, i.korte_titel FROM maatregel_indicator l JOIN indicator i USING (indicator_id)
        ORDER BY l.maatregel_id, l.indicator_id
        """
    )


def gebeurtenissen() -> list[dict[str, Any]]:
    return _rijen("SELECT * FROM gebeurtenis ORDER BY datum, titel")


def wetten() -> list[dict[str, Any]]:
    return _rijen(
        """
        SELECT w.*, b.url AS bron_url, b.titel AS bron_titel
        FROM wet w JOIN bron b USING (bron_id) ORDER BY w.domein, w.jaar_invoering, w.naam
        """
    )


def doelgroepen() -> list[dict[str, Any]]:
    return _rijen("SELECT * FROM doelgroep ORDER BY doelgroep_id")


def signalen(soort: str | None = None) -> list[dict[str, Any]]:
    return _rijen(
        """
        SELECT s.*, b.url AS bron_url, b.titel AS bron_titel
        FROM signaal s JOIN bron b USING (bron_id)
        WHERE ? IS NULL OR s.soort = ?
        ORDER BY s.signaal_id
        """,
        [soort, soort],
    )


def bronnen() -> list[dict[str, Any]]:
    return _rijen(
        """
        SELECT b.*, (SELECT count(*) FROM waarneming w WHERE w.bron_id = b.bron_id) AS waarnemingen
        FROM bron b ORDER BY b.uitgever, b.titel
        """
    )


def statusaantallen() -> dict[str, int]:
    return {
        r["status"]: r["n"]
        for r in _rijen("SELECT status, count(*) AS n FROM waarneming GROUP BY status")
    }


def database_pad() -> Path:
    return database_path()


@per_bouw
def indicator_meta() -> dict[str, dict[str, Any]]:
    return {i["indicator_id"]: i for i in indicatoren()}


# Tables in the full data download. Table names cannot be bound parameters, so a name is only
# ever interpolated after it matched this fixed tuple.
DOWNLOADTABELLEN = (
    "bron",
    "setting",
    "indicator",
    "waarneming",
    "signaal",
    "actielijn",
    "maatregel",
    "maatregel_indicator",
    "wet",
    "doelgroep",
    "gebeurtenis",
    "revisie",
)


def tabel_inhoud(naam: str) -> tuple[list[str], list[dict[str, Any]]]:
    """(column names, rows) of one whitelisted table, in the build's key order."""
    if naam not in DOWNLOADTABELLEN:
        raise ValueError(f"onbekende tabel: {naam[:40]!r}")
    try:
        with _cursor() as cur:
            cur.execute(f'SELECT * FROM "{naam}"')
            kolommen = [k[0] for k in cur.description]
            return kolommen, [dict(zip(kolommen, rij, strict=True)) for rij in cur.fetchall()]
    except duckdb.Error as fout:
        raise DatabaseOntbreekt(f"database onleesbaar: {fout}") from fout


# ---------------------------------------------------------------- regions (issue 16)
# `regio_waarneming` holds one row per (region, indicator, year) with pupils; a region without
# a location of that kind has no row. A sum over several indicators (gespecialiseerd = so +
# vso + so/vso) adds values and bounds; where only some parts are ranges, an exact part counts
# with its value on both sides. Gemeente level includes GM9999 (no provincie), so the sum over
# gemeenten is the national total.

_REGIO_SOM = """
    SELECT w.regio_code, w.jaar, sum(w.waarde) AS waarde,
           CASE WHEN bool_or(w.ondergrens IS NOT NULL)
                THEN sum(coalesce(w.ondergrens, w.waarde)) END AS ondergrens,
           CASE WHEN bool_or(w.bovengrens IS NOT NULL)
                THEN sum(coalesce(w.bovengrens, w.waarde)) END AS bovengrens,
           sum(w.aantal_vestigingen) AS aantal_vestigingen,
           count(DISTINCT w.indicator_id) AS aantal_delen,
           any_value(w.bron_id) AS bron_id
    FROM regio_waarneming w JOIN regio r USING (regio_code)
    WHERE r.niveau = ? AND list_contains(?, w.indicator_id)
"""


@per_bouw
def regio_lijst(niveau: str) -> list[dict[str, Any]]:
    """Every region of a level (also those without any location), in code order."""
    return _rijen(
        "SELECT regio_code, naam, niveau, provincie FROM regio WHERE niveau = ? ORDER BY regio_code",
        [niveau],
    )


@per_bouw
def regio_jaren() -> list[int]:
    """The years with regional values, ascending."""
    return [r["jaar"] for r in _rijen("SELECT DISTINCT jaar FROM regio_waarneming ORDER BY jaar")]


def regio_waarden(niveau: str, indicator_ids: list[str], jaren: list[int]) -> list[dict[str, Any]]:
    """Per region of `niveau` and year in `jaren`: the sum over `indicator_ids` with bounds."""
    return _rijen(
        _REGIO_SOM
        + """ AND list_contains(?, w.jaar)
        GROUP BY w.regio_code, w.jaar ORDER BY w.regio_code, w.jaar""",
        [niveau, list(indicator_ids), list(jaren)],
    )


@per_bouw
def regio_alle_jaren(niveau: str, indicator_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """`regio_waarden` for every year at once (cached per build: the page's working set)."""
    return _rijen(
        _REGIO_SOM + " GROUP BY w.regio_code, w.jaar ORDER BY w.regio_code, w.jaar",
        [niveau, list(indicator_ids)],
    )


_JAARSOM_MET_GRENZEN = """
        SELECT w.jaar, sum(w.waarde) AS waarde,
               CASE WHEN bool_or(w.ondergrens IS NOT NULL)
                    THEN sum(coalesce(w.ondergrens, w.waarde)) END AS ondergrens,
               CASE WHEN bool_or(w.bovengrens IS NOT NULL)
                    THEN sum(coalesce(w.bovengrens, w.waarde)) END AS bovengrens,
               sum(w.aantal_vestigingen) AS aantal_vestigingen,
"""
"""Yearly sums of regional rows; a range (DUO '<5') stays a range: bounds add up."""


def regio_reeks(regio_code: str, indicator_ids: list[str]) -> list[dict[str, Any]]:
    """One region's yearly sums over `indicator_ids`, with the source of the rows."""
    return _rijen(
        _JAARSOM_MET_GRENZEN
        + """
               string_agg(DISTINCT w.noot, ' | ') AS noot,
               any_value(b.bron_id) AS bron_id, any_value(b.titel) AS bron_titel,
               any_value(b.uitgever) AS bron_uitgever, any_value(b.url) AS bron_url
        FROM regio_waarneming w JOIN bron b USING (bron_id)
        WHERE w.regio_code = ? AND list_contains(?, w.indicator_id)
        GROUP BY w.jaar ORDER BY w.jaar
        """,
        [regio_code, list(indicator_ids)],
    )


@per_bouw
def landelijke_regioreeks(indicator_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """The national yearly sum: every gemeente including GM9999 (DUO's unknown code)."""
    return _rijen(
        _JAARSOM_MET_GRENZEN
        + """
               any_value(b.bron_id) AS bron_id, any_value(b.titel) AS bron_titel,
               any_value(b.uitgever) AS bron_uitgever, any_value(b.url) AS bron_url
        FROM regio_waarneming w JOIN regio r USING (regio_code) JOIN bron b USING (bron_id)
        WHERE r.niveau = 'gemeente' AND list_contains(?, w.indicator_id)
        GROUP BY w.jaar ORDER BY w.jaar
        """,
        [list(indicator_ids)],
    )


@per_bouw
def regio_klassegrenzen(
    niveau: str, indicator_ids: tuple[str, ...], noemer_ids: tuple[str, ...] | None
) -> list[float]:
    """Quintile bounds (20/40/60/80 %) of the regional values over all years.

    Fixed per (niveau, soort, maat) so a colour means the same in every year. With
    `noemer_ids` the value is per 1.000 pupils of the noemer indicators in the same region
    and year (`aandeel`). GM9999 (no map area) is left out.
    """
    rijen = _rijen(
        """
        WITH teller AS (
            SELECT w.regio_code, w.jaar, sum(w.waarde) AS waarde
            FROM regio_waarneming w JOIN regio r USING (regio_code)
            WHERE r.niveau = ? AND w.regio_code <> 'GM9999' AND list_contains(?, w.indicator_id)
            GROUP BY ALL
        ), noemer AS (
            SELECT w.regio_code, w.jaar, sum(w.waarde) AS waarde
            FROM regio_waarneming w JOIN regio r USING (regio_code)
            WHERE r.niveau = ? AND list_contains(?, w.indicator_id)
            GROUP BY ALL
        ), waarden AS (
            SELECT CASE WHEN ? THEN 1000 * t.waarde / n.waarde ELSE t.waarde END AS w
            FROM teller t LEFT JOIN noemer n USING (regio_code, jaar)
            WHERE NOT ? OR n.waarde > 0
        )
        SELECT quantile_cont(w, [0.2, 0.4, 0.6, 0.8]) AS grenzen FROM waarden
        """,
        [
            niveau,
            list(indicator_ids),
            niveau,
            list(noemer_ids or ()),
            noemer_ids is not None,
            noemer_ids is not None,
        ],
    )
    return list(rijen[0]["grenzen"] or []) if rijen else []
