"""Hostile input over HTTP (Flask test client), one test per defect found by a hostile-input probe.

Bounded work per request, a 4xx (and one escaped log line, no traceback) for every client
mistake, a 503 for every unusable database state, no DuckDB text or server path for users,
and permalinks that no request header can redirect.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import os
import shutil
import time
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.verzoeken import callback_lichaam, paginapaden, router_lichaam

pytestmark = pytest.mark.vijandig  # the hostile-input suite: pytest -m vijandig (< 1 min)

VERBODEN = ("Traceback", 'File "', ".py", "/work/", "site-packages", "/tmp", "duckdb", "SELECT")
FUNCTIE = [HealthCheck.function_scoped_fixture]


@pytest.fixture
def app(met_database: Path):
    from dashboard.app import app

    app.server.test_client().get("/")  # Dash's first-request setup registers the router
    return app


@pytest.fixture
def client(app):
    return app.server.test_client()


def _post(client, lichaam, **kwargs):
    data = lichaam if isinstance(lichaam, bytes) else json.dumps(lichaam).encode()
    return client.post(
        "/_dash-update-component", data=data, content_type="application/json", **kwargs
    )


def _koppen_ok(r) -> None:
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors" in r.headers["Content-Security-Policy"]


def _een_regel_zonder_traceback(caplog: pytest.LogCaptureFixture) -> None:
    records = [r for r in caplog.records if r.name == "ketenmonitor"]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].exc_info is None
    assert records[0].levelno <= logging.WARNING


# ---------------------------------------------------------------- bounded input


def test_honderdduizend_onbekende_sleutels_zijn_400_zonder_werk(
    client, caplog: pytest.LogCaptureFixture
) -> None:
    """Was: one notice per key, 16 MB, a worker busy 11-18 s."""
    query = "?" + "&".join(f"a{i}=" for i in range(100_000))
    lichaam = router_lichaam("/trends", query)
    assert len(lichaam) < 1024 * 1024  # under the body limit: the query string limit acts
    begin = time.perf_counter()
    with caplog.at_level(logging.INFO, logger="ketenmonitor"):
        r = _post(client, lichaam)
    duur = time.perf_counter() - begin
    assert r.status_code == 400
    assert duur < 0.5, duur
    _een_regel_zonder_traceback(caplog)


def test_veel_onbekende_sleutels_geven_een_melding(client) -> None:
    """A query string as long as an address can be: one notice naming three keys."""
    from dashboard.webserver.beveiliging import MAX_ZOEK

    sleutels = []
    while len("?" + "&".join(sleutels)) + 8 < MAX_ZOEK:
        sleutels.append(f"a{len(sleutels)}=")
    r = _post(client, router_lichaam("/trends", "?" + "&".join(sleutels)))
    tekst = r.get_data(as_text=True)
    assert r.status_code == 200
    # the page as without the keys (it carries its first chart and table) plus one notice
    kaal = _post(client, router_lichaam("/trends", "")).get_data(as_text=True)
    assert len(tekst) < len(kaal) + 2_000, (len(tekst), len(kaal))
    assert tekst.count("Onbekende instelling") == 1
    assert f"en {len(sleutels) - 3} andere genegeerd" in tekst


@pytest.mark.parametrize("extra", [1, 10 * 1024 * 1024])
def test_lichaam_boven_de_limiet_is_413(client, extra: int) -> None:
    from dashboard.webserver.beveiliging import MAX_LICHAAM

    r = _post(client, b"{" + b" " * (MAX_LICHAAM + extra))
    assert r.status_code == 413
    _koppen_ok(r)
    assert r.get_json() == {"fout": "ongeldig verzoek"}


def test_lichaam_op_de_limiet_wordt_gelezen(client) -> None:
    from dashboard.webserver.beveiliging import MAX_LICHAAM

    lichaam = router_lichaam("/trends", "?weergave=absoluut")
    r = _post(client, lichaam + b" " * (MAX_LICHAAM - len(lichaam)))
    assert r.status_code == 200


# ---------------------------------------------------------------- status codes, quiet logs

json_waarden = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda kind: (
        st.lists(kind, max_size=4) | st.dictionaries(st.text(max_size=10), kind, max_size=4)
    ),
    max_leaves=12,
)


def _verminkingen(app) -> st.SearchStrategy[dict]:
    """A valid page-router body with one part broken the way a hostile client would."""
    goed = json.loads(router_lichaam("/trends", "?weergave=index"))
    nodig = ["output", "outputs", "inputs"]  # state and changedPropIds may be left out
    return st.one_of(
        st.sampled_from(nodig).map(lambda k: {a: b for a, b in goed.items() if a != k}),
        st.tuples(st.sampled_from([*nodig, "state"]), json_waarden)
        .filter(lambda kv: kv[1] != goed[kv[0]])
        .map(lambda kv: {**goed, kv[0]: kv[1]}),
        st.text(max_size=30).map(lambda t: {**goed, "output": t + "\n[ERROR] nep"}),
        st.just({**goed, "inputs": goed["inputs"][:1]}),
        st.just({**goed, "inputs": list(reversed(goed["inputs"]))}),
        st.just({**goed, "inputs": [*goed["inputs"], goed["inputs"][0]]}),
        st.just({**goed, "outputs": goed["outputs"][0]}),
        st.just({**goed, "outputs": [{"id": "x", "property": "y"}] * 2}),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=FUNCTIE)
@given(data=st.data())
def test_kapotte_callbacks_zijn_400_met_een_logregel(
    app, client, caplog: pytest.LogCaptureFixture, data
) -> None:
    """Was: 500 with a full traceback in the log."""
    lichaam = data.draw(
        st.one_of(
            _verminkingen(app),
            json_waarden,
            st.binary(max_size=50).filter(lambda b: b.strip() != b""),
        )
    )
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="ketenmonitor"):
        r = _post(client, lichaam)
    assert r.status_code == 400, (lichaam, r.get_data(as_text=True)[:200])
    assert r.get_json() == {"fout": "ongeldig verzoek"}
    _koppen_ok(r)
    _een_regel_zonder_traceback(caplog)


@settings(max_examples=60, deadline=None, suppress_health_check=FUNCTIE)
@given(data=st.data())
def test_waarden_van_elk_type_geven_nooit_500(app, client, data) -> None:
    """Every server callback (exports aside: they render images) with values of any JSON type:
    a value no browser sends (a number where a checklist sends a list) is a 400, never a 500."""
    sleutels = sorted(
        k
        for k, cb in app.callback_map.items()
        if "callback" in cb and "export-download" not in k and "alles-download" not in k
    )
    sleutel = data.draw(st.sampled_from(sleutels))
    cb = app.callback_map[sleutel]
    waarden = {
        f"{a['id']}.{a['property']}": data.draw(json_waarden | st.sampled_from(["/trends", "?a=1"]))
        for a in [*cb["inputs"], *cb["state"]]
    }
    trigger = f"{cb['inputs'][0]['id']}.{cb['inputs'][0]['property']}"
    r = _post(client, callback_lichaam(app.callback_map, sleutel, waarden, trigger))
    assert r.status_code in (200, 204, 400), (sleutel, waarden, r.get_data(as_text=True)[:300])


@settings(max_examples=30, deadline=None, suppress_health_check=FUNCTIE)
@given(
    pakket=st.sampled_from(["dash", "plotly", "dash_bootstrap_components", "bestaat_niet"]),
    naam=st.text(alphabet="abcxyz_-./", min_size=1, max_size=30),
)
def test_ontbrekend_bestand_in_component_suites_is_404(
    client, caplog: pytest.LogCaptureFixture, pakket: str, naam: str
) -> None:
    """Was: 500 with a traceback listing every registered path."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="ketenmonitor"):
        r = client.get(f"/_dash-component-suites/{pakket}/bestaat-niet-{naam}.js")
    assert r.status_code == 404
    _koppen_ok(r)
    assert not any(v in r.get_data(as_text=True) for v in VERBODEN)
    assert all(rec.exc_info is None for rec in caplog.records)


