"""Validate the raw data package: Frictionless for each table, pandera for cross-table rules.

Returns every problem it finds as `Probleem`s; reading stops only where a file cannot be read at
all. The rules themselves live in the descriptor and in `etl.schema`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
from frictionless import Package

from etl import importers
from etl.begrip import dubbele_begrippen
from etl.config import DESCRIPTOR_NAME
from etl.peildatum import gemengde_peildata
from etl.problems import Probleem
from etl.read import REGEL_KOLOM, lees_alles_ruw, typeer
from etl.schema import (
    AFLEIDING_REGELS,
    ALIAS_REGELS,
    SIGNAAL_REGELS,
    WAARNEMING_REGELS,
    lees_descriptor,
    met_waarde,
    reeksbreuk_regels,
    resources,
    revisie_regels,
    tekstregels,
)

UITZONDERING = "dubbel_begrip_uitzondering"
"""Pairs of indicators that agree in several periods and are still two concepts, with why."""

_FRICTIONLESS_REDEN = {
    "scheme-error": "bestand ontbreekt of kan niet worden geopend",
    "source-error": "bestand is leeg",
    "encoding-error": "bestand is geen geldige UTF-8",
    "missing-label": "kolom ontbreekt",
    "extra-label": "onbekende kolom",
    "incorrect-label": "kolomnaam klopt niet met het schema",
    "duplicate-label": "kolomnaam komt twee keer voor",
    "blank-row": "lege regel",
    "missing-cell": "cel ontbreekt (te weinig kolommen)",
    "extra-cell": "cel te veel (te veel kolommen)",
    "type-error": "waarde heeft niet het juiste type",
    "constraint-error": "waarde voldoet niet aan de regel van het schema",
    "primary-key": "sleutel komt dubbel voor",
    "foreign-key": "verwijzing naar een onbekende sleutel",
    "unique-error": "waarde moet uniek zijn maar komt dubbel voor",
}


@dataclass
class Validatie:
    problemen: list[Probleem]
    tabellen: dict[str, pd.DataFrame]
    imports: list[str] = field(default_factory=list)  # one summary line per imported table
    import_bronnen: frozenset[str] = frozenset()  # bron_ids of the publisher files imported


def valideer(raw_dir: Path) -> tuple[list[Probleem], dict[str, pd.DataFrame]]:
    """All problems in `raw_dir`, and the typed tables when there are none."""
    uitkomst = valideer_met_imports(raw_dir)
    return uitkomst.problemen, uitkomst.tabellen


def valideer_met_imports(raw_dir: Path) -> Validatie:
    """As `valideer`, and say which publisher files in `raw_dir/import` were imported."""
    descriptor_pad = raw_dir / DESCRIPTOR_NAME
    if not descriptor_pad.is_file():
        return Validatie([Probleem(str(descriptor_pad), None, None, "descriptor ontbreekt")], {})
    try:
        descriptor = lees_descriptor(raw_dir)
    except ValueError as fout:
        return Validatie(
            [Probleem(str(descriptor_pad), None, None, f"geen geldige JSON: {fout}")], {}
        )

    problemen = _frictionless(raw_dir, descriptor)
    bronnen = resources(descriptor)
    vorm: list[Probleem] = []
    ruw = lees_alles_ruw(raw_dir, descriptor, vorm)
    problemen = _zonder_rijfouten(problemen, {p.pad for p in vorm}) + vorm
    for naam, df in ruw.items():
        problemen += _pandera(tekstregels(bronnen[naam]), df, str(raw_dir / bronnen[naam]["path"]))
    tabellen = {naam: typeer(df, bronnen[naam]) for naam, df in ruw.items()}
    geimporteerd = importers.laad(raw_dir, tabellen)
    problemen += geimporteerd.problemen
    for naam, extra in (("waarneming", geimporteerd.waarneming), ("bron", geimporteerd.bron)):
        if extra is not None and naam in bronnen:  # publisher files obey the same text rules
            problemen += _pandera(tekstregels(bronnen[naam]), extra, str(raw_dir / "import"))
    if geimporteerd.waarneming is not None:
        # Imported rows join the hand-entered ones before the cross-table rules, so both
        # obey the same rules; `_pad` lets a report point at the publisher file.
        for naam, extra in (("waarneming", geimporteerd.waarneming), ("bron", geimporteerd.bron)):
            if naam in tabellen:
                tabellen[naam] = pd.concat([tabellen[naam], extra], ignore_index=True)
    problemen += _kruisregels(raw_dir, descriptor, tabellen)
    # Regional sums live in their own tables (never in `waarneming`); empty without an import.
    tabellen["regio"] = geimporteerd.regio
    tabellen["regio_waarneming"] = geimporteerd.regio_waarneming
    tabellen = {
        n: df.drop(columns=[importers.PAD_KOLOM], errors="ignore") for n, df in tabellen.items()
    }
    if problemen:
        return Validatie(problemen, {})
    bron_ids = geimporteerd.bron["bron_id"] if geimporteerd.bron is not None else []
    return Validatie([], tabellen, geimporteerd.samenvatting(), frozenset(bron_ids))


def _frictionless(raw_dir: Path, descriptor: dict[str, Any]) -> list[Probleem]:
    rapport = Package(descriptor, basepath=str(raw_dir)).validate()
    problemen = [
        Probleem(str(raw_dir / DESCRIPTOR_NAME), None, None, e.message) for e in rapport.errors
    ]
    coderingsfout = False
    for taak in rapport.tasks:
        pad = str(raw_dir / taak.place)
        for fout in taak.errors:
            if fout.type == "encoding-error":
                coderingsfout = True  # reported per file below, not per task
            else:
                problemen.append(_vertaal(pad, fout))
    if coderingsfout:
        problemen += _coderingsfouten(raw_dir, descriptor)
    return problemen


def _zonder_rijfouten(problemen: list[Probleem], paden: set[str]) -> list[Probleem]:
    """Drop Frictionless' row problems in files whose CSV shape is broken: its rows are cut
    at the wrong places there, so they repeat the shape error or point at the wrong line."""
    return [p for p in problemen if p.pad not in paden or (p.regel or 0) <= 1]


def _coderingsfouten(raw_dir: Path, descriptor: dict[str, Any]) -> list[Probleem]:
    """One problem per file that is not UTF-8, at the line of its first bad byte.

    Frictionless reports a bad byte in `bron.csv` in every table whose foreign keys read it
    (eight files), with a byte offset into its own buffer; Python's decoder on the file
    itself gives the file and the real offset.
    """
    problemen = []
    for resource in resources(descriptor).values():
        pad = raw_dir / resource["path"]
        try:
            inhoud = pad.read_bytes()
        except OSError:
            continue  # reported as a missing file
        try:
            inhoud.decode("utf-8-sig")
        except UnicodeDecodeError as fout:
            regel = inhoud[: fout.start].count(b"\n") + 1
            byte = inhoud[fout.start]
            problemen.append(
                Probleem(
                    str(pad),
                    regel,
                    None,
                    f"bestand is geen geldige UTF-8: byte 0x{byte:02x} "
                    "(sla het bestand op als UTF-8)",
                )
            )
    return problemen


def _vertaal(pad: str, fout: Any) -> Probleem:
    reden = _FRICTIONLESS_REDEN.get(fout.type, fout.title)
    detail = getattr(fout, "note", "") or ""
    kolom = (
        getattr(fout, "field_name", None)
        or getattr(fout, "label", None)
        or ",".join(getattr(fout, "field_names", None) or [])
        or None
    )
    regel = getattr(fout, "row_number", None)
    if fout.type == "type-error":
        detail = f"{fout.cell!r} is geen {_type_naam(detail)}"
        if "," in str(fout.cell):
            detail += " (decimaalkomma? gebruik een punt)"
    elif fout.type in ("constraint-error", "foreign-key", "primary-key", "unique-error"):
        detail = f"{getattr(fout, 'cell', '') or ''!r}: {detail}".removeprefix("'': ")
    elif fout.type in ("missing-label", "extra-label", "incorrect-label"):
        regel = 1
        detail = f"verwacht {fout.field_name!r}, gevonden {getattr(fout, 'label', '')!r}"
    if fout.type in ("missing-label", "extra-label"):
        detail = detail.replace(", gevonden ''", "").replace("verwacht None, ", "")
    return Probleem(pad, regel, kolom, f"{reden}: {detail}" if detail else reden)


def _type_naam(note: str) -> str:
    for naam, nl in (
        ("integer", "geheel getal"),
        ("number", "getal (punt als decimaalteken)"),
        ("date", "datum (JJJJ-MM-DD)"),
    ):
        if naam in note:
            return nl
    return "geldige waarde"


def _kruisregels(
    raw_dir: Path, descriptor: dict[str, Any], tabellen: dict[str, pd.DataFrame]
) -> list[Probleem]:
    paden = {naam: str(raw_dir / r["path"]) for naam, r in resources(descriptor).items()}
    problemen = []
    sleutel = ["indicator_id", "periode_van", "periode_tot", "uitsplitsing", "categorie"]
    if {"waarneming", "indicator"} <= tabellen.keys():
        eenheid = tabellen["indicator"][["indicator_id", "eenheid"]].drop_duplicates("indicator_id")
        waarneming = tabellen["waarneming"].merge(eenheid, on="indicator_id", how="left")
        waarneming["invoer_voorlopig"] = _uit_voorlopig(tabellen, sleutel, waarneming)
        waarneming.index = tabellen["waarneming"].index
        problemen += _pandera(WAARNEMING_REGELS, waarneming, paden["waarneming"])
    if {"afleiding", "waarneming"} <= tabellen.keys():
        punten = tabellen["waarneming"][sleutel].drop_duplicates()
        afleiding = _met_bestaat(tabellen["afleiding"], punten, sleutel, "bestaat")
        invoer = punten.rename(columns={k: f"invoer_{k}" for k in sleutel})
        afleiding = _met_bestaat(afleiding, invoer, list(invoer.columns), "invoer_bestaat")
        problemen += _pandera(AFLEIDING_REGELS, afleiding, paden["afleiding"])
    if "signaal" in tabellen:
        problemen += _pandera(SIGNAAL_REGELS, tabellen["signaal"], paden["signaal"])
    if {"revisie", "waarneming", "bron"} <= tabellen.keys():
        punten = tabellen["waarneming"][sleutel].drop_duplicates().assign(bestaat=True)
        revisie = tabellen["revisie"].merge(punten, on=sleutel, how="left")
        revisie["bestaat"] = revisie["bestaat"].eq(True)
        revisie.index = tabellen["revisie"].index
        opgeheven = (
            set(tabellen["indicator_alias"]["alias"]) if "indicator_alias" in tabellen else set()
        )
        revisie["opgeheven"] = revisie["indicator_id"].isin(opgeheven)
        ids = set(tabellen["indicator"]["indicator_id"]) if "indicator" in tabellen else set()
        revisie["bekend"] = revisie["indicator_id"].isin(ids | opgeheven)
        regels = revisie_regels(set(tabellen["bron"]["bron_id"]))
        problemen += _pandera(regels, revisie, paden["revisie"])
    if {"waarneming", "indicator"} <= tabellen.keys():
        problemen += _dubbele_begrippen(tabellen, paden)
        problemen += [
            Probleem(paden["indicator"], None, "definitie", f"{i}: {reden}")
            for i, reden in gemengde_peildata(tabellen["waarneming"], tabellen["indicator"])
        ]
    if {"indicator_alias", "indicator"} <= tabellen.keys():
        alias = tabellen["indicator_alias"].assign(
            is_indicator=lambda d: d["alias"].isin(set(tabellen["indicator"]["indicator_id"]))
        )
        problemen += _pandera(ALIAS_REGELS, alias, paden["indicator_alias"])
    if {"reeksbreuk", "bron"} <= tabellen.keys():
        regels = reeksbreuk_regels(set(tabellen["bron"]["bron_id"]))
        problemen += _pandera(regels, tabellen["reeksbreuk"], paden["reeksbreuk"])
    return problemen


def _dubbele_begrippen(tabellen: dict[str, pd.DataFrame], paden: dict[str, str]) -> list[Probleem]:
    """One problem per pair of ids that look like one concept (etl.begrip), on the indicator file."""
    paren = dubbele_begrippen(
        tabellen["waarneming"], tabellen["indicator"], tabellen.get(UITZONDERING)
    )
    return [
        Probleem(
            paden["indicator"],
            None,
            "indicator_id",
            f"{a} en {b} hebben dezelfde eenheid en setting en dezelfde waarde in {n}"
            f" gemeenschappelijke perioden: één begrip onder twee ids (voeg samen met een alias"
            f" in indicator_alias, of leg de uitzondering vast in {UITZONDERING}.csv met reden)",
        )
        for a, b, n in paren
    ]


def _uit_voorlopig(
    tabellen: dict[str, pd.DataFrame], sleutel: list[str], waarneming: pd.DataFrame
) -> pd.Series:
    """Per observation: is any of its inputs (table `afleiding`) provisional?"""
    if "afleiding" not in tabellen or tabellen["afleiding"].empty:
        return pd.Series(False, index=waarneming.index)
    status = tabellen["waarneming"][[*sleutel, "status"]].rename(
        columns={k: f"invoer_{k}" for k in [*sleutel, "status"]}
    )
    invoer = tabellen["afleiding"].merge(status, on=[f"invoer_{k}" for k in sleutel], how="left")
    invoer["invoer_voorlopig"] = invoer["invoer_status"].eq("voorlopig").fillna(False).astype(bool)
    per_punt = invoer.groupby(sleutel, dropna=False)["invoer_voorlopig"].any().reset_index()
    uit = waarneming[sleutel].merge(per_punt, on=sleutel, how="left")["invoer_voorlopig"]
    return uit.astype("boolean").fillna(False).astype(bool).to_numpy()


def _met_bestaat(
    df: pd.DataFrame, punten: pd.DataFrame, sleutel: list[str], kolom: str
) -> pd.DataFrame:
    """`df` with a boolean `kolom`: is its key (`sleutel`) one of `punten`?"""
    uit = df.merge(
        punten[sleutel].drop_duplicates().assign(**{kolom: True}), on=sleutel, how="left"
    )
    uit[kolom] = uit[kolom].astype("boolean").fillna(False).astype(bool)
    uit.index = df.index
    return uit


def _pandera(schema: pa.DataFrameSchema, df: pd.DataFrame, pad: str) -> list[Probleem]:
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as fouten:
        problemen = []
        gevallen = fouten.failure_cases.drop_duplicates(["check", "index"])
        for _, geval in gevallen.iterrows():
            kolom, reden = str(geval["check"]).split("|", 1)
            index = geval["index"]
            bekend = index is not None and not pd.isna(index)
            regel = df.loc[index, REGEL_KOLOM] if bekend else None
            regel = None if regel is None or pd.isna(regel) else int(regel)
            eigen_pad = df.loc[index].get(importers.PAD_KOLOM) if bekend else None
            eigen_pad = pad if eigen_pad is None or pd.isna(eigen_pad) else str(eigen_pad)
            problemen.append(
                Probleem(eigen_pad, regel, kolom, met_waarde(reden, geval["failure_case"]))
            )
        return problemen
    return []
