"""DUO open-data CSV importer: one row per school location (vestiging), summed to totals.

Formats matched:
- **One file per year**, e.g. "06. Leerlingen speciaal (basis)onderwijs naar onderwijssoort":
  `;` separator, upper-case headers with spaces (`BRIN NUMMER`, `VESTIGINGSNUMMER`, `SBAO`,
  `SO`, `VSO`), counts on teldatum 1 October; the block's `periode` names the school year.
  Column names as read by the openstate/openonderwijsdata-api DUO scraper (onderwijsscrapers,
  `parse_spo_students_by_edu_type`), which also documents that DUO renamed headers between
  years — hence the strict header check.
- **The historical overview per location** ("Historisch overzicht aantal leerlingen per
  schoolvestiging"): UTF-8 with BOM, CRLF, `;`, one column per year (`LEERLINGEN_1996` …
  `LEERLINGEN_2025`). A series names its column as `LEERLINGEN_{jaar}`; the year comes from the
  column, limited by the block's `jaren`.

Cells: a count, empty (no pupils of that kind), or a privacy mark. `<5` is DUO's mark for 1–4
pupils (exact number withheld), so a sum over cells that include n marks is a range: with X
the sum of the known cells, the truth lies between X+n and X+4n. The row gets `waarde` X+n
(DUO's own published totals count a mark as 1), `ondergrens` X+n, `bovengrens` X+4n, and a
note naming the suppressed locations. Marks and their ranges come from the mapping
(`onderdrukt`, default `{"<5": [1, 4]}`).

A sum over locations is computed by Ketenmonitor, so every row is `afgeleid` with the formula
in `noot`, even when it equals a total DUO publishes elsewhere. A sum over a count DUO itself
calls provisional (its newest peildatum: DUO lists that file as "Voorlopig") is `voorlopig`:
the block's `voorlopig` names those years and says where DUO says so, and that note is added. Locations with 0 pupils (not
yet open, or closed) do not count as contributing.

Per region (block field `regio`): the same sums per gemeente of the location, and per provincie
as the sum over its gemeenten (gemeente → provincie from a table in `data/raw/import/`). They go
to `regio_waarneming`, never to `waarneming`. Gemeente codes arrive without `GM` and leading
zeros (`14` = GM0014); DUO's code `9999` ("ONBEKEND") counts nationally and is listed as
"gemeente onbekend", outside every provincie.

A category may sum several columns (`waarde` as a list: an age band, one location counted once),
and a block may list `aandelen`: shares computed from this file's own sums (etl/importers/aandeel.py).

The module is a little over 450 lines on purpose: the national and the regional rows come
from one pass over the same cells and share the range arithmetic of `Som`; split in two, that
arithmetic would have to be kept in step in two places.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etl.importers.aandeel import aandelen
from etl.importers.basis import (
    ImportFout,
    Importtabel,
    Periode,
    lees_tekst,
    neem_periode,
    ontbrekende_kolommen,
    waarneming,
)
from etl.problems import Probleem

STANDAARD_ONDERDRUKT: dict[str, list[int]] = {"<5": [1, 4]}
JAAR = "{jaar}"
ONBEKEND_CODE = "GM9999"
ONBEKEND_NAAM = "gemeente onbekend"
# Columns that name a location in a note, first match wins.
_VESTIGING = (("VESTIGINGSCODE",), ("BRIN NUMMER", "VESTIGINGSNUMMER"), ("BRIN_NUMMER",))
_JAAR_IN_NAAM = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass
class Som:
    """A sum over locations: known cells, suppressed cells, and who contributed."""

    bekend: int = 0
    laag: int = 0  # sum of the lower bounds of the suppressed cells
    hoog: int = 0
    onderdrukt: list[str] = field(default_factory=list)  # locations with a mark
    vestigingen: int = 0  # locations with pupils (> 0 or a mark)

    def tel(self, other: Som) -> None:
        self.bekend += other.bekend
        self.laag += other.laag
        self.hoog += other.hoog
        self.onderdrukt += other.onderdrukt
        self.vestigingen += other.vestigingen

    @property
    def waarde(self) -> int:
        return self.bekend + self.laag

    @property
    def grenzen(self) -> tuple[int, int] | None:
        return (self.bekend + self.laag, self.bekend + self.hoog) if self.onderdrukt else None

    def formule(self, kolom: str, selectie: str, waar: str) -> str:
        tekst = (
            f"som van kolom {kolom} over {self.vestigingen} vestigingen met leerlingen"
            f"{selectie} in {waar}"
        )
        if not self.onderdrukt:
            return f"{tekst} = {self.waarde}"
        n = len(self.onderdrukt)
        return (
            f"{tekst}: {self.bekend} in de bekende cellen + {n} cel(len) met een privacyteken"
            f" (1–4 leerlingen, door DUO afgeschermd; hier elk als 1 geteld): "
            f"{', '.join(self.onderdrukt)}; waarde = {self.bekend} + {n} = {self.waarde},"
            f" werkelijk tussen {self.waarde} en {self.bekend + self.hoog}"
        )


def lees_duo(
    pad: Path, tabel: dict[str, Any], indeling: dict[str, tuple[str, str]] | None = None
) -> Importtabel:
    """The mapped columns of one DUO file, summed over the selected locations.

    `indeling` (gemeente code → (naam, provinciecode)) is needed only for a block with `regio`.
    """
    kop, rijen, problemen = _lees(pad)
    kolommen = _kolommen(pad, kop, tabel, problemen)
    regio = tabel.get("regio")
    nodig = list(
        dict.fromkeys(
            k
            for r in tabel["reeksen"]
            for k in [*r.get("selectie", {}), *([regio["gemeentecode"]] if regio else [])]
        )
    )
    problemen += ontbrekende_kolommen(pad, 1, kop, nodig)
    if problemen:
        raise ImportFout(problemen)
    uit = Importtabel(
        str(pad),
        tabel.get("tabel_id") or pad.stem,
        {
            "bron_id": tabel["bron_id"],
            "titel": f"{tabel['titel']} (import)",
            "uitgever": tabel.get("uitgever", "DUO"),
            "datum": tabel.get("datum"),
            "url": tabel["url"],
            "geraadpleegd": tabel.get("geraadpleegd"),
            "licentie": tabel.get("licentie"),
            "producent": tabel.get("producent", "DUO"),
        },
    )
    tekens = {**STANDAARD_ONDERDRUKT, **tabel.get("onderdrukt", {})}
    naam_vestiging = _vestigingsnaam(kop)
    gemeente_kolom = regio["gemeentecode"] if regio else None
    # Rows grouped once per set of selection columns: a file with one series per age and
    # type has hundreds of series, and scanning every row for each took most of the build.
    groepen: dict[tuple[str, ...], dict[tuple[str, ...], list[tuple[int, dict[str, str]]]]] = {}
    for reeks, jaarkolommen in zip(tabel["reeksen"], kolommen, strict=True):
        selectie = reeks.get("selectie", {})
        sleutels = tuple(sorted(selectie))
        if sleutels not in groepen:
            groep: dict[tuple[str, ...], list[tuple[int, dict[str, str]]]] = {}
            for n, r in rijen:
                groep.setdefault(tuple(r.get(k, "").strip() for k in sleutels), []).append((n, r))
            groepen[sleutels] = groep
        gekozen = groepen[sleutels].get(tuple(selectie[k] for k in sleutels), [])
        if not gekozen and selectie:
            problemen += _selectie_leeg(pad, rijen, reeks)
            continue
        sommen: dict[int, dict[str, Som]] = {}
        # Per location once: its gemeente and the name a note uses for it.
        locaties = [
            (nummer, rij, rij[gemeente_kolom].strip() if gemeente_kolom else "")
            for nummer, rij in gekozen
        ]
        for jaar, kolom in jaarkolommen:
            reden = neem_periode(Periode(jaar, "schooljaar", ""), tabel, reeks)
            if reden:
                uit.sla_over(reden)
                continue
            per_gemeente = sommen.setdefault(jaar, {})
            if isinstance(kolom, tuple):  # a category that sums columns (an age band)
                for nummer, rij, gemeente in locaties:
                    bijdrage = _cellen(pad, nummer, kolom, rij, tekens, naam_vestiging)
                    if isinstance(bijdrage, list):
                        problemen += bijdrage
                    elif bijdrage is not None:
                        per_gemeente.setdefault(gemeente, Som()).tel(bijdrage)
                continue
            for nummer, rij, gemeente in locaties:
                cel = rij[kolom]
                if cel.isdigit():  # the common case, kept cheap: 290,000 cells in the real file
                    aantal = int(cel)
                    if aantal:
                        som = per_gemeente.get(gemeente) or per_gemeente.setdefault(gemeente, Som())
                        som.bekend += aantal
                        som.vestigingen += 1
                    continue
                bijdrage = _cel(pad, nummer, kolom, cel, tekens, naam_vestiging(rij, nummer))
                if isinstance(bijdrage, Probleem):
                    problemen.append(bijdrage)
                elif bijdrage is not None:
                    per_gemeente.setdefault(gemeente, Som()).tel(bijdrage)
        tekst_selectie = "".join(f" met {k} = {v!r}" for k, v in selectie.items())
        for jaar, kolom in jaarkolommen:
            if jaar not in sommen:
                continue
            landelijk = Som()
            for som in sommen[jaar].values():
                landelijk.tel(som)
            if landelijk.vestigingen == 0:
                uit.sla_over("geen vestigingen met leerlingen")
                continue
            formule = landelijk.formule(_kolomnaam(kolom), tekst_selectie, pad.name)
            status, voorlopig_noot = _status(tabel, jaar)
            uit.waarnemingen.append(
                waarneming(
                    reeks,
                    jaar,
                    landelijk.waarde,
                    status,
                    tabel["bron_id"],
                    f"DUO {pad.name}: {formule}",
                    None,
                    noot=formule
                    + (f". {reeks['noot']}" if reeks.get("noot") else "")
                    + voorlopig_noot,
                    grenzen=landelijk.grenzen,
                )
                | {"_pad": str(pad), "_periodesoort": "schooljaar"}
            )
            if regio and reeks.get("regio") is not False:
                regiorijen = _per_regio(
                    pad,
                    reeks,
                    tabel["bron_id"],
                    jaar,
                    kolom,
                    tekst_selectie,
                    sommen[jaar],
                    indeling or {},
                    problemen,
                )
                uit.regio_waarnemingen += [
                    r | {"status": status, "noot": r["noot"] + voorlopig_noot} for r in regiorijen
                ]
    if problemen:
        raise ImportFout(sorted(set(problemen), key=lambda p: (p.regel or 0, p.kolom or "")))
    for aandeel in tabel.get("aandelen", []):
        uit.waarnemingen += aandelen(uit.waarnemingen, aandeel, tabel["bron_id"], pad)
    return uit


def _kolomnaam(kolom: str | tuple[str, ...]) -> str:
    return " + ".join(kolom) if isinstance(kolom, tuple) else kolom


def _cellen(
    pad: Path,
    nummer: int,
    kolommen: tuple[str, ...],
    rij: dict[str, str],
    tekens: dict[str, list[int]],
    naam_vestiging: Any,
) -> Som | list[Probleem] | None:
    """One location's cells summed over several columns; it counts as one contributing
    location (and once per mark, since each marked cell is its own 1–4 range)."""
    som, problemen = Som(), []
    for kolom in kolommen:
        bijdrage = _cel(pad, nummer, kolom, rij[kolom], tekens, naam_vestiging(rij, nummer))
        if isinstance(bijdrage, Probleem):
            problemen.append(bijdrage)
        elif bijdrage is not None:
            som.tel(bijdrage)
    if problemen:
        return problemen
    if som.vestigingen == 0:
        return None
    som.vestigingen = 1
    return som


def _kolommen(
    pad: Path, kop: list[str], tabel: dict[str, Any], problemen: list[Probleem]
) -> list[list[tuple[int, str]]]:
    """Per series the (year, column) pairs it reads; problems for missing or wrong-year columns."""
    uit = []
    for reeks in tabel["reeksen"]:
        naam = reeks["waarde"]
        if isinstance(naam, list):  # several columns summed, in the block's one period
            problemen += ontbrekende_kolommen(pad, 1, kop, naam)
            periode = tabel.get("periode")
            uit.append([(int(periode), tuple(naam))] if periode not in (None, "") else [])
            continue
        if JAAR in naam:
            patroon = re.compile(re.escape(naam).replace(re.escape(JAAR), r"(\d{4})") + "$")
            paren = [(int(m[1]), k) for k in kop if (m := patroon.match(k))]
            if not paren:
                problemen.append(
                    Probleem(
                        str(pad),
                        1,
                        naam,
                        f"geen kolom volgens het patroon {naam!r} (hernoemd bij de uitgever?);"
                        f" gevonden {', '.join(repr(k) for k in kop[:12])}",
                    )
                )
            uit.append(paren)
            continue
        if naam not in kop:
            problemen += ontbrekende_kolommen(pad, 1, kop, [naam])
            uit.append([])
            continue
        periode = tabel.get("periode")
        if periode in (None, ""):
            problemen.append(
                Probleem(
                    str(pad),
                    1,
                    naam,
                    f"het blok heeft geen 'periode' en de kolom geen jaar; schrijf"
                    f" 'periode' of een kolompatroon als 'LEERLINGEN_{JAAR}'",
                )
            )
            uit.append([])
            continue
        jaar_in_naam = _JAAR_IN_NAAM.search(naam)
        if jaar_in_naam and int(jaar_in_naam[1]) != int(periode):
            problemen.append(
                Probleem(
                    str(pad),
                    1,
                    naam,
                    f"kolom {naam!r} hoort bij {jaar_in_naam[1]}, maar het blok zegt periode"
                    f" {periode}; kies de kolom van {periode} of gebruik 'LEERLINGEN_{JAAR}'"
                    " met 'jaren'",
                )
            )
            uit.append([])
            continue
        uit.append([(int(periode), naam)])
    return uit


def _cel(
    pad: Path, nummer: int, kolom: str, tekst: str, tekens: dict[str, list[int]], vestiging: str
) -> Som | Probleem | None:
    """One location's cell as a contribution to a sum; None for an empty cell."""
    cel = tekst.strip()
    if cel == "":
        return None  # DUO leaves a count empty where a school has no pupils of that kind
    if cel in tekens:
        laag, hoog = tekens[cel]
        return Som(0, laag, hoog, [vestiging], 1)
    if cel.isdigit():
        aantal = int(cel)
        return Som(aantal, 0, 0, [], 1 if aantal > 0 else 0)
    bekend = ", ".join(repr(t) for t in tekens)
    return Probleem(
        str(pad),
        nummer,
        kolom,
        f"{cel!r} is geen geheel getal en geen bekend privacyteken (bekend: {bekend});"
        " voeg een nieuw teken met zijn bereik toe aan 'onderdrukt' in de mapping",
    )


