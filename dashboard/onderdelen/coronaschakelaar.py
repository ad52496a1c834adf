"""The "Toon 2020 (coronajaar)" switch for pages whose charts are built in the layout.

The state stays in the URL (`?corona=1`), so a link still reopens the same view: the switch
writes the query string into its own `dcc.Location(refresh="callback-nav")`, and Dash's page
router renders the page again from that URL, exactly as when the link is opened. Nobody has
to edit the address bar by hand.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, dcc, html

from dashboard.figuren.theme import CORONA_NOOT


def corona_schakelaar(prefix: str, aan: bool) -> html.Div:
    return html.Div(
        [
            dcc.Location(id=f"{prefix}-corona-url", refresh="callback-nav"),
            dbc.Checklist(
                id=f"{prefix}-corona",
                options=[{"label": "Toon 2020 (coronajaar)", "value": "ja"}],
                value=["ja"] if aan else [],
            ),
            html.P(CORONA_NOOT, className="klein"),
        ],
        className="coronaschakelaar",
    )


def corona_query(waarde: list[str] | None) -> str:
    """The query string for the switch: only the non-default value is written."""
    return "?corona=1" if waarde else ""


def registreer_corona_callback(prefix: str) -> None:
    """Call once at module level of the page."""
    callback(
        Output(f"{prefix}-corona-url", "search"),
        Input(f"{prefix}-corona", "value"),
        prevent_initial_call=True,
    )(corona_query)
