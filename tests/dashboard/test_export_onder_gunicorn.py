"""Images from the production server: concurrent toolbar clicks in one gunicorn worker.

Four gthreads of one worker ask for PNG and SVG of different charts at the same time, the
way a busy page does. Every answer must be the image of the chart that was asked for (no
result handed to the wrong caller) and must arrive well within the render timeout.
"""

from __future__ import annotations

import base64
import json
import re
import struct
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.verzoeken import werkbalk_lichaam
from tests.dashboard.gunicorn_hulp import get, gunicorn

pytestmark = pytest.mark.browser  # Chromium renders the images (Kaleido)

KAARTEN = {  # toolbar → a title word only that chart has, and the page it sits on
    "kenmerken-duur-export": ("Duur van het gebruik", "/kenmerken"),
    "kenmerken-cluster-so_leerlingen-export": ("naar cluster", "/kenmerken"),
    "capaciteit-kinderopvang-export": ("Kinderopvang: locaties en", "/capaciteit"),
    "trends-export": ("Index", "/trends"),
}


def _klik(basis: str, afhankelijkheden: list[dict], werkbalk: str, formaat: str) -> dict:
    """One toolbar click as the browser sends it: a POST to Dash's callback endpoint."""
    verzoek = urllib.request.Request(
        basis + "/_dash-update-component",
        data=werkbalk_lichaam(afhankelijkheden, werkbalk, KAARTEN[werkbalk][1], formaat),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(verzoek, timeout=60) as r:
        return json.loads(r.read())["response"]


def test_gelijktijdige_afbeeldingen_in_een_worker(database: Path) -> None:
    with gunicorn(database, workers=1, threads=4) as basis:
        afhankelijkheden = json.loads(get(basis + "/_dash-dependencies")[1])
        bekend = {
            m for d in afhankelijkheden for m in re.findall(r"([\w-]+)-download\.data", d["output"])
        }
        assert set(KAARTEN) <= bekend, sorted(b for b in bekend if b.endswith("-export"))
        opdrachten = [(w, f) for w in KAARTEN for f in ("png", "svg")] * 2
        with ThreadPoolExecutor(max_workers=4) as pool:
            antwoorden = list(pool.map(lambda o: _klik(basis, afhankelijkheden, *o), opdrachten))

    for (werkbalk, formaat), antwoord in zip(opdrachten, antwoorden, strict=True):
        bestand = antwoord[f"{werkbalk}-download"]["data"]
        naam = bestand["filename"]
        assert naam.startswith("ketenmonitor_") and naam.endswith(f".{formaat}")
        assert "is klaar" in antwoord[f"{werkbalk}-melding"]["children"]
        data = base64.b64decode(bestand["content"]) if bestand["base64"] else bestand["content"]
        if formaat == "png":
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
            assert struct.unpack(">II", data[16:24])[0] == 1600  # 800 px at scale 2
        else:
            tekst = data if isinstance(data, str) else data.decode("utf-8")
            assert KAARTEN[werkbalk][0] in tekst, (werkbalk, tekst[:200])
            # the footer opens with the citation line: who, which data version, when exported
            assert "Bron" in tekst and re.search(r"Ketenmonitor \(\d{4}\)\.", tekst)
            assert "Data-versie" in tekst and "Geëxporteerd op" in tekst
