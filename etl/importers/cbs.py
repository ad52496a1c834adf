"""CBS StatLine importers, shared part: the common row form and the one per-series loop.

A CBS table arrives as an OData v3 snapshot (`cbs_odata.py`) or as a StatLine CSV export
(`cbs_csv.py`). Each reader only turns its format into a `Celtabel`: numbered rows with the
values a `selectie` may name, the parsed period, the parsed cells of the mapped topics and the
citation text. Picking the rows of a series, skipping periods, reading status marks, refusing
an ambiguous selection and explaining an empty one happen here, once, so both formats give the
same rows and the same problems for the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from etl.importers.basis import (
    ImportFout,
    Importtabel,
    Periode,
    neem_periode,
    opsomming,
    status_van,
    waarneming,
)
from etl.problems import Probleem

T = TypeVar("T")


def tabel_url(tabel_id: str) -> str:
    """The table's page on cbs.nl; English tables (`…ENG`) live under `/en-gb/figures/`."""
    tabel_id = tabel_id.upper()
    if tabel_id.endswith("ENG"):
        return f"https://www.cbs.nl/en-gb/figures/detail/{tabel_id}"
    return f"https://www.cbs.nl/nl-nl/cijfers/detail/{tabel_id}"


def bron_rij(
    tabel_id: str, titel: str, datum: str | None, geraadpleegd: str | None, bron_id: str | None
) -> dict[str, Any]:
    """The `bron` row of an imported CBS table: table id, date from the file, URL, licence."""
    return {
        "bron_id": bron_id or f"cbs-{tabel_id.lower()}-import",
        "titel": f"StatLine {tabel_id.upper()}: {titel} (import)",
        "uitgever": "CBS",
        "datum": datum,
        "url": tabel_url(tabel_id),
        "geraadpleegd": geraadpleegd,
        "licentie": "CC BY 4.0",
        "producent": "CBS",  # a StatLine table is CBS's own publication
    }


def nieuwe_importtabel(
    pad: Path | str,
    tabel: dict[str, Any],
    titel: str,
    datum: str | None,
    geraadpleegd: str | None,
) -> Importtabel:
    """An empty import of a mapped CBS table, carrying its `bron` row."""
    return Importtabel(
        str(pad),
        tabel["tabel_id"].upper(),
        bron_rij(tabel["tabel_id"], titel, datum, geraadpleegd, tabel.get("bron_id")),
    )


