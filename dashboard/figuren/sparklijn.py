"""A sparkline as a small inline SVG: the shape of a series beside its numbers in a table.

The table cell next to it holds the numbers, so the picture is decorative for assistive
technology (the page gives it `alt=""` and `aria-hidden`). A trend break splits the line
into separate pieces (no line bridges the break) and a stretch that ends in a provisional
value is dashed, as in the charts. Pure string building, no Plotly: ten tiny Plotly figures
would cost the first screen more than the whole table.
"""

from __future__ import annotations

import base64
import itertools
from collections.abc import Sequence

BREEDTE, HOOGTE, MARGE = 120, 32, 3
KLEUR = "#154273"


def _stukken(
    punten: Sequence[tuple[int, float, str]], breuk: int | None
) -> list[list[tuple[int, float, str]]]:
    """Points split at the break: years before it and years from it on are separate pieces."""
    stukken: list[list[tuple[int, float, str]]] = []
    for p in sorted(punten):
        kant = breuk is not None and p[0] >= breuk
        if not stukken or (breuk is not None and (stukken[-1][-1][0] >= breuk) != kant):
            stukken.append([])
        stukken[-1].append(p)
    return stukken


def sparklijn_svg(punten: Sequence[tuple[int, float, str]], breuk: int | None = None) -> str:
    """SVG text for (year, value, status) points; '' when there is nothing to draw."""
    if not punten:
        return ""
    jaren = [p[0] for p in punten]
    waarden = [p[1] for p in punten]
    j0, j1 = min(jaren), max(jaren)
    w0, w1 = min(waarden), max(waarden)

    def xy(jaar: int, waarde: float) -> tuple[float, float]:
        x = MARGE + (BREEDTE - 2 * MARGE) * ((jaar - j0) / (j1 - j0) if j1 > j0 else 0.5)
        y = HOOGTE - MARGE - (HOOGTE - 2 * MARGE) * ((waarde - w0) / (w1 - w0) if w1 > w0 else 0.5)
        return round(x, 1), round(y, 1)

    delen = []
    for stuk in _stukken(punten, breuk):
        for a, b in itertools.pairwise(stuk):
            (x0, y0), (x1, y1) = xy(a[0], a[1]), xy(b[0], b[1])
            streep = ' stroke-dasharray="3 2"' if b[2] == "voorlopig" else ""
            delen.append(
                f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="{KLEUR}" '
                f'stroke-width="1.6"{streep}/>'
            )
        for jaar, waarde, status in stuk:
            x, y = xy(jaar, waarde)
            vulling = "#fff" if status != "gepubliceerd" else KLEUR
            delen.append(
                f'<circle cx="{x}" cy="{y}" r="1.8" fill="{vulling}" stroke="{KLEUR}" '
                'stroke-width="1"/>'
            )
    if breuk is not None and j0 < breuk <= j1:
        x, _ = xy(breuk, w0)
        x = round(x - (BREEDTE - 2 * MARGE) / max(j1 - j0, 1) / 2, 1)
        delen.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{HOOGTE}" stroke="#767676" stroke-width="1" '
            'stroke-dasharray="2 2"/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{BREEDTE}" height="{HOOGTE}" '
        f'viewBox="0 0 {BREEDTE} {HOOGTE}">{"".join(delen)}</svg>'
    )


def als_data_uri(svg: str) -> str:
    """`data:image/svg+xml;base64,…` for an `<img src>` (the CSP allows `img-src data:`)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
