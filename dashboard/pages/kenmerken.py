"""Kenmerken: who needs support — duration, age, background and cluster, each with its own
definition. Where only a direction is known, the letter's signal is shown with its quote."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import dash
from dash import State, dcc, html

from dashboard.figuren import format as nl
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.staaf import staaf_figuur, staaf_samenvatting
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import staaf_reeksen
from dashboard.logica.lacunes import onbekend_leeftijd
from dashboard.logica.uitsplitsing import (
    MAX_PER_SOORT,
    banden_zin,
    groep_van,
    leeftijd_overzicht,
    reeksen_met,
    uitsplitsing_grafiek,
)
from dashboard.onderdelen.components import (
    citaat_blok,
    exporteer_via_url,
    grafiekkaart,
    meldingen,
    signaal_blok,
    uitsplitsing_kaart,
)
from dashboard.onderdelen.coronaschakelaar import (
    CORONA_PARAM,
    corona_schakelaar,
    registreer_corona_callback,
)
from dashboard.onderdelen.state import lees
from dashboard.onderdelen.tabelvak import scrolvak
from dashboard.onderdelen.toolbar import (
    KeuzeFout,
    briefingknop,
    registreer_briefing_callback,
    registreer_export_callbacks,
    werkbalk,
)
from dashboard.webserver.invoertypen import verwacht

dash.register_page(
    __name__, path="/kenmerken", name="Kenmerken", order=2, title="Kenmerken – Ketenmonitor"
)

CLUSTER_INDICATOREN = ["so_leerlingen", "so_vso_leerlingen", "vso_leerlingen"]
SIGNALEN_LEEFTIJD = ("sig_19",)
SIGNALEN_ACHTERGROND = ("sig_20", "sig_21", "sig_22")
SIGNALEN_CLUSTER = ("sig_14", "sig_15", "sig_16", "sig_17", "sig_18")
PARAMS = [CORONA_PARAM]


def _signalen(ids: tuple[str, ...]) -> list[html.Article]:
    return [signaal_blok(s) for s in queries.signalen() if s["signaal_id"] in ids]


def _duur_rijen() -> list[dict[str, Any]]:
    rijen = queries.waarnemingen(["berenschot_duur_ondersteuning"], "duur")
    for r in rijen:
        r["categorie"] = (
            r["categorie"]
            .replace(
                "na 1 jaar geen ondersteuning meer", "tijdelijk: na 1 jaar geen ondersteuning meer"
            )
            .replace("minimaal 5 jaar", "langdurig: minimaal 5 jaar ondersteuning")
        )
    return rijen


def _duur_grafiek(rijen: list[dict[str, Any]]) -> Grafiekexport:
    """The two Berenschot duration shares; each keeps its own period (one has none)."""
    titel = "Duur van het gebruik van ondersteuning (Berenschot)"
    perioden = "; ".join(
        f"{r['categorie'].split(':')[0]}: {nl.periode(r['periode_van'], r['periode_tot'])}"
        for r in rijen
    )
    figuur = staaf_figuur(
        rijen, titel, f"procent van de kinderen · {perioden}", "procent", hoogte=300
    )
    jaren = [j for r in rijen for j in (r["periode_van"], r["periode_tot"]) if j is not None]
    reeksen = staaf_reeksen(rijen, queries.indicator_meta())
    return Grafiekexport(figuur, reeksen, "absoluut", min(jaren), max(jaren))


def _duur() -> html.Section:
    rijen = _duur_rijen()
    g = _duur_grafiek(rijen)
    return html.Section(
        [
            html.H2("Duur van ondersteuning: tijdelijk of langdurig", id="duur"),
            html.P(
                "Een groot deel van het gebruik is tijdelijk, maar bijna de helft van de kinderen gebruikt "
                "langdurig ondersteuning. Let op: de twee percentages gaan over verschillende perioden en "
                "tellen niet op tot 100%. De brief noemt niet over welke jaren de 45% is gemeten."
            ),
            grafiekkaart("kenmerken-duur", g.figuur, staaf_samenvatting(rijen, g.titel, "procent")),
            werkbalk("kenmerken-duur-export"),
            html.Div(
                [
                    deel
                    for c, v in sorted({(r["citaat"], r.get("vindplaats") or "") for r in rijen})
                    for deel in citaat_blok(c, v)
                ]
            ),
            html.P(
                ["Bron: ", html.A(rijen[0]["bron_titel"], href=rijen[0]["bron_url"])],
                className="klein",
            ),
        ]
    )


def _uitleg(indicator_id: str) -> list[Any]:
    m = queries.indicator_meta()[indicator_id]
    uit = [html.P(f"Definitie: {m['definitie']}", className="klein")]
    if m["kanttekening"]:
        uit.append(html.P(f"Kanttekening: {m['kanttekening']}", className="klein"))
    return uit


def _kaarten(indicatoren: list[str], uitsplitsing: str, corona: str) -> list[html.Div]:
    kaarten = []
    for indicator_id in indicatoren:
        g = uitsplitsing_grafiek(indicator_id, uitsplitsing, corona)
        if g is None:
            continue
        kaart = uitsplitsing_kaart(
            f"kenmerken-{uitsplitsing}-{indicator_id}", g, _uitleg(indicator_id)
        )
        kaarten.append(kaart)
    return kaarten


def _leeftijdskaarten(corona: str) -> dict[str, list[html.Div]]:
    """One card per age series in the database (slot k shows the k-th), grouped by the
    question it answers; the slot's store tells its export which series the card shows, so
    the file is what is on screen."""
    meta = queries.indicator_meta()
    domein = {s["setting_id"]: s["domein"] for s in queries.settings()}
    groepen: dict[str, list[html.Div]] = {g: [] for g in LEEFTIJD_GROEPEN}
    for k, indicator_id in enumerate(reeksen_met("leeftijd")):
        g = uitsplitsing_grafiek(indicator_id, "leeftijd", corona)
        if g is None:
            continue
        kaart = uitsplitsing_kaart(f"kenmerken-leeftijd-{k}", g, _uitleg(indicator_id))
        kaart.children.append(dcc.Store(id=f"kenmerken-leeftijd-{k}-reeks", data=indicator_id))
        groepen[groep_van(meta[indicator_id], domein)].append(kaart)
    return groepen


LEEFTIJD_GROEPEN = {
    "aandeel": (
        "Aandeel in sbo en so per leeftijd",
        "Welk deel van de leerlingen van een leeftijd zit in het speciaal basisonderwijs of het "
        "speciaal onderwijs? Teller en noemer (bo + sbo + so van die leeftijd) komen uit "
        "hetzelfde DUO-bestand en dezelfde peildatum. Er zijn twee peildata (1 oktober 2015 en "
        "2016); ze staan naast elkaar, niet als trend.",
    ),
    "jeugdhulp": (
        "Jeugdhulp en jeugdzorg naar leeftijd",
        "Jongeren met jeugdhulp of jeugdzorg per leeftijdsgroep, per jaar. De groepen verschillen "
        "per reeks; 0–4 en 4–12 jaar zijn niet voor elk jaar gepubliceerd.",
    ),
    "overig": (
        "Kinderopvang en andere reeksen naar leeftijd",
        "Elk met een eigen definitie; niet met elkaar te vergelijken of op te tellen.",
    ),
    "context": (
        "Aantallen leerlingen per leeftijd (context)",
        "Hoeveel leerlingen van elke leeftijd er zijn: vooral de omvang van geboortejaren, geen "
        "maat voor gebruik van ondersteuning. Als warmtekaart: elk vak een aantal.",
    ),
}


OVERZICHT_TITEL = "Cijfers naar leeftijd per setting, met de jaren waarvoor ze er zijn"


def _overzicht() -> html.Div:
    """The age data per setting with its years, generated from the database."""
    rijen = leeftijd_overzicht()
    kop = ["Setting", "Reeks", "Leeftijden", "Jaren"]
    return scrolvak(
        html.Table(
            [
                html.Caption(OVERZICHT_TITEL),
                html.Thead(html.Tr([html.Th(k, scope="col") for k in kop])),
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Td(r["setting"]),
                                html.Td(r["reeks"]),
                                html.Td(r["leeftijden"]),
                                html.Td(r["jaren"]),
                            ]
                        )
                        for r in rijen
                    ]
                ),
            ],
            className="datatabel",
            id="kenmerken-leeftijd-overzicht",
        ),
        OVERZICHT_TITEL,
    )


def _leeftijd_export(indicator_id: str | None, search: str | None) -> Grafiekexport:
    if indicator_id not in reeksen_met("leeftijd"):
        raise KeuzeFout("deze reeks heeft geen uitsplitsing naar leeftijd (meer)")
    staat, _ = lees(PARAMS, parse_qs((search or "").lstrip("?"), keep_blank_values=True))
    g = uitsplitsing_grafiek(indicator_id, "leeftijd", staat["corona"])
    if g is None:
        raise KeuzeFout("geen cijfers voor deze keuze")
    return g


def _leeftijd(corona: str) -> html.Section:
    kaarten = _leeftijdskaarten(corona)
    zinnen = [
        z
        for i in reeksen_met("leeftijd")
        if i.endswith("_aandeel_naar_leeftijd_duo") and (z := banden_zin(i))
    ]
    delen: list[Any] = []
    for groep, (kop, uitleg) in LEEFTIJD_GROEPEN.items():
        if not kaarten[groep]:
            continue
        delen += [html.H3(kop, id=f"leeftijd-{groep}"), html.P(uitleg)]
        if groep == "aandeel":
            delen += [html.P(z) for z in zinnen]
        delen.append(html.Div(kaarten[groep], className="kaarten"))
    return html.Section(
        [
            html.H2("Leeftijd", id="leeftijd"),
            html.P(
                "Wie gebruikt ondersteuning, op welke leeftijd? Volgens de brief stijgt het gebruik "
                "het sterkst bij kinderen van 4 tot en met 7 jaar; een openbare jaarreeks die dat "
                "laat zien bestaat niet. Hieronder eerst welke cijfers naar leeftijd er per "
                "setting zijn en voor welke jaren, dan het aandeel per leeftijd in sbo en so, "
                "jeugdhulp naar leeftijd, en tot slot leerlingaantallen als context. Elke reeks "
                "heeft een eigen definitie: niet optellen of onderling vergelijken."
            ),
            *_signalen(SIGNALEN_LEEFTIJD),
            html.H3("Welke cijfers naar leeftijd er zijn", id="leeftijd-overzicht"),
            _overzicht(),
            html.H4("Wat we niet weten naar leeftijd"),
            onbekend_leeftijd(),
            *delen,
        ]
    )


def _achtergrond() -> html.Section:
    return html.Section(
        [
            html.H2("Achtergrond", id="achtergrond"),
            html.P(
                "Over migratieachtergrond noemt de brief alleen richtingen, geen cijfers. Ketenmonitor "
                "toont ze als signaal met het letterlijke citaat."
            ),
            html.Div(_signalen(SIGNALEN_ACHTERGROND), className="tegels"),
        ]
    )


def _cluster(corona: str) -> html.Section:
    return html.Section(
        [
            html.H2("Cluster in het gespecialiseerd onderwijs", id="cluster"),
            html.P(
                "Cluster 1: visuele beperking; cluster 2: auditieve en/of communicatieve beperking; "
                "clusters 3 en 4: lichamelijke of verstandelijke beperking, langdurig ziek, psychische "
                "stoornissen en gedragsproblemen (sinds 2014 telt CBS 3 en 4 samen). 2020 is standaard "
                "alleen verborgen waar de bron het coronajaar vertekend noemt; de schakelaar ‘Toon 2020’ bovenaan toont het overal."
            ),
            html.Div(_signalen(SIGNALEN_CLUSTER), className="tegels"),
            *_kaarten(CLUSTER_INDICATOREN, "cluster", corona),
        ]
    )


def _alle_grafieken(search: str | None) -> list[Grafiekexport]:
    staat, _ = lees(PARAMS, parse_qs((search or "").lstrip("?"), keep_blank_values=True))
    grafieken = [_duur_grafiek(_duur_rijen())]
    grafieken += [
        uitsplitsing_grafiek(i, soort, staat["corona"])
        for soort, ids in (("leeftijd", reeksen_met("leeftijd")), ("cluster", CLUSTER_INDICATOREN))
        for i in ids
    ]
    return [g for g in grafieken if g is not None]


exporteer_via_url("kenmerken-duur", PARAMS, lambda _staat: _duur_grafiek(_duur_rijen()))
for _id in CLUSTER_INDICATOREN:
    exporteer_via_url(
        f"kenmerken-cluster-{_id}",
        PARAMS,
        lambda staat, i=_id: uitsplitsing_grafiek(i, "cluster", staat["corona"]),
    )
verwacht(r"kenmerken-leeftijd-[0-9]+-reeks", "data", {"type": ["string", "null"], "maxLength": 200})
"""The indicator id a card's store names (`_leeftijdskaarten`); the export checks it is one."""
for _k in range(MAX_PER_SOORT):
    registreer_export_callbacks(
        f"kenmerken-leeftijd-{_k}-export",
        [State(f"kenmerken-leeftijd-{_k}-reeks", "data"), State("_pages_location", "search")],
        _leeftijd_export,
        locatie_id="_pages_location",
    )
registreer_corona_callback("kenmerken")
registreer_briefing_callback(
    "kenmerken", [State("_pages_location", "search")], _alle_grafieken, locatie_id="_pages_location"
)


def layout(**kwargs: Any) -> html.Div:
    staat, teksten = lees(PARAMS, kwargs)
    return html.Div(
        [
            html.H1("Kenmerken: wie heeft ondersteuning nodig"),
            meldingen(teksten, "kenmerken-meldingen"),
            briefingknop("kenmerken"),
            corona_schakelaar("kenmerken", staat["corona"]),
            html.Nav(
                html.Ul(
                    [
                        html.Li(html.A(t, href=f"#{a}"))
                        for a, t in (
                            ("duur", "Duur"),
                            ("leeftijd", "Leeftijd"),
                            ("achtergrond", "Achtergrond"),
                            ("cluster", "Cluster"),
                        )
                    ],
                    className="inpagina",
                ),
                **{"aria-label": "Op deze pagina"},
            ),
            _duur(),
            _leeftijd(staat["corona"]),
            _achtergrond(),
            _cluster(staat["corona"]),
        ]
    )
