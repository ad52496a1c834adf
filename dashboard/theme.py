"""One visual language for every chart: palette, fonts, Dutch separators, status styles.

Colours are Rijkshuisstijl tones that reach 3:1 contrast on white (NOTES.md); each series also
gets its own marker shape, so colour is never the only cue.
"""

from __future__ import annotations

from typing import Any

PALET = (
    "#01689b",  # lintblauw
    "#ca005d",  # robijnrood
    "#275937",  # donkergroen
    "#e17000",  # oranje
    "#42145f",  # paars
    "#94710a",  # bruin
    "#007bc7",  # hemelblauw
    "#673327",  # donkerbruin
    "#a90061",  # violet
    "#154273",  # donkerblauw
)
VORMEN = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "triangle-down",
    "pentagon",
    "hexagon",
    "star",
)
TEKST = "#1a1a1a"
GRIJS = "#595959"  # 7:1 on white
RASTER = "#d9d9d9"
LETTER = "'RO Sans', 'Segoe UI', Verdana, Arial, sans-serif"

STATUS_UITLEG = {
    "gepubliceerd": "gepubliceerd: doorgetrokken lijn, gevulde marker",
    "voorlopig": "voorlopig: gestreepte lijn",
    "afgeleid": "afgeleid (berekend uit gepubliceerde cijfers): open marker",
}

CORONA_NOOT = "2020 is een coronajaar: de cijfers zijn vertekend en standaard verborgen."


def basis_layout(titel: str, ondertitel: str, bronregel: str, hoogte: int = 480) -> dict[str, Any]:
    """Layout every chart starts from: title + subtitle, source line under the plot."""
    return {
        "title": {
            "text": f"<b>{titel}</b><br><span style='font-size:13px;color:{GRIJS}'>{ondertitel}</span>",
            "x": 0,
            "xanchor": "left",
            "font": {"size": 17, "color": TEKST},
        },
        "separators": ",.",
        "font": {"family": LETTER, "size": 13, "color": TEKST},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": hoogte,
        "margin": {"l": 70, "r": 20, "t": 80, "b": 120},
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.18, "x": 0, "font": {"size": 12}},
        "annotations": [
            {
                "text": bronregel,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.42,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "align": "left",
                "font": {"size": 11, "color": GRIJS},
            }
        ],
        "shapes": [],
    }


def as_stijl(titel: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": titel},
        "gridcolor": RASTER,
        "zerolinecolor": RASTER,
        "linecolor": GRIJS,
        "tickcolor": GRIJS,
        "automargin": True,
        **extra,
    }


def breek_regel(tekst: str, breedte: int = 150) -> str:
    """Plotly does not wrap annotations; break long source lines at word boundaries."""
    regels, huidig = [], ""
    for woord in tekst.split(" "):
        if huidig and len(huidig) + len(woord) + 1 > breedte:
            regels.append(huidig)
            huidig = woord
        else:
            huidig = f"{huidig} {woord}".strip()
    regels.append(huidig)
    return "<br>".join(regels)


def plaats_onderkant(layout: dict[str, Any], legenda_labels: list[str]) -> None:
    """Put legend and source line under the plot without overlap, in pixels.

    Plotly has no flow layout for annotations, so estimate the legend's rows from its labels
    and size the bottom margin to fit the x-axis, the legend and the source line.
    """
    breedte_tekens = 150
    regels, huidig = 1, 0
    for label in legenda_labels:
        lengte = len(label) + 6
        if huidig and huidig + lengte > breedte_tekens:
            regels, huidig = regels + 1, 0
        huidig += lengte
    bron_regels = layout["annotations"][0]["text"].count("<br>") + 1
    as_ruimte, legenda, bron = 55, 22 * regels if legenda_labels else 0, 16 * bron_regels
    onder = as_ruimte + legenda + bron + 20
    layout["margin"]["b"] = onder
    plot_hoogte = layout["height"] - layout["margin"]["t"] - onder
    layout["legend"]["y"] = -as_ruimte / plot_hoogte
    layout["legend"]["yanchor"] = "top"
    layout["annotations"][0]["y"] = -(as_ruimte + legenda + 8) / plot_hoogte