def _status(tabel: dict[str, Any], jaar: int) -> tuple[str, str]:
    """`afgeleid`, or `voorlopig` with its note for a year DUO itself calls provisional."""
    voorlopig = tabel.get("voorlopig") or {}
    if jaar in voorlopig.get("jaren", []):
        return "voorlopig", f". Voorlopig: {voorlopig['noot']}"
    return "afgeleid", ""


def _per_regio(
    pad: Path,
    reeks: dict[str, Any],
    bron_id: str,
    jaar: int,
    kolom: str,
    selectie: str,
    per_gemeente: dict[str, Som],
    indeling: dict[str, tuple[str, str]],
    problemen: list[Probleem],
) -> list[dict[str, Any]]:
    """Rows for `regio_waarneming`: each gemeente with pupils, and each provincie as the sum
    over its gemeenten (the unknown gemeente belongs to no provincie)."""
    provincies: dict[str, Som] = {}
    rijen = []
    for ruw, som in sorted(per_gemeente.items()):
        code = gemeentecode(ruw)
        if code is None or (code != ONBEKEND_CODE and code not in indeling):
            problemen.append(
                Probleem(
                    str(pad),
                    None,
                    "GEMEENTECODE",
                    f"gemeentecode {ruw!r} staat niet in de gemeente-indeling (samengevoegde of"
                    " nieuwe gemeente?); werk de indeling in data/raw/import bij",
                )
            )
            continue
        if som.vestigingen == 0:
            continue
        if code != ONBEKEND_CODE:
            provincies.setdefault(indeling[code][1], Som()).tel(som)
        rijen.append(
            _regio_rij(
                code, reeks, jaar, som, bron_id, som.formule(kolom, selectie, f"{pad.name}, {code}")
            )
        )
    for code, som in sorted(provincies.items()):
        rijen.append(
            _regio_rij(
                code,
                reeks,
                jaar,
                som,
                bron_id,
                som.formule(kolom, selectie, f"{pad.name}, gemeenten van {code} (indeling)"),
            )
        )
    return rijen


