"""HTTP hardening for the Flask server under Dash: security headers, bounded requests, the
right status for every client mistake, errors without internals, a 503 page whenever the
database is not usable, and a health endpoint for the reverse proxy.

The Content-Security-Policy allows only this origin: scripts by file plus the hashes of Dash's
own inline scripts (`app.csp_hashes()`); Plotly sets inline styles, so styles allow
'unsafe-inline'. `KETENMONITOR_FRAME_ANCESTORS` (e.g. "'self' https://intranet.example") is the
documented switch for embedding in another site.

Client mistakes (a malformed callback, an unknown page or asset, a body over the limit, a
wrong method) get a 4xx and one escaped log line; only our own faults get a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from typing import Any

import jsonschema
from dash import Dash
from dash.exceptions import DependencyException
from flask import Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from dashboard.gegevens import queries, verbinding
from dashboard.uitvoer import wachtrij
from dashboard.webserver import invoertypen, logboek
from dashboard.webserver.invoertypen import MAX_ZOEK, WAARDESCHEMA
from dashboard.webserver.koppen import VEILIGHEIDSKOPPEN

__all__ = ["MAX_ZOEK", "WAARDESCHEMA", "controleer_callback", "installeer"]

log = logging.getLogger("ketenmonitor")

STATISCH = ("/_dash-component-suites/", "/assets/", "/_favicon", "/gezondheid")
CALLBACK_PAD = "/_dash-update-component"
API_PAD = "/api/"
"""The open data API (dashboard/api.py): its errors are JSON, never an HTML page."""

MAX_DIEPTE = 32
"""Deepest nesting of lists and objects in a callback body. The deepest real one (a figure's
layout inside a Store) is under 10; 100,000 levels made the JSON decoder raise
RecursionError, which `silent=True` does not catch: a 500 and a traceback per request."""

MAX_LICHAAM = int(os.environ.get("KETENMONITOR_MAX_LICHAAM", str(1024 * 1024)))
"""Largest request body in bytes (413 above it). A real callback is a few kB; the largest,
a page load with a long query string, stays far below 1 MB."""

GEEN_DATABASE_HTML = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Ketenmonitor – tijdelijk niet beschikbaar</title></head><body>
<main><h1>Ketenmonitor is tijdelijk niet beschikbaar</h1>
<p>De gegevens ontbreken of zijn niet leesbaar. Probeer het later opnieuw.</p>
<p>Beheerders: bouw de database met <code>make etl</code>.</p>
</main></body></html>"""

FOUT_HTML = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Ketenmonitor – fout</title></head><body><main><h1>Er ging iets mis</h1>
<p>Probeer het later opnieuw. De fout is vastgelegd.</p></main></body></html>"""

VERZOEK_FOUT_HTML = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Ketenmonitor – {code}</title></head><body><main><h1>{titel}</h1>
<p><a href="/">Naar het overzicht</a></p></main></body></html>"""

TITELS = {
    400: "Dit verzoek begrijpen we niet",
    404: "Deze pagina bestaat niet",
    405: "Deze methode is hier niet toegestaan",
    408: "Het verzoek kwam te traag binnen",
    413: "Dit verzoek is te groot",
}

_ADRES = {
    "type": "object",
    "required": ["id", "property"],
    "properties": {"id": {"type": ["string", "object"]}, "property": {"type": "string"}},
}
CALLBACK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["output", "outputs", "inputs"],
    "properties": {
        "output": {"type": "string", "maxLength": 2000},
        "outputs": {"anyOf": [_ADRES, {"type": "array", "maxItems": 50, "items": _ADRES}]},
        "inputs": {"type": "array", "maxItems": 100, "items": _ADRES},
        "state": {"type": "array", "maxItems": 100, "items": _ADRES},
        "changedPropIds": {"type": "array", "maxItems": 100, "items": {"type": "string"}},
    },
}
"""What Dash's renderer posts to /_dash-update-component (pattern-matching `ALL` lists are not
used by this app, so every input is one id/property/value object)."""
_CALLBACK_VALIDATOR = jsonschema.Draft202012Validator(CALLBACK_SCHEMA)


