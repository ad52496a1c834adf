"""Small layout pieces shared by pages: notices, chart cards with a text alternative, tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import State, dcc, html

from dashboard.figuren import format as nl
from dashboard.figuren.citatie import citeerregel
from dashboard.figuren.figures import samenvatting, trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.theme import bron_van, producenten_van, uitlijning_van
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import Reeks
from dashboard.onderdelen.state import huidige_versie, lees
from dashboard.onderdelen.tabelvak import scrolvak
from dashboard.onderdelen.toolbar import registreer_export_callbacks, werkbalk

RICHTING_PIJL = {
    "stijgend": ("↑", "stijgend"),
    "licht_stijgend": ("↗", "licht stijgend"),
    "sterkste_stijging": ("⇑", "sterkste stijging"),
    "dalend": ("↓", "dalend"),
    "stabiel": ("→", "stabiel"),
    "hoog": ("▲", "hoog"),
    "relatief_vaker": ("↑", "relatief vaker"),
    "geen_vergelijkbare_stijging": ("→", "geen vergelijkbare stijging"),
}


def meldingen(teksten: list[str], id_: str) -> html.Div:
    """Visible, polite notices (invalid URL values and the like)."""
    return html.Div(
        [dbc.Alert(t, color="warning", className="melding") for t in teksten],
        id=id_,
        role="status",
        **{"aria-live": "polite"},
    )


GRAFIEK_CONFIG = {"displayModeBar": False, "displaylogo": False, "responsive": True}
"""No Plotly modebar: its "share" uploads to Plotly's cloud and its camera makes a second,
worse PNG. The toolbar under each chart is the one export route."""


def grafiekkaart(id_: str, figuur: dict[str, Any], samenvatting: str) -> html.Figure:
    """A chart, its source line (as text under it) and its generated text alternative."""
    return html.Figure(
        [
            html.Div(
                [
                    # filled from the figure title on narrow screens (assets/grafiektitel.js)
                    html.Div(className="grafiektitel-smal"),
                    dcc.Graph(id=id_, figure=figuur, config=GRAFIEK_CONFIG),
                ],
                className="grafiekvlak",
            ),
            html.P(bronblok(figuur), id=f"{id_}-bron", className="bronregel klein"),
            html.P(citeerblok(figuur), id=f"{id_}-citeer", className="citeerregel klein"),
            html.Figcaption(samenvatting, id=f"{id_}-samenvatting", className="samenvatting"),
        ],
        className="grafiekkaart",
        **{"aria-describedby": f"{id_}-samenvatting"},
    )


def bronblok(figuur: dict[str, Any]) -> list[Any]:
    """The source line under a chart and, for a chart that mixes calendar and school years,
    how they are aligned (the same note the image export prints)."""
    noot = uitlijning_van(figuur)
    return [bron_van(figuur), *([html.Br(), noot] if noot else [])]


LINK_PLEK = "\x00"
_CURSIEF = ("\x01", "\x02")


def citeerblok(figuur: dict[str, Any]) -> list[Any]:
    """The citation line under a chart (`dashboard.figuren.citatie`), as page content.

    The permalink is the address in the browser with `versie=` set: it is written in by
    `assets/werkbalk.js` (class `citeerlink`, from the element's `data-versie`), because the
    page's address changes with every choice while this line is drawn once; the server
    renders the rest, so version, date and sources come from the open build.
    """
    titel = Grafiekexport(figuur, [], "absoluut", 0, 0).titel
    if not titel:
        return []
    bouw = _bouw()
    tekst = citeerregel(
        titel,
        str(bouw.get("data_versie_kort") or ""),
        bouw.get("gebouwd_op"),
        LINK_PLEK,
        producenten_van(figuur),
        _CURSIEF,
    )
    voor, na = tekst.split(LINK_PLEK, 1)
    begin, rest = voor.split(_CURSIEF[0], 1)
    schuin, rest = rest.split(_CURSIEF[1], 1)
    versie = huidige_versie() or ""
    return [
        html.Span("Citeer als: ", className="citeerkop"),
        begin,
        html.I(schuin),
        rest,
        html.A(
            "link naar deze weergave", href="", className="citeerlink", **{"data-versie": versie}
        ),
        na,
    ]


def _bouw() -> dict[str, Any]:
    """The open build's version and date; a page without a database still renders."""
    try:
        return queries.bouwinfo()
    except Exception:  # no database: the line says 'onbekend' rather than failing the page
        return {}


def signaal_blok(signaal: dict[str, Any], kop_niveau: int = 3) -> html.Article:
    pijl, woord = RICHTING_PIJL.get(signaal["richting"], ("•", signaal["richting"]))
    kop = getattr(html, f"H{kop_niveau}")
    periode = signaal.get("periode_omschrijving") or "periode niet genoemd"
    return html.Article(
        [
            kop(
                [
                    html.Span(pijl, className="pijl", **{"aria-hidden": "true"}),
                    f" {signaal['onderwerp'].removeprefix('verklarende_factor: ')}",
                ]
            ),
            html.P(
                f"Richting: {woord} · periode: {periode} · signaal zonder cijfer", className="klein"
            ),
            html.Blockquote(f"“{signaal['citaat']}”"),
            html.P(
                ["Bron: ", html.A(signaal["bron_titel"], href=signaal["bron_url"])],
                className="klein",
            ),
        ],
        className="signaal",
    )


def datatabel(reeksen: list[Reeks], sorteer: str, weergave: str, caption: str) -> html.Div:
    """The chart's table alternative: every plotted point with status and source.

    Wrapped in a focusable scroll box, so at 390 px the table scrolls and the page does not.
    """
    rijen = [(r, p) for r in reeksen for p in r.punten]
    sleutels = {
        "indicator": lambda rp: (rp[0].label, rp[1].jaar),
        "jaar": lambda rp: (rp[1].jaar, rp[0].label),
        "waarde": lambda rp: (-rp[1].getoond, rp[0].label),
    }
    rijen.sort(key=sleutels.get(sorteer, sleutels["indicator"]))
    kop = ["Indicator", "Periode", "Waarde", "Status", "Bron"]
    if weergave != "absoluut":
        kop.insert(3, "Getoond (index of %)")
    body = []
    for reeks, p in rijen:
        waarde = nl.met_eenheid(p.waarde, reeks.eenheid)
        if p.ondergrens is not None and p.bovengrens is not None:
            waarde += (
                f" (bereik {nl.met_eenheid(p.ondergrens, reeks.eenheid)}–"
                f"{nl.met_eenheid(p.bovengrens, reeks.eenheid)})"
            )
        cellen = [
            html.Td(reeks.label),
            html.Td(
                nl.periode(
                    p.jaar, p.jaar if p.periode_tot is None else p.periode_tot, reeks.periode_type
                )
            ),
            html.Td(waarde, className="getal"),
        ]
        if weergave != "absoluut":
            cellen.append(html.Td(nl.getal(p.getoond, 1), className="getal"))
        cellen += [
            html.Td(
                p.status + (", herzien" if p.herzien else ""),
                className=f"status status-{p.status}",
            ),
            html.Td(
                [
                    # producer first; "via ..." names where it was read when that is someone else
                    html.A(f"{p.bron_uitgever}: {p.bron_titel}", href=p.bron_url),
                    *vindplaats_regel(p.vindplaats),
                ]
            ),
        ]
        body.append(html.Tr(cellen))
    tabel = html.Table(
        [
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(k, scope="col") for k in kop])),
            html.Tbody(body),
        ],
        className="tabel",
    )
    return scrolvak(tabel, caption)