def _regio_rij(
    code: str, reeks: dict[str, Any], jaar: int, som: Som, bron_id: str, noot: str
) -> dict[str, Any]:
    grenzen = som.grenzen
    return {
        "regio_code": code,
        "indicator_id": reeks["indicator_id"],
        "jaar": jaar,
        "waarde": float(som.waarde),
        "ondergrens": None if grenzen is None else float(grenzen[0]),
        "bovengrens": None if grenzen is None else float(grenzen[1]),
        "aantal_vestigingen": som.vestigingen,
        "status": "afgeleid",
        "bron_id": bron_id,
        "noot": noot,
        "telling": "vestiging",
        "citaat": None,
    }


def gemeentecode(ruw: str) -> str | None:
    """DUO's `14` as CBS's `GM0014`; None for anything that is not a gemeente number."""
    ruw = ruw.strip().upper().removeprefix("GM")
    return f"GM{int(ruw):04d}" if ruw.isdigit() and len(ruw) <= 4 else None


def _vestigingsnaam(kop: list[str]):
    """A function naming a location for a note: its code, else its line in the file."""
    for kolommen in _VESTIGING:
        if all(k in kop for k in kolommen):
            return lambda rij, _n, ks=kolommen: "".join(rij[k].strip() for k in ks)
    return lambda _rij, nummer: f"regel {nummer}"


