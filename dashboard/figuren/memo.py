"""The chart as a memo figure: 800 px wide, text ≥ 15 px, legend and source line in reserved space.

A memo prints a chart 16 cm wide. At that width an 800 px layout puts 15 px text at
15 / 800 × 16 cm ≈ 0,30 cm ≈ 8,5 pt, the smallest size a reader can take in; PNGs are
rendered at scale 2 (1600 px) so they stay sharp. Everything below the plot (axis, legend,
source line, footer) is stacked in pixels that are known for this fixed width: the legend
is vertical (one entry per line, so its height is its entry count) and long lines are
broken before they reach the edge, so nothing can overlap whatever the chart contains.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.theme import GRIJS, TEKST, breek_regel, bron_van, uitlijning_van

BREEDTE = 800
"""Layout width in CSS pixels; PNG is rendered at scale 2, SVG keeps this width."""
MIN_TEKST = 15
"""Smallest text in px: 15/800 of 16 cm ≈ 8,5 pt (the bar is 8 pt, ratio 0,0176)."""
TITEL_TEKST = 20
REGEL_PX = 21  # one line of 15 px text (annotation line height)
LEGENDA_REGEL_PX = 24  # one vertical legend entry at 15 px (measured in Kaleido's SVG: 23)
AS_PX = 62  # x tick labels plus the axis title under the plot
TEKENS_PER_REGEL = 88  # characters of 15 px text that fit in 800 − margins
MIN_PLOT_PX = 300


def _groter(font: dict[str, Any] | None, minimum: int = MIN_TEKST) -> dict[str, Any]:
    font = dict(font or {})
    font["size"] = max(int(font.get("size") or 0), minimum)
    return font


def _legenda_items(data: list[dict[str, Any]]) -> int:
    return sum(1 for t in data if t.get("showlegend", True) and t.get("name"))


def memo_figuur(
    figuur: dict[str, Any],
    datum: date,
    vierkant: bool = False,
    voetnoot: str = "",
    citatie: str = "",
) -> dict[str, Any]:
    """A copy of the screen figure laid out for a memo (see module docstring).

    Returns the figure with `layout.width`/`height` set; the height grows with the legend
    and the source line so the plot keeps at least MIN_PLOT_PX per panel (a square export
    is 800 × 800 unless its legend needs more).
    """
    fig = copy.deepcopy(figuur)
    layout = fig.setdefault("layout", {})
    layout.pop("autosize", None)
    layout["font"] = _groter(layout.get("font"))
    # Title and subtitle become one top-anchored annotation: Plotly's own title anchors a
    # block of three or more lines wrongly (it ran into the first panel in a test export).
    titel = layout.pop("title", None)
    titel_tekst, titel_px = (
        _titel(str(titel.get("text", ""))) if isinstance(titel, dict) else ("", 0)
    )
    for sleutel, as_ in list(layout.items()):
        if re.fullmatch(r"[xy]axis\d*", sleutel) and isinstance(as_, dict):
            as_["tickfont"] = _groter(as_.get("tickfont"))
            titel_as = as_.get("title") or {}
            if isinstance(titel_as, dict):
                as_["title"] = {**titel_as, "font": _groter(titel_as.get("font"))}
    for a in layout.get("annotations", []):
        a["font"] = _groter(a.get("font"))
    for vorm in layout.get("shapes", []):
        if "label" in vorm:
            vorm["label"]["font"] = _groter(vorm["label"].get("font"))
    for spoor in fig.get("data", []):
        if spoor.get("type") == "bar":
            spoor["textfont"] = _groter(spoor.get("textfont"))

    panelen = sum(1 for k in layout if re.fullmatch(r"yaxis\d*", k)) or 1
    items = _legenda_items(fig.get("data", [])) if layout.get("showlegend", True) else 0
    for spoor in fig.get("data", []):  # a legend entry must fit on one line
        if len(str(spoor.get("name", ""))) > 80:
            spoor["name"] = str(spoor["name"])[:77].rsplit(" ", 1)[0] + " …"
    legenda_px = LEGENDA_REGEL_PX * items + (8 if items else 0)
    bron = " · ".join(d for d in (bron_van(fig), uitlijning_van(fig)) if d)
    bron = breek_regel(bron, TEKENS_PER_REGEL)
    bron_regels = bron.count("<br>") + 1 if bron else 0
    # the citation line opens the footer, so an image pasted into a memo carries its source,
    # data version and the address of the view; the export date follows it
    voet = (
        f"{citatie} Geëxporteerd op {nl.datum(datum)}."
        if citatie
        else f"Ketenmonitor, {nl.datum(datum)}"
    ) + (f" · {voetnoot}" if voetnoot else "")
    voet = breek_regel(voet, TEKENS_PER_REGEL)
    voet_regels = voet.count("<br>") + 1
    boven = 14 + titel_px + 14 + (30 if panelen > 1 else 0)  # panel headings sit above panels
    as_px = AS_PX + (48 if _heeft_momentlabels(layout) else 0)  # rotated numbers under the axis
    onder = as_px + legenda_px + REGEL_PX * (bron_regels + voet_regels) + 18
    min_plot = (220 if vierkant else MIN_PLOT_PX) * (panelen * 0.75 if panelen > 1 else 1)
    min_plot = max(min_plot, int((layout.get("meta") or {}).get("min_plot_px", 0)))  # maps
    hoogte = max(BREEDTE if vierkant else 450, int(boven + min_plot + onder))
    plot_px = hoogte - boven - onder
    if titel_tekst:
        kop = _regel(titel_tekst, 1 + (boven - 14) / plot_px, "titel")
        kop["font"] = {"size": TITEL_TEKST, "color": TEKST}
        layout.setdefault("annotations", []).insert(0, kop)
    layout["width"], layout["height"] = BREEDTE, hoogte
    layout["margin"] = {
        **layout.get("margin", {}),
        "t": boven,
        "b": onder,
        "r": max(int(layout.get("margin", {}).get("r", 20)), 30),
        "autoexpand": False,  # the pixel budget above is exact; never let Plotly shift it
    }
    if layout["margin"].get("l", 70) < 60:
        layout["margin"]["autoexpand"] = True  # bar charts size their label margin themselves
    else:
        layout["margin"]["l"] = max(int(layout["margin"].get("l", 70)), 90)  # 15 px ticks + title
    if items:
        layout["legend"] = {
            **layout.get("legend", {}),
            "orientation": "v",
            "x": 0,
            "xanchor": "left",
            "y": -as_px / plot_px,
            "yanchor": "top",
            "tracegroupgap": 0,
            "font": _groter((layout.get("legend") or {}).get("font")),
        }
    onder_legenda = as_px + legenda_px
    annotaties = layout.setdefault("annotations", [])
    if bron:
        annotaties.append(_regel(bron, -onder_legenda / plot_px, "bronregel"))
    annotaties.append(
        _regel(voet, -(onder_legenda + REGEL_PX * bron_regels + 4) / plot_px, "voetregel")
    )
    return fig


def _titel(html_tekst: str) -> tuple[str, int]:
    """Title and subtitle wrapped for 800 px, subtitle at 15 px; returns (html, height px)."""
    delen = html_tekst.split("<br>", 1)
    kop = re.sub(r"</?b>", "", delen[0])
    kop_regels = breek_regel(kop, 62).split("<br>")
    tekst = "<b>" + "<br>".join(kop_regels) + "</b>"
    hoogte = 26 * len(kop_regels)
    if len(delen) > 1:
        onder = re.sub(r"<[^>]+>", "", delen[1])
        onder_regels = breek_regel(onder, TEKENS_PER_REGEL).split("<br>")
        tekst += "".join(
            f"<br><span style='font-size:{MIN_TEKST}px;color:{GRIJS}'>{r}</span>"
            for r in onder_regels
        )
        hoogte += 26 * len(onder_regels)  # lines of a 20 px annotation, whatever their span size
    return tekst, hoogte


def _heeft_momentlabels(layout: dict[str, Any]) -> bool:
    return any(v.get("name") == "beleidsmoment" and "label" in v for v in layout.get("shapes", []))


def _regel(tekst: str, y: float, naam: str) -> dict[str, Any]:
    return {
        "text": tekst,
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": y,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "showarrow": False,
        "font": {"size": MIN_TEKST, "color": GRIJS},
        "name": naam,
    }
