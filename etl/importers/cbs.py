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
    neem_periode,
    periode_uit_code,
    periode_uit_label,
    status_van,
    waarneming,
)
from etl.problems import Probleem

# CBS table ids: four or five digits and three letters, any case (`83296NED`, `37296ned`,
# `7052ENG`, `80518ENG`, `7461BEV`).
_TABEL_ID = re.compile(r"(?<![A-Za-z0-9])(\d{4,5}[A-Z]{3})(?![A-Za-z0-9])", re.IGNORECASE)
_DATUM = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{2})-(\d{2})-(\d{4})")


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
    }


# --- OData v3 -------------------------------------------------------------------------------


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
    titels = {d: {c: e["Title"] for c, e in lijst.items()} for d, lijst in codelijsten.items()}
    for reeks in tabel["reeksen"]:
        gezien: dict[int, int] = {}
        gevonden = genomen = 0
        for nummer, rij in enumerate(rijen, start=1):
            if not _past(rij, reeks.get("selectie", {}), titels):
                continue
            gevonden += 1
            plek = Probleem(str(dataset), nummer, reeks["waarde"], "")
            try:
                code = str(rij.get(periode_key, ""))
                periode = _periode(codelijsten[periode_key], code)
                reden = neem_periode(periode, tabel, reeks)
                if reden:
                    uit.sla_over(reden)
                    continue
                genomen += 1
                waarde, teken = _odata_waarde(rij.get(reeks["waarde"]))
                if waarde is None:
                    uit.sla_over(teken)
                    continue
                status = _status(periode, teken, tabel["statustekens"])
            except ValueError as fout:
                kolom = periode_key if "periode" in str(fout) else plek.kolom
                problemen.append(Probleem(plek.pad, nummer, kolom, str(fout)))
                continue
            if periode.jaar in gezien:
                problemen.append(_niet_eenduidig(plek, gezien[periode.jaar], dimensies, reeks))
                continue
            gezien[periode.jaar] = nummer
            citaat = _citaat(uit.tabel_id, rij, [*dimensies, periode_key], titels)
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
        if not gevonden:
            problemen += _selectie_leeg(map_, dataset, rijen, reeks, titels)
        elif not genomen and not problemen:
            problemen.append(_geen_periode(dataset, reeks, uit))
    if problemen:
        raise ImportFout(problemen)
    return uit


def _periode(codes: dict[str, dict[str, str]], code: str) -> Periode:
    """The period of a code, with the provisional mark from its code-list entry."""
    entry = codes.get(code.strip(), {})
    status = f"{entry.get('Status', '')} {entry.get('Description', '')}"
    return periode_uit_code(code, entry.get("Title", ""), status)


def _selectie_leeg(
    map_: Path, dataset: Path, rijen: list[dict], reeks: dict, titels: dict[str, dict[str, str]]
) -> list[Probleem]:
    """A selection value no row has: name the dimension and what the file does contain."""
    problemen = []
    for dimensie, gewenst in reeks.get("selectie", {}).items():
        if _past_een(rijen, dimensie, gewenst, titels):
            continue
        codes = sorted({str(r.get(dimensie, "")).strip() for r in rijen})
        namen = [titels.get(dimensie, {}).get(c) or c for c in codes]
        problemen.append(
            Probleem(
                str(zoek(map_, f"{dimensie}.json") if titels.get(dimensie) else dataset),
                None,
                dimensie,
                f"selectie {gewenst!r} voor {reeks['indicator_id']} komt in geen rij voor"
                f" (hernoemd bij de uitgever, of een titel in een andere taal?); wel in het"
                f" bestand: {_opsomming(namen)}",
            )
        )
    if not problemen:  # each value exists, but not together
        problemen.append(
            Probleem(
                str(dataset),
                None,
                reeks["waarde"],
                f"selectie {reeks.get('selectie', {})} voor {reeks['indicator_id']} past op"
                " geen enkele rij (de combinatie bestaat niet)",
            )
        )
    return problemen


def _past_een(rijen: list[dict], dimensie: str, gewenst: str, titels: dict) -> bool:
    return any(_past(r, {dimensie: gewenst}, titels) for r in rijen)


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


def _opsomming(namen: list[str], hoogstens: int = 8) -> str:
    getoond = ", ".join(repr(n) for n in namen[:hoogstens])
    return getoond + (f" en nog {len(namen) - hoogstens}" if len(namen) > hoogstens else "")


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


def _past(rij: dict[str, Any], selectie: dict[str, str], codes: dict[str, dict[str, str]]) -> bool:
    """A selection value may be the code (`NL01`) or its title (`Nederland`)."""
    for dimensie, gewenst in selectie.items():
        code = str(rij.get(dimensie, "")).strip()
        titel = codes.get(dimensie, {}).get(code)
        if str(gewenst).strip() not in (code, titel, (titel or "").strip()):
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
    nodig = [
        periode_kolom,
        *{k for r in tabel["reeksen"] for k in [r["waarde"], *r.get("selectie", {})]},
    ]
    ontbreekt = ontbrekende_kolommen(pad, kopregel, kop, nodig)
    if ontbreekt:
        oud = _oude_indeling(pad, kopregel, kop, regels[kop_index + 1 : kop_index + 3], nodig)
        problemen += [oud] if oud else ontbreekt
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
    rijen = [(n, dict(zip(kop, (c.strip() for c in cellen), strict=True))) for n, cellen in data]
    for reeks in tabel["reeksen"]:
        gezien: dict[int, int] = {}
        gevonden = genomen = 0
        for (nummer, rij), (_, cellen) in zip(rijen, data, strict=True):
            if any(rij[k] != str(v).strip() for k, v in reeks.get("selectie", {}).items()):
                continue
            gevonden += 1
            try:
                periode = periode_uit_label(rij[periode_kolom])
                reden = neem_periode(periode, tabel, reeks)
                if reden:
                    uit.sla_over(reden)
                    continue
                genomen += 1
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
        if not gevonden:
            problemen += _csv_selectie_leeg(pad, kopregel, [r for _, r in rijen], reeks)
        elif not genomen and not problemen:
            problemen.append(_geen_periode(pad, reeks, uit))
    if problemen:
        raise ImportFout(problemen)
    return uit


def _csv_selectie_leeg(
    pad: Path, kopregel: int, rijen: list[dict[str, str]], reeks: dict
) -> list[Probleem]:
    problemen = []
    for kolom, gewenst in reeks.get("selectie", {}).items():
        waarden = sorted({r[kolom] for r in rijen})
        if str(gewenst).strip() not in waarden:
            problemen.append(
                Probleem(
                    str(pad),
                    kopregel,
                    kolom,
                    f"selectie {gewenst!r} voor {reeks['indicator_id']} komt in geen rij voor"
                    f" (hernoemd bij de uitgever, of een titel in een andere taal?); wel in het"
                    f" bestand: {_opsomming(waarden)}",
                )
            )
    return problemen or [
        Probleem(
            str(pad),
            kopregel,
            reeks["waarde"],
            f"selectie {reeks.get('selectie', {})} voor {reeks['indicator_id']} past op geen"
            " enkele rij (de combinatie bestaat niet, of de tabel heeft geen rijen)",
        )
    ]


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
        waarom.append(f"de perioden staan als kolommen ({_opsomming(perioden, 3)})")
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
