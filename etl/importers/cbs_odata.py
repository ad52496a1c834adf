"""CBS OData v3 reader: turns a snapshot folder into the common row form of `cbs.py`.

Format matched: the folder `cbsodata.download_data(table_id, dir=..., typed=True)` writes
(cbsodata 1.3.5, J535D165/cbsodata `cbsodata/cbsodata3.py`), with one JSON file per OData
entity set — `TableInfos.json` (Identifier, Title, Modified), `DataProperties.json` (Key,
Type = Dimension/TimeDimension/Topic, Title, Unit), `TypedDataSet.json` (one object per cell
row, a key per dimension and topic; `.` arrives as null) and one code list per dimension
(`Perioden.json`: Key `2019JJ00`, Title `2019*`). Each file is the `value` list of the OData
response; the raw `{"odata.metadata": ..., "value": [...]}` envelope is accepted too, and so is
`UntypedDataSet.json` (strings, `.` literal). `python -m etl fetch` writes this layout plus
`download.json` (download date).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from etl.importers.basis import (
    ImportFout,
    Importtabel,
    Periode,
    kolom_ontbreekt,
    lees_cel,
    periode_uit_code,
)
from etl.importers.cbs import (
    Cel,
    Celtabel,
    Rij,
    gebruikte_kolommen,
    lees_reeksen,
    nieuwe_importtabel,
)
from etl.problems import Probleem


def snapshot_map(import_dir: Path, tabel: dict[str, Any]) -> Path:
    """The mapped folder; without `bestand` the newest dated snapshot `<ID>-JJJJ-MM-DD`."""
    if tabel.get("bestand"):
        return import_dir / tabel["bestand"]
    tabel_id = tabel["tabel_id"].upper()
    kandidaten = sorted(
        p
        for p in (import_dir.iterdir() if import_dir.is_dir() else [])
        if p.is_dir() and re.fullmatch(rf"{tabel_id}(-\d{{4}}-\d{{2}}-\d{{2}})?", p.name.upper())
    )
    return kandidaten[-1] if kandidaten else import_dir / tabel_id


def zoek(map_: Path, naam: str) -> Path:
    """`naam` in `map_`, any case: a browser 'save as' writes `Tableinfos.Json`."""
    if (map_ / naam).exists() or not map_.is_dir():
        return map_ / naam
    for pad in map_.iterdir():
        if pad.name.lower() == naam.lower():
            return pad
    return map_ / naam


def lees_odata(map_: Path, tabel: dict[str, Any]) -> Importtabel:
    """Every mapped cell of one OData snapshot folder; ImportFout lists all problems in it."""
    info_pad = zoek(map_, "TableInfos.json")
    info = _lees_json(info_pad)
    info = info[0] if info else {}
    gevonden_id = str(info.get("Identifier", ""))
    if gevonden_id.upper() != tabel["tabel_id"].upper():
        raise ImportFout(
            [
                Probleem(
                    str(info_pad),
                    None,
                    "Identifier",
                    f"tabel-id klopt niet met de mapping: verwacht {tabel['tabel_id']!r},"
                    f" gevonden {gevonden_id!r}",
                )
            ]
        )
    eigenschappen_pad = zoek(map_, "DataProperties.json")
    eigenschappen = [e for e in _lees_json(eigenschappen_pad) if e.get("Key")]
    tijd = [e["Key"] for e in eigenschappen if e.get("Type") == "TimeDimension"]
    dimensies = [e["Key"] for e in eigenschappen if e.get("Type") in ("Dimension", "GeoDimension")]
    onderwerpen = {
        e["Key"]: e.get("Title", e["Key"]) for e in eigenschappen if e.get("Type") == "Topic"
    }
    dataset = zoek(map_, "TypedDataSet.json")
    if not dataset.exists() and zoek(map_, "UntypedDataSet.json").exists():
        dataset = zoek(map_, "UntypedDataSet.json")
    problemen = _controleer_kolommen(eigenschappen_pad, tabel, tijd, dimensies, onderwerpen)
    if problemen:
        raise ImportFout(problemen)
    codelijsten = {d: _codes(map_, d) for d in [*tijd, *dimensies]}
    geraadpleegd = tabel.get("geraadpleegd") or _download_datum(map_)
    uit = nieuwe_importtabel(
        map_,
        tabel,
        str(info.get("Title", tabel["tabel_id"])),
        str(info.get("Modified", ""))[:10] or None,
        geraadpleegd,
    )
    rijen = _lees_json(dataset)
    periode_key = tijd[0]
    titels = {d: {c: e["Title"] for c, e in lijst.items()} for d, lijst in codelijsten.items()}
    gekozen, gemapt = gebruikte_kolommen(tabel)
    celtabel = Celtabel(
        pad=str(dataset),
        rijen=[
            Rij(
                nummer,
                {d: _namen(rij, d, titels) for d in gekozen},
                _rij_periode(codelijsten[periode_key], rij.get(periode_key, "")),
                {w: _odata_cel(rij.get(w)) for w in gemapt},
                _citaat(uit.tabel_id, rij, [*dimensies, periode_key], titels),
            )
            for nummer, rij in enumerate(rijen, start=1)
        ],
        periode_kolom=periode_key,
        dimensies=dimensies,
        onderwerpen={w: onderwerpen[w] for w in gemapt},
        aanwezig={d: _aanwezig(rijen, d, titels) for d in gekozen},
        # A value missing from a dimension is best looked up in that dimension's code list.
        codelijst={d: str(zoek(map_, f"{d}.json") if titels.get(d) else dataset) for d in gekozen},
        kopregel=None,
        geen_rij="de combinatie bestaat niet",
    )
    return lees_reeksen(celtabel, tabel, uit)


def _lees_json(pad: Path) -> list[dict[str, Any]]:
    try:
        inhoud = json.loads(pad.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImportFout([Probleem(str(pad), None, None, "bestand ontbreekt")]) from None
    except (ValueError, UnicodeDecodeError) as fout:
        raise ImportFout(
            [
                Probleem(
                    str(pad),
                    None,
                    None,
                    f"geen geldige JSON (afgekapt bij het downloaden?): {fout}",
                )
            ]
        ) from None
    if isinstance(inhoud, dict) and "odata.nextLink" in inhoud:
        raise ImportFout(
            [
                Probleem(
                    str(pad),
                    None,
                    "odata.nextLink",
                    "onvolledig: de server gaf maar één pagina (CBS geeft per verzoek hoogstens"
                    " 10.000 rijen); download de hele tabel met python -m etl fetch",
                )
            ]
        )
    if isinstance(inhoud, dict) and "value" in inhoud:
        inhoud = inhoud["value"]
    if not isinstance(inhoud, list) or not all(isinstance(r, dict) for r in inhoud):
        raise ImportFout(
            [Probleem(str(pad), None, None, "verwacht een lijst van objecten (OData 'value')")]
        )
    return inhoud


def _rij_periode(codes: dict[str, dict[str, str]], code: Any) -> Periode | ValueError:
    """The period of a code, with the provisional mark from its code-list entry."""
    code = str(code)
    entry = codes.get(code.strip(), {})
    status = f"{entry.get('Status', '')} {entry.get('Description', '')}"
    try:
        return periode_uit_code(code, entry.get("Title", ""), status)
    except ValueError as fout:
        return fout


def _namen(rij: dict[str, Any], dimensie: str, titels: dict[str, dict[str, str]]) -> frozenset:
    """A selection value may be the code (`NL01`) or its title (`Nederland`)."""
    code = str(rij.get(dimensie, "")).strip()
    titel = titels.get(dimensie, {}).get(code)
    return frozenset(n for n in (code, titel, (titel or "").strip()) if n is not None)


def _aanwezig(rijen: list[dict], dimensie: str, titels: dict[str, dict[str, str]]) -> list[str]:
    """The values of a dimension in the file, by title where the code list has one."""
    codes = sorted({str(r.get(dimensie, "")).strip() for r in rijen})
    return [titels.get(dimensie, {}).get(c) or c for c in codes]


def _controleer_kolommen(
    pad: Path, tabel: dict[str, Any], tijd: list[str], dimensies: list[str], onderwerpen: dict
) -> list[Probleem]:
    problemen = []
    if len(tijd) != 1:
        problemen.append(Probleem(str(pad), None, None, "verwacht precies één TimeDimension"))
    for reeks in tabel["reeksen"]:
        if reeks["waarde"] not in onderwerpen:
            problemen.append(kolom_ontbreekt(pad, 1, reeks["waarde"], list(onderwerpen)))
        for dimensie in reeks.get("selectie", {}):
            if dimensie not in dimensies:
                problemen.append(kolom_ontbreekt(pad, 1, dimensie, dimensies))
    return problemen


def _codes(map_: Path, dimensie: str) -> dict[str, dict[str, str]]:
    """A dimension's code list: code → Title, Status and Description (as text)."""
    pad = zoek(map_, f"{dimensie}.json")
    if not pad.exists():
        return {}
    return {
        str(c.get("Key", "")).strip(): {
            k: str(c.get(k) or "") for k in ("Title", "Status", "Description")
        }
        for c in _lees_json(pad)
    }