def _selectie_leeg(
    pad: Path, rijen: list[tuple[int, dict[str, str]]], reeks: dict
) -> list[Probleem]:
    problemen = []
    for kolom, gewenst in reeks.get("selectie", {}).items():
        waarden = sorted({r.get(kolom, "").strip() for _, r in rijen})
        if gewenst not in waarden:
            problemen.append(
                Probleem(
                    str(pad),
                    1,
                    kolom,
                    f"selectie {gewenst!r} voor {reeks['indicator_id']} komt in geen rij voor"
                    f" (hernoemd bij de uitgever?); wel in het bestand:"
                    f" {', '.join(repr(w) for w in waarden[:8])}",
                )
            )
    return problemen or [
        Probleem(
            str(pad),
            1,
            str(reeks["waarde"]),
            f"selectie {reeks['selectie']} voor {reeks['indicator_id']} past op geen enkele rij",
        )
    ]


def _lees(pad: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[Probleem]]:
    """Header, rows, and problems with the file's shape (a cut-off download shows here).

    DUO files end with a line break and every row has as many cells as the header; a row
    with fewer cells, or a last line without its line break, means the download was cut off.
    """
    tekst = lees_tekst(pad)  # older DUO files are Windows-1252
    if not tekst.strip():
        raise ImportFout([Probleem(str(pad), None, None, "bestand is leeg (download mislukt?)")])
    lezer = csv.reader(tekst.splitlines(), delimiter=";")
    kop = [k.strip() for k in next(lezer, [])]
    rijen, problemen = [], []
    for cellen in lezer:
        if not any(c.strip() for c in cellen):
            continue
        if len(cellen) != len(kop):
            problemen.append(
                Probleem(
                    str(pad),
                    lezer.line_num,
                    kop[min(len(cellen), len(kop)) - 1] if kop else None,
                    f"regel heeft {len(cellen)} cellen, de kop {len(kop)}"
                    " (bestand afgekapt bij het downloaden, of een ';' te veel?)",
                )
            )
            continue
        rijen.append((lezer.line_num, dict(zip(kop, cellen, strict=True))))
    if tekst and not tekst.endswith(("\n", "\r")):
        problemen.append(
            Probleem(
                str(pad),
                lezer.line_num,
                None,
                "bestand eindigt zonder regeleinde: afgekapt bij het downloaden? Download"
                " opnieuw (de sha256 in het manifest hoort bij het volledige bestand)",
            )
        )
    return kop, rijen, problemen


