"""Hostile clients against the production server (`make serve`'s gunicorn.conf.py).

One gunicorn (1 worker, 2 threads, read timeout 1 s) serves the whole module; its log is
kept so a test can check that no client made it lie or dump a traceback.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.server import Server

pytestmark = pytest.mark.vijandig  # the hostile-input suite: pytest -m vijandig (< 1 min)

LEES_TIMEOUT_S = 1.0
FRIST_S = 1.5
"""Total time for headers, and the base time for a body (short, so the suite stays fast)."""
THREADS = 2


class Gunicorn:
    """bench's gunicorn launcher, plus raw-socket requests no HTTP client would send."""

    def __init__(self, db: Path, log: Path):
        self.server = Server(
            db,
            workers=1,
            threads=THREADS,
            omgeving={
                "KETENMONITOR_LEES_TIMEOUT_S": str(LEES_TIMEOUT_S),
                "KETENMONITOR_KOP_FRIST_S": str(FRIST_S),
                "KETENMONITOR_LICHAAM_FRIST_S": str(FRIST_S),
                "KETENMONITOR_EXPORT_WACHT_S": "2",  # then 503: the test stays short
            },
            log=log,
            loglevel="info",
            toegangslog=True,
        )
        self.poort = self.server.poort
        self.log = log

    def verbind(self) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.poort), timeout=10)

    def vraag(self, verzoek: bytes, wacht: float = 5.0) -> bytes:
        """Send raw bytes, return everything until the server closes or `wacht` passes."""
        try:
            s = self.verbind()
        except OSError:
            return b""
        s.settimeout(wacht)
        uit = b""
        try:
            s.sendall(verzoek)
            while b"\r\n\r\n" not in uit or not _compleet(uit):
                deel = s.recv(65536)
                if not deel:
                    break
                uit += deel
        except OSError:
            pass
        finally:
            s.close()
        return uit

    def status(self, verzoek: bytes) -> int:
        antwoord = self.vraag(verzoek)
        try:
            return int(antwoord.split(b" ", 2)[1])
        except (IndexError, ValueError):
            return 0

    def stop(self) -> None:
        self.server.stop()


def _compleet(antwoord: bytes) -> bool:
    kop, _, lichaam = antwoord.partition(b"\r\n\r\n")
    for regel in kop.split(b"\r\n"):
        if regel.lower().startswith(b"content-length:"):
            return len(lichaam) >= int(regel.split(b":")[1])
    return False


def _koppen(antwoord: bytes) -> dict[str, str]:
    kop = antwoord.partition(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")[1:]
    return {k.strip().lower(): v.strip() for k, _, v in (r.partition(":") for r in kop)}


@pytest.fixture(scope="module")
def server(database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gunicorn]:
    g = Gunicorn(database, tmp_path_factory.mktemp("gunicorn") / "stderr.log")
    yield g
    g.stop()


def _veilige_foutpagina(antwoord: bytes, status: int, geheim: bytes) -> None:
    assert antwoord.startswith(f"HTTP/1.1 {status} ".encode()), antwoord[:80]
    koppen = _koppen(antwoord)
    assert koppen["x-content-type-options"] == "nosniff"
    assert koppen["content-security-policy"].startswith("default-src 'none'")
    assert koppen["x-frame-options"] == "DENY"
    assert koppen["referrer-policy"] == "strict-origin-when-cross-origin"
    assert b'<html lang="nl">' in antwoord
    assert geheim not in antwoord.partition(b"\r\n\r\n")[2]  # the input is not echoed


def test_te_lange_url_is_414_met_veiligheidskoppen(server: Gunicorn) -> None:
    geheim = b"<script>x</script>"
    antwoord = server.vraag(b"GET /" + geheim + b"a" * 5000 + b" HTTP/1.1\r\nHost: t\r\n\r\n")
    _veilige_foutpagina(antwoord, 414, geheim)


def test_te_grote_kopregel_is_431_met_veiligheidskoppen(server: Gunicorn) -> None:
    geheim = b"<script>y</script>"
    antwoord = server.vraag(
        b"GET / HTTP/1.1\r\nHost: t\r\nX-A: " + geheim + b"b" * 9000 + b"\r\n\r\n"
    )
    _veilige_foutpagina(antwoord, 431, geheim)


def test_te_veel_kopregels_is_431_met_veiligheidskoppen(server: Gunicorn) -> None:
    koppen = b"".join(b"X-%d: 1\r\n" % i for i in range(150))
    antwoord = server.vraag(b"GET / HTTP/1.1\r\nHost: t\r\n" + koppen + b"\r\n")
    _veilige_foutpagina(antwoord, 431, b"X-149")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    methode=st.text(alphabet="ABCabc<>\"'\x01\x1b;", min_size=1, max_size=12),
    versie=st.sampled_from([b"HTTP/1.1", b"HTTP/9.9", b"HTTX/1.1", b""]),
)
def test_kapotte_verzoekregel_is_400_met_veiligheidskoppen(
    server: Gunicorn, methode: str, versie: bytes
) -> None:
    regel = methode.encode() + b" /<b>geheim</b> " + versie
    antwoord = server.vraag(regel + b"\r\nHost: t\r\n\r\n")
    status = int(antwoord.split(b" ", 2)[1])
    if status < 400:  # e.g. 'ABC /… HTTP/1.1' is a well-formed request for an unknown method
        return
    if status in (400, 404, 405, 501):
        assert _koppen(antwoord)["x-content-type-options"] == "nosniff"
    if status == 400:
        _veilige_foutpagina(antwoord, 400, b"<b>geheim</b>")


