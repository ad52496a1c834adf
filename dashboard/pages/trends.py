"""Trends page: controls, chart/table tabs and the callbacks; logic lives in dashboard.logica.trends.

All state lives in the URL; the callback turns controls into (figure, summary, table, query).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard.figuren import format as nl
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.theme import CORONA_NOOT
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import (
    CORONA_ATYPISCH,
    CORONA_GETOOND,
    WEERGAVEN,
    weergave_tekst,
)
from dashboard.logica.lacunes import lege_staat, regio_links
from dashboard.logica.trends import (
    bereken,
    indicator_opties,
    jaren,
    lees_staat,
    params,
    zichtbaar,
    zoekstatus_tekst,
)
from dashboard.onderdelen.components import (
    bronblok,
    citeerblok,
    datatabel,
    grafiekkaart,
    meldingen,
    signaal_blok,
)
from dashboard.onderdelen.state import lees, naar_query
from dashboard.onderdelen.toolbar import (
    ALLEEN_DATA,
    briefingknop,
    registreer_briefing_callback,
    registreer_export_callbacks,
    werkbalk,
)
from dashboard.webserver.invoertypen import verwacht

dash.register_page(__name__, path="/trends", name="Trends", order=1, title="Trends – Ketenmonitor")


def layout(**kwargs: Any) -> html.Div:
    staat, teksten = lees_staat(kwargs)
    inhoud = inhoud_voor(params(), staat)
    jaar_opties = [{"label": str(j), "value": j} for j in jaren()]
    setting_opties = [
        {"label": s["naam"], "value": s["setting_id"]}
        for s in queries.settings()
        if s["domein"] != "keten"
    ]
    return html.Div(
        [
            dcc.Location(id="trends-url", refresh=False),
            # the query of the state shown: written into the address bar in the browser (on
            # arrival too, so a copied link names every setting and is pinned to its data)
            dcc.Store(id="trends-query", data=inhoud["query"]),
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
                                # filters while typing: the list answers without Enter
                                debounce=ZOEK_WACHT_MS,
                            ),
                            *_zoekstatus(staat["setting"]),
                            html.Div(
                                [
                                    html.A(
                                        "Lijst overslaan: naar Weergave",
                                        href="#trends-weergave-paneel",
                                        className="overslaan",
                                        id="trends-naar-weergave",
                                    ),
                                    # also the phone's way back up to the chart after a choice
                                    html.A(
                                        "Naar de grafiek",
                                        href="#trends-grafiekvak",
                                        className="overslaan",
                                        id="trends-naar-grafiek",
                                    ),
                                ],
                                className="overslaan-rij",
                            ),
                            dbc.Checklist(
                                id="trends-indicator",
                                options=indicator_opties(staat["setting"], "", staat["indicator"]),
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
                                name="weergave",
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
                                value=["ja"] if staat["corona"] == CORONA_GETOOND else [],
                            ),
                            # what "off" means: a link of contract 1 hides 2020 everywhere
                            dcc.Store(
                                id="trends-corona-uit",
                                data=staat["corona"]
                                if staat["corona"] != CORONA_GETOOND
                                else CORONA_ATYPISCH,
                            ),
                            html.P(CORONA_NOOT, className="klein"),
                            dbc.Checklist(
                                id="trends-beleid",
                                options=[{"label": "Toon beleidsmomenten", "value": "ja"}],
                                value=["ja"] if staat["beleid"] else [],
                            ),
                        ],
                        className="paneel",
                        id="trends-weergave-paneel",
                        tabIndex="-1",
                    ),
                ],
                className="bediening",
            ),
            html.Fieldset(
                [
                    html.Legend("Toon als"),
                    dbc.RadioItems(
                        id="trends-tab",
                        name="tab",
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
                inhoud["weergave_meldingen"],
                id="trends-weergave-meldingen",
                role="status",
                **{"aria-live": "polite"},
            ),
            html.Section(
                inhoud["leeg"],
                id="trends-leeg",
                hidden=inhoud["uitleg_verborgen"],
                className="leeg",
            ),
            html.Div(
                [
                    grafiekkaart("trends-grafiek", inhoud["figuur"], inhoud["samenvatting"]),
                    werkbalk("trends-export"),
                    briefingknop("trends"),
                    html.Div(inhoud["momenten"], id="trends-momenten"),
                ],
                id="trends-grafiekvak",
                hidden=inhoud["grafiek_verborgen"],
            ),
            html.Div(
                [
                    werkbalk("trends-tabel-export", formaten=ALLEEN_DATA),
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
                    html.Div(inhoud["tabel"], id="trends-tabel"),
                ],
                id="trends-tabelvak",
                hidden=inhoud["tabel_verborgen"],
            ),
            html.Section(inhoud["signalen"], id="trends-signalen"),
        ]
    )


ZOEK_WACHT_MS = 300
"""Pause in typing before the list filters (dbc.Input counts milliseconds, dcc.Input seconds)."""


def _zoekstatus(settings: list[str]) -> list[Any]:
    """The count under the search field (a polite live region) and the way out of a setting
    filter that hides matches; filled by `werk_opties_bij`."""
    tekst, elders = zoekstatus_tekst(settings, "")
    return [
        html.P(
            tekst,
            id="trends-zoekstatus",
            role="status",
            className="klein zoekstatus",
            **{"aria-live": "polite"},
        ),
        html.Button(
            "Zoek in alle settings",
            id="trends-alle-settings",
            type="button",
            className="linkknop zoek-elders",
            hidden=not elders,
        ),
    ]


@callback(
    Output("trends-indicator", "options"),
    Output("trends-zoekstatus", "children"),
    Output("trends-alle-settings", "hidden"),
    Input("trends-setting", "value"),
    Input("trends-zoek", "value"),
    State("trends-indicator", "value"),
)
def werk_opties_bij(
    settings: list[str], zoek: str | None, gekozen: list[str]
) -> tuple[list[dict[str, str]], str, bool]:
    tekst, elders = zoekstatus_tekst(settings or [], zoek or "")
    return indicator_opties(settings or [], zoek or "", gekozen or []), tekst, not elders


@callback(
    Output("trends-setting", "value"),
    Input("trends-alle-settings", "n_clicks"),
    prevent_initial_call=True,
)
def zoek_in_alle_settings(_klik: int | None) -> list[str]:
    """The hint's one action: drop the setting filter (the search text stays)."""
    return []


