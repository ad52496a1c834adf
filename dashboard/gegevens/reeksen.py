"""Turn observation rows into plotted series: one series per indicator (and category), per view.

Pure functions, shared by the chart, the table tab, the aria summary and (later) exports, so
all of them show exactly the same numbers. Series never mix counting concepts: each indicator
(and each category of it) is its own series; nothing is summed across indicators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashboard.gegevens.volgorde import categorie_sleutel

CORONA_VERBORGEN = "0"  # 2020 hidden in every series (the only "off" of URL contract 1)
CORONA_GETOOND = "1"  # 2020 shown in every series
CORONA_ATYPISCH = "atypisch"  # 2020 hidden only where the producer or the letter calls it atypical
CORONA_KEUZES = (CORONA_ATYPISCH, CORONA_GETOOND, CORONA_VERBORGEN)

PROCENT = "procent"
PROCENTPUNT = "procentpunt"
"""A share in an index or change view is drawn as its change in percentage points: an index
of a rounded share (2,0 → 2,4 is "+20%") reads as growth the share does not have."""

WEERGAVEN = {
    "absoluut": "Absolute waarden",
    "index": "Index (basisjaar = 100)",
    "verandering": "Procentuele verandering t.o.v. basisjaar",
}


@dataclass
class Punt:
    jaar: int | None  # first year of the period; None only where the source names no period
    waarde: float  # as published
    getoond: float  # after the view transform
    status: str
    bron_id: str
    bron_titel: str
    bron_uitgever: str
    bron_url: str
    citaat: str | None
    noot: str | None
    periode_tot: int | None = None  # last year when the period spans years (bar charts)
    ondergrens: float | None = None  # a range: the value sums cells DUO withheld ('<5')
    bovengrens: float | None = None
    bron_soort: str = "primair"  # 'secundair': newspaper, aggregator or copy (bron.soort)
    herzien: bool = False  # the value replaced an earlier one (table revisie)
    # where in the source the quote stands (table, row, column), for quotes of table cells
    # run together that no reader could otherwise match to the number
    vindplaats: str | None = None


@dataclass
class Reeks:
    indicator_id: str
    categorie: str
    label: str
    eenheid: str  # unit of the published values
    periode_type: str
    reeksbreuk_jaar: int | None
    basisjaar: int | None = None
    punten: list[Punt] = field(default_factory=list)
    # Every break (table reeksbreuk); `reeksbreuk_jaar` alone is the latest, kept for readers
    # that know one break. Empty: only `reeksbreuk_jaar` counts.
    breuken: tuple[int, ...] = ()
    corona_verborgen: str | None = None  # why 2020 is left out of this series, if it is

    @property
    def getoonde_eenheid(self) -> str:
        if self.basisjaar is None:
            return self.eenheid
        return PROCENTPUNT if self.eenheid == PROCENT else "index"

    def alle_breuken(self) -> tuple[int, ...]:
        """Every break year, ascending (a break year is the first year after the break)."""
        jaren = set(self.breuken)
        if self.reeksbreuk_jaar:
            jaren.add(self.reeksbreuk_jaar)
        return tuple(sorted(jaren))


def een_indicator(reeksen: list[Reeks]) -> bool:
    """All series are categories of one indicator: the title can name it once."""
    return len({r.indicator_id for r in reeksen}) == 1


def indicatornaam(reeks: Reeks) -> str:
    """The indicator's short title, without the category the label appends."""
    return reeks.label.removesuffix(f" – {reeks.categorie}")


def legendanaam(reeks: Reeks, reeksen: list[Reeks]) -> str:
    """A legend entry names what tells the lines apart. In a breakdown chart (one indicator,
    its categories) that is the category alone ("12 jaar"): the title names the indicator,
    and repeating it in every entry makes a legend that wraps over half a phone screen."""
    if een_indicator(reeksen) and reeks.categorie != "totaal":
        return reeks.categorie
    return reeks.label


def breuken_van(m: dict[str, Any]) -> tuple[int, ...]:
    """The break years of an indicator's metadata row: all of `reeksbreuken`, else the one."""
    jaren = set(m.get("reeksbreuken") or ())
    if m.get("reeksbreuk_jaar"):
        jaren.add(m["reeksbreuk_jaar"])
    return tuple(sorted(jaren))


def deel(jaar: int, breuken: tuple[int, ...]) -> int:
    """Which part of a broken series `jaar` lies in: the number of breaks at or before it."""
    return sum(1 for b in breuken if b <= jaar)


def vergelijkbaar(a: int, b: int, breuken: tuple[int, ...]) -> bool:
    """Two years may be compared (change, index) only when no break lies between them."""
    return deel(a, breuken) == deel(b, breuken)


