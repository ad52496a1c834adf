"""CBS StatLine CSV reader: turns an export into the common row form of `cbs.py`.

Format matched: the StatLine CSV export — `;` separator, decimal comma, quoted headers
(dimension and topic titles), period labels such as `2019/'20*`; title/footer lines of a single
cell around the table are allowed and searched for the table id and a date.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

from etl.importers.basis import (
    ImportFout,
    Importtabel,
    Periode,
    lees_cel,
    lees_tekst,
    ontbrekende_kolommen,
    opsomming,
    periode_uit_label,
)
from etl.importers.cbs import (
    Cel,
    Celtabel,
    Rij,
    gebruikte_kolommen,
    lees_reeksen,
    nieuwe_importtabel,
)
from etl.importers.cbs_regio import lees_regio
from etl.problems import Probleem

# CBS table ids: four or five digits and three letters, any case (`83296NED`, `37296ned`,
# `7052ENG`, `80518ENG`, `7461BEV`).
_TABEL_ID = re.compile(r"(?<![A-Za-z0-9])(\d{4,5}[A-Z]{3})(?![A-Za-z0-9])", re.IGNORECASE)
_DATUM = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{2})-(\d{2})-(\d{4})")


def lees_csv(pad: Path, tabel: dict[str, Any], plaatsing: Any = None) -> Importtabel:
    """Every mapped cell of a StatLine CSV export; ImportFout lists all problems in it.

    A block with `regio` (a region dimension such as `Regiokenmerken`) is read per region by
    `cbs_regio`; `plaatsing` is then (indeling, herindeling) for placing the names.
    """
    regels, afgekapt = _csv_regels(pad)
    kop_index = next((i for i, (_, r) in enumerate(regels) if len([c for c in r if c]) > 1), None)
    if kop_index is None:
        raise ImportFout(
            [Probleem(str(pad), None, None, "geen tabel gevonden (kopregel ontbreekt)")]
        )
    kopregel, kop = regels[kop_index]
    kop = [k.strip() for k in kop]
    data, rest, problemen = [], [], []
    for i, (nummer, r) in enumerate(regels):
        if i == kop_index:
            continue
        if len(r) == len(kop) and i > kop_index:
            data.append((nummer, r))
        elif i > kop_index and len([c for c in r if c.strip()]) > 1:
            # A table row with too few or too many cells: a cut-off download, never a footer.
            problemen.append(
                Probleem(
                    str(pad),
                    nummer,
                    None,
                    f"regel heeft {len(r)} cellen, de kop {len(kop)}"
                    + (
                        " (bestand afgekapt bij het downloaden?)" if nummer == regels[-1][0] else ""
                    ),
                )
            )
        else:
            rest.append(" ".join(r))
    if afgekapt:
        problemen.append(
            Probleem(
                str(pad),
                regels[-1][0],
                None,
                "bestand eindigt midden in een cel (afgekapt bij het downloaden?); download opnieuw",
            )
        )
    problemen += _controleer_tabel_id(pad, tabel, rest)
    periode_kolom = tabel.get("perioden_kolom", "Perioden")
    regio_dim = [tabel["regio"]["dimensie"]] if tabel.get("regio") else []
    nodig = [
        periode_kolom,
        *regio_dim,
        *{k for r in tabel["reeksen"] for k in [r["waarde"], *r.get("selectie", {})]},
    ]
    ontbreekt = ontbrekende_kolommen(pad, kopregel, kop, nodig)
    if ontbreekt:
        oud = _oude_indeling(pad, kopregel, kop, regels[kop_index + 1 : kop_index + 3], nodig)
        problemen += [oud] if oud else ontbreekt
    if problemen:
        raise ImportFout(problemen)
    uit = nieuwe_importtabel(
        pad,
        tabel,
        tabel.get("titel") or (rest[0].strip() if rest else tabel["tabel_id"]),
        _datum_uit([pad.name, *rest]),
        tabel.get("geraadpleegd"),
    )
    gekozen, gemapt = gebruikte_kolommen(tabel)
    gekozen += [d for d in regio_dim if d not in gekozen]
    # The citation quotes the row as published: the cells up to the period, unstripped.
    tot_periode = kop.index(periode_kolom) + 1
    rijen = [(n, dict(zip(kop, (c.strip() for c in cellen), strict=True))) for n, cellen in data]
    celtabel = Celtabel(
        pad=str(pad),
        rijen=[
            Rij(
                nummer,
                {k: frozenset([rij[k]]) for k in gekozen},
                _rij_periode(rij[periode_kolom]),
                {w: _csv_cel(rij[w]) for w in gemapt},
                f"StatLine {uit.tabel_id}: " + " | ".join(cellen[:tot_periode]),
            )
            for (nummer, rij), (_, cellen) in zip(rijen, data, strict=True)
        ],
        periode_kolom=periode_kolom,
        dimensies=[k for k in kop if k != periode_kolom and k not in gemapt],
        onderwerpen={w: w for w in gemapt},
        aanwezig={k: sorted({r[k] for _, r in rijen}) for k in gekozen},
        codelijst=dict.fromkeys(gekozen, str(pad)),
        kopregel=kopregel,
        geen_rij="de combinatie bestaat niet, of de tabel heeft geen rijen",
    )
    if regio_dim:
        indeling, herindeling = plaatsing
        return lees_regio(celtabel, tabel, uit, indeling, herindeling)
    return lees_reeksen(celtabel, tabel, uit)


def _rij_periode(label: str) -> Periode | ValueError:
    try:
        return periode_uit_label(label)
    except ValueError as fout:
        return fout


def _csv_cel(tekst: str) -> Cel | ValueError:
    try:
        waarde, teken = lees_cel(tekst, decimaalkomma=True)
    except ValueError as fout:
        return fout
    return Cel(waarde, teken, tekst)


def _oude_indeling(
    pad: Path, kopregel: int, kop: list[str], volgende: list[tuple[int, list[str]]], nodig: list
) -> Probleem | None:
    """Old statline.cbs.nl exports put the header over several lines and/or the periods across
    the columns. Saying "column renamed" there sends the user the wrong way; name the layout."""
    perioden = [k for k in kop if _is_periode(k)]
    over_regels = any(n in [c.strip() for c in r] for _, r in volgende for n in nodig)
    if not perioden and not over_regels:
        return None
    waarom = []
    if over_regels:
        waarom.append("de kop staat over meerdere regels")
    if perioden:
        waarom.append(f"de perioden staan als kolommen ({opsomming(perioden, 3)})")
    return Probleem(
        str(pad),
        kopregel,
        None,
        f"oude StatLine-indeling: {' en '.join(waarom)}; deze indeling wordt niet ingelezen."
        " Download de tabel opnieuw via python -m etl fetch of als CSV van opendata.cbs.nl"
        " (perioden in de rijen, één kopregel)",
    )


def _is_periode(tekst: str) -> bool:
    try:
        periode_uit_label(tekst)
    except ValueError:
        return False
    return True


def _csv_regels(pad: Path) -> tuple[list[tuple[int, list[str]]], bool]:
    """The non-empty rows with their line numbers, and whether the file ends inside a cell.

    StatLine quotes every cell, so a last line without its closing quote is a cut-off
    download (a cut between two rows is caught by the manifest's sha256).
    """
    tekst = lees_tekst(pad)
    lezer = csv.reader(tekst.splitlines(), delimiter=";", quotechar='"')
    regels = [(lezer.line_num, r) for r in lezer if any(c.strip() for c in r)]
    laatste = tekst.rstrip("\r\n").rsplit("\n", 1)[-1]
    afgekapt = laatste.count('"') % 2 == 1
    return regels, afgekapt


def _controleer_tabel_id(pad: Path, tabel: dict[str, Any], rest: list[str]) -> list[Probleem]:
    """The export must name its table (title/footer line or file name) and it must be the mapped one."""
    ids = {m.upper() for t in [pad.name, *rest] for m in _TABEL_ID.findall(t)}
    verwacht = tabel["tabel_id"].upper()
    if verwacht in ids:
        return []
    gevonden = ", ".join(sorted(ids)) or "geen tabel-id in kop, voettekst of bestandsnaam"
    return [
        Probleem(
            str(pad),
            None,
            None,
            f"tabel-id klopt niet met de mapping: verwacht {verwacht!r}, gevonden {gevonden}",
        )
    ]


def _datum_uit(teksten: list[str]) -> str | None:
    for tekst in teksten:
        m = _DATUM.search(tekst)
        if m:
            j, mnd, d = (m[1], m[2], m[3]) if m[1] else (m[6], m[5], m[4])
            try:
                return date(int(j), int(mnd), int(d)).isoformat()
            except ValueError:
                continue
    return None
