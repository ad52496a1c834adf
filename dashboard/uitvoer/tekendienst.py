"""One image renderer for every gunicorn worker of a checkout: a local service on a Unix socket.

Why: a Kaleido Chromium per worker costs ~300 MB PSS each, and each worker pays its own cold
start. Here the first worker that needs an image starts `python -m dashboard.uitvoer.tekendienst`; every
worker (and the dev server) then sends its figures over the socket and gets the bytes back.

Ownership is elected by a lock file: the service holds an exclusive `flock` on `<socket>.lock`
for its whole life. Two services started at the same moment cannot both take it; the loser
waits a little and gives up. When the owner dies (crash, kill -9) the kernel releases the lock,
so the next worker that cannot connect starts a new one, and its request is retried once.

The service renders with `afbeelding.Tekenaar` (own event loop thread, per-job futures, timeout
→ fresh browser). It ends when no image was asked for `stil_s` seconds, or as soon as every
process that ever used it is gone (gunicorn stopped), so nothing outlives the server for long.

Wire format, both ways: a 4-byte big-endian length and that many bytes. Request: JSON
{figuur, opties, timeout}. Answer: b"0" + image bytes, or b"1" + a Dutch error message.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from dashboard.uitvoer.tekenaar import (
    RENDER_TIMEOUT_S,
    START_TIMEOUT_S,
    STIL_S,
    AfbeeldingMislukt,
    Tekenaar,
    browser_pad,
)

log = logging.getLogger("dashboard.uitvoer.tekendienst")  # also when run as __main__

KOP = struct.Struct(">I")
MAX_BERICHT = 64 * 1024 * 1024
CODEMAP = Path(__file__).resolve().parents[2]  # the project root, for `python -m`
TABS = 1  # Kaleido tabs: images rendered at the same time (KETENMONITOR_TEKEN_TABS)


def standaard_socket() -> Path:
    """KETENMONITOR_TEKEN_SOCKET, else one socket per checkout in a private temp directory.

    Per checkout (a hash of its path): two checkouts on one machine never share a service
    that runs the other's code.
    """
    if pad := os.environ.get("KETENMONITOR_TEKEN_SOCKET"):
        return Path(pad)
    code = hashlib.sha256(str(CODEMAP).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"ketenmonitor-{os.getuid()}" / f"teken-{code}.sock"


def _stuur(verbinding: socket.socket, data: bytes) -> None:
    verbinding.sendall(KOP.pack(len(data)) + data)


def _lees(verbinding: socket.socket, n: int) -> bytes:
    stukken, over = [], n
    while over:
        stuk = verbinding.recv(min(over, 1 << 20))
        if not stuk:
            raise ConnectionError("verbinding met de tekendienst verbroken")
        stukken.append(stuk)
        over -= len(stuk)
    return b"".join(stukken)


def _ontvang(verbinding: socket.socket) -> bytes:
    (lengte,) = KOP.unpack(_lees(verbinding, KOP.size))
    if lengte > MAX_BERICHT:
        raise ConnectionError(f"bericht van {lengte} bytes is te groot")
    return _lees(verbinding, lengte)


def _leeft(pid: int) -> bool:
    """Is pid still running? A zombie (ended, not yet reaped by its parent) is not.

    That matters: a caller that ran us with its output on a pipe (`subprocess.run(...,
    capture_output=True)`) only reaps its child after the pipe closes, so waiting for the
    zombie to disappear would keep the pipe open for the whole idle time.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