def test_bestaand_bestand_in_component_suites_blijft_200(client) -> None:
    from dashboard.app import app

    scripts = [s for s in app._collect_and_register_resources(app.scripts.get_all_scripts())]
    assert scripts
    assert client.get(scripts[0]).status_code == 200


@settings(max_examples=25, deadline=None, suppress_health_check=FUNCTIE)
@given(pad=st.text(alphabet="abcdefghijklmnopqrstuvwxyz-/é0123456789", min_size=1, max_size=30))
def test_onbekende_pagina_is_een_nederlandse_404(client, pad: str) -> None:
    from dashboard.webserver.beveiliging import bekende_paginas

    pad = "/".join(deel for deel in pad.split("/") if deel)  # '//x' is redirected (308)
    if pad in bekende_paginas():
        return
    r = client.get("/" + quote(pad))
    assert r.status_code == 404, pad
    _koppen_ok(r)
    assert '<html lang="nl">' in r.get_data(as_text=True)


def test_onbekende_pagina_toont_de_nederlandse_tekst(client) -> None:
    r = _post(client, router_lichaam("/bestaat-niet", ""))
    tekst = r.get_data(as_text=True)
    assert "Deze pagina bestaat niet" in tekst and "404 - Page not found" not in tekst
    assert client.get("/bestaat-niet").status_code == 404
    assert client.get("/404").status_code == 404


