"""`python -m etl fetch [TABLE_ID ...]`: download mapped CBS tables as dated OData snapshots.

Optional and never needed to build or test: it needs the `fetch` extra (`cbsodata`) and the
network. Each table goes to `data/raw/import/<ID>-<JJJJ-MM-DD>/` in the layout of
`cbsodata.download_data(..., typed=True)` plus `download.json` with the download date, and an
entry in `data/raw/import/manifest.json` (publisher, title, URL, date, licence, sha256, how it
was fetched); a mapping entry without `bestand` then picks the newest snapshot. The download
lands in a temp folder first, so a broken connection leaves no half snapshot.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from etl.importers.basis import ImportFout
from etl.importers.cbs import tabel_url
from etl.importers.manifest import schrijf_regel, sha256
from etl.importers.mapping import import_map, lees_mapping

TIJDSLIMIET_S = 20


class FetchFout(Exception):
    """A sentence for the user: what went wrong and what to do."""


def gemapte_tabellen(raw_dir: Path) -> list[str]:
    try:
        mapping = lees_mapping(raw_dir) or []
    except ImportFout as fout:
        raise FetchFout("; ".join(str(p) for p in fout.problemen)) from None
    return sorted({t["tabel_id"].upper() for t in mapping if t["formaat"] == "cbs-odata"})


def haal_op(raw_dir: Path, tabel_ids: list[str], vandaag: date | None = None) -> list[Path]:
    """Download each table; raise FetchFout with a clear message when offline or not installed."""
    try:
        import cbsodata  # optional extra: pip install -e ".[fetch]"
    except ImportError:
        raise FetchFout(
            "het pakket cbsodata ontbreekt; installeer het met: pip install -e '.[fetch]'"
        ) from None
    tabel_ids = [t.upper() for t in tabel_ids] or gemapte_tabellen(raw_dir)
    if not tabel_ids:
        raise FetchFout(
            f"geen CBS-tabellen om op te halen: geef een tabel-id of zet er een (formaat"
            f" cbs-odata) in {import_map(raw_dir) / 'mapping.json'}"
        )
    dag = (vandaag or date.today()).isoformat()
    geschreven = []
    for tabel_id in tabel_ids:
        doel = import_map(raw_dir) / f"{tabel_id}-{dag}"
        tijdelijk = doel.with_name(f".{doel.name}.tmp")
        shutil.rmtree(tijdelijk, ignore_errors=True)
        try:
            cbsodata.download_data(tabel_id, dir=str(tijdelijk), typed=True, timeout=TIJDSLIMIET_S)
        except Exception as fout:  # requests' errors, without importing requests here
            shutil.rmtree(tijdelijk, ignore_errors=True)
            raise FetchFout(_uitleg(tabel_id, fout)) from None
        (tijdelijk / "download.json").write_text(
            json.dumps(_herkomst(tabel_id, dag), indent=2) + "\n", encoding="utf-8"
        )
        shutil.rmtree(doel, ignore_errors=True)
        tijdelijk.rename(doel)
        schrijf_regel(import_map(raw_dir), _manifestregel(doel, tabel_id, dag))
        geschreven.append(doel)
    return geschreven


def _manifestregel(map_: Path, tabel_id: str, dag: str) -> dict[str, Any]:
    """The snapshot's manifest entry: the build checks its sha256 before every import."""
    titel = tabel_id
    try:
        info = json.loads((map_ / "TableInfos.json").read_text(encoding="utf-8"))
        info = info.get("value", info) if isinstance(info, dict) else info
        titel = str(info[0].get("Title") or tabel_id)
    except (OSError, ValueError, LookupError, AttributeError):
        pass  # the import itself reports a broken TableInfos.json
    try:
        client = f"cbsodata {version('cbsodata')}"
    except PackageNotFoundError:
        client = "cbsodata"
    return {
        "pad": map_.name,
        "uitgever": "CBS",
        "titel": f"StatLine {tabel_id}: {titel}",
        "url": tabel_url(tabel_id),
        "geraadpleegd": dag,
        "licentie": "CC BY 4.0",
        "sha256": sha256(map_),
        "herkomst": f"python -m etl fetch: {client} download_data({tabel_id!r}, typed=True) van"
        f" CBS open data (OData v3, https://opendata.cbs.nl/ODataApi/odata/{tabel_id})",
    }


def _herkomst(tabel_id: str, dag: str) -> dict[str, Any]:
    return {"tabel_id": tabel_id, "geraadpleegd": dag, "url": tabel_url(tabel_id)}


def _uitleg(tabel_id: str, fout: Exception) -> str:
    soort = type(fout).__name__
    if soort in ("ConnectionError", "Timeout", "ConnectTimeout", "ReadTimeout") or isinstance(
        fout, OSError
    ):
        return (
            f"kon {tabel_id} niet downloaden: geen verbinding met CBS open data ({soort})."
            " Werk offline verder met de bestanden in data/raw/import, of download de tabel"
            " handmatig (zie README, Nieuwe cijfers toevoegen)."
        )
    return f"kon {tabel_id} niet downloaden: {fout}"
