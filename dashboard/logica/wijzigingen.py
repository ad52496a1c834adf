"""What changed between data versions, in words: the Overzicht block, the full list on Bronnen
& methode, its CSV/Excel export, and the notice for a link made under another version.

Everything comes from the `wijziging` table (written by the build, etl/wijziging.py), so a
replica that received only the `.duckdb` shows the same. The notice for a link made under another
version lives in `onderdelen.versiemelding` (the app shell shows it). The reason for a revised value is
read from `revisie` through the link the log row carries; nothing is copied.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.gegevens import queries
from dashboard.onderdelen.versiemelding import LIJST_ANKER, lijst_href

__all__ = ["LIJST_ANKER", "lijst_href"]  # the full list's address, shared with the notice

SOORT_TEKST = {
    "gewijzigd": "waarde gewijzigd",
    "status": "status gewijzigd",
    "nieuw": "nieuwe waarneming",
    "verwijderd": "waarneming vervallen",
    "overig": "andere inhoud gewijzigd (geen waarneming)",
    "eerste versie": "eerste versie",
}
SOORT_MEERVOUD = {
    "gewijzigd": ("gewijzigde waarde", "gewijzigde waarden"),
    "status": ("statuswijziging", "statuswijzigingen"),
    "nieuw": ("nieuwe waarneming", "nieuwe waarnemingen"),
    "verwijderd": ("vervallen waarneming", "vervallen waarnemingen"),
}


def waarde_tekst(r: dict[str, Any]) -> str:
    """'29.137 (gepubliceerd) → 29.144 (gepubliceerd)'; one side for new or removed rows."""
    eenheid = r.get("eenheid") or ""

    def kant(waarde: float | None, status: str | None) -> str:
        return f"{nl.met_eenheid(waarde, eenheid)} ({status})"

    if r["soort"] == "nieuw":
        return kant(r["nieuwe_waarde"], r["nieuwe_status"])
    if r["soort"] == "verwijderd":
        return f"was {kant(r['oude_waarde'], r['oude_status'])}"
    if r["soort"] in ("gewijzigd", "status"):
        return f"{kant(r['oude_waarde'], r['oude_status'])} → {kant(r['nieuwe_waarde'], r['nieuwe_status'])}"
    return ""


def waarneming_tekst(r: dict[str, Any]) -> str:
    """'Leerlingen so, 2016' (with the breakdown when it is not the total)."""
    if not r.get("indicator_id"):
        return ""
    deel = f", {r['categorie']}" if r.get("categorie") not in (None, "totaal") else ""
    naam = r.get("korte_titel") or r["indicator_id"]
    return f"{naam}{deel}, {nl.periode(r['periode_van'], r['periode_tot'])}"


def huidige() -> dict[str, Any]:
    """The current version: its short id, build time, predecessor and its log rows."""
    kort = queries.dataversie_kort()
    rijen = [r for r in queries.wijzigingen() if r["data_versie_kort"] == kort]
    versie = next((v for v in queries.dataversies() if v["data_versie_kort"] == kort), None)
    return {
        "kort": kort,
        "gebouwd_op": versie["gebouwd_op"] if versie else queries.bouwinfo()["gebouwd_op"],
        "vorige": versie["vorige_versie"][:12] if versie and versie["vorige_versie"] else None,
        "rijen": rijen,
        "aantallen": Counter(r["soort"] for r in rijen),
    }


def aantallen_tekst(aantallen: Counter) -> str:
    """'2 gewijzigde waarden, 1 nieuwe waarneming' in a fixed order."""
    delen = []
    for soort, (een, meer) in SOORT_MEERVOUD.items():
        if aantallen.get(soort):
            n = aantallen[soort]
            delen.append(f"{nl.getal(n)} {een if n == 1 else meer}")
    return ", ".join(delen)


def tabelrij(r: dict[str, Any]) -> dict[str, Any]:
    """One row of the full list and its CSV/Excel export: numbers as numbers."""
    return {
        "dataversie": r["data_versie_kort"],
        "gebouwd_op": r["gebouwd_op"],
        "vorige_dataversie": (r["vorige_versie"] or "")[:12],
        "soort": SOORT_TEKST.get(r["soort"], r["soort"]),
        "indicator_id": r["indicator_id"] or "",
        "indicator": r["korte_titel"] or "",
        "periode_van": r["periode_van"],
        "periode_tot": r["periode_tot"],
        "uitsplitsing": r["uitsplitsing"] or "",
        "categorie": r["categorie"] or "",
        "oude_waarde": r["oude_waarde"],
        "oude_status": r["oude_status"] or "",
        "nieuwe_waarde": r["nieuwe_waarde"],
        "nieuwe_status": r["nieuwe_status"] or "",
        "herzien_op": r["herzien_op"],
        "reden_revisie": r["revisie_noot"] or "",
    }


def export(indicator: str | None, sinds: str | None) -> Grafiekexport:
    """The full list as a table export (CSV/Excel); the filter is the page's URL state."""
    rijen = [tabelrij(r) for r in queries.wijzigingen(indicator, sinds)]
    titel = "Wijzigingen tussen dataversies"
    if indicator:
        titel += f" – {indicator}"
    return Grafiekexport(
        {"layout": {"title": {"text": titel}}},
        [],
        "absoluut",
        0,
        0,
        tabel=rijen,
        bestandsdeel="wijzigingen",
    )