UITVOER = (
    "figuur",
    "bron",
    "citeer",
    "samenvatting",
    "tabel",
    "signalen",
    "momenten",
    "query",
    "grafiek_verborgen",
    "tabel_verborgen",
    "weergave_meldingen",
    "leeg",
    "uitleg_verborgen",
)
"""What one state fills on the page, in the order of `werk_bij`'s outputs."""


def inhoud_voor(ps: list[Any], staat: dict[str, Any]) -> dict[str, Any]:
    """Everything a Trends state shows: the layout puts it in the first response (a link opens
    with its chart drawn, no callback round trip) and `werk_bij` returns it on every change."""
    uit = bereken(staat)
    basisjaar = int(staat["basisjaar"])
    tabel = datatabel(
        uit["reeksen"],
        staat["sorteer"],
        staat["weergave"],
        f"Gegevens bij de grafiek, {uit['van']}–{uit['tot']}: "
        + weergave_tekst(staat["weergave"], basisjaar),
    )
    delen = zichtbaar(uit, staat["tab"])
    leeg = not delen["uitleg_verborgen"]
    return {
        "figuur": uit["figuur"],
        "bron": bronblok(uit["figuur"]),
        "citeer": citeerblok(uit["figuur"]),
        "samenvatting": uit["samenvatting"],
        "tabel": tabel,
        "signalen": []
        if leeg
        else [*regio_links(staat["indicator"]), *_signalen_voor(staat["setting"])],
        "momenten": _momentenlijst(uit["momenten"]),
        "query": naar_query(ps, staat),
        "grafiek_verborgen": delen["grafiek_verborgen"],
        "tabel_verborgen": delen["tabel_verborgen"],
        "weergave_meldingen": _weergave_meldingen(uit["meldingen"]),
        "leeg": lege_staat(staat["setting"], staat["indicator"], uit["van"], uit["tot"])
        if leeg
        else [],
        "uitleg_verborgen": delen["uitleg_verborgen"],
    }


