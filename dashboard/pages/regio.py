"""Regio page: a map and a ranked table of pupils at special-education locations per region.

Layout and callbacks only; every number, word and figure comes from `dashboard.logica.regio` (tests
import that module, never this one: Dash registers pages as `pages.regio`). The map figure
travels without coordinates; `assets/regio.js` adds them from the cached GeoJSON asset.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import dash
import dash_bootstrap_components as dbc
from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    dcc,
    html,
)

from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.logica import regio, regiokaart
from dashboard.onderdelen.components import GRAFIEK_CONFIG, citeerblok, grafiekkaart, meldingen
from dashboard.onderdelen.state import naar_query
from dashboard.onderdelen.toolbar import (
    KeuzeFout,
    briefingknop,
    registreer_briefing_callback,
    registreer_export_callbacks,
    werkbalk,
)
from dashboard.webserver.invoertypen import verwacht

dash.register_page(__name__, path="/regio", name="Regio", order=3.5, title="Regio – Ketenmonitor")


def _soort_opties(telling: str) -> list[dict[str, Any]]:
    return [{"label": v[0].capitalize(), "value": k} for k, v in regio.soorten(telling).items()]


def _jaar_opties(telling: str) -> list[dict[str, Any]]:
    """The years of the chosen telling only: DUO 1996–2025, CBS 2013–2023."""
    woon = telling == "woonplaats"
    return [
        {
            "label": regio.schooljaar(j)
            + (" (vóór de trendbreuk van 2010)" if j < regio.VANAF and not woon else "")
            + (" (voorlopig)" if woon and j == regio.jaren(telling)[-1] else ""),
            "value": str(j),
        }
        for j in reversed(regio.jaren(telling))
    ]


def _opties(staat: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {
        "telling": [{"label": v, "value": k} for k, v in regio.TELLINGEN.items()],
        "niveau": [{"label": k.capitalize(), "value": k} for k in regio.NIVEAUS],
        "soort": _soort_opties(staat["telling"]),
        "jaar": _jaar_opties(staat["telling"]),
        "periode": [{"label": v.capitalize(), "value": k} for k, v in regio.PERIODES.items()],
        "maat": _maat_opties(staat["soort"]),
    }


def _maat_opties(soort: str) -> list[dict[str, Any]]:
    return [
        {"label": "Aantal leerlingen", "value": "aantal"},
        {
            "label": "Per 1.000 leerlingen in bo, sbo en so (alleen sbo en so)",
            "value": "aandeel",
            "disabled": soort not in regio.AANDEEL_SOORTEN,
        },
    ]


def _keuze(naam: str, label: str, opties: list[dict[str, Any]], waarde: Any) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=f"regio-{naam}"),
            dbc.Select(id=f"regio-{naam}", options=opties, value=str(waarde)),
        ],
        className="regio-keuze",
    )


def _uitleg() -> html.Div:
    """What each telling answers, side by side, with its source, rounding and caveat."""
    return html.Div(
        [
            html.Section(
                [html.H2(regio.TELLINGEN[t]), html.P(regio.UITLEG[t])],
                className="regio-telling-uitleg",
            )
            for t in regio.TELLINGEN
        ],
        className="regio-tellingen",
        id="regio-tellingen",
    )


def layout(**kwargs: Any) -> html.Div:
    staat, teksten = regio.lees_staat(kwargs)
    opties = _opties(staat)
    uit = regio.bereken(staat)
    kaart = kaart_inhoud(staat, uit)
    return html.Div(
        [
            dcc.Location(id="regio-url", refresh=False),
            # filled for the URL's state: the first paint needs no server round trip; the
            # clientside callbacks draw map and table from these on arrival
            dcc.Store(id="regio-kaartdata", data=kaart["kaartdata"]),
            dcc.Store(id="regio-tabeldata", data=regio.tabel(uit)),
            # no `data=None`: a memory Store given None reports a change when it mounts
            # (its empty backstore says undefined), which set off every Regio callback
            dcc.Store(id="regio-gekozen", **({"data": staat["regio"]} if staat["regio"] else {})),
            html.H1("Regio"),
            html.P(
                "Waar zitten de leerlingen van het speciaal (basis)onderwijs, en waar groeit hun "
                "aantal? Per provincie of gemeente, op twee manieren geteld: waar de school staat "
                "(DUO) of waar het kind woont (CBS). Kies de telling hieronder."
            ),
            _uitleg(),
            html.P(kaart["kader"], className="kader", id="regio-kader"),
            html.P(kaart["breuken"], id="regio-breuken", className="kader"),
            meldingen(teksten, "regio-meldingen"),
            html.Div(id="regio-keuzemeldingen", role="status", **{"aria-live": "polite"}),
            html.Fieldset(
                [
                    html.Legend("Wat de kaart toont"),
                    _keuze("telling", "Telling", opties["telling"], staat["telling"]),
                    _keuze("niveau", "Niveau", opties["niveau"], staat["niveau"]),
                    _keuze("soort", "Soort", opties["soort"], staat["soort"]),
                    _keuze("jaar", "Schooljaar", opties["jaar"], staat["jaar"]),
                    _keuze("maat", "Maat", opties["maat"], staat["maat"]),
                    _keuze("periode", "Ontwikkeling", opties["periode"], staat["periode"]),
                ],
                className="paneel bediening regio-bediening",
            ),
            briefingknop("regio"),
            html.Div(
                [
                    html.Div(
                        [
                            html.Figure(
                                [
                                    html.P(
                                        kaart["titel"],
                                        id="regio-kaarttitel",
                                        className="regio-kaarttitel",
                                    ),
                                    html.P(
                                        kaart["ondertitel"],
                                        id="regio-kaartondertitel",
                                        className="regio-kaartondertitel klein",
                                    ),
                                    dcc.Graph(
                                        id="regio-kaart",
                                        # its frame at once; regio.js draws the traces with
                                        # their shapes (sending them twice would double the size)
                                        figure={"data": [], "layout": kaart["kaartdata"]["layout"]},
                                        config=GRAFIEK_CONFIG,
                                        className="regio-kaart",
                                    ),
                                    html.P(
                                        kaart["bron"],
                                        id="regio-kaart-bron",
                                        className="bronregel klein",
                                    ),
                                    html.P(
                                        kaart["citeer"],
                                        id="regio-kaart-citeer",
                                        className="citeerregel klein",
                                    ),
                                    html.Figcaption(
                                        kaart["samenvatting"],
                                        id="regio-samenvatting",
                                        className="samenvatting",
                                    ),
                                    html.P(
                                        kaart["nederland"], id="regio-nederland", className="klein"
                                    ),
                                    html.Div(kaart["onverdeeld"], id="regio-onverdeeld"),
                                ],
                                className="grafiekkaart",
                                **{"aria-describedby": "regio-samenvatting"},
                            ),
                            werkbalk("regio-kaart-export"),
                        ],
                        className="regio-kaartvak",
                    ),
                    html.Section(
                        [
                            html.H2("Alle regio's, gerangschikt", id="regio-tabelkop"),
                            html.P(
                                "De tabel bevat alles wat de kaart toont. Kies een regio met de "
                                "knop op haar naam voor haar ontwikkeling naast het landelijke cijfer.",
                                className="klein",
                            ),
                            dbc.Label("Zoek een regio", html_for="regio-zoek"),
                            dbc.Input(
                                id="regio-zoek",
                                type="search",
                                placeholder="bijv. Utrecht",
                                # filters while typing (ms; the table is filtered in the browser)
                                debounce=300,
                            ),
                            html.P(
                                id="regio-tabelstatus",
                                role="status",
                                className="klein",
                                **{"aria-live": "polite"},
                            ),
                            html.Div(
                                id="regio-tabel",
                                className="regio-tabelvak",
                                tabIndex="0",
                                role="region",
                                **{"aria-label": "Tabel van alle regio's (scrollbaar)"},
                            ),
                        ],
                        className="regio-tabelsectie",
                        **{"aria-labelledby": "regio-tabelkop"},
                    ),
                ],
                className="regio-raster",
            ),
            html.Section(trend_inhoud(staat), id="regio-trend", **{"aria-live": "polite"}),
        ]
    )


def _staat(
    telling, niveau, soort, jaar, maat, gekozen, periode=None
) -> tuple[dict[str, Any], list[str]]:
    kwargs = {
        "telling": telling,
        "niveau": niveau,
        "soort": soort,
        "jaar": jaar,
        "maat": maat,
        "periode": periode,
    }
    if gekozen:
        kwargs["regio"] = gekozen
    return regio.lees_staat({k: v for k, v in kwargs.items() if v is not None})


KEUZES = [
    Input("regio-telling", "value"),
    Input("regio-niveau", "value"),
    Input("regio-soort", "value"),
    Input("regio-jaar", "value"),
    Input("regio-maat", "value"),
]
PERIODE = Input("regio-periode", "value")


def url_van(staat: dict[str, Any]) -> str:
    """The page's query, always naming the telling: a copied link keeps its meaning even if
    the default for new visits changes."""
    query = naar_query(regio.params(), staat).lstrip("?")
    if "telling=" not in query:
        query = f"telling={staat['telling']}" + (f"&{query}" if query else "")
    return f"?{query}"


@callback(
    Output("regio-url", "search"),
    Output("regio-maat", "options"),
    Output("regio-soort", "options"),
    Output("regio-soort", "value"),
    Output("regio-jaar", "options"),
    Output("regio-jaar", "value"),
    Output("regio-keuzemeldingen", "children"),
    *KEUZES,
    Input("regio-gekozen", "data"),
    PERIODE,
    prevent_initial_call=True,
)
def schrijf_url(telling, niveau, soort, jaar, maat, gekozen, periode):
    staat, teksten = _staat(telling, niveau, soort, jaar, maat, gekozen, periode)
    return (
        url_van(staat),
        _maat_opties(staat["soort"]),
        _soort_opties(staat["telling"]),
        staat["soort"],
        _jaar_opties(staat["telling"]),
        str(staat["jaar"]),
        [dbc.Alert(t, color="warning", className="melding") for t in teksten],
    )


@callback(
    Output("regio-kaartdata", "data"),
    Output("regio-samenvatting", "children"),
    Output("regio-kaarttitel", "children"),
    Output("regio-kaartondertitel", "children"),
    Output("regio-breuken", "children"),
    Output("regio-nederland", "children"),
    Output("regio-onverdeeld", "children"),
    Output("regio-kaart-bron", "children"),
    Output("regio-kaart-citeer", "children"),
    Output("regio-kader", "children"),
    *KEUZES,
    Input("regio-gekozen", "data"),
    prevent_initial_call=True,  # the layout already holds the first state's map
)
def werk_kaart_bij(telling, niveau, soort, jaar, maat, gekozen):
    staat, _ = _staat(telling, niveau, soort, jaar, maat, gekozen)
    inhoud = kaart_inhoud(staat, regio.bereken(staat))
    return tuple(inhoud[naam] for naam in KAARTUITVOER)


KAARTUITVOER = (
    "kaartdata",
    "samenvatting",
    "titel",
    "ondertitel",
    "breuken",
    "nederland",
    "onverdeeld",
    "bron",
    "citeer",
    "kader",
)
"""What one state fills around the map, in the order of `werk_kaart_bij`'s outputs."""


