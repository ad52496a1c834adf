"""Where the chain stands now: per setting its latest value, 2016–2019 and since 2019.

Pure arithmetic on observation rows (`bereken_rij`, `verandering`, `richting`, `kop_zinnen`),
with one function that fetches them (`rijen`), so the table, the headline, the ketenkaart's
`sinds-2019` view and the exports all come from the same rows. The rules (docs/methoden.md):

- A change is never computed across a trend break (any of `reeksen.breuken_van`): if a
  break lies after 2019, "since 2019" is the change over the segment from the break on.
- Change per year is the compound annual rate, ((eind / begin)^(1 / jaren) − 1) × 100, so
  spans of one and six years compare.
- The direction word follows one fixed threshold on that rate (DREMPEL_PER_JAAR), chosen
  before looking at the values, not tuned to them.
- A share sits beside a count only when the same producer publishes it for the same
  years; its change is in percentage points over the count's own years.
- Berenschot's own figure stays beside the public series, labelled, never merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashboard.figuren import format as nl
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import breuken_van
from dashboard.gegevens.verbinding import per_bouw
from dashboard.logica.ketenkaart import BERENSCHOT_GROEI, KETEN, VERGELIJKINGSREEKS, Knoop
from dashboard.onderdelen.state import link

VANAF = 2019
"""'Since 2019': the last year of the Berenschot period is the start of 'now'."""
BASIS_VAN, BASIS_TOT = 2016, 2019
DREMPEL_PER_JAAR = 1.0
"""|change per year| below this (in %) is 'stabiel'. One percent a year is under 5% over the
four to six years since 2019: the order of what revisions, provisional figures and small
definition changes move a national count. Fixed in advance; not fitted to the data."""

REEKS = {**VERGELIJKINGSREEKS, "voorschoolse_educatie": "ve_doelgroeppeuters_bereikt"}
"""The public series that measures each setting (the ketenkaart's comparison series, plus
voorschoolse educatie's count of reached target toddlers)."""
AANDEEL = {
    "voorschoolse_educatie": "ve_bereik",
    "sbo": "sbo_aandeel_po",
    "so": "so_aandeel_po",
}
"""A share the same producer publishes beside the count (checked per year in `aandeel`)."""

SETTINGS = [s for baan in KETEN.values() for s in baan]


@dataclass
class Verandering:
    """A relative change of one series between two years on the same side of its break."""

    van: int
    tot: int
    begin: float
    eind: float
    periode_type: str
    status: str  # 'voorlopig' when an end point is provisional, else 'afgeleid' (computed)
    na_breuk: int | None = None  # the break the segment starts at, if it starts at one

    @property
    def jaren(self) -> int:
        return self.tot - self.van

    @property
    def procent(self) -> float:
        return 100 * (self.eind / self.begin - 1)

    @property
    def per_jaar(self) -> float:
        """Compound annual rate in %: ((eind / begin)^(1 / jaren) − 1) × 100."""
        return 100 * ((self.eind / self.begin) ** (1 / self.jaren) - 1)

    @property
    def periode(self) -> str:
        """'2019/20–2023/24' for a schooljaar series, '2019–2023' otherwise."""
        return f"{nl.periode(self.van, self.van, self.periode_type)}–{nl.periode(self.tot, self.tot, self.periode_type)}"

    def tekst(self) -> str:
        """'+7,6% (2019/20–2023/24, 4 jaar)' or with '…, na trendbreuk 2021'."""
        jaar = "jaar"
        breuk = f", na trendbreuk {self.na_breuk}" if self.na_breuk else ""
        return (
            f"{nl.met_eenheid(round(self.procent, 1), 'procent verandering')} "
            f"({self.periode}, {self.jaren} {jaar}{breuk})"
        )


@dataclass
class Aandeel:
    indicator_id: str
    naam: str
    laatste: float
    laatste_jaar: int
    status: str
    periode_type: str
    verschil_pp: float | None = None  # over the count's since-2019 years
    van: int | None = None
    tot: int | None = None
    reden: str = ""


@dataclass
class Rij:
    setting_id: str
    naam: str
    reeks: dict[str, Any] | None = None  # indicator row of the public series
    punten: list[dict[str, Any]] = field(default_factory=list)  # yearly totals, ascending
    basis: Verandering | None = None
    basis_reden: str = ""
    berenschot: dict[str, Any] | None = None
    sinds: Verandering | None = None
    sinds_reden: str = ""
    aandeel: Aandeel | None = None
    signalen: list[dict[str, Any]] = field(default_factory=list)
    actielijnen: list[dict[str, Any]] = field(default_factory=list)  # nr, titel, statussen

    @property
    def laatste(self) -> dict[str, Any] | None:
        return self.punten[-1] if self.punten else None

    @property
    def richting(self) -> str | None:
        return richting(self.sinds.per_jaar) if self.sinds else None

    @property
    def trends_link(self) -> str:
        """Trends on this series; since 2019 as an index from the segment's first year."""
        if not self.reeks:
            return link("/trends", {"setting": self.setting_id})
        staat = {"setting": self.setting_id, "indicator": self.reeks["indicator_id"]}
        if self.sinds:
            staat |= {"weergave": "index", "basisjaar": self.sinds.van, "van": self.sinds.van}
        else:
            staat |= {"weergave": "absoluut"}
        return link("/trends", staat)


def richting(per_jaar: float) -> str:
    """'stijgt' (≥ +1% per jaar), 'daalt' (< −1% per jaar) or 'stabiel' (in between).

    The bounds match the ketenkaart's colour classes (`ketenkaart.KLASSEN_PER_JAAR`)."""
    if per_jaar >= DREMPEL_PER_JAAR:
        return "stijgt"
    if per_jaar < -DREMPEL_PER_JAAR:
        return "daalt"
    return "stabiel"


def _status(*punten: dict[str, Any]) -> str:
    return "voorlopig" if any(p["status"] == "voorlopig" for p in punten) else "afgeleid"


def verandering(
    punten: list[dict[str, Any]], van: int, tot: int, breuken: tuple[int, ...], periode_type: str
) -> tuple[Verandering | None, str]:
    """Change between exactly `van` and `tot`, or (None, why not) in Dutch."""
    if tussen := [b for b in breuken if van < b <= tot]:
        return None, f"niet te berekenen: trendbreuk in {tussen[0]}"
    per_jaar = {p["jaar"]: p for p in punten}
    if punten and punten[0]["jaar"] > van:
        eerste = punten[0]["jaar"]
        return (
            None,
            f"niet te berekenen: de reeks begint in {nl.periode(eerste, eerste, periode_type)}",
        )
    ontbreekt = [j for j in (van, tot) if j not in per_jaar]
    if ontbreekt:
        jaren = " en ".join(nl.periode(j, j, periode_type) for j in ontbreekt)
        return None, f"niet te berekenen: geen waarde voor {jaren}"
    a, b = per_jaar[van], per_jaar[tot]
    if not a["waarde"]:
        return None, "niet te berekenen: beginwaarde 0"
    return Verandering(van, tot, a["waarde"], b["waarde"], periode_type, _status(a, b)), ""


def sinds(
    punten: list[dict[str, Any]], breuken: tuple[int, ...], periode_type: str, vanaf: int = VANAF
) -> tuple[Verandering | None, str]:
    """Change from `vanaf` (or, after a later break, from the last break) to the latest year.

    The start is the first year with a value from max(vanaf, last break) on; the end the last.
    Both lie on the same side of every break, so nothing is computed across one.
    """
    na = max((b for b in breuken if b > vanaf), default=None)
    start = na or vanaf
    segment = [p for p in punten if p["jaar"] >= start]
    if len(segment) < 2:
        if na and segment:
            return None, (
                f"na de trendbreuk in {na} pas één jaar: "
                f"{nl.periode(segment[0]['jaar'], segment[0]['jaar'], periode_type)}"
            )
        laatste = punten[-1]["jaar"] if punten else None
        if laatste is not None and laatste < start:
            return None, f"laatste waarde in {nl.periode(laatste, laatste, periode_type)}"
        return None, f"minder dan twee jaren sinds {start}"
    a, b = segment[0], segment[-1]
    if not a["waarde"]:
        return None, "niet te berekenen: beginwaarde 0"
    return Verandering(
        a["jaar"], b["jaar"], a["waarde"], b["waarde"], periode_type, _status(a, b), na
    ), ""


def aandeel(
    indicator: dict[str, Any],
    punten: list[dict[str, Any]],
    telling: list[dict[str, Any]],
    sinds_: Verandering | None,
) -> Aandeel | None:
    """The share beside the count: latest value and its change in percentage points.

    Only over the count's own since-2019 years, and only where the share and the count of
    both years come from the same producer (`bron_uitgever`); otherwise no change is given.
    """
    if not punten:
        return None
    laatste = punten[-1]
    uit = Aandeel(
        indicator["indicator_id"],
        indicator["korte_titel"],
        laatste["waarde"],
        laatste["jaar"],
        laatste["status"],
        indicator["periode_type"],
    )
    if sinds_ is None:
        uit.reden = "geen verandering: de telling heeft er geen"
        return uit
    per_jaar = {p["jaar"]: p for p in punten}
    tel = {p["jaar"]: p for p in telling}
    if tussen := [b for b in breuken_van(indicator) if sinds_.van < b <= sinds_.tot]:
        uit.reden = f"geen verandering: trendbreuk in {tussen[0]}"
        return uit
    jaren = (sinds_.van, sinds_.tot)
    if not all(j in per_jaar for j in jaren):
        uit.reden = "geen verandering: het aandeel ontbreekt in een van de jaren"
        return uit
    if any(per_jaar[j]["bron_uitgever"] != tel[j]["bron_uitgever"] for j in jaren):
        uit.reden = "geen verandering: aandeel en telling komen niet van dezelfde maker"
        return uit
    uit.van, uit.tot = jaren
    uit.verschil_pp = per_jaar[sinds_.tot]["waarde"] - per_jaar[sinds_.van]["waarde"]
    return uit


def _jaarpunten(rijen: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    uit: dict[str, list[dict[str, Any]]] = {}
    for r in rijen:
        if r["categorie"] == "totaal":
            uit.setdefault(r["indicator_id"], []).append(r)
    for punten in uit.values():
        punten.sort(key=lambda p: p["jaar"])
    return uit


def bereken_rij(
    setting: dict[str, Any],
    meta: dict[str, dict[str, Any]],
    jaarpunten: dict[str, list[dict[str, Any]]],
    berenschot: dict[str, Any] | None,
    signalen: list[dict[str, Any]],
    maatregelen: list[dict[str, Any]],
) -> Rij:
    """One table row from already-fetched rows (pure: the tests call it with the db's rows)."""
    sid = setting["setting_id"]
    rij = Rij(sid, setting["naam"], berenschot=berenschot, signalen=signalen)
    per_lijn: dict[int, dict[str, Any]] = {}
    for m in maatregelen:
        lijn = per_lijn.setdefault(
            m["actielijn_id"],
            {"nr": m["actielijn_id"], "titel": m["actielijn_titel"], "statussen": {}},
        )
        lijn["statussen"][m["status"]] = m["aantal"]
    rij.actielijnen = [per_lijn[n] for n in sorted(per_lijn)]
    reeks_id = REEKS.get(sid)
    if not reeks_id or not jaarpunten.get(reeks_id):
        return rij
    m = meta[reeks_id]
    rij.reeks, rij.punten = m, jaarpunten[reeks_id]
    breuken, soort = breuken_van(m), m["periode_type"]
    rij.basis, rij.basis_reden = verandering(rij.punten, BASIS_VAN, BASIS_TOT, breuken, soort)
    rij.sinds, rij.sinds_reden = sinds(rij.punten, breuken, soort)
    if (a_id := AANDEEL.get(sid)) and a_id in meta:
        rij.aandeel = aandeel(meta[a_id], jaarpunten.get(a_id, []), rij.punten, rij.sinds)
    return rij


@per_bouw
def rijen() -> list[Rij]:
    """Every setting of the ketenkaart in chain order, computed from the open database.

    Cached per database file (read-only for callers): the page, the ketenkaart and the
    exports share one computation per data version."""
    settings = {s["setting_id"]: s for s in queries.settings()}
    meta = queries.indicator_meta()
    ids = sorted({*REEKS.values(), *AANDEEL.values()} & set(meta))
    jaarpunten = _jaarpunten(queries.jaarwaarden(ids, 1900, 2100))
    berenschot = {
        w["indicator_id"]: w
        for w in queries.berenschot_waarden()
        if w["periode_van"] == BASIS_VAN and w["periode_tot"] == BASIS_TOT
    }
    signalen = queries.signalen("bevinding")
    maatregelen = queries.maatregelen_per_setting(tuple(SETTINGS))
    return [
        bereken_rij(
            settings[sid],
            meta,
            jaarpunten,
            berenschot.get(BERENSCHOT_GROEI.get(sid, "")),
            [s for s in signalen if s["setting_id"] == sid],
            [m for m in maatregelen if m["setting_id"] == sid],
        )
        for sid in SETTINGS
        if sid in settings
    ]


# ---------------------------------------------------------------- words


def korte_naam(rij: Rij) -> str:
    """The setting as a headline names it: 'kinderopvang', 'so', 'regulier po'."""
    return KORT.get(rij.setting_id, rij.naam.lower())


KORT = {
    "kinderopvang": "kinderopvang",
    "voorschoolse_educatie": "voorschoolse educatie",
    "po_regulier": "regulier po",
    "sbo": "sbo",
    "so": "so",
    "jeugdhulp": "jeugdhulp",
    "dagbesteding_jeugdwet": "dagbesteding (Jeugdwet)",
    "mkd": "MKD",
    "kdc": "KDC",
    "wlz_dagbehandeling": "Wlz-dagbehandeling",
}


def procent(waarde: float) -> str:
    return nl.met_eenheid(round(waarde, 1), "procent verandering")


def procentpunt(waarde: float) -> str:
    teken = "+" if round(waarde, 1) > 0 else ("−" if round(waarde, 1) < 0 else "±")
    return f"{teken}{nl.getal(abs(round(waarde, 1)), 1)} procentpunt"


def laatste_tekst(rij: Rij) -> str:
    """'33.919 in 2023/24 (voorlopig)'."""
    p = rij.laatste
    if p is None or rij.reeks is None:
        return ""
    return (
        f"{nl.met_eenheid(p['waarde'], rij.reeks['eenheid'])} in "
        f"{nl.periode(p['jaar'], p['jaar'], rij.reeks['periode_type'])} ({p['status']})"
    )


def sinds_tekst(rij: Rij) -> str:
    """The since-2019 cell: '−5,1% (2019/20–2023/24, 4 jaar); −1,3% per jaar'."""
    if rij.sinds is None:
        return rij.sinds_reden or "geen openbare reeks"
    return f"{rij.sinds.tekst()}; {procent(rij.sinds.per_jaar)} per jaar"


def kop_zinnen(rijen_: list[Rij]) -> list[str]:
    """The headline about now, generated from the table's rows (never hand-written numbers)."""
    groepen: dict[str, list[str]] = {"stijgt": [], "stabiel": [], "daalt": []}
    for r in rijen_:
        if r.sinds is None:
            continue
        s = r.sinds
        breuk = f", na trendbreuk {s.na_breuk}" if s.na_breuk else ""
        groepen[richting(s.per_jaar)].append(
            f"{korte_naam(r)} {procent(s.procent)} ({s.periode}{breuk}; "
            f"{procent(s.per_jaar)} per jaar)"
        )
    zinnen = []
    delen = [f"{w}: {_opsomming(g)}" for w, g in groepen.items() if g]
    if delen:
        zinnen.append(f"Sinds {VANAF} in de openbare reeksen — " + "; ".join(delen) + ".")
    zonder = [r for r in rijen_ if r.reeks is not None and r.sinds is None]
    if zonder:
        zinnen.append(
            "Geen verandering sinds "
            f"{VANAF} te berekenen voor "
            + _opsomming([f"{korte_naam(r)} ({r.sinds_reden})" for r in zonder])
            + "."
        )
    geen = [r for r in rijen_ if r.reeks is None]
    if geen:
        stijgend = [
            korte_naam(r)
            for r in geen
            if any(s["richting"] in ("stijgend", "licht_stijgend") for s in r.signalen)
        ]
        zin = f"Geen openbare reeks voor {_opsomming([korte_naam(r) for r in geen])}"
        if stijgend:
            zin += f"; de Kamerbrief meldt een stijging bij {_opsomming(stijgend)}"
        zinnen.append(zin + ".")
    return zinnen


def _opsomming(delen: list[str]) -> str:
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def berenschot_tekst(rij: Rij) -> str:
    """Berenschot's own 2016–2019 figure, labelled as theirs (own delimitation, via the letter)."""
    b = rij.berenschot
    if not b:
        return ""
    wat = BERENSCHOT_WAT.get(b["indicator_id"], b["korte_titel"])
    return f"Berenschot ({wat}; eigen afbakening): {procent(b['waarde'])} ({b['status']})"


BERENSCHOT_WAT = {
    "berenschot_ko_ondersteuning_groei": "aandeel kinderen met ondersteuning",
    "berenschot_po_ondersteuning_groei": "aandeel kinderen met ondersteuning",
    "berenschot_sbo_inschrijvingen_groei": "leerlingen sbo, 3–13 jaar",
    "berenschot_so_inschrijvingen_groei": "leerlingen so, 3–13 jaar",
    "berenschot_jw_dagbesteding_groei": "kinderen met dagbesteding (Jeugdwet)",
}
"""What each Berenschot growth figure counts (from the indicator definitions): often not
what the public series counts, which is why it stands beside it and is never merged."""


def knopen_sinds(rijen_: list[Rij]) -> dict[str, list[Knoop]]:
    """The ketenkaart in its `sinds-2019` view: per setting the change per year since 2019.

    The colour follows the change per year (`Knoop.klasse`), so a one-year and a six-year
    span compare; a setting without a computable change keeps its reason and its signals.
    """
    per_id = {r.setting_id: r for r in rijen_}
    uit: dict[str, list[Knoop]] = {}
    for baan, ids in KETEN.items():
        uit[baan] = []
        for sid in ids:
            r = per_id.get(sid)
            if r is None:
                continue
            k = Knoop(sid, r.naam, periode="sinds-2019", signalen=r.signalen)
            if r.sinds is not None and r.reeks is not None:
                k.groei, k.per_jaar, k.groei_status = (
                    r.sinds.procent,
                    r.sinds.per_jaar,
                    r.sinds.status,
                )
                k.groei_bron = (
                    f"berekend uit ‘{r.reeks['korte_titel']}’, {r.sinds.periode} "
                    f"({r.sinds.jaren} jaar{f', na trendbreuk {r.sinds.na_breuk}' if r.sinds.na_breuk else ''})"
                )
            elif r.reeks is not None:
                k.vergelijking_niet = f"Geen verandering sinds {VANAF} uit ‘{r.reeks['korte_titel']}’: {r.sinds_reden}."
            uit[baan].append(k)
    return uit
