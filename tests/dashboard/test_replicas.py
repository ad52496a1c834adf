"""Two replicas on one database file: one `os.replace` swap reaches both, without a restart.

Replicas share nothing but the read-only file (here literally the same path; on several
machines each has its own copy, swapped the same way). Each is its own gunicorn master with
its own workers; both must answer with the new build shortly after the single swap, and a
chart export on each must carry the new value.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.request
from pathlib import Path

from bench.verzoeken import werkbalk_lichaam
from etl.build import bouw
from tests.conftest import wijzig_rij
from tests.dashboard.gunicorn_hulp import get, gunicorn

NIEUWE_WAARDE = "4242424"


def _bouwcode(basis: str) -> str:
    status, lichaam = get(basis + "/gezondheid")
    assert status == 200
    return json.loads(lichaam)["invoer_sha256"]


def _csv(basis: str) -> str:
    afhankelijkheden = json.loads(get(basis + "/_dash-dependencies")[1])
    verzoek = urllib.request.Request(
        basis + "/_dash-update-component",
        data=werkbalk_lichaam(afhankelijkheden, "trends-export", "/trends", "csv"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(verzoek, timeout=30) as r:
        antwoord = json.loads(r.read())["response"]
    bestand = antwoord["trends-export-download"]["data"]
    inhoud = bestand["content"]
    return base64.b64decode(inhoud).decode("utf-8-sig") if bestand["base64"] else inhoud


def test_twee_replicas_zien_na_een_swap_allebei_de_nieuwe_data(raw: Path, tmp_path: Path) -> None:
    db = tmp_path / "gedeeld.duckdb"
    oud = bouw(raw, db).invoer_sha256
    with gunicorn(db, workers=1, threads=2) as a, gunicorn(db, workers=1, threads=2) as b:
        assert _bouwcode(a) == _bouwcode(b) == oud
        assert NIEUWE_WAARDE not in _csv(a)

        wijzig_rij(
            raw / "waarneming.csv",
            lambda r: r["indicator_id"] == "so_leerlingen",
            waarde=NIEUWE_WAARDE,
        )
        nieuw = bouw(raw, db).invoer_sha256  # build once, swap once (os.replace)
        assert nieuw != oud

        eind = time.monotonic() + 10
        while time.monotonic() < eind and {_bouwcode(a), _bouwcode(b)} != {nieuw}:
            time.sleep(0.1)
        assert _bouwcode(a) == _bouwcode(b) == nieuw
        for basis in (a, b):
            assert NIEUWE_WAARDE in _csv(basis)
