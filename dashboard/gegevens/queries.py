"""Data access: every SQL statement of the dashboard, and only SQL (the connection is `verbinding`).

Every user value reaches DuckDB as a bound parameter; the only names interpolated into SQL text
are table names from the fixed tuple `DOWNLOADTABELLEN` and the fragments below.

Longer than the other modules on purpose: every statement of the dashboard and the open data
API lives here, so a reviewer reads all SQL (and every bound parameter) in one file.
"""

from __future__ import annotations

from typing import Any

import duckdb

from dashboard.gegevens.verbinding import DatabaseOntbreekt, cursor, per_bouw
from dashboard.gegevens.verbinding import rijen as _rijen


def _herzien(alias: str) -> str:
    """`EXISTS` over `revisie` for the observation row `alias`: was this point revised?"""
    return f"""EXISTS (SELECT 1 FROM revisie r WHERE r.indicator_id = {alias}.indicator_id
                       AND r.uitsplitsing = {alias}.uitsplitsing AND r.categorie = {alias}.categorie
                       AND r.periode_van IS NOT DISTINCT FROM {alias}.periode_van
                       AND r.periode_tot IS NOT DISTINCT FROM {alias}.periode_tot)"""


_HERZIEN_G, _HERZIEN_W = _herzien("g"), _herzien("w")

# The name a source line shows: the producer first, then where the figures were read when that
# is someone else ("CBS, via Nederlands Jeugdinstituut (NJi)"). At the producer itself the
# publisher's own name is the most precise ("Ministerie van OCW, OCW in cijfers (data DUO)").
_BRON_NAAM = """CASE WHEN b.soort = 'secundair' THEN b.producent || ', via ' || b.uitgever
                     ELSE b.uitgever END"""

# A sum over rows of which some are ranges (DUO '<5'): an exact part counts with its value on
# both sides, so the bounds of the sum stay a range.
_GRENZEN_SOM = """
           CASE WHEN bool_or(w.ondergrens IS NOT NULL)
                THEN sum(coalesce(w.ondergrens, w.waarde)) END AS ondergrens,
           CASE WHEN bool_or(w.bovengrens IS NOT NULL)
                THEN sum(coalesce(w.bovengrens, w.waarde)) END AS bovengrens,"""


def bouwinfo() -> dict[str, Any]:
    return _rijen(
        "SELECT gebouwd_op, invoer_sha256, ketenmonitor_versie, data_versie, data_versie_kort,"
        " schema_versie FROM bouw"
    )[0]


@per_bouw
def dataversie() -> str:
    """The open build's `data_versie` (a hash of its content, etl/dataversie.py): what a cached
    response belongs to. Not the input hash: a rebuild by changed code, or a database built
    elsewhere, can change the content while `invoer_sha256` stays the same."""
    return str(bouwinfo()["data_versie"])


@per_bouw
def dataversie_kort() -> str:
    """What a permalink carries (`versie=`): the short form of `dataversie()`."""
    return str(bouwinfo()["data_versie_kort"])


_WIJZIGING = """
    SELECT w.data_versie_kort, w.gebouwd_op, w.vorige_versie, w.vorige_gebouwd_op, w.soort,
           w.indicator_id, i.korte_titel, i.eenheid, w.periode_van, w.periode_tot,
           w.uitsplitsing, w.categorie, w.oude_waarde, w.nieuwe_waarde, w.oude_status,
           w.nieuwe_status, w.herzien_op, r.noot AS revisie_noot
    FROM wijziging w
    LEFT JOIN indicator i USING (indicator_id)
    LEFT JOIN revisie r
      ON r.indicator_id = w.indicator_id AND r.uitsplitsing = w.uitsplitsing
     AND r.categorie = w.categorie AND r.periode_van IS NOT DISTINCT FROM w.periode_van
     AND r.periode_tot IS NOT DISTINCT FROM w.periode_tot AND r.herzien_op = w.herzien_op
"""
_WIJZIGING_VOLGORDE = """
    ORDER BY w.gebouwd_op DESC, CASE w.soort WHEN 'gewijzigd' THEN 0 WHEN 'status' THEN 1
             WHEN 'nieuw' THEN 2 WHEN 'verwijderd' THEN 3 ELSE 4 END,
             w.indicator_id, w.periode_van NULLS LAST, w.uitsplitsing, w.categorie
"""


