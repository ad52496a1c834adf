"""The production server shares one image renderer: two workers, one service, and a crash.

Four PNG exports of four charts at once against gunicorn with 2 workers: every answer is a
1600 × 900 PNG, and all Chromium processes hang under one render service (no worker has a
browser of its own). Then the service is killed with SIGKILL and four more exports succeed
on the one that replaces it.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import struct
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.proces import nakomelingen
from bench.verzoeken import EXPORT_KAARTEN, werkbalk_lichaam
from dashboard.uitvoer.tekendienst import Tekenklant
from tests.dashboard.gunicorn_hulp import get
from tests.dashboard.gunicorn_hulp import gunicorn as gunicorn_server

pytestmark = pytest.mark.browser  # Chromium renders the images (Kaleido)


def _png(basis: str, afhankelijkheden: list[dict], werkbalk: str) -> bytes:
    verzoek = urllib.request.Request(
        basis + "/_dash-update-component",
        data=werkbalk_lichaam(afhankelijkheden, werkbalk, EXPORT_KAARTEN[werkbalk], "png"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(verzoek, timeout=90) as r:
        antwoord = json.loads(r.read())["response"]
    assert "is klaar" in antwoord[f"{werkbalk}-melding"]["children"], antwoord
    return base64.b64decode(antwoord[f"{werkbalk}-download"]["data"]["content"])


def _vier_tegelijk(basis: str, afhankelijkheden: list[dict]) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        beelden = list(pool.map(lambda w: _png(basis, afhankelijkheden, w), EXPORT_KAARTEN))
    for data in beelden:
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24])[0] == 1600  # 800 px memo layout at scale 2


def _naam(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")


def _ouder(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def test_een_tekendienst_voor_twee_workers_ook_na_een_crash(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pad = tmp_path / "teken.sock"
    monkeypatch.setenv("KETENMONITOR_TEKEN_SOCKET", str(pad))
    monkeypatch.delenv("KETENMONITOR_TEKENAAR", raising=False)
    klant = Tekenklant(pad)
    with gunicorn_server(database, workers=2, threads=4) as basis:
        afhankelijkheden = json.loads(get(basis + "/_dash-dependencies")[1])
        _vier_tegelijk(basis, afhankelijkheden)

        dienst = klant.dienst_pid()
        assert dienst is not None
        worker = _ouder(dienst)  # the worker that needed the first image started it
        master = _ouder(worker)
        assert "gunicorn" in _naam(master)
        onder_master = nakomelingen(master)
        diensten = [p for p in onder_master if "dashboard.uitvoer.tekendienst" in _naam(p)]
        assert diensten == [dienst]  # one service for both workers
        chromium = [p for p in onder_master if "chromium" in _naam(p)]
        assert chromium and all(p in nakomelingen(dienst) for p in chromium)

        os.kill(dienst, signal.SIGKILL)
        _vier_tegelijk(basis, afhankelijkheden)
        nieuw = klant.dienst_pid()
        assert nieuw not in (None, dienst)
