"""Overzicht: where the chain stands now, the Berenschot figures, the ketenkaart, the factors.

The 'Waar staat de keten nu' table and its headline come from `logica.nu` (one row per
setting, computed once); the ketenkaart shows 2016–2019 or, with `?periode=sinds-2019`,
the change per year since 2019 from the same rows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import dash
from dash import dcc, html

from dashboard.figuren import format as nl
from dashboard.figuren.sparklijn import als_data_uri, sparklijn_svg
from dashboard.gegevens import queries
from dashboard.logica import nu, nu_export, wijzigingen
from dashboard.logica.ketenkaart import KLASSEN, KLASSEN_PER_JAAR, PERIODES, Knoop, knopen
from dashboard.logica.lacunes import doel_voor_setting, regio_link, regio_tekst
from dashboard.onderdelen.components import RICHTING_PIJL, citaat_blok, meldingen, signaal_blok
from dashboard.onderdelen.state import Param, lees
from dashboard.onderdelen.tabelvak import scrolvak
from dashboard.onderdelen.toolbar import (
    briefingknop,
    registreer_briefing_callback,
    registreer_export_callbacks,
    werkbalk,
)

dash.register_page(__name__, path="/", name="Overzicht", order=0, title="Overzicht – Ketenmonitor")

PARAMS = [
    Param("periode", "2016-2019", lambda: PERIODES, omschrijving="periode van de ketenkaart"),
]
PERIODE_NAAM = {"2016-2019": "2016–2019", "sinds-2019": "Sinds 2019"}

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
    citaten = sorted(
        {(w["citaat"], w.get("vindplaats") or "") for w in waarden if w["status"] != "afgeleid"}
    )
    afgeleid = [w for w in waarden if w["status"] == "afgeleid"]
    details = [html.Summary("Citaat, definitie en bron")]
    details += [deel for c, v in citaten for deel in citaat_blok(c, v)]
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


def _status(tekst: str, status: str) -> html.Span:
    return html.Span(tekst, className=f"status-{status}")


def _cel_reeks(r: nu.Rij) -> list[Any]:
    if r.reeks is None:
        return [html.Br(), html.Span("geen openbare reeks", className="klein")]
    return [html.Br(), dcc.Link(r.reeks["korte_titel"], href=r.trends_link, className="klein")]


def _cel_laatste(r: nu.Rij) -> Any:
    p = r.laatste
    if p is None or r.reeks is None:
        return "geen openbare reeks"
    periode = nl.periode(p["jaar"], p["jaar"], r.reeks["periode_type"])
    return [
        html.Span(nl.met_eenheid(p["waarde"], r.reeks["eenheid"]), className="nu-getal"),
        html.Br(),
        f"{periode} ",
        _status(f"({p['status']})", p["status"]),
    ]


def _cel_basis(r: nu.Rij) -> list[Any]:
    delen: list[Any] = []
    if r.basis:
        delen.append(html.Span(f"Reeks: {r.basis.tekst()}"))
    elif r.reeks:
        delen.append(html.Span(f"Reeks: {r.basis_reden}"))
    else:
        delen.append(html.Span("Geen openbare reeks"))
    if r.berenschot:
        delen += [html.Br(), html.Span(nu.berenschot_tekst(r), className="klein nu-berenschot")]
    return delen


def _cel_sinds(r: nu.Rij) -> list[Any]:
    if r.sinds is None:
        if r.reeks is None:
            return [_signalen_kort(r)]
        return [html.Span(r.sinds_reden)]
    s = r.sinds
    return [
        html.Span(nu.procent(s.procent), className="nu-getal"),
        f" {s.periode} ({s.jaren} jaar)",
        html.Br(),
        html.Span(f"{nu.procent(s.per_jaar)} per jaar", className="klein"),
        *(
            [html.Br(), html.Span(f"na trendbreuk {s.na_breuk}", className="klein")]
            if s.na_breuk
            else []
        ),
        *([html.Br(), _status("(voorlopig)", "voorlopig")] if s.status == "voorlopig" else []),
    ]


def _signalen_kort(r: nu.Rij) -> Any:
    if not r.signalen:
        return "Geen signaal in de brief."
    regels = []
    for sig in r.signalen:
        pijl, woord = RICHTING_PIJL.get(sig["richting"], ("•", sig["richting"]))
        regels.append(
            html.Li(
                [
                    html.Span(pijl, className="pijl", **{"aria-hidden": "true"}),
                    f" {sig['onderwerp']}: {woord}",
                ]
            )
        )
    return html.Div(
        [
            html.Span("Signaal uit de Kamerbrief:", className="klein"),
            html.Ul(regels, className="kale-lijst klein"),
        ]
    )


def _cel_aandeel(r: nu.Rij) -> Any:
    a = r.aandeel
    if a is None:
        return html.Span("geen aandeel van dezelfde bron" if r.reeks else "–", className="klein")
    periode = nl.periode(a.laatste_jaar, a.laatste_jaar, a.periode_type)
    delen: list[Any] = [
        html.Span(nl.met_eenheid(a.laatste, "procent")),
        f" in {periode} ",
        _status(f"({a.status})", a.status),
        html.Br(),
    ]
    if a.verschil_pp is not None:
        delen.append(
            html.Span(
                f"{nu.procentpunt(a.verschil_pp)} sinds {nl.periode(a.van, a.van, a.periode_type)}",
                className="klein",
            )
        )
    else:
        delen.append(html.Span(a.reden, className="klein"))
    delen += [html.Br(), html.Span(a.naam, className="klein")]
    return delen


def _cel_verloop(r: nu.Rij) -> Any:
    punten = [(p["jaar"], p["waarde"], p["status"]) for p in r.punten if p["jaar"] >= nu.BASIS_VAN]
    if not punten or r.reeks is None:
        return html.Span("–", className="klein")
    svg = sparklijn_svg(punten, r.reeks.get("reeksbreuk_jaar"))
    return html.Img(src=als_data_uri(svg), alt="", className="sparklijn", **{"aria-hidden": "true"})


def _cel_richting(r: nu.Rij) -> Any:
    if r.richting:
        return html.Strong(r.richting, className=f"richting richting-{r.richting}")
    if r.reeks is None and r.signalen:
        woorden = sorted(
            {RICHTING_PIJL.get(s["richting"], ("", s["richting"]))[1] for s in r.signalen}
        )
        return html.Span(f"{', '.join(woorden)} (signaal brief)", className="klein")
    return html.Span("geen richting: geen verandering te berekenen", className="klein")


def _cel_actielijnen(r: nu.Rij) -> Any:
    if not r.actielijnen:
        return html.Span("geen maatregel gekoppeld", className="klein")
    return html.Ul(
        [
            html.Li(
                [
                    dcc.Link(
                        f"Actielijn {a['nr']}",
                        href=f"/actielijnen#actielijn-{a['nr']}",
                        title=a["titel"],
                    ),
                    html.Span(
                        " ("
                        + ", ".join(
                            f"{n} {st.replace('_', ' ')}"
                            for st, n in sorted(a["statussen"].items())
                        )
                        + ")",
                        className="klein",
                    ),
                ]
            )
            for a in r.actielijnen
        ],
        className="kale-lijst klein",
    )


KOLOMMEN_NU = (
    "Setting en reeks",
    "Laatste waarde",
    "2016–2019",
    "Sinds 2019",
    "Aandeel",
    "Verloop sinds 2016",
    "Richting",
    "Actielijnen (maatregelen)",
)


def _nu_tabel(rijen: list[nu.Rij]) -> html.Table:
    kop = html.Thead(html.Tr([html.Th(k, scope="col") for k in KOLOMMEN_NU]))
    lijf = html.Tbody(
        [
            html.Tr(
                [
                    html.Th([html.Span(r.naam), *_cel_reeks(r)], scope="row"),
                    html.Td(_cel_laatste(r)),
                    html.Td(_cel_basis(r)),
                    html.Td(_cel_sinds(r)),
                    html.Td(_cel_aandeel(r)),
                    html.Td(_cel_verloop(r)),
                    html.Td(_cel_richting(r)),
                    html.Td(_cel_actielijnen(r)),
                ],
                id=f"nu-{r.setting_id}",
            )
            for r in rijen
        ]
    )
    bijschrift = (
        "Waar staat de keten nu: per setting de laatste waarde, de verandering 2016–2019 en "
        f"sinds {nu.VANAF} (nooit over een trendbreuk), het aandeel en de richting"
    )
    return html.Table(
        [html.Caption(bijschrift), kop, lijf], className="tabel nu-tabel", id="nu-tabel"
    )


def _nu(rijen: list[nu.Rij]) -> html.Section:
    drempel = nl.getal(nu.DREMPEL_PER_JAAR)
    return html.Section(
        [
            html.H2("Waar staat de keten nu", id="kop-nu"),
            html.Div([html.P(z) for z in nu.kop_zinnen(rijen)], className="nu-kop", id="nu-kop"),
            html.P(
                [
                    "Per jaar = samengestelde groei: ((eind / begin)^(1 / jaren) − 1) × 100, zodat "
                    "een periode van één en van zes jaar te vergelijken zijn. Richting: ‘stijgt’ bij "
                    f"+{drempel}% per jaar of meer, ‘daalt’ bij meer dan −{drempel}% per jaar, "
                    "daartussen ‘stabiel’ (vaste drempel, zie ",
                    dcc.Link("methode", href="/bronnen"),
                    "). Nooit over een trendbreuk: ligt de breuk na 2019, dan de verandering vanaf "
                    "de breuk. Berenschot telde met eigen afbakeningen; dat cijfer staat ernaast, "
                    "nooit ermee verrekend. Een aandeel staat er alleen bij als dezelfde bron het "
                    "voor dezelfde jaren geeft (verschil in procentpunten). Periodes zoals de bron "
                    "ze schrijft (schooljaar 2023/24). In het verloop: open punt = voorlopig of "
                    "afgeleid, gestreept = naar een voorlopige waarde, onderbroken = trendbreuk.",
                ],
                className="klein",
            ),
            scrolvak(_nu_tabel(rijen), "Waar staat de keten nu"),
            werkbalk("overzicht-nu-export"),
        ],
        className="nu",
        **{"aria-labelledby": "kop-nu"},
    )


def _knoop(k: Knoop) -> html.Li:
    inhoud: list[Any] = [html.H4(dcc.Link(k.naam, href=doel_voor_setting(k.setting_id)))]
    if regio := regio_link(k.setting_id):
        inhoud.append(
            html.P(
                dcc.Link(f"per regio: {regio_tekst(k.setting_id)}", href=regio), className="klein"
            )
        )
    if k.per_jaar is not None and k.groei is not None:
        inhoud.append(html.P(f"{nu.procent(k.per_jaar)} per jaar", className="knoop-getal"))
        inhoud.append(
            html.P(
                f"{nu.procent(k.groei)} in totaal, {k.groei_bron} ({k.groei_status})",
                className="klein",
            )
        )
    elif k.groei is not None:
        inhoud.append(
            html.P(nl.met_eenheid(k.groei, "procent verandering"), className="knoop-getal")
        )
        inhoud.append(html.P(f"{k.groei_bron}, 2016–2019 ({k.groei_status})", className="klein"))
    if k.vergelijking:
        inhoud.append(html.P(k.vergelijking, className="klein"))
    if k.vergelijking_niet and (k.groei is not None or k.periode == "sinds-2019"):
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
    if k.groei is None and not k.signalen and not k.vergelijking_niet:
        tekst = (
            "Geen openbare reeks en geen signaal in de brief."
            if k.periode == "sinds-2019"
            else "Geen cijfer en geen signaal in de brief."
        )
        inhoud.append(html.P(tekst, className="klein"))
    return html.Li(inhoud, className=f"knoop {k.klasse}")


def _schakelaar(periode: str) -> html.Nav:
    """Two choices, not a callback: the period lives in the URL and the page renders it.

    The current one is text marked `aria-current` (a link to the page you are on helps
    nobody); the other is a link.
    """

    def keuze(p: str) -> Any:
        if p == periode:
            return html.Span(
                PERIODE_NAAM[p], className="periode-knop actief", **{"aria-current": "true"}
            )
        href = "/" if p == PARAMS[0].standaard else f"/?periode={p}"
        return dcc.Link(PERIODE_NAAM[p], href=href, className="periode-knop")

    return html.Nav(
        [
            html.Span("Periode: ", className="klein"),
            html.Ul([html.Li(keuze(p)) for p in PERIODES], className="periode-keuze"),
        ],
        id="ketenkaart-periode",
        **{"aria-label": "Periode van de ketenkaart"},
    )


def _ketenkaart(periode: str, rijen: list[nu.Rij]) -> html.Section:
    sinds = periode == "sinds-2019"
    banen = nu.knopen_sinds(rijen) if sinds else knopen()
    klassen = KLASSEN_PER_JAAR if sinds else KLASSEN
    legenda = [html.Li(tekst, className=f"legenda-item {klasse}") for _, klasse, tekst in klassen]
    legenda.append(
        html.Li(
            "geen berekende verandering (signaal of reden)"
            if sinds
            else "alleen een signaal, geen cijfer",
            className="legenda-item groei-onbekend",
        )
    )
    if sinds:
        kop = f"Ketenkaart: verandering per jaar sinds {nu.VANAF} per setting"
        uitleg = (
            f"Elke setting toont de verandering per jaar sinds {nu.VANAF} in haar openbare reeks "
            "(samengestelde groei, berekend door Ketenmonitor), zodat periodes van verschillende "
            "lengte te vergelijken zijn; de kleur volgt die verandering per jaar. Nooit over een "
            "trendbreuk: ligt de breuk na 2019, dan vanaf de breuk. Zonder reeks het signaal uit "
            "de brief. Klik op een naam om de reeksen in Trends te openen."
        )
    else:
        kop = "Ketenkaart: groei 2016–2019 per setting"
        uitleg = (
            "Elke setting toont de groei tussen 2016 en 2019 waar een cijfer bestaat, en anders het "
            "kwalitatieve signaal uit de brief. Klik op een naam om de reeksen in Trends te openen."
        )
    return html.Section(
        [
            html.H2(kop, id="kop-ketenkaart"),
            _schakelaar(periode),
            html.P(uitleg),
            html.Ul(
                legenda,
                className="legenda",
                **{
                    "aria-label": "Legenda: kleur naar verandering per jaar"
                    if sinds
                    else "Legenda: kleur naar groei"
                },
            ),
            *[
                html.Div(
                    [html.H3(baan), html.Ol([_knoop(k) for k in rij], className="baan")],
                    className="baanvak",
                )
                for baan, rij in banen.items()
            ],
        ],
        className=f"ketenkaart periode-{periode}",
        id="ketenkaart",
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


NIEUW_TOON = 5
"""How many changes the block lists; the rest are one link away on Bronnen & methode."""


def _nieuw() -> html.Section:
    """'Nieuw in deze versie (datum)': counts and the first changes of the open data version,
    from the change log the build wrote (so a replica shows the same)."""
    h = wijzigingen.huidige()
    kop = html.H2(f"Nieuw in deze versie ({nl.datum(h['gebouwd_op'].date())})", id="kop-nieuw")
    soorten = h["aantallen"]
    if soorten.get("eerste versie"):
        tekst = [
            f"Dataversie {h['kort']} is de eerste die Ketenmonitor vastlegde; "
            "wijzigingen worden vanaf de volgende versie bijgehouden."
        ]
        lijst = None
    else:
        samenvatting = wijzigingen.aantallen_tekst(soorten) or SOORT_OVERIG
        tekst = [f"Dataversie {h['kort']}, vergeleken met {h['vorige']}: {samenvatting}."]
        waarnemingen = [r for r in h["rijen"] if r["indicator_id"]]
        lijst = html.Ul(
            [
                html.Li(
                    [
                        html.Span(f"{wijzigingen.SOORT_TEKST[r['soort']]}: ", className="klein"),
                        wijzigingen.waarneming_tekst(r),
                        " — ",
                        wijzigingen.waarde_tekst(r),
                        html.Span(" (revisie met toelichting)", className="klein")
                        if r["herzien_op"]
                        else None,
                    ]
                )
                for r in waarnemingen[:NIEUW_TOON]
            ],
            className="wijzigingen-kort",
        )
    return html.Section(
        [
            kop,
            html.P(tekst),
            lijst,
            html.P(
                dcc.Link(
                    "Alle wijzigingen per versie (filteren en downloaden)",
                    href=wijzigingen.lijst_href(),
                )
            ),
        ],
        className="nieuw-in-versie",
        **{"aria-labelledby": "kop-nieuw"},
    )


SOORT_OVERIG = "geen waarneming gewijzigd, wel andere inhoud (bijvoorbeeld een citaat of bron)"


def layout(**kwargs: Any) -> html.Div:
    staat, teksten = lees(PARAMS, kwargs)
    rijen = nu.rijen()
    return html.Div(
        [
            html.H1("Druk op de keten: overzicht"),
            meldingen(teksten, "overzicht-meldingen"),
            html.P(
                "Eerst waar elke schakel van de keten van kinderopvang, onderwijs en zorg voor "
                "kinderen met een extra ondersteuningsbehoefte nu staat. Daaronder, als context, "
                "de periode van de Kamerbrief: de druk nam tussen 2016 en 2019 toe (kerncijfers, "
                "de keten per setting en de verklaringen die de brief geeft).",
                className="inleiding",
            ),
            _nu(rijen),
            _nieuw(),
            _tegels(),
            _ketenkaart(staat["periode"], rijen),
            _factoren(),
            html.H2("Alles downloaden"),
            briefingknop("overzicht"),
        ]
    )


registreer_export_callbacks(
    "overzicht-nu-export", [], lambda: nu_export.export(), locatie_id="_pages_location"
)
registreer_briefing_callback(
    "overzicht", [], lambda: [nu_export.export()], locatie_id="_pages_location"
)