def test_lichaam_boven_de_limiet_is_413(server: Gunicorn) -> None:
    antwoord = server.vraag(
        b"POST /_dash-update-component HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        b"Content-Length: 11000000\r\n\r\n{"
    )
    assert antwoord.startswith(b"HTTP/1.1 413 ")
    assert _koppen(antwoord)["x-content-type-options"] == "nosniff"


def test_trage_clients_blokkeren_de_app_niet(server: Gunicorn) -> None:
    """Was: eight clients that stall their body blocked both workers."""
    traag = []
    for i in range(4 * THREADS):
        s = server.verbind()
        if i % 2:  # headers sent, body stalls
            s.sendall(
                b"POST /_dash-update-component HTTP/1.1\r\nHost: t\r\n"
                b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
            )
        else:  # headers stall halfway
            s.sendall(b"GET /trends HTTP/1.1\r\nHost: t\r\nX-Traag: ")
        traag.append(s)
    time.sleep(0.2)  # every thread now holds a stalled client
    begin = time.perf_counter()
    status = server.status(b"GET /gezondheid HTTP/1.1\r\nHost: t\r\n\r\n")
    wachttijd = time.perf_counter() - begin
    assert status == 200
    # each thread is freed after the read timeout; two rounds of stalled clients at most
    assert wachttijd < 2 * LEES_TIMEOUT_S + 3, wachttijd
    for s in traag:  # and every stalled client has been let go
        s.settimeout(LEES_TIMEOUT_S * 4 * THREADS + 5)
        try:
            while s.recv(65536):
                pass
        except OSError:
            pass
        s.close()


def _druppel(server: Gunicorn, begin: bytes, n: int, stap_s: float, duur_s: float) -> list[float]:
    """`n` clients send `begin`, then one more byte every `stap_s` s; meanwhile /gezondheid
    is probed. Returns the probe times; asserts every trickler was answered 408 or closed."""
    import threading

    klaar = threading.Event()
    uitkomsten: list[bytes] = []

    def druppel() -> None:
        while not klaar.is_set():  # a let-go client comes straight back, as an attacker would
            s = server.verbind()
            s.sendall(begin)
            s.settimeout(stap_s)
            ontvangen = b""
            while not klaar.is_set():
                try:
                    deel = s.recv(65536)
                    if not deel:
                        break
                    ontvangen += deel
                except TimeoutError:
                    try:
                        s.sendall(b"a")
                    except OSError:
                        break
                except OSError:
                    break
            else:
                s.close()
                return  # the test ended, not the server
            uitkomsten.append(ontvangen)
            s.close()

    draden = [threading.Thread(target=druppel) for _ in range(n)]
    for d in draden:
        d.start()
    time.sleep(0.3)
    tijden = []
    eind = time.monotonic() + duur_s
    while time.monotonic() < eind:
        begin_t = time.perf_counter()
        status = server.status(b"GET /gezondheid HTTP/1.1\r\nHost: t\r\n\r\n")
        tijden.append(time.perf_counter() - begin_t)
        assert status == 200, (status, tijden)
        time.sleep(0.05)
    klaar.set()
    for d in draden:
        d.join(timeout=10)
    # the deadline is total: within the test every trickler was let go at least once
    assert len(uitkomsten) >= n, len(uitkomsten)
    for ontvangen in uitkomsten:
        assert ontvangen == b"" or ontvangen.startswith(b"HTTP/1.1 408 "), ontvangen[:80]
    return tijden


def test_druppelende_kopregels_houden_de_gezondheid_niet_op(server: Gunicorn) -> None:
    """Was: 12 clients sending one header byte every 3 s made every probe fail for 40 s
    (the read timeout was per read, not per request)."""
    tijden = _druppel(server, b"GET /trends HTTP/1.1\r\nHost: t\r\nX-D: ", 12, 0.3, 3 * FRIST_S)
    assert max(tijden) < 0.5, tijden


def test_druppelend_lichaam_houdt_de_gezondheid_niet_op(server: Gunicorn) -> None:
    """Was: 8 clients trickling a body at one byte every 5 s did the same."""
    begin = (
        b"POST /_dash-update-component HTTP/1.1\r\nHost: t\r\n"
        b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
    )
    tijden = _druppel(server, begin, 8, 0.3, 3 * FRIST_S)
    assert max(tijden) < 0.5, tijden


def test_een_volledig_verzoek_in_stukken_komt_gewoon_aan(server: Gunicorn) -> None:
    """Pre-reading must not change what the app sees: a body sent in three parts."""
    lichaam = b'{"output": "x"}'
    s = server.verbind()
    s.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: t\r\n")
    time.sleep(0.1)
    s.sendall(b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(lichaam))
    time.sleep(0.1)
    s.sendall(lichaam)
    antwoord = s.recv(65536)
    s.close()
    assert antwoord.startswith(b"HTTP/1.1 400 "), antwoord[:80]  # read in full, then refused


def test_acht_briefingpakketten_tegelijk_laten_de_gezondheid_vrij(server: Gunicorn) -> None:
    """Was: 8 simultaneous Capaciteit briefing packs held every thread for ~22 s and
    /gezondheid timed out. Now one pack runs per worker; the others wait in the worker's
    event loop (no thread) and get 503 with Retry-After after KETENMONITOR_EXPORT_WACHT_S."""
    import http.client
    import json
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from bench.verzoeken import briefing_lichaam
    from dashboard.uitvoer import afbeelding

    if not afbeelding.browser_pad_bestaat():
        pytest.skip("geen Chromium voor de afbeeldingen van een briefingpakket")
    con = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=10)
    con.request("GET", "/_dash-dependencies")
    lichaam = briefing_lichaam(json.loads(con.getresponse().read()), "capaciteit", "/capaciteit")
    con.close()

    def pakket(_: int) -> tuple[int, str | None]:
        c = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=120)
        c.request("POST", "/_dash-update-component", lichaam, {"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        c.close()
        return r.status, r.getheader("Retry-After")

    klaar = threading.Event()
    tijden: list[float] = []

    def peil() -> None:
        while not klaar.is_set():
            begin = time.perf_counter()
            status = server.status(b"GET /gezondheid HTTP/1.1\r\nHost: t\r\n\r\n")
            tijden.append(time.perf_counter() - begin if status == 200 else 99.0)
            klaar.wait(0.05)

    peiler = threading.Thread(target=peil)
    peiler.start()
    with ThreadPoolExecutor(max_workers=8) as pool:
        uitkomsten = list(pool.map(pakket, range(8)))
    klaar.set()
    peiler.join()
    statussen = sorted(s for s, _ in uitkomsten)
    assert statussen.count(200) >= 1 and set(statussen) <= {200, 503}, statussen
    assert all(int(na) > 0 for s, na in uitkomsten if s == 503)
    assert len(tijden) >= 3
    assert max(tijden) < 1.0, tijden  # a thread stayed free for the probe throughout


def test_het_log_liegt_niet_en_toont_geen_traceback(server: Gunicorn) -> None:
    """Control characters in a URL, a header and a body, and a client that stalls: the log
    gets one escaped line each, no forged line and no traceback (this test makes its own
    hostile requests, so it holds alone as well as after the others)."""
    traag = server.verbind()
    traag.sendall(b"GET /trends HTTP/1.1\r\nHost: t\r\nX-Traag: ")  # headers stall halfway
    server.vraag(b"GET /x%0A[ERROR]%20nep%0D%1B[31m HTTP/1.1\r\nHost: t\r\n\r\n")
    server.vraag(b"GET /x HTTP/1.1\r\nHost: t\r\nX-Naam: a\x1b[31mb\x0bc\r\n\r\n")
    server.vraag(
        b"POST /_dash-update-component HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        b'Content-Length: 40\r\n\r\n{"output": "x\\n[ERROR] nep", "a": 1}    '
    )
    traag.settimeout(LEES_TIMEOUT_S + 10)
    try:  # the server lets the stalled client go after its read timeout
        while traag.recv(65536):
            pass
    except OSError:
        pass
    traag.close()
    eind = time.monotonic() + 5
    while time.monotonic() < eind:
        log = server.log.read_text(encoding="utf-8", errors="replace")
        if "client te traag" in log:
            break
        time.sleep(0.1)
    regels = log.splitlines()
    assert "Traceback" not in log
    assert not any(r.startswith("[ERROR] nep") for r in regels)
    assert "\x1b" not in log and "\x0b" not in log
    assert any("client te traag" in r for r in regels)  # the stalled client, one line
