"""HTTP hardening for the Flask server under Dash: security headers, errors without internals,
a 503 page when the database is missing, and a health endpoint for the reverse proxy.

The Content-Security-Policy allows only this origin: scripts by file plus the hashes of Dash's
own inline scripts (`app.csp_hashes()`); Plotly sets inline styles, so styles allow
'unsafe-inline'. `KETENMONITOR_FRAME_ANCESTORS` (e.g. "'self' https://intranet.example") is the
documented switch for embedding in another site.
"""

from __future__ import annotations

import logging
import os

from dash import Dash
from flask import Response, jsonify, request

from dashboard import queries

log = logging.getLogger("ketenmonitor")

STATISCH = ("/_dash-component-suites/", "/assets/", "/_favicon", "/gezondheid")

GEEN_DATABASE_HTML = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Ketenmonitor – tijdelijk niet beschikbaar</title></head><body>
<main><h1>Ketenmonitor is tijdelijk niet beschikbaar</h1>
<p>De database ontbreekt of is niet leesbaar. Beheerders: bouw hem met <code>make etl</code>.</p>
</main></body></html>"""

FOUT_HTML = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Ketenmonitor – fout</title></head><body><main><h1>Er ging iets mis</h1>
<p>Probeer het later opnieuw. De fout is vastgelegd.</p></main></body></html>"""


def csp(app: Dash) -> str:
    voorouders = os.environ.get("KETENMONITOR_FRAME_ANCESTORS", "'self'")
    scripts = " ".join(["'self'", *app.csp_hashes()])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {voorouders}",
        ]
    )


def installeer(app: Dash) -> None:
    server = app.server
    beleid: list[str] = []  # computed on the first response: Dash registers its inline
    # clientside scripts during its own first-request setup, so their hashes exist only then

    @server.after_request
    def koppen(antwoord: Response) -> Response:
        if not beleid:
            beleid.append(csp(app))
        antwoord.headers["Content-Security-Policy"] = beleid[0]
        antwoord.headers["X-Content-Type-Options"] = "nosniff"
        antwoord.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        antwoord.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if "KETENMONITOR_FRAME_ANCESTORS" not in os.environ:
            antwoord.headers["X-Frame-Options"] = "SAMEORIGIN"
        return antwoord

    @server.before_request
    def database_aanwezig():
        if request.path.startswith(STATISCH) or queries.database_beschikbaar():
            return None
        log.error("database ontbreekt of is onleesbaar: %s", queries.database_pad())
        if request.path.startswith("/_dash"):
            return jsonify({"fout": "database niet beschikbaar"}), 503
        return Response(GEEN_DATABASE_HTML, status=503, mimetype="text/html")

    @server.route("/gezondheid")
    def gezondheid():
        if not queries.database_beschikbaar():
            return jsonify({"status": "database ontbreekt"}), 503
        info = queries.bouwinfo()
        return jsonify(
            {
                "status": "ok",
                "gebouwd_op": info["gebouwd_op"].isoformat(),
                "invoer_sha256": info["invoer_sha256"],
            }
        )

    @server.errorhandler(Exception)
    def fout(exc: Exception):
        code = getattr(exc, "code", 500)
        if not isinstance(code, int) or code < 400:
            code = 500
        if code >= 500:
            log.exception("fout bij %s %s", request.method, request.path)
        if request.path.startswith("/_dash"):
            return jsonify({"fout": "ongeldig verzoek" if code < 500 else "interne fout"}), code
        return Response(FOUT_HTML, status=code, mimetype="text/html")
