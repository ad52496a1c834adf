"""Regio: pupils at special-education locations per provincie or gemeente, from DUO's file.

Pure logic for the `/regio` page (the page module only lays out and wires callbacks, and
tests import this module, never the page): the URL contract, the per-region values of the
chosen state, the fixed colour classes, the map figure, the text summary, the trend series
of a selected region against the national line, and what the export writes.

Honesty rules that live here:
- a count is "pupils at school locations in the region", not children living there;
- a region without a location of the chosen kind has no value ("geen vestiging"), never 0;
- a sum over DUO's `<5` cells is a range, shown as "n–4n";
- every regional value is `afgeleid` (summed by Ketenmonitor), `gespecialiseerd` and
  `aandeel` say their formula;
- class bounds are fixed per (niveau, soort, maat) over all years, so colours compare.

The map figure and its export are in `regiokaart`. Too long (about 870 lines) since the count by
residence joined the count by location: the URL contract, sums, texts and exports of both
tellingen share their honesty rules here. Next split: one module per telling.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.figures import samenvatting as trend_samenvatting
from dashboard.figuren.figures import trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import (
    Reeks,
    breuken_van,
    maak_reeksen,
    nl_opsomming,
    vergelijkbaar,
)
from dashboard.onderdelen.state import Param, lees

NIVEAUS = {"provincie": "provincies", "gemeente": "gemeenten"}
STANDAARD_NIVEAU = "provincie"
"""The level a URL without `niveau` shows (the HTML preloads its GeoJSON)."""
SOORTEN: dict[str, tuple[str, tuple[str, ...]]] = {
    "gespecialiseerd": (
        "leerlingen op so-, vso- en so/vso-vestigingen samen (gespecialiseerd onderwijs)",
        (
            "leerlingen_vestiging_so",
            "leerlingen_vestiging_vso",
            "leerlingen_vestiging_so_vso",
        ),
    ),
    "sbo": ("leerlingen op sbo-vestigingen", ("leerlingen_vestiging_sbo",)),
    # The URL value `so` stays (saved links); it never meant all so pupils.
    "so": ("leerlingen op so-vestigingen (so/vso-vestigingen apart)", ("leerlingen_vestiging_so",)),
    "vso": (
        "leerlingen op vso-vestigingen (so/vso-vestigingen apart)",
        ("leerlingen_vestiging_vso",),
    ),
    "so_vso": ("leerlingen op gecombineerde so/vso-vestigingen", ("leerlingen_vestiging_so_vso",)),
}
# By residence (CBS 85701NED): pupils counted in the gemeente where they live. `so_vso` does
# not exist there (CBS splits so and vso per pupil); `gespecialiseerd` is so + vso.
SOORTEN_WOON: dict[str, tuple[str, tuple[str, ...]]] = {
    "gespecialiseerd": (
        "kinderen in so en vso samen, naar woongemeente",
        ("leerlingen_woonplaats_so", "leerlingen_woonplaats_vso"),
    ),
    "sbo": ("kinderen in het sbo, naar woongemeente", ("leerlingen_woonplaats_sbo",)),
    "so": ("kinderen in het so, naar woongemeente", ("leerlingen_woonplaats_so",)),
    "vso": ("kinderen in het vso, naar woongemeente", ("leerlingen_woonplaats_vso",)),
}
TELLINGEN = {
    "vestiging": "Waar de school staat (DUO, per schoolvestiging)",
    "woonplaats": "Waar het kind woont (CBS, per woongemeente)",
}
NOEMER_WOON = (
    "leerlingen_woonplaats_bo",
    "leerlingen_woonplaats_sbo",
    "leerlingen_woonplaats_so",
)
BRONREGEL_WOON = "Bron: CBS StatLine 85701NED (CC BY 4.0); kaart: CBS/PDOK Gebiedsindelingen 2025"
TOLERANTIE = 0.02
"""The national sum by residence stays within 2 % of OCW's national so series: CBS rounds each
gemeente to tens and counts by residence (so 2019: 32.270 here, 32.069 at OCW, 0,6 %)."""
UITLEG = {
    "vestiging": (
        "Beantwoordt: hoeveel leerlingen gaan in deze regio naar school? Telt leerlingen op "
        "schoolvestigingen (DUO, open onderwijsdata, 1 oktober, 1996–2025), niet waar ze wonen: "
        "speciale scholen bedienen een groot gebied, dus de kaart toont vooral waar scholen "
        "staan. Exact geteld, behalve DUO's afscherming ‘<5’ (een bereik). Elke waarde is door "
        "Ketenmonitor opgeteld (afgeleid)."
    ),
    "woonplaats": (
        "Beantwoordt: in welke gemeenten gaan relatief veel kinderen naar sbo of so? Telt "
        "kinderen naar de gemeente waar ze wonen (CBS StatLine 85701NED, 2013/’14–2023/’24; "
        "2023/’24 voorlopig). CBS rondt elke gemeente af op tientallen: kleine gemeenten "
        "springen daardoor in stappen van 10, en de som over gemeenten wijkt tot enkele "
        "honderden af van landelijke reeksen. Een gemeentecijfer is het gepubliceerde "
        "CBS-cijfer; waar een gemeente van 2025 uit meerdere oude gemeenten is ontstaan "
        "(herindelingslijst met CBS-bron) en voor provincies en Nederland is het een som "
        "(afgeleid). Gesplitste gemeenten staan apart in de lijst ‘niet geplaatst’."
    ),
}
VANAF = 2010
"""Default first year of every series here: the special types break in 2009/10 (and earlier)."""
PERIODES = {
    "2010": "vanaf 2010 (na de laatste trendbreuk)",
    "alles": "alle jaren 1996–2025 (met trendbreuken)",
}
TYPEWISSEL = (
    "Per soort vestiging: groei van één soort kan komen doordat vestigingen van soort wisselen "
    "(een so/vso-vestiging die splitst in so en vso), niet doordat er meer leerlingen zijn. "
    "‘So-, vso- en so/vso-vestigingen samen’ heeft daar geen last van."
)
NOEMER = ("po_regulier_leerlingen", "leerlingen_vestiging_sbo", "leerlingen_vestiging_so")
MATEN = {"aantal": "aantal leerlingen", "aandeel": "per 1.000 leerlingen in bo, sbo en so"}
AANDEEL_SOORTEN = ("sbo", "so")
BASISJAAR = 2016
BRONREGEL = "Bron: DUO, open onderwijsdata; kaart: CBS/PDOK Gebiedsindelingen 2025"
ONBEKEND = "GM9999"


KADER = (
    "Het aantal is het aantal leerlingen op schoolvestigingen in de regio (teldatum 1 oktober), "
    "niet het aantal kinderen dat er woont: speciale scholen bedienen een groot gebied. Alle "
    "jaren staan in de indeling van 2025 (elke vestiging telt bij haar huidige gemeente). DUO "
    "schermt aantallen van 1 tot 4 af (‘<5’); een som met zulke cellen is een bereik ‘n–4n’. "
    "Regio's zonder vestiging van dit type hebben geen waarde (niet 0). Elke waarde is door "
    "Ketenmonitor opgeteld (status afgeleid; de nieuwste peildatum voorlopig, zoals DUO die noemt)."
)


# ---------------------------------------------------------------- URL contract


def _regio_codes() -> list[str]:
    return [r["regio_code"] for n in NIVEAUS for r in queries.regio_lijst(n)]


def soorten(telling: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return SOORTEN_WOON if telling == "woonplaats" else SOORTEN


def ids(staat: dict[str, Any]) -> tuple[str, ...]:
    """The indicators the chosen soort sums, in the chosen telling."""
    return soorten(staat.get("telling", "vestiging"))[staat["soort"]][1]


def noemer(staat: dict[str, Any]) -> tuple[str, ...]:
    return NOEMER_WOON if staat.get("telling") == "woonplaats" else NOEMER


def jaren(telling: str) -> list[int]:
    return queries.regio_jaren(telling)


def params() -> list[Param]:
    alle = queries.regio_jaren()
    return [
        # Without `telling` a URL means per location: saved links from before keep their view.
        Param("telling", "vestiging", lambda: TELLINGEN, omschrijving="telling"),
        Param("niveau", STANDAARD_NIVEAU, lambda: NIVEAUS, omschrijving="niveau"),
        Param("soort", "gespecialiseerd", lambda: SOORTEN, omschrijving="soort"),
        Param("jaar", alle[-1], lambda: alle, soort=int, omschrijving="jaar"),
        Param("maat", "aantal", lambda: MATEN, omschrijving="maat"),
        Param("periode", "2010", lambda: PERIODES, omschrijving="periode van de ontwikkeling"),
        Param("regio", None, _regio_codes, omschrijving="regio"),
    ]


def lees_staat(kwargs: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The validated state plus notices; combinations that make no sense fall back too."""
    staat, meldingen = lees(params(), kwargs)
    telling = staat["telling"]
    if staat["soort"] not in soorten(telling):
        meldingen.append(
            "Gecombineerde so/vso-vestigingen bestaan alleen bij de telling per vestiging; "
            "naar woongemeente splitst CBS so en vso: so is getoond."
        )
        staat["soort"] = "so"
    eigen = jaren(telling)
    if eigen and staat["jaar"] not in eigen:
        if kwargs.get("jaar") is not None:
            meldingen.append(
                f"{schooljaar(int(staat['jaar']))} bestaat niet in deze telling "
                f"({schooljaar(eigen[0])}–{schooljaar(eigen[-1])}): het laatste jaar is getoond."
            )
        staat["jaar"] = eigen[-1]
    if staat["maat"] == "aandeel" and staat["soort"] not in AANDEEL_SOORTEN:
        meldingen.append(
            "‘Per 1.000 leerlingen’ bestaat alleen voor sbo en so (vso-leerlingen zijn 12–20 "
            "jaar, een andere groep): het aantal is getoond."
        )
        staat["maat"] = "aantal"
    if staat["regio"] and not staat["regio"].startswith("PV" if _is_pv(staat) else "GM"):
        meldingen.append(
            f"Regio ‘{staat['regio']}’ hoort niet bij het niveau {staat['niveau']}: "
            "geen regio gekozen."
        )
        staat["regio"] = None
    return staat, meldingen


