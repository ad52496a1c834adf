"""URL state: invalid, repeated, long and script-like values fall back with a notice."""

import pytest

from dashboard.onderdelen import state
from dashboard.onderdelen.state import Param, lees, naar_query


@pytest.fixture(autouse=True)
def zonder_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """State alone: no data version registered (the query layer registers one on import)."""
    monkeypatch.setattr(state, "_versiebron", state._geen_versie)


PARAMS = [
    Param("indicator", ["a"], lambda: ["a", "b", "c"], lijst=True),
    Param("weergave", "index", lambda: ["index", "absoluut"]),
    Param("van", 2015, lambda: range(2015, 2025), soort=int),
    Param("corona", False, soort=bool),
]


def test_standaard_zonder_query() -> None:
    staat, meldingen = lees(PARAMS, {})
    assert staat == {"indicator": ["a"], "weergave": "index", "van": 2015, "corona": False}
    assert meldingen == []
    # every parameter is written, defaults included, with the contract version
    assert naar_query(PARAMS, staat) == "?urlversie=2&indicator=a&weergave=index&van=2015&corona=0"


def test_rondreis() -> None:
    staat = {"indicator": ["b", "c"], "weergave": "absoluut", "van": 2018, "corona": True}
    query = naar_query(PARAMS, staat)
    assert query == "?urlversie=2&indicator=b,c&weergave=absoluut&van=2018&corona=1"
    kwargs = dict(deel.split("=") for deel in query[1:].split("&"))
    assert lees(PARAMS, kwargs) == (staat, [])


def test_ongeldige_waarden_vallen_terug_met_melding() -> None:
    staat, meldingen = lees(PARAMS, {"weergave": "<script>alert(1)</script>", "van": "abc"})
    assert staat["weergave"] == "index" and staat["van"] == 2015
    assert len(meldingen) == 2
    assert all("standaardwaarde" in m for m in meldingen)


def test_herhaalde_sleutels_en_lijsten() -> None:
    staat, meldingen = lees(PARAMS, {"indicator": ["b", "x", "b"], "van": ["2016", "2017"]})
    assert staat["indicator"] == ["b"]
    assert staat["van"] == 2017
    assert len(meldingen) == 1 and "‘x’" in meldingen[0]


def test_onbekende_sleutel_en_te_lange_waarde() -> None:
    staat, meldingen = lees(PARAMS, {"hack": "1", "weergave": "i" * 10_000})
    assert staat["weergave"] == "index"
    assert any("hack" in m for m in meldingen)
    assert all(len(m) < 200 for m in meldingen)


def test_versie_gedeeld_door_elke_pagina() -> None:
    """`versie` needs no page's own parameter list: accepted, checked, and kept on rewrite."""
    staat, meldingen = lees(PARAMS, {"versie": "24119bcf665e", "weergave": "absoluut"})
    assert meldingen == [] and staat["versie"] == "24119bcf665e"
    assert naar_query(PARAMS, staat).endswith("&versie=24119bcf665e")
    assert "versie" not in lees(PARAMS, {})[0]
    staat, meldingen = lees([], {"versie": "<script>"})
    assert staat["versie"] is None and len(meldingen) == 1 and "dataversie" in meldingen[0]

    state.zet_versiebron(lambda: "abcdef123456")  # undone by the fixture
    query = naar_query(PARAMS, staat | {"weergave": "absoluut"})
    assert query.startswith("?urlversie=2&") and query.endswith("&versie=abcdef123456")
    assert "weergave=absoluut" in query


VERSIES = [
    Param("weergave", "absoluut", lambda: ["index", "absoluut"], eerder=((1, "index"),)),
    Param("indicator", ["a"], lambda: ["a", "b"], lijst=True),
]


def test_ontbrekende_sleutel_betekent_de_standaard_van_de_urlversie() -> None:
    assert lees(VERSIES, {})[0]["weergave"] == "index"  # no urlversie: contract 1
    assert lees(VERSIES, {"urlversie": "1"})[0]["weergave"] == "index"
    assert lees(VERSIES, {"urlversie": "2"})[0]["weergave"] == "absoluut"
    assert lees(VERSIES, {"urlversie": "99"})[0]["weergave"] == "absoluut"
    assert lees(VERSIES, {"urlversie": "2"})[1] == []  # a shared key, never "onbekend"


def test_lege_lijst_blijft_leeg_in_de_link() -> None:
    query = naar_query(VERSIES, {"weergave": "index", "indicator": []})
    assert query == "?urlversie=2&weergave=index&indicator="
    kwargs = {k: v for k, v in (deel.split("=") for deel in query[1:].split("&"))}
    assert lees(VERSIES, kwargs)[0] == {"weergave": "index", "indicator": []}
