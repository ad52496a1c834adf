"""The DuckDB data model: a public contract for researchers who query the file.

Each table is created from DDL here and filled from the validated raw frame of the same name;
`;`-separated list cells in the raw CSV become DuckDB lists. Rows are inserted in key order so
the same input always gives the same database content.

`SCHEMA_VERSIE` counts changes to this contract. A database built under an older version is
not read by the dashboard (it asks for a rebuild) rather than half-read: raise it whenever a
table or column is added, removed or retyped. Version 1 is every build without the column.
"""

from __future__ import annotations

# 2: bouw.data_versie/data_versie_kort/schema_versie and the table datapakket.
# 3: the table wijziging (the change log, etl/wijziging.py) and the table corona_atypisch
#    (series whose 2020 is hidden by default, with the quote why).
# 4: bron.producent/noot, revisie.soort_wijziging (nieuwe_* nullable), the table afleiding.
# 5: regio_waarneming.telling/citaat, aantal_vestigingen nullable; regio.toelichting.
# 6: waarneming.vindplaats (where in the source a quote of table cells stands).
# 7: the tables indicator_alias (retired id → surviving id) and dubbel_begrip_uitzondering;
#    revisie may name a retired id.
SCHEMA_VERSIE = 7

TABELLEN: dict[str, str] = {
    "bron": """
        CREATE TABLE bron (
            bron_id VARCHAR PRIMARY KEY, titel VARCHAR NOT NULL, uitgever VARCHAR NOT NULL,
            datum VARCHAR, url VARCHAR NOT NULL, geraadpleegd DATE, licentie VARCHAR,
            soort VARCHAR NOT NULL CHECK (soort IN ('primair', 'secundair')),
            producent VARCHAR NOT NULL, noot VARCHAR)""",
    "setting": """
        CREATE TABLE setting (
            setting_id VARCHAR PRIMARY KEY, naam VARCHAR NOT NULL, domein VARCHAR NOT NULL,
            volgorde INTEGER NOT NULL, wet VARCHAR)""",
    "indicator": """
        CREATE TABLE indicator (
            indicator_id VARCHAR PRIMARY KEY, titel VARCHAR NOT NULL, korte_titel VARCHAR NOT NULL,
            definitie VARCHAR NOT NULL, eenheid VARCHAR NOT NULL, setting_id VARCHAR NOT NULL,
            periode_type VARCHAR NOT NULL, actielijnen INTEGER[] NOT NULL,
            reeksbreuk_jaar INTEGER, kanttekening VARCHAR, herkomst VARCHAR NOT NULL)""",
    # One concept, one id: a retired id keeps opening the indicator that measures the same.
    "indicator_alias": """
        CREATE TABLE indicator_alias (
            alias VARCHAR PRIMARY KEY, indicator_id VARCHAR NOT NULL, reden VARCHAR NOT NULL)""",
    # Pairs that agree in several periods and are still two concepts (etl/begrip.py), with why.
    "dubbel_begrip_uitzondering": """
        CREATE TABLE dubbel_begrip_uitzondering (
            indicator_a VARCHAR NOT NULL, indicator_b VARCHAR NOT NULL, reden VARCHAR NOT NULL,
            PRIMARY KEY (indicator_a, indicator_b))""",
    "waarneming": """
        CREATE TABLE waarneming (
            indicator_id VARCHAR NOT NULL, periode_van INTEGER, periode_tot INTEGER,
            uitsplitsing VARCHAR NOT NULL, categorie VARCHAR NOT NULL, waarde DOUBLE NOT NULL,
            status VARCHAR NOT NULL, bron_id VARCHAR NOT NULL, citaat VARCHAR, noot VARCHAR,
            ondergrens DOUBLE, bovengrens DOUBLE, vindplaats VARCHAR)""",
    "revisie": """
        CREATE TABLE revisie (
            indicator_id VARCHAR NOT NULL, periode_van INTEGER, periode_tot INTEGER,
            uitsplitsing VARCHAR NOT NULL, categorie VARCHAR NOT NULL,
            soort_wijziging VARCHAR NOT NULL
                CHECK (soort_wijziging IN ('waarde', 'status', 'bron', 'verwijderd')),
            oude_waarde DOUBLE NOT NULL, oude_status VARCHAR NOT NULL, oude_bron_id VARCHAR NOT NULL,
            nieuwe_waarde DOUBLE, nieuwe_status VARCHAR, nieuwe_bron_id VARCHAR,
            herzien_op DATE NOT NULL, noot VARCHAR,
            CHECK ((soort_wijziging = 'verwijderd') = (nieuwe_waarde IS NULL)))""",
    # One row per input of a derived observation (its key, then the input's key).
    "afleiding": """
        CREATE TABLE afleiding (
            indicator_id VARCHAR NOT NULL, periode_van INTEGER, periode_tot INTEGER,
            uitsplitsing VARCHAR NOT NULL, categorie VARCHAR NOT NULL,
            invoer_indicator_id VARCHAR NOT NULL, invoer_periode_van INTEGER,
            invoer_periode_tot INTEGER, invoer_uitsplitsing VARCHAR NOT NULL,
            invoer_categorie VARCHAR NOT NULL)""",
    "regio": """
        CREATE TABLE regio (
            regio_code VARCHAR PRIMARY KEY, naam VARCHAR NOT NULL, niveau VARCHAR NOT NULL,
            provincie VARCHAR, toelichting VARCHAR)""",
    "regio_waarneming": """
        CREATE TABLE regio_waarneming (
            regio_code VARCHAR NOT NULL, indicator_id VARCHAR NOT NULL, jaar INTEGER NOT NULL,
            waarde DOUBLE NOT NULL, ondergrens DOUBLE, bovengrens DOUBLE,
            aantal_vestigingen INTEGER, status VARCHAR NOT NULL,
            bron_id VARCHAR NOT NULL, noot VARCHAR,
            telling VARCHAR NOT NULL CHECK (telling IN ('vestiging', 'woonplaats')),
            citaat VARCHAR,
            PRIMARY KEY (regio_code, indicator_id, jaar))""",
    "reeksbreuk": """
        CREATE TABLE reeksbreuk (
            indicator_id VARCHAR NOT NULL, jaar INTEGER NOT NULL, toelichting VARCHAR NOT NULL,
            bron_id VARCHAR NOT NULL, PRIMARY KEY (indicator_id, jaar))""",
    "corona_atypisch": """
        CREATE TABLE corona_atypisch (
            indicator_id VARCHAR PRIMARY KEY, citaat VARCHAR NOT NULL,
            toelichting VARCHAR NOT NULL, bron_id VARCHAR NOT NULL)""",
    "signaal": """
        CREATE TABLE signaal (
            signaal_id VARCHAR PRIMARY KEY, setting_id VARCHAR NOT NULL, soort VARCHAR NOT NULL,
            onderwerp VARCHAR NOT NULL, richting VARCHAR NOT NULL, periode_van INTEGER,
            periode_tot INTEGER, periode_omschrijving VARCHAR, citaat VARCHAR NOT NULL,
            bron_id VARCHAR NOT NULL, noot VARCHAR)""",
    "actielijn": """
        CREATE TABLE actielijn (
            actielijn_id INTEGER PRIMARY KEY, titel VARCHAR NOT NULL,
            omschrijving VARCHAR NOT NULL, bron_id VARCHAR NOT NULL)""",
    "maatregel": """
        CREATE TABLE maatregel (
            maatregel_id VARCHAR PRIMARY KEY, actielijn_id INTEGER NOT NULL, titel VARCHAR NOT NULL,
            ministerie VARCHAR[] NOT NULL, datum DATE, status VARCHAR NOT NULL,
            omschrijving VARCHAR NOT NULL, indicatoren VARCHAR[] NOT NULL, bron_id VARCHAR NOT NULL,
            citaat VARCHAR NOT NULL, links VARCHAR[] NOT NULL)""",
    "maatregel_indicator": """
        CREATE TABLE maatregel_indicator (
            maatregel_id VARCHAR NOT NULL, indicator_id VARCHAR NOT NULL,
            toelichting VARCHAR NOT NULL, PRIMARY KEY (maatregel_id, indicator_id))""",
    "wet": """
        CREATE TABLE wet (
            wet_id VARCHAR PRIMARY KEY, naam VARCHAR NOT NULL, afkorting VARCHAR,
            jaar_invoering INTEGER NOT NULL, domein VARCHAR NOT NULL, doelgroepen INTEGER[] NOT NULL,
            preventie VARCHAR, samenwerking VARCHAR, actoren VARCHAR,
            citaat VARCHAR NOT NULL, noot VARCHAR, bron_id VARCHAR NOT NULL)""",
    "doelgroep": """
        CREATE TABLE doelgroep (
            doelgroep_id INTEGER PRIMARY KEY, naam VARCHAR NOT NULL, omschrijving VARCHAR NOT NULL,
            bron_id VARCHAR NOT NULL)""",
    "gebeurtenis": """
        CREATE TABLE gebeurtenis (
            datum DATE NOT NULL, titel VARCHAR NOT NULL, soort VARCHAR NOT NULL, bron_id VARCHAR,
            url VARCHAR NOT NULL, links VARCHAR[] NOT NULL, noot VARCHAR,
            PRIMARY KEY (datum, titel))""",
    # The data package descriptor the build validated against, verbatim, so a copy of the
    # database alone can describe its tables (the full data download needs it).
    "datapakket": """
        CREATE TABLE datapakket (descriptor VARCHAR NOT NULL)""",
    # The change log between data versions, cumulative (etl/wijziging.py). Not part of
    # `data_versie`: it depends on the builds before, not on what is served.
    "wijziging": """
        CREATE TABLE wijziging (
            data_versie VARCHAR NOT NULL, data_versie_kort VARCHAR NOT NULL,
            gebouwd_op TIMESTAMP NOT NULL, vorige_versie VARCHAR, vorige_gebouwd_op TIMESTAMP,
            soort VARCHAR NOT NULL CHECK (soort IN ('eerste versie', 'nieuw', 'gewijzigd',
                                                    'verwijderd', 'status', 'overig')),
            indicator_id VARCHAR, periode_van INTEGER, periode_tot INTEGER, uitsplitsing VARCHAR,
            categorie VARCHAR, oude_waarde DOUBLE, nieuwe_waarde DOUBLE, oude_status VARCHAR,
            nieuwe_status VARCHAR, herzien_op DATE)""",
    # One row. `data_versie` is the sha256 of every other table's content (etl.dataversie):
    # what a cache, a permalink or a "what's new" compares; `invoer_sha256` only says which
    # raw files went in.
    "bouw": """
        CREATE TABLE bouw (
            gebouwd_op TIMESTAMP NOT NULL, invoer_sha256 VARCHAR NOT NULL,
            ketenmonitor_versie VARCHAR NOT NULL, data_versie VARCHAR NOT NULL,
            data_versie_kort VARCHAR NOT NULL, schema_versie INTEGER NOT NULL)""",
}