def _is_pv(staat: dict[str, Any]) -> bool:
    return staat["niveau"] == "provincie"


# ---------------------------------------------------------------- values


@dataclass
class Regiowaarde:
    code: str
    naam: str
    waarde: float | None  # None: no location of this kind (never 0)
    ondergrens: float | None = None  # filled only when the value is a range
    bovengrens: float | None = None
    vestigingen: int | None = 0  # None by residence (CBS counts children, not locations)
    status: str | None = None
    verandering_basis: float | None = None  # % since BASISJAAR
    verandering_vorig: float | None = None  # % since the previous year
    klasse: int | None = None
    op_kaart: bool = True
    rang: int | None = None


@dataclass
class Uitkomst:
    staat: dict[str, Any]
    regios: list[Regiowaarde]  # ranked: highest value first, regions without value last
    grenzen: list[float]
    landelijk: dict[int, dict[str, Any]]  # jaar -> value row (national)
    eenheid: str
    bron: dict[str, Any] = field(default_factory=dict)

    @property
    def jaar(self) -> int:
        return int(self.staat["jaar"])


def _som_rijen(niveau: str, ids: tuple[str, ...]) -> dict[tuple[str, int], dict[str, Any]]:
    return {(r["regio_code"], r["jaar"]): r for r in queries.regio_alle_jaren(niveau, ids)}