def kaart_inhoud(staat: dict[str, Any], uit: Any) -> dict[str, Any]:
    """The map (without coordinates: `assets/regio.js` adds them from the preloaded GeoJSON)
    and its texts for one state; the layout sends it with the page, the callback on a change."""
    asset = dash.get_asset_url(f"geo/{regiokaart.GEO_BESTAND[staat['niveau']]}")
    # On screen the title is page text (it wraps at any width); exports keep it in the figure.
    figuur = regiokaart.kaart_figuur(uit, asset_url=asset)
    citeer = citeerblok(figuur)  # from the figure's title, before the screen drops it
    figuur["layout"]["title"] = {"text": ""}
    figuur["layout"]["margin"]["t"] = 10
    return {
        "kaartdata": figuur,
        "samenvatting": regio.samenvatting(uit),
        "titel": regio.titel(staat),
        "ondertitel": regio.ondertitel(staat),
        "breuken": _breuken_of_kader(staat),
        "nederland": regio.nederland_tekst(uit),
        "onverdeeld": _onverdeeld(staat),
        "bron": regio.bronregel(staat),
        "citeer": citeer,
        "kader": _kader(staat),
    }


def _kader(staat: dict[str, Any]) -> str:
    """The caveat of the chosen telling (the other one's is in the side-by-side text)."""
    return regio.beeldvoorbehoud(staat) if regio.is_woon(staat) else regio.KADER