def vindplaats_regel(vindplaats: str | None) -> list[Any]:
    """ "In de bron: tabel …, rij …, kolom …" under a quote or source, or nothing. A quote of
    table cells run together ("Totaal785818825828") only leads back to its number with it."""
    if not vindplaats:
        return []
    return [html.Br(), html.Span(f"In de bron: {vindplaats}", className="klein vindplaats")]


def citaat_blok(citaat: str | None, vindplaats: str | None) -> list[Any]:
    """A verbatim quote with, where the quote is table cells, where in the source it stands."""
    if not citaat:
        return []
    uit: list[Any] = [html.Blockquote(f"“{citaat}”")]
    if vindplaats:
        uit.append(html.P(f"In de bron: {vindplaats}", className="klein vindplaats"))
    return uit


def kengetal(waarneming: dict[str, Any]) -> html.Article:
    """One published figure as a tile: value, period, status, definition, quote and source."""
    w = waarneming
    periode = nl.periode(w["periode_van"], w["periode_tot"], w.get("periode_type", "kalenderjaar"))
    categorie = "" if w["categorie"] == "totaal" else f" ({w['categorie']})"
    return html.Article(
        [
            html.H3(w["korte_titel"] + categorie),
            html.P(
                [
                    html.Span(
                        nl.met_eenheid(w["waarde"], w["eenheid"]),
                        className=f"kengetal status-{w['status']}",
                    ),
                    f" {periode} ({w['status']})",
                ]
            ),
            html.P(w["definitie"], className="klein"),
            html.Details(
                [
                    html.Summary("Citaat en bron"),
                    *citaat_blok(w.get("citaat"), w.get("vindplaats")),
                    html.P(w["noot"], className="klein") if w.get("noot") else None,
                    html.P(
                        [
                            "Bron: ",
                            html.A(f"{w['bron_uitgever']}: {w['bron_titel']}", href=w["bron_url"]),
                        ],
                        className="klein",
                    ),
                ]
            ),
        ],
        className="tegel",
    )