class Dienst:
    """The service process: one Tekenaar, one listening socket, one lock held for life."""

    def __init__(self, pad: Path, stil_s: float, tabs: int = TABS) -> None:
        self.pad = pad
        self.stil_s = stil_s
        self.tekenaar = Tekenaar(stil_s=0, tabs=tabs)  # the whole service closes when idle
        self._slot = threading.Lock()
        self._bezig = 0
        self._laatst = time.monotonic()
        self._klanten: set[int] = set()

    def draai(self, voor: int, wacht_op_slot_s: float = START_TIMEOUT_S) -> int:
        """Serve until idle or orphaned; 0 also when another service owns the lock."""
        _prive_map(self.pad.parent)
        with open(f"{self.pad}.lock", "a+b") as slot:
            if not _neem_slot(slot.fileno(), self.pad, wacht_op_slot_s):
                log.info("een andere tekendienst is eigenaar van %s", self.pad)
                return 0
            with contextlib.suppress(FileNotFoundError):
                self.pad.unlink()  # left by a service that was killed
            luister = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                luister.bind(str(self.pad))
                os.chmod(self.pad, 0o600)
                luister.listen(64)
                luister.settimeout(0.5)
                self._klanten.add(voor)
                log.info("tekendienst luistert op %s (pid %d)", self.pad, os.getpid())
                self._lus(luister)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    self.pad.unlink()  # before the lock goes: a newcomer binds its own
                luister.close()
                self.tekenaar.stop()
        return 0

    def _lus(self, luister: socket.socket) -> None:
        volgende_controle = time.monotonic() + 0.5
        while True:
            try:
                verbinding, _ = luister.accept()
            except TimeoutError:
                verbinding = None
            if verbinding is not None:
                with self._slot:
                    self._bezig += 1
                threading.Thread(target=self._behandel, args=(verbinding,), daemon=True).start()
            if time.monotonic() >= volgende_controle:  # also under a stream of probes
                if self._klaar():
                    return
                volgende_controle = time.monotonic() + 0.5

    def _klaar(self) -> bool:
        with self._slot:
            self._klanten = {p for p in self._klanten if _leeft(p)}
            if self._bezig:
                return False
            if not self._klanten:
                log.info("tekendienst stopt: geen worker meer")
                return True
            stil = time.monotonic() - self._laatst
            if self.stil_s > 0 and stil >= self.stil_s:
                log.info("tekendienst stopt na %.0f s zonder afbeelding", stil)
                return True
        return False

    def _behandel(self, verbinding: socket.socket) -> None:
        werk = False  # a probe (connect, close) is no work: it does not reset the idle time
        try:
            with verbinding:
                pid = _peer_pid(verbinding)
                with self._slot:
                    self._klanten.add(pid)
                verzoek = json.loads(_ontvang(verbinding))
                werk = True
                try:
                    data = b"0" + self.tekenaar.teken(
                        verzoek["figuur"], verzoek["opties"], float(verzoek["timeout"])
                    )
                except AfbeeldingMislukt as fout:
                    data = b"1" + str(fout).encode("utf-8")
                except Exception as fout:  # a bad figure must not look like a crash (retry)
                    log.exception("afbeelding mislukt")
                    data = b"1" + f"De afbeelding kon niet worden gemaakt: {fout}".encode()
                _stuur(verbinding, data)
        except ConnectionError as fout:  # a probe (dienst_pid) or a caller that gave up
            log.debug("verbinding zonder verzoek: %s", fout)
        except (OSError, ValueError, KeyError) as fout:
            log.warning("verzoek afgebroken: %s", fout)
        finally:
            with self._slot:
                self._bezig -= 1
                if werk:
                    self._laatst = time.monotonic()


def _prive_map(map_: Path) -> None:
    """The socket's directory: created 0700, and refused if someone else owns it."""
    map_.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = map_.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise PermissionError(f"{map_} is niet privé (eigenaar of rechten): kies een andere map")


def _neem_slot(fd: int, pad: Path, wacht_s: float) -> bool:
    """Take the exclusive lock; False as soon as another owner answers on the socket.

    Waiting (up to wacht_s) covers an owner that is shutting down: it removes its socket
    before its lock goes, and this one takes over.
    """
    eind = time.monotonic() + wacht_s
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= eind or _antwoordt(pad):
                return False
            time.sleep(0.05)


