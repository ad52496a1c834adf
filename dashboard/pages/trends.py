"""Trends: choose settings and indicators, view absolute / index / % change, chart or table.

All state lives in the URL; the callback turns controls into (figure, summary, table, query).
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard import queries
from dashboard.components import datatabel, grafiekkaart, meldingen, signaal_blok
from dashboard.figures import samenvatting, trend_figuur
from dashboard.reeksen import WEERGAVEN, maak_reeksen
from dashboard.state import Param, lees, naar_query
from dashboard.theme import CORONA_NOOT

dash.register_page(__name__, path="/trends", name="Trends", order=1, title="Trends – Ketenmonitor")

STANDAARD_INDICATOREN = ["so_leerlingen", "sbo_leerlingen", "jeugdhulp_totaal"]
MAX_INDICATOREN = 10


def _trendbare() -> list[dict[str, Any]]:
    return [i for i in queries.indicatoren() if i["trendbaar"]]


def _jaren() -> list[int]:
    trendbaar = _trendbare()
    return list(
        range(
            min(i["eerste_jaar"] for i in trendbaar), max(i["laatste_jaar"] for i in trendbaar) + 1
        )
    )


def params() -> list[Param]:
    jaren = _jaren
    return [
        Param(
            "setting",
            [],
            lambda: [s["setting_id"] for s in queries.settings()],
            lijst=True,
            omschrijving="setting",
        ),
        Param(
            "indicator",
            STANDAARD_INDICATOREN,
            lambda: [i["indicator_id"] for i in _trendbare()],
            lijst=True,
            omschrijving="indicator",
        ),
        Param("weergave", "index", lambda: list(WEERGAVEN), omschrijving="weergave"),
        Param("basisjaar", 2016, jaren, soort=int, omschrijving="basisjaar"),
        Param("van", 2015, jaren, soort=int, omschrijving="van"),
        Param(
            "tot",
            max(_jaren()) if queries.database_beschikbaar() else 2024,
            jaren,
            soort=int,
            omschrijving="tot",
        ),
        Param("corona", False, soort=bool, omschrijving="2020 tonen"),
        Param("tab", "grafiek", lambda: ["grafiek", "tabel"], omschrijving="tabblad"),
        Param(
            "sorteer",
            "indicator",
            lambda: ["indicator", "jaar", "waarde"],
            omschrijving="sortering",
        ),
    ]


def _indicator_opties(settings: list[str], zoek: str, gekozen: list[str]) -> list[dict[str, str]]:
    zoek = (zoek or "").strip().lower()
    opties = []
    for i in _trendbare():
        tekst = f"{i['setting_naam']} — {i['korte_titel']}"
        zichtbaar = (not settings or i["setting_id"] in settings) and (
            not zoek or zoek in f"{tekst} {i['titel']}".lower()
        )
        if zichtbaar or i["indicator_id"] in gekozen:
            opties.append({"label": tekst, "value": i["indicator_id"]})
    return opties


def _standaard_voor_settings(settings: list[str]) -> list[str]:
    """Arriving from the ketenkaart: the public series of those settings with most years."""
    kandidaten = [
        i
        for i in _trendbare()
        if i["setting_id"] in settings and i["herkomst"] == "openbare_statistiek"
    ]
    kandidaten.sort(key=lambda i: -(i["laatste_jaar"] - i["eerste_jaar"]))
    return [i["indicator_id"] for i in kandidaten[:4]]


def layout(**kwargs: Any) -> html.Div:
    ps = params()
    staat, teksten = lees(ps, kwargs)
    if staat["setting"] and "indicator" not in kwargs:
        staat["indicator"] = _standaard_voor_settings(staat["setting"])
    if len(staat["indicator"]) > MAX_INDICATOREN:
        teksten.append(f"Hoogstens {MAX_INDICATOREN} indicatoren tegelijk; de eerste zijn getoond.")
        staat["indicator"] = staat["indicator"][:MAX_INDICATOREN]
    jaar_opties = [{"label": str(j), "value": j} for j in _jaren()]
    setting_opties = [
        {"label": s["naam"], "value": s["setting_id"]}
        for s in queries.settings()
        if s["domein"] != "keten"
    ]
    return html.Div(
        [
            dcc.Location(id="trends-url", refresh=False),
            html.H1("Trends"),
            html.P(
                "Kies settings en indicatoren. Elke indicator is één telbegrip: reeksen worden nooit "
                "opgeteld of tot één lijn samengevoegd. Met ‘index’ zijn reeksen met verschillende "
                "eenheden vergelijkbaar in groei."
            ),
            meldingen(teksten, "trends-meldingen"),
            html.Div(
                [
                    html.Fieldset(
                        [
                            html.Legend("Settings (filter)"),
                            dbc.Checklist(
                                id="trends-setting", options=setting_opties, value=staat["setting"]
                            ),
                        ],
                        className="paneel",
                    ),
                    html.Fieldset(
                        [
                            html.Legend("Indicatoren"),
                            dbc.Label("Zoek een indicator", html_for="trends-zoek"),
                            dbc.Input(
                                id="trends-zoek",
                                type="search",
                                placeholder="bijv. thuiszitters",
                                debounce=True,
                            ),
                            dbc.Checklist(
                                id="trends-indicator",
                                options=_indicator_opties(staat["setting"], "", staat["indicator"]),
                                value=staat["indicator"],
                                className="indicatorlijst",
                            ),
                        ],
                        className="paneel",
                    ),
                    html.Fieldset(
                        [
                            html.Legend("Weergave"),
                            dbc.RadioItems(
                                id="trends-weergave",
                                options=[{"label": v, "value": k} for k, v in WEERGAVEN.items()],
                                value=staat["weergave"],
                            ),
                            dbc.Label(
                                "Basisjaar (index en verandering)", html_for="trends-basisjaar"
                            ),
                            dbc.Select(
                                id="trends-basisjaar", options=jaar_opties, value=staat["basisjaar"]
                            ),
                            dbc.Label("Van", html_for="trends-van"),
                            dbc.Select(id="trends-van", options=jaar_opties, value=staat["van"]),
                            dbc.Label("Tot en met", html_for="trends-tot"),
                            dbc.Select(id="trends-tot", options=jaar_opties, value=staat["tot"]),
                            dbc.Checklist(
                                id="trends-corona",
                                options=[{"label": "Toon 2020 (coronajaar)", "value": "ja"}],
                                value=["ja"] if staat["corona"] else [],
                            ),
                            html.P(CORONA_NOOT, className="klein"),
                        ],
                        className="paneel",
                    ),
                ],
                className="bediening",
            ),
            html.Fieldset(
                [
                    html.Legend("Toon als"),
                    dbc.RadioItems(
                        id="trends-tab",
                        options=[
                            {"label": "Grafiek", "value": "grafiek"},
                            {"label": "Tabel", "value": "tabel"},
                        ],
                        value=staat["tab"],
                        inline=True,
                    ),
                ],
                className="tabkeuze",
            ),
            html.Div(
                grafiekkaart("trends-grafiek", {"data": [], "layout": {}}, ""),
                id="trends-grafiekvak",
            ),
            html.Div(
                [
                    dbc.Label("Sorteer de tabel op", html_for="trends-sorteer"),
                    dbc.Select(
                        id="trends-sorteer",
                        options=[
                            {"label": "indicator", "value": "indicator"},
                            {"label": "jaar", "value": "jaar"},
                            {"label": "waarde (hoog naar laag)", "value": "waarde"},
                        ],
                        value=staat["sorteer"],
                    ),
                    html.Div(id="trends-tabel"),
                ],
                id="trends-tabelvak",
            ),
            html.Section(id="trends-signalen"),
        ]
    )


@callback(
    Output("trends-indicator", "options"),
    Input("trends-setting", "value"),
    Input("trends-zoek", "value"),
    State("trends-indicator", "value"),
)
def werk_opties_bij(
    settings: list[str], zoek: str | None, gekozen: list[str]
) -> list[dict[str, str]]:
    return _indicator_opties(settings or [], zoek or "", gekozen or [])


def bereken(staat: dict[str, Any]) -> dict[str, Any]:
    """Everything the page shows for one state; a plain function so tests and bench can call it."""
    van, tot = sorted((int(staat["van"]), int(staat["tot"])))
    meta = queries.indicator_meta()
    indicatoren = [i for i in staat["indicator"] if i in meta][:MAX_INDICATOREN]
    rijen = queries.jaarwaarden(indicatoren, van, tot)
    reeksen = maak_reeksen(rijen, meta, staat["weergave"], int(staat["basisjaar"]), staat["corona"])
    return {
        "reeksen": reeksen,
        "figuur": trend_figuur(reeksen, staat["weergave"], van, tot, toon_2020=staat["corona"]),
        "samenvatting": samenvatting(reeksen, van, tot, staat["weergave"]),
        "van": van,
        "tot": tot,
    }


@callback(
    Output("trends-grafiek", "figure"),
    Output("trends-grafiek-samenvatting", "children"),
    Output("trends-tabel", "children"),
    Output("trends-signalen", "children"),
    Output("trends-url", "search"),
    Output("trends-grafiekvak", "hidden"),
    Output("trends-tabelvak", "hidden"),
    Input("trends-indicator", "value"),
    Input("trends-setting", "value"),
    Input("trends-weergave", "value"),
    Input("trends-basisjaar", "value"),
    Input("trends-van", "value"),
    Input("trends-tot", "value"),
    Input("trends-corona", "value"),
    Input("trends-tab", "value"),
    Input("trends-sorteer", "value"),
)
def werk_bij(indicator, setting, weergave, basisjaar, van, tot, corona, tab, sorteer):
    ps = params()
    staat, _ = lees(
        ps,
        {
            "indicator": indicator or [],
            "setting": setting or [],
            "weergave": weergave,
            "basisjaar": basisjaar,
            "van": van,
            "tot": tot,
            "corona": "1" if corona else "0",
            "tab": tab,
            "sorteer": sorteer,
        },
    )
    if not indicator:
        staat["indicator"] = []
    uit = bereken(staat)
    tabel = datatabel(
        uit["reeksen"],
        staat["sorteer"],
        staat["weergave"],
        f"Gegevens bij de grafiek, {uit['van']}–{uit['tot']}: {WEERGAVEN[staat['weergave']].lower()}",
    )
    return (
        uit["figuur"],
        uit["samenvatting"],
        tabel,
        _signalen_voor(staat["setting"]),
        naar_query(ps, staat),
        staat["tab"] != "grafiek",
        staat["tab"] != "tabel",
    )


def _signalen_voor(settings: list[str]) -> list[Any]:
    if not settings:
        return []
    gevonden = [s for s in queries.signalen() if s["setting_id"] in settings]
    if not gevonden:
        return []
    return [
        html.H2("Signalen uit de Kamerbrief voor deze settings"),
        html.P(
            "Waar geen openbare cijferreeks bestaat, noemt de brief alleen een richting. "
            "Die staat hier met het letterlijke citaat."
        ),
        *[signaal_blok(s) for s in gevonden],
    ]