def corona_modus(toon_2020: bool | str) -> str:
    """The corona setting as one of CORONA_KEUZES; a bool means all (True) or none (False)."""
    if toon_2020 is True:
        return CORONA_GETOOND
    if toon_2020 is False:
        return CORONA_VERBORGEN
    return toon_2020 if toon_2020 in CORONA_KEUZES else CORONA_ATYPISCH


def verberg_2020(m: dict[str, Any], toon_2020: bool | str) -> str | None:
    """Why 2020 is left out of this indicator's series, or None when it is shown."""
    modus = corona_modus(toon_2020)
    if modus == CORONA_GETOOND:
        return None
    if m.get("corona_atypisch"):
        return f"“{m['corona_citaat']}” ({m.get('corona_bron_titel') or 'bron'})"
    if modus == CORONA_VERBORGEN:
        return "2020 is een coronajaar (alle reeksen; zet ‘Toon 2020’ aan om het te zien)"
    return None


def weergave_tekst(weergave: str, basisjaar: int | None) -> str:
    """The view in words, with its base year: "index, 2017 = 100" (never "basisjaar = 100")."""
    if weergave == "index":
        return f"index, {basisjaar} = 100"
    if weergave == "verandering":
        return f"procentuele verandering t.o.v. {basisjaar}"
    return "absolute waarden"


def maak_reeksen(
    rijen: list[dict[str, Any]],
    meta: dict[str, dict[str, Any]],
    weergave: str = "absoluut",
    basisjaar: int = 2016,
    toon_2020: bool | str = False,
    meldingen: list[str] | None = None,
    van: int | None = None,
    tot: int | None = None,
) -> list[Reeks]:
    """Group rows into series, apply the view and keep only what the data supports.

    Index and % change use exactly `basisjaar`: a series without a value in that year is
    not drawn (never rescaled to another year), and points on the other side of the
    series' trend break are left out. Each omission is appended to `meldingen` as a
    sentence for the page, so the reader sees what is missing and why. `van`/`tot` crop
    the points after the view is applied, so the base year may lie outside the range.
    Series come out per indicator in first-seen order, categories in natural order.
    `toon_2020` is a CORONA_KEUZES value (or a bool: all or nothing); a hidden 2020 is named
    in `meldingen` with its reason, once per indicator.
    """
    reeksen: dict[tuple[str, str], Reeks] = {}
    meldingen = meldingen if meldingen is not None else []
    verborgen: dict[str, str] = {}
    for r in rijen:
        m = meta[r["indicator_id"]]
        if r["jaar"] == 2020 and (reden := verberg_2020(m, toon_2020)):
            verborgen.setdefault(r["indicator_id"], reden)
            continue
        sleutel = (r["indicator_id"], r["categorie"])
        if sleutel not in reeksen:
            label = (
                m["korte_titel"]
                if r["categorie"] == "totaal"
                else f"{m['korte_titel']} – {r['categorie']}"
            )
            reeksen[sleutel] = Reeks(
                r["indicator_id"],
                r["categorie"],
                label,
                m["eenheid"],
                m["periode_type"],
                m.get("reeksbreuk_jaar"),
                breuken=breuken_van(m),
            )
        reeksen[sleutel].punten.append(_punt(r, r["jaar"]))
    for (indicator_id, _), reeks in reeksen.items():
        reeks.corona_verborgen = verborgen.get(indicator_id)
    for indicator_id, reden in verborgen.items():
        # the reason is named for flagged series; "hidden everywhere" is in the subtitle
        if not meta[indicator_id].get("corona_atypisch"):
            continue
        if (van is None or van <= 2020) and (tot is None or tot >= 2020):
            meldingen.append(f"{meta[indicator_id]['korte_titel']}: 2020 verborgen, want {reden}.")
    volgorde = {i: n for n, i in enumerate(dict.fromkeys(i for i, _ in reeksen))}
    uit = []
    for reeks in sorted(
        reeksen.values(),
        key=lambda r: (volgorde[r.indicator_id], categorie_sleutel(r.categorie)),
    ):
        reeks.punten.sort(key=lambda p: p.jaar)
        if weergave != "absoluut":
            melding = _pas_weergave_toe(reeks, weergave, basisjaar, toon_2020)
            if melding:
                meldingen.append(melding)
            if reeks.basisjaar is None:
                continue
        if van is not None and tot is not None:
            reeks.punten = [p for p in reeks.punten if van <= p.jaar <= tot]
            if not reeks.punten:
                meldingen.append(f"{reeks.label}: geen waarde in {van}–{tot}.")
                continue
        uit.append(reeks)
    return uit


def _punt(r: dict[str, Any], jaar: int | None, periode_tot: int | None = None) -> Punt:
    """A point as published (`getoond` starts equal to `waarde`; the view may change it)."""
    return Punt(
        jaar,
        r["waarde"],
        r["waarde"],
        r["status"],
        r["bron_id"],
        r["bron_titel"],
        r["bron_uitgever"],
        r["bron_url"],
        r.get("citaat"),
        r.get("noot"),
        periode_tot,
        r.get("ondergrens"),
        r.get("bovengrens"),
        r.get("bron_soort") or "primair",
        bool(r.get("herzien")),
        r.get("vindplaats") or None,
    )


