"""The notice above every page for a permalink made under another data version.

One place for all pages: a region in the app shell, filled by one callback on the page
address. It listens to the path only (the query is read as State), so it is set when a page
opens and stays while the page's own callbacks rewrite the query (which pins it to the
current version); moving to another page clears it.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard.figuren import format as nl
from dashboard.logica import wijzigingen

VAK_ID = "versiemelding"


def vak() -> html.Div:
    """The (usually empty) region; polite, so a screen reader hears it once."""
    return html.Div(id=VAK_ID, role="status", **{"aria-live": "polite"})


def _datum(d: Any, ander: Any) -> str:
    """' (7 december 2026)'; with the time when both versions were built the same day."""
    if d is None:
        return ""
    tijd = f", {d:%H:%M} UTC" if ander is not None and ander.date() == d.date() else ""
    return f" ({nl.datum(d.date())}{tijd})"


def inhoud(search: str | None) -> list[Any]:
    """The notice for this query string, or nothing."""
    m = wijzigingen.versiemelding(search)
    if m is None:
        return []
    if m["in_logboek"]:
        aantal = m["aantal"]
        linktekst = (
            f"Bekijk de {nl.getal(aantal)} wijziging{'en' if aantal != 1 else ''} sinds die versie"
        )
    else:
        linktekst = "Bekijk alle wijzigingen per versie"
    toen, nu = m["gevraagd_datum"], m["huidig_datum"]
    zin = (
        f"Deze link is gemaakt bij dataversie {m['gevraagd']}{_datum(toen, nu)}. "
        f"U ziet de huidige dataversie {m['huidig']}{_datum(nu, toen)}; "
        "cijfers kunnen daardoor afwijken."
    )
    if not m["in_logboek"]:
        zin += " Die oudere versie staat niet in het wijzigingslogboek van deze database."
    return [
        dbc.Alert(
            [html.Span(zin + " "), dcc.Link(linktekst, href=m["href"])],
            color="info",
            className="melding versiemelding",
        )
    ]


@callback(
    Output(VAK_ID, "children"),
    Input("_pages_location", "pathname"),
    State("_pages_location", "search"),
)
def toon(_pad: str | None, search: str | None) -> list[Any]:
    return inhoud(search)
