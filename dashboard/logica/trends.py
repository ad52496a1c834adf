"""Trends logic: the page's URL parameters and what one state shows (figure, summary, rows).

Kept out of the page module so tests and benchmarks can call it without a running app.
"""

from __future__ import annotations

from typing import Any

from dashboard.figuren.figures import samenvatting, trend_figuur
from dashboard.gegevens import queries, verbinding
from dashboard.gegevens.reeksen import (
    CORONA_ATYPISCH,
    CORONA_KEUZES,
    CORONA_VERBORGEN,
    WEERGAVEN,
    maak_reeksen,
)
from dashboard.onderdelen.state import Param, lees

STANDAARD_INDICATOREN = ["so_leerlingen", "sbo_leerlingen", "jeugdhulp_totaal"]
MAX_INDICATOREN = 10


def trendbare() -> list[dict[str, Any]]:
    return [i for i in queries.indicatoren() if i["trendbaar"]]


SCHEIDING = ":"
"""`indicator=so_instroom:herkomst` selects the categories of one breakdown as series."""


def uitsplitsing_keuzes() -> list[dict[str, Any]]:
    """Breakdowns with two or more years: each is a choice of its own on Trends."""
    meta = queries.indicator_meta()
    return [
        {
            **meta[u["indicator_id"]],
            **u,
            "keuze": f"{u['indicator_id']}{SCHEIDING}{u['uitsplitsing']}",
        }
        for u in queries.uitsplitsingen()
        # an indicator without a total already shows its categories under its own name
        if u["aantal_jaren"] >= 2 and meta.get(u["indicator_id"], {}).get("aantal_jaren")
    ]


def kiesbare_ids() -> list[str]:
    return [i["indicator_id"] for i in trendbare()] + [u["keuze"] for u in uitsplitsing_keuzes()]


def jaren() -> list[int]:
    trendbaar = trendbare()
    return list(
        range(
            min(i["eerste_jaar"] for i in trendbaar), max(i["laatste_jaar"] for i in trendbaar) + 1
        )
    )


def laatste_gepubliceerde_jaar() -> int:
    """Default end of the range: the latest year with a published series.

    Sums Ketenmonitor made from a publisher's file (DUO per location, up to 2025) would
    otherwise stretch every default chart to a year the hand-entered series do not reach.
    """
    gepubliceerd = [i["laatste_jaar"] for i in trendbare() if i["aantal_gepubliceerde_jaren"]]
    return max(gepubliceerd) if gepubliceerd else max(jaren())


def params() -> list[Param]:
    return [
        Param(
            "setting",
            [],
            lambda: [s["setting_id"] for s in queries.settings()],
            lijst=True,
            omschrijving="setting",
        ),
        Param(
            "indicator",
            STANDAARD_INDICATOREN,
            kiesbare_ids,
            lijst=True,
            omschrijving="indicator",
            aliassen=queries.aliassen,
        ),
        # absolute values in panels: an index hides a series' years across a break (jeugdhulp
        # after 2020); links of URL contract 1 meant the index
        Param(
            "weergave",
            "absoluut",
            lambda: list(WEERGAVEN),
            omschrijving="weergave",
            eerder=((1, "index"),),
        ),
        Param("basisjaar", 2016, jaren, soort=int, omschrijving="basisjaar"),
        Param("van", 2015, jaren, soort=int, omschrijving="van"),
        Param(
            "tot",
            laatste_gepubliceerde_jaar() if verbinding.database_beschikbaar() else 2024,
            jaren,
            soort=int,
            omschrijving="tot",
        ),
        Param(
            "corona",
            CORONA_ATYPISCH,
            lambda: list(CORONA_KEUZES),
            omschrijving="2020 tonen",
            eerder=((1, CORONA_VERBORGEN),),
        ),
        Param("beleid", False, soort=bool, omschrijving="beleidsmomenten tonen"),
        Param("tab", "grafiek", lambda: ["grafiek", "tabel"], omschrijving="tabblad"),
        Param(
            "sorteer",
            "indicator",
            lambda: ["indicator", "jaar", "waarde"],
            omschrijving="sortering",
        ),
    ]