def test_bekende_paginas_blijven_200(client) -> None:
    for pad in (*paginapaden(), "/trends/"):  # every registered page, and a trailing slash
        assert client.get(pad).status_code == 200, pad


@pytest.mark.parametrize(
    ("methode", "pad", "toegestaan"),
    [
        ("delete", "/_dash-update-component", "POST"),
        ("put", "/gezondheid", "GET"),
        ("post", "/", "GET"),
        ("patch", "/trends", "GET"),
    ],
)
def test_405_noemt_allow(client, methode: str, pad: str, toegestaan: str) -> None:
    r = getattr(client, methode)(pad)
    assert r.status_code == 405
    assert toegestaan in r.headers["Allow"]
    _koppen_ok(r)


@settings(max_examples=40, deadline=None)
@given(tekst=st.text(max_size=60))
def test_ontsnap_laat_geen_stuurteken_over(tekst: str) -> None:
    import unicodedata

    from dashboard.webserver.logboek import ontsnap

    uit = ontsnap(tekst)
    assert not any(unicodedata.category(t) == "Cc" for t in uit)
    assert "\u2028" not in uit and "\u2029" not in uit
    if not any(unicodedata.category(t) == "Cc" or t in "\u2028\u2029" for t in tekst):
        assert uit == tekst


@settings(max_examples=25, deadline=None, suppress_health_check=FUNCTIE)
@given(
    voor=st.text(alphabet="abc", max_size=5),
    stuur=st.sampled_from(["\n", "\r", "\r\n", "\x1b[31m", "\x00", "\x85", "\u2028"]),
)
def test_stuurtekens_in_url_vervalsen_geen_logregel(
    client, caplog: pytest.LogCaptureFixture, voor: str, stuur: str
) -> None:
    """Was: a newline in a request value started a fake log line."""
    from dashboard.webserver.logboek import VeiligeOpmaak

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="ketenmonitor"):
        client.get("/" + quote(f"{voor}{stuur}[ERROR] nep"))
        _post(client, {"output": f"x{stuur}[ERROR] nep", "outputs": [], "inputs": []})
    opmaak = VeiligeOpmaak("%(levelname)s %(message)s")
    regels = [opmaak.format(r) for r in caplog.records if r.name == "ketenmonitor"]
    assert len(regels) == 2
    for regel in regels:
        assert "\n" not in regel and "\r" not in regel and "\x1b" not in regel, regel


