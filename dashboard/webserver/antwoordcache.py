"""Callback responses cached per data version, and text responses compressed.

The data only changes when `make etl` swaps the database file, so a callback's response is a
pure function of (request body, data version): the page router's layout of a URL, a chart
for a set of controls. Rebuilding them for every visitor made a page cost 20× the health
check (NOTES.md). Here the serialised response bytes are kept in a bounded LRU keyed by the
body and `bouw.data_versie` of the open database: a hash of its content, not of its raw
input, so a rebuild by changed code or a database built elsewhere changes it too. Any swap
to other content changes the version, and the whole cache is dropped the first time a
request sees the new one, so no response of the old data is served after a swap. File downloads (they carry today's date) are never cached, nor
is anything but a plain 200 JSON answer to a small request.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass

from dash import Dash
from flask import Response, g, request

from dashboard.gegevens import queries, verbinding
from dashboard.webserver.beveiliging import CALLBACK_PAD

MAX_SLEUTEL_BYTES = 8 * 1024
"""Larger callback bodies are answered but not cached (a key must stay cheap)."""
MAX_CACHE_BYTES = int(os.environ.get("KETENMONITOR_CACHE_MB", "64")) * 1024 * 1024
MIN_COMPRIMEER = 1024
COMPRIMEERBAAR = (
    "text/",
    "application/json",
    "application/geo+json",
    "application/javascript",
    "image/svg+xml",
)
KOP = "X-Ketenmonitor-Cache"


@dataclass
class Antwoord:
    inhoud: bytes
    gzip: bytes
    mimetype: str


class Antwoordcache:
    """A thread-safe LRU of responses for one data version, bounded in bytes."""

    def __init__(self, max_bytes: int = MAX_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[bytes, Antwoord] = OrderedDict()
        self._bytes = 0
        self._versie: str | None = None
        self._slot = threading.Lock()
        self.treffers = 0
        self.missers = 0

    @staticmethod
    def sleutel(versie: str, lichaam: bytes) -> bytes:
        return hashlib.sha256(versie.encode() + b"\0" + lichaam).digest()

    def _zie_versie(self, versie: str) -> None:
        if versie != self._versie:  # a new build: nothing of the old one may be served
            self._items.clear()
            self._bytes = 0
            self._versie = versie

    def haal(self, versie: str, sleutel: bytes) -> Antwoord | None:
        with self._slot:
            self._zie_versie(versie)
            antwoord = self._items.get(sleutel)
            if antwoord is None:
                self.missers += 1
                return None
            self._items.move_to_end(sleutel)
            self.treffers += 1
            return antwoord

    def bewaar(self, versie: str, sleutel: bytes, antwoord: Antwoord) -> None:
        grootte = len(antwoord.inhoud) + len(antwoord.gzip)
        if grootte > self.max_bytes // 4:
            return
        with self._slot:
            self._zie_versie(versie)
            if sleutel in self._items:
                return
            self._items[sleutel] = antwoord
            self._bytes += grootte
            while self._bytes > self.max_bytes:
                _, oud = self._items.popitem(last=False)
                self._bytes -= len(oud.inhoud) + len(oud.gzip)

    def __len__(self) -> int:
        return len(self._items)


cache = Antwoordcache()


def _is_download(lichaam: bytes) -> bool:
    """A toolbar or briefing-pack callback: its file carries today's date, never cached."""
    return b"download" in lichaam or b"-alles" in lichaam


def _wil_gzip() -> bool:
    """Does the client accept gzip? Parsed with its quality: `gzip;q=0` means "never gzip"
    (a substring test sent gzip anyway), `*` counts unless gzip itself is refused."""
    return request.accept_encodings.quality("gzip") > 0


def _met_gzip(antwoord: Response, inhoud: bytes) -> Response:
    antwoord.set_data(inhoud)
    antwoord.headers["Content-Encoding"] = "gzip"
    antwoord.headers["Content-Length"] = str(len(inhoud))
    return antwoord


def installeer(app: Dash) -> None:
    """Hook the cache and compression into the Flask server (after `beveiliging`)."""
    server = app.server

    @server.before_request
    def uit_de_cache():
        g.cache_sleutel = None
        if cache.max_bytes <= 0 or request.method != "POST" or request.path != CALLBACK_PAD:
            return None  # KETENMONITOR_CACHE_MB=0 switches the cache off (bench: "before")
        lichaam = request.get_data(cache=True)
        if len(lichaam) > MAX_SLEUTEL_BYTES or _is_download(lichaam):
            return None
        try:
            versie = queries.dataversie()
        except verbinding.DatabaseOntbreekt:
            return None
        g.cache_versie = versie
        g.cache_sleutel = cache.sleutel(versie, lichaam)
        bewaard = cache.haal(versie, g.cache_sleutel)
        if bewaard is None:
            return None
        g.cache_sleutel = None  # a hit is not stored again
        antwoord = Response(bewaard.inhoud, mimetype=bewaard.mimetype)
        antwoord.headers[KOP] = "treffer"
        if _wil_gzip():
            _met_gzip(antwoord, bewaard.gzip)
        return antwoord

    @server.after_request
    def bewaar_en_comprimeer(antwoord: Response) -> Response:
        sleutel = g.get("cache_sleutel")
        if (
            sleutel is not None
            and antwoord.status_code == 200
            and antwoord.mimetype == "application/json"
            and not antwoord.direct_passthrough
        ):
            inhoud = antwoord.get_data()
            cache.bewaar(
                g.cache_versie,
                sleutel,
                Antwoord(inhoud, gzip.compress(inhoud, 6), antwoord.mimetype),
            )
            antwoord.headers[KOP] = "misser"
        return comprimeer(antwoord)


def comprimeer(antwoord: Response) -> Response:
    """gzip for text responses of 1 KB or more when the browser accepts it."""
    antwoord.headers.add("Vary", "Accept-Encoding")
    if (
        antwoord.headers.get("Content-Encoding")
        or not _wil_gzip()
        or antwoord.status_code != 200
        or not (antwoord.mimetype or "").startswith(COMPRIMEERBAAR)
    ):
        return antwoord
    antwoord.direct_passthrough = False  # static files: read them to compress them
    inhoud = antwoord.get_data()
    if len(inhoud) < MIN_COMPRIMEER:
        return antwoord
    return _met_gzip(antwoord, gzip.compress(inhoud, 6))
