"""`make etl` while gunicorn serves: zero failed requests, and the new data is seen after the swap.

Bounded: loopback only, 2 workers, about four seconds of traffic from 4 threads.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from etl.build import bouw
from tests.conftest import wijzig_rij


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as fout:
        return fout.code, b""
    except OSError:
        return 0, b""


def test_herbouw_tijdens_belasting(raw: Path, tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    bouw(raw, db)
    poort = _vrije_poort()
    env = {
        **os.environ,
        "KETENMONITOR_DB": str(db),
        "PORT": str(poort),
        "WORKERS": "2",
        "LOGLEVEL": "warning",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proces = subprocess.Popen(
        [
            str(gunicorn),
            "-c",
            "dashboard/gunicorn.conf.py",
            "dashboard.app:server",
            "--access-logfile",
            "/dev/null",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(100):
            if _get(basis + "/gezondheid")[0] == 200:
                break
            time.sleep(0.1)
        oud = json.loads(_get(basis + "/gezondheid")[1])["invoer_sha256"]
        fouten, gezien, stop = [], set(), threading.Event()

        def belast() -> None:
            while not stop.is_set():
                for pad in ("/gezondheid", "/trends", "/"):
                    status, lichaam = _get(basis + pad)
                    if status != 200:
                        fouten.append((pad, status))
                    elif pad == "/gezondheid":
                        gezien.add(json.loads(lichaam)["invoer_sha256"])

        draden = [threading.Thread(target=belast) for _ in range(4)]
        for d in draden:
            d.start()
        time.sleep(1.5)
        wijzig_rij(
            raw / "waarneming.csv", lambda r: r["indicator_id"] == "so_leerlingen", waarde="1"
        )
        nieuw = bouw(raw, db).invoer_sha256
        time.sleep(2.5)
        stop.set()
        for d in draden:
            d.join(timeout=10)
        assert fouten == []
        assert oud != nieuw
        assert {oud, nieuw} <= gezien
        # after the swap every worker answers with the new build
        assert all(
            json.loads(_get(basis + "/gezondheid")[1])["invoer_sha256"] == nieuw for _ in range(10)
        )
    finally:
        proces.terminate()
        proces.wait(timeout=10)
