"""The shared render service: one owner per socket, retries after a crash, ends when idle."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.uitvoer import afbeelding, tekendienst
from etl.config import PROJECT_ROOT

pytestmark = pytest.mark.browser  # Chromium renders the images (Kaleido)

SVG = {"format": "svg", "width": 400, "height": 300, "scale": 1}


def figuur(titel: str) -> dict:
    return {
        "data": [{"type": "scatter", "x": [2016, 2017], "y": [1, 2]}],
        "layout": {"title": {"text": titel}},
    }


def wacht_tot(voorwaarde, seconden: float = 20) -> bool:
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        if voorwaarde():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def klant(tmp_path: Path) -> Iterator[tekendienst.Tekenklant]:
    """A client with its own socket: the checkout-wide service stays untouched."""
    k = tekendienst.Tekenklant(tmp_path / "teken.sock", stil_s=0)
    yield k
    if (pid := k.dienst_pid()) is not None:
        os.kill(pid, signal.SIGTERM)


def _dienst(pad: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard.uitvoer.tekendienst", "--socket", str(pad), *extra],
        cwd=PROJECT_ROOT,
    )


def test_gelijktijdig_elk_zijn_eigen_afbeelding_uit_een_dienst(
    klant: tekendienst.Tekenklant,
) -> None:
    uit: dict[int, bytes] = {}
    draden = [
        threading.Thread(target=lambda i=i: uit.update({i: klant.teken(figuur(f"Kaart {i}"), SVG)}))
        for i in range(4)
    ]
    for d in draden:
        d.start()
    for d in draden:
        d.join(90)
    assert all(f"Kaart {i}".encode() in uit[i] for i in range(4))
    assert klant.starts == 1  # four threads, one service
    pid = klant.dienst_pid()
    assert pid is not None and pid != os.getpid()


def test_dienst_gedood_onder_vier_verzoeken_die_toch_slagen(
    klant: tekendienst.Tekenklant,
) -> None:
    """kill -9 while four requests wait for a cold browser: each is retried on a new service."""
    uit: dict[int, bytes] = {}
    draden = [
        threading.Thread(target=lambda i=i: uit.update({i: klant.teken(figuur(f"Na {i}"), SVG)}))
        for i in range(4)
    ]
    for d in draden:
        d.start()
    assert wacht_tot(lambda: klant.dienst_pid() is not None)
    oud = klant.dienst_pid()
    assert oud is not None
    time.sleep(0.3)  # the requests are sent; the service is still starting its browser
    os.kill(oud, signal.SIGKILL)
    for d in draden:
        d.join(120)
    assert all(f"Na {i}".encode() in uit[i] for i in range(4))
    nieuw = klant.dienst_pid()
    assert nieuw not in (None, oud)
    assert klant.starts == 2


def test_een_eigenaar_per_socket(tmp_path: Path) -> None:
    """A second service on the same socket sees the lock, finds the owner and leaves."""
    pad = tmp_path / "teken.sock"
    eerste = _dienst(pad, "--voor", str(os.getpid()))
    try:
        k = tekendienst.Tekenklant(pad)
        assert wacht_tot(lambda: k.dienst_pid() == eerste.pid)
        tweede = _dienst(pad, "--voor", str(os.getpid()))
        assert tweede.wait(20) == 0
        assert k.dienst_pid() == eerste.pid
    finally:
        eerste.terminate()
        eerste.wait(20)


def test_stil_dan_gestopt_en_daarna_een_nieuwe(tmp_path: Path) -> None:
    k = tekendienst.Tekenklant(tmp_path / "teken.sock", stil_s=1)
    assert b"Stil" in k.teken(figuur("Stil"), SVG)
    pid = k.dienst_pid()
    assert pid is not None
    assert wacht_tot(lambda: k.dienst_pid() is None)
    assert wacht_tot(lambda: not Path(f"/proc/{pid}").exists() or _zombie(pid))
    assert not (tmp_path / "teken.sock").exists()
    assert b"Weer" in k.teken(figuur("Weer"), SVG)
    assert k.starts == 2
    os.kill(k.dienst_pid() or 0, signal.SIGTERM)


def test_dienst_stopt_als_zijn_gebruiker_weg_is(tmp_path: Path) -> None:
    """gunicorn stopped: every process that used the service is gone, so it ends too."""
    gebruiker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dienst = _dienst(tmp_path / "teken.sock", "--voor", str(gebruiker.pid), "--stil", "0")
    try:
        assert wacht_tot(lambda: (tmp_path / "teken.sock").exists())
        time.sleep(1)
        assert dienst.poll() is None
        gebruiker.kill()
        gebruiker.wait()
        assert dienst.wait(20) == 0
    finally:
        gebruiker.kill()
        if dienst.poll() is None:
            dienst.kill()


def test_fout_van_de_tekenaar_komt_als_melding_terug(klant: tekendienst.Tekenklant) -> None:
    with pytest.raises(afbeelding.AfbeeldingMislukt, match="niet op tijd"):
        klant.teken(figuur("Te laat"), SVG, timeout=0.0)
    assert b"Daarna" in klant.teken(figuur("Daarna"), SVG)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True
