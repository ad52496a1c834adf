"""Wetten & doelgroepen: the AEF legal map — twelve laws × three target groups, prevention and
cooperation per law, actors and quotes on expand, and the link from 'verkokering' to action line 5."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import dash
from dash import dcc, html

from dashboard.gegevens import queries
from dashboard.onderdelen.components import meldingen, signaal_blok
from dashboard.onderdelen.state import Param, lees
from dashboard.onderdelen.tabelvak import scrolvak

dash.register_page(
    __name__,
    path="/wetten",
    name="Wetten & doelgroepen",
    order=5,
    title="Wetten & doelgroepen – Ketenmonitor",
)

DOMEINEN = {
    "onderwijs": "Onderwijs",
    "jeugdhulp_ondersteuning_zorg": "Jeugdhulp, ondersteuning en zorg",
    "werk_en_inkomen": "Werk en inkomen",
    "opvang": "Opvang",
}
PREVENTIE = {"ja": "ja", "nee": "nee", "beperkt": "beperkt", None: "rapport zegt niets"}
PARAMS = [Param("doelgroep", 0, lambda: [0, 1, 2, 3], soort=int, omschrijving="doelgroep")]


def _matrix(doelgroepen: list[dict[str, Any]], filter_groep: int) -> html.Table:
    per_domein: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for w in queries.wetten():
        if filter_groep == 0 or filter_groep in w["doelgroepen"]:
            per_domein[w["domein"]].append(w)
    kop = html.Tr(
        [html.Th("Wet (jaar van invoering)", scope="col")]
        + [html.Th(f"Doelgroep {d['doelgroep_id']}: {d['naam']}", scope="col") for d in doelgroepen]
        + [
            html.Th("Preventie", scope="col"),
            html.Th("Samenwerking, actoren en citaat", scope="col"),
        ]
    )
    lichamen = []
    for domein in DOMEINEN:
        wetten = sorted(per_domein.get(domein, []), key=lambda w: (w["jaar_invoering"], w["naam"]))
        if not wetten:
            continue
        rijen = [
            html.Tr(
                html.Th(
                    DOMEINEN[domein],
                    colSpan=3 + len(doelgroepen),
                    scope="colgroup",
                    className="domeinkop",
                )
            )
        ]
        for w in wetten:
            naam = f"{w['naam']} ({w['afkorting']})" if w["afkorting"] else w["naam"]
            rijen.append(
                html.Tr(
                    [html.Th(f"{naam}, {w['jaar_invoering']}", scope="row")]
                    + [
                        html.Td(
                            "✓ ja" if d["doelgroep_id"] in w["doelgroepen"] else "– nee",
                            className="ja" if d["doelgroep_id"] in w["doelgroepen"] else "nee",
                        )
                        for d in doelgroepen
                    ]
                    + [
                        html.Td(PREVENTIE.get(w["preventie"], w["preventie"])),
                        html.Td(
                            html.Details(
                                [
                                    html.Summary("Toon"),
                                    html.P(
                                        [
                                            "Samenwerking: ",
                                            w["samenwerking"] or "het rapport zegt niets",
                                        ]
                                    ),
                                    html.P(["Actoren: ", w["actoren"] or "niet genoemd"]),
                                    html.Blockquote(f"“{w['citaat']}”"),
                                    html.P(w["noot"], className="klein") if w["noot"] else None,
                                    html.P(
                                        ["Bron: ", html.A(w["bron_titel"], href=w["bron_url"])],
                                        className="klein",
                                    ),
                                ]
                            )
                        ),
                    ]
                )
            )
        lichamen.append(html.Tbody(rijen))
    return html.Table(
        [
            html.Caption(
                "De twaalf wetten uit het AEF-rapport × de drie doelgroepen, per domein op jaar van invoering"
            ),
            html.Thead(kop),
            *lichamen,
        ],
        className="tabel matrix",
    )


def layout(**kwargs: Any) -> html.Div:
    staat, teksten = lees(PARAMS, kwargs)
    doelgroepen = queries.doelgroepen()
    verkokering = [
        s for s in queries.signalen("verklarende_factor") if "verkokering" in s["onderwerp"]
    ]
    lijn5 = next((a for a in queries.actielijnen() if a["actielijn_id"] == 5), None)
    filterlinks = [dcc.Link("alle doelgroepen", href="/wetten")] + [
        item
        for d in doelgroepen
        for item in (
            " · ",
            dcc.Link(
                f"doelgroep {d['doelgroep_id']}", href=f"/wetten?doelgroep={d['doelgroep_id']}"
            ),
        )
    ]
    return html.Div(
        [
            html.H1("Wetten & doelgroepen"),
            html.P(
                "Kinderen met een extra ondersteuningsbehoefte krijgen te maken met twaalf wetten, elk met eigen "
                "doelgroepen, actoren en plichten. De tabel hieronder volgt het AEF-rapport ‘Ontwikkelen over de "
                "grenzen heen’ (2021) voor Programma Met Andere Ogen."
            ),
            meldingen(teksten, "wetten-meldingen"),
            html.H2("De drie doelgroepen"),
            html.Ol(
                [html.Li([html.Strong(d["naam"]), f": {d['omschrijving']}"]) for d in doelgroepen]
            ),
            html.P(["Toon wetten voor: ", *filterlinks]),
            scrolvak(_matrix(doelgroepen, staat["doelgroep"]), "wetten × doelgroepen"),
            html.H2("Verkokering en actielijn 5"),
            html.P(
                "De brief noemt de verkokering van wet- en regelgeving als een van de vier verklarende factoren "
                "voor de druk op de keten. Actielijn 5 richt zich daarop."
            ),
            *[signaal_blok(s) for s in verkokering],
            html.P(
                [
                    "Actielijn 5: ",
                    dcc.Link(lijn5["titel"], href="/actielijnen#actielijn-5")
                    if lijn5
                    else "niet gevonden",
                ]
            ),
        ]
    )