@functools.cache
def _componentsoorten(app: Dash) -> dict[str, str]:
    """Component id → class name, from the shell and every page's default layout (each page
    builds its controls there; cached per process, the ids do not depend on the data)."""
    import dash

    bomen = [app.layout() if callable(app.layout) else app.layout]
    for pagina in dash.page_registry.values():
        layout = pagina["layout"]
        bomen.append(layout() if callable(layout) else layout)
    soorten = {}
    for boom in bomen:
        for component in [boom, *(c for _, c in boom._traverse_with_paths())]:
            if isinstance(getattr(component, "id", None), str):
                soort = type(component).__name__
                if soort == "Input" and getattr(component, "type", None) == "number":
                    soort = "Input[number]"  # the only input that sends numbers
                soorten[component.id] = soort
    return soorten


def voorbereiden(app: Dash) -> None:
    """Build the id → component map before the first callback arrives (gunicorn.conf.py).

    It lays out every page once (about a second). Done by the first callback request, it
    held a thread and the GIL while a burst of requests queued behind it: a health probe
    waited 1,5 s when 8 briefing packs arrived at a fresh worker.
    """
    with contextlib.suppress(verbinding.DatabaseOntbreekt):
        _componentsoorten(app)


def _waarde_fout(app: Dash, adres: dict[str, Any]) -> str | None:
    """Why this input's value is not what its component sends, or None (invoertypen.py)."""
    if not isinstance(adres["id"], str):
        return None  # pattern-matching ids: this app has none (CALLBACK_SCHEMA's note)
    naam = f"{adres['id']}.{adres['property']}"
    try:
        soort = _componentsoorten(app).get(adres["id"])
    except verbinding.DatabaseOntbreekt:  # the layouts need data; the callback will say so
        return None
    schema = invoertypen.schema_voor(adres["id"], adres["property"], soort)
    if schema is None:
        return f"geen verwacht type voor {naam}"
    if "value" not in adres:
        return None  # Dash leaves out a value the browser does not have yet
    fout = invoertypen.fout_in(schema, adres["value"])
    return None if fout is None else f"waarde van {naam}: {fout}"


class OngeldigVerzoek(HTTPException):
    code = 400
    description = "ongeldig verzoek"


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


def bekende_paginas() -> set[str]:
    """Paths (without slashes at the ends) that have a page, as Dash's router matches them."""
    import dash

    return {
        p["path"].strip("/")
        for p in dash.page_registry.values()
        if p["module"].split(".")[-1] != "not_found_404"
    }


def controleer_callback(app: Dash, lichaam: Any) -> str | None:
    """Why this callback request is malformed, or None when Dash can run it.

    The shape comes from `CALLBACK_SCHEMA`; then the output must be a registered callback and
    inputs, state and outputs must be the ones it declares, in order, as the renderer sends
    them. Anything else made Dash raise deep inside (KeyError, IndexError: a 500).
    """
    fout = jsonschema.exceptions.best_match(_CALLBACK_VALIDATOR.iter_errors(lichaam))
    if fout is not None:
        return f"callback-verzoek heeft niet de vorm van Dash: {fout.message[:200]}"
    for adres in [*lichaam["inputs"], *lichaam.get("state", [])]:
        waarde = adres.get("value")
        if adres["property"] == "search" and isinstance(waarde, str) and len(waarde) > MAX_ZOEK:
            return f"zoekstring langer dan {MAX_ZOEK} tekens"
    callback = app.callback_map.get(lichaam["output"])
    if callback is None:
        return "onbekende callback"
    if "callback" not in callback:  # a clientside callback runs in the browser only
        return "callback draait in de browser"
    uitvoer = callback["output"] if isinstance(callback["output"], list) else [callback["output"]]
    verwacht = {
        "outputs": [(o.component_id, o.component_property) for o in uitvoer],
        "inputs": [(i["id"], i["property"]) for i in callback["inputs"]],
        "state": [(s["id"], s["property"]) for s in callback["state"]],
    }
    outputs = lichaam["outputs"]
    gekregen = {
        "outputs": outputs if isinstance(outputs, list) else [outputs],
        "inputs": lichaam["inputs"],
        "state": lichaam.get("state", []),
    }
    for deel, adressen in verwacht.items():
        # the renderer names a duplicate output `children@<hash>`, as in the callback's key
        paren = [(a["id"], a["property"].split("@")[0]) for a in gekregen[deel]]
        if len(paren) != len(adressen) or any(
            isinstance(v[0], str) and v != p for v, p in zip(adressen, paren, strict=True)
        ):
            return f"{deel} passen niet bij de callback"
    if not isinstance(callback["output"], list) and isinstance(outputs, list):
        return "outputs passen niet bij de callback"
    for adres in [*gekregen["inputs"], *gekregen["state"]]:
        reden = _waarde_fout(app, adres)
        if reden:
            return reden
    return None


