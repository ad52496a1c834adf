"""Page logic for Regio: the map — 2025 geometry from `assets/geo`, the filled-polygon figure, its export.

The map is drawn as filled polygons on plain axes (no Plotly geo trace: that fetches a world
topojson from a CDN). The screen figure carries no coordinates: the browser fills them in from
`assets/geo/*.geojson` (fetched once, cached), see `assets/regio.js`. Exports inline them.
What is counted, and the honesty rules, live in `regio`.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.theme import GRIJS, basis_layout
from dashboard.gegevens.reeksen import Punt, Reeks
from dashboard.logica.regio import (
    Regiowaarde,
    Uitkomst,
    beeldvoorbehoud,
    bereken,
    bronregel,
    formule,
    is_woon,
    klasse_labels,
    landelijke_bron,
    ondertitel,
    schooljaar,
    titel,
    waarde_tekst,
)
from dashboard.logica.regio import kanttekening as regio_kanttekening

GEO_MAP = Path(__file__).resolve().parents[1] / "assets" / "geo"
GEO_BESTAND = {"provincie": "provincie_2025.geojson", "gemeente": "gemeente_2025.geojson"}

KLEUREN = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
"""Five classes, one hue light → dark (ColorBrewer Blues): ordered by lightness, so they stay
readable with any colour-vision deficiency and in greyscale."""
GEEN_VESTIGING = "geen vestiging van dit type"
GEEN_CIJFER = "geen CBS-cijfer"
RAND = "#8c8c8c"


# ---------------------------------------------------------------- map


@functools.cache
def geometrie(niveau: str) -> dict[str, tuple[list[float | None], list[float | None]]]:
    """statcode → (x, y) of all rings, separated by None; read once per process."""
    tekst = (GEO_MAP / GEO_BESTAND[niveau]).read_text(encoding="utf-8")
    uit = {}
    for f in json.loads(tekst)["features"]:
        g = f["geometry"]
        polygonen = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for polygoon in polygonen:
            for ring in polygoon:
                if xs:
                    xs.append(None)
                    ys.append(None)
                xs += [p[0] for p in ring]
                ys += [p[1] for p in ring]
        uit[f["properties"]["statcode"]] = (xs, ys)
    return uit


@functools.cache
def kader(niveau: str) -> tuple[float, float, float, float]:
    xs = [x for x, _ in geometrie(niveau).values() for x in x if x is not None]
    ys = [y for _, y in geometrie(niveau).values() for y in y if y is not None]
    return min(xs), max(xs), min(ys), max(ys)


def _hover(w: Regiowaarde, uit: Uitkomst) -> str:
    maat = uit.staat["maat"]
    if w.waarde is None:
        leeg = GEEN_CIJFER if is_woon(uit.staat) else GEEN_VESTIGING
        return f"{w.naam}<br>{schooljaar(uit.jaar)}: {leeg}"
    eenheid = "leerlingen" if maat == "aantal" else "per 1.000"
    if is_woon(uit.staat):
        return (
            f"{w.naam}<br>{schooljaar(uit.jaar)}: {waarde_tekst(w, maat)} {eenheid}"
            f"<br>naar woongemeente (CBS) · {w.status or 'afgeleid'}"
        )
    return (
        f"{w.naam}<br>{schooljaar(uit.jaar)}: {waarde_tekst(w, maat)} {eenheid}"
        f"<br>{w.vestigingen} vestiging{'en' if w.vestigingen != 1 else ''} · {w.status or 'afgeleid'}"
    )


def _middelpunt(xs: list[float | None], ys: list[float | None]) -> tuple[float, float]:
    """The vertex mean of the largest ring: where the region's hover point sits."""
    ringen, huidig = [], []
    for x, y in zip(xs, ys, strict=True):
        if x is None:
            ringen.append(huidig)
            huidig = []
        else:
            huidig.append((x, y))
    ringen.append(huidig)
    grootste = max(ringen, key=len)
    return (
        round(sum(p[0] for p in grootste) / len(grootste), 4),
        round(sum(p[1] for p in grootste) / len(grootste), 4),
    )


@functools.cache
def middelpunten(niveau: str) -> dict[str, tuple[float, float]]:
    return {code: _middelpunt(*xy) for code, xy in geometrie(niveau).items()}


