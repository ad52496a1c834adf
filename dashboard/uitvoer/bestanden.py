"""Export files: the plotted rows as Dutch CSV and Excel, safe file names, deterministic zips.

Pure functions (no Dash, no browser), so every format is tested on its own and the toolbar's
callbacks stay thin. The rows come from the same `Reeks` objects the chart draws, so a file
holds exactly the plotted numbers.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.theme import STATUS_UITLEG
from dashboard.gegevens.reeksen import PROCENTPUNT, Reeks, bronnen_van, weergave_tekst

KOLOMMEN = (
    "indicator_id",
    "indicator",
    "categorie",
    "periode",
    "jaar",
    "waarde",
    "ondergrens",
    "bovengrens",
    "eenheid",
    "weergave",
    "basisjaar",
    "getoond",
    "status",
    "bron",
    "bron_url",
)
"""Stable column names of the CSV and the Excel `data` sheet: users build on them (new
columns are only ever appended: see `CITEER_KOLOM`)."""

CITAAT_KOLOMMEN = ("citaat", "vindplaats")
"""Appended after `KOLOMMEN` in every chart export: the verbatim quote and, where the quote is
table cells run together ("Totaal785818825828"), the table, row and column it came from: without
that a reader of the file cannot find the number in the source."""

CITEER_KOLOM = "citeer_als"
"""The last column of every chart or table export (CSV and Excel `data`, added by
`pakket.maak_bestand`): it repeats the chart's citation line on every row: a Dutch CSV has no place for a
leading comment (Excel would read it as data and the header would no longer be row 1), and
a column survives filtering and copying rows into another sheet."""

GEVAARLIJK_BEGIN = ("=", "+", "-", "@", "\t", "\r")
LICENTIE_DATA = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
LICENTIE_ONBEKEND = "niet vermeld"
"""What the toelichting says where a source states no licence: never CC BY by assumption."""
FORMATEN = ("png", "svg", "csv", "xlsx")
EXTENSIES = (*FORMATEN, "zip")


# ---------------------------------------------------------------- rows


def rijen(reeksen: list[Reeks], weergave: str) -> list[dict[str, Any]]:
    """One row per plotted point, in the chart's order; `getoond` only in a derived view.

    `jaar` is empty when the point covers several years (see `periode`, e.g. "2016–2019")
    or when the source names no period ("periode niet genoemd"): no year is made up.

    `ondergrens`/`bovengrens` are filled only where `waarde` is a range (a sum over cells the
    publisher withheld, e.g. DUO's `<5`); empty means the value is exact.

    `getoond` is rounded to 4 decimals: it is our own arithmetic (index, % change), and float
    noise like 99.99999999 in a memo helps nobody. The published `waarde` is never touched.
    """
    afgeleid = weergave != "absoluut"
    uit = []
    for reeks in reeksen:
        for p in reeks.punten:
            uit.append(
                {
                    "indicator_id": reeks.indicator_id,
                    "indicator": reeks.label,
                    "categorie": reeks.categorie,
                    "periode": nl.periode(
                        p.jaar,
                        p.jaar if p.periode_tot is None else p.periode_tot,
                        reeks.periode_type,
                    ),
                    "jaar": p.jaar if p.periode_tot in (None, p.jaar) else None,
                    "waarde": p.waarde,
                    "ondergrens": p.ondergrens,
                    "bovengrens": p.bovengrens,
                    "eenheid": reeks.eenheid,
                    "weergave": (
                        f"verandering in procentpunten t.o.v. {reeks.basisjaar}"
                        if reeks.getoonde_eenheid == PROCENTPUNT
                        else weergave_tekst(weergave, reeks.basisjaar)
                    ),
                    "basisjaar": reeks.basisjaar if afgeleid else None,
                    "getoond": round(p.getoond, 4) if afgeleid else None,
                    "status": p.status,
                    "bron": f"{p.bron_uitgever}, {p.bron_titel}",
                    "bron_url": p.bron_url,
                    "citaat": p.citaat or "",
                    "vindplaats": p.vindplaats or "",
                }
            )
    return uit


def neutraliseer(waarde: Any) -> Any:
    """Stop spreadsheet formulas (CSV injection): prefix `'` to text that starts like one.

    Only text is touched. A negative *number* such as -3.5 is data, not a formula, and must
    stay a number; the same characters as *text* ("-3,5" typed in a label) are neutralised.
    """
    if isinstance(waarde, str) and waarde.startswith(GEVAARLIJK_BEGIN):
        return "'" + waarde
    return waarde


def _cel(waarde: Any) -> str:
    """One CSV cell in Dutch notation: decimal comma, no thousands separator, ISO dates."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, float):
        tekst = str(int(waarde)) if waarde.is_integer() else repr(waarde)
        return tekst.replace(".", ",")
    if isinstance(waarde, date | datetime):
        return waarde.isoformat()
    if isinstance(waarde, list | tuple):
        waarde = ";".join(str(w) for w in waarde)  # as in data/raw: list cells joined by ';'
    return neutraliseer(str(waarde))


def naar_csv(rijen: list[dict[str, Any]], kolommen: Iterable[str] | None = None) -> bytes:
    """Dutch CSV for Excel: `;`, decimal comma, UTF-8 with BOM, one plain header row."""
    kolommen = list(kolommen or (rijen[0] if rijen else KOLOMMEN))
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(kolommen)
    for rij in rijen:
        schrijver.writerow([_cel(rij.get(k)) for k in kolommen])
    return buffer.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------- Excel


def maak_toelichting(
    reeksen: list[Reeks],
    titel: str,
    ondertitel: str,
    permalink: str,
    datum: date,
    indicator_meta: dict[str, dict[str, Any]],
    bronnen: list[dict[str, Any]],
    statussen: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What the `toelichting` sheet says, from the plotted series and the catalogue rows.

    `indicator_meta` is `queries.indicator_meta()`, `bronnen` is `queries.bronnen()` (for the
    licence per source, which the plotted points do not carry).
    """
    licenties = {b["url"]: b.get("licentie") for b in bronnen}
    per_url = {b["url"]: b for b in bronnen}
    definities, gezien = [], set()
    for r in reeksen:
        if r.indicator_id in gezien or r.indicator_id not in indicator_meta:
            continue
        gezien.add(r.indicator_id)
        m = indicator_meta[r.indicator_id]
        definities.append(
            {
                "indicator": m.get("titel", r.label),
                "definitie": m.get("definitie") or "",
                "kanttekening": m.get("kanttekening") or "",
            }
        )
    return {
        "titel": titel,
        "ondertitel": ondertitel,
        "permalink": permalink,
        "datum": datum,
        "definities": definities,
        "bronnen": [
            {
                "uitgever": u,
                "titel": t,
                "url": url,
                "licentie": licenties.get(url) or LICENTIE_ONBEKEND,
            }
            for u, t, url in bronnen_van(reeksen)
        ],
        "bronregels": [
            bronregel_excel({"uitgever": naam, "titel": t, "url": url, **per_url.get(url, {})})
            for naam, t, url in bronnen_van(reeksen)
        ],
        "statussen": dict(statussen or STATUS_UITLEG),
    }


BRONNEN_KOLOMMEN = ("producent", "gelezen bij", "titel", "datum", "geraadpleegd", "licentie", "url")
"""Columns of the Excel `bronnen` sheet: what a reference list needs per source."""


def bronregel_excel(bron: dict[str, Any]) -> dict[str, Any]:
    """One row of the `bronnen` sheet from a `bron` row (laid over the plotted points' own
    name, title and URL, which stand in when the catalogue row is missing). 'gelezen bij' is the publisher whose
    page was read (for a secondary source not the producer); an empty `datum` means the
    publisher gives no publication date, it is not filled in by guess."""
    return {
        "producent": bron.get("producent") or bron.get("uitgever") or "",
        "gelezen bij": bron.get("uitgever") or "",
        "titel": bron.get("titel") or "",
        "datum": bron.get("datum") or "",
        "geraadpleegd": bron.get("geraadpleegd") or "",
        "licentie": bron.get("licentie") or LICENTIE_ONBEKEND,
        "url": bron.get("url") or "",
    }


def naar_xlsx(rijen: list[dict[str, Any]], toelichting: dict[str, Any]) -> bytes:
    """Workbook with sheet `data` (numbers stay numbers), sheet `toelichting` (starting with
    the citation line) and sheet `bronnen` (one row per source, for a reference list)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    boek = Workbook()
    data = boek.active
    data.title = "data"
    kolommen = list(rijen[0]) if rijen else list(KOLOMMEN)
    data.append(kolommen)
    for cel in data[1]:
        cel.font = Font(bold=True)
    for rij in rijen:
        data.append([_xlsx_waarde(rij.get(k)) for k in kolommen])
    for kolom in data.iter_cols(min_row=2):
        naam = kolommen[kolom[0].column - 1]
        for cel in kolom:
            _zet_celtype(cel, naam)
            if naam in KOLOM_MAX:
                cel.alignment = Alignment(wrap_text=True, vertical="top")
    data.freeze_panes = "A2"
    for i, naam in enumerate(kolommen, start=1):
        data.column_dimensions[data.cell(1, i).column_letter].width = kolombreedte(
            naam, [rij.get(naam) for rij in rijen]
        )

    blad = boek.create_sheet("toelichting")
    vet = Font(bold=True)

    def regel(*waarden: Any, kop: bool = False) -> None:
        blad.append([_xlsx_waarde(w) for w in waarden])
        for cel in blad[blad.max_row]:
            _zet_celtype(cel, "")
            cel.alignment = Alignment(wrap_text=True, vertical="top")
            if kop:
                cel.font = vet

    t = toelichting
    regel(t.get("titel", ""), kop=True)
    regel("Citeer als", t.get("citeer_als", ""))
    regel("Weergave", t.get("ondertitel", ""))
    if t.get("uitlijning"):
        regel("Perioden", t["uitlijning"])
    regel("Geëxporteerd op", nl.datum(t["datum"]) if t.get("datum") else "")
    regel("Link naar deze weergave", t.get("permalink", ""))
    if t.get("permalink", "").startswith(("http://", "https://")):
        blad.cell(blad.max_row, 2).hyperlink = t["permalink"]
    regel(
        "Licentie",
        "Per bron de licentie die de uitgever vermeldt (zie Bronnen hieronder; "
        f"‘{LICENTIE_ONBEKEND}’ als de uitgever er geen noemt). "
        f"De samenstelling door Ketenmonitor: {LICENTIE_DATA}.",
    )
    regel()
    regel("Definities", kop=True)
    regel("indicator", "definitie", "kanttekening", kop=True)
    for d in t.get("definities", []):
        regel(d["indicator"], d["definitie"], d["kanttekening"])
    regel()
    regel("Bronnen", kop=True)
    regel("bron (producent, via)", "titel", "url", "licentie", kop=True)
    for b in t.get("bronnen", []):
        regel(b["uitgever"], b["titel"], b["url"], b["licentie"] or LICENTIE_ONBEKEND)
        blad.cell(blad.max_row, 3).hyperlink = b["url"]
    if t.get("meldingen"):
        regel()
        regel("Niet getoond in deze weergave", kop=True)
        for m in t["meldingen"]:
            regel(m)
    if t.get("momenten"):
        regel()
        regel("Beleidsmomenten (genummerde lijnen in de grafiek)", kop=True)
        for m in t["momenten"]:
            regel(m)
    regel()
    regel("Statussen", kop=True)
    for status, uitleg in t.get("statussen", STATUS_UITLEG).items():
        regel(status, uitleg)
    for letter, breedte in zip("ABCD", (34, 70, 50, 20), strict=True):
        blad.column_dimensions[letter].width = breedte

    lijst = boek.create_sheet("bronnen")
    lijst.append(list(BRONNEN_KOLOMMEN))
    for cel in lijst[1]:
        cel.font = vet
    for b in t.get("bronregels", []):
        lijst.append([_xlsx_waarde(b.get(k, "")) for k in BRONNEN_KOLOMMEN])
        for cel in lijst[lijst.max_row]:
            _zet_celtype(cel, "")
        if str(b.get("url", "")).startswith(("http://", "https://")):
            lijst.cell(lijst.max_row, len(BRONNEN_KOLOMMEN)).hyperlink = b["url"]
    for letter, breedte in zip("ABCDEFG", (30, 40, 60, 12, 14, 24, 60), strict=True):
        lijst.column_dimensions[letter].width = breedte

    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


KOLOM_MAX = {
    "citaat": 80,
    "vindplaats": 60,
    "citeer_als": 80,
    "bron": 60,
    "indicator": 50,
    "bron_url": 50,
}


def kolombreedte(naam: str, waarden: list[Any]) -> float:
    """Excel column width that fits header and values, capped so a quote does not run off.

    Capped columns wrap (see `naar_xlsx`); widths are in Excel's character units.
    """
    langste = max([len(naam), *(len(_cel(w)) for w in waarden)])
    return float(min(max(langste + 2, 8), KOLOM_MAX.get(naam, 40)))


def _xlsx_waarde(waarde: Any) -> Any:
    if isinstance(waarde, list | tuple):
        return ";".join(str(w) for w in waarde)
    if isinstance(waarde, date | datetime):
        return waarde.isoformat()
    return waarde


def _zet_celtype(cel: Any, kolom: str) -> None:
    """Text is always text: openpyxl would store '=…' as a formula. Numbers get Dutch-readable
    formats (Excel shows them with the reader's separators: 1.234,5 in a Dutch Excel)."""
    if isinstance(cel.value, str):
        cel.data_type = "s"
    elif isinstance(cel.value, bool):
        pass
    elif isinstance(cel.value, int | float):
        if kolom in ("jaar", "basisjaar"):
            cel.number_format = "0"
        elif float(cel.value).is_integer():
            cel.number_format = "#,##0"
        else:
            cel.number_format = "#,##0.0###"


# ---------------------------------------------------------------- images


def veilig(tekst: str, max_lengte: int = 60) -> str:
    """Only [a-z0-9_-]: accents folded, everything else (/, ., spaces) becomes '_'."""
    ascii_tekst = unicodedata.normalize("NFKD", str(tekst)).encode("ascii", "ignore").decode()
    schoon = re.sub(r"[^a-z0-9_-]+", "_", ascii_tekst.lower())
    schoon = re.sub(r"_+", "_", schoon).strip("_-")
    return schoon[:max_lengte].strip("_-")


def bestandsnaam(indicator_ids: list[str], van: int, tot: int, datum: date, extensie: str) -> str:
    """`ketenmonitor_<indicator>_<van>-<tot>_<yyyymmdd>.<ext>`: meaningful and path-free."""
    if extensie not in EXTENSIES:
        raise ValueError(f"onbekende extensie: {extensie!r}")
    ids = [i for i in indicator_ids if veilig(i)]
    deel = veilig(ids[0]) if ids else "grafiek"
    if len(ids) > 1:
        deel += f"_en_{len(ids) - 1}_meer"
    return f"ketenmonitor_{deel}_{int(van)}-{int(tot)}_{datum:%Y%m%d}.{extensie}"


_ZIPNAAM = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,150}$")


def zip_bundel(bestanden: dict[str, bytes], tijdstip: datetime | None = None) -> bytes:
    """A zip of flat, safe names (no folders, no '..'): nothing escapes where it is unpacked."""
    tijdstip = tijdstip or datetime.now()
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for naam, inhoud in bestanden.items():
            if not _ZIPNAAM.match(naam) or ".." in naam:
                raise ValueError(f"onveilige bestandsnaam in zip: {naam!r}")
            info = zipfile.ZipInfo(naam, date_time=tijdstip.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, inhoud)
    return uit.getvalue()