def _kandidaten() -> list[tuple[str, str, dict[str, Any]]]:
    """Every choice on Trends as (value, label, metadata), in setting order then by label."""
    kandidaten = [
        (i["indicator_id"], f"{i['setting_naam']} — {i['korte_titel']}", i) for i in trendbare()
    ] + [
        (u["keuze"], f"{u['setting_naam']} — {u['korte_titel']}, naar {u['uitsplitsing']}", u)
        for u in uitsplitsing_keuzes()
    ]
    kandidaten.sort(key=lambda k: (k[2]["setting_volgorde"], k[1].lower()))
    return kandidaten


def _past(tekst: str, i: dict[str, Any], zoek: str) -> bool:
    return not zoek or zoek in f"{tekst} {i['titel']}".lower()


def indicator_opties(settings: list[str], zoek: str, gekozen: list[str]) -> list[dict[str, str]]:
    """The list's options: matches of the search inside the setting filter, plus what is chosen
    (a chosen series never disappears from the list while it is drawn)."""
    zoek = (zoek or "").strip().lower()
    return [
        {"label": tekst, "value": waarde}
        for waarde, tekst, i in _kandidaten()
        if ((not settings or i["setting_id"] in settings) and _past(tekst, i, zoek))
        or waarde in gekozen
    ]


def zoektelling(settings: list[str], zoek: str) -> dict[str, int]:
    """How many choices the search finds: `getoond` inside the setting filter, `elders` only in
    settings the filter hides, `totaal` all choices. A search that finds nothing in the chosen
    settings must say whether another setting has it, or the user concludes it does not exist."""
    zoek = (zoek or "").strip().lower()
    getoond = elders = 0
    kandidaten = _kandidaten()
    for _waarde, tekst, i in kandidaten:
        if _past(tekst, i, zoek):
            if not settings or i["setting_id"] in settings:
                getoond += 1
            else:
                elders += 1
    return {"getoond": getoond, "elders": elders, "totaal": len(kandidaten)}


def zoekstatus_tekst(settings: list[str], zoek: str) -> tuple[str, int]:
    """ "12 van 123 indicatoren met ‘sbo’; 16 treffers in andere settings." and that number."""
    t = zoektelling(settings, zoek)
    tekst = f"{t['getoond']} van {t['totaal']} indicatoren"
    zoek = zoek.strip()
    if zoek:
        tekst += f" met ‘{zoek}’"
    elders = t["elders"] if zoek and settings else 0
    if elders:
        tekst += (
            f"; {elders} {'treffer' if elders == 1 else 'treffers'} in "
            f"{'een andere setting' if elders == 1 else 'andere settings'}"
        )
    return tekst + ".", elders


ACTUEEL_JAREN = 5
"""A series counts as current when it ends at most this many years before the setting's newest
public year: a long historical table (e.g. CBS 1991–2014) is not what a monitor opens first."""


def langste_openbare_reeks(setting_id: str) -> str | None:
    """The current public series of a setting with the most published years (then: most
    years, most recent), if any. Published counts come before sums Ketenmonitor made from a
    publisher's file (e.g. DUO pupils per school location, all `afgeleid`)."""
    kandidaten = [
        i
        for i in trendbare()
        if i["setting_id"] == setting_id
        and i["herkomst"] == "openbare_statistiek"
        and i["aantal_jaren"] >= 2
    ]
    if not kandidaten:
        return None
    nieuwste = max(i["laatste_jaar"] for i in kandidaten)
    return max(
        kandidaten,
        key=lambda i: (
            i["laatste_jaar"] >= nieuwste - ACTUEEL_JAREN,
            i["aantal_gepubliceerde_jaren"],
            i["aantal_jaren"],
            i["laatste_jaar"],
        ),
    )["indicator_id"]