@dataclass
class Onverdeeld:
    """A CBS name that could not be placed on the 2025 map, with its share of the nation."""

    naam: str
    toelichting: str
    waarde: float
    aandeel: float | None  # % of the national sum of the same indicators and year


def onverdeeld(staat: dict[str, Any]) -> list[Onverdeeld]:
    """What could not be placed in the chosen year (split gemeenten, CBS's own remainder)."""
    if staat.get("telling") != "woonplaats":
        return []
    jaar = int(staat["jaar"])
    land = landelijk_per_jaar(staat["soort"], "aantal", "woonplaats").get(jaar)
    totaal = land["waarde"] if land else None
    return [
        Onverdeeld(
            r["naam"],
            r["toelichting"] or "",
            r["waarde"],
            100 * r["waarde"] / totaal if totaal else None,
        )
        for r in queries.regio_onverdeeld(ids(staat), jaar)
    ]


def onverdeeld_tekst(staat: dict[str, Any]) -> str:
    """One sentence for the page and every export: what is left out of the map, and how much."""
    lijst = onverdeeld(staat)
    if not lijst:
        return ""
    som = sum(o.waarde for o in lijst)
    aandeel = sum(o.aandeel or 0 for o in lijst)
    namen = "; ".join(f"{o.naam} {getal(o.waarde, 'aantal')} ({o.toelichting})" for o in lijst)
    return (
        f"Niet op de kaart geplaatst in {schooljaar(int(staat['jaar']))}: {getal(som, 'aantal')} "
        f"kinderen, {nl.getal(aandeel, 1)} % van het landelijke totaal — {namen}. Ze tellen "
        "wel mee in ‘Nederland’."
    )


def _deel(teller: dict[str, Any] | None, noemer: dict[str, Any] | None) -> dict[str, Any] | None:
    """Per 1.000: value from the values (marks as 1), bounds as the widest ratio of bounds."""
    if teller is None or noemer is None or not noemer["waarde"]:
        return None
    uit = dict(teller)
    uit["waarde"] = 1000 * teller["waarde"] / noemer["waarde"]
    uit["status"], uit["citaat"] = "afgeleid", None  # a ratio is computed here, never published
    if teller["ondergrens"] is not None or noemer["ondergrens"] is not None:
        t_laag = teller["ondergrens"] if teller["ondergrens"] is not None else teller["waarde"]
        t_hoog = teller["bovengrens"] if teller["bovengrens"] is not None else teller["waarde"]
        n_laag = noemer["ondergrens"] if noemer["ondergrens"] is not None else noemer["waarde"]
        n_hoog = noemer["bovengrens"] if noemer["bovengrens"] is not None else noemer["waarde"]
        uit["ondergrens"] = 1000 * t_laag / n_hoog
        uit["bovengrens"] = 1000 * t_hoog / n_laag
    else:
        uit["ondergrens"] = uit["bovengrens"] = None
    return uit


def breuken(soort: str, telling: str = "vestiging") -> tuple[int, ...]:
    """Every break of the indicators a soort sums (a sum breaks where any part breaks)."""
    meta = queries.indicator_meta()
    delen = soorten(telling)[soort][1]
    return tuple(sorted({j for i in delen for j in breuken_van(meta.get(i, {}))}))


