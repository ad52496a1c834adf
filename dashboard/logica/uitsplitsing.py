"""One breakdown of one indicator (by age, by cluster, …) as the chart that fits its data.

Two or more years: a line per category over time, so an age trend is a trend. One year: a
bar chart whose title names that period ("2019/20"), never a one-point line or "2019–2019".
Categories keep their natural order (age bands by their bounds, clusters 1→4) in the chart,
its table and its files, because all of them come from the same rows.
"""

from __future__ import annotations

from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.figures import trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.staaf import staaf_figuur
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import als_jaarrijen, maak_reeksen, staaf_reeksen, verberg_2020
from dashboard.gegevens.volgorde import categorie_sleutel


def jaarrijen(indicator_id: str, uitsplitsing: str, toon_2020: bool | str) -> list[dict[str, Any]]:
    """Yearly rows of the breakdown; 2020 left out where the corona setting hides it."""
    rijen = als_jaarrijen(queries.waarnemingen([indicator_id], uitsplitsing))
    weg = verberg_2020(queries.indicator_meta()[indicator_id], toon_2020)
    return [r for r in rijen if not weg or r["jaar"] != 2020]


def is_lijn(rijen: list[dict[str, Any]]) -> bool:
    return len({r["jaar"] for r in rijen}) >= 2


def uitsplitsing_grafiek(
    indicator_id: str, uitsplitsing: str, toon_2020: bool | str = False
) -> Grafiekexport | None:
    """The breakdown's chart with everything its toolbar exports; None without data."""
    rijen = jaarrijen(indicator_id, uitsplitsing, toon_2020)
    if not rijen:
        return None
    meta = queries.indicator_meta()
    m = meta[indicator_id]
    if is_lijn(rijen):
        reeksen = maak_reeksen(rijen, meta, "absoluut", 2016, toon_2020)
        jaren = [p.jaar for r in reeksen for p in r.punten]
        van, tot = min(jaren), max(jaren)
        titel = f"{m['korte_titel']}, naar {uitsplitsing}"
        figuur = trend_figuur(reeksen, "absoluut", van, tot, titel=titel, toon_2020=toon_2020)
        return Grafiekexport(figuur, reeksen, "absoluut", van, tot)
    jaar = rijen[0]["jaar"]
    groep = sorted(rijen, key=lambda r: categorie_sleutel(r["categorie"]))
    periode = nl.periode(jaar, jaar, m["periode_type"])
    titel = f"{m['korte_titel']}, naar {uitsplitsing}, {periode}"
    eenheid = m["eenheid"]
    hoogte = 220 + 40 * len(groep)
    figuur = staaf_figuur(groep, titel, f"{eenheid} · {periode}", eenheid, hoogte=hoogte)
    return Grafiekexport(figuur, staaf_reeksen(groep, meta), "absoluut", jaar, jaar)


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
