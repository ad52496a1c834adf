"""Actielijnen: the five action lines of Kamerstuk 31 839 nr. 1050, their measures (filterable by
ministry and status, state in the URL), the indicators each line should move, and a timeline."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, dcc, html

from dashboard.figuren import format as nl
from dashboard.figuren.figures import samenvatting, trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import CORONA_ATYPISCH, maak_reeksen
from dashboard.onderdelen.components import exporteer_via_url, grafiekkaart, meldingen
from dashboard.onderdelen.state import Param, lees, naar_query
from dashboard.onderdelen.state import link as pagina_link
from dashboard.onderdelen.toolbar import briefingknop, registreer_briefing_callback, werkbalk

dash.register_page(
    __name__, path="/actielijnen", name="Actielijnen", order=4, title="Actielijnen – Ketenmonitor"
)

MINISTERIES = ["OCW", "VWS", "SZW", "onbekend"]
STATUSSEN = {
    "aangekondigd": "aangekondigd",
    "onderzoek": "in onderzoek",
    "in_uitvoering": "in uitvoering",
    "afgerond": "afgerond",
}
PARAMS = [
    Param(
        "ministerie", list(MINISTERIES), lambda: MINISTERIES, lijst=True, omschrijving="ministerie"
    ),
    Param("status", list(STATUSSEN), lambda: list(STATUSSEN), lijst=True, omschrijving="status"),
]
MAX_GRAFIEKREEKSEN = 5


def _gefilterd(ministeries: list[str], statussen: list[str]) -> list[dict[str, Any]]:
    uit = []
    for m in queries.maatregelen():
        eigen = m["ministerie"] or ["onbekend"]
        if m["status"] in statussen and any(x in ministeries for x in eigen):
            uit.append(m)
    return uit


def _maatregel(m: dict[str, Any], links: list[dict[str, Any]]) -> html.Li:
    ministerie = ", ".join(m["ministerie"]) or "ministerie niet genoemd"
    datum = nl.datum(m["datum"]) if m["datum"] else "datum niet genoemd"
    indicatoren = [
        html.Li(
            [
                dcc.Link(
                    link["korte_titel"],
                    href=pagina_link("/trends", {"indicator": link["indicator_id"]}),
                ),
                f" — {link['toelichting']}",
            ]
        )
        for link in links
    ]
    return html.Li(
        [
            html.H4(m["titel"]),
            html.P(
                f"{ministerie} · {datum} · status in de brief: {STATUSSEN[m['status']]}",
                className="klein",
            ),
            html.P(m["omschrijving"]),
            html.Details(
                [
                    html.Summary("Citaat, latere feiten en indicatoren"),
                    html.Blockquote(f"“{m['citaat']}”"),
                    html.Ul([html.Li(html.A(u, href=u)) for u in m["links"]])
                    if m["links"]
                    else html.P("Geen latere feiten opgenomen.", className="klein"),
                    html.P("Beoogt te bewegen:", className="klein")
                    if indicatoren
                    else html.P("Geen indicator in de data die dit meet.", className="klein"),
                    html.Ul(indicatoren) if indicatoren else None,
                ]
            ),
        ],
        className="maatregel",
    )


GRAFIEK_VAN = 2015


def grafiek_indicatoren(actielijn_id: int) -> list[str]:
    """The public yearly series linked to this line's measures, longest first (at most 5)."""
    meta = queries.indicator_meta()
    ids = {
        i
        for m in queries.maatregelen()
        if m["actielijn_id"] == actielijn_id
        for i in m["indicatoren"]
    }
    trendbaar = [
        i for i in ids if meta[i]["trendbaar"] and meta[i]["herkomst"] == "openbare_statistiek"
    ]
    trendbaar.sort(key=lambda i: (-(meta[i]["laatste_jaar"] - meta[i]["eerste_jaar"]), i))
    return trendbaar[:MAX_GRAFIEKREEKSEN]