def breuktekst(soort: str, telling: str = "vestiging") -> str:
    """The breaks of a soort in one sentence, from the table reeksbreuk."""
    jaren = breuken(soort, telling)
    if not jaren:
        return ""
    namen = nl_opsomming([f"{j - 1}/{str(j)[2:]}" for j in jaren])
    return (
        f"Trendbreuken in DUO's telling ({namen}): de jaren daarvoor zijn niet vergelijkbaar "
        f"met later (een telwijziging, geen groei). Standaard begint de ontwikkeling in {VANAF}; "
        "geen verandering of index over een breuk heen."
    )


def waarden_per_jaar(
    niveau: str, soort: str, maat: str, telling: str = "vestiging"
) -> dict[tuple[str, int], dict[str, Any]]:
    """(regio_code, jaar) → value row for the chosen soort and maat (aandeel per 1.000)."""
    staat = {"soort": soort, "telling": telling}
    teller = _som_rijen(niveau, ids(staat))
    if maat != "aandeel":
        return teller
    return _per_duizend(teller, _som_rijen(niveau, noemer(staat)))


def _per_duizend(teller: dict[Any, dict[str, Any]], noemer: dict[Any, dict[str, Any]]) -> dict:
    """Per key, the count per 1.000 pupils of the denominator; keys without one drop out."""
    uit = {}
    for sleutel, rij in teller.items():
        gedeeld = _deel(rij, noemer.get(sleutel))
        if gedeeld is not None:
            uit[sleutel] = gedeeld
    return uit


def landelijk_per_jaar(
    soort: str, maat: str, telling: str = "vestiging"
) -> dict[int, dict[str, Any]]:
    """The national line: the sum over every gemeente (and every unplaced name), afgeleid."""
    staat = {"soort": soort, "telling": telling}
    teller = {r["jaar"]: r for r in queries.landelijke_regioreeks(ids(staat))}
    if maat != "aandeel":
        return teller
    rijen = queries.landelijke_regioreeks(noemer(staat))
    return _per_duizend(teller, {r["jaar"]: r for r in rijen})


def mooie_grenzen(grenzen: list[float], maat: str) -> list[float]:
    """Quintile bounds rounded to two significant digits (readable legend), kept ascending."""
    uit: list[float] = []
    for g in grenzen:
        if g <= 0:
            continue
        stap = 10 ** (math.floor(math.log10(g)) - 1)
        if maat == "aantal":
            stap = max(stap, 1)
        rond = round(g / stap) * stap
        rond = float(round(rond, 6))
        if not uit or rond > uit[-1]:
            uit.append(rond)
    return uit


def klasse_van(waarde: float, grenzen: list[float]) -> int:
    """0 below the first bound … len(grenzen) at or above the last."""
    return sum(1 for g in grenzen if waarde >= g)


def _procent(nu: float | None, toen: float | None) -> float | None:
    if nu is None or toen is None or not toen:
        return None
    return 100 * (nu / toen - 1)


def bereken(staat: dict[str, Any]) -> Uitkomst:
    niveau, soort, maat, jaar = staat["niveau"], staat["soort"], staat["maat"], int(staat["jaar"])
    telling = staat.get("telling", "vestiging")
    waarden = waarden_per_jaar(niveau, soort, maat, telling)
    ruw = queries.regio_klassegrenzen(
        niveau, ids(staat), noemer(staat) if maat == "aandeel" else None
    )
    grenzen = mooie_grenzen(ruw, maat)
    regios = []
    bron: dict[str, Any] = {}
    br = breuken(soort, telling)
    # By residence the comparison year is the first one CBS has (BASISJAAR lies in it too).
    for r in queries.regio_lijst(niveau):
        rij = waarden.get((r["regio_code"], jaar))
        # No change across a break: the comparison year must lie in the same part.
        basis = (
            waarden.get((r["regio_code"], BASISJAAR))
            if vergelijkbaar(jaar, BASISJAAR, br)
            else None
        )
        vorig = (
            waarden.get((r["regio_code"], jaar - 1)) if vergelijkbaar(jaar, jaar - 1, br) else None
        )
        w = Regiowaarde(r["regio_code"], r["naam"], None, op_kaart=r["regio_code"] != ONBEKEND)
        if rij is not None:
            w.waarde = rij["waarde"]
            w.ondergrens, w.bovengrens = rij["ondergrens"], rij["bovengrens"]
            w.vestigingen = rij["aantal_vestigingen"]
            w.status = rij.get("status")
            w.verandering_basis = _procent(w.waarde, basis and basis["waarde"])
            w.verandering_vorig = _procent(w.waarde, vorig and vorig["waarde"])
            w.klasse = klasse_van(w.waarde, grenzen) if w.op_kaart else None
            bron = bron or {"bron_id": rij["bron_id"]}
        regios.append(w)
    regios.sort(key=lambda w: (w.waarde is None, -(w.waarde or 0), w.naam))
    for rang, w in enumerate((w for w in regios if w.waarde is not None), start=1):
        w.rang = rang
    landelijk = landelijk_per_jaar(soort, maat, telling)
    eenheid = "aantal" if maat == "aantal" else "per 1.000 leerlingen"
    return Uitkomst(staat, regios, grenzen, landelijk, eenheid, bron)


