"""A bounded queue for expensive exports: images, briefing packs and the full data zip.

Why: eight Capaciteit briefing packs at once (2,6 s each alone) held all eight threads of
`make serve` for 22 s, so `/gezondheid` timed out. An export now needs a place (`plek`):

- under gunicorn the worker's event loop already lets only `KETENMONITOR_EXPORT_PER_WERKER`
  exports per worker reach a thread (the rest wait there, threadless: werker.py); here,
- per worker at most `KETENMONITOR_EXPORT_PER_WERKER` (default 1) run at once, and at most
  `KETENMONITOR_EXPORT_WACHTEND` (default THREADS − 1 − that) more wait in that worker,
  so a worker always keeps a thread for cheap requests (pages, charts, the health probe);
- across all workers of this checkout at most `KETENMONITOR_EXPORT_TOTAAL` (default 2) run at
  once: one lock file per place, taken with `flock` (the kernel frees it when a worker dies,
  so a killed worker never leaks a place);
- a request waits at most `KETENMONITOR_EXPORT_WACHT_S` seconds (default 20) for its place;
  otherwise, and at once when the worker's queue is full, it gets `Bezet`: 503 with
  `Retry-After` and a Dutch message (dashboard/webserver/beveiliging.py).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from werkzeug.exceptions import HTTPException

CODEMAP = Path(__file__).resolve().parents[2]
PER_WERKER = max(1, int(os.environ.get("KETENMONITOR_EXPORT_PER_WERKER", "1")))
TOTAAL = max(1, int(os.environ.get("KETENMONITOR_EXPORT_TOTAAL", "2")))
WACHTEND = max(
    0,
    int(
        os.environ.get(
            "KETENMONITOR_EXPORT_WACHTEND",
            str(int(os.environ.get("THREADS", "4")) - 1 - PER_WERKER),
        )
    ),
)
WACHT_S = float(os.environ.get("KETENMONITOR_EXPORT_WACHT_S", "20"))
PROBEER_OPNIEUW_S = 30

MELDING = "Er worden nu veel bestanden tegelijk gemaakt. Probeer het over een halve minuut opnieuw."


def is_duur(lichaam: dict[str, Any]) -> bool:
    """Is this (well-formed) callback request an expensive export?

    A briefing pack or the full data zip (`<id>-alles-download`), or a toolbar's PNG or SVG
    (`<id>-download` triggered by its `-png`/`-svg` button; CSV and Excel are cheap). Decided
    from the request before Dash runs anything, so a refusal costs a few milliseconds.
    """
    uitvoer = str(lichaam.get("output", ""))
    if "-alles-download.data" in uitvoer:
        return True
    if "-download.data" not in uitvoer:
        return False
    return any(
        isinstance(t, str) and t.endswith(("-png.n_clicks", "-svg.n_clicks"))
        for t in lichaam.get("changedPropIds") or []
    )


def is_duur_verzoek(verzoek: bytes) -> bool:
    """`is_duur` on the raw bytes of a whole request, for the worker's event loop (which
    holds expensive requests back before they take a thread, dashboard/webserver/werker.py).
    A heuristic on substrings: the app checks the parsed request again (`is_duur`)."""
    if not verzoek.startswith(b"POST /_dash-update-component"):
        return False
    if b"-alles-download.data" in verzoek:
        return True
    return b"-download.data" in verzoek and (
        b'-png.n_clicks"' in verzoek or b'-svg.n_clicks"' in verzoek
    )


class Bezet(HTTPException):
    """No place for this export within the waiting time: 503 with Retry-After."""

    code = 503
    description = MELDING

    def get_headers(self, environ: Any = None, scope: Any = None) -> list[tuple[str, str]]:
        return [*super().get_headers(environ, scope), ("Retry-After", str(PROBEER_OPNIEUW_S))]


def slotmap() -> Path:
    """KETENMONITOR_EXPORT_SLOTMAP, else a private directory per checkout (like the render
    service's socket): workers of one checkout share places, two checkouts do not."""
    if pad := os.environ.get("KETENMONITOR_EXPORT_SLOTMAP"):
        return Path(pad)
    code = hashlib.sha256(str(CODEMAP).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"ketenmonitor-{os.getuid()}" / f"export-{code}"


class Wachtrij:
    """Places for expensive exports in this process and across processes."""

    def __init__(
        self,
        per_werker: int = PER_WERKER,
        totaal: int = TOTAAL,
        wachtend: int = WACHTEND,
        wacht_s: float = WACHT_S,
        map_: Path | None = None,
    ) -> None:
        self.totaal = totaal
        self.wacht_s = wacht_s
        self.max_toegelaten = per_werker + wachtend
        self.map = map_ or slotmap()
        self._lopend = threading.BoundedSemaphore(per_werker)
        self._slot = threading.Lock()
        self.toegelaten = 0
        self.geweigerd = 0

    @contextlib.contextmanager
    def plek(self) -> Iterator[None]:
        """Hold one place for the duration of the block; `Bezet` when there is none."""
        with self._slot:
            if self.toegelaten >= self.max_toegelaten:
                self.geweigerd += 1
                raise Bezet()
            self.toegelaten += 1
        try:
            eind = time.monotonic() + self.wacht_s
            if not self._lopend.acquire(timeout=self.wacht_s):
                raise self._weiger()
            try:
                fd = self._neem_bestandsslot(eind)
                if fd is None:
                    raise self._weiger()
                try:
                    yield
                finally:
                    os.close(fd)  # closing the descriptor releases its flock
            finally:
                self._lopend.release()
        finally:
            with self._slot:
                self.toegelaten -= 1

    def _weiger(self) -> Bezet:
        with self._slot:
            self.geweigerd += 1
        return Bezet()

    def _neem_bestandsslot(self, eind: float) -> int | None:
        self.map.mkdir(mode=0o700, parents=True, exist_ok=True)
        while True:
            for nr in range(self.totaal):
                fd = os.open(self.map / f"plek-{nr}.lock", os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return fd
                except BlockingIOError:
                    os.close(fd)
            if time.monotonic() >= eind:
                return None
            time.sleep(0.05)


wachtrij = Wachtrij()


def plek() -> contextlib.AbstractContextManager[None]:
    """The process's queue: `with plek(): …` around one expensive export."""
    return wachtrij.plek()
