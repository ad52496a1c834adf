"""The citation line: one sentence that lets a reader of a memo find the exact view again.

"Ketenmonitor (2026). *Titel*. Data-versie 1a2b3c4d (7 december 2026). <permalink>.
Bron: CBS, via NJi; DUO."

One function builds it for every place it appears (chart panel, CSV column, Excel
toelichting, README's, PNG/SVG footer), so they can never disagree. The year is that of the
build, not of the download: the same data version cites as the same publication, whoever
downloads it and when. The title is marked as the target medium marks italics: `*…*` in
plain text (a convention readers of a README or CSV recognise), `<i>…</i>` in a Plotly
annotation.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from dashboard.figuren import format as nl

CURSIEF_TEKST = ("*", "*")
CURSIEF_HTML = ("<i>", "</i>")


def _als_datum(gebouwd_op: date | datetime | str | None) -> date | datetime | None:
    if isinstance(gebouwd_op, str) and gebouwd_op:
        try:
            return datetime.fromisoformat(gebouwd_op)
        except ValueError:
            return None
    return gebouwd_op if isinstance(gebouwd_op, date) else None


def producenten(namen: Iterable[str]) -> str:
    """Unique source names in first-seen order, joined by '; ' (a name may hold a comma:
    "CBS, via Nederlands Jeugdinstituut (NJi)")."""
    return "; ".join(dict.fromkeys(n for n in namen if n)) or "–"


def citeerregel(
    titel: str,
    data_versie_kort: str,
    gebouwd_op: date | datetime | str | None,
    permalink: str,
    bronnen: Iterable[str],
    cursief: tuple[str, str] = CURSIEF_TEKST,
) -> str:
    """'Ketenmonitor (jaar). *Titel*. Data-versie <kort> (<bouwdatum>). <permalink>. Bron: …'.

    An unknown build date or version says 'onbekend' rather than leaving a gap a reader
    would fill with a guess; a missing permalink (a view with no address) is left out.
    """
    gebouwd = _als_datum(gebouwd_op)
    jaar = str(gebouwd.year) if gebouwd else "z.j."
    bouwdatum = nl.datum(gebouwd.date() if isinstance(gebouwd, datetime) else gebouwd)
    titel = (titel or "Ketenmonitor").strip().rstrip(".")
    delen = [
        f"Ketenmonitor ({jaar}).",
        f"{cursief[0]}{titel}{cursief[1]}.",
        f"Data-versie {data_versie_kort or 'onbekend'} ({bouwdatum}).",
    ]
    if permalink:
        delen.append(f"{permalink}.")
    delen.append(f"Bron: {producenten(bronnen)}.")
    return " ".join(delen)
