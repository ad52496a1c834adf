"""Trends logic: the page's URL parameters and what one state shows (figure, summary, rows).

Kept out of the page module so tests and benchmarks can call it without a running app.
"""

from __future__ import annotations

from typing import Any

from dashboard import queries
from dashboard.figures import samenvatting, trend_figuur
from dashboard.reeksen import WEERGAVEN, maak_reeksen
from dashboard.state import Param

STANDAARD_INDICATOREN = ["so_leerlingen", "sbo_leerlingen", "jeugdhulp_totaal"]
MAX_INDICATOREN = 10


def trendbare() -> list[dict[str, Any]]:
    return [i for i in queries.indicatoren() if i["trendbaar"]]


def jaren() -> list[int]:
    trendbaar = trendbare()
    return list(
        range(
            min(i["eerste_jaar"] for i in trendbaar), max(i["laatste_jaar"] for i in trendbaar) + 1
        )
    )


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
            lambda: [i["indicator_id"] for i in trendbare()],
            lijst=True,
            omschrijving="indicator",
        ),
        Param("weergave", "index", lambda: list(WEERGAVEN), omschrijving="weergave"),
        Param("basisjaar", 2016, jaren, soort=int, omschrijving="basisjaar"),
        Param("van", 2015, jaren, soort=int, omschrijving="van"),
        Param(
            "tot",
            max(jaren()) if queries.database_beschikbaar() else 2024,
            jaren,
            soort=int,
            omschrijving="tot",
        ),
        Param("corona", False, soort=bool, omschrijving="2020 tonen"),
        Param("beleid", False, soort=bool, omschrijving="beleidsmomenten tonen"),
        Param("tab", "grafiek", lambda: ["grafiek", "tabel"], omschrijving="tabblad"),
        Param(
            "sorteer",
            "indicator",
            lambda: ["indicator", "jaar", "waarde"],
            omschrijving="sortering",
        ),
    ]


def indicator_opties(settings: list[str], zoek: str, gekozen: list[str]) -> list[dict[str, str]]:
    zoek = (zoek or "").strip().lower()
    opties = []
    for i in trendbare():
        tekst = f"{i['setting_naam']} — {i['korte_titel']}"
        zichtbaar = (not settings or i["setting_id"] in settings) and (
            not zoek or zoek in f"{tekst} {i['titel']}".lower()
        )
        if zichtbaar or i["indicator_id"] in gekozen:
            opties.append({"label": tekst, "value": i["indicator_id"]})
    return opties


def standaard_voor_settings(settings: list[str]) -> list[str]:
    """Arriving from the ketenkaart: the public series of those settings with most years."""
    kandidaten = [
        i
        for i in trendbare()
        if i["setting_id"] in settings and i["herkomst"] == "openbare_statistiek"
    ]
    kandidaten.sort(key=lambda i: -(i["laatste_jaar"] - i["eerste_jaar"]))
    return [i["indicator_id"] for i in kandidaten[:4]]


def bereken(staat: dict[str, Any]) -> dict[str, Any]:
    """Everything the page shows for one state; a plain function so tests and bench can call it."""
    van, tot = sorted((int(staat["van"]), int(staat["tot"])))
    meta = queries.indicator_meta()
    indicatoren = [i for i in staat["indicator"] if i in meta][:MAX_INDICATOREN]
    rijen = queries.jaarwaarden(indicatoren, van, tot)
    reeksen = maak_reeksen(rijen, meta, staat["weergave"], int(staat["basisjaar"]), staat["corona"])
    momenten = (
        [g for g in queries.gebeurtenissen() if van <= g["datum"].year <= tot]
        if staat.get("beleid")
        else []
    )
    return {
        "reeksen": reeksen,
        "momenten": momenten,
        "figuur": trend_figuur(
            reeksen, staat["weergave"], van, tot, toon_2020=staat["corona"], momenten=momenten
        ),
        "samenvatting": samenvatting(reeksen, van, tot, staat["weergave"]),
        "van": van,
        "tot": tot,
    }
