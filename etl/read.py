"""Read raw CSV files into pandas with the types the descriptor declares.

Cells that do not parse become empty (Frictionless has already reported them), so the
cross-table rules can still run on every other row and the user sees all problems in one go.

The shape of a file is checked first, strictly (`vormfouten`): an unclosed quote makes
Python's csv module (and Frictionless) read on to the next quote, so a cell swallows the
following lines and a row silently disappears. A file with a shape error is not read.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from etl.problems import Probleem
from etl.schema import resources

REGEL_KOLOM = "_regel"

# RFC 4180 cells. Written as an unrolled loop (no nested quantifier) so a quote that never
# closes fails in linear time instead of backtracking through the rest of the file.
_GEQUOTE = re.compile(r'"[^"]*(?:""[^"]*)*"')
_KAAL = re.compile(r"[^,\r\n]*")
_EINDE = ("\r\n", "\n", "\r")


class CsvVormFout(ValueError):
    """A raw CSV file whose quotes or cell counts are wrong; carries every problem."""

    def __init__(self, problemen: list[Probleem]):
        self.problemen = problemen
        super().__init__("; ".join(str(p) for p in problemen))


def vormfouten(tekst: str, pad: Path | str) -> list[Probleem]:
    """Problems with the CSV shape of `tekst`, each at `file:line` of the row concerned.

    Refused: a quote that opens a cell and never closes, anything but a comma or line end
    after a closing quote, a quote inside an unquoted cell, and a row whose cell count
    differs from the header's. A multi-line quoted cell is fine; blank lines are left to
    Frictionless. After a quote error the rest of the file cannot be trusted, so it stops.
    """
    tekst = tekst.removeprefix("\ufeff")
    problemen: list[Probleem] = []
    pos, regel, kop = 0, 1, None

    def fout(op: int, reden: str) -> list[Probleem]:
        problemen.append(Probleem(str(pad), op, None, reden))
        return problemen

    while pos < len(tekst):
        begin, cellen, leeg = regel, 0, True
        while True:
            cel_regel = regel
            if tekst.startswith('"', pos):
                m = _GEQUOTE.match(tekst, pos)
                if m is None:
                    return fout(
                        cel_regel,
                        "aanhalingsteken opent een cel maar sluit nooit (de cel loopt door tot"
                        ' het einde van het bestand); sluit de cel met een "',
                    )
                regel += m.group().count("\n")
                pos, leeg = m.end(), False
                if pos < len(tekst) and tekst[pos] not in ",\r\n":
                    return fout(
                        cel_regel,
                        f"aanhalingsteken opent hier een cel die pas op regel {regel} sluit,"
                        f" gevolgd door {tekst[pos]!r} in plaats van een komma of regeleinde;"
                        ' een " te veel of een niet gesloten cel? (een " in tekst schrijf je'
                        ' als "" binnen een cel tussen aanhalingstekens)',
                    )
            else:
                m = _KAAL.match(tekst, pos)
                pos, leeg = m.end(), leeg and not m.group()
                if '"' in m.group():
                    fout(
                        cel_regel,
                        f"aanhalingsteken midden in een cel ({m.group()[:40]!r}); zet de cel"
                        ' tussen aanhalingstekens en schrijf een " in de tekst als ""',
                    )
            cellen += 1
            if tekst.startswith(",", pos):
                pos, leeg = pos + 1, False
                continue
            for einde in _EINDE:
                if tekst.startswith(einde, pos):
                    pos += len(einde)
                    regel += 1
                    break
            break
        if leeg:
            continue  # a blank line: Frictionless reports it
        if kop is None:
            kop = cellen
        elif cellen != kop:
            fout(
                begin,
                f"regel heeft {cellen} cellen, de kop {kop} (een komma te veel of te weinig,"
                " of een cel met komma zonder aanhalingstekens?)",
            )
    return problemen


def _typeer(kolom: pd.Series, veldtype: str) -> pd.Series:
    if veldtype == "integer":
        return pd.to_numeric(kolom, errors="coerce").astype("Int64")
    if veldtype == "number":
        getal = pd.to_numeric(kolom, errors="coerce").astype("Float64")
        waarden = getal.to_numpy(dtype="float64", na_value=np.nan)
        # NaN and ±inf were reported by the text rules (etl.schema.tekstregels); empty here
        # so the cross-table rules do not report the same cell again.
        waarden[~np.isfinite(waarden)] = np.nan
        return pd.Series(waarden, index=kolom.index).astype("Float64")
    if veldtype == "date":
        return pd.to_datetime(kolom, format="%Y-%m-%d", errors="coerce").dt.date
    return kolom


def lees_ruw(raw_dir: Path, resource: dict[str, Any]) -> pd.DataFrame:
    """One raw table as text (empty cells None), with the line each row starts on in `_regel`.

    Raises CsvVormFout when the file's shape is wrong (see `vormfouten`): never a frame that
    lost or merged rows."""
    namen = [v["name"] for v in resource["schema"]["fields"]]
    pad = raw_dir / resource["path"]
    with open(pad, encoding="utf-8-sig", newline="") as f:
        tekst = f.read()
    problemen = vormfouten(tekst, pad)
    if problemen:
        raise CsvVormFout(problemen)
    rijen, regels = [], []
    with open(pad, encoding="utf-8-sig", newline="") as f:
        lezer = csv.DictReader(f, restkey="_teveel", strict=True)
        begin = 2
        for rij in lezer:
            rijen.append({n: (rij.get(n) or None) for n in namen})
            regels.append(begin)
            begin = lezer.line_num + 1
    df = pd.DataFrame(rijen, columns=namen, dtype=object)
    df[REGEL_KOLOM] = regels
    return df


def typeer(ruw: pd.DataFrame, resource: dict[str, Any]) -> pd.DataFrame:
    """The text frame with the types the descriptor declares."""
    df = ruw.copy()
    for veld in resource["schema"]["fields"]:
        df[veld["name"]] = _typeer(df[veld["name"]].astype("string"), veld["type"])
    return df


def lees_tabel(raw_dir: Path, resource: dict[str, Any]) -> pd.DataFrame:
    """One raw table, typed, with the line each row starts on kept in `_regel` for reports."""
    return typeer(lees_ruw(raw_dir, resource), resource)


def lees_alles_ruw(
    raw_dir: Path, descriptor: dict[str, Any], problemen: list[Probleem] | None = None
) -> dict[str, pd.DataFrame]:
    """Every table that can be read, as text; one that cannot (missing, not UTF-8) is left
    out here because it has been reported, and the rules that need it are skipped. Shape
    errors (quotes, cell counts) are appended to `problemen`, and that table is left out too."""
    tabellen = {}
    for naam, res in resources(descriptor).items():
        try:
            tabellen[naam] = lees_ruw(raw_dir, res)
        except CsvVormFout as fout:
            if problemen is not None:
                problemen += fout.problemen
        except (OSError, UnicodeDecodeError):
            continue
    return tabellen


def lees_alles(raw_dir: Path, descriptor: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """As `lees_alles_ruw`, typed."""
    bronnen = resources(descriptor)
    return {n: typeer(df, bronnen[n]) for n, df in lees_alles_ruw(raw_dir, descriptor).items()}
