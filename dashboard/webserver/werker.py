"""gunicorn's threaded worker with two changes for hostile clients (dashboard/gunicorn.conf.py).

1. **A read timeout.** gthread waits (5 s) for a new connection's first byte off the thread
   pool, but once a request has started, a client that stalls its headers or body holds a
   thread for ever: eight such clients blocked both workers of `make serve`. Here every
   read and write on a client socket times out after `KETENMONITOR_LEES_TIMEOUT_S` seconds
   (default 10); the connection is then closed (a stalled body gets a 408 from the app) and
   the thread is free. The log gets one warning (dashboard/webserver/logboek.py), no traceback.
2. **Error pages with security headers.** gunicorn answers a malformed request line (400),
   an over-long URL (414) or too many or too large headers (431) itself, before the app runs,
   with a bare page that echoes the input. `schrijf_foutpagina` replaces it: a fixed Dutch
   page with nosniff, a CSP that allows nothing, and no framing.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from gunicorn import util
from gunicorn.workers.gthread import TConn, ThreadWorker

from dashboard.webserver.koppen import FOUTPAGINA_CSP, VEILIGHEIDSKOPPEN

LEES_TIMEOUT_S = float(os.environ.get("KETENMONITOR_LEES_TIMEOUT_S", "10"))

TITELS = {
    400: "Dit verzoek begrijpen we niet",
    403: "Dit verzoek is niet toegestaan",
    414: "Dit adres is te lang",
    417: "Deze verwachting kunnen we niet waarmaken",
    431: "De kopregels van dit verzoek zijn te groot",
    500: "Er ging iets mis",
    501: "Deze overdrachtscodering kennen we niet",
}


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


class _Verbinding(TConn):
    """A connection whose socket never blocks longer than LEES_TIMEOUT_S.

    gthread calls `init()` before each request, right after making the socket blocking (no
    timeout), so that is where the timeout goes back on.
    """

    def init(self) -> None:
        super().init()
        self.sock.settimeout(LEES_TIMEOUT_S)


class Werker(ThreadWorker):
    """`worker_class` for gunicorn.conf.py: gthread with a read timeout and safe error pages."""

    def init_process(self) -> None:
        # base.Worker.handle_error calls util.write_error at the time of the error; replacing
        # it in this (forked) process covers every error page the worker writes.
        util.write_error = schrijf_foutpagina
        super().init_process()

    def accept(self, listener: Any) -> None:
        """As ThreadWorker.accept, with `_Verbinding` for the connection."""
        try:
            client_sock, client_addr = listener.accept()
            self.nr_conns += 1
            client_sock.setblocking(True)
            conn = _Verbinding(self.cfg, client_sock, client_addr, listener.getsockname())
            self.enqueue_req(conn)
        except OSError as e:
            import errno

            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
