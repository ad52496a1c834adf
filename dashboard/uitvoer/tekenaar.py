"""Export rendering core: a warm Kaleido on an event loop of its own (`Tekenaar`).

By default `naar_afbeelding` sends the figure to the one render service all workers share
(`dashboard.uitvoer.tekendienst`, which runs a `Tekenaar`); KETENMONITOR_TEKENAAR=proces keeps a
`Tekenaar` in every process instead (the older mode).

Why not `kaleido.start_sync_server`: its server thread blocks its own asyncio loop in a
`Queue.get()` while it waits for work, and it hands results back through one shared queue in
order, so a caller that gave up after a timeout leaves its late image for the next caller.
Worse, when that thread dies (dash_duo's test runner raises SystemExit in the threads a test
created; a crash would do the same), the server still reports itself running and the next
caller waits in `Queue.join()` forever (a hang seen in the export tests).

Here a daemon thread runs a free event loop (`run_forever`) that owns the Kaleido browser;
any thread submits a job with `run_coroutine_threadsafe` and waits on that job's own future.
A job that does not finish in time closes the browser, so the next call starts a fresh one
instead of queueing behind a stuck one. Nothing starts at import: the browser starts on the
first image (~2 s, then ~0,2 s per image; NOTES.md).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_S = 30.0
STIL_S = 600.0  # default idle time before the browser is closed (KETENMONITOR_CHROMIUM_STIL_S)


class AfbeeldingMislukt(RuntimeError):
    """The image could not be rendered (no Chromium, render timeout): show a message."""


def browser_pad() -> str:
    """The system Chromium Kaleido should use; a clear error instead of a download or a hang."""
    kandidaat = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(kandidaat).is_file():
        raise AfbeeldingMislukt(
            "Geen Chromium gevonden voor het maken van afbeeldingen: installeer het "
            "Debian-pakket `chromium` of zet BROWSER_PATH."
        )
    return kandidaat


def browser_pad_bestaat() -> bool:
    try:
        browser_pad()
    except AfbeeldingMislukt:
        return False
    return True


class _LusWeg(Exception):
    """The event loop under a job ended (crash, kill, or an idle close): retry once."""


class Tekenaar:
    """A Kaleido browser on a private event-loop thread; safe to call from any thread."""

    def __init__(self, stil_s: float | None = None, tabs: int = 1) -> None:
        self.tabs = tabs
        """Kaleido tabs in the one browser: how many images render at the same time."""
        self._slot = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._draad: threading.Thread | None = None
        self._kaleido: Any = None
        self._pid = 0
        self._bezig = 0  # jobs submitted and not yet returned
        self._laatst = 0.0  # monotonic time the last job ended
        self.stil_s = (
            float(os.environ.get("KETENMONITOR_CHROMIUM_STIL_S", STIL_S))
            if stil_s is None
            else stil_s
        )
        """After this many idle seconds the browser is closed (~300 MB back); 0: never."""
        self.starts = 0
        """How many browsers this process started: 1 in normal use, more after a restart."""

    def draait(self) -> bool:
        return (
            self._kaleido is not None
            and self._pid == os.getpid()
            and self._draad is not None
            and self._draad.is_alive()
        )

    def teken(
        self, figuur: dict[str, Any], opties: dict[str, Any], timeout: float = RENDER_TIMEOUT_S
    ) -> bytes:
        """Render one figure dict with Kaleido options (format, width, height, scale).

        If the loop thread dies under a job (Chromium crashed, or a test harness killed the
        thread), the job is retried once on a fresh browser instead of waiting out the timeout.
        """
        for poging in (1, 2):
            with self._slot:
                if not self.draait():
                    self._start()
                kaleido, loop, draad = self._kaleido, self._loop, self._draad
                self._bezig += 1
            assert loop is not None and draad is not None
            try:
                return self._wacht(kaleido, loop, draad, figuur, opties, timeout)
            except _LusWeg:
                log.warning("de Chromium-draad voor afbeeldingen is weg (poging %d)", poging)
                self.stop(alleen=kaleido)
            finally:
                with self._slot:
                    self._bezig -= 1
                    self._laatst = time.monotonic()
        raise AfbeeldingMislukt("De afbeelding kon niet worden gemaakt: Chromium stopte.")

    def _wacht(
        self,
        kaleido: Any,
        loop: asyncio.AbstractEventLoop,
        draad: threading.Thread,
        figuur: dict[str, Any],
        opties: dict[str, Any],
        timeout: float,
    ) -> bytes:
        """Submit one job to the loop and wait for its own result (see `teken`)."""
        taak = asyncio.run_coroutine_threadsafe(kaleido.calc_fig(figuur, opties), loop)
        eind = time.monotonic() + timeout
        while True:
            try:
                data = taak.result(min(0.25, max(eind - time.monotonic(), 0)))
            except concurrent.futures.TimeoutError:
                if not draad.is_alive():
                    raise _LusWeg from None  # the loop is gone: retry on a fresh one
                if time.monotonic() < eind:
                    continue
                taak.cancel()
                log.warning("afbeelding niet binnen %s s gemaakt; Chromium herstart", timeout)
                self.stop(alleen=kaleido)
                raise AfbeeldingMislukt("De afbeelding kon niet op tijd worden gemaakt.") from None
            except concurrent.futures.CancelledError:
                raise _LusWeg from None  # the loop was stopped under this job
            except Exception as fout:  # Kaleido re-raises what went wrong in the page
                raise AfbeeldingMislukt(f"De afbeelding kon niet worden gemaakt: {fout}") from fout
            return data.encode("utf-8") if isinstance(data, str) else bytes(data)

    def _waak(self, browser: Any) -> None:
        """Close `browser` once it has been idle for `stil_s`; ends when it is replaced.

        The idle check and the detach happen under one lock, so no job can pick up the
        browser in between (a job holds `_bezig` from before it submits until it returns).
        """
        while True:
            with self._slot:
                if self._kaleido is not browser:
                    return
                stil = time.monotonic() - self._laatst
                onderdelen = (
                    self._ontkoppel(browser) if self._bezig == 0 and stil >= self.stil_s else None
                )
            if onderdelen is not None:
                log.info("Chromium voor afbeeldingen gesloten na %.0f s zonder gebruik", stil)
                self._sluit(*onderdelen)
                return
            time.sleep(max(min(self.stil_s - stil, 30.0), 0.05))

    def _start(self) -> None:
        pad = browser_pad()
        import kaleido

        loop = asyncio.new_event_loop()
        loop.set_exception_handler(_achtergrondfout)
        draad = threading.Thread(target=loop.run_forever, name="kaleido", daemon=True)
        draad.start()

        async def open_browser() -> Any:
            k = kaleido.Kaleido(n=self.tabs, mathjax=False, timeout=RENDER_TIMEOUT_S, path=pad)
            await k.open()
            return k

        try:
            browser = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(START_TIMEOUT_S)
        except Exception as fout:
            loop.call_soon_threadsafe(loop.stop)
            raise AfbeeldingMislukt(f"Chromium voor afbeeldingen start niet: {fout}") from fout
        self._loop, self._draad, self._kaleido, self._pid = loop, draad, browser, os.getpid()
        self._laatst = time.monotonic()
        self.starts += 1
        if self.stil_s > 0:
            threading.Thread(
                target=self._waak, args=(browser,), name="kaleido-waak", daemon=True
            ).start()

    def stop(self, alleen: Any = None) -> None:
        """Close the browser and its loop; `alleen`: only if that browser is still the current."""
        with self._slot:
            onderdelen = self._ontkoppel(alleen)
        if onderdelen is not None:
            self._sluit(*onderdelen)

    def _ontkoppel(self, alleen: Any) -> tuple[Any, Any, Any] | None:
        """Detach the current browser (call with `_slot` held); the next job starts a new one."""
        if self._kaleido is None or (alleen is not None and self._kaleido is not alleen):
            return None
        onderdelen = (self._loop, self._draad, self._kaleido)
        self._loop = self._draad = self._kaleido = None
        return onderdelen

    def _sluit(
        self, loop: asyncio.AbstractEventLoop, draad: threading.Thread, browser: Any
    ) -> None:
        if self._pid != os.getpid():
            return  # a forked child does not own its parent's browser
        if draad.is_alive():
            try:
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(10)
            except Exception as fout:  # a stuck browser: the loop goes anyway
                log.warning("Chromium voor afbeeldingen sloot niet netjes: %s", fout)
            loop.call_soon_threadsafe(loop.stop)
            draad.join(5)
        proces = getattr(browser, "subprocess", None)
        if proces is not None:
            beeindig_groep(proces)


def beeindig_groep(proces: Any) -> None:
    """Kill a Chromium and every process it started (zygote, renderers, GPU).

    Kaleido starts Chromium in a session of its own, so its process group is its pid. Killing
    only the main process left a stuck renderer's children running (and holding memory) for
    ever; the whole group goes, also when the main process already ended. Never our own group.
    """
    if proces.pid != os.getpgid(0):  # the group outlives its leader: no check that it runs
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proces.pid, signal.SIGKILL)
    if proces.poll() is None:
        proces.kill()  # not a group leader after all: at least the main process goes
    with contextlib.suppress(subprocess.TimeoutExpired):
        proces.wait(5)


def _achtergrondfout(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """Kaleido's own tasks that fail after their job was given up (timeout, closed browser).

    Every job's outcome reaches its caller through its future; what is left here is the
    inner task of a cancelled job ("Task exception was never retrieved"), not worth an error.
    """
    log.info("Kaleido-achtergrondtaak: %s %r", context.get("message"), context.get("exception"))
