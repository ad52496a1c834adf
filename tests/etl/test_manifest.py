"""Snapshots with a manifest: the build checks every publisher file's sha256 before reading it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from etl.build import bouw
from etl.importers import lees_importen
from etl.importers.manifest import sha256
from etl.problems import ValidatieFout
from tests.etl.test_build import _cli

DUO = "duo-06-historisch-overzicht-aantal-leerlingen-per-schoolvestiging.csv"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def _manifest(raw: Path) -> dict:
    return json.loads((raw / "import" / "manifest.json").read_text(encoding="utf-8"))


def _schrijf(raw: Path, manifest: dict) -> None:
    (raw / "import" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_elk_gebruikt_bestand_heeft_een_volledige_regel(raw: Path) -> None:
    mapping = json.loads((raw / "import" / "mapping.json").read_text(encoding="utf-8"))
    gebruikt = {b["bestand"] for b in mapping["tabellen"]} | {
        b["regio"]["indeling"] for b in mapping["tabellen"] if b.get("regio")
    }
    regels = {r["pad"]: r for r in _manifest(raw)["bestanden"]}
    assert gebruikt <= set(regels)
    for regel in regels.values():
        assert regel["sha256"] == sha256(raw / "import" / regel["pad"])
        assert regel["url"].startswith("https://") and regel["herkomst"] and regel["licentie"]
    assert "AFGELEID" in regels["gemeente_provincie_2025.csv"]["herkomst"]


def test_afgekapte_download_wordt_geweigerd_en_database_blijft(raw: Path, tmp_path: Path) -> None:
    doel = tmp_path / "k.duckdb"
    bouw(raw, doel)
    voor = doel.read_bytes()
    pad = raw / "import" / DUO
    inhoud = pad.read_bytes()
    pad.write_bytes(inhoud[: inhoud.rindex(b"\r\n", 0, len(inhoud) - 2) + 2])  # one row short
    uit = _cli("build", "--raw", str(raw), "--out", str(doel))
    assert uit.returncode == 1
    assert f"{pad}: sha256: klopt niet met het manifest" in uit.stderr, uit.stderr
    assert "Traceback" not in uit.stderr
    assert doel.read_bytes() == voor


def test_bestand_zonder_regel_noemt_de_sha256(raw: Path) -> None:
    manifest = _manifest(raw)
    manifest["bestanden"] = [r for r in manifest["bestanden"] if r["pad"] != DUO]
    _schrijf(raw, manifest)
    problemen, _ = lees_importen(raw)
    verwacht = hashlib.sha256((raw / "import" / DUO).read_bytes()).hexdigest()
    assert any(
        f"{DUO}: -: staat niet in manifest.json" in str(p) and verwacht in str(p) for p in problemen
    ), problemen


def test_zonder_manifest_geen_import(raw: Path) -> None:
    (raw / "import" / "manifest.json").unlink()
    with pytest.raises(ValidatieFout) as fout:
        bouw(raw, raw.parent / "k.duckdb")
    assert any("manifest.json: -: manifest ontbreekt" in str(p) for p in fout.value.problemen)
    assert not (raw.parent / "k.duckdb").exists()


@pytest.mark.parametrize(("veld", "waarde"), [("licentie", ""), ("geraadpleegd", "1-12-2026")])
def test_regel_moet_volledig_zijn(raw: Path, veld: str, waarde: str) -> None:
    manifest = _manifest(raw)
    manifest["bestanden"][0][veld] = waarde
    _schrijf(raw, manifest)
    problemen = [str(p) for p in lees_importen(raw)[0]]
    assert any(f"manifest.json: bestanden[0].{veld}:" in p for p in problemen), problemen


def test_sha256_van_een_snapshotmap_is_na_te_rekenen() -> None:
    """As `sha256sum` over the sorted files, then the sha256 of that text."""
    map_ = FIXTURES / "82965NED"
    regels = "".join(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n"
        for p in sorted(map_.iterdir(), key=lambda p: p.name.encode())
    )
    assert sha256(map_) == hashlib.sha256(regels.encode()).hexdigest()
    assert sha256(map_) != sha256(FIXTURES / "83296NED_2025-01-15.csv")