@per_bouw
def dataversies() -> list[dict[str, Any]]:
    """The versions in the change log, newest first, each with its build time and
    predecessor (the log travels inside the database, so a replica has it too)."""
    return _rijen(
        """SELECT data_versie_kort, data_versie, any_value(gebouwd_op) AS gebouwd_op,
                  any_value(vorige_versie) AS vorige_versie,
                  any_value(vorige_gebouwd_op) AS vorige_gebouwd_op
           FROM wijziging GROUP BY data_versie_kort, data_versie ORDER BY gebouwd_op DESC"""
    )


@per_bouw
def wijzigingen(indicator_id: str | None = None, sinds: str | None = None) -> list[dict[str, Any]]:
    """Log rows, newest version first; `sinds`: only versions built after that short
    version (None: all); `indicator_id`: one indicator (None: all)."""
    return _rijen(
        _WIJZIGING
        + """WHERE (? IS NULL OR w.indicator_id = ?)
               AND (? IS NULL OR w.gebouwd_op > (SELECT min(v.gebouwd_op) FROM wijziging v
                                                 WHERE v.data_versie_kort = ?))"""
        + _WIJZIGING_VOLGORDE,
        [indicator_id, indicator_id, sinds, sinds],
    )


@per_bouw
def descriptor() -> str:
    """The data package descriptor stored in the build (JSON text), so the full download
    needs nothing but the database file (a replica has no data/raw)."""
    return str(_rijen("SELECT descriptor FROM datapakket")[0]["descriptor"])


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
                 AS aantal_gepubliceerde_jaren,
               -- every break: the rows of `reeksbreuk` and the single `reeksbreuk_jaar`
               list_sort(list_distinct(list_filter(
                   list_append((SELECT list(b.jaar) FROM reeksbreuk b
                                 WHERE b.indicator_id = i.indicator_id), i.reeksbreuk_jaar),
                   lambda j: j IS NOT NULL))) AS reeksbreuken,
               -- 2020 hidden by default only where the producer or the letter says so
               c.indicator_id IS NOT NULL AS corona_atypisch,
               c.citaat AS corona_citaat, c.toelichting AS corona_toelichting,
               cb.titel AS corona_bron_titel, cb.url AS corona_bron_url
        FROM indicator i JOIN setting s USING (setting_id)
        LEFT JOIN corona_atypisch c USING (indicator_id)
        LEFT JOIN bron cb ON cb.bron_id = c.bron_id
        ORDER BY s.volgorde, i.herkomst, i.korte_titel
        """
    )


@per_bouw
def reeksbreuk_rijen(indicator_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every break of the given indicators with its explanation, oldest first."""
    return _rijen(
        """
        SELECT b.indicator_id, b.jaar, b.toelichting, b.bron_id
        FROM reeksbreuk b WHERE list_contains(?, b.indicator_id)
        ORDER BY b.jaar, b.indicator_id
        """,
        [list(indicator_ids)],
    )


