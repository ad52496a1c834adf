"""What every publisher importer shares: period codes, status marks, numbers and the row shape.

Publisher files say the same things in different ways (a period is `2019JJ00` in OData and
`2019/'20*` in a StatLine CSV; a provisional figure is marked `*`). This module turns each of
those into the project's own terms once, so the format modules only find cells.

Sources for the codes (looked up, not guessed):
- `yyyyJJ00` year, `yyyyKWnn` quarter, `yyyyMMnn` month: cbsodataR `cbs_add_date_column`
  (edwindj/cbsodataR, R/cbs_add_date_column.R), "yyyyXXww: year, type, index".
- `yyyySJnn` school year (1 August – 31 July, "School-, Bouw-, Oogstjaar"), `HJ` half year,
  `X0` "geen officiële periode indeling": the period parser of OndernemerspleinLab/cbs-poc
  (src/cbsPeriod.js), which follows CBS "Handleiding CBS Open Data Services" (2017), p. 16.
- Marks: `*` voorlopig, `**` nader voorlopig, `.` onbekend/geheim (CBS verklaring van tekens;
  see shared/NOTES.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from etl.problems import Probleem

# Mark → status. The empty mark is a plain published figure.
STANDAARD_TEKENS: dict[str, str] = {"": "gepubliceerd", "*": "voorlopig", "**": "voorlopig"}
# Marks that mean "no figure": no row, only a count in the summary.
GEEN_CIJFER = {".": "onbekend", "": "leeg"}

# Period types the data model (whole years) can hold, and those it cannot.
_JAARCODES = {"JJ": "kalenderjaar", "SJ": "schooljaar"}
_NIET_IN_MODEL = {
    "KW": "kwartaal",
    "MM": "maand",
    "HJ": "halfjaar",
    "W1": "week",
    "VJ": "voortschrijdend jaar",
    "G2": "meerjarengemiddelde",
    "G3": "meerjarengemiddelde",
    "G4": "meerjarengemiddelde",
    "G5": "meerjarengemiddelde",
}
_CODE = re.compile(r"^(\d{4})([A-Z][A-Z0-9])(\d{2})$")
# StatLine labels: `2019`, `2019*`, `2019/'20*`, `2019/2020 **`.
_LABEL = re.compile(r"^(\d{4})(?:\s*/\s*(?:'?\d{2}|\d{4}))?\s*(\**)$")


class ImportFout(Exception):
    """A publisher file that cannot be imported; carries every problem found in it."""

    def __init__(self, problemen: list[Probleem]):
        self.problemen = problemen
        super().__init__(f"{len(problemen)} probleem/problemen in een importbestand")


@dataclass(frozen=True)
class Periode:
    jaar: int
    soort: str  # kalenderjaar / schooljaar
    teken: str  # status mark carried by the period label ('', '*', '**')


def periode_uit_code(code: str, titel: str = "") -> Periode:
    """An OData period code (`2019JJ00`) as a whole year; raises ValueError with a Dutch reason.

    The provisional mark lives in the code list's Title (`2019*`), not in the code.
    """
    gevonden = _CODE.match(code.strip())
    if not gevonden:
        raise ValueError(f"onbekende periodecode {code!r} (verwacht bijv. 2019JJ00)")
    jaar, soort, volgnummer = int(gevonden[1]), gevonden[2], gevonden[3]
    if soort in _JAARCODES and (soort != "JJ" or volgnummer == "00"):
        return Periode(jaar, _JAARCODES[soort], _teken_uit_titel(titel))
    if soort in _NIET_IN_MODEL:
        raise ValueError(
            f"periodecode {code!r} is een {_NIET_IN_MODEL[soort]}; Ketenmonitor kent alleen"
            " jaren (JJ) en schooljaren (SJ): selecteer de jaarcijfers"
        )
    raise ValueError(f"onbekende periodecode {code!r} (bekend: JJ, SJ; niet in het model: KW, MM)")


def periode_uit_label(label: str) -> Periode:
    """A StatLine CSV period label (`2019`, `2019/'20*`) as a whole year, with its mark."""
    gevonden = _LABEL.match(label.strip())
    if not gevonden:
        raise ValueError(f"onbekende periode {label!r} (verwacht bijv. 2019, 2019* of 2019/'20*)")
    soort = "schooljaar" if "/" in label else "kalenderjaar"
    return Periode(int(gevonden[1]), soort, gevonden[2])


def _teken_uit_titel(titel: str) -> str:
    return re.search(r"(\**)\s*$", titel or "")[1]


def status_van(teken: str, tekens: dict[str, str]) -> str:
    """Status for a mark; ValueError for a mark the mapping does not know."""
    if teken not in tekens:
        bekend = ", ".join(repr(t) for t in tekens)
        raise ValueError(f"onbekend statusteken {teken!r} (de mapping kent {bekend})")
    return tekens[teken]


def lees_cel(tekst: str, decimaalkomma: bool) -> tuple[float | None, str]:
    """A publisher cell as (number, mark); (None, reason) for `.`/empty (no figure).

    Raises ValueError for anything else that is not a number, so a new symbol upstream is
    reported instead of silently read as 'no figure'.
    """
    schoon = tekst.strip()
    if schoon in GEEN_CIJFER:
        return None, GEEN_CIJFER[schoon]
    gevonden = re.match(r"^(-?\d[\d.,]*)\s*(\S*)$", schoon)
    if not gevonden:
        raise ValueError(f"onbekend statusteken {schoon!r} (geen getal)")
    return _getal(gevonden[1], decimaalkomma), gevonden[2]


def _getal(tekst: str, decimaalkomma: bool) -> float:
    if decimaalkomma:
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", tekst):
            tekst = tekst.replace(".", "")
        elif "." in tekst:
            raise ValueError(f"{tekst!r}: punt in een bestand met decimaalkomma")
        tekst = tekst.replace(",", ".")
    elif "," in tekst:
        raise ValueError(f"{tekst!r}: komma in een bestand met decimaalpunt")
    return float(tekst)


@dataclass
class Importtabel:
    """One publisher file turned into rows, ready for the same checks as hand-entered rows."""

    pad: str
    tabel_id: str
    bron: dict[str, Any]
    waarnemingen: list[dict[str, Any]] = field(default_factory=list)
    overgeslagen: dict[str, int] = field(default_factory=dict)

    def sla_over(self, reden: str) -> None:
        self.overgeslagen[reden] = self.overgeslagen.get(reden, 0) + 1

    def samenvatting(self) -> str:
        rest = ", ".join(f"{n} {r}" for r, n in sorted(self.overgeslagen.items()))
        return f"{self.tabel_id} ({self.pad}): {len(self.waarnemingen)} rijen" + (
            f"; zonder cijfer: {rest}" if rest else ""
        )


def waarneming(
    reeks: dict[str, Any],
    periode: int,
    waarde: float,
    status: str,
    bron_id: str,
    citaat: str,
    regel: int | None,
    noot: str | None = None,
) -> dict[str, Any]:
    """One `waarneming` row in the contract's columns, plus where it came from for reports."""
    schaal = float(reeks.get("schaal", 1))
    return {
        "indicator_id": reeks["indicator_id"],
        "periode_van": periode,
        "periode_tot": periode,
        "uitsplitsing": reeks.get("uitsplitsing", "totaal"),
        "categorie": reeks.get("categorie", "totaal"),
        "waarde": round(waarde * schaal, 6),
        "status": status,
        "bron_id": bron_id,
        "citaat": citaat,
        "noot": noot if noot is not None else reeks.get("noot"),
        "_regel": regel,
    }
