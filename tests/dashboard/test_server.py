"""Production behaviour over HTTP (Flask test client): headers, errors, 503, any query string."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urlencode

import dash
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.verzoeken import router_lichaam
from dashboard.webserver.beveiliging import MAX_ZOEK

pytestmark = pytest.mark.vijandig  # the hostile-input suite: pytest -m vijandig (< 1 min)

VERBODEN = ("Traceback", 'File "', ".py", "/work/", "site-packages")


@pytest.fixture
def client(met_database: Path):
    from dashboard.app import app

    return app.server.test_client()


def _pagina_via_router(client, pad: str, query: str):
    """What the browser does on load: ask Dash's page router for the layout of pad+query."""
    client.get("/")  # lets Dash finish its first-request setup
    return client.post(
        "/_dash-update-component",
        data=router_lichaam(pad, query),
        content_type="application/json",
    )


def test_veiligheidskoppen_op_elke_respons(client) -> None:
    for pad in ("/", "/trends", "/gezondheid", "/assets/ketenmonitor.css", "/bestaat-niet"):
        r = client.get(pad)
        assert r.headers["X-Content-Type-Options"] == "nosniff", pad
        assert "frame-ancestors 'self'" in r.headers["Content-Security-Policy"], pad
        assert "script-src 'self' 'sha256-" in r.headers["Content-Security-Policy"], pad
        assert "unsafe-eval" not in r.headers["Content-Security-Policy"]
        assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_inbedden_is_instelbaar(monkeypatch: pytest.MonkeyPatch, met_database: Path) -> None:
    from dashboard.app import app
    from dashboard.webserver import beveiliging

    monkeypatch.setenv("KETENMONITOR_FRAME_ANCESTORS", "'self' https://intranet.example")
    assert "frame-ancestors 'self' https://intranet.example" in beveiliging.csp(app)


def test_gezondheid_noemt_de_bouw(client, met_database: Path) -> None:
    import duckdb

    r = client.get("/gezondheid")
    assert r.status_code == 200
    info = r.get_json()
    assert len(info["invoer_sha256"]) == 64
    with duckdb.connect(str(met_database), read_only=True) as con:
        versie, gebouwd = con.execute("SELECT data_versie, gebouwd_op FROM bouw").fetchone()
    assert info["data_versie"] == versie and info["data_versie_kort"] == versie[:12]
    assert info["gebouwd_op"] == gebouwd.isoformat()


def _oud_schema(pad: Path, hoe: str) -> None:
    """Turn a fresh build into one of the previous schema (before data_versie)."""
    import duckdb

    with duckdb.connect(str(pad)) as con:
        if hoe == "schema 1":
            for kolom in ("data_versie", "data_versie_kort", "schema_versie"):
                con.execute(f"ALTER TABLE bouw DROP COLUMN {kolom}")
            con.execute("DROP TABLE datapakket")
        else:  # same columns, an older number
            con.execute("UPDATE bouw SET schema_versie = schema_versie - 1")


@pytest.mark.parametrize("hoe", ["schema 1", "lager nummer"])
def test_oud_schema_geeft_503_bouw_opnieuw(
    database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    hoe: str,
) -> None:
    import shutil

    from dashboard.app import app

    oud = tmp_path / "oud.duckdb"
    shutil.copy(database, oud)
    _oud_schema(oud, hoe)
    monkeypatch.setenv("KETENMONITOR_DB", str(oud))
    client = app.server.test_client()
    with caplog.at_level(logging.ERROR, logger="ketenmonitor"):
        r = client.get("/gezondheid")
        pagina = client.get("/trends")
    assert r.status_code == 503
    assert r.get_json() == {
        "status": "database niet beschikbaar",
        "reden": "bouw opnieuw: schema gewijzigd",
    }
    assert pagina.status_code == 503
    assert any("bouw opnieuw: schema gewijzigd" in m for m in caplog.messages)
    monkeypatch.setenv("KETENMONITOR_DB", str(database))
    assert client.get("/gezondheid").status_code == 200


def test_vreemd_bestand_is_geen_schemawijziging(
    client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    vreemd = tmp_path / "vreemd.duckdb"
    with duckdb.connect(str(vreemd)) as con:
        con.execute("CREATE TABLE x (a INTEGER)")
    monkeypatch.setenv("KETENMONITOR_DB", str(vreemd))
    r = client.get("/gezondheid")
    assert r.status_code == 503 and "reden" not in r.get_json()


def test_ontbrekende_database_geeft_503_en_logregel(
    client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("KETENMONITOR_DB", str(tmp_path / "weg.duckdb"))
    with caplog.at_level(logging.ERROR, logger="ketenmonitor"):
        r = client.get("/trends")
    assert r.status_code == 503
    assert "make etl" in r.get_data(as_text=True)
    assert any("database niet beschikbaar" in m and "weg.duckdb" in m for m in caplog.messages)
    assert "weg.duckdb" not in r.get_data(as_text=True)
    assert client.get("/gezondheid").status_code == 503
    assert client.get("/assets/ketenmonitor.css").status_code == 200


@pytest.mark.parametrize(
    "lichaam",
    [
        b"",
        b"{",
        b"[]",
        b'{"output": "x"}',
        json.dumps({"output": "trends-grafiek.figure", "inputs": "x"}).encode(),
    ],
)
def test_kapotte_callbackverzoeken_zonder_interne_details(client, lichaam: bytes) -> None:
    client.get("/")
    r = client.post("/_dash-update-component", data=lichaam, content_type="application/json")
    assert 400 <= r.status_code < 600
    tekst = r.get_data(as_text=True)
    assert not any(v in tekst for v in VERBODEN), tekst[:300]


def test_router_met_gewone_query(client) -> None:
    r = _pagina_via_router(client, "/trends", "?weergave=absoluut&indicator=so_leerlingen")
    assert r.status_code == 200
    assert '"absoluut"' in r.get_data(as_text=True)


waarden = st.one_of(
    st.text(max_size=50),
    st.text(min_size=1000, max_size=5000),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "'; DROP TABLE waarneming; --",
            "%00",
            "../../etc/passwd",
            "🙂" * 30,
            "2016",
            "-1",
            "1e309",
        ]
    ),
)
sleutels = st.sampled_from(
    [
        "indicator",
        "setting",
        "weergave",
        "van",
        "tot",
        "basisjaar",
        "corona",
        "tab",
        "sorteer",
        "beleid",
        "ministerie",
        "status",
        "doelgroep",
        "onzin",
    ]
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paren=st.lists(st.tuples(sleutels, waarden), max_size=6))
def test_elke_pagina_verdraagt_elke_query(client, paren) -> None:
    query = "?" + urlencode(paren)
    for pagina in dash.page_registry.values():
        if pagina["module"] == "not_found_404":
            continue
        r = _pagina_via_router(client, pagina["path"], query)
        if len(query) > MAX_ZOEK:  # longer than any address gunicorn accepts (414)
            assert r.status_code == 400, (pagina["path"], query)
            continue
        assert r.status_code == 200, (pagina["path"], query)
        tekst = r.get_data(as_text=True)
        assert "Traceback" not in tekst
        if any(sleutel == "onzin" for sleutel, _ in paren):
            assert "Onbekende instelling" in tekst, pagina["path"]
