"""Server-side chart images: one warm Kaleido per process, on an event loop of its own.

Why not `kaleido.start_sync_server`: its server thread blocks its own asyncio loop in a
`Queue.get()` while it waits for work, so nothing reads Chromium's messages between jobs, and
it hands results back through one shared queue in order, so a caller that gave up after a
timeout leaves its late image for the next caller. In this project's test process, after one
image had been made from a Dash server thread, every later render hung (issue 6).

Here a daemon thread runs a free event loop (`run_forever`) that owns the Kaleido browser;
any thread submits a job with `run_coroutine_threadsafe` and waits on that job's own future.
A job that does not finish in time closes the browser, so the next call starts a fresh one
instead of queueing behind a stuck one. Nothing starts at import: a gunicorn worker starts
its browser on its first image (~2 s, then ~0,2 s per image; NOTES.md).
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any, Literal

log = logging.getLogger(__name__)

START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_S = 30.0


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


class Tekenaar:
    """A Kaleido browser on a private event-loop thread; safe to call from any thread."""

    def __init__(self) -> None:
        self._slot = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._draad: threading.Thread | None = None
        self._kaleido: Any = None
        self._pid = 0
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
            assert loop is not None and draad is not None
            taak = asyncio.run_coroutine_threadsafe(kaleido.calc_fig(figuur, opties), loop)
            eind = time.monotonic() + timeout
            while True:
                try:
                    data = taak.result(min(0.25, max(eind - time.monotonic(), 0)))
                except concurrent.futures.TimeoutError:
                    if not draad.is_alive():
                        break  # the loop is gone: retry on a fresh one
                    if time.monotonic() < eind:
                        continue
                    taak.cancel()
                    log.warning("afbeelding niet binnen %s s gemaakt; Chromium herstart", timeout)
                    self.stop(alleen=kaleido)
                    raise AfbeeldingMislukt(
                        "De afbeelding kon niet op tijd worden gemaakt."
                    ) from None
                except concurrent.futures.CancelledError:
                    break  # the loop was stopped under this job
                except Exception as fout:  # Kaleido re-raises what went wrong in the page
                    raise AfbeeldingMislukt(
                        f"De afbeelding kon niet worden gemaakt: {fout}"
                    ) from fout
                return data.encode("utf-8") if isinstance(data, str) else bytes(data)
            log.warning("de Chromium-draad voor afbeeldingen is weg (poging %d)", poging)
            self.stop(alleen=kaleido)
        raise AfbeeldingMislukt("De afbeelding kon niet worden gemaakt: Chromium stopte.")

    def _start(self) -> None:
        pad = browser_pad()
        import kaleido

        loop = asyncio.new_event_loop()
        loop.set_exception_handler(_achtergrondfout)
        draad = threading.Thread(target=loop.run_forever, name="kaleido", daemon=True)
        draad.start()

        async def open_browser() -> Any:
            k = kaleido.Kaleido(n=1, mathjax=False, timeout=RENDER_TIMEOUT_S, path=pad)
            await k.open()
            return k

        try:
            browser = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(START_TIMEOUT_S)
        except Exception as fout:
            loop.call_soon_threadsafe(loop.stop)
            raise AfbeeldingMislukt(f"Chromium voor afbeeldingen start niet: {fout}") from fout
        self._loop, self._draad, self._kaleido, self._pid = loop, draad, browser, os.getpid()
        self.starts += 1

    def stop(self, alleen: Any = None) -> None:
        """Close the browser and its loop; `alleen`: only if that browser is still the current."""
        with self._slot:
            if self._kaleido is None or (alleen is not None and self._kaleido is not alleen):
                return
            loop, draad, browser = self._loop, self._draad, self._kaleido
            self._loop = self._draad = self._kaleido = None
        if self._pid != os.getpid() or loop is None or draad is None:
            return  # a forked child does not own its parent's browser
        if draad.is_alive():
            try:
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(10)
            except Exception as fout:  # a stuck browser: the loop goes anyway
                log.warning("Chromium voor afbeeldingen sloot niet netjes: %s", fout)
            loop.call_soon_threadsafe(loop.stop)
            draad.join(5)
        proces = getattr(browser, "subprocess", None)
        if proces is not None and proces.poll() is None:
            proces.kill()  # its loop died: nobody else will end this Chromium
            proces.wait(5)


def _achtergrondfout(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """Kaleido's own tasks that fail after their job was given up (timeout, closed browser).

    Every job's outcome reaches its caller through its future; what is left here is the
    inner task of a cancelled job ("Task exception was never retrieved"), not worth an error.
    """
    log.info("Kaleido-achtergrondtaak: %s %r", context.get("message"), context.get("exception"))


_tekenaar = Tekenaar()
atexit.register(_tekenaar.stop)


def naar_afbeelding(
    figuur: dict[str, Any],
    formaat: Literal["png", "svg"],
    breedte: int = 1600,
    hoogte: int = 900,
    timeout: float = RENDER_TIMEOUT_S,
) -> bytes:
    """PNG or SVG bytes of a (prepared) figure dict at scale 1, from the process's browser."""
    if formaat not in ("png", "svg"):
        raise ValueError(f"onbekend afbeeldingsformaat: {formaat!r}")
    opties = {"format": formaat, "width": breedte, "height": hoogte, "scale": 1}
    return _tekenaar.teken(figuur, opties, timeout)


def tekenaar() -> Tekenaar:
    """The process-wide renderer (for tests and the benchmark: start count, stop)."""
    return _tekenaar