def _pas_weergave_toe(reeks: Reeks, weergave: str, basisjaar: int, toon_2020: bool | str) -> str:
    """Index or % change against exactly `basisjaar`; returns a notice for what was left out.

    A share (unit procent) becomes its change in percentage points from `basisjaar` in both
    views: never an index of a rounded share. Leaves `reeks.basisjaar` None when the series
    cannot be shown in this view.
    """
    basis = next((p for p in reeks.punten if p.jaar == basisjaar), None)
    if basis is None:
        reden = f"er is geen waarde voor het basisjaar {basisjaar}"
        if basisjaar == 2020 and reeks.corona_verborgen:
            reden += " (2020 is verborgen; zet ‘Toon 2020’ aan)"
        return f"{reeks.label}: niet getoond in deze weergave, want {reden}."
    if not basis.waarde and reeks.eenheid != PROCENT:
        return f"{reeks.label}: niet getoond in deze weergave, want de waarde in {basisjaar} is 0."
    melding = ""
    breuken = reeks.alle_breuken()
    weg = [p.jaar for p in reeks.punten if not vergelijkbaar(p.jaar, basisjaar, breuken)]
    if weg:
        reeks.punten = [p for p in reeks.punten if vergelijkbaar(p.jaar, basisjaar, breuken)]
        jaren = f"{weg[0]}" if len(weg) == 1 else f"{weg[0]}–{weg[-1]}"
        laag, hoog = min(*weg, basisjaar), max(*weg, basisjaar)
        tussen = [b for b in breuken if laag < b <= hoog]
        breuktekst = (
            f"een trendbreuk in {tussen[0]}"
            if len(tussen) == 1
            else f"trendbreuken in {nl_opsomming([str(b) for b in tussen])}"
        )
        melding = (
            f"{reeks.label}: {jaren} weggelaten, want de reeks heeft {breuktekst}; een index "
            "of verandering over een trendbreuk heen zegt niets."
        )
    reeks.basisjaar = basisjaar
    for p in reeks.punten:
        if reeks.eenheid == PROCENT:
            p.getoond = p.waarde - basis.waarde
            continue
        index = 100 * p.waarde / basis.waarde
        p.getoond = index if weergave == "index" else index - 100
    return melding


def nl_opsomming(delen: list[str]) -> str:
    """'a, b en c'."""
    return delen[0] if len(delen) == 1 else f"{', '.join(delen[:-1])} en {delen[-1]}"


def bron_naam(bron: dict[str, Any]) -> str:
    """A `bron` row's name on a source line: the producer first, and where the figures were
    read when that is someone else (the same rule as the queries' `bron_uitgever`)."""
    if bron.get("soort") == "secundair" and bron.get("producent"):
        return f"{bron['producent']}, via {bron['uitgever']}"
    return str(bron["uitgever"])


def secundaire_bronnen(reeksen: list[Reeks]) -> set[str]:
    """URLs of plotted points whose source is secondary (to be named as such)."""
    return {p.bron_url for r in reeksen for p in r.punten if p.bron_soort == "secundair"}


def bronnen_van(reeksen: list[Reeks]) -> list[tuple[str, str, str]]:
    """Unique (name, titel, url) of every plotted point, in first-seen order; the name is the
    producer first ("CBS, via ..."), as the query gives it in `bron_uitgever`."""
    gezien: dict[str, tuple[str, str, str]] = {}
    for reeks in reeksen:
        for p in reeks.punten:
            gezien.setdefault(p.bron_id, (p.bron_uitgever, p.bron_titel, p.bron_url))
    return list(gezien.values())


def staaf_reeksen(rijen: list[dict[str, Any]], meta: dict[str, dict[str, Any]]) -> list[Reeks]:
    """Bar-chart rows (one period per category, possibly multi-year or unnamed) as series.

    One series per category with one point that keeps its own period, so an export of a bar
    chart says "2016–2019" or "periode niet genoemd" instead of inventing a year.
    """
    uit = []
    for r in rijen:
        m = meta[r["indicator_id"]]
        reeks = Reeks(
            r["indicator_id"],
            r["categorie"],
            f"{m['korte_titel']} – {r['categorie']}",
            m["eenheid"],
            m["periode_type"],
            m.get("reeksbreuk_jaar"),
            breuken=breuken_van(m),
        )
        reeks.punten.append(_punt(r, r["periode_van"], r["periode_tot"]))
        uit.append(reeks)
    return uit


def als_jaarrijen(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Observation rows (any breakdown) as trend input: yearly ones only, with `jaar`."""
    return [
        {**r, "jaar": r["periode_van"]}
        for r in rijen
        if r["periode_van"] is not None and r["periode_van"] == r["periode_tot"]
    ]