# ---------------------------------------------------------------- words


def getal(waarde: float | None, maat: str) -> str:
    if waarde is None:
        return "–"
    return nl.getal(waarde, 0 if maat == "aantal" else 1)


def is_woon(staat: dict[str, Any]) -> bool:
    return staat.get("telling") == "woonplaats"


def geen_waarde(staat: dict[str, Any]) -> str:
    """What an empty region means: no location of the kind, or no CBS figure for it."""
    return "geen cijfer" if is_woon(staat) else "geen vestiging"


def waarde_tekst(w: Regiowaarde, maat: str, leeg: str = "geen vestiging") -> str:
    """'1.234', or the range '12–24' where DUO withheld cells, or `leeg` ('geen vestiging')."""
    if w.waarde is None:
        return leeg
    return bereik_tekst(w.waarde, w.ondergrens, w.bovengrens, maat)


def bereik_tekst(
    waarde: float, ondergrens: float | None, bovengrens: float | None, maat: str
) -> str:
    """A range as 'laag–hoog', but one value when both bounds print the same ('21,3')."""
    if ondergrens is None or bovengrens is None:
        return getal(waarde, maat)
    laag, hoog = getal(ondergrens, maat), getal(bovengrens, maat)
    return laag if laag == hoog else f"{laag}–{hoog}"


def verandering_tekst(v: float | None) -> str:
    return "–" if v is None else nl.met_eenheid(v, "procent verandering")


def klasse_labels(grenzen: list[float], maat: str) -> list[str]:
    if not grenzen:
        return ["alle waarden"]
    labels = [f"minder dan {getal(grenzen[0], maat)}"]
    for laag, hoog in itertools.pairwise(grenzen):
        labels.append(f"{getal(laag, maat)} tot {getal(hoog, maat)}")
    labels.append(f"{getal(grenzen[-1], maat)} of meer")
    return labels


def schooljaar(jaar: int) -> str:
    return nl.periode(jaar, jaar, "schooljaar")


KORT = {
    "gespecialiseerd": "op so-, vso- en so/vso-vestigingen",
    "sbo": "op sbo-vestigingen",
    "so": "op so-vestigingen",
    "vso": "op vso-vestigingen",
    "so_vso": "op so/vso-vestigingen",
}


KORT_WOON = {
    "gespecialiseerd": "in so en vso",
    "sbo": "in het sbo",
    "so": "in het so",
    "vso": "in het vso",
}


def titel(staat: dict[str, Any]) -> str:
    if is_woon(staat):
        kort = KORT_WOON[staat["soort"]]
        if staat["maat"] == "aandeel":
            return f"Kinderen {kort} per 1.000 (bo+sbo+so), per {staat['niveau']} waar ze wonen"
        return f"Kinderen {kort}, per {staat['niveau']} waar ze wonen"
    kort = KORT[staat["soort"]]
    if staat["maat"] == "aandeel":
        return f"Leerlingen {kort} per 1.000 (bo+sbo+so), per {staat['niveau']}"
    return f"Leerlingen {kort}, per {staat['niveau']}"


def ondertitel(staat: dict[str, Any]) -> str:
    if is_woon(staat):
        jaar = int(staat["jaar"])
        voorlopig = " (voorlopig)" if jaar == jaren("woonplaats")[-1] else ""
        return (
            f"{schooljaar(jaar)}{voorlopig}, naar woongemeente, CBS afgerond op tientallen"
            f" · {MATEN[staat['maat']]}"
        )
    voor = " · vóór de trendbreuk van 2010" if int(staat["jaar"]) < VANAF else ""
    apart = " (so/vso apart)" if staat["soort"] in ("so", "vso") else ""
    return f"{schooljaar(int(staat['jaar']))}, 1 oktober{apart}{voor} · {MATEN[staat['maat']]}"


def formule(staat: dict[str, Any], per_jaar: bool = False) -> str:
    """The note every export carries: how the value is computed from DUO's file.

    `per_jaar`: for a series, name the column pattern instead of the chosen year's column.
    """
    if is_woon(staat):
        return _formule_woon(staat, per_jaar)
    kolom = "LEERLINGEN_<jaar>" if per_jaar else f"LEERLINGEN_{staat['jaar']}"
    delen = [
        f"Som over de vestigingen met SOORT_VESTIGING {_soortnamen(staat['soort'])} in de regio "
        f"(kolom {kolom}); provincie = som van haar gemeenten; landelijk = som van alle "
        "gemeenten, ook DUO-code 9999 (onbekend)."
    ]
    if staat["soort"] == "gespecialiseerd":
        delen.append(
            "Gespecialiseerd = so + vso + so/vso (gecombineerde vestigingen), per regio opgeteld; "
            "onder- en bovengrenzen zijn ook opgeteld."
        )
    if staat["maat"] == "aandeel":
        delen.append(
            "Per 1.000 = 1000 × leerlingen van dit type / leerlingen op bo-, sbo- en "
            "so-vestigingen in dezelfde regio en hetzelfde jaar; bij een bereik is de grens "
            "de ruimste verhouding van de grenzen."
        )
    delen.append("Status: afgeleid.")
    return " ".join(delen)


