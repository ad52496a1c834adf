"""A process that builds twice reads an unchanged publisher file once, and never gets a stale
or shared result: the copy names its own folder, a changed setting reads afresh."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import etl.importers as importers
from etl.config import RAW_DIR


@pytest.fixture
def leeg(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """An empty memory, and a log of the reads that really happened."""
    monkeypatch.setattr(importers, "_GELEZEN", {})
    gelezen: list[str] = []
    echt = importers._lees_een

    def tel(map_: Path, pad: Path, tabel: dict) -> importers.Importtabel:
        gelezen.append(pad.name)
        return echt(map_, pad, tabel)

    monkeypatch.setattr(importers, "_lees_een", tel)
    return gelezen


def _kopie(tmp_path: Path, naam: str) -> Path:
    doel = tmp_path / naam
    shutil.copytree(RAW_DIR / "import", doel / "import")
    return doel


def test_tweede_lezing_uit_een_andere_map_is_gelijk_aan_een_verse(tmp_path, leeg) -> None:
    a, b = _kopie(tmp_path, "a"), _kopie(tmp_path, "b")
    _, eerst = importers.lees_importen(a)
    n = len(leeg)
    assert n == len(eerst) and n >= 2
    problemen, onthouden = importers.lees_importen(b)
    assert problemen == []
    # DUO and CBS CSV files come from memory; nothing is read again
    assert len(leeg) == n + sum(t["formaat"] == "cbs-odata" for t in _mapping(b))
    importers._GELEZEN.clear()
    _, vers = importers.lees_importen(b)
    assert onthouden == vers  # the same rows, down to the path of b's own file
    assert all(str(b) in t.pad for t in onthouden)
    assert all(str(b) in str(w["_pad"]) for t in onthouden for w in t.waarnemingen)
    # a caller that changes what it got does not change the next read
    onthouden[0].waarnemingen.clear()
    _, weer = importers.lees_importen(b)
    assert weer[0].waarnemingen == vers[0].waarnemingen


def test_gewijzigde_instelling_leest_opnieuw(tmp_path, leeg) -> None:
    a = _kopie(tmp_path, "a")
    importers.lees_importen(a)
    n = len(leeg)
    pad = a / "import" / "mapping.json"
    inhoud = json.loads(pad.read_text(encoding="utf-8"))
    inhoud["tabellen"][0]["titel"] += " (gewijzigd)"
    pad.write_text(json.dumps(inhoud), encoding="utf-8")
    importers.lees_importen(a)
    assert leeg[n:] == [leeg[0]]  # only the changed entry is read again


def _mapping(raw: Path) -> list[dict]:
    return json.loads((raw / "import" / "mapping.json").read_text(encoding="utf-8"))["tabellen"]
