"""Test helper: record new sha256s after a test damaged a publisher file on purpose.

Tests of an importer's own checks (a cut-off row, an unknown mark) change a copy of a fixture;
without a new sha256 the manifest check would stop the build first. The manifest check itself
is tested on undamaged manifests in test_manifest.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from etl.importers.manifest import MANIFEST_NAAM, lees_manifest, sha256


def herstempel(raw: Path) -> None:
    import_dir = raw / "import"
    bestanden = lees_manifest(import_dir)
    if bestanden is None:
        return
    for regel in bestanden:
        if (import_dir / regel["pad"]).exists():
            regel["sha256"] = sha256(import_dir / regel["pad"])
    (import_dir / MANIFEST_NAAM).write_text(
        json.dumps({"bestanden": bestanden}, indent=2, ensure_ascii=False), encoding="utf-8"
    )


def hernoem(raw: Path, oud: str, nieuw: str) -> None:
    """Rename a publisher file in raw/import together with its manifest entry."""
    import_dir = raw / "import"
    (import_dir / oud).rename(import_dir / nieuw)
    pad = import_dir / MANIFEST_NAAM
    pad.write_text(
        pad.read_text(encoding="utf-8").replace(f'"{oud}"', f'"{nieuw}"'), encoding="utf-8"
    )
