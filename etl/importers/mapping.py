"""The declarative mapping `data/raw/import/mapping.json`: which publisher file feeds which indicator.

Kept as plain JSON checked here (not code), so a policy employee can add a table by copying an
entry. Every mistake in it is a `Probleem` pointing at the mapping, never a traceback.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from etl.importers.basis import STANDAARD_TEKENS, ImportFout
from etl.problems import Probleem

IMPORT_MAP = "import"
MAPPING_NAAM = "mapping.json"
FORMATEN = ("cbs-odata", "cbs-csv", "duo-csv")

_VERPLICHT = {
    "cbs-odata": ("tabel_id",),
    "cbs-csv": ("bestand", "tabel_id"),
    "duo-csv": ("bestand", "bron_id", "titel", "url"),
}


JAAR = "{jaar}"
_KOP_BYTES = 1 << 16  # a header line is far shorter; never read a whole file for it

_TEKST = ("tabel_id", "bestand", "bron_id", "titel", "url", "geraadpleegd", "uitgever", "datum")


def import_map(raw_dir: Path) -> Path:
    return raw_dir / IMPORT_MAP


def lees_json(pad: Path) -> Any:
    """A JSON file of the import folder; ImportFout `file: geen geldige JSON` otherwise."""
    try:
        return json.loads(pad.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as fout:
        raise ImportFout([Probleem(str(pad), None, None, f"geen geldige JSON: {fout}")]) from None


def lees_mapping(raw_dir: Path) -> list[dict[str, Any]] | None:
    """The mapped tables, or None when there is nothing to import (no folder or no mapping)."""
    pad = import_map(raw_dir) / MAPPING_NAAM
    if not pad.is_file():
        return None
    inhoud = lees_json(pad)
    tabellen = inhoud.get("tabellen") if isinstance(inhoud, dict) else None
    if not isinstance(tabellen, list):
        raise ImportFout([Probleem(str(pad), None, "tabellen", "verwacht een lijst 'tabellen'")])
    problemen = [p for i, t in enumerate(tabellen) for p in _controleer(pad, i, t)]
    if problemen:
        raise ImportFout(problemen)
    for t in tabellen:
        t["statustekens"] = {**STANDAARD_TEKENS, **t.get("statustekens", {})}
        t["reeksen"] = vouw_uit(t)
    return tabellen


def vouw_uit(tabel: dict[str, Any]) -> list[dict[str, Any]]:
    """Series with `per` (a name in the block's `categorieen`) become one series per category.

    A file with a column per age (`LEEFTIJD_4` … `LEEFTIJD_24`) would otherwise need one
    hand-written series per type, age and file; the block names its categories once (a
    category may sum several columns, an age band) and each series says which list it uses.
    """
    uit = []
    for reeks in tabel["reeksen"]:
        if "per" not in reeks:
            uit.append(reeks)
            continue
        for categorie, kolommen in tabel["categorieen"][reeks["per"]].items():
            uit.append(
                {k: v for k, v in reeks.items() if k != "per"}
                | {"uitsplitsing": reeks["per"], "categorie": categorie, "waarde": kolommen}
            )
    return uit


def _controleer(pad: Path, i: int, tabel: Any) -> list[Probleem]:
    plek = f"tabellen[{i}]"
    if not isinstance(tabel, dict):
        return [Probleem(str(pad), None, plek, "verwacht een object")]
    formaat = tabel.get("formaat")
    if formaat not in FORMATEN:
        return [Probleem(str(pad), None, f"{plek}.formaat", f"{formaat!r}: kies uit {FORMATEN}")]
    problemen = [
        Probleem(str(pad), None, f"{plek}.{sleutel}", "verplicht veld ontbreekt")
        for sleutel in _VERPLICHT[formaat]
        if tabel.get(sleutel) in (None, "")
    ]
    problemen += [
        Probleem(str(pad), None, f"{plek}.{sleutel}", "verwacht tekst")
        for sleutel in _TEKST
        if tabel.get(sleutel) not in (None, "") and not isinstance(tabel[sleutel], str)
    ]
    if problemen:
        return problemen
    problemen += _controleer_velden(pad, plek, tabel)
    reeksen = tabel.get("reeksen")
    if not isinstance(reeksen, list) or not reeksen:
        problemen.append(Probleem(str(pad), None, f"{plek}.reeksen", "verwacht minstens één reeks"))
        return problemen
    problemen += _controleer_categorieen(pad, plek, tabel)
    for j, reeks in enumerate(reeksen):
        nodig = ("indicator_id",) if isinstance(reeks, dict) and "per" in reeks else None
        for sleutel in nodig or ("indicator_id", "waarde"):
            if not isinstance(reeks, dict) or not reeks.get(sleutel):
                problemen.append(
                    Probleem(str(pad), None, f"{plek}.reeksen[{j}].{sleutel}", "verplicht veld")
                )
        if isinstance(reeks, dict):
            problemen += _controleer_velden(pad, f"{plek}.reeksen[{j}]", reeks, is_reeks=True)
            zonder_jaar = "{jaar}" not in str(reeks.get("waarde", ""))
            if formaat == "duo-csv" and not tabel.get("periode") and zonder_jaar:
                problemen.append(
                    Probleem(
                        str(pad),
                        None,
                        f"{plek}.periode",
                        "verplicht veld ontbreekt (of een kolompatroon als"
                        " 'LEERLINGEN_{jaar}' in 'waarde')",
                    )
                )
    return problemen


def _controleer_categorieen(pad: Path, plek: str, tabel: dict[str, Any]) -> list[Probleem]:
    """`categorieen` (name → column or columns), each series' `per`, and `aandelen`."""
    problemen = []

    def fout(veld: str, reden: str) -> None:
        problemen.append(Probleem(str(pad), None, f"{plek}.{veld}", reden))

    lijsten = tabel.get("categorieen", {})
    if not isinstance(lijsten, dict) or not all(
        isinstance(lijst, dict)
        and lijst
        and all(
            isinstance(k, str) or (isinstance(k, list) and k and all(isinstance(x, str) for x in k))
            for k in lijst.values()
        )
        for lijst in lijsten.values()
    ):
        fout("categorieen", 'verwacht {"leeftijd": {"4 jaar": "KOLOM", "4 tot 8 jaar": [...]}}')
        return problemen
    for j, reeks in enumerate(tabel.get("reeksen") or []):
        if isinstance(reeks, dict) and "per" in reeks and reeks["per"] not in lijsten:
            fout(f"reeksen[{j}].per", f"{reeks['per']!r} staat niet in 'categorieen'")
    for j, aandeel in enumerate(tabel.get("aandelen") or []):
        velden = ("indicator_id", "teller", "noemer", "uitsplitsing", "categorieen")
        if not isinstance(aandeel, dict) or any(not aandeel.get(v) for v in velden):
            fout(f"aandelen[{j}]", f"verwacht de velden {', '.join(velden)}")
        elif not isinstance(aandeel["noemer"], list) or aandeel["teller"] not in aandeel["noemer"]:
            fout(f"aandelen[{j}].noemer", "een lijst indicatoren waarin de teller zelf ook staat")
    return problemen


def _controleer_velden(
    pad: Path, plek: str, blok: dict[str, Any], is_reeks: bool = False
) -> list[Probleem]:
    """The optional fields whose shape matters: `jaren`, `halfjaar`, `regio`, `onderdrukt`,
    `selectie`. A wrong shape here would otherwise surface as a traceback deep in an importer."""
    problemen = []

    def fout(veld: str, reden: str) -> None:
        problemen.append(Probleem(str(pad), None, f"{plek}.{veld}", reden))

    jaren = blok.get("jaren")
    if jaren is not None:
        if not isinstance(jaren, dict) or not set(jaren) <= {"van", "tot"} or not jaren:
            fout("jaren", 'verwacht {"van": JJJJ, "tot": JJJJ} (één van beide mag weg)')
        elif not all(isinstance(v, int) and 1900 <= v <= 2100 for v in jaren.values()):
            fout("jaren", "van en tot zijn jaartallen (geheel getal, 1900-2100)")
        elif jaren.get("van", 0) > jaren.get("tot", 9999):
            fout("jaren", "van ligt na tot")
    schaal = blok.get("schaal")
    if schaal is not None and (isinstance(schaal, bool) or not isinstance(schaal, int | float)):
        fout("schaal", "verwacht een getal, bijv. 1000")
    if blok.get("halfjaar") not in (None, 1, 2):
        fout("halfjaar", "1 (eerste halfjaar) of 2 (tweede halfjaar)")
    if blok.get("periode") not in (None, "") and not str(blok["periode"]).isdigit():
        fout("periode", "verwacht een jaartal, bijv. 2024")
    regio = blok.get("regio")
    if is_reeks:
        # A series can only opt out of its block's regional rows (a national-only series).
        if regio not in (None, False):
            fout("regio", "in een reeks alleen false (geen regiorijen voor deze reeks)")
    elif regio is not None and (
        not isinstance(regio, dict)
        or not (regio.get("gemeentecode") or regio.get("dimensie"))
        or not regio.get("indeling")
        or (regio.get("dimensie") and not regio.get("herindeling"))
    ):
        fout(
            "regio",
            'verwacht {"gemeentecode": kolom, "indeling": bestand in data/raw/import} (DUO) of'
            ' {"dimensie": kolom, "indeling": …, "herindeling": …} (CBS, naar naam)',
        )
    onderdrukt = blok.get("onderdrukt")
    if onderdrukt is not None and not (
        isinstance(onderdrukt, dict)
        and all(
            isinstance(v, list)
            and len(v) == 2
            and all(isinstance(g, int) for g in v)
            and v[0] <= v[1]
            for v in onderdrukt.values()
        )
    ):
        fout("onderdrukt", 'verwacht {"<5": [1, 4]}: per teken de kleinste en grootste waarde')
    voorlopig = blok.get("voorlopig")
    if voorlopig is not None and not (
        isinstance(voorlopig, dict)
        and isinstance(voorlopig.get("jaren"), list)
        and all(isinstance(j, int) and not isinstance(j, bool) for j in voorlopig["jaren"])
        and isinstance(voorlopig.get("noot"), str)
        and voorlopig["noot"].strip()
    ):
        fout(
            "voorlopig",
            'verwacht {"jaren": [JJJJ], "noot": "waar de uitgever het voorlopig noemt"}',
        )
    for veld in ("selectie", "statustekens"):
        waarde = blok.get(veld)
        if waarde is not None and not (
            isinstance(waarde, dict) and all(isinstance(v, str) for v in waarde.values())
        ):
            fout(veld, "verwacht een object met tekst per sleutel")
    return problemen


def lees_kop(pad: Path, scheiding: str = ";") -> list[str] | None:
    """The header cells of a publisher CSV (UTF-8 or Windows-1252), or None when it cannot be
    read: the importer itself reports a missing or empty file."""
    try:
        with open(pad, "rb") as f:
            ruw = f.read(_KOP_BYTES).splitlines()
    except OSError:
        return None
    if not ruw:
        return None
    try:
        regel = ruw[0].decode("utf-8-sig")
    except UnicodeDecodeError:
        regel = ruw[0].decode("cp1252", errors="replace")
    return [k.strip() for k in next(csv.reader([regel], delimiter=scheiding), [])]


def ontbrekende_jaarkolommen(pad: Path, kop: list[str], tabel: dict[str, Any]) -> list[Probleem]:
    """A series `LEERLINGEN_{jaar}` must find a column for every year of its `jaren`.

    The pattern alone would silently take whatever years match: a publisher that renames
    one column (`LEERLINGEN_2025` → `LEERLINGEN2025`) would drop that year without a word.
    Without `jaren` (or one side of it) the years found bound the range, so a gap in the
    middle is refused as well. No match at all is the importer's own problem to report.
    """
    problemen: dict[tuple[str, tuple[int, ...]], Probleem] = {}  # once per missing set
    for reeks in tabel.get("reeksen", []):
        naam = str(reeks.get("waarde", "")) if isinstance(reeks, dict) else ""
        if JAAR not in naam:
            continue
        patroon = re.compile(re.escape(naam).replace(re.escape(JAAR), r"(\d{4})") + "$")
        gevonden = {int(m[1]) for k in kop if (m := patroon.match(k))}
        if not gevonden:
            continue
        grenzen = reeks.get("jaren", tabel.get("jaren")) or {}
        van, tot = grenzen.get("van", min(gevonden)), grenzen.get("tot", max(gevonden))
        missend = [j for j in range(van, tot + 1) if j not in gevonden]
        if not missend:
            continue
        kolommen = ", ".join(repr(naam.replace(JAAR, str(j))) for j in missend)
        lijkt = [k for k in kop if not patroon.match(k) and any(str(j) in k for j in missend)]
        reden = (
            f"kolom(men) {kolommen} ontbreken (hernoemd bij de uitgever?): 'jaren' {van}-{tot}"
            f" vraagt een kolom {naam!r} voor elk jaar"
            + (f"; gevonden {', '.join(repr(k) for k in lijkt)}" if lijkt else "")
            + "; pas de mapping aan ('jaren' of 'waarde') of download het bestand opnieuw"
        )
        problemen.setdefault((naam, tuple(missend)), Probleem(str(pad), 1, naam, reden))
    return list(problemen.values())