def _lijst(kolom: str, scheiding: str = ";", als: str = "VARCHAR") -> str:
    return (
        f"coalesce(list_transform(string_split({kolom}, '{scheiding}'), lambda x: trim(x)::{als}),"
        f" []::{als}[])"
    )


# SELECT over the raw frame registered as `<table>_df`, in key order; inserted BY NAME.
VULLING: dict[str, str] = {
    "bron": "SELECT * FROM bron_df ORDER BY bron_id",
    "setting": "SELECT * FROM setting_df ORDER BY setting_id",
    "indicator": f"""
        SELECT indicator_id, titel, korte_titel, definitie, eenheid, setting_id, periode_type,
               {_lijst("actielijnen", als="INTEGER")} AS actielijnen,
               greatest(i.reeksbreuk_jaar, (SELECT max(b.jaar) FROM reeksbreuk_df b
                                            WHERE b.indicator_id = i.indicator_id)) AS reeksbreuk_jaar,
               kanttekening, herkomst
        FROM indicator_df i ORDER BY indicator_id""",
    "indicator_alias": "SELECT * FROM indicator_alias_df ORDER BY alias",
    "dubbel_begrip_uitzondering": """
        SELECT * FROM dubbel_begrip_uitzondering_df ORDER BY indicator_a, indicator_b""",
    "waarneming": """
        SELECT * FROM waarneming_df
        ORDER BY indicator_id, periode_van NULLS LAST, periode_tot NULLS LAST, uitsplitsing,
                 categorie""",
    "revisie": """
        SELECT * FROM revisie_df
        ORDER BY indicator_id, periode_van NULLS LAST, periode_tot NULLS LAST, uitsplitsing,
                 categorie, herzien_op""",
    "afleiding": """
        SELECT * FROM afleiding_df
        ORDER BY indicator_id, periode_van, periode_tot, uitsplitsing, categorie,
                 invoer_indicator_id, invoer_periode_van, invoer_periode_tot, invoer_uitsplitsing,
                 invoer_categorie""",
    "regio": "SELECT * FROM regio_df ORDER BY regio_code",
    "regio_waarneming": "SELECT * FROM regio_waarneming_df ORDER BY indicator_id, regio_code, jaar",
    # One row per break from reeksbreuk.csv. An indicator with a single break may declare it
    # only in `indicator.reeksbreuk_jaar` (explained in its kanttekening); readers take the
    # union (dashboard.gegevens.queries.reeksbreuken). `indicator.reeksbreuk_jaar` is the latest.
    "reeksbreuk": "SELECT * FROM reeksbreuk_df ORDER BY indicator_id, jaar",
    # Series whose producer or the letter calls 2020 atypical: only these hide 2020 by default.
    "corona_atypisch": "SELECT * FROM corona_atypisch_df ORDER BY indicator_id",
    "signaal": "SELECT * FROM signaal_df ORDER BY signaal_id",
    "actielijn": "SELECT * FROM actielijn_df ORDER BY actielijn_id",
    "maatregel": f"""
        SELECT m.maatregel_id, m.actielijn_id, m.titel, {_lijst("m.ministerie")} AS ministerie, m.datum,
               m.status, m.omschrijving,
               coalesce((SELECT list(l.indicator_id ORDER BY l.indicator_id)
                         FROM maatregel_indicator_df l WHERE l.maatregel_id = m.maatregel_id),
                        []::VARCHAR[]) AS indicatoren,
               m.bron_id, m.citaat, {_lijst("m.links")} AS links
        FROM maatregel_df m ORDER BY m.maatregel_id""",
    "maatregel_indicator": "SELECT * FROM maatregel_indicator_df ORDER BY maatregel_id, indicator_id",
    "wet": f"""
        SELECT wet_id, naam, afkorting, jaar_invoering, domein,
               {_lijst("doelgroepen", als="INTEGER")} AS doelgroepen, preventie, samenwerking,
               actoren, citaat, noot, bron_id
        FROM wet_df ORDER BY wet_id""",
    "doelgroep": "SELECT * FROM doelgroep_df ORDER BY doelgroep_id",
    "gebeurtenis": f"""
        SELECT datum, titel, soort, bron_id, url, {_lijst("links")} AS links, noot
        FROM gebeurtenis_df ORDER BY datum, titel""",
}
