"""The production server (gunicorn with dashboard/gunicorn.conf.py) for a test: bench.server.Server, the launcher the bench uses too."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.server import Server


def get(url: str, timeout: float = 5) -> tuple[int, bytes]:
    """(status, body); 0 when the server cannot be reached at all."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as fout:
        return fout.code, b""
    except OSError:
        return 0, b""


@contextmanager
def gunicorn(db: Path, workers: int = 2, threads: int = 4) -> Iterator[str]:
    """Yield the base URL of a gunicorn serving `db`, once /gezondheid answers 200."""
    server = Server(db, workers, threads)
    try:
        yield server.basis
    finally:
        server.stop()