def lees_indeling(pad: Path) -> dict[str, tuple[str, str]] | list[Probleem]:
    """gemeente code → (naam, provinciecode) from `gemeentecode;gemeentenaam;provinciecode;…`."""
    kop, rijen, problemen = _lees(pad)
    nodig = ["gemeentecode", "gemeentenaam", "provinciecode", "provincienaam"]
    problemen += ontbrekende_kolommen(pad, 1, kop, nodig)
    if problemen:
        return problemen
    return {
        r["gemeentecode"].strip(): (r["gemeentenaam"].strip(), r["provinciecode"].strip())
        for _, r in rijen
    }


def regio_rijen(pad: Path) -> list[dict[str, Any]]:
    """The `regio` table: every gemeente and provincie of the indeling, and the unknown gemeente."""
    _, rijen, _ = _lees(pad)
    uit: dict[str, dict[str, Any]] = {}
    for _, r in rijen:
        uit[r["gemeentecode"]] = {
            "regio_code": r["gemeentecode"].strip(),
            "naam": r["gemeentenaam"].strip(),
            "niveau": "gemeente",
            "provincie": r["provinciecode"].strip(),
        }
        uit[r["provinciecode"]] = {
            "regio_code": r["provinciecode"].strip(),
            "naam": r["provincienaam"].strip(),
            "niveau": "provincie",
            "provincie": None,
        }
    uit[ONBEKEND_CODE] = {
        "regio_code": ONBEKEND_CODE,
        "naam": ONBEKEND_NAAM,
        "niveau": "gemeente",
        "provincie": None,
    }
    return sorted(uit.values(), key=lambda r: r["regio_code"])
