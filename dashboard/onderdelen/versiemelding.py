"""The notice above every page for a permalink made under another data version.

One place for all pages: a region in the app shell, filled by one callback on the page
address. It listens to the path only (the query is read as State), so it is set when a page
opens and stays while the page's own callbacks rewrite the query (which pins it to the
current version); moving to another page clears it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard.figuren import format as nl
from dashboard.gegevens import queries
from dashboard.onderdelen.state import VERSIE, lees

VAK_ID = "versiemelding"
LIJST_HREF = "/bronnen"
LIJST_ANKER = "wijzigingen"


def lijst_href(indicator: str | None = None, sinds: str | None = None) -> str:
    """The full change list on Bronnen & methode, filtered."""
    query = urlencode([(k, v) for k, v in (("indicator", indicator), ("sinds", sinds)) if v])
    return f"{LIJST_HREF}{'?' + query if query else ''}#{LIJST_ANKER}"


def versiemelding(search: str | None) -> dict[str, Any] | None:
    """For a link carrying another `versie` than the open build: both versions, and where the
    changes between them are listed. None without `versie` or for the current one."""
    staat, _ = lees([], parse_qs((search or "").lstrip("?")))
    gevraagd = staat.get(VERSIE.naam)
    if not gevraagd:
        return None
    huidig = queries.dataversie_kort()
    if huidig.startswith(gevraagd) or gevraagd.startswith(huidig):
        return None
    bekend = next((v for v in queries.dataversies() if v["data_versie"].startswith(gevraagd)), None)
    return {
        "gevraagd": gevraagd[:12],
        "gevraagd_datum": bekend["gebouwd_op"] if bekend else None,
        "huidig": huidig,
        "huidig_datum": queries.bouwinfo()["gebouwd_op"],
        "href": lijst_href(sinds=bekend["data_versie_kort"]) if bekend else lijst_href(),
        "in_logboek": bekend is not None,
        "aantal": len(queries.wijzigingen(None, bekend["data_versie_kort"])) if bekend else None,
    }


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
    m = versiemelding(search)
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
