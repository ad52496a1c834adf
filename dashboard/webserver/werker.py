"""gunicorn's threaded worker with three changes for hostile clients (dashboard/gunicorn.conf.py).

1. **Requests are read before they get a thread.** gthread hands a connection to its thread
   pool as soon as its first byte arrives; a client that then trickles its headers or body
   (one byte every few seconds) held that thread for as long as it liked, and twelve such
   clients took every `/gezondheid` probe down for 40 s. Here the worker's own event loop
   (the main thread, which never blocks) collects the headers, and a body with a
   Content-Length up to the app's limit, and only a complete request is given a thread. A
   request has a total deadline: `KETENMONITOR_KOP_FRIST_S` (default 5) for its headers,
   counted from the connection or from the end of the previous request, plus
   `KETENMONITOR_LICHAAM_FRIST_S` (default 5) and one second per
   `KETENMONITOR_LICHAAM_SNELHEID` bytes (default 100 000, so 1 MiB ≈ 15 s) for its body.
   A client that misses it gets a 408 page and the connection is closed; one warning line
   goes to the log (dashboard/webserver/logboek.py), no traceback.
2. **A deadline inside the thread as well.** What still reaches a thread unread (a chunked
   body, a request bigger than the pre-read buffer) reads from a socket whose every `recv`
   is bounded by the same total deadline and by `KETENMONITOR_LEES_TIMEOUT_S` per read
   (default 10); a stalled body then gets a 408 from the app.
3. **Expensive exports wait in the event loop, not in a thread.** A complete request for a
   PNG/SVG, a briefing pack or the full data zip (`wachtrij.is_duur_verzoek`) gets a thread
   only while fewer than `KETENMONITOR_EXPORT_PER_WERKER` run in this worker; the others wait
   here, costing no thread, up to `KETENMONITOR_EXPORT_WACHT_S`, and then get 503 with
   `Retry-After`. So cheap requests (pages, charts, the health probe) always find a thread.
   The app's own queue (dashboard/uitvoer/wachtrij.py) still bounds exports across workers.
4. **Error pages with security headers.** gunicorn answers a malformed request line (400),
   an over-long URL (414) or too many or too large headers (431) itself, before the app runs,
   with a bare page that echoes the input. `schrijf_foutpagina` replaces it: a fixed Dutch
   page with nosniff, a CSP that allows nothing, and no framing.
"""

from __future__ import annotations

import collections
import contextlib
import errno
import json
import os
import re
import selectors
import socket
import time
from functools import partial
from typing import Any

from gunicorn import util
from gunicorn.workers.gthread import TConn, ThreadWorker

from dashboard.uitvoer import wachtrij
from dashboard.webserver.koppen import FOUTPAGINA_CSP, VEILIGHEIDSKOPPEN

LEES_TIMEOUT_S = float(os.environ.get("KETENMONITOR_LEES_TIMEOUT_S", "10"))
KOP_FRIST_S = float(os.environ.get("KETENMONITOR_KOP_FRIST_S", "5"))
LICHAAM_FRIST_S = float(os.environ.get("KETENMONITOR_LICHAAM_FRIST_S", "5"))
LICHAAM_SNELHEID = float(os.environ.get("KETENMONITOR_LICHAAM_SNELHEID", "100000"))
MAX_LICHAAM = int(os.environ.get("KETENMONITOR_MAX_LICHAAM", str(1024 * 1024)))
MAX_KOP_BYTES = 64 * 1024
"""Headers beyond this without an end go to gunicorn's parser, which answers 414/431."""
MAX_VOORAF_BYTES = 64 * 1024 * 1024
"""All pre-read bytes of one worker together: beyond this a request goes to a thread unread
(with the in-thread deadline), so many large bodies cannot exhaust memory."""

TITELS = {
    400: "Dit verzoek begrijpen we niet",
    403: "Dit verzoek is niet toegestaan",
    408: "Het verzoek kwam te traag binnen",
    414: "Dit adres is te lang",
    417: "Deze verwachting kunnen we niet waarmaken",
    431: "De kopregels van dit verzoek zijn te groot",
    500: "Er ging iets mis",
    501: "Deze overdrachtscodering kennen we niet",
}

_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d{1,12})[ \t]*\r\n", re.IGNORECASE)
_CHUNKED = re.compile(rb"\r\ntransfer-encoding:[^\r\n]*chunked", re.IGNORECASE)


def foutpagina(status: int, reden: str) -> bytes:
    """The complete HTTP response gunicorn sends for a request it refuses itself."""
    titel = TITELS.get(status, "Dit verzoek kunnen we niet uitvoeren")
    lichaam = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>Ketenmonitor – {status}</title></head><body><main><h1>{titel}</h1>"
        "</main></body></html>"
    ).encode()
    reden = "".join(t for t in reden if 32 <= ord(t) < 127) or "Error"
    koppen = [
        f"HTTP/1.1 {int(status)} {reden}",
        "Connection: close",
        "Content-Type: text/html; charset=utf-8",
        f"Content-Length: {len(lichaam)}",
        f"Content-Security-Policy: {FOUTPAGINA_CSP}",
        "X-Frame-Options: DENY",
        *[f"{naam}: {waarde}" for naam, waarde in VEILIGHEIDSKOPPEN.items()],
    ]
    return ("\r\n".join(koppen) + "\r\n\r\n").encode("ascii") + lichaam


