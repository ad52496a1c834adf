"""Dutch number and date formatting (decimal comma, dot thousands, '16 december 2024')."""

from __future__ import annotations

from datetime import date, datetime

MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def getal(waarde: float | None, decimalen: int | None = None) -> str:
    """1234567.5 → '1.234.567,5'; whole numbers lose their decimals; None → '–'."""
    if waarde is None:
        return "–"
    if decimalen is None:
        decimalen = 0 if float(waarde).is_integer() else 1
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def met_eenheid(waarde: float | None, eenheid: str) -> str:
    """A value as a reader says it: '9%', '+12%', '1.234', 'index 104,2'."""
    if waarde is None:
        return "–"
    if eenheid == "procent":
        return f"{getal(waarde)}%"
    if eenheid == "procent verandering":
        teken = "+" if waarde > 0 else ""
        return f"{teken}{getal(waarde)}%"
    if eenheid == "index":
        return f"index {getal(waarde, 1)}"
    return getal(waarde)


def datum(d: date | datetime | str | None) -> str:
    """date(2024, 12, 16) → '16 december 2024'; partial ISO strings keep their precision."""
    if d is None or d == "":
        return "onbekend"
    if isinstance(d, str):
        delen = d.split("-")
        if len(delen) == 1:
            return delen[0]
        if len(delen) == 2:
            return f"{MAANDEN[int(delen[1]) - 1]} {delen[0]}"
        d = date.fromisoformat(d)
    tekst = f"{d.day} {MAANDEN[d.month - 1]} {d.year}"
    if isinstance(d, datetime):
        tekst += f", {d:%H:%M}"
    return tekst


def periode(van: int | None, tot: int | None, periode_type: str = "kalenderjaar") -> str:
    """Years as a reader expects: '2019', '2016–2019', schooljaar '2019/20'."""
    if van is None:
        return "periode niet genoemd"
    if periode_type == "schooljaar" and van == tot:
        return f"{van}/{str(van + 1)[-2:]}"
    return str(van) if van == tot else f"{van}–{tot}"
