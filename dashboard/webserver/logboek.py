"""Log lines an attacker cannot forge: every control character in a message is escaped.

A newline in a callback value or a URL (`/x%0A[ERROR] …`) would otherwise start a fake log
line. `VeiligeOpmaak` escapes the message (`\\n` → `\\x0a`); a traceback keeps its own line
breaks, but its last line (the exception text, which may quote user input) is escaped too.
`GunicornLogboek` gives gunicorn's own error and access logs the same treatment, and turns a
client that stalled past the read timeout into one warning instead of a traceback.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from typing import Any

from gunicorn.glogging import Logger

_STUURTEKENS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def ontsnap(tekst: str) -> str:
    """Control characters as `\\xNN` (or `\\uNNNN`), everything else unchanged."""
    return _STUURTEKENS.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"
        ),
        tekst,
    )


class VeiligeOpmaak(logging.Formatter):
    """A formatter whose message part can never span or fake a line."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = ontsnap(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: Any) -> str:
        tekst = super().formatException(ei)
        staart = "".join(traceback.format_exception_only(ei[0], ei[1])).rstrip("\n")
        if staart and tekst.endswith(staart):
            tekst = tekst[: -len(staart)] + ontsnap(staart)
        return tekst


def installeer(logger: logging.Logger) -> None:
    """Give `logger` (the app's own) one stderr handler with the safe formatter.

    It still propagates (pytest's caplog listens on the root); gunicorn configures no root
    handler, so each line is written once.
    """
    if any(isinstance(h.formatter, VeiligeOpmaak) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(VeiligeOpmaak("[%(asctime)s] [%(process)d] [%(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


class _TraagAlsWaarschuwing(logging.Filter):
    """gunicorn logs a read timeout as 'Socket error processing request.' with a traceback;
    it is a client that stalled, so: one warning line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], TimeoutError):
            record.msg, record.args = "client te traag: verbinding na de leestimeout gesloten", ()
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class GunicornLogboek(Logger):
    """gunicorn's logger (setting `logger_class`) with escaped messages in both logs."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                oud = handler.formatter or logging.Formatter()
                handler.setFormatter(VeiligeOpmaak(oud._fmt, oud.datefmt))
        if not any(isinstance(f, _TraagAlsWaarschuwing) for f in self.error_log.filters):
            self.error_log.addFilter(_TraagAlsWaarschuwing())