def test_traceback_van_een_echte_fout_ontsnapt_alleen_de_melding() -> None:
    from dashboard.webserver.logboek import VeiligeOpmaak

    try:
        raise ValueError("waarde\n[ERROR] nep")
    except ValueError:
        record = logging.LogRecord("k", logging.ERROR, __file__, 1, "fout", (), None)
        import sys

        record.exc_info = sys.exc_info()
    tekst = VeiligeOpmaak("%(message)s").format(record)
    assert "Traceback" in tekst
    assert tekst.splitlines()[-1] == "ValueError: waarde\\x0a[ERROR] nep"


def test_app_logger_heeft_de_veilige_opmaak(app) -> None:
    from dashboard.webserver.logboek import VeiligeOpmaak

    logger = logging.getLogger("ketenmonitor")
    assert any(isinstance(h.formatter, VeiligeOpmaak) for h in logger.handlers)


# ---------------------------------------------------------------- database states


def _leeg(pad: Path) -> None:
    duckdb.connect(str(pad)).close()


def _zonder_schema(pad: Path) -> None:
    with duckdb.connect(str(pad)) as con:
        con.execute("CREATE TABLE iets (a INTEGER)")


def _half_schema(pad: Path) -> None:
    with duckdb.connect(str(pad)) as con:
        con.execute("CREATE TABLE bouw (gebouwd_op TIMESTAMP, invoer_sha256 VARCHAR)")
        con.execute("INSERT INTO bouw VALUES (now(), 'x')")


def _geen_duckdb(pad: Path) -> None:
    pad.write_bytes(b"dit is geen database\n" * 100)


ENDPOINTS = ("/", "/trends", "/bestaat-niet", "/_dash-layout", "/_dash-dependencies", "/gezondheid")


@pytest.mark.parametrize("maak", [_leeg, _zonder_schema, _half_schema, _geen_duckdb])
def test_onbruikbare_database_is_overal_503(
    client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, maak
) -> None:
    """Was (empty file): first a 503, then 500s with DuckDB's message and SQL in the toolbar."""
    pad = tmp_path / "ketenmonitor.duckdb"
    maak(pad)
    monkeypatch.setenv("KETENMONITOR_DB", str(pad))
    for _ in range(3):  # every request, not only the first
        for eindpunt in ENDPOINTS:
            r = client.get(eindpunt)
            assert r.status_code == 503, (maak.__name__, eindpunt)
            _koppen_ok(r)
            assert not any(v in r.get_data(as_text=True) for v in VERBODEN)
        r = _post(client, router_lichaam("/trends", ""))
        assert r.status_code == 503
        assert r.get_json() == {"fout": "database niet beschikbaar"}
    assert client.get("/assets/ketenmonitor.css").status_code == 200