def _formule_woon(staat: dict[str, Any], per_jaar: bool) -> str:
    namen = {
        "leerlingen_woonplaats_so": "Speciaal onderwijs",
        "leerlingen_woonplaats_vso": "Voortgezet speciaal ondewijs",
        "leerlingen_woonplaats_sbo": "Speciaal basisonderwijs",
    }
    soort = " + ".join(f"‘{namen[i]}’" for i in ids(staat))
    periode = "het schooljaar" if per_jaar else schooljaar(int(staat["jaar"]))
    delen = [
        f"CBS StatLine 85701NED, Onderwijssoort {soort}, {periode}, per woongemeente "
        "(Regiokenmerken), afgerond op tientallen door CBS. Gemeente = het gepubliceerde cijfer; "
        "een gemeente van 2025 die uit oude gemeenten is ontstaan = som van hun cijfers "
        "(herindelingslijst met CBS-bron, afgeleid). Provincie = som van haar gemeenten; "
        "Nederland = som van alle gemeentecijfers, ook gesplitste en niet in te delen gemeenten "
        "(afgeleid; elke cel kan 5 afwijken door de afronding)."
    ]
    if staat["soort"] == "gespecialiseerd":
        delen.append("So en vso samen = so + vso, per regio opgeteld (afgeleid).")
    if staat["maat"] == "aandeel":
        delen.append(
            "Per 1.000 = 1000 × kinderen van dit type / kinderen in ‘Basisonderwijs’, "
            "‘Speciaal basisonderwijs’ en ‘Speciaal onderwijs’ in dezelfde regio en hetzelfde "
            "schooljaar, uit dezelfde CBS-tabel (afgeleid)."
        )
    return " ".join(delen)


def _soortnamen(soort: str) -> str:
    namen = {
        "leerlingen_vestiging_so": "SO",
        "leerlingen_vestiging_vso": "VSO",
        "leerlingen_vestiging_so_vso": "SO/VSO",
        "leerlingen_vestiging_sbo": "SBO",
    }
    return " + ".join(namen[i] for i in SOORTEN[soort][1])


def samenvatting(uit: Uitkomst) -> str:
    """A text alternative from the data: national value, highest and lowest five, gaps."""
    staat, maat = uit.staat, uit.staat["maat"]
    jaar = uit.jaar
    met = [w for w in uit.regios if w.waarde is not None and w.op_kaart]
    zonder = [w for w in uit.regios if w.waarde is None and w.op_kaart]
    eenheid = "leerlingen" if maat == "aantal" else "per 1.000 leerlingen in bo, sbo en so"
    leeg = geen_waarde(staat)
    land = uit.landelijk.get(jaar)
    delen = [
        f"{titel(staat)}, {schooljaar(jaar)}.",
        onverdeeld_tekst(staat),
        f"Landelijk: {getal(land['waarde'], maat)} {eenheid}." if land else "",
    ]
    if met:
        hoog = ", ".join(f"{w.naam} {waarde_tekst(w, maat, leeg)}" for w in met[:5])
        delen.append(f"Hoogste {min(5, len(met))}: {hoog}.")
        laag = ", ".join(f"{w.naam} {waarde_tekst(w, maat, leeg)}" for w in reversed(met[-5:]))
        delen.append(f"Laagste {min(5, len(met))}: {laag}.")
    if zonder:
        delen.append(
            f"{len(zonder)} van de {len(met) + len(zonder)} {NIVEAUS[staat['niveau']]} "
            + (
                "hebben geen CBS-cijfer."
                if is_woon(staat)
                else "hebben geen vestiging van dit type."
            )
        )
    bereik = sum(
        1
        for w in met
        if w.ondergrens is not None
        and "–" in bereik_tekst(w.waarde, w.ondergrens, w.bovengrens, maat)
    )
    if bereik:
        delen.append(f"{bereik} waarden zijn een bereik door DUO's afscherming (‘<5’).")
    return " ".join(d for d in delen if d)


# ---------------------------------------------------------------- trend of one region


def landelijke_bron(telling: str = "vestiging") -> dict[str, Any]:
    rijen = queries.landelijke_regioreeks(soorten(telling)["so"][1])
    return rijen[0] if rijen else {}


