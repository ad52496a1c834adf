"""The declarative mapping `data/raw/import/mapping.json`: which publisher file feeds which indicator.

Kept as plain JSON checked here (not code), so a policy employee can add a table by copying an
entry. Every mistake in it is a `Probleem` pointing at the mapping, never a traceback.
"""

from __future__ import annotations

import json
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
    "duo-csv": ("bestand", "bron_id", "titel", "url", "periode"),
}


def import_map(raw_dir: Path) -> Path:
    return raw_dir / IMPORT_MAP


def lees_mapping(raw_dir: Path) -> list[dict[str, Any]] | None:
    """The mapped tables, or None when there is nothing to import (no folder or no mapping)."""
    pad = import_map(raw_dir) / MAPPING_NAAM
    if not pad.is_file():
        return None
    try:
        inhoud = json.loads(pad.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as fout:
        raise ImportFout([Probleem(str(pad), None, None, f"geen geldige JSON: {fout}")]) from None
    tabellen = inhoud.get("tabellen") if isinstance(inhoud, dict) else None
    if not isinstance(tabellen, list):
        raise ImportFout([Probleem(str(pad), None, "tabellen", "verwacht een lijst 'tabellen'")])
    problemen = [p for i, t in enumerate(tabellen) for p in _controleer(pad, i, t)]
    if problemen:
        raise ImportFout(problemen)
    for t in tabellen:
        t["statustekens"] = {**STANDAARD_TEKENS, **t.get("statustekens", {})}
    return tabellen


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
    reeksen = tabel.get("reeksen")
    if not isinstance(reeksen, list) or not reeksen:
        problemen.append(Probleem(str(pad), None, f"{plek}.reeksen", "verwacht minstens één reeks"))
        return problemen
    for j, reeks in enumerate(reeksen):
        for sleutel in ("indicator_id", "waarde"):
            if not isinstance(reeks, dict) or not reeks.get(sleutel):
                problemen.append(
                    Probleem(str(pad), None, f"{plek}.reeksen[{j}].{sleutel}", "verplicht veld")
                )
    return problemen