def gebruikte_kolommen(tabel: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The dimensions the series select on and the topics they read, each once, in order."""
    reeksen = tabel["reeksen"]
    gekozen = list(dict.fromkeys(k for r in reeksen for k in r.get("selectie", {})))
    return gekozen, list(dict.fromkeys(r["waarde"] for r in reeksen))


@dataclass(frozen=True)
class Cel:
    """One topic cell: the number (None for no figure), its mark, and its text in a citation."""

    waarde: float | None
    teken: str
    tekst: str


@dataclass(frozen=True)
class Rij:
    """One table row in the form the per-series loop reads, whatever the file format.

    A period or cell that cannot be read is kept as its ValueError: it is a problem only when
    a series selects the row, so an odd row the mapping never asks for does not stop an import.
    """

    nummer: int  # the row number problems cite
    keuzes: dict[str, frozenset[str]]  # per selection dimension: the code and title naming it
    periode: Periode | ValueError
    cellen: dict[str, Cel | ValueError]  # per mapped topic
    citaat: str  # `StatLine <id>: <dimensions> | <period>`


@dataclass
class Celtabel:
    """A CBS table in the common form, with what the problem messages need to point well."""

    pad: str  # the file the row numbers refer to
    rijen: list[Rij]
    periode_kolom: str
    dimensies: list[str]  # columns a selection may fix; named when a selection is ambiguous
    onderwerpen: dict[str, str]  # mapped topic → its name in a citation
    aanwezig: dict[str, list[str]]  # per selection dimension: the values the file holds
    codelijst: dict[str, str]  # per selection dimension: the file listing its values
    kopregel: int | None  # line of the header, where a CSV names its columns
    geen_rij: str  # why a selection whose values all exist can still fit no row


def lees_reeksen(celtabel: Celtabel, tabel: dict[str, Any], uit: Importtabel) -> Importtabel:
    """Add every mapped series of `tabel` to `uit`; ImportFout lists all problems found."""
    problemen: list[Probleem] = []
    for reeks in tabel["reeksen"]:
        selectie = {k: str(v).strip() for k, v in reeks.get("selectie", {}).items()}
        gezien: dict[int, int] = {}
        gevonden = genomen = 0
        for rij in celtabel.rijen:
            if any(gewenst not in rij.keuzes[k] for k, gewenst in selectie.items()):
                continue
            gevonden += 1
            try:
                periode = _of_fout(rij.periode)
                reden = neem_periode(periode, tabel, reeks)
                if reden:
                    uit.sla_over(reden)
                    continue
                genomen += 1
                cel = _of_fout(rij.cellen[reeks["waarde"]])
                if cel.waarde is None:
                    uit.sla_over(cel.teken)
                    continue
                status = _status(periode, cel.teken, tabel["statustekens"])
            except ValueError as fout:
                kolom = celtabel.periode_kolom if "periode" in str(fout) else reeks["waarde"]
                problemen.append(Probleem(celtabel.pad, rij.nummer, kolom, str(fout)))
                continue
            if periode.jaar in gezien:
                problemen.append(_niet_eenduidig(celtabel, rij.nummer, gezien[periode.jaar], reeks))
                continue
            gezien[periode.jaar] = rij.nummer
            onderwerp = celtabel.onderwerpen[reeks["waarde"]]
            uit.waarnemingen.append(
                waarneming(
                    reeks,
                    periode.jaar,
                    cel.waarde,
                    status,
                    uit.bron["bron_id"],
                    f"{rij.citaat} | {onderwerp}: {cel.tekst}",
                    rij.nummer,
                )
                | {"_pad": celtabel.pad, "_periodesoort": periode.soort}
            )
        if not gevonden:
            problemen += _selectie_leeg(celtabel, reeks)
        elif not genomen and not problemen:
            problemen.append(_geen_periode(celtabel.pad, reeks, uit))
    if problemen:
        raise ImportFout(problemen)
    return uit


def _of_fout(waarde: T | ValueError) -> T:
    if isinstance(waarde, ValueError):
        raise waarde
    return waarde


def _status(periode: Periode, teken: str, tekens: dict[str, str]) -> str:
    """A figure is provisional when either its period or its cell says so."""
    statussen = {status_van(periode.teken, tekens), status_van(teken, tekens)}
    return "voorlopig" if "voorlopig" in statussen else statussen.pop()


def _niet_eenduidig(celtabel: Celtabel, regel: int, eerder: int, reeks: dict) -> Probleem:
    vrij = [d for d in celtabel.dimensies if d not in reeks.get("selectie", {})]
    return Probleem(
        celtabel.pad,
        regel,
        reeks["waarde"],
        f"selectie is niet eenduidig: ook rij {eerder} geeft dit jaar voor"
        f" {reeks['indicator_id']}; leg {', '.join(vrij)} vast in 'selectie'",
    )


def _selectie_leeg(celtabel: Celtabel, reeks: dict) -> list[Probleem]:
    """A selection value no row has: name the dimension and what the file does contain."""
    problemen = []
    for dimensie, gewenst in reeks.get("selectie", {}).items():
        if any(str(gewenst).strip() in r.keuzes[dimensie] for r in celtabel.rijen):
            continue
        problemen.append(
            Probleem(
                celtabel.codelijst[dimensie],
                celtabel.kopregel,
                dimensie,
                f"selectie {gewenst!r} voor {reeks['indicator_id']} komt in geen rij voor"
                f" (hernoemd bij de uitgever, of een titel in een andere taal?); wel in het"
                f" bestand: {opsomming(celtabel.aanwezig[dimensie])}",
            )
        )
    if not problemen:  # each value exists, but not together
        problemen.append(
            Probleem(
                celtabel.pad,
                celtabel.kopregel,
                reeks["waarde"],
                f"selectie {reeks.get('selectie', {})} voor {reeks['indicator_id']} past op"
                f" geen enkele rij ({celtabel.geen_rij})",
            )
        )
    return problemen


def _geen_periode(pad: Path | str, reeks: dict, uit: Importtabel) -> Probleem:
    """Rows matched, but none had a period the mapping takes (only months, or outside `jaren`)."""
    redenen = ", ".join(f"{n}× {r}" for r, n in sorted(uit.overgeslagen.items()))
    return Probleem(
        str(pad),
        None,
        reeks["waarde"],
        f"de selectie voor {reeks['indicator_id']} levert geen enkel cijfer"
        f" (overgeslagen: {redenen or 'niets'}); pas 'jaren' of 'halfjaar' in de mapping aan",
    )