def schrijf_foutpagina(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    """Drop-in for `gunicorn.util.write_error`; `mesg` (which quotes the input) is left out."""
    util.write_nonblock(sock, foutpagina(status_int, reason))


def bezet_antwoord() -> bytes:
    """503 for an export that waited too long in the event loop (JSON, as Dash expects)."""
    lichaam = json.dumps({"fout": wachtrij.MELDING}, ensure_ascii=False).encode()
    koppen = [
        "HTTP/1.1 503 Service Unavailable",
        "Connection: close",
        "Content-Type: application/json",
        f"Content-Length: {len(lichaam)}",
        f"Retry-After: {wachtrij.PROBEER_OPNIEUW_S}",
        f"Content-Security-Policy: {FOUTPAGINA_CSP}",
        "X-Frame-Options: DENY",
        *[f"{naam}: {waarde}" for naam, waarde in VEILIGHEIDSKOPPEN.items()],
    ]
    return ("\r\n".join(koppen) + "\r\n\r\n").encode("ascii") + lichaam


def lichaam_frist(lengte: int) -> float:
    """Seconds a body of `lengte` bytes may take after its headers (proportional)."""
    return LICHAAM_FRIST_S + max(0, min(lengte, MAX_LICHAAM)) / LICHAAM_SNELHEID


def verwachte_lengte(kop: bytes) -> int | None:
    """Bytes of the whole request (headers + body) when the headers tell; None when they
    do not (chunked) or when the body is over the limit (the app answers 413 unread)."""
    einde = kop.find(b"\r\n\r\n")
    koppen = kop[: einde + 2]
    if _CHUNKED.search(koppen):
        return None
    lengtes = _CONTENT_LENGTH.findall(koppen)
    if len(set(lengtes)) > 1:
        return None  # contradictory: gunicorn's parser refuses it
    lengte = int(lengtes[0]) if lengtes else 0
    if lengte > MAX_LICHAAM:
        return None
    return einde + 4 + lengte


class _FristSocket(socket.socket):
    """A client socket whose reads in a thread end at the request's total deadline."""

    frist: float | None = None

    def recv(self, n: int, flags: int = 0) -> bytes:
        if self.frist is not None and self.gettimeout() != 0.0:
            rest = self.frist - time.monotonic()
            if rest <= 0:
                raise TimeoutError("totale leestijd van het verzoek verstreken")
            super().settimeout(min(LEES_TIMEOUT_S, rest))
        return super().recv(n, flags)

    def sendall(self, data: Any, flags: int = 0) -> None:
        if self.gettimeout() != 0.0:
            super().settimeout(LEES_TIMEOUT_S)  # a slow reader gets the per-write timeout
        super().sendall(data, flags)


class _Verbinding(TConn):
    """A connection that is read in the event loop until its request is complete."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.vooraf = bytearray()
        self.frist = 0.0
        self.kop_klaar = False
        self.verwacht: int | None = None
        self.duur = False

    def init(self) -> None:
        super().init()
        self.sock.settimeout(LEES_TIMEOUT_S)


class Werker(ThreadWorker):
    """`worker_class` for gunicorn.conf.py: gthread that reads requests before a thread
    takes them, with a total deadline per request, and safe error pages."""

    log: Any

    def init_process(self) -> None:
        # base.Worker.handle_error calls util.write_error at the time of the error; replacing
        # it in this (forked) process covers every error page the worker writes.
        util.write_error = schrijf_foutpagina
        self.lezend: dict[int, _Verbinding] = {}
        self.vooraf_bytes = 0
        self.duur_bezig = 0
        self.duur_rij: collections.deque[tuple[_Verbinding, float]] = collections.deque()
        super().init_process()

    # ------------------------------------------------------------ event loop (main thread)

    def accept(self, listener: Any) -> None:
        """As ThreadWorker.accept, but the connection is read here first (`_lees_vooraf`)."""
        try:
            client_sock, client_addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        sock = _FristSocket(
            client_sock.family, client_sock.type, client_sock.proto, fileno=client_sock.detach()
        )
        conn = _Verbinding(self.cfg, sock, client_addr, listener.getsockname())
        self._begin_lezen(conn)

    def on_client_socket_readable(self, conn: Any, client: Any) -> None:
        """A kept-alive connection's next request is read here too, not in a thread."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._begin_lezen(conn)

    def _begin_lezen(self, conn: _Verbinding) -> None:
        conn.sock.setblocking(False)
        conn.vooraf = bytearray()
        conn.kop_klaar = False
        conn.frist = time.monotonic() + KOP_FRIST_S
        self.lezend[id(conn)] = conn
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._lees_vooraf, conn))

    def _lees_vooraf(self, conn: _Verbinding, client: Any) -> None:
        try:
            deel = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            deel = b""
        if not deel:  # the client went away
            self._stop_lezen(conn)
            self._sluit(conn)
            return
        conn.vooraf += deel
        self.vooraf_bytes += len(deel)
        if not conn.kop_klaar:
            if b"\r\n\r\n" not in conn.vooraf:
                if len(conn.vooraf) > MAX_KOP_BYTES:
                    self._geef_door(conn)  # gunicorn's parser answers 414/431
                return
            conn.kop_klaar = True
            totaal = verwachte_lengte(bytes(conn.vooraf))
            conn.verwacht = totaal
            lengte = 0 if totaal is None else totaal - conn.vooraf.find(b"\r\n\r\n") - 4
            conn.frist += lichaam_frist(MAX_LICHAAM if totaal is None else lengte)
            if totaal is None:
                self._geef_door(conn)  # chunked or over the limit: the thread's deadline
                return
        if len(conn.vooraf) >= (conn.verwacht or 0) or self.vooraf_bytes > MAX_VOORAF_BYTES:
            self._geef_door(conn)

    def _stop_lezen(self, conn: _Verbinding) -> None:
        self.lezend.pop(id(conn), None)
        self.vooraf_bytes -= len(conn.vooraf)
        with contextlib.suppress(OSError, KeyError, ValueError):
            self.poller.unregister(conn.sock)

    def _geef_door(self, conn: _Verbinding) -> None:
        """The request (or all we wait for) is here: now it gets a thread, or, when it is an
        expensive export and this worker runs enough of those, a place in the wait line."""
        duur = wachtrij.is_duur_verzoek(bytes(conn.vooraf))
        self._stop_lezen(conn)
        conn.data_ready = True
        conn.sock.frist = conn.frist
        if not duur:
            self.enqueue_req(conn)
        elif self.duur_bezig < wachtrij.PER_WERKER:
            self._start_duur(conn)
        else:
            self.duur_rij.append((conn, time.monotonic() + wachtrij.WACHT_S))

    def _start_duur(self, conn: _Verbinding) -> None:
        conn.duur = True
        self.duur_bezig += 1
        conn.sock.frist = None  # the request is complete; its wait is not the client's fault
        self.enqueue_req(conn)

    def finish_request(self, conn: Any, fs: Any) -> None:
        """gthread's bookkeeping, then the next waiting export gets the freed place."""
        if getattr(conn, "duur", False):
            conn.duur = False
            self.duur_bezig -= 1
            if self.duur_rij:
                self._start_duur(self.duur_rij.popleft()[0])
        super().finish_request(conn, fs)

    def _weiger_wachtenden(self, nu: float) -> None:
        while self.duur_rij and self.duur_rij[0][1] <= nu:
            conn, _ = self.duur_rij.popleft()
            self.log.warning("503 dure export: geen plek binnen %.0f s", wachtrij.WACHT_S)
            with contextlib.suppress(OSError):
                conn.sock.setblocking(False)
                conn.sock.send(bezet_antwoord())
            self._sluit(conn)

    def _sluit(self, conn: _Verbinding) -> None:
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        """gthread's pending connections, and every request past its total deadline: 408."""
        super().murder_pending()
        nu = time.monotonic()
        self._weiger_wachtenden(nu)
        for conn in [c for c in self.lezend.values() if c.frist <= nu]:
            self._stop_lezen(conn)
            if conn.vooraf:  # a started request: say why; an idle connection just closes
                self.log.warning(
                    "client te traag: verzoek na %d bytes niet compleet binnen de termijn; "
                    "408 en verbinding gesloten",
                    len(conn.vooraf),
                )
                with contextlib.suppress(OSError):
                    conn.sock.send(foutpagina(408, "Request Timeout"))
            self._sluit(conn)

    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        # wake up in time for the earliest deadline, not only once a second
        fristen = [c.frist for c in self.lezend.values()]
        if self.duur_rij:
            fristen.append(self.duur_rij[0][1])
        if fristen:
            timeout = max(0.0, min(timeout, min(fristen) - time.monotonic() + 0.01))
        super().wait_for_and_dispatch_events(timeout)
        if fristen:
            self.murder_pending()

    # ------------------------------------------------------------ thread pool

    def handle(self, conn: Any) -> Any:
        """Give the parser what the event loop read, then gthread's own handling."""
        if isinstance(conn, _Verbinding) and conn.vooraf:
            conn.sock.setblocking(True)
            conn.init()
            conn.parser.unreader.unread(bytes(conn.vooraf))
            conn.vooraf = bytearray()
        return super().handle(conn)
