"""What nobody publishes, per setting, and the page a setting without a public series gets.

A chart with nothing in it tells a reader nothing, or worse, suggests zero. Where no public
series exists, Ketenmonitor says so in words: the letter's signals, the Berenschot figure if
there is one, and the gap. The list below is the "Wat we niet weten" of Capaciteit; the
setting ids say which choice on Trends or the ketenkaart it explains.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.gegevens import queries
from dashboard.onderdelen.state import link

ONBEKEND: list[tuple[tuple[str, ...], str, str]] = [
    (
        ("kdc",),
        "Bezettingsgraad van kinderdagcentra (KDC)",
        "De brief noemt de bezetting ‘hoog’; een landelijk cijfer is niet openbaar.",
    ),
    (
        ("kdc", "mkd"),
        "Wachttijden voor KDC en MKD",
        "De brief zegt dat ze toenemen; er is geen landelijke meting.",
    ),
    (
        ("kdc", "mkd"),
        "Aantal kinderen op een KDC of MKD",
        "Alleen de richting (stijgend) is bekend.",
    ),
    (
        ("wlz_dagbehandeling", "wlz"),
        "Kinderen met Wlz-dagbehandeling",
        "Geen jaarreeks voor kinderen gevonden; alleen de richting uit de brief.",
    ),
    (
        ("dagbesteding_jeugdwet",),
        "Kinderen met dagbesteding (Jeugdwet)",
        "Geen landelijke jaarreeks; alleen de groei 2016–2019 uit het Berenschot-onderzoek "
        "(Kamerbrief). CBS telt ‘daghulp op locatie van de jeugdhulpaanbieder’ (0–22 jaar): "
        "een ander, breder begrip, te vinden onder Jeugdhulp.",
    ),
    (
        ("kinderopvang",),
        "Kinderen in plusopvang",
        "Alleen een schatting van het aantal locaties (2022), geen aantal kinderen.",
    ),
    (
        ("jeugdhulp",),
        "Wachttijden jeugdzorg (landelijk)",
        "Alleen regionale cijfers; die zijn niet landelijk representatief en niet opgenomen.",
    ),
    (
        ("jeugdhulp",),
        "Jeugdhulp naar fijnere leeftijdsgroepen vóór 2022",
        "Per jaar (2015–2024) alleen in twee groepen: 0 tot 18 en 18 tot 23 jaar (jeugdzorg "
        "inclusief pgb, CBS via NJi; jeugdhulp met verblijf 0 tot 18 jaar 2015–2019). Groepen "
        "als 0–4, 4–12 en 12–18 jaar alleen voor 2022 en 2023.",
    ),
]

ONBEKEND_LEEFTIJD: list[tuple[tuple[str, ...], str, str]] = [
    (
        ("kinderopvang",),
        "Kinderopvang naar leeftijd van het kind",
        "Geen jaarreeks per leeftijdsjaar van het kind; alleen de brede groepen (0–4, 4–12 "
        "jaar) in de jaren die het overzicht noemt, en niets over kinderen met een "
        "ondersteuningsbehoefte naar leeftijd.",
    ),
    (
        ("jeugdhulp",),
        "Jeugdhulp 0–4 en 4–12 jaar per jaar",
        "Deze groepen zijn alleen op losse momenten gepubliceerd (zie het overzicht), niet als "
        "jaartotaal voor elk jaar; per jaar zijn er alleen brede groepen als 0–18 en 18–23 jaar.",
    ),
    (
        ("kdc", "mkd"),
        "KDC en MKD naar leeftijd",
        "Geen openbaar cijfer naar leeftijd; ook het aantal kinderen zelf is alleen als richting "
        "bekend.",
    ),
    (
        ("sbo", "so", "vso"),
        "Sbo, so en vso naar leeftijd na 2016",
        "DUO publiceert leerlingen naar soort po, cluster en leeftijd per schooljaar; Ketenmonitor "
        "heeft alleen de bestanden van 1 oktober 2015 en 2016 ingelezen. Latere jaren staan bij "
        "DUO, maar nog niet in de gegevens van dit dashboard.",
    ),
]
"""Age gaps per setting: what the age section of Kenmerken cannot show, and why."""
ONBEKEND += ONBEKEND_LEEFTIJD

CAPACITEIT_SIGNALEN = ("sig_02", "sig_09", "sig_10", "sig_11", "sig_12", "sig_07", "sig_08")
"""The signals shown on Capaciteit (KDC, MKD, Wlz-dagbehandeling and the chain)."""


def onbekend_voor(settings: list[str]) -> list[tuple[str, str]]:
    """(name, explanation) of every known gap of these settings; all gaps without settings."""
    return [
        (naam, uitleg) for ids, naam, uitleg in ONBEKEND if not settings or set(ids) & set(settings)
    ]


def onbekend_leeftijd() -> html.Ul:
    """The age gaps as a list, each naming its settings."""
    namen = {x["setting_id"]: x["naam"] for x in queries.settings()}
    return html.Ul(
        [
            html.Li(
                [
                    html.Strong(naam),
                    f" ({', '.join(namen.get(i, i) for i in ids)}) — {uitleg}",
                ]
            )
            for ids, naam, uitleg in ONBEKEND_LEEFTIJD
        ],
        id="kenmerken-leeftijd-onbekend",
    )


def onbekend_lijst(settings: list[str]) -> html.Ul | None:
    items = onbekend_voor(settings)
    if not items:
        return None
    return html.Ul([html.Li([html.Strong(naam), f" — {uitleg}"]) for naam, uitleg in items])


def doel_voor_setting(setting_id: str) -> str:
    """Where a click on a setting in the ketenkaart goes, decided from the data at render time.

    A setting opens Trends, in absolute values, on the series the ketenkaart itself compares
    with (VERGELIJKINGSREEKS: the node's number and the chart behind it are the same series),
    else on its longest current public series. One without goes to the explanation: the
    KDC/MKD/Wlz part of Capaciteit when its signals are there, otherwise Trends' own
    explanation for that setting. So a setting that later gets a public series starts linking
    to it without a code change.
    """
    from dashboard.logica.ketenkaart import VERGELIJKINGSREEKS
    from dashboard.logica.trends import langste_openbare_reeks

    jaren = {i["indicator_id"]: i["aantal_jaren"] for i in queries.indicatoren()}
    kop = VERGELIJKINGSREEKS.get(setting_id)
    reeks = kop if jaren.get(kop, 0) >= 2 else langste_openbare_reeks(setting_id)
    if reeks:
        return link("/trends", {"setting": setting_id, "indicator": reeks, "weergave": "absoluut"})
    signalen = {s["signaal_id"] for s in queries.signalen() if s["setting_id"] == setting_id}
    if signalen & set(CAPACITEIT_SIGNALEN):
        return "/capaciteit#signalen"
    return link("/trends", {"setting": setting_id})


def lege_staat(settings: list[str], indicatoren: list[str], van: int, tot: int) -> list[Any]:
    """What Trends shows instead of an empty chart: why, and what is known instead."""
    from dashboard.onderdelen.components import kengetal, signaal_blok

    namen = {s["setting_id"]: s["naam"] for s in queries.settings()}
    gekozen = ", ".join(namen.get(s, s) for s in settings)
    if indicatoren:
        reden = f"Voor de gekozen indicatoren is er geen jaarcijfer in {van}–{tot}."
    elif settings:
        reden = f"Voor {gekozen} bestaat geen openbare landelijke cijferreeks."
    else:
        reden = "Kies een of meer indicatoren om een grafiek te zien."
    delen: list[Any] = [html.H2("Geen grafiek voor deze keuze"), html.P(reden)]
    berenschot = [w for w in queries.berenschot_waarden() if w["setting_id"] in settings]
    if berenschot:
        delen += [
            html.H3("Wat het Berenschot-onderzoek meldt (via de Kamerbrief)"),
            html.Div([kengetal(w) for w in berenschot], className="tegels"),
        ]
    signalen = [s for s in queries.signalen() if settings and s["setting_id"] in settings]
    if signalen:
        delen += [
            html.H3("Signalen uit de Kamerbrief"),
            html.Div([signaal_blok(s, kop_niveau=4) for s in signalen], className="tegels"),
        ]
    lijst = onbekend_lijst(settings) if settings else None
    if lijst is not None:
        delen += [html.H3("Wat we niet weten"), lijst]
    delen.append(
        html.P(
            [
                "Meer over wat niet gemeten wordt: ",
                dcc.Link("Capaciteit & wachtlijsten", href="/capaciteit#onbekend"),
                ".",
            ]
        )
    )
    return delen


_ZELFDE = "zelfde telling per provincie en gemeente"
_SPECIAAL_NIET_APART = (
    "per regio bestaat geen telling van alleen {wat}: de kaart telt leerlingen op so-, vso- en "
    "so/vso-vestigingen samen (DUO, naar de plaats van de school), dus {ook}"
)
REGIO_SOORT: dict[str, tuple[str, str]] = {
    # setting (Overzicht) → the regional view that belongs to it, and what that view counts
    "sbo": ("sbo", "leerlingen op sbo-vestigingen (DUO)"),
    "so": ("gespecialiseerd", "leerlingen op so-, vso- en so/vso-vestigingen samen (DUO)"),
    "vso": ("gespecialiseerd", "leerlingen op so-, vso- en so/vso-vestigingen samen (DUO)"),
    # national series (Trends) → the same concept per region, else the nearest, with how it differs
    "leerlingen_vestiging_sbo": ("sbo", _ZELFDE),
    "leerlingen_vestiging_so": ("so", _ZELFDE),
    "leerlingen_vestiging_vso": ("vso", _ZELFDE),
    "leerlingen_vestiging_so_vso": ("so_vso", _ZELFDE),
    "sbo_leerlingen": (
        "sbo",
        "dichtstbijzijnde kaart: leerlingen op sbo-vestigingen (DUO, per schoolvestiging); "
        "deze reeks telt per afdeling (OCW), dus de aantallen wijken iets af",
    ),
    "so_leerlingen": (
        "gespecialiseerd",
        _SPECIAAL_NIET_APART.format(wat="so-leerlingen", ook="ook vso-leerlingen"),
    ),
    "vso_leerlingen": (
        "gespecialiseerd",
        _SPECIAAL_NIET_APART.format(wat="vso-leerlingen", ook="ook so-leerlingen"),
    ),
    "so_vso_leerlingen": (
        "gespecialiseerd",
        "dichtstbijzijnde kaart: leerlingen op so-, vso- en so/vso-vestigingen samen (DUO, naar "
        "de plaats van de school); deze reeks telt leerlingen (CBS), niet vestigingen",
    ),
}
"""Setting or indicator → (school type on /regio, what that view counts compared with the
series). A national series links only to the regional view of the same concept; where none
exists, to the nearest, with a sentence saying how it differs. The URL value `so` means pupils
at so-locations only, never all so pupils, so no so-pupil series links to it."""


def regio_link(sleutel: str) -> str | None:
    """The /regio address for a school setting or school-type series, if there is one."""
    soort = REGIO_SOORT.get(sleutel.split(":", 1)[0], (None, ""))[0]
    return link("/regio", {"soort": soort}) if soort else None


def regio_tekst(sleutel: str) -> str:
    """What the regional view linked from `sleutel` counts (the link text says it)."""
    return REGIO_SOORT.get(sleutel.split(":", 1)[0], (None, ""))[1]


def regio_links(indicatoren: list[str]) -> list[Any]:
    """'Per regio' links under a Trends chart with school-type series."""
    meta = queries.indicator_meta()
    links = []
    for i in dict.fromkeys(indicatoren):
        adres = regio_link(i)
        naam = meta.get(i.split(":", 1)[0], {}).get("korte_titel")
        if adres and naam:
            links.append(html.Li(dcc.Link(f"{naam}: {regio_tekst(i)}", href=adres)))
    if not links:
        return []
    return [
        html.P(
            "Per regio (DUO, leerlingen per soort schoolvestiging, naar de plaats van de school):",
            className="klein",
        ),
        html.Ul(links, className="klein regiolinks"),
    ]
