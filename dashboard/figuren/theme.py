"""One visual language for every chart: palette, fonts, Dutch separators, status styles.

Colours are Rijkshuisstijl tones that reach 3:1 contrast on white (NOTES.md); each series also
gets its own marker shape, so colour is never the only cue.
"""

from __future__ import annotations

import re
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

STATUS_UITLEG_STAAF = {
    "gepubliceerd": "gepubliceerd: gevulde staaf",
    "voorlopig": "voorlopig: open staaf, met ‘(voorlopig)’ achter het getal",
    "afgeleid": "afgeleid (berekend uit gepubliceerde cijfers): open staaf, met ‘(afgeleid)’",
}
"""How bar charts show status (`staaf.staaf_figuur`): a line legend would be wrong there."""


def status_uitleg(figuur: dict[str, Any]) -> dict[str, str]:
    """The status legend that matches the chart type of `figuur`."""
    staaf = any(t.get("type") == "bar" for t in figuur.get("data", []))
    return dict(STATUS_UITLEG_STAAF if staaf else STATUS_UITLEG)


CORONA_NOOT = (
    "2020 is een coronajaar. Standaard verborgen alleen bij reeksen waarvan de uitgever of de "
    "Kamerbrief 2020 vertekend noemt (de reden staat bij de grafiek); tellingen op een "
    "peildatum, zoals leerlingen op 1 oktober, tonen 2020."
)


def basis_layout(
    titel: str,
    ondertitel: str,
    bronregel: str,
    hoogte: int = 480,
    producenten: list[str] | None = None,
) -> dict[str, Any]:
    """Layout every chart starts from: title + subtitle; the source line travels in `meta`,
    with the source names alone (`producenten`) for the citation line under the chart.

    The source line is not drawn inside the screen figure: Plotly cannot place text below a
    legend whose height depends on the browser's width, so at 390 px the two would overlap.
    The page shows it as text right under the chart (`components.grafiekkaart`) and the
    memo export draws it at a computed pixel position (`dashboard.figuren.memo`).
    """
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
        "margin": {"l": 70, "r": 20, "t": 80, "b": 90, "autoexpand": True},
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.18, "x": 0, "font": {"size": 12}},
        "annotations": [],
        "shapes": [],
        "meta": {"bron": bronregel, "producenten": list(producenten or [])},
    }


def bron_van(figuur: dict[str, Any]) -> str:
    """The chart's source line ("Bron: …"), unbroken."""
    return str(figuur.get("layout", {}).get("meta", {}).get("bron", ""))


def uitlijning_van(figuur: dict[str, Any]) -> str:
    """How the chart lines up calendar years and school years ('' when it has one kind)."""
    return str(figuur.get("layout", {}).get("meta", {}).get("uitlijning", ""))


def producenten_van(figuur: dict[str, Any]) -> list[str]:
    """The chart's source names for a citation ("CBS, via NJi", "DUO"); a figure made without
    them falls back to its source line, which names the same sources with their titles."""
    meta = figuur.get("layout", {}).get("meta", {})
    namen = [str(n) for n in meta.get("producenten") or []]
    if namen:
        return namen
    bron = str(meta.get("bron", "")).removeprefix("Bron: ").strip()
    return [bron] if bron and bron != "–" else []


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
    """Plotly does not wrap annotations; break long source lines at word boundaries.

    A word longer than a line (a permalink) is cut after its '&' or ',' separators, so an
    address in an image footer stays inside the image and can still be read off.
    """
    regels, huidig = [], ""
    for woord in tekst.split(" "):
        for nr, deel in enumerate(_knip(woord, breedte)):
            lijm = "" if nr else " "  # pieces of one cut word join without a space
            if huidig and len(huidig) + len(deel) + len(lijm) > breedte:
                regels.append(huidig)
                huidig = deel
            else:
                huidig = f"{huidig}{lijm}{deel}" if huidig else deel
    regels.append(huidig)
    return "<br>".join(regels)


def _knip(woord: str, breedte: int) -> list[str]:
    if len(woord) <= breedte:
        return [woord]
    delen, huidig = [], ""
    for stuk in re.split(r"(?<=[&,?])", woord):
        if huidig and len(huidig) + len(stuk) > breedte:
            delen.append(huidig)
            huidig = stuk
        else:
            huidig += stuk
    return [*delen, huidig]


def plaats_onderkant(layout: dict[str, Any], legenda_labels: list[str]) -> None:
    """Put the legend under the x-axis and leave room for it.

    Plotly widens the bottom margin itself when the legend needs more (margin autoexpand),
    as it does on a narrow screen where the legend wraps; this sets a sensible start.
    """
    breedte_tekens = 150
    regels, huidig = 1, 0
    for label in legenda_labels:
        lengte = len(label) + 6
        if huidig and huidig + lengte > breedte_tekens:
            regels, huidig = regels + 1, 0
        huidig += lengte
    as_ruimte, legenda = 42, 22 * regels if legenda_labels else 0  # x ticks (years need no title)
    onder = as_ruimte + legenda + 10
    layout["margin"]["b"] = onder
    plot_hoogte = layout["height"] - layout["margin"]["t"] - onder
    layout["legend"]["y"] = -as_ruimte / plot_hoogte
    layout["legend"]["yanchor"] = "top"
