"""The ketenkaart's content: per setting in the chain, its 2016–2019 growth or its signal.

A number comes from Berenschot (as reported in the Kamerbrief) where one exists. A public
series' change is added only where the series has both 2016 and 2019 and no series break in
between, and it is labelled as computed, naming the series. Otherwise the node shows the
letter's qualitative signal. Which public series stands for which setting is a judgement,
made explicit in VERGELIJKINGSREEKS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashboard.figuren import format as nl
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import breuken_van

KETEN = {
    "Opvang en onderwijs": ["kinderopvang", "voorschoolse_educatie", "po_regulier", "sbo", "so"],
    "Zorg": ["jeugdhulp", "dagbesteding_jeugdwet", "mkd", "kdc", "wlz_dagbehandeling"],
}
BERENSCHOT_GROEI = {
    "kinderopvang": "berenschot_ko_ondersteuning_groei",
    "po_regulier": "berenschot_po_ondersteuning_groei",
    "sbo": "berenschot_sbo_inschrijvingen_groei",
    "so": "berenschot_so_inschrijvingen_groei",
    "dagbesteding_jeugdwet": "berenschot_jw_dagbesteding_groei",
}
VERGELIJKINGSREEKS = {
    "kinderopvang": "kinderopvang_kinderen_totaal",
    "po_regulier": "po_regulier_leerlingen",
    "sbo": "sbo_leerlingen",
    "so": "so_leerlingen",
    "jeugdhulp": "jeugdhulp_totaal",
}
VAN, TOT = 2016, 2019
KLASSEN = (  # (upper bound exclusive, css class, legend text)
    (0, "groei-daling", "daling"),
    (5, "groei-0", "0 tot 5%"),
    (10, "groei-5", "5 tot 10%"),
    (15, "groei-10", "10 tot 15%"),
    (float("inf"), "groei-15", "15% of meer"),
)
KLASSEN_PER_JAAR = (  # change per year since 2019; bounds as `nu.richting` (1% = its threshold)
    (-1, "groei-daling", "daalt: meer dan 1% per jaar"),
    (1, "groei-stabiel", "stabiel: −1 tot +1% per jaar"),
    (3, "groei-5", "+1 tot 3% per jaar"),
    (5, "groei-10", "+3 tot 5% per jaar"),
    (float("inf"), "groei-15", "+5% per jaar of meer"),
)
PERIODES = ("2016-2019", "sinds-2019")


@dataclass
class Knoop:
    setting_id: str
    naam: str
    groei: float | None = None
    groei_bron: str = ""  # what the number is and where it comes from
    groei_status: str = ""
    citaat: str = ""
    bron_url: str = ""
    vergelijking: str = ""  # computed change of a public series, labelled
    vergelijking_niet: str = ""  # why no computed change is shown
    signalen: list[dict[str, Any]] = field(default_factory=list)
    per_jaar: float | None = None  # only in the since-2019 view: the colour follows this
    periode: str = "2016-2019"

    @property
    def klasse(self) -> str:
        if self.periode == "sinds-2019":
            if self.per_jaar is None:
                return "groei-onbekend"
            return next(k for grens, k, _ in KLASSEN_PER_JAAR if self.per_jaar < grens)
        if self.groei is None:
            return "groei-onbekend"
        return next(k for grens, k, _ in KLASSEN if self.groei < grens)


def knopen() -> dict[str, list[Knoop]]:
    settings = {s["setting_id"]: s for s in queries.settings()}
    meta = queries.indicator_meta()
    berenschot = {
        w["indicator_id"]: w
        for w in queries.berenschot_waarden()
        if w["periode_van"] == VAN and w["periode_tot"] == TOT
    }
    signalen = queries.signalen("bevinding")
    uit: dict[str, list[Knoop]] = {}
    for baan, ids in KETEN.items():
        uit[baan] = []
        for sid in ids:
            k = Knoop(sid, settings[sid]["naam"])
            b = berenschot.get(BERENSCHOT_GROEI.get(sid, ""))
            if b:
                k.groei, k.groei_status = b["waarde"], b["status"]
                k.groei_bron = f"Berenschot ({b['categorie'] if b['categorie'] != 'totaal' else 'kinderen 0–13'}), via Kamerbrief"
                k.citaat, k.bron_url = b["citaat"], b["bron_url"]
            reeks = VERGELIJKINGSREEKS.get(sid)
            if reeks:
                _vergelijk(k, meta[reeks])
            k.signalen = [s for s in signalen if s["setting_id"] == sid]
            uit[baan].append(k)
    return uit


def _vergelijk(k: Knoop, indicator: dict[str, Any]) -> None:
    tussen = [b for b in breuken_van(indicator) if VAN < b <= TOT]
    breuk = tussen[-1] if tussen else None
    naam = indicator["korte_titel"]
    if breuk:
        k.vergelijking_niet = f"Geen berekende groei uit ‘{naam}’: trendbreuk in {breuk}."
        return
    v = queries.verandering(indicator["indicator_id"], VAN, TOT)
    if v is None:
        k.vergelijking_niet = f"Geen berekende groei uit ‘{naam}’: {VAN} of {TOT} ontbreekt."
        return
    k.vergelijking = (
        f"Ter vergelijking, berekend door Ketenmonitor uit ‘{naam}’: "
        f"{nl.met_eenheid(v['procent'], 'procent verandering')} ({VAN}–{TOT})"
    )
    if k.groei is None:
        k.groei = v["procent"]
        k.groei_bron = f"berekend uit de openbare reeks ‘{naam}’"
        k.groei_status = "afgeleid"
        k.vergelijking = ""