def _koppen(antwoord: Response, beleid: str) -> Response:
    antwoord.headers["Content-Security-Policy"] = beleid
    antwoord.headers.update(VEILIGHEIDSKOPPEN)
    if "KETENMONITOR_FRAME_ANCESTORS" not in os.environ:
        antwoord.headers["X-Frame-Options"] = "SAMEORIGIN"
    return antwoord


def _api_fout(code: int, melding: str) -> Response:
    antwoord = jsonify({"status": code, "fout": melding})
    antwoord.status_code = code
    antwoord.headers["Cache-Control"] = "no-store"
    return antwoord


def _niet_beschikbaar() -> tuple[Response, int] | Response:
    if request.path.startswith(API_PAD):
        return _api_fout(503, verbinding.NIET_BESCHIKBAAR)
    if request.path.startswith("/_dash"):
        return jsonify({"fout": "database niet beschikbaar"}), 503
    return Response(GEEN_DATABASE_HTML, status=503, mimetype="text/html")


def _reden() -> str:
    """Why the database is not available, for the log only (it names paths and SQL)."""
    try:
        verbinding.vernieuw()
    except verbinding.DatabaseOntbreekt as fout:
        return str(fout)
    return "weer beschikbaar"


def _status(exc: Exception) -> int:
    if isinstance(exc, HTTPException) and isinstance(exc.code, int):
        return exc.code
    if isinstance(exc, verbinding.DatabaseOntbreekt):
        return 503
    if isinstance(exc, DependencyException) and request.path.startswith(STATISCH[0]):
        return 404  # an unknown package or file under /_dash-component-suites/
    if isinstance(exc, TimeoutError):
        return 408
    if isinstance(exc, RecursionError):
        return 400  # input nested too deeply for a parser: the client's doing  # the body stalled past the socket's read timeout (gunicorn.conf.py)
    return 500


