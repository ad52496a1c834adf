"""Bronnen & methode: indicator catalogue, sources, status legend, and how the figures differ."""

from __future__ import annotations

from datetime import date
from typing import Any

import dash
from dash import Input, Output, callback, dcc, html, no_update

from dashboard.figuren import format as nl
from dashboard.figuren.theme import STATUS_UITLEG
from dashboard.gegevens import queries
from dashboard.onderdelen.components import meldingen
from dashboard.onderdelen.state import lees
from dashboard.onderdelen.tabelvak import scrolvak
from dashboard.onderdelen.toolbar import foutmelding
from dashboard.uitvoer import pakket

dash.register_page(
    __name__,
    path="/bronnen",
    name="Bronnen & methode",
    order=90,
    title="Bronnen & methode – Ketenmonitor",
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
    "primair": "primair (uitgever zelf)",
    "secundair": "secundair (krant, aggregator of kopie)",
}


def _bronlijst() -> html.Table:
    """Every source with its kind: a secondary source (newspaper, aggregator, copy) is named as
    such, because a memo must cite the publisher where one exists."""
    kop = ["Uitgever", "Titel", "Soort", "Datum", "Gecontroleerd", "Licentie", "Waarnemingen"]
    bronnen = queries.bronnen()
    rijen = [
        html.Tr(
            [
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
    secundair = sum(b["waarnemingen"] for b in bronnen if b.get("soort") == "secundair")
    totaal = sum(b["waarnemingen"] for b in bronnen)
    return html.Table(
        [
            html.Caption(
                f"Bronnen ({len(rijen)}); {secundair} van {totaal} waarnemingen uit een "
                "secundaire bron"
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
    _, teksten = lees([], kwargs)
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
                        "2020 is een coronajaar: standaard verborgen in trends, aan te zetten met een schakelaar."
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
        ]
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
            queries.bouwinfo(),
            vandaag,
        )
    except Exception as fout:  # the user gets a message, the log the cause
        return no_update, foutmelding(fout)
    naam = f"ketenmonitor_gegevens_{vandaag:%Y%m%d}.zip"
    return dcc.send_bytes(data, naam), f"{naam} is klaar ({len(data) // 1024} kB)."
