"""The export queue: places per worker, across workers (file locks), waiting and refusing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from dashboard.uitvoer.wachtrij import Bezet, Wachtrij


def test_over_werkers_heen_niet_meer_dan_totaal(tmp_path: Path) -> None:
    """Two workers (two queues on one directory) share `totaal` places."""
    a = Wachtrij(per_werker=1, totaal=1, wachtend=1, wacht_s=0.3, map_=tmp_path)
    b = Wachtrij(per_werker=1, totaal=1, wachtend=1, wacht_s=0.3, map_=tmp_path)
    with a.plek():
        begin = time.monotonic()
        with pytest.raises(Bezet), b.plek():
            pass
        assert time.monotonic() - begin >= 0.3  # it waited its time first
    with b.plek():  # freed
        pass


def test_wacht_op_een_plek_die_vrijkomt(tmp_path: Path) -> None:
    rij = Wachtrij(per_werker=1, totaal=2, wachtend=1, wacht_s=5, map_=tmp_path)
    volgorde = []

    def lang() -> None:
        with rij.plek():
            volgorde.append("eerste")
            time.sleep(0.3)

    draad = threading.Thread(target=lang)
    draad.start()
    time.sleep(0.05)
    with rij.plek():  # one runs per worker: this one waits for the first
        volgorde.append("tweede")
    draad.join()
    assert volgorde == ["eerste", "tweede"]


def test_volle_rij_weigert_meteen(tmp_path: Path) -> None:
    """Beyond running + waiting, a request is refused at once: threads stay free."""
    rij = Wachtrij(per_werker=1, totaal=2, wachtend=0, wacht_s=5, map_=tmp_path)
    with rij.plek():
        begin = time.monotonic()
        with pytest.raises(Bezet) as fout, rij.plek():
            pass
        assert time.monotonic() - begin < 0.5
    koppen = dict(fout.value.get_headers())
    assert int(koppen["Retry-After"]) > 0
    assert fout.value.code == 503
    assert rij.toegelaten == 0 and rij.geweigerd == 1


def test_een_fout_in_de_export_geeft_de_plek_terug(tmp_path: Path) -> None:
    rij = Wachtrij(per_werker=1, totaal=1, wachtend=0, wacht_s=0.1, map_=tmp_path)
    with pytest.raises(ValueError), rij.plek():
        raise ValueError("kapot")
    with rij.plek():
        pass


def test_ruwe_verzoeken_herkend_zoals_de_browser_ze_stuurt() -> None:
    """The worker's byte-level test must see what the app's parsed test sees."""
    import json

    from dashboard.uitvoer.wachtrij import is_duur, is_duur_verzoek

    def verzoek(output: str, trigger: str) -> tuple[dict, bytes]:
        lichaam = {
            "output": output,
            "outputs": [{"id": "x", "property": "data"}],
            "inputs": [{"id": "a" * 300, "property": "n_clicks", "value": 1}],
            "changedPropIds": [trigger],
        }
        kop = b"POST /_dash-update-component HTTP/1.1\r\nHost: t\r\n\r\n"
        return lichaam, kop + json.dumps(lichaam).encode()

    gevallen = [
        (
            "..trends-export-download.data...trends-export-melding.children@1..",
            "trends-export-png.n_clicks",
            True,
        ),
        (
            "..trends-export-download.data...trends-export-melding.children@1..",
            "trends-export-svg.n_clicks",
            True,
        ),
        (
            "..trends-export-download.data...trends-export-melding.children@1..",
            "trends-export-csv.n_clicks",
            False,
        ),
        (
            "..capaciteit-alles-download.data...capaciteit-alles-melding.children@2..",
            "capaciteit-alles.n_clicks",
            True,
        ),
        (
            "..bronnen-alles-download.data...bronnen-alles-melding.children..",
            "bronnen-alles.n_clicks",
            True,
        ),
        ("trends-grafiek.figure", "trends-tab.value", False),
    ]
    for output, trigger, verwacht in gevallen:
        lichaam, ruw = verzoek(output, trigger)
        assert is_duur(lichaam) is verwacht, output
        assert is_duur_verzoek(ruw) is verwacht, output
