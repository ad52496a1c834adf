"""The "Toon 2020 (coronajaar)" switch for pages whose charts are built in the layout.

The state stays in the URL (`?urlversie=2&corona=1`), so a link still reopens the same view.
One `dcc.Location` owns the address, and one callback writes it: on arrival the page's full
state (without redrawing, so "Link kopiëren" always copies every parameter), after a click on
the switch the new state with `refresh="callback-nav"`, so Dash's page router renders the page
again from that URL, exactly as when the link is opened. Two Locations writing `search` do not
work: each keeps the address it saw when it was mounted, and the stale one wins (a bare path).

Off means: 2020 hidden only in series whose producer or the Kamerbrief calls it atypical.
A link of URL contract 1 without `corona` meant 2020 hidden everywhere (`corona=0`).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, ctx, dcc, html

from dashboard.figuren.theme import CORONA_NOOT
from dashboard.gegevens.reeksen import (
    CORONA_ATYPISCH,
    CORONA_GETOOND,
    CORONA_KEUZES,
    CORONA_VERBORGEN,
)
from dashboard.onderdelen.state import Param, lees, naar_query
from dashboard.webserver.invoertypen import verwacht

CORONA_PARAM = Param(
    "corona",
    CORONA_ATYPISCH,
    lambda: list(CORONA_KEUZES),
    omschrijving="2020 tonen",
    eerder=((1, CORONA_VERBORGEN),),
)


def corona_schakelaar(prefix: str, corona: str) -> html.Div:
    return html.Div(
        [
            dcc.Location(id=f"{prefix}-url", refresh=False),
            dcc.Store(id=f"{prefix}-vaste-query", data=corona_query([corona])),
            dbc.Checklist(
                id=f"{prefix}-corona",
                options=[{"label": "Toon 2020 (coronajaar)", "value": "ja"}],
                value=["ja"] if corona == CORONA_GETOOND else [],
            ),
            html.P(CORONA_NOOT, className="klein"),
        ],
        className="coronaschakelaar",
    )


def corona_query(waarde: list[str] | None) -> str:
    """The full query string: the switch on shows 2020 everywhere, off the default.

    A value from CORONA_KEUZES (the page's state) is written as it is."""
    if waarde and waarde[0] in CORONA_KEUZES:
        corona = waarde[0]
    else:
        corona = CORONA_GETOOND if waarde else CORONA_ATYPISCH
    return naar_query([CORONA_PARAM], {"corona": corona})


def adres(prefix: str, waarde: list[str] | None, vaste_query: str | None) -> tuple[str, Any]:
    """What the page's Location writes: (query, refresh).

    A click on the switch (`ctx.triggered_id`) writes the new state and redraws the page; any
    other call (the page arriving) writes the state the page was drawn with, without redrawing.
    That state is read again from its query, so only a valid state reaches the address."""
    if ctx.triggered_id == f"{prefix}-corona":
        return corona_query(["ja"] if waarde else []), "callback-nav"
    staat, _ = lees([CORONA_PARAM], parse_qs((vaste_query or "").lstrip("?")))
    return corona_query([staat["corona"]]), False


def registreer_corona_callback(prefix: str) -> None:
    """Call once at module level of the page."""
    verwacht(f"{re.escape(prefix)}-vaste-query", "data", {"type": "string", "maxLength": 2000})
    callback(
        Output(f"{prefix}-url", "search"),
        Output(f"{prefix}-url", "refresh"),
        Input(f"{prefix}-corona", "value"),
        Input(f"{prefix}-vaste-query", "data"),
    )(lambda waarde, query: adres(prefix, waarde, query))