def test_gezondheid_ziet_een_database_die_ter_plekke_is_afgekapt(
    client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database: Path
) -> None:
    """Was: /gezondheid said "ok" while the file was truncated in place."""
    pad = tmp_path / "ketenmonitor.duckdb"
    shutil.copy(database, pad)
    monkeypatch.setenv("KETENMONITOR_DB", str(pad))
    assert client.get("/gezondheid").status_code == 200
    assert client.get("/trends").status_code == 200
    with open(pad, "r+b") as f:
        f.truncate(os.path.getsize(pad) // 3)
    assert client.get("/gezondheid").status_code == 503
    assert client.get("/trends").status_code == 503
    tijdelijk = tmp_path / "nieuw.duckdb"
    shutil.copy(database, tijdelijk)
    os.replace(tijdelijk, pad)  # what `make etl` does: the app recovers by itself
    assert client.get("/gezondheid").status_code == 200
    assert client.get("/trends").status_code == 200


def test_geen_pad_op_de_pagina_zonder_database(
    client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from dashboard import app as app_module

    monkeypatch.setenv("KETENMONITOR_DB", str(tmp_path / "geheim" / "weg.duckdb"))
    assert "geheim" not in json.dumps(app_module._geen_database().to_plotly_json(), default=str)


def _export_lichaam(app, formaat: str, search: str = "") -> dict:
    return callback_lichaam(
        app.callback_map,
        "trends-export-download",
        {
            f"trends-export-{formaat}.n_clicks": 1,
            "trends-export-vierkant.value": False,
            "trends-url.pathname": "/trends",
            "trends-url.search": search,
        },
        trigger=f"trends-export-{formaat}.n_clicks",
    )


def _melding(r) -> str:
    antwoord = r.get_json()["response"]
    return next(v["children"] for k, v in antwoord.items() if k.startswith("trends-export-melding"))


@pytest.mark.parametrize(
    "fout",
    [
        "database onleesbaar: Catalog Error: Table with name bron does not exist! "
        "LINE 1: SELECT b.* FROM bron b",
        "/srv/geheim/ketenmonitor.duckdb ontbreekt: voer `make etl` uit",
    ],
)
def test_werkbalk_toont_geen_duckdb_tekst_of_pad(
    app, client, monkeypatch: pytest.MonkeyPatch, fout: str
) -> None:
    """Was: the toolbar showed DuckDB's error with SQL, or the server's file path."""
    from dashboard.gegevens import queries, verbinding

    def kapot() -> None:
        raise verbinding.DatabaseOntbreekt(fout)

    monkeypatch.setattr(queries, "bronnen", kapot)
    r = _post(client, _export_lichaam(app, "xlsx"))
    assert r.status_code == 200
    melding = _melding(r)
    assert melding.startswith("Downloaden mislukt: de gegevens zijn tijdelijk niet beschikbaar")
    assert not any(v in melding for v in ("SELECT", "Catalog", "/srv", "duckdb", "LINE"))


def test_elke_werkbalk_callback_zoals_de_browser_hem_stuurt_is_geldig(app) -> None:
    """The renderer sends `children@<hash>` for a duplicate output: that is not malformed."""
    from dashboard.webserver.beveiliging import controleer_callback

    sleutels = [
        k for k, cb in app.callback_map.items() if "-melding.children@" in k and "callback" in cb
    ]
    assert len(sleutels) > 10
    for sleutel in sleutels:
        lichaam = callback_lichaam(app.callback_map, sleutel, {}, trigger="x.n_clicks")
        assert controleer_callback(app, lichaam) is None, sleutel


@pytest.mark.parametrize(
    ("fout", "verwacht"),
    [
        (
            "De afbeelding kon niet worden gemaakt: Error at /usr/lib/chromium/x.js:1 <svg>",
            "Downloaden mislukt: De afbeelding kon niet worden gemaakt.",
        ),
        (
            "De afbeelding kon niet op tijd worden gemaakt.",
            "Downloaden mislukt: De afbeelding kon niet op tijd worden gemaakt.",
        ),
    ],
)
def test_afbeeldingsfout_toont_alleen_de_nederlandse_zin(fout: str, verwacht: str) -> None:
    from dashboard.onderdelen.toolbar import foutmelding
    from dashboard.uitvoer import afbeelding

    assert foutmelding(afbeelding.AfbeeldingMislukt(fout)) == verwacht


def test_onverwachte_exportfout_is_een_melding_geen_500(
    app, client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Was: the Excel export failed with a 500 and no message (an illegal character)."""
    from dashboard.uitvoer import pakket

    def kapot(*_a, **_k):
        raise ValueError("/srv/geheim: cannot be used in worksheets")

    monkeypatch.setattr(pakket, "maak_bestand", kapot)
    with caplog.at_level(logging.ERROR, logger="ketenmonitor"):
        r = _post(client, _export_lichaam(app, "xlsx"))
    assert r.status_code == 200
    assert "/srv" not in _melding(r) and "Downloaden mislukt" in _melding(r)
    assert any(rec.exc_info for rec in caplog.records)  # our fault: the log has the cause


# ---------------------------------------------------------------- permalinks

hosts = st.one_of(
    st.sampled_from(
        ["127.0.0.1:8061@evil.example", "evil.example", "evil.example:443", "[::1]:1", "a/b"]
    ),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.:@-", min_size=1, max_size=30),
)


@settings(max_examples=30, deadline=None, suppress_health_check=FUNCTIE)
@given(host=hosts, pad=st.text(max_size=20), zoek=st.text(max_size=30))
def test_permalink_komt_nooit_uit_de_request(
    app, monkeypatch: pytest.MonkeyPatch, host: str, pad: str, zoek: str
) -> None:
    from dashboard.onderdelen.toolbar import permalink

    monkeypatch.delenv("KETENMONITOR_BASIS_URL", raising=False)
    monkeypatch.delenv("HOST", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    with app.server.test_request_context("/", headers={"Host": host}):
        link = permalink(pad, zoek)
    assert link.startswith("http://127.0.0.1:8050/")
    assert "@" not in link.split("/")[2] and "evil" not in link.split("?")[0]
    monkeypatch.setenv("KETENMONITOR_BASIS_URL", "https://ketenmonitor.example.nl/app/")
    with app.server.test_request_context("/", headers={"Host": host}):
        assert permalink("/trends", "?van=2016").startswith(
            "https://ketenmonitor.example.nl/app/trends?van=2016"
        )


@pytest.mark.parametrize(
    "basis",
    [
        "http://127.0.0.1:8061@evil.example",
        "javascript:alert(1)",
        "ftp://ketenmonitor.example",
        "https://ketenmonitor.example/?a=1",
        "https://ketenmonitor.example/#x",
        "https://",
        "https://ketenmonitor.example/a b",
    ],
)
def test_ongeldige_basis_url_is_een_fout_van_de_beheerder(
    monkeypatch: pytest.MonkeyPatch, basis: str
) -> None:
    from dashboard.onderdelen.toolbar import basis_url

    monkeypatch.setenv("KETENMONITOR_BASIS_URL", basis)
    with pytest.raises(ValueError, match="KETENMONITOR_BASIS_URL"):
        basis_url()


def test_excel_permalink_volgt_de_instelling_niet_de_host_header(
    app, client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Was: `http://127.0.0.1:8061@evil.example/x` from a forged Host header."""
    from openpyxl import load_workbook

    monkeypatch.setenv("KETENMONITOR_BASIS_URL", "https://ketenmonitor.example.nl")
    r = _post(
        client,
        _export_lichaam(app, "xlsx", "?weergave=absoluut"),
        headers={"Host": "127.0.0.1:8061@evil.example"},
    )
    download = r.get_json()["response"]["trends-export-download"]["data"]
    boek = load_workbook(io.BytesIO(base64.b64decode(download["content"])))
    links = [
        c.value
        for rij in boek["toelichting"].iter_rows()
        for c in rij
        if isinstance(c.value, str) and c.value.startswith("http") and "trends" in c.value
    ]
    from dashboard.gegevens import queries

    versie = queries.dataversie_kort()  # a permalink is pinned to the data it shows
    assert links == [f"https://ketenmonitor.example.nl/trends?weergave=absoluut&versie={versie}"]


def test_app_start_niet_met_een_ongeldige_basis_url() -> None:
    import subprocess
    import sys

    from etl.config import PROJECT_ROOT

    uit = subprocess.run(
        [sys.executable, "-c", "import dashboard.app"],
        env={**os.environ, "KETENMONITOR_BASIS_URL": "http://127.0.0.1:8061@evil.example"},
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert uit.returncode != 0
    assert "KETENMONITOR_BASIS_URL moet een adres zijn" in uit.stderr


# ---------------------------------------------------------------- typed input, deep JSON


def _precies(app, sleutel: str, waarden: dict, trigger: str) -> dict:
    """The renderer's body for exactly the callback `sleutel` (not a duplicate-output twin)."""
    return callback_lichaam({sleutel: app.callback_map[sleutel]}, sleutel, waarden, trigger)


vreemde_waarden = st.one_of(
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.text(max_size=20).filter(lambda t: not (t.startswith(("GM", "PV")))),
)


@settings(max_examples=40, deadline=None, suppress_health_check=FUNCTIE)
@given(gekozen=vreemde_waarden)
def test_verzonnen_store_waarde_is_400_zonder_traceback(
    app, client, caplog: pytest.LogCaptureFixture, gekozen
) -> None:
    """Was: `regio-gekozen.data` = 5, a list, a dict or a bool gave 500 in `kies_niveau`."""
    lichaam = _precies(
        app,
        "regio-gekozen.data",
        {"regio-niveau.value": "gemeente", "regio-gekozen.data": gekozen},
        "regio-niveau.value",
    )
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="ketenmonitor"):
        r = _post(client, lichaam)
    assert r.status_code == 400, (gekozen, r.get_data(as_text=True)[:200])
    _een_regel_zonder_traceback(caplog)


@pytest.mark.parametrize("gekozen", [None, "GM0363", "PV27"])
def test_echte_store_waarde_blijft_200(app, client, gekozen) -> None:
    lichaam = _precies(
        app,
        "regio-gekozen.data",
        {"regio-niveau.value": "gemeente", "regio-gekozen.data": gekozen},
        "regio-niveau.value",
    )
    r = _post(client, lichaam)
    assert r.status_code in (200, 204), r.get_data(as_text=True)[:200]


def test_elke_invoer_van_elke_callback_heeft_een_verwacht_type(app) -> None:
    """One place knows every input's type: a new callback without a declaration fails here
    (and would be refused with 400 in use) instead of running on unchecked input."""
    from dashboard.webserver import beveiliging, invoertypen

    soorten = beveiliging._componentsoorten(app)
    zonder = sorted(
        f"{a['id']}.{a['property']}"
        for cb in app.callback_map.values()
        if "callback" in cb
        for a in [*cb["inputs"], *cb["state"]]
        if invoertypen.schema_voor(a["id"], a["property"], soorten.get(a["id"])) is None
    )
    assert zonder == []


@settings(max_examples=40, deadline=None, suppress_health_check=FUNCTIE)
@given(data=st.data())
def test_stores_van_elk_type_geven_nooit_500(app, client, data) -> None:
    """Every server callback that reads a Store, with values of any JSON type."""
    sleutels = sorted(
        k
        for k, cb in app.callback_map.items()
        if "callback" in cb
        and "download" not in k
        and any(a["property"] == "data" for a in [*cb["inputs"], *cb["state"]])
    )
    assert sleutels
    sleutel = data.draw(st.sampled_from(sleutels))
    cb = app.callback_map[sleutel]
    waarden = {
        f"{a['id']}.{a['property']}": data.draw(json_waarden) for a in [*cb["inputs"], *cb["state"]]
    }
    trigger = f"{cb['inputs'][0]['id']}.{cb['inputs'][0]['property']}"
    r = _post(client, _precies(app, sleutel, waarden, trigger))
    assert r.status_code in (200, 204, 400), (sleutel, waarden, r.get_data(as_text=True)[:300])


@pytest.mark.parametrize("diepte", [33, 1000, 100_000])
def test_diep_geneste_json_is_400_met_een_logregel(
    client, caplog: pytest.LogCaptureFixture, diepte: int
) -> None:
    """Was: 100,000 levels gave 500 and a 25-line traceback (RecursionError escaped)."""
    lichaam = b'{"output": "x", "outputs": [], "inputs": ' + b"[" * diepte + b"]" * diepte + b"}"
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="ketenmonitor"):
        r = _post(client, lichaam)
    assert r.status_code == 400
    assert r.get_json() == {"fout": "ongeldig verzoek"}
    _een_regel_zonder_traceback(caplog)


def test_geneste_json_binnen_de_grens_wordt_gewoon_gecontroleerd(client) -> None:
    lichaam = b'{"output": "x", "outputs": [], "inputs": ' + b"[" * 20 + b"]" * 20 + b"}"
    r = _post(client, lichaam)
    assert r.status_code == 400  # the shape is wrong, but it was parsed and checked
    assert r.get_json() == {"fout": "ongeldig verzoek"}


# ---------------------------------------------------------------- minor items


@pytest.mark.parametrize(
    ("kop", "gzip"),
    [
        ("gzip;q=0", False),
        ("gzip;q=0, *", False),
        ("identity", False),
        ("gzip", True),
        ("br, gzip;q=0.5", True),
        ("*", True),
    ],
)
def test_accept_encoding_met_kwaliteit(client, kop: str, gzip: bool) -> None:
    """Was: `gzip;q=0` (never gzip) still got gzip."""
    r = client.get("/assets/ketenmonitor.css", headers={"Accept-Encoding": kop})
    if r.status_code == 404:
        r = client.get("/", headers={"Accept-Encoding": kop})
    assert (r.headers.get("Content-Encoding") == "gzip") is gzip


def test_dash_config_noemt_geen_versies(client) -> None:
    """Was: the page's `_dash-config` carried the Python, Dash and Plotly versions."""
    import re
    import sys

    html = client.get("/").get_data(as_text=True)
    config = json.loads(re.search(r'id="_dash-config"[^>]*>(.*?)</script>', html).group(1))
    assert not {"python_version", "dash_version", "plotly_version"} & config.keys()
    assert sys.version.split()[0] not in html


def test_export_zonder_regio_is_een_waarschuwing_met_de_juiste_melding(
    app, client, caplog: pytest.LogCaptureFixture
) -> None:
    """Was: ERROR with a traceback, and the user read 'gegevens niet beschikbaar'."""
    sleutel = next(k for k in app.callback_map if "regio-trend-absoluut-export-download" in k)
    cb = app.callback_map[sleutel]
    waarden = {f"{s['id']}.{s['property']}": None for s in cb["state"]}
    waarden.update({"regio-url.pathname": "/regio", "regio-url.search": "?niveau=gemeente"})
    waarden["regio-trend-absoluut-export-csv.n_clicks"] = 1
    with caplog.at_level(logging.INFO, logger="ketenmonitor"):
        r = _post(
            client, _precies(app, sleutel, waarden, "regio-trend-absoluut-export-csv.n_clicks")
        )
    assert r.status_code == 200
    melding = next(
        v["children"] for k, v in r.get_json()["response"].items() if k.endswith("-melding")
    )
    assert "kies eerst een regio" in melding
    assert "niet beschikbaar" not in melding
    eigen = [rec for rec in caplog.records if rec.name == "ketenmonitor"]
    assert eigen and all(rec.levelno == logging.WARNING and not rec.exc_info for rec in eigen)


# ---------------------------------------------------------------- export queue


def test_volle_exportrij_is_503_met_retry_after(
    app, client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A briefing pack with no place in the queue: 503, Retry-After, a Dutch message."""
    from dashboard.uitvoer import wachtrij

    vol = wachtrij.Wachtrij(per_werker=1, totaal=1, wachtend=0, wacht_s=0.2, map_=tmp_path)
    monkeypatch.setattr(wachtrij, "wachtrij", vol)
    sleutel = next(k for k in app.callback_map if "bronnen-alles-download" in k)
    lichaam = _precies(app, sleutel, {"bronnen-alles.n_clicks": 1}, "bronnen-alles.n_clicks")
    with vol.plek():  # the only place is taken
        r = _post(client, lichaam)
    assert r.status_code == 503
    assert int(r.headers["Retry-After"]) > 0
    assert "Probeer het" in r.get_json()["fout"]
    assert _post(client, lichaam).status_code == 200  # with the place free again
