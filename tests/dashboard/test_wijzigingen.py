"""What changed between data versions, on screen: the Overzicht block, the full list on
Bronnen & methode with its export, pinned permalinks and the notice for an older link."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import dash
import duckdb
import pytest

from etl.build import bouw
from etl.config import RAW_DIR
from tests.dashboard.test_nu import _tekst, _zoek
from tests.etl.test_wijziging import _vier_wijzigingen


@pytest.fixture(autouse=True)
def _app() -> None:
    """Pages register only once the app exists; some tests import a page module directly."""
    from dashboard.app import app  # noqa: F401


@pytest.fixture(scope="module")
def twee_versies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A database built twice: the second build changed, added, removed and re-statused one
    so_leerlingen observation each."""
    map_ = tmp_path_factory.mktemp("versies")
    raw = map_ / "raw"
    shutil.copytree(RAW_DIR, raw)
    db = map_ / "ketenmonitor.duckdb"
    eerste = bouw(raw, db)
    rijen = _vier_wijzigingen(raw)
    tweede = bouw(raw, db)
    return {
        "db": db,
        "eerste": eerste.data_versie[:12],
        "tweede": tweede.data_versie[:12],
        "rijen": rijen,
    }


@pytest.fixture
def met_versies(twee_versies: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("KETENMONITOR_DB", str(twee_versies["db"]))
    return twee_versies


def _pagina(naam: str, **kwargs: Any) -> Any:
    from dashboard.app import app  # noqa: F401  (registers the pages)

    pagina = next(p for p in dash.page_registry.values() if p["module"].endswith(naam))
    return pagina["layout"](**kwargs)


def _met_id(boom: Any, id_: str) -> Any:
    (gevonden,) = _zoek(boom, lambda o: getattr(o, "id", None) == id_)
    return gevonden


def _verwachte_teksten(rijen: dict[str, dict[str, str]]) -> list[str]:
    """The old → new wording per change, built from the edited raw rows."""
    from dashboard.figuren import format as nl

    g, s, n, v = rijen["gewijzigd"], rijen["status"], rijen["nieuw"], rijen["verwijderd"]
    oud_g = nl.getal(float(g["waarde"]) - 7)
    return [
        f"{oud_g} (gepubliceerd) → {nl.getal(float(g['waarde']))} (gepubliceerd)",
        f"{nl.getal(float(s['waarde']))} (gepubliceerd) → {nl.getal(float(s['waarde']))} (voorlopig)",
        f"{nl.getal(float(n['waarde']))} ({n['status']})",
        f"was {nl.getal(float(v['waarde']))} ({v['status']})",
    ]


def test_overzicht_toont_nieuw_in_deze_versie(met_versies: dict[str, Any]) -> None:
    blok = _met_id(_pagina("overzicht"), "kop-nieuw")
    assert "Nieuw in deze versie (" in _tekst(blok)
    (sectie,) = _zoek(
        _pagina("overzicht"), lambda o: getattr(o, "className", None) == "nieuw-in-versie"
    )
    tekst = _tekst(sectie)
    assert f"Dataversie {met_versies['tweede']}, vergeleken met {met_versies['eerste']}" in tekst
    for aantal in (
        "1 gewijzigde waarde",
        "1 statuswijziging",
        "1 nieuwe waarneming",
        "1 vervallen waarneming",
    ):
        assert aantal in tekst
    for verwacht in _verwachte_teksten(met_versies["rijen"]):
        assert verwacht in tekst
    (link,) = _zoek(sectie, lambda o: getattr(o, "href", "") == "/bronnen#wijzigingen")
    assert "Alle wijzigingen" in _tekst(link)


def test_bronnen_volledige_lijst_filter_en_export(met_versies: dict[str, Any]) -> None:
    from dashboard.logica import wijzigingen
    from dashboard.pages import bronnen
    from dashboard.uitvoer import pakket

    tabel = _tekst(_met_id(_pagina("bronnen"), "bronnen-wijzigingen-tabel"))
    for verwacht in _verwachte_teksten(met_versies["rijen"]):
        assert verwacht in tabel
    assert met_versies["eerste"] in tabel and "eerste versie" in tabel

    assert bronnen._log_indicatoren() == ["so_leerlingen"]  # the filter's choices: the log's
    tabel, search = bronnen.filter_wijzigingen("so_leerlingen", "")
    assert "eerste versie" not in _tekst(tabel)
    assert all(t in _tekst(tabel) for t in _verwachte_teksten(met_versies["rijen"]))
    assert "indicator=so_leerlingen&" in search
    assert search.endswith(f"&versie={met_versies['tweede']}")
    tabel, search = bronnen.filter_wijzigingen("alle", search)
    assert "eerste versie" in _tekst(tabel) and "indicator=so_leerlingen" not in search

    inhoud = wijzigingen.export("so_leerlingen", None)
    data, naam = pakket.maak_bestand(inhoud, "csv", date(2026, 12, 7))
    assert naam.endswith(".csv")
    tekst = data.decode("utf-8-sig")
    regels = list(csv.DictReader(io.StringIO(tekst), delimiter=";"))
    assert sorted(r["soort"] for r in regels) == sorted(
        wijzigingen.SOORT_TEKST[s] for s in ("gewijzigd", "status", "nieuw", "verwijderd")
    )
    assert {r["vorige_dataversie"] for r in regels} == {met_versies["eerste"]}
    xlsx, naam = pakket.maak_bestand(inhoud, "xlsx", date(2026, 12, 7))
    assert naam.endswith(".xlsx") and xlsx[:2] == b"PK"


def test_oude_versie_in_link_geeft_melding_met_beide_versies(met_versies: dict[str, Any]) -> None:
    from dashboard.onderdelen import versiemelding

    melding = versiemelding.inhoud(f"?indicator=so_leerlingen&versie={met_versies['eerste']}")
    tekst = _tekst(melding)
    assert met_versies["eerste"] in tekst and met_versies["tweede"] in tekst
    (link,) = _zoek(melding[0], lambda o: getattr(o, "href", None) is not None)
    assert link.href == f"/bronnen?sinds={met_versies['eerste']}#wijzigingen"
    assert "4 wijzigingen" in _tekst(link)  # the changes between the two, from the log
    # the list the link opens holds exactly those
    tabel = _tekst(
        _met_id(_pagina("bronnen", sinds=met_versies["eerste"]), "bronnen-wijzigingen-tabel")
    )
    assert "eerste versie" not in tabel
    for verwacht in _verwachte_teksten(met_versies["rijen"]):
        assert verwacht in tabel


def test_geen_melding_zonder_of_met_huidige_versie(met_versies: dict[str, Any]) -> None:
    from dashboard.onderdelen import versiemelding

    assert versiemelding.inhoud("") == []
    assert versiemelding.inhoud("?indicator=so_leerlingen") == []
    assert versiemelding.inhoud(f"?versie={met_versies['tweede']}") == []


def test_onbekende_versie_zegt_dat_ze_niet_in_het_logboek_staat(
    met_versies: dict[str, Any],
) -> None:
    from dashboard.onderdelen import versiemelding

    tekst = _tekst(versiemelding.inhoud("?versie=0123456789ab"))
    assert "0123456789ab" in tekst and met_versies["tweede"] in tekst
    assert "niet in het wijzigingslogboek" in tekst


@pytest.mark.parametrize("pagina", ["overzicht", "bronnen", "actielijnen", "wetten"])
def test_elke_pagina_aanvaardt_versie(met_versies: dict[str, Any], pagina: str) -> None:
    tekst = _tekst(_pagina(pagina, versie=met_versies["eerste"]))
    assert "Onbekende instelling" not in tekst and "Ongeldige waarde" not in tekst


def test_permalink_en_herschreven_query_dragen_de_huidige_versie(
    met_versies: dict[str, Any],
) -> None:
    from dashboard.onderdelen.toolbar import permalink, werkbalk
    from dashboard.pages import actielijnen

    huidig = met_versies["tweede"]
    link = permalink("/trends", f"?indicator=so_leerlingen&versie={met_versies['eerste']}")
    assert "/trends?" in link and link.endswith(f"&versie={huidig}")
    assert "indicator=so_leerlingen" in link
    assert permalink("/", "").endswith(f"/?versie={huidig}")
    search = actielijnen.schrijf_url(["VWS"], [])
    assert search.endswith(f"&versie={huidig}")
    (knop,) = _zoek(werkbalk("x"), lambda o: getattr(o, "id", None) == "x-link")
    assert knop.to_plotly_json()["props"]["data-versie"] == huidig


def test_log_staat_in_de_database(
    met_versies: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the tests above: the rows come from `wijziging`, not from a recomputation."""
    from dashboard.gegevens import queries

    voor = len(queries.wijzigingen())
    kopie = met_versies["db"].with_name("zonder_log.duckdb")
    shutil.copy(met_versies["db"], kopie)
    with duckdb.connect(str(kopie)) as con:
        con.execute("DELETE FROM wijziging WHERE soort <> 'eerste versie'")
    monkeypatch.setenv("KETENMONITOR_DB", str(kopie))
    assert len(queries.wijzigingen()) == voor - 4 == 1


def test_log_reist_mee_naar_een_replica(
    twee_versies: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A replica that received only the `.duckdb` (no data/raw, no earlier database) shows
    the same changes and the same notice, served by its own gunicorn."""
    import json
    import urllib.request

    from bench.verzoeken import als_callbackmap, callback_lichaam, router_lichaam
    from tests.dashboard.gunicorn_hulp import get, gunicorn

    kopie = tmp_path_factory.mktemp("replica") / "ketenmonitor.duckdb"
    shutil.copy(twee_versies["db"], kopie)

    def post(basis: str, lichaam: bytes) -> str:
        verzoek = urllib.request.Request(
            basis + "/_dash-update-component",
            data=lichaam,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(verzoek, timeout=30) as r:
            return r.read().decode()

    with gunicorn(kopie, workers=1, threads=2) as basis:
        overzicht = post(basis, router_lichaam("/"))
        assert f"vergeleken met {twee_versies['eerste']}" in overzicht
        assert "1 vervallen waarneming" in overzicht
        afh = als_callbackmap(json.loads(get(basis + "/_dash-dependencies")[1]))
        lichaam = callback_lichaam(
            afh,
            "versiemelding.children",
            {
                "_pages_location.pathname": "/trends",
                "_pages_location.search": f"?versie={twee_versies['eerste']}",
            },
            "_pages_location.pathname",
        )
        melding = json.dumps(json.loads(post(basis, json.dumps(lichaam).encode())))
        assert twee_versies["eerste"] in melding and twee_versies["tweede"] in melding
        assert f"/bronnen?sinds={twee_versies['eerste']}#wijzigingen" in melding


def test_lijst_toont_de_reden_uit_revisie(
    tmp_path: Path, raw: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A logged change that a revision describes shows that revision's date and reason, read
    from `revisie` (the log stores only the link)."""
    from dashboard.pages import bronnen
    from tests.conftest import bouw_voor_en_na_revisie

    db = tmp_path / "k.duckdb"
    rev = bouw_voor_en_na_revisie(raw, db)
    monkeypatch.setenv("KETENMONITOR_DB", str(db))
    tekst = _tekst(bronnen._wijzigingtabel(rev["indicator_id"], None))
    assert rev["noot"][:60] in tekst
    from dashboard.figuren import format as nl

    assert nl.datum(date.fromisoformat(rev["herzien_op"])) in tekst  # that revision's date
