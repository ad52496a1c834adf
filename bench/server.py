"""The production server (gunicorn with dashboard/gunicorn.conf.py) on loopback.

One launcher for the bench and for every test that needs a real gunicorn, so they measure
and test the server `make serve` starts, with the same configuration file.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

from bench import proces
from etl.config import PROJECT_ROOT


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving `db`; ready when /gezondheid answers 200.

    `log`: a file for gunicorn's stderr (error log, and the access log when `toegangslog`);
    without it both go nowhere. `omgeving` adds environment variables for the server.
    """

    def __init__(
        self,
        db: Path,
        workers: int = 2,
        threads: int = 4,
        omgeving: dict[str, str] | None = None,
        log: Path | None = None,
        loglevel: str = "warning",
        toegangslog: bool = False,
    ):
        self.poort = vrije_poort()
        self.basis = f"http://127.0.0.1:{self.poort}"
        self.log = log
        env = {
            **os.environ,
            **(omgeving or {}),
            "KETENMONITOR_DB": str(db),
            "PORT": str(self.poort),
            "WORKERS": str(workers),
            "THREADS": str(threads),
            "LOGLEVEL": loglevel,
        }
        opdracht = [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "dashboard/gunicorn.conf.py",
            "dashboard.app:server",
        ]
        if not toegangslog:
            opdracht += ["--access-logfile", "/dev/null"]
        self._logbestand: IO[bytes] | None = open(log, "wb") if log else None  # noqa: SIM115
        self.proces = subprocess.Popen(
            opdracht,
            env=env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=self._logbestand or subprocess.DEVNULL,
        )
        for _ in range(300):
            try:
                if self.vraag("GET", "/gezondheid") == 200:
                    return
            except OSError:
                pass
            if self.proces.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("gunicorn antwoordt niet op /gezondheid")

    def vraag(
        self,
        methode: str,
        pad: str,
        lichaam: bytes | None = None,
        con: http.client.HTTPConnection | None = None,
    ) -> int:
        """One request; the status. With `con` the connection is reused (keep-alive)."""
        eigen = con is None
        con = con or http.client.HTTPConnection("127.0.0.1", self.poort, timeout=10)
        koppen = {"Content-Type": "application/json"} if lichaam else {}
        con.request(methode, pad, body=lichaam, headers=koppen)
        r = con.getresponse()
        r.read()
        if eigen:
            con.close()
        return r.status

    def workers(self) -> list[int]:
        return list(proces.kinderen().get(self.proces.pid, []))

    def rss_mb(self) -> list[float]:
        return proces.rss_mb(self.workers())

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.terminate()
        self.proces.wait(timeout=15)
        if self._logbestand:
            self._logbestand.close()
            self._logbestand = None
