"""DUO open-data CSV importer: one row per school (vestiging), summed to a national total.

Format matched: DUO "Open onderwijsdata" primary-education files such as "06. Leerlingen
speciaal (basis)onderwijs naar onderwijssoort" — `;` separator, upper-case headers with spaces
(`BRIN NUMMER`, `VESTIGINGSNUMMER`, `INDICATIE SPECIAAL (BASIS)ONDERWIJS`, `SBAO`, `SO`,
`VSO`), one row per vestiging, counts on teldatum 1 October. Column names as read by the
openstate/openonderwijsdata-api DUO scraper (onderwijsscrapers, `parse_spo_students_by_edu_type`),
which also documents that DUO renamed headers between years — hence the strict header check.

A sum over schools is computed by Ketenmonitor, so aggregated rows get status `afgeleid` with
the formula in `noot`, even when the sum equals a total DUO publishes elsewhere.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from etl.importers.basis import ImportFout, Importtabel, waarneming
from etl.importers.cbs import ontbrekende_kolommen
from etl.problems import Probleem


def lees_duo(pad: Path, tabel: dict[str, Any]) -> Importtabel:
    """The mapped columns of one DUO file, summed over the selected rows."""
    kop, rijen = _lees(pad)
    nodig = list(
        dict.fromkeys(k for r in tabel["reeksen"] for k in [r["waarde"], *r.get("selectie", {})])
    )
    problemen = ontbrekende_kolommen(pad, 1, kop, nodig)
    if problemen:
        raise ImportFout(problemen)
    uit = Importtabel(
        str(pad),
        tabel.get("tabel_id") or pad.stem,
        {
            "bron_id": tabel["bron_id"],
            "titel": f"{tabel['titel']} (import)",
            "uitgever": tabel.get("uitgever", "DUO"),
            "datum": tabel.get("datum"),
            "url": tabel["url"],
            "geraadpleegd": tabel.get("geraadpleegd"),
            "licentie": tabel.get("licentie"),
        },
    )
    periode = int(tabel["periode"])
    for reeks in tabel["reeksen"]:
        som, aantal = 0.0, 0
        for nummer, rij in rijen:
            if any(rij.get(k, "").strip() != v for k, v in reeks.get("selectie", {}).items()):
                continue
            cel = rij[reeks["waarde"]].strip()
            if cel == "":
                continue  # DUO leaves a count empty where a school has no pupils of that kind
            try:
                som += int(cel)
            except ValueError:
                problemen.append(
                    Probleem(str(pad), nummer, reeks["waarde"], f"{cel!r} is geen geheel getal")
                )
                continue
            aantal += 1
        if aantal == 0:
            uit.sla_over("geen scholen in selectie")
            continue
        formule = f"som van kolom {reeks['waarde']} over {aantal} vestigingen in {pad.name}"
        uit.waarnemingen.append(
            waarneming(
                reeks,
                periode,
                som,
                "afgeleid",
                tabel["bron_id"],
                f"DUO {pad.name}: {formule} = {int(som)}",
                None,
                noot=formule + (f". {reeks['noot']}" if reeks.get("noot") else ""),
            )
            | {"_pad": str(pad), "_periodesoort": "schooljaar"}
        )
    if problemen:
        raise ImportFout(problemen)
    return uit


def _lees(pad: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        tekst = pad.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFout([Probleem(str(pad), None, None, "bestand ontbreekt")]) from None
    except UnicodeDecodeError:
        tekst = pad.read_text(encoding="cp1252")  # older DUO files are Windows-1252
    lezer = csv.reader(tekst.splitlines(), delimiter=";")
    kop = [k.strip() for k in next(lezer, [])]
    rijen = []
    for cellen in lezer:
        if any(c.strip() for c in cellen):
            rijen.append((lezer.line_num, dict(zip(kop, cellen, strict=False))))
    return kop, rijen
