"""The targets from DESIGN §5 and how one bench result is judged against them.

Absolute times depend on the machine; each says the machine it was set for. Where a time
depends on the machine, a ratio measured in the same run (Trends against a lean reference
callback, 10M rows against the real data) carries the target that travels to other machines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MACHINE = "2 kernen (AMD EPYC-VM, gedeeld), 23 GB"
"""The machine class the absolute-time targets were set for."""

GEHAALD, GEMIST, NIET_GEMETEN, WEGGELATEN = "gehaald", "gemist", "niet gemeten", "niet in --klein"


@dataclass(frozen=True)
class Doel:
    naam: str
    omschrijving: str
    grens: float
    eenheid: str
    lees: Callable[[dict[str, Any]], float | None]
    """The measured value from a result, or None when it was not measured."""
    machine: str | None = None
    """Set for absolute times: the machine the bound holds for."""
    alleen_volledig: bool = False
    """Measured only in a full run (the sizes --klein leaves out)."""


def _pad(*sleutels: str) -> Callable[[dict[str, Any]], float | None]:
    def lees(resultaat: dict[str, Any]) -> float | None:
        waarde: Any = resultaat
        for s in sleutels:
            if not isinstance(waarde, dict) or s not in waarde:
                return None
            waarde = waarde[s]
        return waarde

    return lees


def _regio(sleutel: str) -> Callable[[dict[str, Any]], float | None]:
    def lees(resultaat: dict[str, Any]) -> float | None:
        waarden = [m[sleutel] for m in resultaat.get("regio", {}).values()]
        return max(waarden) if waarden else None

    return lees


def _png_s(resultaat: dict[str, Any]) -> float | None:
    ms = _pad("export_ms", "png_median_ms")(resultaat)
    return None if ms is None else round(ms / 1000, 3)


def _schaal_verhouding(resultaat: dict[str, Any]) -> float | None:
    groot = _pad("scale", "10000000", "p95_ms")(resultaat)
    echt = _pad("callbacks", "trends", "p95_ms")(resultaat)
    return None if groot is None or not echt else round(groot / echt, 2)


DOELEN: tuple[Doel, ...] = (
    Doel(
        "callback_p95_ms",
        "Trends-callback p95, echte gegevens",
        10,
        "ms",
        _pad("callbacks", "trends", "p95_ms"),
        MACHINE,
    ),
    Doel(
        "callback_ratio_lean",
        "Trends-callback p95 / kale referentiecallback p95",
        2,
        "×",
        _pad("callbacks", "trends", "ratio_lean_p95"),
    ),
    Doel(
        "scale_10m_p95_ms",
        "Trends-callback p95 op 10 miljoen rijen",
        50,
        "ms",
        _pad("scale", "10000000", "p95_ms"),
        MACHINE,
        alleen_volledig=True,
    ),
    Doel(
        "scale_10m_ratio",
        "10 miljoen rijen / echte gegevens, p95 (50 ms / 10 ms)",
        5,
        "×",
        _schaal_verhouding,
        alleen_volledig=True,
    ),
    Doel("etl_build_s", "ETL-bouw, mediaan", 5, "s", _pad("etl_build_s"), MACHINE),
    Doel(
        "etl_import_s", "uitgeversbestanden lezen, mediaan", 5, "s", _pad("etl_import_s"), MACHINE
    ),
    Doel(
        "page_load_ms",
        "paginalading (4 verzoeken), mediaan",
        1000,
        "ms",
        _pad("page_load_ms"),
        MACHINE,
    ),
    Doel(
        "overzicht_reizen_p95_ms",
        "Overzicht-paginalading p95 in de reizen (50 gebruikers, 1 s denktijd, met cache)",
        1000,
        "ms",
        _pad(
            "cache",
            "met_cache",
            "reizen_50_gebruikers_1s",
            "paginalading_per_pagina_ms",
            "/",
            "p95",
        ),
        MACHINE,
    ),
    Doel("png_s", "PNG-export, mediaan", 0.5, "s", _png_s, MACHINE),
    Doel(
        "load_p95_ms",
        "gesloten-lusbelasting p95 (gebruikers zonder denktijd)",
        100,
        "ms",
        _pad("load", "p95_ms"),
        MACHINE,
    ),
    Doel(
        "regio_callback_p95_ms",
        "Regio-callbacks p95, hoogste",
        100,
        "ms",
        _regio("p95_ms"),
        MACHINE,
    ),
    Doel(
        "gezondheid_8_pakketten_p95_ms",
        "/gezondheid p95 terwijl 8 briefingpakketten tegelijk lopen",
        200,
        "ms",
        _pad("vijandig", "pakketten", "gezondheid", "p95_ms"),
        MACHINE,
    ),
    Doel(
        "gezondheid_12_druppelaars_p95_ms",
        "/gezondheid p95 met 12 clients die hun kopregels druppelen",
        200,
        "ms",
        _pad("vijandig", "druppelaars", "gezondheid", "p95_ms"),
        MACHINE,
    ),
    Doel("regio_response_kb", "Regio-antwoord, grootste", 150, "kB", _regio("max_kb")),
    Doel(
        "api_warm_p95_ms",
        "open data API via gunicorn, warm (uit de cache per dataversie), p95",
        50,
        "ms",
        _pad("api", "warm", "p95_ms"),
        MACHINE,
    ),
    Doel(
        "browser_pagina_verhouding_p95",
        "pagina klaar in Chromium, p95 / p95 van /toegankelijkheid, hoogste (zonder Regio)",
        1.5,
        "×",
        _pad("browser", "hoogste_verhouding"),
        alleen_volledig=True,
    ),
    Doel(
        "browser_regio_verhouding_p95",
        "Regio klaar in Chromium, p95 / p95 van /toegankelijkheid, hoogste",
        2,
        "×",
        _pad("browser", "hoogste_verhouding_regio"),
        alleen_volledig=True,
    ),
    Doel(
        "browser_trends_wijziging_p95_ms",
        "Trends: een keuze wijzigen tot de grafiek klaar is (Chromium), p95",
        150,
        "ms",
        _pad("browser", "trends_wijziging", "p95_ms"),
        MACHINE,
        alleen_volledig=True,
    ),
    Doel(
        "api_catalogus_kb",
        "API-catalogus /api/v1/indicatoren, gzip",
        200,
        "kB",
        _pad("api", "catalogus_gzip_kb"),
    ),
)


def beoordeel(resultaat: dict[str, Any], klein: bool = False) -> list[dict[str, Any]]:
    """One row per target: measured value, bound, verdict and the machine it was set for."""
    rijen = []
    for d in DOELEN:
        waarde = d.lees(resultaat)
        if waarde is not None:
            oordeel = GEHAALD if waarde <= d.grens else GEMIST
        else:
            oordeel = WEGGELATEN if klein and d.alleen_volledig else NIET_GEMETEN
        rijen.append(
            {
                "doel": d.naam,
                "omschrijving": d.omschrijving,
                "gemeten": waarde,
                "grens": d.grens,
                "eenheid": d.eenheid,
                "oordeel": oordeel,
                "machine": d.machine,
            }
        )
    return rijen


def gemist(rijen: list[dict[str, Any]]) -> list[str]:
    """Targets that fail a check: missed, or not measured although this run should have."""
    return [r["doel"] for r in rijen if r["oordeel"] in (GEMIST, NIET_GEMETEN)]


def _getal(waarde: float | None) -> str:
    if waarde is None:
        return "–"
    return f"{waarde:g}".replace(".", ",")


def tabel(rijen: list[dict[str, Any]]) -> str:
    """The verdicts as a plain-text table (Dutch decimal comma)."""
    kop = ("doel", "gemeten", "grens", "oordeel", "omschrijving", "ingesteld voor")
    regels = [
        (
            r["doel"],
            f"{_getal(r['gemeten'])} {r['eenheid']}" if r["gemeten"] is not None else "–",
            f"≤ {_getal(r['grens'])} {r['eenheid']}",
            r["oordeel"],
            r["omschrijving"],
            r["machine"] or "elke machine (verhouding of grootte)",
        )
        for r in rijen
    ]
    breedtes = [max(len(str(x)) for x in kolom) for kolom in zip(kop, *regels, strict=True)]
    uit = []
    for regel in (kop, *regels):
        uit.append(
            "  ".join(str(x).ljust(b) for x, b in zip(regel, breedtes, strict=True)).rstrip()
        )
    return "\n".join(uit)