def _download_datum(map_: Path) -> str | None:
    pad = zoek(map_, "download.json")
    if not pad.exists():
        return None
    try:
        inhoud = json.loads(pad.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return inhoud.get("geraadpleegd") if isinstance(inhoud, dict) else None


def _odata_cel(cel: Any) -> Cel | ValueError:
    """A typed cell (number or null) or an untyped one (text with `.` and marks)."""
    try:
        if cel is None:
            return Cel(None, "onbekend", "")
        if isinstance(cel, bool):
            raise ValueError(f"onbekende waarde {cel!r}")
        if isinstance(cel, int | float):
            waarde, teken = float(cel), ""
        else:
            waarde, teken = lees_cel(str(cel), decimaalkomma=False)
        return Cel(waarde, teken, "" if waarde is None else f"{_als_tekst(waarde)}{teken}")
    except ValueError as fout:
        return fout


def _citaat(tabel_id: str, rij: dict, sleutels: list[str], codes: dict) -> str:
    delen = [
        codes.get(k, {}).get(str(rij.get(k, "")).strip(), str(rij.get(k, ""))) for k in sleutels
    ]
    return f"StatLine {tabel_id}: " + " | ".join(d.strip() for d in delen)


def _als_tekst(waarde: float) -> str:
    return f"{waarde:g}" if waarde != int(waarde) else str(int(waarde))
