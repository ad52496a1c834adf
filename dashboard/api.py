"""The open data API over HTTP: read-only GET routes under `/api/v1` beside Dash.

Researchers in Python, R or Excel need a stable address per indicator, not a toolbar click.
This module is the HTTP side only: routes, query-string checks, caching and headers; the
bodies come from `dashboard.logica.opendata`, the SQL from `dashboard.gegevens.queries`.

An answer is a pure function of (path, query string, data version), so its bytes and their gzip
are kept per `data_versie` (the same bounded LRU class as the callbacks) and the data version
is the ETag: `If-None-Match` gets a 304 until `make etl` swaps in other content. Security
headers, request limits and the 503 for a missing database come from `beveiliging` like for
any route; errors under `/api/` are JSON with a Dutch message there too. `docs/api.md` is the
user documentation.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable

from dash import Dash
from flask import Response, request

from dashboard.gegevens import queries
from dashboard.logica import opendata
from dashboard.logica.opendata import V1, ApiFout, zoek_indicator
from dashboard.webserver.antwoordcache import Antwoord, Antwoordcache, _met_gzip, _wil_gzip

PAD = "/api/"

CACHE_CONTROL = "public, no-cache"
"""Clients may keep an answer but must ask again (a cheap 304) before using it: the data can
change with any rebuild."""

cache = Antwoordcache()


def fout_antwoord(status: int, melding: str) -> Response:
    """The JSON body of every API error."""
    antwoord = Response(
        json.dumps({"status": status, "fout": melding}, ensure_ascii=False),
        status=status,
        mimetype="application/json",
    )
    antwoord.headers["Cache-Control"] = "no-store"
    return antwoord


def _parameters(toegestaan: Iterable[str] = ()) -> dict[str, str]:
    """The query string, refused (400) when it names a parameter this route does not know."""
    toegestaan = tuple(toegestaan)
    onbekend = sorted(set(request.args) - set(toegestaan))
    if onbekend:
        uitleg = f"; toegestaan: {', '.join(toegestaan)}" if toegestaan else ""
        raise ApiFout(400, f"onbekende parameter: {onbekend[0][:40]}{uitleg}")
    if any(len(request.args.getlist(k)) > 1 for k in request.args):
        raise ApiFout(400, "geef elke parameter hoogstens één keer")
    return {k: request.args[k] for k in request.args}


# ---------------------------------------------------------------- HTTP


def _etag_past(versie: str) -> bool:
    """Does If-None-Match name this data version (plain, weak or as its gzip variant)?"""
    gevraagd = request.if_none_match
    return bool(gevraagd) and (
        gevraagd.star_tag
        or gevraagd.contains_weak(versie)
        or gevraagd.contains_weak(f"{versie}-gzip")
    )


def beantwoord(maak: Callable[[], bytes], mimetype: str) -> Response:
    """A cached, ETagged answer: 304 when the client has this data version already."""
    versie = queries.dataversie()
    if _etag_past(versie):
        antwoord = Response(status=304)
        antwoord.set_etag(f"{versie}-gzip" if _wil_gzip() else versie)
    else:
        sleutel = cache.sleutel(versie, request.full_path.encode("utf-8"))
        bewaard = cache.haal(versie, sleutel)
        if bewaard is None:
            inhoud = maak()
            bewaard = Antwoord(inhoud, _gzip(inhoud), mimetype)
            cache.bewaar(versie, sleutel, bewaard)
        antwoord = Response(bewaard.inhoud, mimetype=bewaard.mimetype)
        if _wil_gzip():
            _met_gzip(antwoord, bewaard.gzip)
            antwoord.set_etag(f"{versie}-gzip")  # another byte sequence: another strong tag
        else:
            antwoord.set_etag(versie)
    antwoord.headers["Cache-Control"] = CACHE_CONTROL
    return antwoord  # `Vary: Accept-Encoding` comes with every response (antwoordcache)


def _gzip(inhoud: bytes) -> bytes:
    return gzip.compress(inhoud, 6)


MIMETYPE = {"json": "application/json", "csv": "text/csv"}


def installeer(app: Dash) -> None:
    """Register the API routes, their JSON errors and CORS on the Flask server."""
    server = app.server

    @server.errorhandler(ApiFout)
    def api_fout(fout: ApiFout) -> Response:
        return fout_antwoord(fout.status, fout.melding)

    @server.after_request
    def cors(antwoord: Response) -> Response:
        if (request.path + "/").startswith(PAD) and request.method in ("GET", "HEAD"):
            antwoord.headers["Access-Control-Allow-Origin"] = "*"
            antwoord.headers["Access-Control-Expose-Headers"] = "ETag"
        return antwoord

    @server.get(f"{V1}/versie")
    def api_versie() -> Response:
        _parameters()
        return beantwoord(opendata.versie, MIMETYPE["json"])

    @server.get(f"{V1}/indicatoren")
    def api_indicatoren() -> Response:
        _parameters()
        return beantwoord(opendata.catalogus, MIMETYPE["json"])

    @server.get(f"{V1}/indicatoren/<indicator_id>")
    def api_indicator(indicator_id: str) -> Response:
        overlever, alias = zoek_indicator(indicator_id)
        _parameters()
        antwoord = beantwoord(lambda: opendata.indicator(overlever, alias), MIMETYPE["json"])
        antwoord.headers["Link"] = f'<{V1}/indicatoren/{overlever}>; rel="canonical"'
        return antwoord

    @server.get(f"{V1}/indicatoren/<indicator_id>/waarnemingen.<any(json, csv):formaat>")
    def api_waarnemingen(indicator_id: str, formaat: str) -> Response:
        overlever, alias = zoek_indicator(indicator_id)
        _parameters()
        antwoord = beantwoord(
            lambda: opendata.waarnemingen(overlever, alias, formaat), MIMETYPE[formaat]
        )
        pad = f"{V1}/indicatoren/{overlever}/waarnemingen.{formaat}"
        antwoord.headers["Link"] = f'<{pad}>; rel="canonical"'
        return antwoord

    @server.get(f"{V1}/regio")
    def api_regio_overzicht() -> Response:
        _parameters()
        return beantwoord(opendata.regio_overzicht, MIMETYPE["json"])

    @server.get(f"{V1}/regio/<telling>/<niveau>/<indicator_id>.<any(json, csv):formaat>")
    def api_regio(telling: str, niveau: str, indicator_id: str, formaat: str) -> Response:
        jaar_tekst = _parameters(("jaar",)).get("jaar")
        overlever, alias, jaar = opendata.regio_verzoek(telling, niveau, indicator_id, jaar_tekst)
        return beantwoord(
            lambda: opendata.regio(telling, niveau, overlever, alias, jaar, formaat),
            MIMETYPE[formaat],
        )

    @server.route("/api", methods=["GET", "HEAD"])
    @server.route("/api/", methods=["GET", "HEAD"])
    @server.route("/api/<path:rest>", methods=["GET", "HEAD"])
    def api_onbekend(rest: str = "") -> Response:
        """Any other path under /api/: a JSON 404, never Dash's page shell."""
        return fout_antwoord(404, "onbekend adres in de API; zie /api/v1/versie en docs/api.md")
