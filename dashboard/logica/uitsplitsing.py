"""One breakdown of one indicator (by age, by cluster, …) as the chart that fits its data.

Consecutive years: a line per category over time, so an age trend is a trend. A few separate
dates (DUO's 1 October 2015 and 2016): grouped bars, one per date, never a line across them.
Many categories of a count over years (cohort sizes): a heat map, context rather than trend.
One year: a bar chart whose title names that period ("2019/20"), never a one-point line.
Categories keep their natural order (age bands by their bounds, clusters 1→4) in the chart,
its table and its files, because all of them come from the same rows.
"""

from __future__ import annotations

import re
from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.figures import EENHEID_AS, trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.peildata import peildata_figuur, peildatum_naam, toon, warmte_figuur
from dashboard.figuren.staaf import staaf_figuur
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import als_jaarrijen, maak_reeksen, staaf_reeksen, verberg_2020
from dashboard.gegevens.volgorde import categorie_sleutel


def jaarrijen(indicator_id: str, uitsplitsing: str, toon_2020: bool | str) -> list[dict[str, Any]]:
    """Yearly rows of the breakdown; 2020 left out where the corona setting hides it."""
    rijen = als_jaarrijen(queries.waarnemingen([indicator_id], uitsplitsing))
    weg = verberg_2020(queries.indicator_meta()[indicator_id], toon_2020)
    return [r for r in rijen if not weg or r["jaar"] != 2020]


def is_lijn(rijen: list[dict[str, Any]], verborgen: frozenset[int] = frozenset()) -> bool:
    """Lines only where years follow each other: a line over a gap draws years never measured.

    `verborgen`: years in the data but hidden (2020, the corona year); they are no gap.
    """
    jaren = {r["jaar"] for r in rijen} | verborgen
    return len(jaren) >= 2 and max(jaren) - min(jaren) + 1 == len(jaren)


VEEL_CATEGORIEEN = 6
"""Above this, lines of a count per category (cohorts) overlap into noise: a heat map."""


def soort_grafiek(
    rijen: list[dict[str, Any]], eenheid: str, verborgen: frozenset[int] = frozenset()
) -> str:
    """'lijn', 'staaf' (one period), 'peildata' (a few separate dates) or 'warmte'."""
    jaren = {r["jaar"] for r in rijen}
    veel = len({r["categorie"] for r in rijen}) > VEEL_CATEGORIEEN
    if len(jaren) == 1:
        return "staaf"
    if veel and eenheid == "aantal":
        return "warmte"
    if is_lijn(rijen, verborgen) and not veel:
        return "lijn"
    return "peildata" if len(jaren) <= 3 else ("lijn" if is_lijn(rijen, verborgen) else "warmte")


_ENKEL_JAAR = re.compile(r"^\d+ jaar$")