def trend_reeksen(staat: dict[str, Any], weergave: str) -> tuple[list[Reeks], list[str]]:
    """The selected region and the national line, absolute or as index (BASISJAAR = 100)."""
    code, soort, maat = staat["regio"], staat["soort"], staat["maat"]
    naam = next(r["naam"] for r in queries.regio_lijst(staat["niveau"]) if r["regio_code"] == code)
    eenheid = "aantal" if maat == "aantal" else "per 1.000 leerlingen"
    telling = staat.get("telling", "vestiging")
    alle = waarden_per_jaar(staat["niveau"], soort, maat, telling)
    regio = {j: r for (c, j), r in alle.items() if c == code}
    rijen = []
    bron = landelijke_bron(telling)
    for sleutel, reeks in (
        (f"regio_{code}", regio),
        ("regio_nederland", landelijk_per_jaar(soort, maat, telling)),
    ):
        for jaar, r in sorted(reeks.items()):
            rijen.append(
                {
                    "indicator_id": sleutel,
                    "categorie": "totaal",
                    "jaar": jaar,
                    "waarde": r["waarde"],
                    "ondergrens": r["ondergrens"],
                    "bovengrens": r["bovengrens"],
                    "status": r.get("status") or "afgeleid",
                    "bron_id": bron.get("bron_id", ""),
                    "bron_titel": bron.get("bron_titel", ""),
                    "bron_uitgever": bron.get("bron_uitgever", "DUO"),
                    "bron_url": bron.get("bron_url", ""),
                    "citaat": r.get("citaat"),
                    "noot": formule(staat, per_jaar=True),
                }
            )
    meta = {
        f"regio_{code}": _meta(naam, eenheid, staat),
        "regio_nederland": _meta("Nederland", eenheid, staat),
    }
    meldingen: list[str] = []
    van = VANAF if staat.get("periode", "2010") == "2010" and not is_woon(staat) else None
    tot = max((r["jaar"] for r in rijen), default=None) if van else None
    reeksen = maak_reeksen(rijen, meta, weergave, BASISJAAR, True, meldingen, van, tot)
    return reeksen, meldingen


def _meta(naam: str, eenheid: str, staat: dict[str, Any]) -> dict[str, Any]:
    return {
        "korte_titel": naam,
        "titel": f"{naam}: {titel(staat).lower()}",
        "eenheid": eenheid,
        "periode_type": "schooljaar",
        "reeksbreuk_jaar": None,
        "reeksbreuken": list(breuken(staat["soort"], staat.get("telling", "vestiging"))),
        "definitie": formule(staat, per_jaar=True),
        "kanttekening": kanttekening(staat),
    }


def beeldvoorbehoud(staat: dict[str, Any]) -> str:
    """The short caveat an exported map image carries under it."""
    if is_woon(staat):
        return (
            "Let op: telt kinderen naar de gemeente waar ze wonen (CBS, afgerond op tientallen), "
            "niet leerlingen per school; gesplitste gemeenten staan niet op de kaart maar tellen "
            "mee in Nederland; geen cijfer is geen 0."
        )
    delen = [
        "telt leerlingen op schoolvestigingen in de regio, niet kinderen die er wonen "
        "(speciale scholen bedienen een groot gebied); een bereik n–4n komt door DUO's "
        "afscherming ‘<5’; geen vestiging is geen 0"
    ]
    if staat["soort"] != "gespecialiseerd":
        delen.append("groei van één soort kan komen doordat vestigingen van soort wisselen")
    if int(staat["jaar"]) < VANAF:
        delen.append("vóór 2010 niet vergelijkbaar met later (trendbreuk in DUO's telling)")
    return "Let op: " + "; ".join(delen) + "."


def kanttekening(staat: dict[str, Any]) -> str:
    """What every export of this view must say: the count, the breaks, type changes."""
    if is_woon(staat):
        delen = [
            UITLEG["woonplaats"],
            "Andere vraag dan de telling per vestiging (" + UITLEG["vestiging"] + ")",
        ]
        if staat.get("jaar") is not None:
            delen.append(onverdeeld_tekst(staat))
        return " ".join(d for d in delen if d)
    delen = [KADER, breuktekst(staat["soort"])]
    if staat["soort"] != "gespecialiseerd":
        delen.append(TYPEWISSEL)
    return " ".join(d for d in delen if d)


def trend_export(staat: dict[str, Any], weergave: str) -> Grafiekexport:
    reeksen, meldingen = trend_reeksen(staat, weergave)
    jaren = [p.jaar for r in reeksen for p in r.punten] or [int(staat["jaar"])]
    van, tot = min(jaren), max(jaren)
    naam = reeksen[0].label if reeksen else staat["regio"]
    soort = soorten(staat.get("telling", "vestiging"))[staat["soort"]][0]
    wat = ", per 1.000 leerlingen in bo, sbo en so" if staat["maat"] == "aandeel" else ""
    figuur = trend_figuur(
        reeksen, weergave, van, tot, titel=f"{naam} en Nederland: {soort}{wat}", toon_2020=True
    )
    figuur["layout"]["meta"]["bron"] = bronregel(staat).split(";")[0]
    meta = {r.indicator_id: _meta(r.label, r.eenheid, staat) for r in reeksen}
    return Grafiekexport(
        figuur, reeksen, weergave, van, tot, indicator_meta=meta, meldingen=meldingen
    )