def trendkaart(
    id_: str,
    reeksen: list[Reeks],
    van: int,
    tot: int,
    titel: str | None = None,
    toon_2020: bool | str = False,
) -> html.Figure:
    """A trend chart card (absolute values; 2020 hidden unless asked) with summary and table."""
    figuur = trend_figuur(reeksen, "absoluut", van, tot, titel=titel, toon_2020=toon_2020)
    tekst = samenvatting(reeksen, van, tot, "absoluut")
    kaart = grafiekkaart(id_, figuur, tekst)
    kaart.children.insert(1, werkbalk(f"{id_}-export"))
    kaart.children.append(
        html.Details(
            [
                html.Summary("Tabel bij deze grafiek"),
                datatabel(reeksen, "indicator", "absoluut", titel or "Gegevens"),
            ]
        )
    )
    return kaart


def uitsplitsing_kaart(id_: str, g: Grafiekexport, extra: list[Any] | None = None) -> html.Div:
    """A breakdown chart (line or bar, see `dashboard.logica.uitsplitsing`) with toolbar and table.

    `extra` (definition, caveat) goes inside the same card, so it reads as belonging to this
    chart and not to the next one.
    """
    punten = [(r, p) for r in g.reeksen for p in r.punten]
    lijn = any(t.get("type") == "scatter" for t in g.figuur.get("data", []))
    if lijn and len({p.jaar for _, p in punten}) >= 2:
        tekst = samenvatting(g.reeksen, g.van, g.tot, "absoluut")
    elif len({p.jaar for _, p in punten}) >= 2:
        # separate dates side by side (bars, heat map): per category its value at each date,
        # never a "latest value" that would read as the end of a trend
        tekst = f"{g.titel}. " + "; ".join(
            f"{r.categorie}: "
            + ", ".join(f"{p.jaar} {nl.met_eenheid(p.waarde, r.eenheid)}" for p in r.punten)
            for r in g.reeksen
        )
    else:
        tekst = f"{g.titel}. " + "; ".join(
            f"{r.categorie}: {nl.met_eenheid(p.waarde, r.eenheid)} ({p.status})" for r, p in punten
        )
    kaart = grafiekkaart(id_, g.figuur, tekst)
    kaart.children.insert(1, werkbalk(f"{id_}-export"))
    kaart.children.append(
        html.Details(
            [
                html.Summary("Tabel bij deze grafiek"),
                datatabel(g.reeksen, "indicator", "absoluut", g.titel),
            ]
        )
    )
    return html.Div([kaart, *(extra or [])], className="kaart-met-uitleg")


def exporteer_via_url(
    id_: str, params: list[Any], maak: Callable[[dict[str, Any]], Grafiekexport]
) -> None:
    """Wire the toolbar of chart `id_` whose content follows from the page's URL state.

    The export recomputes the chart from the same validated state the page used, so the file
    holds exactly what is on screen. Call at module level of the page.
    """

    def vanuit_url(search: str | None) -> Grafiekexport:
        staat, _ = lees(params, parse_qs((search or "").lstrip("?"), keep_blank_values=True))
        return maak(staat)

    registreer_export_callbacks(
        f"{id_}-export",
        [State("_pages_location", "search")],
        vanuit_url,
        locatie_id="_pages_location",
    )
