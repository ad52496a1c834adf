"""The open data API over HTTP (Flask test client), checked against the database itself.

Expected values are read straight from the DuckDB file with their own SQL, not through
`dashboard.gegevens.queries`, so a wrong query in the API cannot agree with itself.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

KOLOMMEN_DB = [
    "indicator_id",
    "periode_van",
    "periode_tot",
    "uitsplitsing",
    "categorie",
    "waarde",
    "ondergrens",
    "bovengrens",
    "status",
    "bron_id",
    "citaat",
    "noot",
    "vindplaats",
]
SLEUTEL = ["periode_van", "periode_tot", "uitsplitsing", "categorie"]


@pytest.fixture
def client(met_database: Path, monkeypatch: pytest.MonkeyPatch):
    from dashboard import api
    from dashboard.app import app
    from dashboard.webserver.antwoordcache import Antwoordcache

    monkeypatch.setattr(api, "cache", Antwoordcache())  # no answer of another test leaks in
    return app.server.test_client()


def _db(pad: Path, sql: str, parameters: list | None = None) -> pd.DataFrame:
    with duckdb.connect(str(pad), read_only=True) as con:
        return con.execute(sql, parameters or []).df()


def _csv(client, pad: str) -> tuple[str, pd.DataFrame]:
    r = client.get(pad)
    assert r.status_code == 200, r.data[:300]
    assert r.mimetype == "text/csv" and r.mimetype_params["charset"] == "utf-8"
    tekst = r.data.decode("utf-8")
    assert not tekst.startswith("\ufeff")  # no BOM: a machine file
    return tekst, pd.read_csv(io.StringIO(tekst), keep_default_na=False, na_values=[""])


# ---------------------------------------------------------------- catalogue


def test_catalogus_noemt_elke_indicator_van_de_database(client, met_database: Path) -> None:
    r = client.get("/api/v1/indicatoren")
    assert r.status_code == 200
    catalogus = r.get_json()["indicatoren"]
    ids = [i["indicator_id"] for i in catalogus]
    db = _db(met_database, "SELECT indicator_id FROM indicator")
    assert len(ids) == len(set(ids))
    assert set(ids) == set(db["indicator_id"])
    tellingen = _db(
        met_database, "SELECT indicator_id, status, count(*) AS n FROM waarneming GROUP BY ALL"
    )
    for regel in catalogus:
        eigen = tellingen[tellingen["indicator_id"] == regel["indicator_id"]]
        assert regel["statusaantallen"] == dict(zip(eigen["status"], eigen["n"], strict=True))
        assert regel["links"]["waarnemingen_csv"].endswith(
            f"/{regel['indicator_id']}/waarnemingen.csv"
        )


def test_versie_telt_de_database(client, met_database: Path) -> None:
    info = client.get("/api/v1/versie").get_json()
    db = _db(met_database, "SELECT data_versie, schema_versie FROM bouw").iloc[0]
    assert info["data_versie"] == db["data_versie"]
    assert info["schema_versie"] == db["schema_versie"]
    aantal = _db(met_database, "SELECT count(*) AS n FROM waarneming")["n"][0]
    assert info["aantallen"]["waarnemingen"] == aantal


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize(
    "indicator_id, soort",
    [
        ("po_regulier_leerlingen", "bereik"),  # DUO '<5': bounds
        ("jeugdhulp_in_natura", "herzien"),  # rows in revisie.csv
        ("so_vso_leerlingen", "uitsplitsing"),  # cluster categories
        ("kinderopvang_kinderen_gemiddeld_szw", "vindplaats"),  # quotes of table cells
    ],
)
def test_waarnemingen_csv_naar_pandas_is_de_database(
    client, met_database: Path, indicator_id: str, soort: str
) -> None:
    _, api = _csv(client, f"/api/v1/indicatoren/{indicator_id}/waarnemingen.csv")
    db = _db(met_database, "SELECT * FROM waarneming WHERE indicator_id = ?", [indicator_id])
    assert len(db) > 0 and len(api) == len(db)
    links = api[KOLOMMEN_DB].sort_values(SLEUTEL).reset_index(drop=True)
    rechts = db[KOLOMMEN_DB].sort_values(SLEUTEL).reset_index(drop=True)
    # a column empty on every row reads as NaN from CSV and None from the database: both "leeg"
    links, rechts = (f.astype(object).where(f.notna(), None) for f in (links, rechts))
    pd.testing.assert_frame_equal(links, rechts, check_dtype=False)

    if soort == "vindplaats":
        tabel = api[api["citaat"].fillna("").str.contains(r"\d{9,}", regex=True)]
        assert len(tabel) > 0 and tabel["vindplaats"].str.startswith("tabel ").all()
        assert list(api.columns)[-1] == "vindplaats"  # appended: existing readers keep working
    if soort == "bereik":
        bereik = api.dropna(subset=["ondergrens"])
        assert len(bereik) > 0
        assert (bereik["ondergrens"] <= bereik["waarde"]).all()
        assert (bereik["waarde"] <= bereik["bovengrens"]).all()
        # a school year as the source writes it, and as an ISO interval
        rij = api.iloc[0]
        van = int(rij["periode_van"])
        assert rij["periode"] == f"{van}/{str(van + 1)[-2:]}"
        assert rij["periode_iso"] == f"{van}-08-01/{van + 1}-07-31"
    if soort == "herzien":
        revisies = _db(met_database, "SELECT * FROM revisie WHERE indicator_id = ?", [indicator_id])
        assert len(revisies) > 0
        herzien = api[api["herzien"]]
        assert set(herzien["periode_van"]) == set(revisies["periode_van"])
        assert sum(len(json.loads(r)) for r in api["revisies"]) == len(revisies)
        for _, rij in herzien.iterrows():
            eigen = revisies[revisies["periode_van"] == rij["periode_van"]]
            revs = json.loads(rij["revisies"])
            assert len(revs) == len(eigen)
            assert {r["oude_waarde"] for r in revs} == set(eigen["oude_waarde"])
            assert revs[-1]["nieuwe_waarde"] == rij["waarde"]  # the latest one is in waarneming
    if soort == "uitsplitsing":
        assert (api["uitsplitsing"] != "totaal").any()


def test_csv_heeft_een_decimale_punt_en_json_dezelfde_rijen(client, met_database: Path) -> None:
    indicator_id = "jeugdhulp_aandeel_alleen_in_natura"
    tekst, api = _csv(client, f"/api/v1/indicatoren/{indicator_id}/waarnemingen.csv")
    db = _db(met_database, "SELECT waarde FROM waarneming WHERE indicator_id = ?", [indicator_id])
    fractie = [w for w in db["waarde"] if not float(w).is_integer()]
    assert fractie, "deze indicator heeft waarden met decimalen"
    assert f",{fractie[0]!r}," in tekst  # comma separates, point is the decimal mark
    lijst = client.get(f"/api/v1/indicatoren/{indicator_id}/waarnemingen.json").get_json()
    assert [r["waarde"] for r in lijst["waarnemingen"]] == list(api["waarde"])
    assert lijst["kolommen"] == list(api.columns)


def test_regio_csv_is_de_database(client, met_database: Path) -> None:
    pad = "/api/v1/regio/vestiging/provincie/leerlingen_vestiging_so.csv?jaar=2023"
    _, api = _csv(client, pad)
    db = _db(
        met_database,
        """SELECT w.regio_code, w.waarde, w.ondergrens, w.bovengrens, w.aantal_vestigingen
           FROM regio_waarneming w JOIN regio r USING (regio_code)
           WHERE r.niveau = 'provincie' AND w.indicator_id = ? AND w.jaar = 2023
           ORDER BY w.regio_code""",
        ["leerlingen_vestiging_so"],
    )
    assert len(db) > 0
    assert set(api["telling"]) == {"vestiging"} and set(api["periode"]) == {"2023/24"}
    pd.testing.assert_frame_equal(
        api[list(db.columns)].reset_index(drop=True), db, check_dtype=False
    )
    alle = client.get(pad.replace(".csv?jaar=2023", ".json")).get_json()["waarden"]
    assert len({r["jaar"] for r in alle}) > 1


# ---------------------------------------------------------------- aliases


def test_alias_antwoordt_met_de_overlever(client, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.gegevens import queries

    monkeypatch.setattr(queries, "aliassen", lambda: {"oude_naam": "jeugdhulp_totaal"})
    r = client.get("/api/v1/indicatoren/oude_naam")
    assert r.status_code == 200
    meta = r.get_json()
    assert meta["indicator_id"] == "jeugdhulp_totaal"
    assert meta["alias"]["gevraagd"] == "oude_naam"
    assert "jeugdhulp_totaal" in meta["alias"]["melding"]
    assert r.headers["Link"] == '</api/v1/indicatoren/jeugdhulp_totaal>; rel="canonical"'
    oud = client.get("/api/v1/indicatoren/oude_naam/waarnemingen.csv").data
    nieuw = client.get("/api/v1/indicatoren/jeugdhulp_totaal/waarnemingen.csv").data
    assert oud == nieuw
    catalogus = client.get("/api/v1/indicatoren").get_json()["indicatoren"]
    (regel,) = [i for i in catalogus if i["indicator_id"] == "jeugdhulp_totaal"]
    assert regel["aliassen"] == ["oude_naam"]
    assert "oude_naam" not in {i["indicator_id"] for i in catalogus}


def test_alias_naar_niets_is_onbekend(client, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.gegevens import queries

    monkeypatch.setattr(queries, "aliassen", lambda: {"oude_naam": "bestaat_niet"})
    assert client.get("/api/v1/indicatoren/oude_naam").status_code == 404


def test_aliassen_komen_uit_de_aliastabel(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.gegevens import queries, verbinding

    kopie = tmp_path / "met_alias.duckdb"
    shutil.copy(database, kopie)
    monkeypatch.setenv("KETENMONITOR_DB", str(database))
    verbinding.vernieuw()
    # the real build carries the merged pairs of data/raw/indicator_alias.csv
    assert queries.aliassen()["leerlingen_vestiging_bo"] == "po_regulier_leerlingen"
    with duckdb.connect(str(kopie)) as con:
        con.execute(f"DELETE FROM {queries.ALIASTABEL}")
        con.execute(
            f"INSERT INTO {queries.ALIASTABEL} (alias, indicator_id, reden)"
            " VALUES ('oud', 'jeugdhulp_totaal', 'test')"
        )
    monkeypatch.setenv("KETENMONITOR_DB", str(kopie))
    try:
        verbinding.vernieuw()
        assert queries.aliassen() == {"oud": "jeugdhulp_totaal"}
    finally:
        monkeypatch.setenv("KETENMONITOR_DB", str(database))
        verbinding.vernieuw()


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "pad, status",
    [
        ("/api/v1/indicatoren/bestaat_niet", 404),
        ("/api/v1/indicatoren/bestaat_niet/waarnemingen.csv", 404),
        ("/api/v1/indicatoren/jeugdhulp_totaal/waarnemingen.xlsx", 404),
        ("/api/v1/onbekend", 404),
        ("/api/v2/indicatoren", 404),
        ("/api/", 404),
        ("/api", 404),
        ("/api/v1/regio/woonplaats/provincie/leerlingen_vestiging_so.json", 404),
        ("/api/v1/regio/vestiging/wijk/leerlingen_vestiging_so.json", 404),
        ("/api/v1/regio/vestiging/provincie/jeugdhulp_totaal.json", 404),
        ("/api/v1/indicatoren?pagina=2", 400),
        ("/api/v1/indicatoren/jeugdhulp_totaal/waarnemingen.csv?jaar=2020", 400),
        ("/api/v1/regio/vestiging/provincie/leerlingen_vestiging_so.json?jaar=twee", 400),
        ("/api/v1/regio/vestiging/provincie/leerlingen_vestiging_so.json?jaar=1800", 400),
        ("/api/v1/regio/vestiging/provincie/leerlingen_vestiging_so.json?jaar=2020&jaar=2021", 400),
        ("/api/v1/indicatoren/x'%3B%20DROP%20TABLE%20indicator%3B--", 404),
    ],
)
def test_fouten_zijn_json_met_nederlandse_melding(client, pad: str, status: int) -> None:
    r = client.get(pad)
    assert r.status_code == status
    assert r.mimetype == "application/json"
    assert b"<!DOCTYPE" not in r.data and b"<html" not in r.data
    fout = r.get_json()
    assert fout["status"] == status
    assert isinstance(fout["fout"], str) and fout["fout"]
    assert "Traceback" not in fout["fout"] and ".py" not in fout["fout"]
    assert "ETag" not in r.headers


def test_andere_methode_en_te_groot_zijn_json(client) -> None:
    from dashboard.webserver.beveiliging import MAX_LICHAAM

    r = client.post("/api/v1/indicatoren")
    assert r.status_code == 405 and r.get_json()["fout"] == "deze methode is hier niet toegestaan"
    r = client.get("/api/v1/indicatoren", data=b"x" * (MAX_LICHAAM + 1))
    assert r.status_code == 413 and r.mimetype == "application/json"


def test_onbekend_pad_buiten_api_blijft_de_paginaschil(client) -> None:
    r = client.get("/apix/v1")
    assert r.status_code == 404 and r.mimetype == "text/html"


# ---------------------------------------------------------------- caching


def test_etag_is_de_dataversie_en_304(client, met_database: Path) -> None:
    versie = _db(met_database, "SELECT data_versie FROM bouw")["data_versie"][0]
    pad = "/api/v1/indicatoren/so_vso_leerlingen/waarnemingen.json"
    r = client.get(pad)
    assert r.status_code == 200 and r.headers["ETag"] == f'"{versie}"'
    assert "no-cache" in r.headers["Cache-Control"]
    opnieuw = client.get(pad, headers={"If-None-Match": f'"{versie}"'})
    assert opnieuw.status_code == 304 and opnieuw.data == b""
    assert opnieuw.headers["ETag"] == f'"{versie}"'
    zwak = client.get(pad, headers={"If-None-Match": f'W/"{versie}-gzip"'})
    assert zwak.status_code == 304
    ander = client.get(pad, headers={"If-None-Match": '"een-oude-versie"'})
    assert ander.status_code == 200 and ander.data == r.data
    met_gzip = client.get(pad, headers={"Accept-Encoding": "gzip"})
    assert met_gzip.headers["ETag"] == f'"{versie}-gzip"'
    assert json.loads(gzip.decompress(met_gzip.data)) == r.get_json()


def test_nieuwe_dataversie_geeft_nieuw_antwoord(client, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.gegevens import queries

    pad = "/api/v1/versie"
    oud = client.get(pad)
    monkeypatch.setattr(queries, "dataversie", lambda: "andere-bouw")
    nieuw = client.get(pad, headers={"If-None-Match": oud.headers["ETag"]})
    assert nieuw.status_code == 200 and nieuw.headers["ETag"] == '"andere-bouw"'


# ---------------------------------------------------------------- headers


def test_cors_alleen_op_api_en_veiligheidskoppen_overal(client) -> None:
    for pad in ("/api/v1/versie", "/api/v1/indicatoren/bestaat_niet", "/api/v1/regio"):
        r = client.get(pad)
        assert r.headers["Access-Control-Allow-Origin"] == "*", pad
        assert r.headers["X-Content-Type-Options"] == "nosniff", pad
        assert "frame-ancestors" in r.headers["Content-Security-Policy"], pad
        assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", pad
    for pad in ("/", "/gezondheid", "/trends"):
        assert "Access-Control-Allow-Origin" not in client.get(pad).headers, pad
    assert "Access-Control-Allow-Origin" not in client.post("/api/v1/versie").headers


def test_catalogus_gzip_en_klein_genoeg(client) -> None:
    r = client.get("/api/v1/indicatoren", headers={"Accept-Encoding": "gzip"})
    assert r.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in r.headers["Vary"]
    assert len(r.data) <= 200 * 1024
    assert json.loads(gzip.decompress(r.data)) == client.get("/api/v1/indicatoren").get_json()
    klein = client.get("/api/v1/indicatoren", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in klein.headers


def test_ontbrekende_database_is_json_503(
    client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KETENMONITOR_DB", str(tmp_path / "weg.duckdb"))
    r = client.get("/api/v1/indicatoren")
    assert r.status_code == 503 and r.mimetype == "application/json"
    assert "weg.duckdb" not in r.get_data(as_text=True)
    assert r.get_json()["fout"].startswith("de gegevens zijn tijdelijk niet beschikbaar")


def test_head_geeft_koppen_zonder_inhoud(client) -> None:
    r = client.head("/api/v1/indicatoren/jeugdhulp_totaal/waarnemingen.csv")
    assert r.status_code == 200 and r.data == b"" and r.headers["ETag"]


@pytest.mark.parametrize(
    "van, tot, soort, tekst, iso",
    [
        (2023, 2023, "kalenderjaar", "2023", "2023"),
        (2023, 2023, "schooljaar", "2023/24", "2023-08-01/2024-07-31"),
        (1999, 1999, "schooljaar", "1999/00", "1999-08-01/2000-07-31"),
        (2016, 2019, "periode", "2016–2019", "2016/2019"),
        (2019, 2019, "halfjaar", "2019", "2019"),
        (None, None, "periode", None, None),
    ],
)
def test_periode_zoals_de_bron_en_iso(van, tot, soort, tekst, iso) -> None:
    from dashboard.logica.opendata import periode_iso, periode_tekst

    assert periode_tekst(van, tot, soort) == tekst
    assert periode_iso(van, tot, soort) == iso


def test_csv_cellen_zijn_voor_machines() -> None:
    from dashboard.logica.opendata import als_csv

    rij = {"a": 1234567.0, "b": 0.1, "c": None, "d": True, "e": 'een "citaat", met komma'}
    tekst = als_csv(list(rij), [rij]).decode("utf-8")
    assert tekst == 'a,b,c,d,e\n1234567,0.1,,true,"een ""citaat"", met komma"\n'