def _grafiek_export(actielijn_id: int) -> Grafiekexport | None:
    """Absolute values in panels, from 2015 to each series' latest year.

    Not an index: an index hides a series' years across a trend break (jeugdhulp after
    2020) and turns a rounded share into growth; panels keep every series readable.
    """
    gekozen = grafiek_indicatoren(actielijn_id)
    if not gekozen:
        return None
    meta = queries.indicator_meta()
    tot = max(meta[i]["laatste_jaar"] for i in gekozen)
    meldingen: list[str] = []
    reeksen = maak_reeksen(
        queries.jaarwaarden(gekozen, GRAFIEK_VAN, tot),
        meta,
        "absoluut",
        2016,
        CORONA_ATYPISCH,
        meldingen,
    )
    if not reeksen:
        return None
    van = min(p.jaar for r in reeksen for p in r.punten)
    titel = f"Indicatoren bij actielijn {actielijn_id}"
    return Grafiekexport(
        trend_figuur(reeksen, "absoluut", van, tot, titel=titel, toon_2020=CORONA_ATYPISCH),
        reeksen,
        "absoluut",
        van,
        tot,
        meldingen=meldingen,
    )


def _grafiek(actielijn_id: int) -> html.Div | None:
    g = _grafiek_export(actielijn_id)
    if g is None:
        return None
    id_ = f"actielijn-{actielijn_id}-grafiek"
    niet_getoond = (
        html.Details(
            [
                html.Summary(f"Niet getoond in deze grafiek ({len(g.meldingen)})"),
                html.Ul([html.Li(m) for m in g.meldingen]),
            ],
            className="klein",
        )
        if g.meldingen
        else None
    )
    return html.Div(
        [
            grafiekkaart(id_, g.figuur, samenvatting(g.reeksen, g.van, g.tot, "absoluut")),
            werkbalk(f"{id_}-export"),
            niet_getoond,
        ]
    )


for _nr in range(1, 6):
    exporteer_via_url(
        f"actielijn-{_nr}-grafiek", PARAMS, lambda _staat, nr=_nr: _grafiek_export(nr)
    )
registreer_briefing_callback(
    "actielijnen",
    [],
    lambda: [g for g in (_grafiek_export(nr) for nr in range(1, 6)) if g is not None],
    locatie_id="_pages_location",
)


def _lijnen(staat: dict[str, Any]) -> list[Any]:
    links_per_maatregel: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in queries.maatregel_indicatoren():
        links_per_maatregel[link["maatregel_id"]].append(link)
    per_lijn: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in _gefilterd(staat["ministerie"], staat["status"]):
        per_lijn[m["actielijn_id"]].append(m)
    gefilterd = set(staat["ministerie"]) != set(MINISTERIES) or set(staat["status"]) != set(
        STATUSSEN
    )
    uit = []
    for lijn in queries.actielijnen():
        nr = lijn["actielijn_id"]
        maatregelen = per_lijn.get(nr, [])
        uit.append(
            html.Section(
                [
                    html.H2(f"{nr}. {lijn['titel']}", id=f"actielijn-{nr}"),
                    html.P(lijn["omschrijving"]),
                    html.H3(
                        f"Maatregelen ({len(maatregelen)} na filter)"
                        if gefilterd
                        else f"Maatregelen ({len(maatregelen)})"
                    ),
                    html.Ul(
                        [
                            _maatregel(m, links_per_maatregel[m["maatregel_id"]])
                            for m in maatregelen
                        ],
                        className="kale-lijst",
                    )
                    if maatregelen
                    else html.P("Geen maatregelen bij deze filter.", className="klein"),
                    _grafiek(nr),
                ],
                className="actielijn",
            )
        )
    return uit


