"""Bronnen & methode: indicator catalogue, sources, status legend, and how the figures differ."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import parse_qs

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard.figuren import format as nl
from dashboard.figuren.theme import STATUS_UITLEG
from dashboard.gegevens import queries
from dashboard.logica import wijzigingen
from dashboard.onderdelen.components import meldingen
from dashboard.onderdelen.state import Param, lees, naar_query
from dashboard.onderdelen.tabelvak import scrolvak
from dashboard.onderdelen.toolbar import (
    ALLEEN_DATA,
    foutmelding,
    permalink,
    registreer_export_callbacks,
    werkbalk,
)
from dashboard.uitvoer import pakket

dash.register_page(
    __name__,
    path="/bronnen",
    name="Bronnen & methode",
    order=90,
    title="Bronnen & methode – Ketenmonitor",
)


ALLE = "alle"


def _log_indicatoren() -> list[str]:
    return sorted({r["indicator_id"] for r in queries.wijzigingen() if r["indicator_id"]})


def _log_versies() -> list[str]:
    return [v["data_versie_kort"] for v in queries.dataversies()]


PARAMS = [
    Param("indicator", None, _log_indicatoren, omschrijving="indicator in de wijzigingen"),
    Param("sinds", None, _log_versies, omschrijving="wijzigingen sinds dataversie"),
]


def _wijzigingtabel(indicator: str | None, sinds: str | None) -> html.Div:
    """Every logged change (newest version first), with the revision's reason when one
    describes it; filtered by indicator and by 'since version'."""
    rijen = queries.wijzigingen(indicator, sinds)
    if not rijen:
        return html.P("Geen wijzigingen voor deze keuze.")
    kop = html.Thead(
        html.Tr(
            [
                html.Th(t, scope="col")
                for t in ("Dataversie", "Soort", "Waarneming", "Oud → nieuw", "Revisie")
            ]
        )
    )
    regels = []
    for r in rijen:
        revisie = (
            [html.Span(nl.datum(r["herzien_op"])), html.Br(), html.Span(r["revisie_noot"] or "")]
            if r["herzien_op"]
            else "–"
        )
        regels.append(
            html.Tr(
                [
                    html.Td(
                        [
                            html.Code(r["data_versie_kort"]),
                            html.Br(),
                            html.Span(nl.datum(r["gebouwd_op"].date()), className="klein"),
                        ]
                    ),
                    html.Td(wijzigingen.SOORT_TEKST.get(r["soort"], r["soort"])),
                    html.Td(wijzigingen.waarneming_tekst(r) or "–"),
                    html.Td(wijzigingen.waarde_tekst(r) or "–"),
                    html.Td(revisie, className="klein"),
                ]
            )
        )
    return scrolvak(
        html.Table([kop, html.Tbody(regels)], className="tabel wijzigingstabel"),
        "Wijzigingen per dataversie",
    )


def _wijzigingen(staat: dict[str, Any]) -> html.Section:
    titels = {r["indicator_id"]: r["korte_titel"] for r in queries.wijzigingen()}
    opties = [{"label": "Alle indicatoren", "value": ALLE}] + [
        {"label": titels[i] or i, "value": i} for i in _log_indicatoren()
    ]
    sinds = staat["sinds"]
    return html.Section(
        [
            dcc.Location(id="bronnen-url", refresh=False),
            html.H2("Wijzigingen per dataversie", id=wijzigingen.LIJST_ANKER),
            html.P(
                "Bij elke bouw vergelijkt Ketenmonitor de nieuwe gegevens met de vorige versie: "
                "nieuwe en vervallen waarnemingen, gewijzigde waarden en statussen. Staat er een "
                "revisie bij, dan staat de reden met bron in de revisietabel. "
                f"Huidige dataversie: {queries.dataversie_kort()}."
            ),
            html.P(
                [
                    f"Alleen wijzigingen sinds dataversie {sinds}. ",
                    dcc.Link("Alle versies tonen", href=wijzigingen.lijst_href(staat["indicator"])),
                ]
            )
            if sinds
            else None,
            html.Div(
                [
                    dbc.Label("Indicator", html_for="bronnen-wijziging-indicator"),
                    dbc.Select(
                        id="bronnen-wijziging-indicator",
                        options=opties,
                        value=staat["indicator"] or ALLE,
                    ),
                ],
                className="paneel",
            ),
            html.Div(_wijzigingtabel(staat["indicator"], sinds), id="bronnen-wijzigingen-tabel"),
            werkbalk("bronnen-wijzigingen-export", formaten=ALLEEN_DATA),
        ],
        className="wijzigingen",
    )


def _catalogus() -> html.Section:
    """Grouped by setting; each indicator expands to its definition, caveats and period."""
    per_setting: dict[str, list[dict[str, Any]]] = {}
    for i in queries.indicatoren():
        per_setting.setdefault(i["setting_naam"], []).append(i)
    groepen = []
    for setting, indicatoren in per_setting.items():
        items = []
        for i in indicatoren:
            herkomst = (
                "Berenschot via Kamerbrief"
                if i["herkomst"] == "kamerbrief_berenschot"
                else "openbare statistiek"
            )
            items.append(
                html.Li(
                    html.Details(
                        [
                            html.Summary(
                                f"{i['titel']} — {i['eenheid']}, {i['periode_type']}, {nl.periode(i['eerste_jaar'], i['laatste_jaar'])}"
                            ),
                            html.Dl(
                                [
                                    html.Dt("Code"),
                                    html.Dd(html.Code(i["indicator_id"])),
                                    html.Dt("Definitie"),
                                    html.Dd(i["definitie"]),
                                    html.Dt("Herkomst"),
                                    html.Dd(herkomst),
                                    html.Dt("Trendbreuk"),
                                    html.Dd(
                                        str(i["reeksbreuk_jaar"])
                                        if i["reeksbreuk_jaar"]
                                        else "geen"
                                    ),
                                    html.Dt("Actielijnen"),
                                    html.Dd(", ".join(map(str, i["actielijnen"])) or "geen"),
                                    html.Dt("Kanttekening"),
                                    html.Dd(i["kanttekening"] or "geen"),
                                ]
                            ),
                        ]
                    )
                )
            )
        groepen.append(
            html.Div(
                [html.H3(f"{setting} ({len(indicatoren)})"), html.Ul(items, className="catalogus")]
            )
        )
    totaal = sum(len(v) for v in per_setting.values())
    return html.Section(
        [html.H2(f"Indicatorcatalogus ({totaal} indicatoren)", id="catalogus"), *groepen]
    )


_SOORT = {
    "primair": "primair (gelezen bij de producent)",
    "secundair": "secundair (gelezen bij een ander)",
}


def _bronlijst() -> html.Table:
    """Every source with its producer first and where it was read: a memo must cite who made
    a figure, and may add the route (an NJi page with CBS figures, a letter quoting Berenschot)."""
    kop = [
        "Producent",
        "Gelezen bij",
        "Titel",
        "Soort",
        "Datum",
        "Gecontroleerd",
        "Licentie",
        "Waarnemingen",
    ]
    bronnen = sorted(queries.bronnen(), key=lambda b: (b["producent"], b["uitgever"], b["titel"]))
    rijen = [
        html.Tr(
            [
                html.Td(b["producent"]),
                html.Td(b["uitgever"]),
                html.Td(html.A(b["titel"], href=b["url"])),
                html.Td(_SOORT.get(b.get("soort"), "onbekend")),
                html.Td(nl.datum(b["datum"])),
                html.Td(
                    nl.datum(b["geraadpleegd"]) if b.get("geraadpleegd") else "niet vastgelegd"
                ),
                html.Td(b["licentie"] or "niet vastgesteld"),
                html.Td(str(b["waarnemingen"]), className="getal"),
            ]
        )
        for b in bronnen
    ]
    bij_producent = sum(b["waarnemingen"] for b in bronnen if b.get("soort") == "primair")
    genoemd = sum(b["waarnemingen"] for b in bronnen if b["producent"] != "onbekend")
    totaal = sum(b["waarnemingen"] for b in bronnen)
    return html.Table(
        [
            html.Caption(
                f"Bronnen ({len(rijen)}); van {totaal} waarnemingen is bij {genoemd} de producent"
                f" genoemd en zijn er {bij_producent} bij de producent zelf gelezen"
            ),
            html.Thead(html.Tr([html.Th(k, scope="col") for k in kop])),
            html.Tbody(rijen),
        ],
        className="tabel",
    )


def _statuslegenda() -> html.Table:
    aantallen = queries.statusaantallen()
    betekenis = {
        "gepubliceerd": "Zo gepubliceerd door de bron; het letterlijke citaat staat erbij.",
        "voorlopig": "De bron markeert het cijfer als voorlopig (* of **); het kan nog wijzigen.",
        "afgeleid": "Door Ketenmonitor berekend uit gepubliceerde cijfers; de formule staat in de noot.",
    }
    return html.Table(
        [
            html.Caption("Statussen"),
            html.Thead(
                html.Tr(
                    [
                        html.Th(k, scope="col")
                        for k in ("Status", "Betekenis", "In grafieken", "Aantal")
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(s),
                            html.Td(betekenis[s]),
                            html.Td(STATUS_UITLEG[s].split(": ", 1)[1]),
                            html.Td(str(aantallen.get(s, 0)), className="getal"),
                        ]
                    )
                    for s in ("gepubliceerd", "voorlopig", "afgeleid")
                ]
            ),
        ],
        className="tabel",
    )


def layout(**kwargs: Any) -> html.Div:
    staat, teksten = lees(PARAMS, kwargs)
    return html.Div(
        [
            html.H1("Bronnen & methode"),
            html.Section(
                [
                    html.H2("Alle gegevens downloaden"),
                    html.P(
                        "Eén zip met een CSV per tabel (puntkomma, decimale komma), de beschrijving "
                        "datapackage.json en een leesmij met bronnen, licentie en statuslegenda."
                    ),
                    html.Button(
                        "Download alle gegevens (zip)",
                        id="bronnen-alles",
                        type="button",
                        className="werkbalk-knop",
                    ),
                    dcc.Download(id="bronnen-alles-download"),
                    html.P(
                        id="bronnen-alles-melding",
                        role="status",
                        className="klein",
                        **{"aria-live": "polite"},
                    ),
                ],
                className="downloadvak",
            ),
            meldingen(teksten, "bronnen-meldingen"),
            html.H2("Waar de cijfers vandaan komen"),
            html.P(
                "Elk getal in Ketenmonitor staat in een bronbestand met de bron (URL) en, "
                "bij gepubliceerde en voorlopige waarden, het letterlijke citaat. Een jaar dat niemand "
                "publiceerde blijft leeg: de grafiek toont dan een gat, nooit een geschatte waarde."
            ),
            html.H2("Berenschot en de openbare reeksen: twee verschillende metingen"),
            html.P(
                "De cijfers uit ‘Druk op de keten’ (Berenschot, december 2023) gaan over kinderen van 0–13 "
                "jaar met geregistreerd gebruik van ondersteuning, berekend uit CBS-microdata met eigen "
                "afbakeningen (bijvoorbeeld so voor 3–13 jaar). De openbare reeksen tellen iets anders: "
                "alle leerlingen, alle kinderen met kinderopvangtoeslag, jongeren van 0–22 jaar met "
                "jeugdhulp. Zo steeg het aantal so-leerlingen volgens DUO in 2016–2019 met ruim 10%, "
                "terwijl Berenschot +12% noemt voor kinderen van 3–13 jaar in het so. Ketenmonitor toont "
                "ze naast elkaar met hun definitie en rekent ze nooit in elkaar om. Geen van de openbare "
                "reeksen komt uit het Berenschot-rapport."
            ),
            html.H2("Telbegrippen en trendbreuken"),
            html.Ul(
                [
                    html.Li(
                        "Elk telbegrip is een eigen indicator (bijv. kinderen met toeslag op enig moment in het jaar versus het SZW-jaargemiddelde versus LRK-capaciteit); ze worden nooit opgeteld of tot één lijn verbonden."
                    ),
                    html.Li(
                        "2020 is een coronajaar: standaard alleen verborgen bij reeksen waarvan de uitgever of de Kamerbrief het atypisch noemt (tabel corona_atypisch, met citaat); tellingen op een peildatum tonen 2020. Een schakelaar toont 2020 overal."
                    ),
                    html.Li(
                        "Jeugdhulp vanaf 2021: meer aanbieders leveren gegevens; de reeks is getekend met een breuk."
                    ),
                    html.Li(
                        "Kinderopvang 2018: peuterspeelzalen vallen onder de kinderopvang (Wet harmonisatie)."
                    ),
                    html.Li("Vso en regulier po 2019: bronwissel van DUO naar CBS."),
                ]
            ),
            scrolvak(_statuslegenda(), "Statussen"),
            _catalogus(),
            scrolvak(_bronlijst(), "Bronnen"),
            _wijzigingen(staat),
        ]
    )


def _staat(search: str | None) -> dict[str, Any]:
    return lees(PARAMS, parse_qs((search or "").lstrip("?")))[0]


@callback(
    Output("bronnen-wijzigingen-tabel", "children"),
    Output("bronnen-url", "search"),
    Input("bronnen-wijziging-indicator", "value"),
    State("bronnen-url", "search"),
    prevent_initial_call=True,
)
def filter_wijzigingen(indicator: str | None, search: str | None):
    staat = _staat(search)
    staat["indicator"] = None if indicator in (None, ALLE) else indicator
    staat, _ = lees(PARAMS, {k: v for k, v in staat.items() if v})
    return _wijzigingtabel(staat["indicator"], staat["sinds"]), naar_query(PARAMS, staat)


registreer_export_callbacks(
    "bronnen-wijzigingen-export",
    [State("bronnen-url", "search")],
    lambda search: wijzigingen.export(_staat(search)["indicator"], _staat(search)["sinds"]),
    locatie_id="bronnen-url",
    formaten=ALLEEN_DATA,
)


@callback(
    Output("bronnen-alles-download", "data"),
    Output("bronnen-alles-melding", "children"),
    Input("bronnen-alles", "n_clicks"),
    prevent_initial_call=True,
)
def download_alles(_klik: int):
    vandaag = date.today()
    try:
        data = pakket.volledige_download(
            queries.tabel_inhoud,
            queries.DOWNLOADTABELLEN,
            queries.descriptor(),
            # the citation in the README points at this page, pinned to this data version
            {**queries.bouwinfo(), "permalink": permalink("/bronnen", "")},
            vandaag,
        )
    except Exception as fout:  # the user gets a message, the log the cause
        return no_update, foutmelding(fout)
    naam = f"ketenmonitor_gegevens_{vandaag:%Y%m%d}.zip"
    return dcc.send_bytes(data, naam), f"{naam} is klaar ({len(data) // 1024} kB)."
