"""Figures: the bar chart of one indicator's categories at one period, and its text alternative."""

from __future__ import annotations

from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.figures import EENHEID_AS
from dashboard.figuren.theme import PALET, as_stijl, basis_layout


def staaf_figuur(
    rijen: list[dict[str, Any]], titel: str, ondertitel: str, eenheid: str, hoogte: int = 340
) -> dict[str, Any]:
    """Horizontal bars for the categories of one indicator at one period (no arithmetic).

    Rows are drawn in the order given: callers sort them (`volgorde.categorie_sleutel`) so
    that screen, image and files agree.
    """
    bronnen: dict[str, str] = {}
    for r in rijen:
        # `bron_uitgever` names the producer first ("CBS, via ...") as the query builds it
        bronnen.setdefault(r["bron_id"], f"{r['bron_uitgever']}, {r['bron_titel']}")
    namen = list(dict.fromkeys(str(r["bron_uitgever"]) for r in rijen))
    layout = basis_layout(
        titel, ondertitel, "Bron: " + "; ".join(bronnen.values()), hoogte=hoogte, producenten=namen
    )
    layout["margin"] = {
        "l": 20,
        "r": 30,
        "t": 80,
        "b": 60,
        "autoexpand": True,
    }  # y labels: automargin
    layout["showlegend"] = False
    hoogste = max((r["waarde"] for r in rijen), default=1)
    layout["xaxis"] = as_stijl(
        EENHEID_AS.get(eenheid, eenheid), range=[0, hoogste * 1.3], tickformat=",~f"
    )
    layout["yaxis"] = as_stijl("", autorange="reversed", type="category")
    symbool = {"afgeleid": "afgeleid", "voorlopig": "voorlopig"}
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [r["waarde"] for r in rijen],
                "y": [r["categorie"] for r in rijen],
                "text": [
                    nl.met_eenheid(r["waarde"], eenheid)
                    + (f" ({symbool[r['status']]})" if r["status"] in symbool else "")
                    for r in rijen
                ],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{text}<extra></extra>",
                "marker": {
                    "color": [
                        PALET[0] if r["status"] == "gepubliceerd" else "#ffffff" for r in rijen
                    ],
                    "line": {"color": PALET[0], "width": 2},
                },
            }
        ],
        "layout": layout,
    }


def staaf_samenvatting(rijen: list[dict[str, Any]], titel: str, eenheid: str) -> str:
    delen = [
        f"{r['categorie']}: {nl.met_eenheid(r['waarde'], eenheid)} ({r['status']})" for r in rijen
    ]
    return f"{titel}. " + "; ".join(delen) + "."