def _tijdlijn() -> html.Section:
    per_jaar: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for g in queries.gebeurtenissen():
        per_jaar[g["datum"].year].append(g)
    return html.Section(
        [
            html.H2("Tijdlijn van beleidsmomenten", id="tijdlijn"),
            html.P(
                "Wetten, rapporten, brieven en maatregelen. Waar alleen een jaar of maand bekend is, staat de eerste dag (zie de noot)."
            ),
            html.Ol(
                [
                    html.Li(
                        [
                            html.H3(str(jaar)),
                            html.Ul(
                                [
                                    html.Li(
                                        [
                                            html.Strong(
                                                nl.datum(g["datum"])
                                                if not (g["noot"] or "").startswith("Alleen")
                                                else str(jaar)
                                            ),
                                            f" · {g['soort']} · ",
                                            html.A(g["titel"], href=g["url"]),
                                        ]
                                    )
                                    for g in gebeurtenissen
                                ]
                            ),
                        ]
                    )
                    for jaar, gebeurtenissen in sorted(per_jaar.items())
                ],
                className="tijdlijn kale-lijst",
            ),
        ]
    )


def _spring_menu() -> html.Nav:
    """Jump links to each action line and the timeline: the page is long on a phone."""
    links = [
        html.Li(
            html.A(f"{a['actielijn_id']}. {a['titel']}", href=f"#actielijn-{a['actielijn_id']}")
        )
        for a in queries.actielijnen()
    ]
    links.append(html.Li(html.A("Tijdlijn", href="#tijdlijn")))
    return html.Nav(
        html.Ul(links, className="inpagina"), **{"aria-label": "Actielijnen op deze pagina"}
    )


def layout(**kwargs: Any) -> html.Div:
    staat, teksten = lees(PARAMS, kwargs)
    return html.Div(
        [
            dcc.Location(id="actielijnen-url", refresh=False),
            html.H1("Actielijnen"),
            html.P(
                "De vijf actielijnen uit de Kamerbrief ‘Beleidsreactie onderzoeksrapport Druk op de Keten’ "
                "(16 december 2024, Kamerstuk 31 839 nr. 1050), met de maatregelen en hun status zoals in de "
                "brief, latere feiten met bron, en de indicatoren die elke lijn zou moeten bewegen. Welke "
                "indicator bij welke maatregel hoort is een keuze van Ketenmonitor; de reden staat erbij."
            ),
            meldingen(teksten, "actielijnen-meldingen"),
            _spring_menu(),
            briefingknop("actielijnen"),
            html.Div(
                [
                    html.Fieldset(
                        [
                            html.Legend("Ministerie"),
                            dbc.Checklist(
                                id="actielijnen-ministerie",
                                options=MINISTERIES,
                                value=staat["ministerie"],
                                inline=True,
                            ),
                        ],
                        className="paneel",
                    ),
                    html.Fieldset(
                        [
                            html.Legend("Status in de brief"),
                            dbc.Checklist(
                                id="actielijnen-status",
                                options=[{"label": v, "value": k} for k, v in STATUSSEN.items()],
                                value=staat["status"],
                                inline=True,
                            ),
                        ],
                        className="paneel",
                    ),
                ],
                className="filters",
            ),
            html.Div(_lijnen(staat), id="actielijnen-lijnen"),
            _tijdlijn(),
        ]
    )


def _staat(ministeries: list[str] | None, statussen: list[str] | None) -> dict[str, Any]:
    staat, _ = lees(PARAMS, {"ministerie": ministeries or [], "status": statussen or []})
    staat["ministerie"], staat["status"] = ministeries or [], statussen or []
    return staat


@callback(
    Output("actielijnen-lijnen", "children"),
    Input("actielijnen-ministerie", "value"),
    Input("actielijnen-status", "value"),
    prevent_initial_call=True,
)
def filter_maatregelen(ministeries: list[str], statussen: list[str]):
    return _lijnen(_staat(ministeries, statussen))


@callback(
    Output("actielijnen-url", "search"),
    Input("actielijnen-ministerie", "value"),
    Input("actielijnen-status", "value"),
)
def schrijf_url(ministeries: list[str], statussen: list[str]) -> str:
    """Every parameter in the address, from arrival on: "Link kopiëren" copies the full state."""
    return naar_query(PARAMS, _staat(ministeries, statussen))