def _antwoordt(pad: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as verbinding:
        try:
            verbinding.connect(str(pad))
        except OSError:
            return False
    return True


class Tekenklant:
    """What a worker uses: send one figure to the shared service, starting it when needed."""

    def __init__(
        self, pad: Path | None = None, stil_s: float | None = None, tabs: int | None = None
    ) -> None:
        self.pad = pad or standaard_socket()
        self.stil_s = (
            float(os.environ.get("KETENMONITOR_CHROMIUM_STIL_S", STIL_S))
            if stil_s is None
            else stil_s
        )
        """The service this process starts ends after this many idle seconds; 0: never."""
        self.tabs = int(os.environ.get("KETENMONITOR_TEKEN_TABS", TABS)) if tabs is None else tabs
        """Tabs in the service's browser: each one renders in parallel and costs ~90 MB PSS."""
        self.starts = 0
        """How many services this process started (others may have been started by others)."""
        self._start_slot = threading.Lock()
        self._kinderen: list[subprocess.Popen[bytes]] = []

    def teken(
        self, figuur: dict[str, Any], opties: dict[str, Any], timeout: float = RENDER_TIMEOUT_S
    ) -> bytes:
        """Render one figure dict through the service; retry once if the service died under it."""
        from plotly.utils import PlotlyJSONEncoder

        verzoek = json.dumps(
            {"figuur": figuur, "opties": opties, "timeout": timeout}, cls=PlotlyJSONEncoder
        ).encode("utf-8")
        eigenaar = None
        for poging in (1, 2):
            try:
                with self._verbind(niet=eigenaar) as verbinding:
                    eigenaar = _peer_pid(verbinding)
                    verbinding.settimeout(START_TIMEOUT_S + timeout + 5)
                    _stuur(verbinding, verzoek)
                    antwoord = _ontvang(verbinding)
            except TimeoutError:
                raise AfbeeldingMislukt("De tekendienst antwoordde niet op tijd.") from None
            except (ConnectionError, struct.error) as fout:
                log.warning("tekendienst weg onder een verzoek (poging %d): %s", poging, fout)
                continue
            if antwoord[:1] == b"0":
                return antwoord[1:]
            raise AfbeeldingMislukt(antwoord[1:].decode("utf-8", "replace"))
        raise AfbeeldingMislukt("De afbeelding kon niet worden gemaakt: de tekendienst stopte.")

    def _probeer(self, niet: int | None = None) -> socket.socket | None:
        """A connection, or None if nobody listens. `niet`: a service that just failed us.

        A killed service drops its connections before its listening socket is gone (the
        threads of a process exit one by one), so for a moment a retry still reaches it and
        is reset: wait that moment out instead of counting it as a failure.
        """
        eind = time.monotonic() + 15.0  # a loaded machine tears a killed process down slowly
        while True:
            verbinding = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                verbinding.connect(str(self.pad))
            except (FileNotFoundError, ConnectionRefusedError):
                verbinding.close()
                return None
            if niet is None or _peer_pid(verbinding) != niet or time.monotonic() > eind:
                return verbinding
            verbinding.close()
            time.sleep(0.02)

    def _verbind(self, niet: int | None = None) -> socket.socket:
        """A connection to the running service; start one if nobody answers."""
        if (verbinding := self._probeer(niet)) is not None:
            return verbinding
        with self._start_slot:  # one start per process; other processes lose the lock race
            if (verbinding := self._probeer(niet)) is not None:
                return verbinding
            browser_pad()  # a clear message now instead of a service that cannot draw
            proces = self._start()
            eind = time.monotonic() + START_TIMEOUT_S
            while time.monotonic() < eind:
                if (verbinding := self._probeer(niet)) is not None:
                    return verbinding
                if proces.poll() not in (None, 0):
                    raise AfbeeldingMislukt(
                        f"De tekendienst start niet (exitcode {proces.returncode})."
                    )
                time.sleep(0.05)
        raise AfbeeldingMislukt("De tekendienst start niet op tijd.")

    def _start(self) -> subprocess.Popen[bytes]:
        self._kinderen = [k for k in self._kinderen if k.poll() is None]  # reap ended ones
        omgeving = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(CODEMAP), os.environ.get("PYTHONPATH", "")) if p
            ),
        }
        proces = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dashboard.uitvoer.tekendienst",
                "--socket",
                str(self.pad),
                "--voor",
                str(os.getpid()),
                "--stil",
                str(self.stil_s),
                "--tabs",
                str(self.tabs),
            ],
            env=omgeving,
            cwd=CODEMAP,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # its log goes to stderr, like the workers'
        )
        self._kinderen.append(proces)
        self.starts += 1
        return proces

    def dienst_pid(self) -> int | None:
        """The pid of the process that owns the socket now (tests, bench), via SO_PEERCRED."""
        verbinding = self._probeer()
        if verbinding is None:
            return None
        with verbinding:
            return _peer_pid(verbinding)


def _peer_pid(verbinding: socket.socket) -> int:
    """The pid of the process at the other end of a Unix socket (SO_PEERCRED)."""
    return struct.unpack("3i", verbinding.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))[0]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dashboard.uitvoer.tekendienst")
    p.add_argument("--socket", type=Path, default=None)
    p.add_argument("--voor", type=int, default=os.getppid(), help="pid die de dienst gebruikt")
    p.add_argument("--stil", type=float, default=STIL_S, help="seconden zonder werk, 0 = nooit")
    p.add_argument("--tabs", type=int, default=TABS)
    p.add_argument("--wacht", type=float, default=START_TIMEOUT_S, help="max wachten op het slot")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="tekendienst %(levelname)s: %(message)s")
    logging.getLogger("dashboard").setLevel(logging.INFO)  # Kaleido's own INFO is noise
    return Dienst(args.socket or standaard_socket(), args.stil, args.tabs).draai(
        args.voor, args.wacht
    )


if __name__ == "__main__":
    sys.exit(main())
