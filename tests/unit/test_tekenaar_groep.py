"""A stuck renderer is ended with everything it started (its process group)."""

from __future__ import annotations

import os
import subprocess
import time

from dashboard.uitvoer.tekenaar import beeindig_groep


def _leeft(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def test_kinderen_gaan_mee_met_het_hoofdproces(tmp_path) -> None:
    """Was: only the main Chromium was killed; its children (a renderer) stayed."""
    pidbestand = tmp_path / "kind.pid"
    # like Kaleido's Chromium: a session of its own, with a child that ignores the parent
    proces = subprocess.Popen(
        ["sh", "-c", f"sleep 60 & echo $! > {pidbestand}; wait"], start_new_session=True
    )
    eind = time.monotonic() + 5
    while not pidbestand.exists() or not pidbestand.read_text().strip():
        assert time.monotonic() < eind
        time.sleep(0.02)
    kind = int(pidbestand.read_text())
    assert _leeft(kind)
    beeindig_groep(proces)
    eind = time.monotonic() + 5
    while _leeft(kind) and time.monotonic() < eind:
        time.sleep(0.02)
    assert not _leeft(kind)
    assert proces.poll() is not None
    assert os.getpgid(0) != proces.pid  # our own group was never the target
