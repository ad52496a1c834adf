"""The Dash app: shell (header, navigation from the page registry, footer) around the pages.

`server` is the WSGI entry point. Nothing here opens the database at import time: the layout
is a function, so each page load reads the current build (and a missing database gives a
friendly page instead of a traceback).
"""

from __future__ import annotations

from pathlib import Path

import dash
from dash import ClientsideFunction, Dash, Input, Output, dcc, html

from dashboard import api
from dashboard.figuren import format as nl
from dashboard.gegevens import queries, verbinding
from dashboard.logica import regio, regiokaart
from dashboard.onderdelen import toolbar, versiemelding
from dashboard.onderdelen.state import link
from dashboard.webserver import antwoordcache, beveiliging, voorladen

MAP = Path(__file__).parent

INDEX = """<!DOCTYPE html>
<html lang="nl">
<head>
{%metas%}
<title>{%title%}</title>
{%favicon%}
{%css%}
</head>
<body>
{%app_entry%}
<footer>
{%config%}
{%scripts%}
{%renderer%}
</footer>
</body>
</html>"""


def _navigatie() -> html.Nav:
    links = [
        html.Li(dcc.Link(pagina["name"], href=link(pagina["relative_path"])))
        for pagina in dash.page_registry.values()
        if pagina.get("in_menu", True)
    ]
    return html.Nav(
        [html.Ul(links, className="menu"), dcc.Store(id="nav-actief")],
        className="hoofdmenu",
        **{"aria-label": "Hoofdmenu"},
    )


def _kop() -> html.Header:
    return html.Header(
        [
            html.A("Naar de inhoud", href="#inhoud", className="skiplink"),
            html.Div(
                [
                    dcc.Link("Ketenmonitor", href="/", className="merk"),
                    html.Span(
                        "druk op de keten van kinderopvang, onderwijs en zorg (0–13 jaar)",
                        className="merk-onder",
                    ),
                ],
                className="merkbalk",
            ),
            _navigatie(),
        ],
        className="kop",
    )


def _voet() -> html.Footer:
    info = queries.bouwinfo()
    return html.Footer(
        [
            html.P(
                [
                    f"Dataversie: database gebouwd op {nl.datum(info['gebouwd_op'])} (UTC), "
                    f"dataversie {info['data_versie_kort']}. ",
                    dcc.Link("Bronnen & methode", href="/bronnen"),
                    " · ",
                    dcc.Link("Toegankelijkheidsverklaring", href="/toegankelijkheid"),
                ]
            ),
            html.P(
                "Cijfers van CBS, DUO/OCW, NJi en andere genoemde bronnen; "
                "Berenschot-cijfers zoals genoemd in Kamerstuk 31 839 nr. 1050."
            ),
        ],
        className="voet",
    )


def _geen_database() -> html.Div:
    return html.Div(
        [
            _kop_zonder_menu(),
            html.Main(
                [
                    html.H1("De database ontbreekt nog"),
                    html.P(
                        "Ketenmonitor leest zijn cijfers uit een database die er (nog) niet is "
                        "of niet leesbaar is."
                    ),
                    html.P(
                        ["Bouw hem met ", html.Code("make etl"), " en laad deze pagina opnieuw."]
                    ),
                ],
                id="inhoud",
                className="inhoud",
            ),
        ]
    )


def _kop_zonder_menu() -> html.Header:
    return html.Header(
        html.Div(html.Span("Ketenmonitor", className="merk"), className="merkbalk"), className="kop"
    )


def _niet_gevonden(**_query: object) -> html.Div:
    """What the page router shows for an unknown path (the server answers it with 404)."""
    return html.Div(
        [
            html.H1("Deze pagina bestaat niet"),
            html.P(
                [
                    "Controleer het adres, of ga naar het ",
                    dcc.Link("overzicht", href="/"),
                    " of naar ",
                    dcc.Link("Bronnen & methode", href="/bronnen"),
                    ".",
                ]
            ),
        ]
    )


def layout() -> html.Div:
    if not verbinding.database_beschikbaar():
        return _geen_database()
    return html.Div(
        [
            _kop(),
            html.Main(
                [versiemelding.vak(), dash.page_container],
                id="inhoud",
                className="inhoud",
                tabIndex="-1",
            ),
            _voet(),
        ]
    )


def maak_app() -> Dash:
    app = Dash(
        "dashboard",  # pages load as dashboard.pages.<naam>: a normal import finds the same module
        use_pages=True,
        pages_folder=str(MAP / "pages"),
        assets_folder=str(MAP / "assets"),
        # loaded by dcc.Graph on a chart page only (assets/plotlybundel.js), not on every page
        assets_ignore=r"plotly-cartesian-.*\.js$",
        title="Ketenmonitor",
        suppress_callback_exceptions=True,
        serve_locally=True,
    )
    app.index_string = INDEX
    # /regio: the map's GeoJSON starts loading with the HTML, beside the script bundles
    voorladen.installeer(app, regiokaart.GEO_BESTAND, regio.STANDAARD_NIVEAU)
    dash.register_page(  # Dash's router shows the module named not_found_404 for unknown paths
        "not_found_404",
        path="/404",
        name="Pagina niet gevonden",
        title="Pagina niet gevonden – Ketenmonitor",
        layout=_niet_gevonden,
        in_menu=False,
    )
    app.layout = layout
    app.clientside_callback(  # aria-current on the menu link of this page (assets/navigatie.js)
        ClientsideFunction(namespace="ketenmonitor", function_name="markeerPagina"),
        Output("nav-actief", "data"),
        Input("_pages_location", "pathname"),
    )
    beveiliging.installeer(app)
    antwoordcache.installeer(app)  # after beveiliging: only valid callbacks reach the cache
    api.installeer(app)  # /api/v1: read-only open data beside the pages
    toolbar.basis_url()  # a malformed KETENMONITOR_BASIS_URL stops the start, not an export
    return app


app = maak_app()
server = app.server
