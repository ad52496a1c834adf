"""Shares computed by the importer from the sums of one publisher file.

Why here and not by hand in data/raw: a share typed into `waarneming.csv` would be a number
without a file behind it. Computed at import, numerator and denominator come from the same
file and peildatum, and the note carries the formula with its numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from etl.importers.basis import waarneming


def aandelen(
    rijen: list[dict[str, Any]], aandeel: dict[str, Any], bron_id: str, pad: Path
) -> list[dict[str, Any]]:
    """Shares computed from the sums of one file: teller / (sum of noemer) × 100, per
    category and peildatum, so numerator and denominator share file, date and definition.

    A category is left out when a part is missing (no pupils of that kind at that age): a
    share of zero would claim a count the file does not give. With a range in any part, the
    share gets bounds: the lowest numerator over the highest denominator and the reverse.
    """
    delen: dict[tuple[int, str], dict[str, dict[str, Any]]] = {}
    for r in rijen:
        if r["indicator_id"] in aandeel["noemer"] and r["uitsplitsing"] == aandeel["uitsplitsing"]:
            delen.setdefault((r["periode_van"], r["categorie"]), {})[r["indicator_id"]] = r
    uit = []
    for (jaar, categorie), per_id in sorted(delen.items()):
        if categorie not in aandeel["categorieen"] or set(per_id) != set(aandeel["noemer"]):
            continue
        teller = per_id[aandeel["teller"]]
        noemer = sum(per_id[i]["waarde"] for i in aandeel["noemer"])
        if noemer <= 0:
            continue
        waarde = teller["waarde"] / noemer * 100

        def grens(r: dict[str, Any], kant: str) -> float:
            return r[kant] if r.get(kant) is not None else r["waarde"]

        grenzen = None
        if any(r.get("ondergrens") is not None for r in per_id.values()):
            rest_laag = sum(grens(per_id[i], "ondergrens") for i in aandeel["noemer"])
            rest_hoog = sum(grens(per_id[i], "bovengrens") for i in aandeel["noemer"])
            t_laag, t_hoog = grens(teller, "ondergrens"), grens(teller, "bovengrens")
            rest_laag, rest_hoog = rest_laag - t_laag, rest_hoog - t_hoog
            grenzen = (t_laag / (rest_hoog + t_laag) * 100, t_hoog / (rest_laag + t_hoog) * 100)
        namen = " + ".join(f"{i} {per_id[i]['waarde']:.0f}" for i in aandeel["noemer"])
        formule = (
            f"aandeel = {aandeel['teller']} / ({' + '.join(aandeel['noemer'])}) × 100"
            f" = {teller['waarde']:.0f} / ({namen}) × 100 = {waarde:.3f}%;"
            f" {categorie}, peildatum 1 oktober {jaar}, alle delen uit {pad.name}"
        )
        reeks = {
            "indicator_id": aandeel["indicator_id"],
            "uitsplitsing": aandeel["uitsplitsing"],
            "categorie": categorie,
        }
        uit.append(
            waarneming(
                reeks,
                jaar,
                round(waarde, 3),
                "afgeleid",
                bron_id,
                f"DUO {pad.name}: {formule}",
                None,
                noot=formule + (f". {aandeel['noot']}" if aandeel.get("noot") else ""),
                grenzen=grenzen,
            )
            | {"_pad": str(pad), "_periodesoort": "schooljaar"}
        )
    return uit