def trend_tekst(g: Grafiekexport) -> str:
    return trend_samenvatting(g.reeksen, g.van, g.tot, g.weergave)


def bronregel(staat: dict[str, Any]) -> str:
    return BRONREGEL_WOON if is_woon(staat) else BRONREGEL


# ---------------------------------------------------------------- table


def tabel(uit: Uitkomst) -> dict[str, Any]:
    """The ranked table as plain data; `assets/regio.js` draws it (and filters it on search).

    342 gemeenten as Dash components made a 250 kB response and stalled the browser's
    renderer for seconds; as data it is ~30 kB and draws at once.
    """
    staat, maat = uit.staat, uit.staat["maat"]
    eenheid = "leerlingen" if maat == "aantal" else "per 1.000 leerlingen in bo, sbo en so"
    woon = is_woon(staat)
    uitleg = (
        "CBS rondt elke gemeente af op tientallen; status gepubliceerd = het CBS-cijfer, "
        "afgeleid = een som (oude gemeenten, provincie); ‘geen cijfer’ is geen 0"
        if woon
        else "Een bereik (n–4n) komt door DUO's afscherming ‘<5’; ‘geen vestiging’ is geen 0"
    )
    return {
        "bijschrift": (
            f"{titel(staat)} ({eenheid}), {schooljaar(uit.jaar)}. {uitleg}; ‘–’ bij een "
            "verandering: geen waarde of een trendbreuk ertussen."
        ),
        "kop": [
            "Rang",
            "Regio",
            f"Waarde {schooljaar(uit.jaar)}",
            f"Sinds {schooljaar(BASISJAAR)}",
            f"Sinds {schooljaar(uit.jaar - 1)}",
            "Status" if woon else "Vestigingen",
        ],
        "rijen": [
            [
                w.rang or "–",
                w.code,
                w.naam + ("" if w.op_kaart else " (niet op de kaart)"),
                waarde_tekst(w, maat, geen_waarde(staat)),
                verandering_tekst(w.verandering_basis),
                verandering_tekst(w.verandering_vorig),
                (w.status or "–") if woon else w.vestigingen,
            ]
            for w in uit.regios
        ],
        "gekozen": staat.get("regio"),
    }


# ---------------------------------------------------------------- the national line


LANDELIJKE_REEKS = {
    "sbo": "sbo_leerlingen",
    "so": "so_leerlingen",
    "vso": "vso_leerlingen",
}
"""OCW's national series (per afdeling, school location) a sum by residence is checked against."""


def nederland(uit: Uitkomst) -> dict[str, Any] | None:
    """'Nederland' by residence: the sum of every CBS cell, next to OCW's national series.

    Both count pupils on 1 October; they differ because CBS rounds per gemeente and counts by
    residence. The difference is shown with the stated tolerance (TOLERANTIE), never hidden.
    """
    staat = uit.staat
    if not is_woon(staat):
        return None
    jaar = uit.jaar
    som = landelijk_per_jaar(staat["soort"], "aantal", "woonplaats").get(jaar)
    if som is None:
        return None
    uit_dict: dict[str, Any] = {
        "som": som["waarde"],
        "waarde": (uit.landelijk.get(jaar) or {}).get("waarde"),
        "reeks": None,
        "reekswaarde": None,
        "verschil": None,
    }
    indicator = LANDELIJKE_REEKS.get(staat["soort"])
    if indicator:
        rijen = [
            r for r in queries.jaarwaarden([indicator], jaar, jaar) if r["uitsplitsing"] == "totaal"
        ]
        if rijen:
            ref = rijen[0]["waarde"]
            uit_dict |= {
                "reeks": indicator,
                "reekswaarde": ref,
                "verschil": (som["waarde"] - ref) / ref if ref else None,
                "bron": rijen[0]["bron_uitgever"],
            }
    return uit_dict


def nederland_tekst(uit: Uitkomst) -> str:
    """One line: Nederland by residence, and how far it lies from the national series."""
    n = nederland(uit)
    if n is None:
        return ""
    maat = uit.staat["maat"]
    jaar = schooljaar(uit.jaar)
    eenheid = "kinderen" if maat == "aantal" else "per 1.000 kinderen in bo, sbo en so"
    tekst = (
        f"Nederland, {jaar}: {getal(n['waarde'], maat)} {eenheid} (som van alle "
        f"gemeentecijfers, afgeleid; {getal(n['som'], 'aantal')} kinderen)."
    )
    if n["verschil"] is not None:
        binnen = "binnen" if abs(n["verschil"]) <= TOLERANTIE else "buiten"
        tekst += (
            f" De landelijke reeks {n['reeks']} ({n['bron']}, per school geteld) geeft "
            f"{getal(n['reekswaarde'], 'aantal')}: verschil {nl.getal(100 * n['verschil'], 1)} %, "
            f"{binnen} de gestelde marge van {nl.getal(100 * TOLERANTIE, 0)} % (afronding per "
            "gemeente door CBS, telling naar woonplaats)."
        )
    return tekst
