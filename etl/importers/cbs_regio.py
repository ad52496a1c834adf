"""CBS tables by region (a `Regiokenmerken` dimension) into `regio_waarneming`, by residence.

CBS 85701NED counts pupils by the gemeente where they **live**, one row per gemeente *name*
and school year, in the indeling of that year. The map and the tables use the indeling of
1 January 2025, so each name is placed explicitly, never by guessing:

1. `regio.namen` in the mapping: a name → 2025 code written out (CBS's `Groningen (gemeente)`);
2. a name that *is* a 2025 gemeente name in the indeling table;
3. a historical name in the sourced merger list (`regio.herindeling`, one row per merger with
   its CBS page): added to its 2025 successor. A split gemeente (`soort = gesplitst`) has no
   successor and is never assigned to one: its pupils cannot be divided honestly.

Everything else — split gemeenten, CBS's own "Gemeenten; niet in te delen", and names in
none of the lists — stays *unplaced*: a row of level `onverdeeld` (its own value and citation)
plus a line in the import summary, so the national sum keeps it and the page can list it.

Status: a gemeente value that is one published CBS cell is `gepubliceerd` (or `voorlopig`)
with the cell as `citaat`. Where names were added up (a 2025 gemeente formed from several),
and for every provincie and the national line, the value is `afgeleid` with the formula in
`noot`; CBS rounds each cell to tens, so a sum of n cells may be off by up to 5·n.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etl.importers.basis import Importtabel, lees_tekst, neem_periode, waarneming
from etl.importers.cbs import Celtabel, _status
from etl.problems import Probleem

ONVERDEELD = "onverdeeld"
TELLING = "woonplaats"
_HERINDELING = ["oude_naam", "jaar", "soort", "opvolger_2025", "bron_id", "bronpagina"]


@dataclass(frozen=True)
class Plaatsing:
    """Where a CBS name goes: a 2025 code, or nowhere (with the reason shown on the page)."""

    code: str | None
    reden: str  # how it was placed, or why not


@dataclass
class Deel:
    naam: str
    waarde: float
    status: str
    citaat: str


@dataclass
class Regiosom:
    delen: list[Deel] = field(default_factory=list)

    @property
    def waarde(self) -> float:
        return sum(d.waarde for d in self.delen)


def onverdeeld_code(naam: str) -> str:
    """A stable code for an unplaced CBS name (never a map area, never in a URL)."""
    return f"ONV:{naam}"


def lees_herindeling(pad: Path, indeling: dict[str, tuple[str, str]]) -> tuple[dict, list]:
    """name → Plaatsing from the merger list; problems for unsourced or unknown rows."""
    tekst = lees_tekst(pad)
    rijen = list(csv.DictReader(tekst.splitlines()))
    problemen: list[Probleem] = []
    kop = list(rijen[0].keys()) if rijen else []
    for k in _HERINDELING:
        if k not in kop:
            problemen.append(Probleem(str(pad), 1, k, "kolom ontbreekt in de herindelingslijst"))
    if problemen:
        return {}, problemen
    uit: dict[str, Plaatsing] = {}
    for nummer, r in enumerate(rijen, start=2):
        if not r["bron_id"].strip() or not r["bronpagina"].startswith("https://"):
            problemen.append(
                Probleem(str(pad), nummer, "bron_id", "herindeling zonder bron: niet toegekend")
            )
            continue
        naam, soort, code = r["oude_naam"].strip(), r["soort"].strip(), r["opvolger_2025"].strip()
        if soort == "gesplitst":
            uit[naam] = Plaatsing(None, f"in {r['jaar']} gesplitst: {r.get('noot', '')}".strip())
        elif code in indeling:
            uit[naam] = Plaatsing(code, f"in {r['jaar']} {soort}, nu {indeling[code][0]}")
        else:
            problemen.append(
                Probleem(str(pad), nummer, "opvolger_2025", f"{code!r} is geen gemeente van 2025")
            )
    return uit, problemen


def plaats(
    naam: str,
    expliciet: dict[str, str],
    op_naam: dict[str, str],
    herindeling: dict[str, Plaatsing],
    niet_in_te_delen: list[str],
) -> Plaatsing:
    """One CBS region name placed by the explicit rules of the module docstring."""
    if naam in expliciet:
        return Plaatsing(expliciet[naam], "naam in de mapping")
    if naam in op_naam:
        return Plaatsing(op_naam[naam], "gemeente van 2025")
    if naam in herindeling:
        return herindeling[naam]
    if naam in niet_in_te_delen:
        return Plaatsing(None, "door CBS niet in te delen")
    return Plaatsing(None, "niet in de indeling 2025 en niet in de herindelingslijst")


def lees_regio(
    celtabel: Celtabel,
    tabel: dict[str, Any],
    uit: Importtabel,
    indeling: dict[str, tuple[str, str]],
    herindeling: dict[str, Plaatsing],
) -> Importtabel:
    """Every mapped series per region and year; the national sum goes to `waarneming`."""
    regio = tabel["regio"]
    dimensie = regio["dimensie"]
    op_naam = {naam: code for code, (naam, _) in indeling.items()}
    niet_in_te_delen = list(regio.get("niet_in_te_delen", []))
    bekend: dict[str, Plaatsing] = {}
    onverdeeld_namen: set[str] = set()
    for reeks in tabel["reeksen"]:
        selectie = {k: str(v).strip() for k, v in reeks.get("selectie", {}).items()}
        per_jaar: dict[int, dict[str, Regiosom]] = defaultdict(lambda: defaultdict(Regiosom))
        soort_periode = "schooljaar"
        for rij in celtabel.rijen:
            if any(gewenst not in rij.keuzes[k] for k, gewenst in selectie.items()):
                continue
            periode, cel = rij.periode, rij.cellen[reeks["waarde"]]
            if isinstance(periode, ValueError) or isinstance(cel, ValueError):
                continue  # the national loop of cbs.py reports these; never silently here
            if neem_periode(periode, tabel, reeks) or cel.waarde is None:
                continue  # an empty cell: the gemeente did not exist that year
            soort_periode = periode.soort
            naam = next(iter(rij.keuzes[dimensie]))
            plek = bekend.get(naam) or bekend.setdefault(
                naam, plaats(naam, regio.get("namen", {}), op_naam, herindeling, niet_in_te_delen)
            )
            code = plek.code
            if code is None:
                code = onverdeeld_code(naam)
                onverdeeld_namen.add(naam)
            status = _status(periode, cel.teken, tabel["statustekens"])
            citaat = f"{rij.citaat} | {naam} | {reeks['waarde']}: {cel.tekst}"
            per_jaar[periode.jaar][code].delen.append(Deel(naam, cel.waarde, status, citaat))
        for jaar, sommen in sorted(per_jaar.items()):
            uit.regio_waarnemingen += _rijen(reeks, jaar, sommen, indeling, uit.bron["bron_id"])
            uit.waarnemingen.append(
                _landelijk(reeks, jaar, sommen, uit, celtabel.pad, soort_periode)
            )
            for code, som in sommen.items():
                if code.startswith("ONV:"):
                    uit.onverdeeld.append(
                        {
                            "naam": som.delen[0].naam,
                            "indicator_id": reeks["indicator_id"],
                            "jaar": jaar,
                            "waarde": som.waarde,
                        }
                    )
    uit.regio += [
        {
            "regio_code": onverdeeld_code(n),
            "naam": n,
            "niveau": ONVERDEELD,
            "provincie": None,
            "toelichting": bekend[n].reden,
        }
        for n in sorted(onverdeeld_namen)
    ]
    return uit


def _rijen(
    reeks: dict[str, Any],
    jaar: int,
    sommen: dict[str, Regiosom],
    indeling: dict[str, tuple[str, str]],
    bron_id: str,
) -> list[dict[str, Any]]:
    """Gemeente (and unplaced) rows, then each provincie as the sum of its gemeenten."""
    rijen = []
    provincies: dict[str, list[tuple[str, Regiosom]]] = defaultdict(list)
    for code, som in sorted(sommen.items()):
        if not code.startswith("ONV:"):
            provincies[indeling[code][1]].append((code, som))
        if len(som.delen) == 1:
            deel = som.delen[0]
            rijen.append(
                _rij(code, reeks, jaar, deel.waarde, deel.status, bron_id, None, deel.citaat)
            )
            continue
        delen = " + ".join(f"{d.naam} {d.waarde:.0f}" for d in som.delen)
        noot = (
            f"som van {len(som.delen)} CBS-gemeentenamen die nu tot deze gemeente behoren"
            f" (herindelingslijst): {delen} = {som.waarde:.0f}; elk door CBS afgerond op tientallen"
        )
        rijen.append(_rij(code, reeks, jaar, som.waarde, "afgeleid", bron_id, noot, None))
    for pv, leden in sorted(provincies.items()):
        totaal = sum(s.waarde for _, s in leden)
        n = sum(len(s.delen) for _, s in leden)
        noot = (
            f"som van {len(leden)} gemeenten (indeling 2025, {n} CBS-cellen, elk afgerond op"
            f" tientallen) = {totaal:.0f}; gesplitste en niet in te delen gemeenten tellen niet mee"
        )
        rijen.append(_rij(pv, reeks, jaar, totaal, "afgeleid", bron_id, noot, None))
    return rijen


def _rij(
    code: str,
    reeks: dict[str, Any],
    jaar: int,
    waarde: float,
    status: str,
    bron_id: str,
    noot: str | None,
    citaat: str | None,
) -> dict[str, Any]:
    return {
        "regio_code": code,
        "indicator_id": reeks["indicator_id"],
        "jaar": jaar,
        "waarde": float(waarde),
        "ondergrens": None,
        "bovengrens": None,
        "aantal_vestigingen": None,
        "status": status,
        "bron_id": bron_id,
        "noot": noot,
        "telling": TELLING,
        "citaat": citaat,
    }


def _landelijk(
    reeks: dict[str, Any],
    jaar: int,
    sommen: dict[str, Regiosom],
    uit: Importtabel,
    pad: str,
    soort: str,
) -> dict[str, Any]:
    """The national line by residence: the sum of every cell, placed or not."""
    n = sum(len(s.delen) for s in sommen.values())
    totaal = sum(s.waarde for s in sommen.values())
    noot = (
        f"som van alle {n} gemeentecellen van CBS 85701NED in dit schooljaar (ook gesplitste en"
        f" niet in te delen gemeenten) = {totaal:.0f}. CBS rondt elke cel af op tientallen, dus"
        f" de som kan tot {5 * n} afwijken van het werkelijke totaal; een landelijk totaal staat"
        " niet in dit bestand. Telt naar woongemeente, niet naar schoolvestiging."
    )
    return waarneming(
        reeks,
        jaar,
        totaal,
        "afgeleid",
        uit.bron["bron_id"],
        f"StatLine 85701NED: {noot}",
        None,
        noot=noot,
    ) | {"_pad": pad, "_periodesoort": soort}
