"""Overzicht: the Berenschot headline figures, the ketenkaart, and the four explaining factors."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import dash
from dash import dcc, html

from dashboard.figuren import format as nl
from dashboard.gegevens import queries
from dashboard.logica.ketenkaart import KLASSEN, Knoop, knopen
from dashboard.logica.lacunes import doel_voor_setting, regio_link, regio_tekst
from dashboard.onderdelen.components import RICHTING_PIJL, meldingen, signaal_blok
from dashboard.onderdelen.state import lees

dash.register_page(__name__, path="/", name="Overzicht", order=0, title="Overzicht – Ketenmonitor")

TEGEL_VOLGORDE = ("kinderopvang", "po_regulier", "sbo", "so", "dagbesteding_jeugdwet", "keten")


WAT_GROEIDE = {
    "berenschot_jw_dagbesteding_groei": "kinderen met dagbesteding (Jeugdwet)",
    "berenschot_ko_ondersteuning_groei": "aandeel kinderen met ondersteuning",
    "berenschot_ko_ondersteuning_aandeel": "kinderen met ondersteuning",
    "berenschot_po_ondersteuning_groei": "aandeel kinderen met ondersteuning",
    "berenschot_po_ondersteuning_aandeel": "kinderen met ondersteuning",
    "berenschot_sbo_inschrijvingen_groei": "leerlingen sbo, 3–13 jaar",
    "berenschot_so_inschrijvingen_groei": "leerlingen so, 3–13 jaar",
}
"""What each Berenschot figure counts, in words a reader needs on the tile (from the
indicator definitions; the short titles' "16-19" read like ages)."""


def _tegel_regel(w: dict[str, Any]) -> html.Li:
    """One figure on a tile: what it counts, the value, and what the value means (growth or level)."""
    if w["categorie"] != "totaal" and w["uitsplitsing"] != "leeftijd":
        wat = w["categorie"]
    else:
        wat = WAT_GROEIDE.get(w["indicator_id"]) or w["korte_titel"].split(":")[-1]
        wat = wat.replace("(B)", "").strip()
    if not w["periode_van"]:
        betekenis = "periode niet genoemd"
    elif w["eenheid"] == "procent verandering":
        betekenis = f"groei {w['periode_van']}–{w['periode_tot']}"
    else:
        betekenis = f"in {nl.periode(w['periode_van'], w['periode_tot'])}"
    return html.Li(
        [
            html.Span(f"{wat}: "),
            html.Span(
                nl.met_eenheid(w["waarde"], w["eenheid"]),
                className=f"kengetal status-{w['status']}",
            ),
            html.Span(f" {betekenis}"),
            html.Span(f" ({w['status']})", className="klein"),
        ]
    )


def _tegel(setting_naam: str, waarden: list[dict[str, Any]]) -> html.Article:
    regels = [_tegel_regel(w) for w in waarden]
    citaten = sorted({w["citaat"] for w in waarden if w["status"] != "afgeleid"})
    afgeleid = [w for w in waarden if w["status"] == "afgeleid"]
    details = [html.Summary("Citaat, definitie en bron")]
    details += [html.Blockquote(f"“{c}”") for c in citaten]
    details += [html.P(f"Afgeleid: {w['noot']}", className="klein") for w in afgeleid]
    details.append(html.P(waarden[0]["definitie"], className="klein"))
    details.append(
        html.P(
            ["Bron: ", html.A(waarden[0]["bron_titel"], href=waarden[0]["bron_url"])],
            className="klein",
        )
    )
    return html.Article(
        [html.H3(setting_naam), html.Ul(regels, className="kale-lijst"), html.Details(details)],
        className="tegel",
    )


def _tegels() -> html.Section:
    settings = {s["setting_id"]: s["naam"] for s in queries.settings()}
    per_setting: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for w in queries.berenschot_waarden():
        per_setting[w["setting_id"]].append(w)
    volgorde = [s for s in TEGEL_VOLGORDE if s in per_setting]
    return html.Section(
        [
            html.H2("Kerncijfers uit ‘Druk op de keten’ (Berenschot, 2023)", id="kop-kerncijfers"),
            html.P(
                "Zoals genoemd in de Kamerbrief van 16 december 2024 (Kamerstuk 31 839 nr. 1050). "
                "Berenschot gebruikte CBS-microdata met eigen afbakeningen (kinderen 0–13 jaar met "
                "geregistreerd gebruik van ondersteuning); deze cijfers zijn niet te vergelijken met "
                "de openbare reeksen elders in de monitor. ‘Afgeleid’ = door Ketenmonitor berekend."
            ),
            html.Div(
                [
                    _tegel(
                        settings[s] if s != "keten" else "Duur van ondersteuning", per_setting[s]
                    )
                    for s in volgorde
                ],
                className="tegels",
            ),
        ],
        **{"aria-labelledby": "kop-kerncijfers"},
    )


def _knoop(k: Knoop) -> html.Li:
    inhoud: list[Any] = [html.H4(dcc.Link(k.naam, href=doel_voor_setting(k.setting_id)))]
    if regio := regio_link(k.setting_id):
        inhoud.append(
            html.P(
                dcc.Link(f"per regio: {regio_tekst(k.setting_id)}", href=regio), className="klein"
            )
        )
    if k.groei is not None:
        inhoud.append(
            html.P(nl.met_eenheid(k.groei, "procent verandering"), className="knoop-getal")
        )
        inhoud.append(html.P(f"{k.groei_bron}, 2016–2019 ({k.groei_status})", className="klein"))
    if k.vergelijking:
        inhoud.append(html.P(k.vergelijking, className="klein"))
    if k.vergelijking_niet and k.groei is not None:
        inhoud.append(html.P(k.vergelijking_niet, className="klein"))
    for s in k.signalen[:2] if k.groei is None else []:
        pijl, woord = RICHTING_PIJL.get(s["richting"], ("•", s["richting"]))
        inhoud.append(
            html.P(
                [
                    html.Span(pijl, className="pijl", **{"aria-hidden": "true"}),
                    f" {s['onderwerp']}: {woord}",
                ],
                className="knoop-signaal",
            )
        )
        inhoud.append(html.Details([html.Summary("Citaat"), html.Blockquote(f"“{s['citaat']}”")]))
    if k.groei is None and not k.signalen:
        inhoud.append(html.P("Geen cijfer en geen signaal in de brief.", className="klein"))
    return html.Li(inhoud, className=f"knoop {k.klasse}")


def _ketenkaart() -> html.Section:
    banen = knopen()
    legenda = [html.Li(tekst, className=f"legenda-item {klasse}") for _, klasse, tekst in KLASSEN]
    legenda.append(
        html.Li("alleen een signaal, geen cijfer", className="legenda-item groei-onbekend")
    )
    return html.Section(
        [
            html.H2("Ketenkaart: groei 2016–2019 per setting", id="kop-ketenkaart"),
            html.P(
                "Elke setting toont de groei tussen 2016 en 2019 waar een cijfer bestaat, en anders het "
                "kwalitatieve signaal uit de brief. Klik op een naam om de reeksen in Trends te openen."
            ),
            html.Ul(legenda, className="legenda", **{"aria-label": "Legenda: kleur naar groei"}),
            *[
                html.Div(
                    [html.H3(baan), html.Ol([_knoop(k) for k in rij], className="baan")],
                    className="baanvak",
                )
                for baan, rij in banen.items()
            ],
        ],
        className="ketenkaart",
        **{"aria-labelledby": "kop-ketenkaart"},
    )


def _factoren() -> html.Section:
    return html.Section(
        [
            html.H2("Vier verklarende factoren volgens de brief"),
            html.Div(
                [signaal_blok(s) for s in queries.signalen("verklarende_factor")],
                className="tegels",
            ),
        ]
    )


def layout(**kwargs: Any) -> html.Div:
    _, teksten = lees([], kwargs)
    return html.Div(
        [
            html.H1("Druk op de keten: overzicht"),
            meldingen(teksten, "overzicht-meldingen"),
            html.P(
                "De druk op de keten van kinderopvang, onderwijs en zorg voor kinderen met een extra "
                "ondersteuningsbehoefte nam tussen 2016 en 2019 toe. Hieronder de kerncijfers, de keten "
                "per setting en de verklaringen die de Kamerbrief geeft.",
                className="inleiding",
            ),
            _tegels(),
            _ketenkaart(),
            _factoren(),
        ]
    )