def jaarwaarden(indicator_ids: list[str], van: int, tot: int) -> list[dict[str, Any]]:
    """Yearly observations of the given indicators within [van, tot], with their source.

    Rows with a period longer than a year (changes over 2016–2019) are not trend points.
    Where an indicator has `totaal` rows only those are returned; otherwise every category.
    """
    if not indicator_ids:
        return []
    return _rijen(
        f"""
        WITH gekozen AS (
            SELECT w.* FROM waarneming w
            WHERE list_contains(?, w.indicator_id) AND w.periode_van = w.periode_tot
              AND w.periode_van BETWEEN ? AND ?
        ), met_totaal AS (
            SELECT DISTINCT indicator_id FROM gekozen WHERE uitsplitsing = 'totaal'
        )
        SELECT g.indicator_id, g.periode_van AS jaar, g.uitsplitsing, g.categorie, g.waarde,
               g.ondergrens, g.bovengrens, g.status, g.citaat, g.vindplaats, g.noot, g.bron_id, b.titel AS bron_titel,
               {_BRON_NAAM} AS bron_uitgever, b.producent AS bron_producent, b.url AS bron_url, b.soort AS bron_soort,
               {_HERZIEN_G} AS herzien
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
        f"""
        SELECT w.indicator_id, w.periode_van AS jaar, w.uitsplitsing, w.categorie, w.waarde,
               w.ondergrens, w.bovengrens, w.status, w.citaat, w.vindplaats, w.noot, w.bron_id,
               b.titel AS bron_titel, {_BRON_NAAM} AS bron_uitgever, b.producent AS bron_producent, b.url AS bron_url,
               b.soort AS bron_soort, {_HERZIEN_W} AS herzien
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
        f"""
        SELECT w.*, i.titel, i.korte_titel, i.eenheid, i.setting_id, i.definitie,
               i.kanttekening, i.periode_type, b.url AS bron_url, b.titel AS bron_titel,
               {_BRON_NAAM} AS bron_uitgever, b.producent AS bron_producent
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
        f"""
        SELECT w.*, i.korte_titel, i.titel, i.eenheid, i.periode_type, i.definitie,
               i.kanttekening, i.herkomst, i.setting_id, b.titel AS bron_titel,
               {_BRON_NAAM} AS bron_uitgever, b.producent AS bron_producent, b.url AS bron_url, b.soort AS bron_soort,
               {_HERZIEN_W} AS herzien
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


@per_bouw
def maatregelen_per_setting(setting_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """Per setting and action line, how many measures of each status address it.

    A measure addresses a setting when it is linked to one of the setting's indicators
    (`maatregel_indicator`); a measure linked to several of them counts once.
    """
    return _rijen(
        """
        SELECT i.setting_id, m.actielijn_id, a.titel AS actielijn_titel, m.status,
               count(DISTINCT m.maatregel_id) AS aantal
        FROM maatregel_indicator l JOIN indicator i USING (indicator_id)
             JOIN maatregel m USING (maatregel_id) JOIN actielijn a USING (actielijn_id)
        WHERE list_contains(?, i.setting_id)
        GROUP BY ALL
        ORDER BY i.setting_id, m.actielijn_id, m.status
        """,
        [list(setting_ids)],
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
    "afleiding",
    "reeksbreuk",
    "corona_atypisch",
    "indicator_alias",
    "dubbel_begrip_uitzondering",
)


def tabel_inhoud(naam: str) -> tuple[list[str], list[dict[str, Any]]]:
    """(column names, rows) of one whitelisted table, in the build's key order."""
    if naam not in DOWNLOADTABELLEN:
        raise ValueError(f"onbekende tabel: {naam[:40]!r}")
    try:
        with cursor() as cur:
            cur.execute(f'SELECT * FROM "{naam}"')
            kolommen = [k[0] for k in cur.description]
            return kolommen, [dict(zip(kolommen, rij, strict=True)) for rij in cur.fetchall()]
    except duckdb.Error as fout:
        raise DatabaseOntbreekt(f"database onleesbaar: {fout}") from fout


# ---------------------------------------------------------------- regions
# `regio_waarneming` holds one row per (region, indicator, year) with pupils; a region without
# a location of that kind has no row. A sum over several indicators (gespecialiseerd = so +
# vso + so/vso) adds values and bounds; where only some parts are ranges, an exact part counts
# with its value on both sides. Gemeente level includes GM9999 (no provincie), so the sum over
# gemeenten is the national total.

_REGIO_SOM = f"""
    SELECT w.regio_code, w.jaar, sum(w.waarde) AS waarde,{_GRENZEN_SOM}
           sum(w.aantal_vestigingen) AS aantal_vestigingen,
           count(DISTINCT w.indicator_id) AS aantal_delen,
           any_value(w.bron_id) AS bron_id,
           CASE WHEN bool_or(w.status = 'voorlopig') THEN 'voorlopig'
                WHEN count(*) = 1 THEN any_value(w.status) ELSE 'afgeleid' END AS status,
           CASE WHEN count(*) = 1 THEN any_value(w.citaat) END AS citaat
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
def regio_jaren(telling: str | None = None) -> list[int]:
    """The years with regional values of one telling (or of any), ascending."""
    return [
        r["jaar"]
        for r in _rijen(
            "SELECT DISTINCT jaar FROM regio_waarneming WHERE ? IS NULL OR telling = ?"
            " ORDER BY jaar",
            [telling, telling],
        )
    ]


@per_bouw
def regio_onverdeeld(indicator_ids: tuple[str, ...], jaar: int) -> list[dict[str, Any]]:
    """Names a regional import could not place on the 2025 map, with their value that year."""
    return _rijen(
        """
        SELECT r.naam, any_value(r.toelichting) AS toelichting, sum(w.waarde) AS waarde
        FROM regio_waarneming w JOIN regio r USING (regio_code)
        WHERE r.niveau = 'onverdeeld' AND list_contains(?, w.indicator_id) AND w.jaar = ?
        GROUP BY r.naam ORDER BY waarde DESC, r.naam
        """,
        [list(indicator_ids), jaar],
    )


@per_bouw
def regio_alle_jaren(niveau: str, indicator_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """`regio_waarden` for every year at once (cached per build: the page's working set)."""
    return _rijen(
        _REGIO_SOM + " GROUP BY w.regio_code, w.jaar ORDER BY w.regio_code, w.jaar",
        [niveau, list(indicator_ids)],
    )


_JAARSOM_MET_GRENZEN = f"""
        SELECT w.jaar, sum(w.waarde) AS waarde,{_GRENZEN_SOM}
               sum(w.aantal_vestigingen) AS aantal_vestigingen,
"""
"""Yearly sums of regional rows; a range (DUO '<5') stays a range: bounds add up."""


@per_bouw
def landelijke_regioreeks(indicator_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """The national yearly sum: every gemeente including GM9999 (DUO's unknown code) and
    every name a regional import could not place (level `onverdeeld`)."""
    return _rijen(
        _JAARSOM_MET_GRENZEN
        + f"""
               any_value(b.bron_id) AS bron_id, any_value(b.titel) AS bron_titel,
               any_value({_BRON_NAAM}) AS bron_uitgever, any_value(b.url) AS bron_url
        FROM regio_waarneming w JOIN regio r USING (regio_code) JOIN bron b USING (bron_id)
        WHERE r.niveau IN ('gemeente', 'onverdeeld') AND list_contains(?, w.indicator_id)
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


# ---------------------------------------------------------------- open data API
# The API (dashboard/api.py) asks for one indicator at a time by an id it has
# already found in `indicator_meta()`; the id still reaches DuckDB only as a bound parameter.

ALIASTABEL = "indicator_alias"
"""Where retired ids point to the id that replaced them (columns `alias`, `indicator_id`; from
data/raw/indicator_alias.csv). A build from before schema version 5 has no such table."""


@per_bouw
def aliassen() -> dict[str, str]:
    """Retired id → surviving id, empty while the build has no alias table."""
    bestaat = _rijen(
        "SELECT count(*) AS n FROM information_schema.tables"
        " WHERE table_schema = 'main' AND table_name = ?",
        [ALIASTABEL],
    )[0]["n"]
    if not bestaat:
        return {}
    return {
        r["alias"]: r["indicator_id"]
        for r in _rijen(f"SELECT alias, indicator_id FROM {ALIASTABEL} ORDER BY alias")
    }


@per_bouw
def api_aantallen() -> dict[str, int]:
    """How many rows the build holds, for `/api/v1/versie`."""
    return _rijen(
        """
        SELECT (SELECT count(*) FROM indicator) AS indicatoren,
               (SELECT count(*) FROM waarneming) AS waarnemingen,
               (SELECT count(*) FROM revisie) AS revisies,
               (SELECT count(*) FROM bron) AS bronnen,
               (SELECT count(*) FROM regio) AS regios,
               (SELECT count(*) FROM regio_waarneming) AS regio_waarnemingen
        """
    )[0]


@per_bouw
def api_catalogus_extra() -> dict[str, dict[str, Any]]:
    """Per indicator: its publishers (distinct, sorted) and how many rows per status."""
    uitgevers = _rijen(
        """
        SELECT w.indicator_id, list_sort(list_distinct(list(b.uitgever))) AS uitgevers
        FROM waarneming w JOIN bron b USING (bron_id) GROUP BY w.indicator_id
        """
    )
    uit: dict[str, dict[str, Any]] = {
        r["indicator_id"]: {"uitgevers": r["uitgevers"], "statusaantallen": {}} for r in uitgevers
    }
    for r in _rijen(
        "SELECT indicator_id, status, count(*) AS n FROM waarneming GROUP BY ALL ORDER BY ALL"
    ):
        uit[r["indicator_id"]]["statusaantallen"][r["status"]] = r["n"]
    return uit


def api_waarnemingen(indicator_id: str) -> list[dict[str, Any]]:
    """Every observation of one indicator in the build's key order, with its source."""
    return _rijen(
        """
        SELECT w.indicator_id, w.periode_van, w.periode_tot, w.uitsplitsing, w.categorie,
               w.waarde, w.ondergrens, w.bovengrens, w.status, w.bron_id,
               b.titel AS bron_titel, b.producent, b.uitgever, b.url AS bron_url, b.soort AS bron_soort,
               w.citaat, w.noot, w.vindplaats
        FROM waarneming w JOIN bron b USING (bron_id)
        WHERE w.indicator_id = ?
        ORDER BY w.periode_van NULLS LAST, w.periode_tot NULLS LAST, w.uitsplitsing, w.categorie
        """,
        [indicator_id],
    )


def api_revisies(indicator_id: str) -> list[dict[str, Any]]:
    """Every replaced value of one indicator (`revisie`), oldest replacement first."""
    return _rijen(
        """
        SELECT periode_van, periode_tot, uitsplitsing, categorie, soort_wijziging,
               oude_waarde, oude_status,
               oude_bron_id, nieuwe_waarde, nieuwe_status, nieuwe_bron_id, herzien_op, noot
        FROM revisie WHERE indicator_id = ?
        ORDER BY periode_van NULLS LAST, periode_tot NULLS LAST, uitsplitsing, categorie, herzien_op
        """,
        [indicator_id],
    )


@per_bouw
def api_regio_overzicht() -> list[dict[str, Any]]:
    """Per (level, indicator) with regional values: first and last year and row count."""
    return _rijen(
        """
        SELECT w.telling, r.niveau, w.indicator_id, min(w.jaar) AS eerste_jaar,
               max(w.jaar) AS laatste_jaar, count(*) AS rijen
        FROM regio_waarneming w JOIN regio r USING (regio_code)
        GROUP BY ALL ORDER BY w.telling, r.niveau, w.indicator_id
        """
    )


def api_regio(niveau: str, indicator_id: str, jaar: int | None) -> list[dict[str, Any]]:
    """The regional rows of one indicator at one level, all years or one, with the source."""
    return _rijen(
        """
        SELECT w.regio_code, r.naam AS regio_naam, r.niveau, r.provincie, w.indicator_id,
               w.jaar, w.waarde, w.ondergrens, w.bovengrens, w.aantal_vestigingen, w.status,
               w.bron_id, b.titel AS bron_titel, b.uitgever, b.url AS bron_url, w.noot
        FROM regio_waarneming w JOIN regio r USING (regio_code) JOIN bron b USING (bron_id)
        WHERE r.niveau = ? AND w.indicator_id = ? AND (? IS NULL OR w.jaar = ?)
        ORDER BY w.regio_code, w.jaar
        """,
        [niveau, indicator_id, jaar, jaar],
    )