def _breuken_of_kader(staat: dict[str, Any]) -> str:
    if regio.is_woon(staat):
        return ""  # CBS's table has no break in 2013–2023
    return regio.kanttekening(staat).removeprefix(regio.KADER).strip()


def _onverdeeld(staat: dict[str, Any]) -> Any:
    """The visible list of what could not be placed on the 2025 map, with its share."""
    lijst = regio.onverdeeld(staat)
    if not lijst:
        return None
    return html.Section(
        [
            html.H3("Niet op de kaart geplaatst", className="h6"),
            html.P(
                "Gemeenten die zijn opgesplitst over meerdere gemeenten van 2025, en CBS’ eigen "
                "‘niet in te delen’: ze tellen mee in Nederland, niet in een gemeente of "
                "provincie.",
                className="klein",
            ),
            html.Ul(
                [
                    html.Li(
                        f"{o.naam}: {regio.getal(o.waarde, 'aantal')} kinderen"
                        f" ({regio.nl.getal(o.aandeel or 0, 1)} % van Nederland) — {o.toelichting}"
                    )
                    for o in lijst
                ]
            ),
        ],
        className="regio-onverdeeld klein",
        **{"aria-label": "Niet op de kaart geplaatst"},
    )


clientside_callback(
    ClientsideFunction(namespace="ketenmonitor", function_name="regioKaart"),
    Output("regio-kaart", "figure"),
    Input("regio-kaartdata", "data"),
)
clientside_callback(
    ClientsideFunction(namespace="ketenmonitor", function_name="regioKlik"),
    Output("regio-gekozen", "data", allow_duplicate=True),
    Input("regio-kaart", "clickData"),
    prevent_initial_call=True,
)