def enkele_leeftijden(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where a series has single years of age beside bands ("4 tot 8 jaar"), the chart shows
    the single years; the bands overlap them and stay in the text and the data."""
    if not any(_ENKEL_JAAR.match(r["categorie"]) for r in rijen):
        return rijen
    return [r for r in rijen if " tot " not in r["categorie"]]


def uitsplitsing_grafiek(
    indicator_id: str, uitsplitsing: str, toon_2020: bool | str = False
) -> Grafiekexport | None:
    """The breakdown's chart with everything its toolbar exports; None without data."""
    rijen = jaarrijen(indicator_id, uitsplitsing, toon_2020)
    if uitsplitsing == "leeftijd":
        rijen = enkele_leeftijden(rijen)
    if not rijen:
        return None
    meta = queries.indicator_meta()
    m = meta[indicator_id]
    getoond = {r["jaar"] for r in rijen}  # 2020 hidden by the corona setting is no gap
    verborgen = frozenset(
        {2020}
        if 2020 not in getoond
        and any(r["jaar"] == 2020 for r in jaarrijen(indicator_id, uitsplitsing, True))
        else set()
    )
    soort = soort_grafiek(rijen, m["eenheid"], verborgen)
    if soort == "staaf":
        return _staaf(rijen, m, uitsplitsing, meta)
    reeksen = maak_reeksen(rijen, meta, "absoluut", 2016, toon_2020)
    jaren = sorted({p.jaar for r in reeksen for p in r.punten})
    van, tot = jaren[0], jaren[-1]
    titel = _titel(m["korte_titel"], uitsplitsing)
    if soort == "lijn":
        figuur = trend_figuur(reeksen, "absoluut", van, tot, titel=titel, toon_2020=toon_2020)
        return Grafiekexport(figuur, reeksen, "absoluut", van, tot)
    statussen = sorted({p.status for r in reeksen for p in r.punten})
    ondertitel = f"{EENHEID_AS.get(m['eenheid'], m['eenheid'])} · " + ", ".join(statussen)
    if soort == "peildata":
        # DUO counts on 1 October: name the date; otherwise the period as the source gives it
        oktober = "1 oktober" in (m.get("definitie") or "")
        namen = {
            j: peildatum_naam(j) if oktober else nl.periode(j, j, m["periode_type"]) for j in jaren
        }
        ondertitel += f" · {len(jaren)} losse metingen naast elkaar, geen trend"
        figuur = peildata_figuur(reeksen, titel, ondertitel, namen)
    else:
        ondertitel += " · " + ", ".join(str(j) for j in jaren)
        figuur = warmte_figuur(reeksen, titel, ondertitel)
    return Grafiekexport(figuur, reeksen, "absoluut", van, tot)


def _titel(korte_titel: str, uitsplitsing: str) -> str:
    """'<indicator>, naar leeftijd', unless the short title says so already."""
    if f"naar {uitsplitsing}" in korte_titel:
        return korte_titel
    return f"{korte_titel}, naar {uitsplitsing}"


def _staaf(
    rijen: list[dict[str, Any]], m: dict[str, Any], uitsplitsing: str, meta: dict[str, Any]
) -> Grafiekexport:
    jaar = rijen[0]["jaar"]
    groep = sorted(rijen, key=lambda r: categorie_sleutel(r["categorie"]))
    periode = nl.periode(jaar, jaar, m["periode_type"])
    titel = f"{_titel(m['korte_titel'], uitsplitsing)}, {periode}"
    eenheid = m["eenheid"]
    hoogte = 220 + 40 * len(groep)
    figuur = staaf_figuur(groep, titel, f"{eenheid} · {periode}", eenheid, hoogte=hoogte)
    return Grafiekexport(figuur, staaf_reeksen(groep, meta), "absoluut", jaar, jaar)


def jaren_tekst(jaren: list[int]) -> str:
    """Years compactly: runs as '2015–2022', separate years listed ('1991, 1996, 2001')."""
    delen: list[list[int]] = []  # two years in a row stay two years: "2015, 2016"
    for j in sorted(set(jaren)):
        if delen and j == delen[-1][-1] + 1:
            delen[-1].append(j)
        else:
            delen.append([j])
    return ", ".join(
        f"{d[0]}–{d[-1]}" if len(d) >= 3 else ", ".join(str(j) for j in d) for d in delen
    )


def leeftijd_overzicht() -> list[dict[str, Any]]:
    """Per setting, every age series in the database with its categories and years: the
    answer to "what do we know by age, and for when", generated so a new series shows up."""
    meta = queries.indicator_meta()
    settings = {s["setting_id"]: s for s in queries.settings()}
    rijen = [r for r in queries.waarnemingen(list(meta), "leeftijd")]
    per: dict[str, dict[str, Any]] = {}
    for r in rijen:
        i = per.setdefault(r["indicator_id"], {"jaren": set(), "categorieen": set()})
        i["categorieen"].add(r["categorie"])
        i["jaren"].update(j for j in (r["periode_van"], r["periode_tot"]) if j is not None)
    uit = []
    for indicator_id, d in per.items():
        m = meta[indicator_id]
        setting = settings.get(m["setting_id"], {"naam": m["setting_id"], "volgorde": 999})
        cats = sorted(d["categorieen"], key=categorie_sleutel)
        enkel = [c for c in cats if _ENKEL_JAAR.match(c)]
        if len(enkel) > VEEL_CATEGORIEEN:
            groepen = [c for c in cats if c not in enkel]
            leeftijden = f"elk leeftijdsjaar {enkel[0].removesuffix(' jaar')}–{enkel[-1]}"
            if groepen:
                leeftijden += "; " + ", ".join(groepen)
        else:
            leeftijden = ", ".join(cats)
        uit.append(
            {
                "setting": setting["naam"],
                "indicator_id": indicator_id,
                "reeks": m["korte_titel"],
                "eenheid": m["eenheid"],
                "leeftijden": leeftijden,
                "jaren": jaren_tekst(list(d["jaren"])) if d["jaren"] else "geen periode",
                "_volgorde": (setting["volgorde"], -len(d["jaren"]), indicator_id),
            }
        )
    uit.sort(key=lambda r: r.pop("_volgorde"))
    return uit


MAX_PER_SOORT = 24
"""Chart slots per breakdown kind on a page: each slot has its own export callbacks, which
Dash needs before the first request, while the series come from the database per request."""


def reeksen_met(uitsplitsing: str) -> list[str]:
    """Every indicator with yearly values for this breakdown, in the chain's order (setting
    `volgorde`), longest series first within a setting. Read from the database, so a new
    series (an age trend, say) appears without a code change."""
    volgorde = {s["setting_id"]: s["volgorde"] for s in queries.settings()}
    meta = queries.indicator_meta()
    jaren = {
        u["indicator_id"]: u["aantal_jaren"]
        for u in queries.uitsplitsingen()
        if u["uitsplitsing"] == uitsplitsing and u["indicator_id"] in meta
    }
    return sorted(
        jaren,
        key=lambda i: (volgorde.get(meta[i]["setting_id"], len(volgorde)), -jaren[i], i),
    )[:MAX_PER_SOORT]


def groep_van(meta: dict[str, Any], domein: dict[str, str]) -> str:
    """Which question of the age section a series answers: 'aandeel' (share of an age group
    in a setting: the age profile of use), 'jeugdhulp', 'context' (pupil counts per age:
    cohort size more than use) or 'overig'."""
    soort = domein.get(meta["setting_id"], "")
    if meta["setting_id"] == "jeugdhulp":
        return "jeugdhulp"
    if soort == "onderwijs" and meta["eenheid"] == "procent":
        return "aandeel"
    if soort == "onderwijs" and meta["eenheid"] == "aantal" and "groei" not in meta["indicator_id"]:
        return "context"
    return "overig"


def banden_zin(
    indicator_id: str, banden: tuple[str, ...] = ("4 tot 8 jaar", "8 tot 12 jaar")
) -> str:
    """One generated sentence on a share by age band per date, e.g. sbo at 4–7 against 8–11."""
    rijen = [
        r for r in queries.waarnemingen([indicator_id], "leeftijd") if r["categorie"] in banden
    ]
    if not rijen:
        return ""
    m = queries.indicator_meta()[indicator_id]
    per_jaar: dict[int, dict[str, float]] = {}
    for r in rijen:
        per_jaar.setdefault(r["periode_van"], {})[r["categorie"]] = r["waarde"]
    delen = [
        f"op 1 oktober {jaar}: "
        + " en ".join(
            f"{toon(w[b], m['eenheid'])} van de leerlingen van {b}" for b in banden if b in w
        )
        for jaar, w in sorted(per_jaar.items())
    ]
    return f"{m['korte_titel']}, {'; '.join(delen)} (afgeleid)."
