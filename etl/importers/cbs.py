"""CBS StatLine importers: OData v3 snapshots and the StatLine CSV export.

Formats matched:
- **OData v3** as written by `cbsodata.download_data(table_id, dir=..., typed=True)` (cbsodata
  1.3.5, J535D165/cbsodata `cbsodata/cbsodata3.py`): one folder per table with one JSON file per
  OData entity set — `TableInfos.json` (Identifier, Title, Modified), `DataProperties.json` (Key,
  Type = Dimension/TimeDimension/Topic, Title, Unit), `TypedDataSet.json` (one object per cell
  row, a key per dimension and topic; `.` arrives as null) and one code list per dimension
  (`Perioden.json`: Key `2019JJ00`, Title `2019*`). Each file is the `value` list of the OData
  response; the raw `{"odata.metadata": ..., "value": [...]}` envelope is accepted too, and so
  is `UntypedDataSet.json` (strings, `.` literal). `python -m etl fetch` writes this layout
  plus `download.json` (download date).
- **StatLine CSV export**: `;` separator, decimal comma, quoted headers (dimension and topic
  titles), period labels such as `2019/'20*`; title/footer lines of a single cell around the
  table are allowed and searched for the table id and a date.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from etl.importers.basis import (
    ImportFout,
    Importtabel,
    Periode,
    lees_cel,
    periode_uit_code,
    periode_uit_label,
    status_van,
    waarneming,
)
from etl.problems import Probleem

_TABEL_ID = re.compile(r"(?<![A-Za-z0-9])(\d{5}[A-Z]{3})(?![A-Za-z0-9])", re.IGNORECASE)
_DATUM = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{2})-(\d{2})-(\d{4})")


def tabel_url(tabel_id: str) -> str:
    return f"https://www.cbs.nl/nl-nl/cijfers/detail/{tabel_id.upper()}"


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
    }


# --- OData v3 -------------------------------------------------------------------------------


def snapshot_map(import_dir: Path, tabel: dict[str, Any]) -> Path:
    """The mapped folder; without `bestand` the newest dated snapshot `<ID>-JJJJ-MM-DD`."""
    if tabel.get("bestand"):
        return import_dir / tabel["bestand"]
    tabel_id = tabel["tabel_id"]
    kandidaten = sorted(p for p in import_dir.glob(f"{tabel_id}*") if p.is_dir())
    return kandidaten[-1] if kandidaten else import_dir / tabel_id


def _lees_json(pad: Path) -> list[dict[str, Any]]:
    try:
        inhoud = json.loads(pad.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImportFout([Probleem(str(pad), None, None, "bestand ontbreekt")]) from None
    except (ValueError, UnicodeDecodeError) as fout:
        raise ImportFout([Probleem(str(pad), None, None, f"geen geldige JSON: {fout}")]) from None
    if isinstance(inhoud, dict) and "value" in inhoud:
        inhoud = inhoud["value"]
    if not isinstance(inhoud, list):
        raise ImportFout([Probleem(str(pad), None, None, "verwacht een lijst (OData 'value')")])
    return inhoud


def lees_odata(map_: Path, tabel: dict[str, Any]) -> Importtabel:
    """Every mapped cell of one OData snapshot folder; ImportFout lists all problems in it."""
    info = _lees_json(map_ / "TableInfos.json")
    info = info[0] if info else {}
    gevonden_id = str(info.get("Identifier", ""))
    if gevonden_id.upper() != tabel["tabel_id"].upper():
        raise ImportFout(
            [
                Probleem(
                    str(map_ / "TableInfos.json"),
                    None,
                    "Identifier",
                    f"tabel-id klopt niet met de mapping: verwacht {tabel['tabel_id']!r},"
                    f" gevonden {gevonden_id!r}",
                )
            ]
        )
    eigenschappen = _lees_json(map_ / "DataProperties.json")
    tijd = [e["Key"] for e in eigenschappen if e.get("Type") == "TimeDimension"]
    dimensies = [e["Key"] for e in eigenschappen if e.get("Type") in ("Dimension", "GeoDimension")]
    onderwerpen = {
        e["Key"]: e.get("Title", e["Key"]) for e in eigenschappen if e.get("Type") == "Topic"
    }
    dataset = map_ / "TypedDataSet.json"
    if not dataset.exists() and (map_ / "UntypedDataSet.json").exists():
        dataset = map_ / "UntypedDataSet.json"
    problemen = _controleer_kolommen(
        map_ / "DataProperties.json", tabel, tijd, dimensies, onderwerpen
    )
    if problemen:
        raise ImportFout(problemen)
    codelijsten = {d: _codes(map_, d) for d in [*tijd, *dimensies]}
    geraadpleegd = tabel.get("geraadpleegd") or _download_datum(map_)
    uit = Importtabel(
        str(map_),
        tabel["tabel_id"].upper(),
        bron_rij(
            tabel["tabel_id"],
            str(info.get("Title", tabel["tabel_id"])),
            str(info.get("Modified", ""))[:10] or None,
            geraadpleegd,
            tabel.get("bron_id"),
        ),
    )
    rijen = _lees_json(dataset)
    periode_key = tijd[0]
    for reeks in tabel["reeksen"]:
        gezien: dict[int, int] = {}
        for nummer, rij in enumerate(rijen, start=1):
            if not _past(rij, reeks.get("selectie", {}), codelijsten):
                continue
            plek = Probleem(str(dataset), nummer, reeks["waarde"], "")
            try:
                code = str(rij.get(periode_key, ""))
                periode = periode_uit_code(code, codelijsten[periode_key].get(code.strip(), ""))
                waarde, teken = _odata_waarde(rij.get(reeks["waarde"]))
                if waarde is None:
                    uit.sla_over(teken)
                    continue
                status = _status(periode, teken, tabel["statustekens"])
            except ValueError as fout:
                problemen.append(Probleem(plek.pad, nummer, plek.kolom, str(fout)))
                continue
            if periode.jaar in gezien:
                problemen.append(_niet_eenduidig(plek, gezien[periode.jaar], dimensies, reeks))
                continue
            gezien[periode.jaar] = nummer
            citaat = _citaat(uit.tabel_id, rij, [*dimensies, periode_key], codelijsten)
            _voeg_toe(
                uit,
                reeks,
                periode,
                waarde,
                status,
                f"{citaat} | {onderwerpen[reeks['waarde']]}: {_als_tekst(waarde)}{teken}",
                nummer,
                dataset,
            )
    if problemen:
        raise ImportFout(problemen)
    return uit


def _controleer_kolommen(
    pad: Path, tabel: dict[str, Any], tijd: list[str], dimensies: list[str], onderwerpen: dict
) -> list[Probleem]:
    problemen = []
    if len(tijd) != 1:
        problemen.append(Probleem(str(pad), None, None, "verwacht precies één TimeDimension"))
    for reeks in tabel["reeksen"]:
        if reeks["waarde"] not in onderwerpen:
            problemen.append(_kolom_ontbreekt(pad, 1, reeks["waarde"], list(onderwerpen)))
        for dimensie in reeks.get("selectie", {}):
            if dimensie not in dimensies:
                problemen.append(_kolom_ontbreekt(pad, 1, dimensie, dimensies))
    return problemen


def _voeg_toe(
    uit: Importtabel,
    reeks: dict[str, Any],
    periode: Periode,
    waarde: float,
    status: str,
    citaat: str,
    regel: int,
    pad: Path | str,
) -> None:
    """One imported row, with the file and period kind the checks report on."""
    uit.waarnemingen.append(
        waarneming(reeks, periode.jaar, waarde, status, uit.bron["bron_id"], citaat, regel)
        | {"_pad": str(pad), "_periodesoort": periode.soort}
    )


def ontbrekende_kolommen(
    pad: Path | str, regel: int, kop: list[str], nodig: list[str]
) -> list[Probleem]:
    """One problem per needed column missing from a header, naming the columns that are there."""
    over = [g for g in kop if g not in nodig]
    return [_kolom_ontbreekt(pad, regel, k, over) for k in nodig if k not in kop]


def _kolom_ontbreekt(pad: Path | str, regel: int, verwacht: str, gevonden: list[str]) -> Probleem:
    return Probleem(
        str(pad),
        regel,
        verwacht,
        f"kolom ontbreekt (hernoemd bij de uitgever?): verwacht {verwacht!r},"
        f" gevonden {', '.join(repr(g) for g in gevonden) or 'niets'}",
    )


def _codes(map_: Path, dimensie: str) -> dict[str, str]:
    pad = map_ / f"{dimensie}.json"
    if not pad.exists():
        return {}
    return {str(c["Key"]).strip(): str(c.get("Title", "")) for c in _lees_json(pad)}


def _download_datum(map_: Path) -> str | None:
    pad = map_ / "download.json"
    if not pad.exists():
        return None
    return json.loads(pad.read_text(encoding="utf-8")).get("geraadpleegd")


def _past(rij: dict[str, Any], selectie: dict[str, str], codes: dict[str, dict[str, str]]) -> bool:
    """A selection value may be the code (`NL01`) or its title (`Nederland`)."""
    for dimensie, gewenst in selectie.items():
        code = str(rij.get(dimensie, "")).strip()
        if gewenst.strip() not in (code, codes.get(dimensie, {}).get(code)):
            return False
    return True


def _odata_waarde(cel: Any) -> tuple[float | None, str]:
    if cel is None:
        return None, "onbekend"
    if isinstance(cel, bool):
        raise ValueError(f"onbekende waarde {cel!r}")
    if isinstance(cel, int | float):
        return float(cel), ""
    return lees_cel(str(cel), decimaalkomma=False)


def _status(periode: Periode, teken: str, tekens: dict[str, str]) -> str:
    statussen = {status_van(periode.teken, tekens), status_van(teken, tekens)}
    return "voorlopig" if "voorlopig" in statussen else statussen.pop()


def _niet_eenduidig(plek: Probleem, eerder: int, dimensies: list[str], reeks: dict) -> Probleem:
    vrij = [d for d in dimensies if d not in reeks.get("selectie", {})]
    return Probleem(
        plek.pad,
        plek.regel,
        plek.kolom,
        f"selectie is niet eenduidig: ook rij {eerder} geeft dit jaar voor"
        f" {reeks['indicator_id']}; leg {', '.join(vrij)} vast in 'selectie'",
    )


def _citaat(tabel_id: str, rij: dict, sleutels: list[str], codes: dict) -> str:
    delen = [
        codes.get(k, {}).get(str(rij.get(k, "")).strip(), str(rij.get(k, ""))) for k in sleutels
    ]
    return f"StatLine {tabel_id}: " + " | ".join(d.strip() for d in delen)


def _als_tekst(waarde: float) -> str:
    return f"{waarde:g}" if waarde != int(waarde) else str(int(waarde))


# --- StatLine CSV export --------------------------------------------------------------------


def lees_csv(pad: Path, tabel: dict[str, Any]) -> Importtabel:
    """Every mapped cell of a StatLine CSV export; ImportFout lists all problems in it."""
    regels = _csv_regels(pad)
    kop_index = next((i for i, (_, r) in enumerate(regels) if len([c for c in r if c]) > 1), None)
    if kop_index is None:
        raise ImportFout(
            [Probleem(str(pad), None, None, "geen tabel gevonden (kopregel ontbreekt)")]
        )
    kopregel, kop = regels[kop_index]
    kop = [k.strip() for k in kop]
    data = [(n, r) for n, r in regels[kop_index + 1 :] if len(r) == len(kop)]
    rest = [" ".join(r) for i, (_, r) in enumerate(regels) if i != kop_index and len(r) != len(kop)]
    problemen = _controleer_tabel_id(pad, tabel, rest)
    periode_kolom = tabel.get("perioden_kolom", "Perioden")
    nodig = [
        periode_kolom,
        *{k for r in tabel["reeksen"] for k in [r["waarde"], *r.get("selectie", {})]},
    ]
    problemen += ontbrekende_kolommen(pad, kopregel, kop, nodig)
    if problemen:
        raise ImportFout(problemen)
    uit = Importtabel(
        str(pad),
        tabel["tabel_id"].upper(),
        bron_rij(
            tabel["tabel_id"],
            tabel.get("titel") or (rest[0].strip() if rest else tabel["tabel_id"]),
            _datum_uit([pad.name, *rest]),
            tabel.get("geraadpleegd"),
            tabel.get("bron_id"),
        ),
    )
    for reeks in tabel["reeksen"]:
        gezien: dict[int, int] = {}
        for nummer, cellen in data:
            rij = dict(zip(kop, (c.strip() for c in cellen), strict=True))
            if any(rij[k] != v for k, v in reeks.get("selectie", {}).items()):
                continue
            try:
                periode = periode_uit_label(rij[periode_kolom])
                waarde, teken = lees_cel(rij[reeks["waarde"]], decimaalkomma=True)
                if waarde is None:
                    uit.sla_over(teken)
                    continue
                status = _status(periode, teken, tabel["statustekens"])
            except ValueError as fout:
                kolom = periode_kolom if "periode" in str(fout) else reeks["waarde"]
                problemen.append(Probleem(str(pad), nummer, kolom, str(fout)))
                continue
            if periode.jaar in gezien:
                problemen.append(
                    _niet_eenduidig(
                        Probleem(str(pad), nummer, reeks["waarde"], ""),
                        gezien[periode.jaar],
                        [
                            k
                            for k in kop
                            if k != periode_kolom
                            and k not in {r["waarde"] for r in tabel["reeksen"]}
                        ],
                        reeks,
                    )
                )
                continue
            gezien[periode.jaar] = nummer
            citaat = " | ".join(cellen[: kop.index(periode_kolom) + 1])
            _voeg_toe(
                uit,
                reeks,
                periode,
                waarde,
                status,
                f"StatLine {uit.tabel_id}: {citaat} | {reeks['waarde']}: {rij[reeks['waarde']]}",
                nummer,
                pad,
            )
    if problemen:
        raise ImportFout(problemen)
    return uit


def _csv_regels(pad: Path) -> list[tuple[int, list[str]]]:
    try:
        tekst = pad.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFout([Probleem(str(pad), None, None, "bestand ontbreekt")]) from None
    except UnicodeDecodeError:
        tekst = pad.read_text(encoding="cp1252")
    lezer = csv.reader(tekst.splitlines(), delimiter=";", quotechar='"')
    return [(lezer.line_num, r) for r in lezer if any(c.strip() for c in r)]


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
