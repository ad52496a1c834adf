"""Export rendering: `naar_afbeelding` turns a prepared figure into PNG/SVG bytes.

It chooses the renderer: by default the one render service all workers share (`tekendienst`,
which runs a `tekenaar.Tekenaar`); KETENMONITOR_TEKENAAR=proces keeps a `Tekenaar` in every
process instead. The renderer core lives in `tekenaar`, so the service and this module do not
import each other.
"""

from __future__ import annotations

import atexit
import os
import threading
from typing import Any, Literal

from dashboard.uitvoer.tekenaar import (
    RENDER_TIMEOUT_S,
    AfbeeldingMislukt,
    Tekenaar,
    browser_pad_bestaat,
)
from dashboard.uitvoer.tekendienst import Tekenklant

__all__ = ["AfbeeldingMislukt", "Tekenaar", "browser_pad_bestaat", "naar_afbeelding"]

_tekenaar = Tekenaar()
atexit.register(_tekenaar.stop)
_klant: Any = None
_klant_slot = threading.Lock()


def gedeeld() -> bool:
    """One render service for all workers (default), or a browser per process (`proces`).

    KETENMONITOR_TEKENAAR=proces is the old per-process mode: for the benchmark's "before"
    measurement, and for a machine where a helper process cannot be started.
    """
    return os.environ.get("KETENMONITOR_TEKENAAR", "gedeeld") != "proces"


def naar_afbeelding(
    figuur: dict[str, Any],
    formaat: Literal["png", "svg"],
    breedte: int = 1600,
    hoogte: int = 900,
    timeout: float = RENDER_TIMEOUT_S,
    schaal: float = 1,
) -> bytes:
    """PNG or SVG bytes of a (prepared) figure dict, from the shared renderer (or the
    process's own browser with KETENMONITOR_TEKENAAR=proces).

    `schaal` multiplies the pixel size of a PNG (2 = sharp at memo size); an SVG keeps its
    layout size whatever the scale.
    """
    if formaat not in ("png", "svg"):
        raise ValueError(f"onbekend afbeeldingsformaat: {formaat!r}")
    opties = {"format": formaat, "width": breedte, "height": hoogte, "scale": schaal}
    uitvoerder = tekenklant() if gedeeld() else _tekenaar
    return uitvoerder.teken(figuur, opties, timeout)


def tekenaar() -> Tekenaar:
    """The process's own renderer (mode `proces`; for tests and the benchmark)."""
    return _tekenaar


def tekenklant() -> Any:
    """The process's client of the shared render service (`dashboard.uitvoer.tekendienst`)."""
    global _klant
    with _klant_slot:
        if _klant is None:
            _klant = Tekenklant()
        return _klant