def _vlak(codes: list[str], vlakken: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    xs: list[Any] = []
    ys: list[Any] = []
    for code in codes:
        if code in vlakken:
            if xs:
                xs.append(None)
                ys.append(None)
            xs += vlakken[code][0]
            ys += vlakken[code][1]
    return xs, ys


def kaart_figuur(uit: Uitkomst, met_geometrie: bool = False, asset_url: str = "") -> dict[str, Any]:
    """The choropleth as filled polygons, one trace per class; coordinates inline only when
    `met_geometrie`.

    One trace per class (not per region): Plotly needed 79 s in Chromium here to draw 342
    filled traces, against well under a second for six. Hover and click go through an
    invisible point in each region. Without coordinates the browser adds them from
    `asset_url` (layout.meta.geo), so the screen response stays small and the GeoJSON is
    fetched once.
    """
    niveau, maat = uit.staat["niveau"], uit.staat["maat"]
    layout = basis_layout(
        titel(uit.staat),
        ondertitel(uit.staat),
        bronregel(uit.staat),
        hoogte=620,
        producenten=["CBS", "CBS/PDOK"] if is_woon(uit.staat) else ["DUO", "CBS/PDOK"],
    )
    x0, x1, y0, y1 = kader(niveau)
    schaal = 1 / math.cos(math.radians((y0 + y1) / 2))
    layout.update(
        {
            "xaxis": {"visible": False, "range": [x0 - 0.02, x1 + 0.02], "fixedrange": True},
            "yaxis": {
                "visible": False,
                "range": [y0 - 0.02, y1 + 0.02],
                "scaleanchor": "x",
                "scaleratio": schaal,
                "fixedrange": True,
            },
            "dragmode": False,
            "margin": {"l": 10, "r": 10, "t": 80, "b": 10, "autoexpand": True},
            "legend": {
                "orientation": "v",
                "x": 0,
                "y": 1,
                "xanchor": "left",
                "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"size": 12},
            },
            "hoverlabel": {"bgcolor": "#ffffff", "font": {"size": 13}},
        }
    )
    layout["meta"]["geo"] = asset_url
    layout["meta"]["min_plot_px"] = 700  # memo export: a map needs height (dashboard.figuren.memo)
    vlakken = geometrie(niveau) if met_geometrie else {}
    op_kaart = [w for w in uit.regios if w.op_kaart]
    groepen: list[tuple[str, dict[str, Any], list[str]]] = [
        (label, {"fillcolor": kleur}, [w.code for w in op_kaart if w.klasse == k])
        for k, (label, kleur) in enumerate(
            zip(klasse_labels(uit.grenzen, maat), KLEUREN, strict=False)
        )
    ]
    zonder = [w.code for w in op_kaart if w.waarde is None]
    if zonder:
        groepen.append(
            (
                GEEN_CIJFER if is_woon(uit.staat) else GEEN_VESTIGING,
                {
                    "fillcolor": "#ffffff",
                    "fillpattern": {"shape": "/", "fgcolor": GRIJS, "size": 6, "solidity": 0.15},
                },
                zonder,
            )
        )
    data: list[dict[str, Any]] = []
    for label, stijl, codes in groepen:
        spoor = {
            "type": "scatter",
            "mode": "lines",
            "fill": "toself",
            "line": {"color": RAND, "width": 0.5},
            "name": label,
            "meta": codes,
            "hoverinfo": "skip",
            **stijl,
        }
        spoor["x"], spoor["y"] = _vlak(codes, vlakken) if met_geometrie else ([None], [None])
        data.append(spoor)
    gekozen = uit.staat.get("regio")
    if gekozen and any(w.code == gekozen for w in op_kaart):
        rand = {
            "type": "scatter",
            "mode": "lines",
            "name": "gekozen regio",
            "meta": [gekozen],
            "line": {"color": "#000000", "width": 2.5},
            "hoverinfo": "skip",
            "showlegend": False,
        }
        rand["x"], rand["y"] = _vlak([gekozen], vlakken) if met_geometrie else ([None], [None])
        data.append(rand)
    punten = middelpunten(niveau)
    met_punt = [w for w in op_kaart if w.code in punten]
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": "regio's",
            "x": [punten[w.code][0] for w in met_punt],
            "y": [punten[w.code][1] for w in met_punt],
            "customdata": [w.code for w in met_punt],
            "text": [_hover(w, uit) for w in met_punt],
            "hovertemplate": "%{text}<extra></extra>",
            "marker": {"size": 10, "color": "rgba(0,0,0,0)"},
            "showlegend": False,
        }
    )
    return {"data": data, "layout": layout}


# ---------------------------------------------------------------- export of the map


def kaart_export(staat: dict[str, Any]) -> Grafiekexport:
    """The map with inline geometry, and one row per region for CSV/Excel."""
    uit = bereken(staat)
    figuur = kaart_figuur(uit, met_geometrie=True)
    eenheid = uit.eenheid
    reeksen = []
    bron = landelijke_bron(staat.get("telling", "vestiging"))
    for w in uit.regios:
        if w.waarde is None:
            continue
        reeks = Reeks(_sleutel(staat), w.code, w.naam, eenheid, "schooljaar", None)
        reeks.punten.append(
            Punt(
                uit.jaar,
                w.waarde,
                w.waarde,
                (w.status or "afgeleid") if staat["maat"] == "aantal" else "afgeleid",
                bron.get("bron_id", ""),
                bron.get("bron_titel", ""),
                bron.get("bron_uitgever", "DUO"),
                bron.get("bron_url", ""),
                None,
                formule(staat),
                None,
                w.ondergrens,
                w.bovengrens,
            )
        )
        reeksen.append(reeks)
    zonder = [w.naam for w in uit.regios if w.waarde is None]
    kanttekening = regio_kanttekening(staat)
    if zonder and is_woon(staat):
        kanttekening += (
            f" Zonder CBS-cijfer in {schooljaar(uit.jaar)} (geen waarde, niet 0; niet in de "
            f"rijen): {', '.join(zonder)}."
        )
    elif zonder:
        kanttekening += (
            f" Zonder vestiging van dit type in {schooljaar(uit.jaar)} (geen waarde, niet 0; "
            f"niet in de rijen): {', '.join(zonder)}."
        )
    sleutel = _sleutel(staat)
    meta = {
        sleutel: {
            "korte_titel": titel(staat),
            "titel": titel(staat),
            "definitie": formule(staat),
            "kanttekening": kanttekening,
        }
    }
    return Grafiekexport(
        figuur,
        reeksen,
        "absoluut",
        uit.jaar,
        uit.jaar,
        indicator_meta=meta,
        voorbehoud=beeldvoorbehoud(staat),
        kolomnamen={"indicator": "regio", "categorie": "regio_code"},
    )


def _sleutel(staat: dict[str, Any]) -> str:
    """The export's series key; by residence it names the telling (a different count)."""
    woon = "woonplaats_" if is_woon(staat) else ""
    return f"regio_{woon}{staat['soort']}_{staat['niveau']}"
