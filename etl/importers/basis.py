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
- Marks: `*` voorlopig, `**` nader voorlopig, `.` onbekend/geheim (CBS "Verklaring van
  symbolen", printed under every StatLine table).

It also holds the file and header helpers that are not tied to one publisher (reading a text
file in either encoding, naming a missing column), so the CBS and DUO importers import from
here and never from each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etl.problems import Probleem

# Mark → status. The empty mark is a plain published figure.
STANDAARD_TEKENS: dict[str, str] = {"": "gepubliceerd", "*": "voorlopig", "**": "voorlopig"}
# Marks that mean "no figure": no row, only a count in the summary.
GEEN_CIJFER = {".": "onbekend", "": "leeg"}

# Period types the data model holds as a year row: years and school years always; a half
# year only when a mapping block asks for it (`halfjaar: 1`, for the `*_1e_halfjaar` indicators).
_JAARCODES = {"JJ": "kalenderjaar", "SJ": "schooljaar"}
_ANDERE_PERIODEN = {
    "HJ": "halfjaar",
    "KW": "kwartaal",
    "MM": "maand",
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
_MAANDEN = (
    *("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"),
    *("september", "oktober", "november", "december", "january", "february", "march"),
    *("may", "june", "july", "august", "october"),
)
# StatLine labels of other frequencies: `2019 1e kwartaal`, `2019 2e halfjaar`, `2019 maart*`,
# English `2019 1st quarter`, `2019 2nd half year`, `2019 March`.
_ANDER_LABEL = re.compile(
    r"^(\d{4})\s+(?:(\d)\s*(?:e|ste|de|st|nd|rd|th)?\s+(kwartaal|quarter|halfjaar|half\s*year)"
    r"|(" + "|".join(_MAANDEN) + r"))\s*(\**)$",
    re.IGNORECASE,
)
# Code-list words (Periods.json `Status`/`Description`) that mark a provisional period.
_VOORLOPIG = re.compile(r"voorlopig|provisional", re.IGNORECASE)
_NADER = re.compile(r"nader voorlopig|revised provisional", re.IGNORECASE)


class ImportFout(Exception):
    """A publisher file that cannot be imported; carries every problem found in it."""

    def __init__(self, problemen: list[Probleem]):
        self.problemen = problemen
        super().__init__(f"{len(problemen)} probleem/problemen in een importbestand")


@dataclass(frozen=True)
class Periode:
    jaar: int
    soort: str  # kalenderjaar / schooljaar / halfjaar / kwartaal / maand / ...
    teken: str  # status mark carried by the period label ('', '*', '**')
    volgnummer: int = 0  # which half year / quarter / month

    @property
    def is_jaar(self) -> bool:
        return self.soort in ("kalenderjaar", "schooljaar")


def periode_uit_code(code: str, titel: str = "", status: str = "") -> Periode:
    """An OData period code (`2019JJ00`, `2019HJ01`, `2019MM03`); ValueError when unknown.

    The provisional mark lives in the code list, not in the code: in the Title (`2019*`) or,
    in many tables, only in `Status: "Voorlopig"` / `Description: "Voorlopige cijfers"`;
    `status` is those two fields joined. Which kinds of period a mapping takes is decided by
    `neem_periode`, so a table that mixes years with months still gives its years.
    """
    gevonden = _CODE.match(code.strip())
    if not gevonden:
        raise ValueError(f"onbekende periodecode {code!r} (verwacht bijv. 2019JJ00)")
    jaar, soort, volgnummer = int(gevonden[1]), gevonden[2], int(gevonden[3])
    teken = _teken_uit_titel(titel) or _teken_uit_status(status)
    if soort in _JAARCODES and (soort != "JJ" or volgnummer == 0):
        return Periode(jaar, _JAARCODES[soort], teken)
    if soort in _ANDERE_PERIODEN:
        return Periode(jaar, _ANDERE_PERIODEN[soort], teken, volgnummer)
    raise ValueError(
        f"onbekende periodecode {code!r} (bekend: JJ, SJ, HJ, KW, MM; zie CBS Handleiding"
        " Open Data Services)"
    )


def periode_uit_label(label: str) -> Periode:
    """A StatLine CSV period label (`2019`, `2019/'20*`, `2019 1e halfjaar`), with its mark."""
    gevonden = _LABEL.match(label.strip())
    if gevonden:
        soort = "schooljaar" if "/" in label else "kalenderjaar"
        return Periode(int(gevonden[1]), soort, gevonden[2])
    ander = _ANDER_LABEL.match(label.strip())
    if ander:
        if ander[4]:
            return Periode(int(ander[1]), "maand", ander[5], 0)
        soort = "kwartaal" if ander[3].lower() in ("kwartaal", "quarter") else "halfjaar"
        return Periode(int(ander[1]), soort, ander[5], int(ander[2]))
    raise ValueError(
        f"onbekende periode {label!r} (verwacht bijv. 2019, 2019*, 2019/'20* of 2019 1e halfjaar)"
    )


def neem_periode(periode: Periode, tabel: dict[str, Any], reeks: dict[str, Any]) -> str | None:
    """None when the mapping takes this period, else the reason it is skipped (for the summary).

    A block takes whole years unless it (or the series) says `halfjaar: 1` or `2`; `jaren:
    {"van": …, "tot": …}` limits the years, so a hand-entered year need not be imported twice.
    """
    halfjaar = reeks.get("halfjaar", tabel.get("halfjaar"))
    if halfjaar is not None:
        if periode.soort != "halfjaar" or periode.volgnummer != int(halfjaar):
            return periode.soort
    elif not periode.is_jaar:
        return periode.soort
    jaren = reeks.get("jaren", tabel.get("jaren")) or {}
    if not jaren.get("van", periode.jaar) <= periode.jaar <= jaren.get("tot", periode.jaar):
        return "buiten 'jaren'"
    return None


def _teken_uit_titel(titel: str) -> str:
    return re.search(r"(\**)\s*$", titel or "")[1]


def _teken_uit_status(status: str) -> str:
    if _NADER.search(status or ""):
        return "**"
    return "*" if _VOORLOPIG.search(status or "") else ""


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
    regio: list[dict[str, Any]] = field(default_factory=list)
    regio_waarnemingen: list[dict[str, Any]] = field(default_factory=list)
    # Region names a regional import could not place on the 2025 map, with their values.
    onverdeeld: list[dict[str, Any]] = field(default_factory=list)

    def sla_over(self, reden: str) -> None:
        self.overgeslagen[reden] = self.overgeslagen.get(reden, 0) + 1

    def samenvatting(self) -> str:
        rest = ", ".join(f"{n} {r}" for r, n in sorted(self.overgeslagen.items()))
        regio = f", {len(self.regio_waarnemingen)} regiorijen" if self.regio_waarnemingen else ""
        per_naam: dict[str, list[str]] = {}
        for r in self.onverdeeld:
            kort = r["indicator_id"].rsplit("_", 1)[-1]
            per_naam.setdefault(r["naam"], []).append(f"{kort} {r['jaar']} {r['waarde']:.0f}")
        niet = "".join(
            f"\n    niet geplaatst: {naam}: {', '.join(w)}" for naam, w in sorted(per_naam.items())
        )
        return (
            f"{self.tabel_id} ({self.pad}): {len(self.waarnemingen)} rijen{regio}"
            + (f"; overgeslagen: {rest}" if rest else "")
            + niet
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
    grenzen: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """One `waarneming` row in the contract's columns, plus where it came from for reports.

    `grenzen` (lower, upper) only for a value that is a range (a sum over suppressed cells).
    """
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
        "ondergrens": None if grenzen is None else round(grenzen[0] * schaal, 6),
        "bovengrens": None if grenzen is None else round(grenzen[1] * schaal, 6),
        "_regel": regel,
    }


def lees_tekst(pad: Path) -> str:
    """A publisher text file: UTF-8 (with or without BOM), else Windows-1252 (old exports)."""
    try:
        ruw = pad.read_bytes()
    except FileNotFoundError:
        raise ImportFout([Probleem(str(pad), None, None, "bestand ontbreekt")]) from None
    except IsADirectoryError:
        raise ImportFout([Probleem(str(pad), None, None, "is een map, geen bestand")]) from None
    try:
        return ruw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ruw.decode("cp1252", errors="replace")


def ontbrekende_kolommen(
    pad: Path | str, regel: int, kop: list[str], nodig: list[str]
) -> list[Probleem]:
    """One problem per needed column missing from a header, naming the columns that are there."""
    over = [g for g in kop if g not in nodig]
    return [kolom_ontbreekt(pad, regel, k, over) for k in nodig if k not in kop]


def kolom_ontbreekt(pad: Path | str, regel: int, verwacht: str, gevonden: list[str]) -> Probleem:
    """A missing column: publishers rename headers between releases, so name what is there."""
    return Probleem(
        str(pad),
        regel,
        verwacht,
        f"kolom ontbreekt (hernoemd bij de uitgever?): verwacht {verwacht!r},"
        f" gevonden {', '.join(repr(g) for g in gevonden) or 'niets'}",
    )


def opsomming(namen: list[str], hoogstens: int = 8) -> str:
    """The first few names for a message; a code list can hold hundreds."""
    getoond = ", ".join(repr(n) for n in namen[:hoogstens])
    return getoond + (f" en nog {len(namen) - hoogstens}" if len(namen) > hoogstens else "")