clientside_callback(
    ClientsideFunction(namespace="ketenmonitor", function_name="regioTabelKlik"),
    Output("regio-gekozen", "data", allow_duplicate=True),
    Input("regio-tabel", "n_clicks"),
    prevent_initial_call=True,
)


verwacht(
    "regio-gekozen",
    "data",
    {"type": ["string", "null"], "pattern": "^(GM[0-9]{4}|PV[0-9]{2})$"},
)
"""The selected region (a map or table click writes it): a municipality or province code."""


@callback(
    Output("regio-gekozen", "data"),
    Input("regio-niveau", "value"),
    State("regio-gekozen", "data"),
    prevent_initial_call=True,
)
def kies_niveau(niveau, gekozen):
    """Another level: a selected region of the other level no longer applies."""
    prefix = "PV" if niveau == "provincie" else "GM"
    return gekozen if gekozen and gekozen.startswith(prefix) else None


@callback(
    Output("regio-tabeldata", "data"),
    *KEUZES,
    Input("regio-gekozen", "data"),
    prevent_initial_call=True,  # the layout already holds the first state's table
)
def werk_tabel_bij(telling, niveau, soort, jaar, maat, gekozen):
    staat, _ = _staat(telling, niveau, soort, jaar, maat, gekozen)
    return regio.tabel(regio.bereken(staat))