VASTE_SETTINGREEKS: dict[str, str] = {
    "jeugdhulp": "jeugdzorg_incl_pgb",
    "jgz": "jgz_jeugdartsen",
    "kinderopvang": "kinderopvang_kinderen_bso",
    "leerplicht": "thuiszitters_absoluut_verzuim",
    "po_regulier": "po_en_so_leerlingen_ncoj",
    "sbo": "sbo_aandeel_po",
    "so": "so_vso_leerlingen",
    "voorschoolse_educatie": "ve_bereik",
    "vso": "vso_leerlingen",
    "wlz": "ciz_indicatieaanvragen_jeugd_awbz",
}
"""The series a link with a setting but no indicator (`/trends?setting=so`) opened up to and
including URL contract 2: each setting's longest public series, read off the data of
7 December 2026. That rule follows the data, so a saved link would change its chart whenever
a series grows (merging CBS's 1991–2005 so count into `so_leerlingen` made it longer than
`so_vso_leerlingen`); pinned here, it keeps its meaning. A setting not listed (new since)
gets its longest public series; a pinned id retired later is followed through its alias."""


def standaard_voor_settings(settings: list[str]) -> list[str]:
    """Arriving with settings but no indicators: each setting's pinned series, else its longest
    public series."""
    aliassen = queries.aliassen()
    geldig = set(kiesbare_ids())
    gekozen = []
    for s in settings:
        vast = VASTE_SETTINGREEKS.get(s)
        vast = aliassen.get(vast, vast) if vast else None
        gekozen.append(vast if vast in geldig else langste_openbare_reeks(s))
    return [i for i in gekozen if i][:MAX_INDICATOREN]


def lees_staat(kwargs: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The state a Trends URL opens, plus notices (the page and the link tests share it).

    Arriving with settings but no indicators shows each setting's longest public series in
    absolute values, unless the URL names a view.
    """
    staat, teksten = lees(params(), kwargs)
    if staat["setting"] and "indicator" not in kwargs:
        staat["indicator"] = standaard_voor_settings(staat["setting"])
        if "weergave" not in kwargs:
            staat["weergave"] = "absoluut"
    if len(staat["indicator"]) > MAX_INDICATOREN:
        teksten.append(f"Hoogstens {MAX_INDICATOREN} indicatoren tegelijk; de eerste zijn getoond.")
        staat["indicator"] = staat["indicator"][:MAX_INDICATOREN]
    return staat, teksten


def bereken(staat: dict[str, Any]) -> dict[str, Any]:
    """Everything the page shows for one state; a plain function so tests and bench can call it.

    Rows are read from the base year on as well, so an index may use a base year outside
    the chosen range; the series are cropped to [van, tot] after the view is applied.
    """
    van, tot = sorted((int(staat["van"]), int(staat["tot"])))
    basisjaar = int(staat["basisjaar"])
    meta = queries.indicator_meta()
    geldig = set(kiesbare_ids())
    gekozen = [i for i in staat["indicator"] if i in geldig][:MAX_INDICATOREN]
    totalen = [i for i in gekozen if SCHEIDING not in i]
    paren = [tuple(i.split(SCHEIDING, 1)) for i in gekozen if SCHEIDING in i]
    lees_van, lees_tot = min(van, basisjaar), max(tot, basisjaar)
    rijen = queries.jaarwaarden(totalen, lees_van, lees_tot)
    rijen += queries.jaarwaarden_uitsplitsing(paren, lees_van, lees_tot)
    meldingen: list[str] = []
    reeksen = maak_reeksen(
        rijen, meta, staat["weergave"], basisjaar, staat["corona"], meldingen, van, tot
    )
    momenten = (
        [g for g in queries.gebeurtenissen() if van <= g["datum"].year <= tot]
        if staat.get("beleid")
        else []
    )
    return {
        "reeksen": reeksen,
        "meldingen": meldingen,
        "momenten": momenten,
        "figuur": trend_figuur(
            reeksen, staat["weergave"], van, tot, toon_2020=staat["corona"], momenten=momenten
        ),
        "samenvatting": samenvatting(reeksen, van, tot, staat["weergave"]),
        "van": van,
        "tot": tot,
    }


def zichtbaar(uit: dict[str, Any], tab: str) -> dict[str, bool]:
    """Which parts of the page are hidden: without series no chart, no table, no toolbar.

    An empty chart (axis −1…4, "Bron: –") with active export buttons tells a reader
    nothing; the explanation (`lacunes.lege_staat`) takes its place.
    """
    leeg = not uit["reeksen"]
    return {
        "grafiek_verborgen": leeg or tab != "grafiek",
        "tabel_verborgen": leeg or tab != "tabel",
        "uitleg_verborgen": not leeg,
    }
