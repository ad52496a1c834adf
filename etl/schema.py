"""The declared schema: the Frictionless descriptor for each table, plus the cross-table rules.

Both are declarations, read by `validate.py`; nothing here checks a row by hand. The descriptor
(`data/raw/datapackage.json`) owns types, enums, minimums, primary and foreign keys; the pandera
schemas below own the rules that need two tables or two columns at once.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from etl.config import DESCRIPTOR_NAME

STATUS_MET_CITAAT = ("gepubliceerd", "voorlopig")


def lees_descriptor(raw_dir: Path) -> dict[str, Any]:
    """The data package descriptor as a dict (the single source of table and field names)."""
    with open(raw_dir / DESCRIPTOR_NAME, encoding="utf-8") as f:
        return json.load(f)


def resources(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in descriptor["resources"]}


def _regel(kolom: str, reden: str, test) -> pa.Check:
    """A frame-wide check whose name carries the column and the Dutch reason for the report."""
    return pa.Check(test, name=f"{kolom}|{reden}", element_wise=False)


def _leeg(s: pd.Series) -> pd.Series:
    return s.isna() | (s.astype("string").str.strip() == "")


TABELCITAAT = r"\d{9,}"
"""Nine or more digits in a row: no sentence writes a number so, table cells run together do
(the longest plain number in a quote, a count like 1234567 or a year pair, has fewer)."""


def tabelcitaat(citaat: pd.Series) -> pd.Series:
    """Which quotes are table cells run together (see TABELCITAAT)."""
    return citaat.astype("string").str.contains(TABELCITAAT, regex=True).fillna(False).astype(bool)


def _kolom(d: pd.DataFrame, naam: str) -> pd.Series:
    """A column that imported rows may lack: absent means empty."""
    return d[naam] if naam in d else pd.Series(pd.NA, index=d.index, dtype="string")


# Rules over `waarneming` joined with its indicator's `eenheid` (see validate.py).
WAARNEMING_REGELS = pa.DataFrameSchema(
    checks=[
        _regel(
            "waarde",
            "een percentage ligt tussen 0 en 100",
            lambda d: (d["eenheid"] != "procent") | d["waarde"].between(0, 100),
        ),
        _regel(
            "waarde",
            "een aantal kan niet negatief zijn",
            lambda d: (d["eenheid"] != "aantal") | (d["waarde"] >= 0),
        ),
        _regel(
            "waarde",
            "een aantal is een geheel getal",
            lambda d: (d["eenheid"] != "aantal") | d["waarde"].isna() | (d["waarde"] % 1 == 0),
        ),
        _regel(
            "waarde",
            "een index is groter dan 0",
            lambda d: (d["eenheid"] != "index") | (d["waarde"] > 0),
        ),
        _regel(
            "periode_tot",
            "periode_van ligt na periode_tot (omgekeerde periode)",
            lambda d: (
                d["periode_van"].isna()
                | d["periode_tot"].isna()
                | (d["periode_van"] <= d["periode_tot"]).fillna(True)
            ),
        ),
        _regel(
            "periode_tot",
            "periode_van en periode_tot zijn allebei gevuld of allebei leeg",
            lambda d: d["periode_van"].isna() == d["periode_tot"].isna(),
        ),
        _regel(
            "periode_tot",
            "een verandering gaat over een periode: periode_van moet voor periode_tot liggen",
            lambda d: (
                (d["eenheid"] != "procent verandering")
                | (d["periode_van"] < d["periode_tot"]).fillna(False)
            ),
        ),
        _regel(
            "citaat",
            "een gepubliceerde of voorlopige waarde heeft een letterlijk citaat",
            lambda d: ~d["status"].isin(STATUS_MET_CITAAT) | ~_leeg(d["citaat"]),
        ),
        # Table cells copied from a page run together ("Totaal785818825828"): no reader finds
        # a number in that without the table, row and column it came from.
        _regel(
            "vindplaats",
            "het citaat is aaneengeschreven tabelcellen (9 of meer cijfers achter elkaar): "
            "vindplaats moet tabel, rij en kolom noemen zoals de bron ze noemt",
            lambda d: ~tabelcitaat(d["citaat"]) | ~_leeg(_kolom(d, "vindplaats")),
        ),
        _regel(
            "noot",
            "een afgeleide waarde heeft haar formule in de noot",
            lambda d: (d["status"] != "afgeleid") | ~_leeg(d["noot"]),
        ),
        # A sum or share of provisional parts is as provisional as its parts: drawn as final
        # (`afgeleid`, `gepubliceerd`) it would claim a certainty its inputs do not have.
        _regel(
            "status",
            "afgeleid uit een voorlopige invoer (tabel afleiding): de status moet voorlopig zijn",
            lambda d: ~d["invoer_voorlopig"] | (d["status"] == "voorlopig"),
        ),
    ]
)


# Rules over `afleiding`; the frame carries `bestaat` and `invoer_bestaat` (both points are
# in `waarneming`, imported rows included).
AFLEIDING_REGELS = pa.DataFrameSchema(
    checks=[
        _regel(
            "indicator_id",
            "de afgeleide waarneming (indicator, periode, uitsplitsing, categorie) staat niet in"
            " waarneming",
            lambda d: d["bestaat"],
        ),
        _regel(
            "invoer_indicator_id",
            "de invoer (indicator, periode, uitsplitsing, categorie) staat niet in waarneming",
            lambda d: d["invoer_bestaat"],
        ),
    ]
)


def revisie_regels(bron_ids: set[str]) -> pa.DataFrameSchema:
    """Rules over `revisie` that need the imported rows too.

    A revision can hand a value over to a publisher file (DUO's file per school location became
    the source of `po_regulier_leerlingen`, and a status change of an imported year names it on
    both sides); that file's `bron` row and observations exist only
    after the import, so these references are checked here rather than by the data package.
    The frame carries `bestaat`: whether the revised point is still in `waarneming`. A changed
    point (value, status or source) must still be there, a deleted one must not: otherwise the
    log and the data tell different stories. It also carries `bekend` (the id is an indicator or
    an alias) and `opgeheven` (an alias): a retired series keeps its history, so its earlier
    changes need no point that still exists; its deletions close that history.
    """

    def verwijderd(d: pd.DataFrame) -> pd.Series:
        return d["soort_wijziging"] == "verwijderd"

    return pa.DataFrameSchema(
        checks=[
            _regel(
                "oude_bron_id",
                "verwijzing naar een onbekende sleutel",
                lambda d: d["oude_bron_id"].isin(bron_ids),
            ),
            _regel(
                "nieuwe_bron_id",
                "verwijzing naar een onbekende sleutel",
                lambda d: verwijderd(d) | d["nieuwe_bron_id"].isin(bron_ids),
            ),
            _regel(
                "indicator_id",
                "verwijzing naar een onbekende sleutel (geen indicator en geen alias)",
                lambda d: d["bekend"],
            ),
            _regel(
                "indicator_id",
                "de herziene waarneming (indicator, periode, uitsplitsing, categorie) staat niet"
                " in waarneming",
                lambda d: verwijderd(d) | d["opgeheven"] | d["bestaat"],
            ),
            _regel(
                "indicator_id",
                "een verwijderde waarneming staat nog in waarneming",
                lambda d: ~verwijderd(d) | ~d["bestaat"],
            ),
            _regel(
                "nieuwe_waarde",
                "nieuwe waarde, status en bron zijn leeg bij een verwijdering en anders gevuld",
                lambda d: pd.concat([~_leeg(d[k]) != verwijderd(d) for k in NIEUW], axis=1).all(
                    axis=1
                ),
            ),
            _regel(
                "soort_wijziging",
                "soort_wijziging past niet bij de oude en nieuwe kolommen (waarde: de waarde"
                " verandert; status: alleen de status; bron: alleen de bron)",
                lambda d: verwijderd(d) | _soort_klopt(d),
            ),
        ]
    )


NIEUW = ("nieuwe_waarde", "nieuwe_status", "nieuwe_bron_id")


def _soort_klopt(d: pd.DataFrame) -> pd.Series:
    waarde = d["oude_waarde"] != d["nieuwe_waarde"]
    status = d["oude_status"] != d["nieuwe_status"]
    bron = d["oude_bron_id"] != d["nieuwe_bron_id"]
    soort = d["soort_wijziging"]
    return (
        ((soort == "waarde") & waarde)
        | ((soort == "status") & ~waarde & status)
        | ((soort == "bron") & ~waarde & ~status & bron)
    )


ALIAS_REGELS = pa.DataFrameSchema(
    checks=[
        # An alias that is also an indicator would make one id mean two lines.
        _regel(
            "alias",
            "alias is nog een indicator: een id is óf een indicator óf een alias",
            lambda d: ~d["is_indicator"],
        ),
    ]
)


def reeksbreuk_regels(bron_ids: set[str]) -> pa.DataFrameSchema:
    """A break cites the publication it shows in; that may be a publisher file whose `bron`
    row exists only after the import, so the reference is checked here (as for `revisie`)."""
    return pa.DataFrameSchema(
        checks=[
            _regel(
                "bron_id",
                "verwijzing naar een onbekende sleutel",
                lambda d: d["bron_id"].isin(bron_ids),
            ),
        ]
    )


SIGNAAL_REGELS = pa.DataFrameSchema(
    checks=[
        _regel(
            "periode_tot",
            "periode_van ligt na periode_tot (omgekeerde periode)",
            lambda d: (d["periode_van"] <= d["periode_tot"]).fillna(True),
        ),
    ]
)


# What an export cannot carry. Excel (openpyxl) refuses most control characters in a cell, and
# a CSV reader turns them into garbage; a NaN or an infinite number is no published figure.
# Tab and newline are allowed: a multi-line quotation is text, not an accident.
# Bidirectional controls (U+202E "right-to-left override" and kin) are invisible too and turn
# text around on screen and in files: "Trojan Source" (CVE-2021-42574). No publication needs
# them in this data, so they are refused like the control characters.
STUURTEKEN = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
REDEN_STUURTEKEN = "bevat een stuurteken (alleen tab en regeleinde zijn toegestaan)"
REDEN_NIET_EINDIG = "is geen eindig getal (NaN of oneindig; een ontbrekend cijfer laat je weg)"


def met_waarde(reden: str, waarde: object) -> str:
    """The reason with the offending cell, so the user can find it: which control character
    (invisible in most editors), or the number text as written."""
    if reden == REDEN_STUURTEKEN and isinstance(waarde, str):
        teken = STUURTEKEN.search(waarde)
        if teken:
            return f"{reden}: U+{ord(teken.group()):04X} op positie {teken.start() + 1}"
    if reden == REDEN_NIET_EINDIG:
        return f"{reden}: {str(waarde)[:40]!r}"
    return reden


def _geen_stuurteken(waarde: object) -> bool:
    return not isinstance(waarde, str) or STUURTEKEN.search(waarde) is None


def _eindig(waarde: object) -> bool:
    """A cell that parses as a float must be finite ('veel' is a type error, reported by
    Frictionless; 'NaN', 'inf' and '1e400' parse, and are refused here)."""
    try:
        return math.isfinite(float(str(waarde)))
    except ValueError:
        return True


def tekstregels(resource: dict[str, Any]) -> pa.DataFrameSchema:
    """Per table, from its descriptor: text fields without control characters, number
    fields finite. Works on the raw text cells and on imported (typed) rows alike."""
    kolommen = {}
    for veld in resource["schema"]["fields"]:
        naam = veld["name"]
        if veld["type"] == "string":
            check = pa.Check(_geen_stuurteken, element_wise=True, name=f"{naam}|{REDEN_STUURTEKEN}")
        elif veld["type"] == "number":
            check = pa.Check(_eindig, element_wise=True, name=f"{naam}|{REDEN_NIET_EINDIG}")
        else:
            continue
        kolommen[naam] = pa.Column(checks=check, nullable=True, required=False, coerce=False)
    return pa.DataFrameSchema(kolommen)
