"""Preload the Regio map's GeoJSON from the page's HTML, in parallel with the script bundles.

The map figure travels without coordinates (`assets/regio.js` adds them from the GeoJSON
asset, cached by the browser), so no response carries the ~190 KB of geometry. Without a
hint the browser asks for the GeoJSON only after the scripts have run and the router has
answered: one round trip more before the map is drawn. A `<link rel="preload" as="fetch"
crossorigin>` in the head of a /regio page starts that request with the HTML; `regio.js`'s
`fetch()` (cors mode, same-origin credentials) then takes the preloaded response. Same
origin, so the Content-Security-Policy's `connect-src 'self'` allows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import flask
from dash import Dash

REGIO_PAD = "/regio"


def voorlaadregel(
    app: Dash, pad: str, niveau: str | None, bestanden: Mapping[str, str], standaard: str
) -> str:
    """The preload link for a page path and its `niveau` query value ('' off the Regio page).

    `bestanden` maps a level to its file under assets/geo (`regiokaart.GEO_BESTAND`); the href
    is `app.get_asset_url`, exactly what `regio.js` fetches, or the preload would not count."""
    if pad.rstrip("/") != REGIO_PAD:
        return ""
    niveau = niveau if niveau in bestanden else standaard
    href = escape(app.get_asset_url(f"geo/{bestanden[niveau]}"), quote=True)
    return f'<link rel="preload" as="fetch" crossorigin="anonymous" href="{href}">'


def installeer(app: Dash, bestanden: Mapping[str, str], standaard: str) -> None:
    """Add the preload to the index HTML of Regio URLs (other pages are served unchanged)."""
    origineel = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        html = origineel(**kwargs)
        if not flask.has_request_context():
            return html
        niveau = flask.request.args.get("niveau")
        regel = voorlaadregel(app, flask.request.path, niveau, bestanden, standaard)
        return html.replace("</head>", f"{regel}\n</head>", 1) if regel else html

    app.interpolate_index = interpolate_index  # type: ignore[method-assign]
