"""The image renderer survives what broke it before: other threads, timeouts, a dead loop."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from dashboard.uitvoer import afbeelding

FIGUUR = {
    "data": [{"type": "scatter", "x": [2016, 2017], "y": [1, 2]}],
    "layout": {"title": {"text": "Proef"}},
}
SVG = {"format": "svg", "width": 400, "height": 300, "scale": 1}


@pytest.fixture(scope="module")
def tekenaar() -> Iterator[afbeelding.Tekenaar]:
    t = afbeelding.Tekenaar()  # its own browser: the process-wide one stays untouched
    yield t
    t.stop()


@pytest.mark.browser
def test_eerst_uit_andere_draad_dan_uit_hoofddraad(tekenaar: afbeelding.Tekenaar) -> None:
    uit: dict[str, bytes] = {}
    draad = threading.Thread(target=lambda: uit.update(svg=tekenaar.teken(FIGUUR, SVG)))
    draad.start()
    draad.join(60)
    assert b"Proef" in uit["svg"]
    assert b"Proef" in tekenaar.teken(FIGUUR, SVG)  # the same browser, from another thread


@pytest.mark.browser
def test_gelijktijdige_aanvragen_krijgen_hun_eigen_afbeelding(
    tekenaar: afbeelding.Tekenaar,
) -> None:
    uit: dict[int, bytes] = {}

    def teken(i: int) -> None:
        fig = {**FIGUUR, "layout": {"title": {"text": f"Grafiek {i}"}}}
        uit[i] = tekenaar.teken(fig, SVG)

    draden = [threading.Thread(target=teken, args=(i,)) for i in range(4)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(60)
    assert all(f"Grafiek {i}".encode() in uit[i] for i in range(4))


@pytest.mark.browser
def test_te_laat_geeft_melding_en_daarna_werkt_het_weer(tekenaar: afbeelding.Tekenaar) -> None:
    tekenaar.teken(FIGUUR, SVG)
    starts = tekenaar.starts
    with pytest.raises(afbeelding.AfbeeldingMislukt, match="niet op tijd"):
        tekenaar.teken(FIGUUR, SVG, timeout=0.0)
    assert b"Proef" in tekenaar.teken(FIGUUR, SVG)
    assert tekenaar.starts == starts + 1  # the stuck browser was replaced, not queued behind


@pytest.mark.browser
def test_dode_lusdraad_wordt_vervangen(tekenaar: afbeelding.Tekenaar) -> None:
    """The loop thread ends under the renderer (dash_duo does it with SystemExit at a test's
    end; stopping the loop has the same effect without an exception report mid-run)."""
    tekenaar.teken(FIGUUR, SVG)
    starts, lus, draad = tekenaar.starts, tekenaar._loop, tekenaar._draad
    assert lus is not None and draad is not None
    lus.call_soon_threadsafe(lus.stop)
    draad.join(10)
    assert not draad.is_alive()
    assert b"Proef" in tekenaar.teken(FIGUUR, SVG)
    assert tekenaar.starts == starts + 1


def test_zonder_chromium_een_nette_melding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/bestaat/niet/chromium")
    with pytest.raises(afbeelding.AfbeeldingMislukt, match="Geen Chromium"):
        afbeelding.Tekenaar().teken(FIGUUR, SVG)


@pytest.mark.browser
def test_stil_gesloten_en_daarna_weer_gestart() -> None:
    """An idle browser is closed (its ~300 MB come back); the next image starts a new one."""
    t = afbeelding.Tekenaar(stil_s=0.5)
    try:
        t.teken(FIGUUR, SVG)
        proces = t._kaleido.subprocess
        eind = time.monotonic() + 10
        while t.draait() and time.monotonic() < eind:
            time.sleep(0.1)
        assert not t.draait()
        assert proces.wait(5) is not None  # Chromium really ended
        assert b"Proef" in t.teken(FIGUUR, SVG)
        assert t.starts == 2
    finally:
        t.stop()


def test_stil_nul_betekent_nooit_sluiten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETENMONITOR_CHROMIUM_STIL_S", "0")
    assert afbeelding.Tekenaar().stil_s == 0
    monkeypatch.setenv("KETENMONITOR_CHROMIUM_STIL_S", "120")
    assert afbeelding.Tekenaar().stil_s == 120
