"""Figures for a breakdown measured at a few separate dates, and for many categories × years.

A line between two peildata (1 October 2015 and 2016) suggests a trend the data cannot carry,
and eleven overlapping cohort lines with points every five years read as noise. So: grouped
bars (one bar per date within each category) for a profile at a few dates, and a heat map
(categories × years, the number in every cell) for counts that are context only. Both take
the same `Reeks` objects as the table and the files, so screen and export agree.
"""

from __future__ import annotations

from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.figures import EENHEID_AS, bronregel, producentnamen
from dashboard.figuren.theme import PALET, as_stijl, basis_layout
from dashboard.gegevens.reeksen import Reeks

PATRONEN = ("", "/", ".", "x")
"""Bar fill per date besides colour, so the dates differ without colour vision."""


def toon(waarde: float | None, eenheid: str) -> str:
    """A share to one decimal (the import keeps three); other units as `format` says them."""
    if eenheid == "procent" and waarde is not None:
        return f"{nl.getal(waarde, 1)}%"
    return nl.met_eenheid(waarde, eenheid)


def peildatum_naam(jaar: int) -> str:
    """DUO counts on 1 October; the legend names the date, not a school year or a trend."""
    return f"1 oktober {jaar}"


def peildata_figuur(
    reeksen: list[Reeks],
    titel: str,
    ondertitel: str,
    namen: dict[int, str] | None = None,
    hoogte: int = 380,
) -> dict[str, Any]:
    """Grouped vertical bars: categories on the x-axis, one bar per date within each.

    The legend names only the date: the title names the indicator and the axis the category.
    """
    jaren = sorted({p.jaar for r in reeksen for p in r.punten if p.jaar is not None})
    namen = namen or {j: peildatum_naam(j) for j in jaren}
    categorieen = [r.categorie for r in reeksen]
    eenheid = reeksen[0].eenheid if reeksen else "aantal"
    layout = basis_layout(
        titel, ondertitel, bronregel(reeksen), hoogte=hoogte, producenten=producentnamen(reeksen)
    )
    layout["barmode"] = "group"
    layout["xaxis"] = as_stijl("", type="category", tickangle=0)
    layout["yaxis"] = as_stijl(
        EENHEID_AS.get(eenheid, eenheid), rangemode="tozero", tickformat=",~f"
    )
    # under the category labels: above the plot it would run into the subtitle on a phone
    layout["legend"].update({"orientation": "h", "y": -0.14, "yanchor": "top", "x": 0})
    layout["margin"]["b"] = 90
    data = []
    for i, jaar in enumerate(jaren):
        kleur = PALET[(0, 3, 2, 4)[i % 4]]
        punten = {r.categorie: p for r in reeksen for p in r.punten if p.jaar == jaar}
        data.append(
            {
                "type": "bar",
                "name": namen[jaar],
                "x": categorieen,
                "y": [punten[c].waarde if c in punten else None for c in categorieen],
                "text": [
                    f"{c}, {namen[jaar]}: {toon(punten[c].waarde, eenheid)} ({punten[c].status})"
                    if c in punten
                    else ""
                    for c in categorieen
                ],
                "textposition": "none",
                "hovertemplate": "%{text}<extra></extra>",
                "marker": {
                    "color": kleur,
                    "line": {"color": kleur, "width": 1.5},
                    "pattern": {
                        "shape": PATRONEN[i % len(PATRONEN)],
                        "bgcolor": kleur,
                        "fgcolor": "#ffffff",
                        "fillmode": "replace",
                        "solidity": 0.25,
                    },
                },
            }
        )
    return {"data": data, "layout": layout}


def warmte_figuur(reeksen: list[Reeks], titel: str, ondertitel: str) -> dict[str, Any]:
    """A heat map: categories down, years across (as labels, so gaps between years show as
    separate columns, never as a slope), the value written in every cell."""
    jaren = sorted({p.jaar for r in reeksen for p in r.punten if p.jaar is not None})
    eenheid = reeksen[0].eenheid if reeksen else "aantal"
    z, tekst = [], []
    for r in reeksen:
        per_jaar = {p.jaar: p.waarde for p in r.punten}
        z.append([per_jaar.get(j) for j in jaren])
        tekst.append([nl.getal(per_jaar.get(j)) if j in per_jaar else "" for j in jaren])
    hoogte = min(120 + 26 * len(reeksen), 720)
    layout = basis_layout(
        titel, ondertitel, bronregel(reeksen), hoogte=hoogte, producenten=producentnamen(reeksen)
    )
    layout["xaxis"] = as_stijl("", type="category", side="bottom")
    layout["yaxis"] = as_stijl("", type="category", autorange="reversed")
    layout["showlegend"] = False
    return {
        "data": [
            {
                "type": "heatmap",
                "x": [str(j) for j in jaren],
                "y": [r.categorie for r in reeksen],
                "z": z,
                "text": tekst,
                "texttemplate": "%{text}",
                "textfont": {"size": 11},
                "hovertemplate": "%{y}, %{x}: %{text}<extra></extra>",
                "colorscale": [[0, "#eef4f9"], [1, "#7fb2d5"]],
                "showscale": False,
                "xgap": 2,
                "ygap": 2,
                "name": EENHEID_AS.get(eenheid, eenheid),
            }
        ],
        "layout": layout,
    }
