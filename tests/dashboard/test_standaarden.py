"""Defaults that show the newest data, 2020 hidden only where a source calls it atypical,
shares in percentage points, and links that keep their meaning.

Expected values come from the database (each series' latest yearly period, the raw
`corona_atypisch.csv`) or from the fixture `oude_links.json`, which was computed with the
code of main *before* the URL contract changed (tests/fixtures, `gemaakt_met`).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from etl.config import RAW_DIR

FIXTURE = Path(__file__).parents[1] / "fixtures" / "oude_links.json"


@pytest.fixture
def app(met_database: Path) -> Any:
    from dashboard.app import app  # registers the pages (as dashboard.pages.*)

    return app


def _laatste_jaar(indicator_id: str) -> int:
    """The series' latest yearly period in the database (any breakdown's total)."""
    from dashboard.gegevens import queries

    return max(r["jaar"] for r in queries.jaarwaarden([indicator_id], 1900, 2100))


def _getekende_jaren(figuur: dict[str, Any], label: str) -> set[int]:
    return {
        int(x)
        for t in figuur["data"]
        if t.get("name") == label and t.get("mode") == "markers"
        for x, y in zip(t["x"], t["y"], strict=True)
        if y is not None and float(x).is_integer()
    }


def _kwargs(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


# ---------------------------------------------------------------- defaults show the newest data


def test_standaardgrafiek_trends_toont_het_laatste_jaar_van_elke_reeks(met_database) -> None:
    from dashboard.logica import trends
    from dashboard.onderdelen.state import link

    staat, meldingen = trends.lees_staat(_kwargs(link("/trends")))  # the menu's link
    assert meldingen == []
    uit = trends.bereken(staat)
    getekend = {r.indicator_id: r for r in uit["reeksen"]}
    for indicator_id in trends.STANDAARD_INDICATOREN:
        reeks = getekend[indicator_id]  # every default series is drawn
        assert _laatste_jaar(indicator_id) in _getekende_jaren(uit["figuur"], reeks.label)


def test_elke_actielijngrafiek_toont_het_laatste_jaar_van_elke_reeks(app) -> None:
    from dashboard.pages import actielijnen

    gezien = 0
    for nr in range(1, 6):
        g = actielijnen._grafiek_export(nr)
        ids = actielijnen.grafiek_indicatoren(nr)
        if g is None:
            assert not ids
            continue
        labels = {r.indicator_id: r.label for r in g.reeksen}
        for indicator_id in ids:
            laatste = _laatste_jaar(indicator_id)
            assert laatste in _getekende_jaren(g.figuur, labels[indicator_id]), (nr, indicator_id)
            gezien += 1
    assert gezien >= 5


# ---------------------------------------------------------------- 2020 only where atypical


def _gemarkeerd() -> dict[str, dict[str, str]]:
    with open(RAW_DIR / "corona_atypisch.csv", encoding="utf-8", newline="") as f:
        return {r["indicator_id"]: r for r in csv.DictReader(f)}


def test_leerlingentelling_toont_2020_en_gemarkeerde_reeks_verbergt_het_met_reden(app) -> None:
    from dashboard.logica import trends
    from dashboard.onderdelen.state import link

    gemarkeerd = _gemarkeerd()
    assert "so_leerlingen" not in gemarkeerd and "jeugdhulp_totaal" in gemarkeerd
    staat, _ = trends.lees_staat(_kwargs(link("/trends")))
    uit = trends.bereken(staat)
    per_id = {r.indicator_id: r for r in uit["reeksen"]}
    assert 2020 in {p.jaar for p in per_id["so_leerlingen"].punten}  # 1 October count
    assert 2020 not in {p.jaar for p in per_id["jeugdhulp_totaal"].punten}
    reden = [m for m in uit["meldingen"] if "2020 verborgen" in m]
    assert len(reden) == 1 and gemarkeerd["jeugdhulp_totaal"]["citaat"][:60] in reden[0]
    # the export (CSV/Excel toelichting, memo) says what is hidden and why
    from dashboard.pages.trends import _export

    g = _export(urlsplit(link("/trends")).query)
    assert any(gemarkeerd["jeugdhulp_totaal"]["citaat"][:60] in m for m in g.meldingen)
    # the switch still shows 2020 everywhere
    uit = trends.bereken({**staat, "corona": "1"})
    assert 2020 in {
        p.jaar for r in uit["reeksen"] for p in r.punten if r.indicator_id == "jeugdhulp_totaal"
    }


def test_elke_gemarkeerde_reeks_citeert_een_bestaande_bron() -> None:
    with open(RAW_DIR / "bron.csv", encoding="utf-8", newline="") as f:
        bronnen = {r["bron_id"] for r in csv.DictReader(f)}
    seed = Path("/work/shared/seeds") / "003_388c770ba3e34c35.txt"
    for r in _gemarkeerd().values():
        assert r["bron_id"] in bronnen
        if seed.exists() and r["bron_id"] == "kamerbrief-31839-1050":
            brief = " ".join(seed.read_text(encoding="utf-8").split())
            for deel in r["citaat"].split(" [voetnoot 3:] "):
                assert deel in brief


# ---------------------------------------------------------------- shares in percentage points


def test_aandeel_in_indexweergave_in_procentpunten(met_database) -> None:
    from dashboard.gegevens import queries
    from dashboard.logica import trends

    staat, _ = trends.lees_staat({"urlversie": ["2"], "weergave": ["index"]})
    staat["indicator"] = ["so_aandeel_po", "so_leerlingen"]
    uit = trends.bereken(staat)
    aandeel = next(r for r in uit["reeksen"] if r.indicator_id == "so_aandeel_po")
    rijen = {r["jaar"]: r["waarde"] for r in queries.jaarwaarden(["so_aandeel_po"], 2000, 2100)}
    basis = rijen[staat["basisjaar"]]
    for p in aandeel.punten:
        assert p.getoond == pytest.approx(rijen[p.jaar] - basis)  # not 100 * w / basis
    assert aandeel.getoonde_eenheid == "procentpunt"
    layout = uit["figuur"]["layout"]
    titels = [v["title"]["text"] for k, v in layout.items() if k.startswith("yaxis")]
    assert any("procentpunt" in t for t in titels) and any("index" in t for t in titels)
    as_van_aandeel = {t["yaxis"] for t in uit["figuur"]["data"] if t.get("name") == aandeel.label}
    as_van_telling = {
        t["yaxis"] for t in uit["figuur"]["data"] if t.get("name", "").startswith("Leerlingen so")
    }
    assert as_van_aandeel.isdisjoint(as_van_telling)  # its own panel


# ---------------------------------------------------------------- links keep their meaning


def _corona_oud(waarde: bool) -> str:
    """Contract 1's bool: on showed 2020 everywhere ("1"), off hid it everywhere ("0")."""
    return "1" if waarde else "0"


