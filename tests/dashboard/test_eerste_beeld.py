"""The page router's answer for a URL already holds that state's chart and table: no callback
round trip before a person sees the answer. Expected values come from the database (the
series' yearly values) and from the change callbacks, which must agree with the layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import dash
import plotly
import pytest

MAX_ANTWOORD = 150 * 1024  # the map's router response without inlined geometry


@pytest.fixture
def app(met_database: Path) -> Any:
    from dashboard.app import app  # registers the pages (as dashboard.pages.*)

    return app


def _pagina(naam: str) -> dict[str, Any]:
    return next(p for p in dash.page_registry.values() if p["module"].endswith(f".{naam}"))


def _component(boom: Any, id_: str) -> Any:
    (gevonden,) = [c for _, c in boom._traverse_with_paths() if getattr(c, "id", None) == id_]
    return gevonden


def _waarde(boom: Any, id_: str) -> Any:
    return getattr(_component(boom, id_), "value", None)


def _callback(pagina: dict[str, Any], naam: str) -> Any:
    """The undecorated change callback of a page module (Dash keeps the function)."""
    import importlib

    return getattr(importlib.import_module(pagina["module"]), naam)


def _is_alleen_bij_wijziging(app: Any, uitvoer: str) -> bool:
    from dash._callback import GLOBAL_CALLBACK_LIST

    (cb,) = [
        c
        for c in [*app._callback_list, *GLOBAL_CALLBACK_LIST]
        if uitvoer in c["output"].strip(".").split("...")
    ]
    return bool(cb["prevent_initial_call"])


def test_trends_link_opent_met_grafiek_en_tabel(app: Any) -> None:
    from dashboard.gegevens import queries

    pagina = _pagina("trends")
    with app.server.test_request_context("/trends?indicator=so_leerlingen"):
        boom = pagina["layout"](indicator="so_leerlingen")
    figuur = _component(boom, "trends-grafiek").figure
    # every yearly value of the series in the chosen range is a point of the first chart
    van, tot = int(_waarde(boom, "trends-van")), int(_waarde(boom, "trends-tot"))
    jaren = {r["jaar"] for r in queries.jaarwaarden(["so_leerlingen"], van, tot)} - {2020}
    getekend = {
        int(x)
        for spoor in figuur["data"]
        if spoor.get("legendgroup") != "status" and len(spoor.get("x") or []) > 1
        for x, y in zip(spoor["x"], spoor["y"], strict=True)
        if y is not None
    }
    assert jaren and jaren <= getekend
    assert _component(boom, "trends-tabel").children  # the table beside it, not a placeholder
    assert "so" in _component(boom, "trends-grafiek-samenvatting").children.lower()
    assert _component(boom, "trends-grafiekvak").hidden is False
    # the change callback gives the same figure for the controls' state, and runs on change only
    werk_bij = _callback(pagina, "werk_bij")
    uit = werk_bij(
        *[
            _waarde(boom, f"trends-{n}")
            for n in ("indicator", "setting", "weergave", "basisjaar", "van", "tot")
        ],
        _waarde(boom, "trends-corona"),
        _waarde(boom, "trends-beleid"),
        _waarde(boom, "trends-tab"),
        _waarde(boom, "trends-sorteer"),
        _component(boom, "trends-corona-uit").data,
    )
    assert uit[0] == figuur
    plek = _callback(pagina, "UITVOER").index("query")
    assert uit[plek] == _component(boom, "trends-query").data  # the address the page writes
    assert _is_alleen_bij_wijziging(app, "trends-grafiek.figure")


def test_trends_oude_link_opent_zijn_weergave(app: Any) -> None:
    """A link of URL contract 1 (no `urlversie`) meant the index; the first paint shows it."""
    pagina = _pagina("trends")
    with app.server.test_request_context("/trends?indicator=so_leerlingen"):
        oud = pagina["layout"](indicator="so_leerlingen")
        nieuw = pagina["layout"](indicator="so_leerlingen", urlversie="2")
    assert _waarde(oud, "trends-weergave") == "index"
    assert "weergave=index" in _component(oud, "trends-query").data
    assert _waarde(nieuw, "trends-weergave") == "absoluut"
    assert _component(oud, "trends-grafiek").figure != _component(nieuw, "trends-grafiek").figure


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"niveau": "gemeente", "telling": "woonplaats", "regio": "GM0344"},
    ],
)
def test_regio_link_opent_met_kaart_en_tabel(app: Any, query: dict[str, str]) -> None:
    from dashboard.logica import regio

    pagina = _pagina("regio")
    with app.server.test_request_context("/regio"):
        boom = pagina["layout"](**query)
        staat, _ = regio.lees_staat(query)
        uit = regio.bereken(staat)
        kaart = _component(boom, "regio-kaartdata").data
        verwacht = {w.code for w in uit.regios if w.op_kaart}
        op_kaart = {code for spoor in kaart["data"] for code in (spoor.get("meta") or [])}
        assert verwacht and op_kaart == verwacht  # every region on the map, in its class
        assert "coordinates" not in json.dumps(kaart)  # geometry comes from the asset
        tabel = _component(boom, "regio-tabeldata").data
        assert len(tabel["rijen"]) == len(uit.regios)
        assert _component(boom, "regio-samenvatting").children == regio.samenvatting(uit)
        # the change callback answers the same for the same controls
        werk_kaart_bij = _callback(pagina, "werk_kaart_bij")
        keuzes = [_waarde(boom, f"regio-{n}") for n in ("telling", "niveau", "soort", "jaar")]
        antwoord = werk_kaart_bij(
            *keuzes,
            _waarde(boom, "regio-maat"),
            getattr(_component(boom, "regio-gekozen"), "data", None),
        )
    assert antwoord[0] == kaart
    trend = json.dumps(_component(boom, "regio-trend").children, cls=plotly.utils.PlotlyJSONEncoder)
    assert ('"type": "scatter"' in trend) == bool(staat["regio"])  # a chosen region's trend
    assert len(json.dumps(boom, cls=plotly.utils.PlotlyJSONEncoder)) <= MAX_ANTWOORD
    for uitvoer in ("regio-kaartdata.data", "regio-tabeldata.data", "regio-trend.children"):
        assert _is_alleen_bij_wijziging(app, uitvoer)


def test_regio_laadt_de_geometrie_vooraf(app: Any) -> None:
    client = app.server.test_client()
    for niveau in ("provincie", "gemeente"):
        html = client.get(f"/regio?niveau={niveau}").get_data(as_text=True)
        kop = html.split("</head>", 1)[0]
        href = app.get_asset_url(f"geo/{niveau}_2025.geojson")
        assert f'rel="preload" as="fetch" crossorigin="anonymous" href="{href}"' in kop
        assert client.get(href).status_code == 200
    assert 'rel="preload"' not in client.get("/trends").get_data(as_text=True)


def test_plotlybundel_is_de_versie_van_het_pythonpakket(app: Any) -> None:
    """The browser's cartesian bundle and the figures/exports' plotly must be one version."""
    import re

    from plotly.offline import get_plotlyjs_version

    map_ = Path(app.config.assets_folder)
    (bundel,) = (map_ / "plotly").glob("plotly-cartesian-*.min.js")
    kop = bundel.read_text(encoding="utf-8")[:200]
    assert re.search(r"plotly\.js \(cartesian - minified\) v(\S+)", kop)[1] == (
        get_plotlyjs_version()
    )
    assert bundel.name in (map_ / "plotlybundel.js").read_text(encoding="utf-8")
    html = app.server.test_client().get("/trends").get_data(as_text=True)
    assert "plotlybundel.js" in html and bundel.name not in html  # loaded by a chart only