verwacht("trends-corona-uit", "data", {"type": ["string", "null"], "maxLength": 20})  # "off"


@callback(
    Output("trends-grafiek", "figure"),
    Output("trends-grafiek-bron", "children"),
    Output("trends-grafiek-citeer", "children"),
    Output("trends-grafiek-samenvatting", "children"),
    Output("trends-tabel", "children"),
    Output("trends-signalen", "children"),
    Output("trends-momenten", "children"),
    Output("trends-query", "data"),
    Output("trends-grafiekvak", "hidden"),
    Output("trends-tabelvak", "hidden"),
    Output("trends-weergave-meldingen", "children"),
    Output("trends-leeg", "children"),
    Output("trends-leeg", "hidden"),
    Input("trends-indicator", "value"),
    Input("trends-setting", "value"),
    Input("trends-weergave", "value"),
    Input("trends-basisjaar", "value"),
    Input("trends-van", "value"),
    Input("trends-tot", "value"),
    Input("trends-corona", "value"),
    Input("trends-beleid", "value"),
    Input("trends-tab", "value"),
    Input("trends-sorteer", "value"),
    State("trends-corona-uit", "data"),
    prevent_initial_call=True,  # the layout already holds the first state's content
)
def werk_bij(
    indicator, setting, weergave, basisjaar, van, tot, corona, beleid, tab, sorteer, corona_uit
):
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
            "corona": CORONA_GETOOND if corona else corona_uit or CORONA_ATYPISCH,
            "beleid": "1" if beleid else "0",
            "tab": tab,
            "sorteer": sorteer,
        },
    )
    if not indicator:
        staat["indicator"] = []
    inhoud = inhoud_voor(ps, staat)
    return tuple(inhoud[naam] for naam in UITVOER)


def _weergave_meldingen(meldingen: list[str]) -> list[Any]:
    """What the chosen view leaves out, said next to the chart (not hidden in a tooltip)."""
    if not meldingen:
        return []
    return [
        dbc.Alert(
            [
                html.Strong("Niet alles is getoond. "),
                html.Ul([html.Li(m) for m in meldingen]),
            ],
            color="info",
            className="melding",
        )
    ]


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


def _momentenlijst(momenten: list[dict[str, Any]]) -> list[Any]:
    if not momenten:
        return []
    return [
        html.H2("Beleidsmomenten in de grafiek", className="klein-kop"),
        html.Ol(
            [
                html.Li(
                    [
                        f"{nl.datum(m['datum'])}: ",
                        html.A(m["titel"], href=m["url"]),
                        f" ({m['soort']})",
                    ]
                )
                for m in momenten
            ],
            className="momenten",
        ),
    ]


def _export(search: str | None) -> Grafiekexport:
    """The chart exactly as shown: state read back from the URL through the same validation."""
    staat, _ = lees_staat(parse_qs((search or "").lstrip("?"), keep_blank_values=True))
    uit = bereken(staat)
    return Grafiekexport(
        uit["figuur"],
        uit["reeksen"],
        staat["weergave"],
        uit["van"],
        uit["tot"],
        momenten=uit["momenten"],
        meldingen=uit["meldingen"],
    )


clientside_callback(
    "function (query) { return query || window.dash_clientside.no_update; }",
    Output("trends-url", "search"),
    Input("trends-query", "data"),
)


registreer_export_callbacks(
    "trends-export", [State("trends-url", "search")], _export, locatie_id="trends-url"
)
registreer_export_callbacks(
    "trends-tabel-export",
    [State("trends-url", "search")],
    _export,
    locatie_id="trends-url",
    formaten=ALLEEN_DATA,
)
registreer_briefing_callback(
    "trends",
    [State("trends-url", "search")],
    lambda search: [_export(search)],
    locatie_id="trends-url",
)
