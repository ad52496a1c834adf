"""`make bench` must not rot: run it with tiny sizes and check the JSON it writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_bench_klein(tmp_path: Path) -> None:
    uit = tmp_path / "results.json"
    r = subprocess.run(
        [sys.executable, "-m", "bench", "--klein", "--uit", str(uit)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    data = json.loads(uit.read_text())
    assert json.loads(r.stdout) == data
    assert data["etl_build_s"] > 0
    for naam in ("noop", "lean_reference", "trends"):
        assert data["callbacks"][naam]["p95_ms"] >= data["callbacks"][naam]["p50_ms"]
    assert data["load"]["requests"] > 0 and data["load"]["fouten"] == 0
    assert data["page_load_ms"] > 0
    for naam in ("kaart_provincie", "kaart_gemeente", "tabel_provincie", "tabel_gemeente"):
        assert data["regio"][naam]["p95_ms"] >= data["regio"][naam]["p50_ms"] > 0
        assert 0 < data["regio"][naam]["max_kb"] < 150
    assert "10000" in data["scale"]
    export = data["export_ms"]
    if "overgeslagen" not in export:  # no Chromium on this machine: the bench says so
        for formaat in ("png", "svg", "csv", "xlsx"):
            assert export[f"{formaat}_median_ms"] > 0 and export[f"{formaat}_bytes"] > 0
        assert export["eerste_afbeelding_ms"] > 0
        assert export["briefingpakket_4_grafieken_bytes"] > export["png_bytes"]
    beelden = data["afbeeldingen_4_gelijktijdig"]["gedeeld"]
    if "overgeslagen" not in beelden:
        assert beelden["verzoeken"] == 4 and beelden["fouten"] == 0, beelden
        assert beelden["p99_s"] >= beelden["p95_s"] >= beelden["p50_s"] > 0
        assert beelden["renderer_pss_mb"] > 0 and beelden["renderer_processen"] > 0
