"""Words on the pages: tab titles, tiles that say what grew, no developer paths,
'na filter' only with a filter, and the Toon 2020 switch writing the URL state."""

from __future__ import annotations

import json
from pathlib import Path

import dash
import plotly.utils

from dashboard.onderdelen.coronaschakelaar import corona_query


def _tekst(onderdeel) -> str:
    return json.dumps(onderdeel, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def _pagina(naam: str):
    from dashboard.app import app  # noqa: F401  (registers the pages)

    return next(p for p in dash.page_registry.values() if p["module"].endswith(naam))


def test_tabtitels_pagina_dan_ketenmonitor(met_database: Path) -> None:
    from dashboard.app import app  # noqa: F401

    titels = [p["title"] for p in dash.page_registry.values()]
    assert len(titels) >= 8
    for titel in titels:
        assert titel.endswith(" – Ketenmonitor") and not titel.startswith("Ketenmonitor"), titel


def test_tegels_zeggen_wat_groeide(met_database: Path) -> None:
    tekst = _tekst(_pagina("overzicht")["layout"]())
    assert "leerlingen so, 3–13 jaar: " in tekst
    assert "leerlingen sbo, 3–13 jaar: " in tekst
    assert "groei 2016–2019" in tekst
    assert "16-19" not in tekst  # the short titles' "16-19" read like ages


def test_geen_ontwikkelaarspaden_of_url_instructies(met_database: Path) -> None:
    for naam in (
        "overzicht",
        "trends",
        "kenmerken",
        "capaciteit",
        "actielijnen",
        "wetten",
        "bronnen",
    ):
        tekst = _tekst(_pagina(naam)["layout"]())
        assert "data/raw" not in tekst, naam
        assert "?corona=1" not in tekst, naam
        assert "aan de URL" not in tekst, naam


def test_na_filter_alleen_met_filter(met_database: Path) -> None:
    layout = _pagina("actielijnen")["layout"]
    assert "na filter" not in _tekst(layout())
    assert "na filter" in _tekst(layout(ministerie="VWS"))


def test_wetten_noemt_een_tabel_geen_kaart(met_database: Path) -> None:
    tekst = _tekst(_pagina("wetten")["layout"]())
    assert "De kaart hieronder" not in tekst and "De tabel hieronder" in tekst


def test_corona_schakelaar_schrijft_de_volledige_staat(monkeypatch) -> None:
    from dashboard.onderdelen import state

    monkeypatch.setattr(state, "_versiebron", lambda: "abcdef123456")
    assert corona_query(["ja"]) == "?urlversie=2&corona=1&versie=abcdef123456"
    assert corona_query([]) == "?urlversie=2&corona=atypisch&versie=abcdef123456"
    assert corona_query(None) == "?urlversie=2&corona=atypisch&versie=abcdef123456"