def installeer(app: Dash) -> None:
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_LICHAAM
    _zonder_versies(app)
    logboek.installeer(log)
    beleid: list[str] = []  # computed on the first response: Dash registers its inline
    # clientside scripts during its own first-request setup, so their hashes exist only then

    @server.after_request
    def koppen(antwoord: Response) -> Response:
        if not beleid:
            beleid.append(csp(app))
        if (
            request.method in ("GET", "HEAD")
            and request.endpoint in ("/", "/<path:path>")
            and antwoord.status_code == 200
            and app.strip_relative_path(request.path).strip("/") not in bekende_paginas()
        ):
            # Dash serves its page shell for any path; the shell's router then shows the
            # Dutch 'not found' page. The status must say so too (crawlers, link checkers).
            log.info("404 %s %s", request.method, request.path)
            antwoord.status_code = 404
        return _koppen(antwoord, beleid[0])

    @server.before_request
    def begrensd_en_beschikbaar():
        if request.content_length is not None and request.content_length > MAX_LICHAAM:
            return fout(_te_groot())
        if not request.path.startswith(STATISCH) and not verbinding.database_beschikbaar():
            log.error(
                "database niet beschikbaar bij %s %s: %s", request.method, request.path, _reden()
            )
            return _niet_beschikbaar()
        if request.path == CALLBACK_PAD and request.method == "POST":
            request.get_data(cache=True)  # over MAX_LICHAAM (also chunked): 413 here
            try:
                lichaam = request.get_json(silent=True)
            except RecursionError:  # json's decoder raises it past its depth, silent or not
                return fout(OngeldigVerzoek(f"JSON dieper dan {MAX_DIEPTE} niveaus"))
            if invoertypen.te_diep(lichaam, MAX_DIEPTE):
                return fout(OngeldigVerzoek(f"JSON dieper dan {MAX_DIEPTE} niveaus"))
            reden = controleer_callback(app, lichaam)
            if reden is not None:
                return fout(OngeldigVerzoek(reden))
            if wachtrij.is_duur(lichaam):  # a place in the export queue, or 503 right now
                plek = wachtrij.plek()
                plek.__enter__()
                g.exportplek = plek
        return None

    @server.teardown_request
    def geef_exportplek_terug(_fout: BaseException | None) -> None:
        plek = g.pop("exportplek", None)
        if plek is not None:
            plek.__exit__(None, None, None)

    @server.route("/gezondheid")
    def gezondheid():
        if not verbinding.database_beschikbaar() or not verbinding.gezond():
            log.error("gezondheid: database niet beschikbaar: %s", _reden())
            antwoord = {"status": "database niet beschikbaar"}
            if (reden := verbinding.openbare_reden()) is not None:
                antwoord["reden"] = reden  # only a fixed text, never a path
            return jsonify(antwoord), 503
        info = queries.bouwinfo()
        return jsonify(
            {
                "status": "ok",
                "gebouwd_op": info["gebouwd_op"].isoformat(),
                "data_versie": info["data_versie"],
                "data_versie_kort": info["data_versie_kort"],
                "invoer_sha256": info["invoer_sha256"],
            }
        )

    @server.errorhandler(Exception)
    def fout(exc: Exception):
        code = _status(exc)
        if code >= 500 and code != 503:
            log.exception("fout bij %s %s", request.method, request.path)
        elif code == 503 and not isinstance(exc, HTTPException):
            log.error("%s %s: %s", request.method, request.path, exc)
            return _niet_beschikbaar()
        else:  # the client's mistake: one line, no traceback
            reden = getattr(exc, "description", None) or type(exc).__name__
            log.warning("%d %s %s: %s", code, request.method, request.path, str(reden)[:300])
        koppen = {}
        if isinstance(exc, HTTPException):
            koppen = {k: v for k, v in exc.get_headers() if k.lower() in ("allow", "retry-after")}
        if request.path.startswith(API_PAD):
            titel = TITELS.get(code, "Dit verzoek kunnen we niet uitvoeren")
            antwoord = _api_fout(code, "interne fout" if code >= 500 else titel.lower())
        elif code == 503:  # busy (the export queue): its own Dutch message and Retry-After
            tekst = str(getattr(exc, "description", "")) or "tijdelijk bezet"
            antwoord = (
                jsonify({"fout": tekst})
                if request.path.startswith("/_dash")
                else Response(
                    VERZOEK_FOUT_HTML.format(code=code, titel=tekst), mimetype="text/html"
                )
            )
        elif request.path.startswith("/_dash"):
            tekst = "ongeldig verzoek" if code < 500 else "interne fout"
            antwoord = jsonify({"fout": tekst})
        else:
            html = FOUT_HTML if code >= 500 else VERZOEK_FOUT_HTML
            titel = TITELS.get(code, "Dit verzoek kunnen we niet uitvoeren")
            antwoord = Response(html.format(code=code, titel=titel), mimetype="text/html")
        antwoord.status_code = code
        antwoord.headers.update(koppen)
        return antwoord


VERSIESLEUTELS = (
    "dash_version",
    "dash_version_url",
    "python_version",
    "plotly_version",
    "ddk_version",
)


def _zonder_versies(app: Dash) -> None:
    """Leave the Python, Dash and Plotly versions out of the page's `_dash-config`: they only
    serve Dash's debug tools, and tell a visitor which known flaws to try."""
    origineel = app._config

    def config() -> dict[str, Any]:
        uit = origineel()
        if not app._dev_tools.ui:
            for sleutel in VERSIESLEUTELS:
                uit.pop(sleutel, None)
        return uit

    app._config = config  # type: ignore[method-assign]


def _te_groot() -> HTTPException:
    from werkzeug.exceptions import RequestEntityTooLarge

    return RequestEntityTooLarge(f"lichaam groter dan {MAX_LICHAAM} bytes")
