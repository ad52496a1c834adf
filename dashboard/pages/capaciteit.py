"""Capaciteit & wachtlijsten: where the chain is full. Every capacity and waiting figure in the
data, the KDC/MKD signals (visibly different from numbers), and what nobody publishes."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import dash
from dash import State, html

from dashboard.figuren.figures import trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import als_jaarrijen, maak_reeksen
from dashboard.logica.lacunes import CAPACITEIT_SIGNALEN, onbekend_lijst
from dashboard.onderdelen.components import (
    exporteer_via_url,
    kengetal,
    meldingen,
    signaal_blok,
    trendkaart,
)
from dashboard.onderdelen.coronaschakelaar import (
    CORONA_PARAM,
    corona_schakelaar,
    registreer_corona_callback,
)
from dashboard.onderdelen.state import lees
from dashboard.onderdelen.toolbar import briefingknop, registreer_briefing_callback

dash.register_page(
    __name__,
    path="/capaciteit",
    name="Capaciteit & wachtlijsten",
    order=3,
    title="Capaciteit & wachtlijsten – Ketenmonitor",
)

WACHTLIJST_KENGETALLEN = [
    "wachtlijst_gespecialiseerd_onderwijs_leerlingen",
    "wachtlijst_gespecialiseerd_onderwijs_scholen_aandeel",
    "wachtlijst_gespecialiseerd_onderwijs_plaatsing_onduidelijk_aandeel",
    "wachtlijst_gespecialiseerd_onderwijs_so_vso_scholen_aandeel_lecso",
    "wachtlijst_gespecialiseerd_onderwijs_sbo_scholen_aandeel_lecso",
]
REEKSGROEPEN = {
    "kinderopvang": (
        "Kinderopvang: locaties en kindplaatsen (Kinderopvang-Wijzer uit het LRK, NJi, SZW via KNGO)",
        [
            # one line per peildatum: a count from October and one from December differ by
            # hundreds of locations without anything changing
            "kinderopvang_locaties_dagopvang",
            "kinderopvang_locaties_dagopvang_begin_jaar",
            "kinderopvang_locaties_dagopvang_eind_oktober",
            "kinderopvang_locaties_dagopvang_eind_jaar",
            "kinderopvang_locaties_bso",
            "kinderopvang_locaties_bso_eind_december",
            "kinderopvang_locaties_bso_eind_oktober",
            "kinderopvang_locaties_bso_eind_juni",
            "kinderopvang_locaties_gastouder",
            "kinderopvang_locaties_gastouder_begin_december",
            "kinderopvang_locaties_gastouder_juli",
            "kinderopvang_kindplaatsen_dagopvang",
            "kinderopvang_kindplaatsen_dagopvang_eind_oktober",
            "kinderopvang_kindplaatsen_dagopvang_begin_juli",
            "kinderopvang_kindplaatsen_bso",
            "kinderopvang_kindplaatsen_bso_eind_december",
            "kinderopvang_kindplaatsen_bso_eind_juni",
        ],
        "Capaciteit op een peildatum, geen gebruik. Eén peildatum per lijn (staat in de titel): "
        "tellingen op een ander moment van het jaar staan als eigen lijn, vaak met één waarde. "
        "Locaties en kindplaatsen zijn aparte telbegrippen.",
    ),
    "ve": (
        "Voorschoolse educatie: plaatsen",
        ["ve_plaatsen_2015_2017", "ve_plaatsen"],
        "Twee reeksen met andere gemeenten en doelgroepdefinities: ze zijn niet verbonden. "
        "2022 is gebaseerd op een andere set gemeenten.",
    ),
    "thuiszitters": (
        "Thuiszitters (leerplichttelling 5–18 jaar; po-leerlingen uit de OCW-begroting)",
        [
            "thuiszitters_langer_dan_3_maanden",
            "thuiszitters_absoluut_verzuim",
            "thuiszitters_relatief_verzuim_langdurig",
            "leerplicht_vrijstelling_5a",
            "thuiszitters_po_langer_dan_3_maanden",
        ],
        "De leerplichttelling gaat over 5 tot 18 jaar, zonder uitsplitsing naar 0–13 jaar; alleen "
        "de po-reeks uit de OCW-begroting telt leerlingen in het primair onderwijs (niet van de "
        "landelijke reeks aftrekken: andere afbakening). Vrijstellingen (artikel 5 onder a) tellen "
        "niet als thuiszitter.",
    ),
}
PARAMS = [CORONA_PARAM]


def _kengetallen() -> html.Section:
    rijen = queries.waarnemingen(WACHTLIJST_KENGETALLEN)
    volgorde = {i: n for n, i in enumerate(WACHTLIJST_KENGETALLEN)}
    rijen.sort(key=lambda r: volgorde[r["indicator_id"]])
    return html.Section(
        [
            html.H2("Wachtlijsten gespecialiseerd onderwijs", id="wachtlijsten"),
            html.P(
                "Peilingen op één moment, geen jaarreeks: de OCW-peiling van 1 oktober 2023 (landelijke raming) "
                "en de LECSO-enquête van najaar 2019 (alleen responderende scholen)."
            ),
            html.Div([kengetal(r) for r in rijen], className="tegels"),
        ]
    )


def _grafiek(sleutel: str, corona: str) -> Grafiekexport:
    titel, ids, _ = REEKSGROEPEN[sleutel]
    meta = queries.indicator_meta()
    rijen = [r for r in als_jaarrijen(queries.waarnemingen(ids)) if r["uitsplitsing"] == "totaal"]
    reeksen = maak_reeksen(rijen, meta, "absoluut", 2016, corona)
    jaren = [p.jaar for r in reeksen for p in r.punten]
    van, tot = min(jaren), max(jaren)
    figuur = trend_figuur(reeksen, "absoluut", van, tot, titel=titel, toon_2020=corona)
    return Grafiekexport(figuur, reeksen, "absoluut", van, tot)


def _reeksgroep(sleutel: str, corona: str) -> html.Section:
    titel, _, uitleg = REEKSGROEPEN[sleutel]
    g = _grafiek(sleutel, corona)
    return html.Section(
        [
            html.H2(titel, id=sleutel),
            html.P(uitleg),
            trendkaart(f"capaciteit-{sleutel}", g.reeksen, g.van, g.tot, titel, toon_2020=corona),
        ]
    )


def _alle_grafieken(search: str | None) -> list[Grafiekexport]:
    staat, _ = lees(PARAMS, parse_qs((search or "").lstrip("?"), keep_blank_values=True))
    return [_grafiek(s, staat["corona"]) for s in REEKSGROEPEN]


for _sleutel in REEKSGROEPEN:
    exporteer_via_url(
        f"capaciteit-{_sleutel}", PARAMS, lambda staat, s=_sleutel: _grafiek(s, staat["corona"])
    )
registreer_briefing_callback(
    "capaciteit",
    [State("_pages_location", "search")],
    _alle_grafieken,
    locatie_id="_pages_location",
)


registreer_corona_callback("capaciteit")


def _signalen() -> html.Section:
    gevonden = [s for s in queries.signalen() if s["signaal_id"] in CAPACITEIT_SIGNALEN]
    return html.Section(
        [
            html.H2("KDC, MKD en Wlz-dagbehandeling: alleen signalen", id="signalen"),
            html.P(
                "Voor deze settings noemt de brief een richting zonder getal. Ze staan hier met het letterlijke citaat, zonder grafiek."
            ),
            html.Div([signaal_blok(s) for s in gevonden], className="tegels signalen"),
        ]
    )


def _onbekend() -> html.Section:
    return html.Section(
        [
            html.H2("Wat we niet weten", id="onbekend"),
            html.P(
                "Indicatoren die de brief noemt of die de keten nodig heeft, maar waarvoor geen openbaar landelijk cijfer bestaat:"
            ),
            onbekend_lijst([]),
        ],
        className="onbekend",
    )


def layout(**kwargs: Any) -> html.Div:
    staat, teksten = lees(PARAMS, kwargs)
    return html.Div(
        [
            html.H1("Capaciteit & wachtlijsten"),
            meldingen(teksten, "capaciteit-meldingen"),
            briefingknop("capaciteit"),
            _kengetallen(),
            _signalen(),
            _onbekend(),
            corona_schakelaar("capaciteit", staat["corona"]),
            *[_reeksgroep(s, staat["corona"]) for s in REEKSGROEPEN],
        ]
    )
