"""The 'Waar staat de keten nu' table as an export: CSV/Excel rows and a chart for PNG/SVG.

The rows are the table's rows (one per setting, same words and numbers as on the page) with
the source columns every export carries (status, bron, bron_url); computed cells say how
(`formule`). The image is the table's chart form: the change per year since 2019 per
setting as bars, settings without a computable change named under the chart.
"""

from __future__ import annotations

from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.figures import bronregel, producentnamen
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.theme import TEKST
from dashboard.gegevens.reeksen import Punt, Reeks
from dashboard.logica import nu

FORMULE = (
    "verandering = (eind / begin − 1) × 100; per jaar = ((eind / begin)^(1 / jaren) − 1) × 100; "
    "nooit over een trendbreuk; aandeel in procentpunten = aandeel eind − aandeel begin"
)


def _signaaltekst(r: nu.Rij) -> str:
    return "; ".join(f"{s['onderwerp']}: {s['richting'].replace('_', ' ')}" for s in r.signalen)


def _actielijntekst(r: nu.Rij) -> str:
    return "; ".join(
        f"{a['nr']}. {a['titel']} ("
        + ", ".join(f"{n} {st.replace('_', ' ')}" for st, n in sorted(a["statussen"].items()))
        + ")"
        for a in r.actielijnen
    )


def tabelrij(r: nu.Rij) -> dict[str, Any]:
    """One CSV/Excel row: numbers as numbers, periods as the source writes them."""
    m, p, s, b, a = r.reeks or {}, r.laatste or {}, r.sinds, r.basis, r.aandeel
    soort = m.get("periode_type", "kalenderjaar")
    return {
        "setting_id": r.setting_id,
        "setting": r.naam,
        "indicator_id": m.get("indicator_id", ""),
        "indicator": m.get("korte_titel", "geen openbare reeks"),
        "eenheid": m.get("eenheid", ""),
        "laatste_periode": nl.periode(p["jaar"], p["jaar"], soort) if p else "",
        "laatste_waarde": p.get("waarde"),
        "verandering_2016_2019_procent": round(b.procent, 4) if b else None,
        "verandering_2016_2019_toelichting": b.tekst() if b else r.basis_reden,
        "berenschot_2016_2019_procent": r.berenschot["waarde"] if r.berenschot else None,
        "berenschot_toelichting": nu.berenschot_tekst(r),
        "sinds_2019_periode": s.periode if s else "",
        "sinds_2019_jaren": s.jaren if s else None,
        "sinds_2019_procent": round(s.procent, 4) if s else None,
        "sinds_2019_per_jaar_procent": round(s.per_jaar, 4) if s else None,
        "sinds_2019_na_trendbreuk": s.na_breuk if s else None,
        "sinds_2019_toelichting": nu.sinds_tekst(r),
        "sinds_2019_status": s.status if s else "",
        "richting": r.richting or "",
        "drempel_per_jaar_procent": nu.DREMPEL_PER_JAAR,
        "aandeel_indicator_id": a.indicator_id if a else "",
        "aandeel_laatste_procent": a.laatste if a else None,
        "aandeel_laatste_periode": nl.periode(a.laatste_jaar, a.laatste_jaar, a.periode_type)
        if a
        else "",
        "aandeel_verschil_procentpunt": round(a.verschil_pp, 4)
        if a and a.verschil_pp is not None
        else None,
        "signaal_kamerbrief": _signaaltekst(r),
        "actielijnen": _actielijntekst(r),
        "formule": FORMULE if r.reeks else "",
        "status": p.get("status", "") or "geen openbare reeks",
        "bron": f"{p['bron_uitgever']}, {p['bron_titel']}" if p else "",
        "bron_url": p.get("bron_url", ""),
    }


def _reeks(r: nu.Rij, indicator: dict[str, Any], punten: list[dict[str, Any]]) -> Reeks:
    reeks = Reeks(
        indicator["indicator_id"],
        "totaal",
        indicator["korte_titel"],
        indicator["eenheid"],
        indicator["periode_type"],
        indicator.get("reeksbreuk_jaar"),
    )
    for p in punten:
        reeks.punten.append(
            Punt(
                p["jaar"],
                p["waarde"],
                p["waarde"],
                p["status"],
                p["bron_id"],
                p["bron_titel"],
                p["bron_uitgever"],
                p["bron_url"],
                p.get("citaat"),
                p.get("noot"),
                vindplaats=p.get("vindplaats") or None,
            )
        )
    return reeks


def figuur(rijen: list[nu.Rij], reeksen: list[Reeks] | None = None) -> dict[str, Any]:
    """Horizontal bars: change per year since 2019, in chain order, labelled with the span.

    Labels are annotations right of the bar (or of zero for a fall), so a label never runs
    into the setting names on the axis.
    """
    met = [(r, r.sinds) for r in rijen if r.sinds is not None]
    namen = [nu.korte_naam(r) for r, _ in met]
    waarden = [round(s.per_jaar, 2) for _, s in met]
    zonder = [nu.korte_naam(r) for r in rijen if r.sinds is None]
    ondertitel = (
        f"Verandering per jaar sinds {nu.VANAF} (samengesteld), per setting; nooit over een "
        f"trendbreuk; stabiel = minder dan {nl.getal(nu.DREMPEL_PER_JAAR)}% per jaar"
    )
    if zonder:
        ondertitel += f". Geen berekenbare verandering: {', '.join(zonder)} (zie CSV/Excel)"
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": waarden,
                "y": namen,
                "marker": {"color": ["#154273" if w >= 0 else "#a90061" for w in waarden]},
                "name": "verandering per jaar sinds 2019",
                "showlegend": False,
                "hoverinfo": "x+y",
            }
        ],
        "layout": {
            "title": {"text": f"<b>Waar staat de keten nu</b><br><span>{ondertitel}</span>"},
            "xaxis": {
                "title": {"text": "% per jaar"},
                "zeroline": True,
                "zerolinecolor": TEKST,
                "range": [min([*waarden, 0]) - 0.5, max([*waarden, 0]) + 4],
            },
            "yaxis": {"automargin": True, "autorange": "reversed"},
            "margin": {"l": 190},
            "meta": {
                "bron": bronregel(reeksen or []),
                "producenten": producentnamen(reeksen or []),
            },
            "annotations": [
                {
                    "x": max(w, 0),
                    "y": naam,
                    "xref": "x",
                    "yref": "y",
                    "xanchor": "left",
                    "xshift": 6,
                    "showarrow": False,
                    "text": f"{nu.procent(s.per_jaar)} per jaar ({s.periode}"
                    + (f", na trendbreuk {s.na_breuk}" if s.na_breuk else "")
                    + ")",
                }
                for naam, w, (_, s) in zip(namen, waarden, met, strict=True)
            ],
        },
    }


def export(rijen: list[nu.Rij] | None = None) -> Grafiekexport:
    """What the table's toolbar and the Overzicht briefing pack download."""
    rijen = rijen if rijen is not None else nu.rijen()
    reeksen = []
    for r in rijen:
        if r.reeks:
            reeksen.append(_reeks(r, r.reeks, [p for p in r.punten if p["jaar"] >= nu.BASIS_VAN]))
    jaren = [p["jaar"] for r in rijen for p in r.punten if p["jaar"] >= nu.BASIS_VAN]
    return Grafiekexport(
        figuur(rijen, reeksen),
        reeksen,
        "absoluut",
        min(jaren, default=nu.BASIS_VAN),
        max(jaren, default=nu.VANAF),
        tabel=[tabelrij(r) for r in rijen],
        bestandsdeel="waar_staat_de_keten_nu",
    )