@pytest.mark.parametrize("geval", json.loads(FIXTURE.read_text(encoding="utf-8"))["links"])
def test_oude_link_opent_dezelfde_staat(met_database, geval: dict[str, Any]) -> None:
    from dashboard.gegevens import queries
    from dashboard.logica import regio, trends

    verwacht = dict(geval["staat"])
    # A default that follows the data (Trends `tot`: the latest published year; Regio `jaar`:
    # the latest year) meant that rule, not the year it gave on the day the fixture was made.
    if geval["url"].startswith("/trends"):
        verwacht["corona"] = _corona_oud(verwacht["corona"])
        if "tot=" not in geval["url"]:
            verwacht["tot"] = trends.laatste_gepubliceerde_jaar()
        staat, meldingen = trends.lees_staat(_kwargs(geval["url"]))
    else:
        if "jaar=" not in geval["url"]:
            verwacht["jaar"] = max(queries.regio_jaren())
        verwacht.setdefault("telling", "vestiging")  # added later; absent meant per location
        staat, meldingen = regio.lees_staat(_kwargs(geval["url"]))
    assert meldingen == []
    assert staat == verwacht


@pytest.mark.parametrize("pagina", ["trends", "regio"])
def test_link_kopieren_bevat_elke_parameter_en_opent_dezelfde_staat(
    met_database, pagina: str
) -> None:
    from dashboard.logica import regio, trends
    from dashboard.onderdelen.state import naar_query

    lees_staat, params = (
        (trends.lees_staat, trends.params)
        if pagina == "trends"
        else (regio.lees_staat, regio.params)
    )
    staat, _ = lees_staat({"urlversie": ["2"]})
    query = naar_query(params(), staat)
    kwargs = _kwargs(query)
    assert set(kwargs) == {p.naam for p in params()} | {"urlversie", "versie"}
    terug = lees_staat(kwargs)[0]
    assert terug.pop("versie") == kwargs["versie"][0]  # the link is pinned to its data version
    assert terug == staat
    if pagina == "trends":
        assert kwargs["tot"] == [str(trends.laatste_gepubliceerde_jaar())]
    else:
        assert kwargs["jaar"] == [str(staat["jaar"])]


def test_actielijnen_schrijft_de_volledige_staat_bij_aankomst(app) -> None:
    from dashboard.pages import actielijnen

    query = actielijnen.schrijf_url(list(actielijnen.MINISTERIES), list(actielijnen.STATUSSEN))
    assert set(_kwargs(query)) == {"urlversie", "ministerie", "status", "versie"}


def test_coronaschakelaar_schrijft_de_volledige_staat(met_database) -> None:
    from dashboard.gegevens import queries
    from dashboard.onderdelen.coronaschakelaar import corona_query

    versie = queries.dataversie_kort()  # every written query is pinned to its data
    assert _kwargs(corona_query(["ja"])) == {
        "urlversie": ["2"],
        "corona": ["1"],
        "versie": [versie],
    }
    assert _kwargs(corona_query([])) == {
        "urlversie": ["2"],
        "corona": ["atypisch"],
        "versie": [versie],
    }


def test_samenvatting_noemt_verandering_van_een_aandeel_in_procentpunten(met_database) -> None:
    from dashboard.figuren.figures import samenvatting
    from dashboard.gegevens import queries
    from dashboard.gegevens.reeksen import maak_reeksen

    rijen = queries.jaarwaarden(["sbo_aandeel_po"], 2015, 2023)
    reeksen = maak_reeksen(rijen, queries.indicator_meta(), "absoluut", 2016, "1")
    per_jaar = {p.jaar: p.waarde for p in reeksen[0].punten}
    laatste = max(per_jaar)
    verschil = per_jaar[laatste] - per_jaar[2016]
    tekst = samenvatting(reeksen, 2015, 2023, "absoluut")
    assert "procentpunt sinds 2016" in tekst and "%" not in tekst.split("sinds 2016")[0][-12:]
    assert f"{abs(verschil):.1f}".replace(".", ",") in tekst
