"""A wide table scrolls inside its own box, never the page (WCAG 1.4.10 reflow at 320–390 px).

The box is a labelled region with `tabindex=0`, so a keyboard user can focus it and scroll it
with the arrow keys (axe `scrollable-region-focusable`); the label is the table's caption.
"""

from __future__ import annotations

from typing import Any

from dash import html


def scrolvak(tabel: Any, label: str) -> html.Div:
    return html.Div(
        tabel,
        className="tabel-scroll",
        tabIndex="0",
        role="region",
        **{"aria-label": f"Tabel: {label}"},
    )
