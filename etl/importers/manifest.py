"""The snapshot manifest `data/raw/import/manifest.json`: where every publisher file came from.

The habit of owid/etl: a build never reads a publisher file it cannot account for. Each file (or
OData snapshot folder) the mapping uses has an entry — publisher, title, URL, retrieved date,
licence, sha256 and where the copy came from — and the build checks the sha256 before it reads a
byte. A changed, replaced or cut-off download is then a clear error instead of different numbers.

The sha256 of a folder (an OData snapshot) is the sha256 of the text lines
`<sha256 of the file>  <name>\\n`, one per file in byte order of the name: what `sha256sum`
prints for the sorted files, so it can be checked by hand.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from etl.importers.basis import ImportFout
from etl.importers.mapping import lees_json
from etl.problems import Probleem

MANIFEST_NAAM = "manifest.json"
VELDEN = ("pad", "uitgever", "titel", "url", "geraadpleegd", "licentie", "sha256", "herkomst")
_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sha256(pad: Path) -> str:
    """The sha256 of a file, or of a snapshot folder (see the module docstring)."""
    if pad.is_dir():
        regels = "".join(
            f"{sha256(p)}  {p.relative_to(pad).as_posix()}\n"
            for p in sorted(pad.rglob("*"), key=lambda p: p.relative_to(pad).as_posix().encode())
            if p.is_file()
        )
        return hashlib.sha256(regels.encode("utf-8")).hexdigest()
    h = hashlib.sha256()
    with open(pad, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def lees_manifest(import_dir: Path) -> list[dict[str, Any]] | None:
    """The entries, or None when there is no manifest; ImportFout when it is not valid JSON."""
    pad = import_dir / MANIFEST_NAAM
    if not pad.is_file():
        return None
    inhoud = lees_json(pad)
    bestanden = inhoud.get("bestanden") if isinstance(inhoud, dict) else None
    if not isinstance(bestanden, list) or not all(isinstance(b, dict) for b in bestanden):
        raise ImportFout([Probleem(str(pad), None, "bestanden", "verwacht een lijst 'bestanden'")])
    return bestanden


def controleer_manifest(import_dir: Path, gebruikt: list[Path]) -> dict[str, dict[str, Any]]:
    """Check every entry's fields and sha256, and that every used file has an entry.

    Returns the entries by path (relative to the import folder); raises ImportFout with every
    problem found, so the build stops before reading any publisher file.
    """
    manifest_pad = import_dir / MANIFEST_NAAM
    bestanden = lees_manifest(import_dir)
    problemen: list[Probleem] = []
    if bestanden is None:
        bestanden = []
        if gebruikt:
            problemen.append(
                Probleem(
                    str(manifest_pad),
                    None,
                    None,
                    "manifest ontbreekt: elk uitgeversbestand dat de mapping gebruikt heeft een"
                    " regel met uitgever, titel, url, geraadpleegd, licentie, sha256 en herkomst"
                    " (zie README, Nieuwe cijfers toevoegen)",
                )
            )
    per_pad: dict[str, dict[str, Any]] = {}
    for i, regel in enumerate(bestanden):
        plek = f"bestanden[{i}]"
        ontbreekt = [v for v in VELDEN if not isinstance(regel.get(v), str) or not regel[v].strip()]
        for veld in ontbreekt:
            problemen.append(Probleem(str(manifest_pad), None, f"{plek}.{veld}", "verplicht veld"))
        if "pad" in ontbreekt:
            continue
        if regel["pad"] in per_pad:
            problemen.append(
                Probleem(
                    str(manifest_pad),
                    None,
                    f"{plek}.pad",
                    f"{regel['pad']!r} staat er twee keer in",
                )
            )
        per_pad[regel["pad"]] = regel
        if "geraadpleegd" not in ontbreekt and not _DATUM.match(regel["geraadpleegd"]):
            problemen.append(
                Probleem(str(manifest_pad), None, f"{plek}.geraadpleegd", "verwacht JJJJ-MM-DD")
            )
        pad = import_dir / regel["pad"]
        if not pad.exists():
            problemen.append(
                Probleem(str(pad), None, None, f"bestand uit het manifest ({plek}) ontbreekt")
            )
            continue
        if "sha256" in ontbreekt:
            continue
        berekend = sha256(pad)
        if berekend != regel["sha256"].strip().lower():
            problemen.append(
                Probleem(
                    str(pad),
                    None,
                    "sha256",
                    f"klopt niet met het manifest: verwacht {regel['sha256']}, berekend {berekend}."
                    " Het bestand is veranderd, vervangen of afgekapt; zet het origineel terug,"
                    " of werk bij een nieuwe download de hele manifestregel bij",
                )
            )
    for pad in gebruikt:
        naam = pad.relative_to(import_dir).as_posix()
        if naam not in per_pad and pad.exists():
            problemen.append(
                Probleem(
                    str(pad),
                    None,
                    None,
                    f"staat niet in {MANIFEST_NAAM}: voeg een regel toe met pad {naam!r}, uitgever,"
                    f" titel, url, geraadpleegd, licentie, herkomst en sha256 {sha256(pad)}",
                )
            )
    if problemen:
        raise ImportFout(problemen)
    return per_pad


def schrijf_regel(import_dir: Path, regel: dict[str, Any]) -> None:
    """Add or replace the entry for `regel['pad']`; written via a temp file and a rename."""
    pad = import_dir / MANIFEST_NAAM
    bestanden = [b for b in (lees_manifest(import_dir) or []) if b.get("pad") != regel["pad"]]
    bestanden = sorted([*bestanden, regel], key=lambda b: str(b.get("pad")))
    tijdelijk = pad.with_name(f".{pad.name}.tmp")
    tijdelijk.write_text(
        json.dumps({"bestanden": bestanden}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    os.replace(tijdelijk, pad)
