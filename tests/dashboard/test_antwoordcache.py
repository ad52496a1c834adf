"""Callback responses cached per data version, downloads never, text compressed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bench.verzoeken import callback_lichaam, router_lichaam
from dashboard.gegevens import queries
from dashboard.webserver import antwoordcache
from dashboard.webserver.antwoordcache import KOP, Antwoord, Antwoordcache
from etl.build import bouw
from tests.conftest import wijzig_rij


@pytest.fixture
def app(met_database: Path):
    from dashboard.app import app

    app.server.test_client().get("/")  # Dash's first-request setup registers the router
    antwoordcache.cache._items.clear()
    return app


def _post(client, data: bytes, **koppen):
    return client.post(
        "/_dash-update-component", data=data, content_type="application/json", headers=koppen
    )


def test_tweede_keer_uit_de_cache_met_dezelfde_bytes(app) -> None:
    client = app.server.test_client()
    lichaam = router_lichaam("/kenmerken", "")
    eerste, tweede = _post(client, lichaam), _post(client, lichaam)
    assert eerste.status_code == tweede.status_code == 200
    assert eerste.headers[KOP] == "misser" and tweede.headers[KOP] == "treffer"
    assert tweede.get_data() == eerste.get_data()
    assert tweede.headers["X-Content-Type-Options"] == "nosniff"  # security headers on hits
    anders = _post(client, router_lichaam("/kenmerken", "?corona=1"))
    assert anders.headers[KOP] == "misser"


def test_melding_bij_ongeldige_url_ook_uit_de_cache(app) -> None:
    client = app.server.test_client()
    lichaam = router_lichaam("/trends", "?weergave=fout")
    for verwacht in ("misser", "treffer"):
        r = _post(client, lichaam)
        assert r.headers[KOP] == verwacht
        assert "Ongeldige waarde" in r.get_data(as_text=True)


def test_downloads_nooit_in_de_cache(app) -> None:
    client = app.server.test_client()
    lichaam = callback_lichaam(
        app.callback_map,
        "trends-export-download",
        {
            "trends-export-csv.n_clicks": 1,
            "trends-url.search": "",
            "trends-url.pathname": "/trends",
        },
        "trends-export-csv.n_clicks",
    )
    data = json.dumps(lichaam).encode()
    for _ in range(2):
        r = _post(client, data)
        assert r.status_code == 200 and KOP not in r.headers
        assert "ketenmonitor_" in r.get_data(as_text=True)  # the file itself


def test_gecomprimeerd_als_de_browser_dat_wil(app) -> None:
    client = app.server.test_client()
    lichaam = router_lichaam("/bronnen", "")
    for _ in range(2):  # miss, then hit: both compressed, both the same JSON
        r = _post(client, lichaam, **{"Accept-Encoding": "gzip, deflate"})
        assert r.headers["Content-Encoding"] == "gzip"
        assert len(r.get_data()) < len(gzip.decompress(r.get_data())) / 3
        assert json.loads(gzip.decompress(r.get_data()))["response"]
    zonder = _post(client, lichaam)
    assert "Content-Encoding" not in zonder.headers and zonder.get_json()["response"]


def test_na_een_nieuwe_bouw_geen_oud_antwoord(
    raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two builds with different data: after the swap the new value is served, not the cache."""
    from dashboard.app import app

    doel = tmp_path / "live.duckdb"
    bouw(raw, doel)
    monkeypatch.setenv("KETENMONITOR_DB", str(doel))
    client = app.server.test_client()
    client.get("/")
    lichaam = router_lichaam("/trends", "?indicator=so_leerlingen&weergave=absoluut&tab=tabel")

    def tabel() -> tuple[str, str | None]:
        return _so_tabel(app, client)

    assert _post(client, lichaam).status_code == 200
    voor, _ = tabel()
    assert tabel()[1] == "treffer"
    versie = queries.dataversie()
    wijzig_rij(
        raw / "waarneming.csv",
        lambda r: r["indicator_id"] == "so_leerlingen" and r["periode_van"] == "2023",
        waarde="12345",
    )
    bouw(raw, doel)
    na, kop = tabel()
    assert queries.dataversie() != versie
    assert kop == "misser" and "12.345" in na and "12.345" not in voor


def test_lru_blijft_binnen_zijn_grens() -> None:
    c = Antwoordcache(max_bytes=4000)
    for i in range(20):
        c.bewaar("v1", bytes([i]), Antwoord(b"x" * 400, b"y" * 100, "application/json"))
    assert len(c) * 500 <= 4000 and c.haal("v1", bytes([19])) is not None
    assert c.haal("v1", bytes([0])) is None  # the oldest went first
    assert c.haal("v2", bytes([19])) is None and len(c) == 0  # a new version empties it


def _so_2018_plus_een(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the build itself change one value (so 2018: 30868 → 30869); raw data untouched."""
    import etl.build

    echt = etl.build.valideer_met_imports

    def anders(raw_dir):
        uitkomst = echt(raw_dir)
        w = uitkomst.tabellen["waarneming"]
        rij = (w["indicator_id"] == "so_leerlingen") & (w["periode_van"] == 2018)
        rij &= w["uitsplitsing"] == "totaal"
        assert rij.sum() == 1 and w.loc[rij, "waarde"].iloc[0] == 30868
        w.loc[rij, "waarde"] = 30869
        return uitkomst

    monkeypatch.setattr(etl.build, "valideer_met_imports", anders)


def _so_tabel(app, client) -> tuple[str, str | None]:
    uit = callback_lichaam(
        app.callback_map,
        "trends-grafiek.figure",
        {
            "trends-indicator.value": ["so_leerlingen"],
            "trends-setting.value": [],
            "trends-weergave.value": "absoluut",
            "trends-basisjaar.value": "2016",
            "trends-van.value": "2015",
            "trends-tot.value": "2024",
            "trends-corona.value": [],
            "trends-beleid.value": [],
            "trends-tab.value": "tabel",
            "trends-sorteer.value": "indicator",
        },
        "trends-tab.value",
    )
    r = _post(client, json.dumps(uit).encode())
    assert r.status_code == 200
    return r.get_data(as_text=True), r.headers.get(KOP)


@pytest.mark.parametrize("hoe", ["herbouw", "vreemde_bouw"])
def test_zelfde_invoer_andere_inhoud_geeft_nieuw_antwoord(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hoe: str
) -> None:
    """The probe's case: a rebuild by changed code (same raw input, same invoer_sha256), or a
    database built elsewhere and swapped in, must be served at once, not the cached 30868."""
    import os

    from dashboard.app import app
    from etl.config import RAW_DIR

    doel = tmp_path / "live.duckdb"
    oud = bouw(RAW_DIR, doel)
    monkeypatch.setenv("KETENMONITOR_DB", str(doel))
    client = app.server.test_client()
    client.get("/")
    voor, _ = _so_tabel(app, client)
    assert _so_tabel(app, client)[1] == "treffer"
    assert "30.868" in voor and "30.869" not in voor
    _so_2018_plus_een(monkeypatch)
    if hoe == "herbouw":
        nieuw = bouw(RAW_DIR, doel)
    else:
        elders = tmp_path / "elders" / "ketenmonitor.duckdb"
        nieuw = bouw(RAW_DIR, elders)
        os.replace(elders, doel)
    assert nieuw.invoer_sha256 == oud.invoer_sha256 and nieuw.data_versie != oud.data_versie
    na, kop = _so_tabel(app, client)
    assert kop == "misser" and "30.869" in na
    assert queries.dataversie() == nieuw.data_versie