clientside_callback(
    ClientsideFunction(namespace="ketenmonitor", function_name="regioTabel"),
    Output("regio-tabelstatus", "children"),
    Input("regio-tabeldata", "data"),
    Input("regio-zoek", "value"),
)


def _trendkaart(id_: str, g: Grafiekexport) -> html.Div:
    kaart = grafiekkaart(id_, g.figuur, regio.trend_tekst(g))
    kaart.children.insert(1, werkbalk(f"{id_}-export"))
    uit = [kaart]
    if g.meldingen:
        uit.insert(0, dbc.Alert(" ".join(g.meldingen), color="info", className="melding"))
    return html.Div(uit)


@callback(
    Output("regio-trend", "children"),
    Input("regio-telling", "value"),
    Input("regio-niveau", "value"),
    Input("regio-soort", "value"),
    Input("regio-maat", "value"),
    Input("regio-gekozen", "data"),
    PERIODE,
    prevent_initial_call=True,  # the layout already holds the first state's trend
)
def werk_trend_bij(telling, niveau, soort, maat, gekozen, periode):
    staat, _ = _staat(telling, niveau, soort, None, maat, gekozen, periode)
    return trend_inhoud(staat)


def trend_inhoud(staat: dict[str, Any]) -> Any:
    """The chosen region's development beside the Netherlands, or how to choose one."""
    if not staat["regio"]:
        return html.P(
            "Kies een regio in de tabel (of op de kaart) voor haar ontwikkeling naast het "
            "landelijke cijfer.",
            className="klein",
        )
    absoluut = regio.trend_export(staat, "absoluut")
    index = regio.trend_export(staat, "index")
    naam = absoluut.reeksen[0].label if absoluut.reeksen else staat["regio"]
    return [
        html.H2(f"{naam} naast Nederland", id="regio-trendkop", tabIndex="-1"),
        html.P(
            f"Absolute aantallen, en als index met {regio.BASISJAAR} = 100 (de groei naast "
            "elkaar). 2020 is getoond: een telling op 1 oktober is geen steekproef. "
            + regio.breuktekst(staat["soort"], staat["telling"]),
            className="klein",
        ),
        _trendkaart("regio-trend-absoluut", absoluut),
        _trendkaart("regio-trend-index", index),
    ]


def _uit_url(search: str | None) -> dict[str, Any]:
    staat, _ = regio.lees_staat(parse_qs((search or "").lstrip("?")))
    return staat


def _trend_uit_url(search: str | None, weergave: str) -> Grafiekexport:
    staat = _uit_url(search)
    if not staat["regio"]:
        raise KeuzeFout("kies eerst een regio in de tabel of op de kaart")
    return regio.trend_export(staat, weergave)


def _alle(search: str | None) -> list[Grafiekexport]:
    staat = _uit_url(search)
    uit = [regiokaart.kaart_export(staat)]
    if staat["regio"]:
        uit += [regio.trend_export(staat, w) for w in ("absoluut", "index")]
    return uit


registreer_export_callbacks(
    "regio-kaart-export",
    [State("regio-url", "search")],
    lambda search: regiokaart.kaart_export(_uit_url(search)),
    locatie_id="regio-url",
)
for _weergave in ("absoluut", "index"):
    registreer_export_callbacks(
        f"regio-trend-{_weergave}-export",
        [State("regio-url", "search")],
        lambda search, w=_weergave: _trend_uit_url(search, w),
        locatie_id="regio-url",
    )
registreer_briefing_callback("regio", [State("regio-url", "search")], _alle, locatie_id="regio-url")
