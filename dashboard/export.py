"""Export: the plotted rows as Dutch CSV and Excel, the chart as PNG/SVG, zips, safe filenames.

Pure functions (no Dash), so every format is tested without a browser and the toolbar's
callbacks stay thin. The rows come from the same `Reeks` objects the chart draws, so a file
holds exactly the plotted numbers. Images are rendered server-side by Kaleido on the system
Chromium, through `dashboard.afbeelding` (one shared render service for all workers, see `dashboard.tekendienst`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dashboard import format as nl
from dashboard.afbeelding import naar_afbeelding
from dashboard.memo import memo_figuur
from dashboard.reeksen import Reeks, bronnen_van, weergave_tekst
from dashboard.theme import STATUS_UITLEG, STATUS_UITLEG_STAAF, status_uitleg

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
"""Stable column names of the CSV and the Excel `data` sheet: users build on them."""

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
                    "weergave": weergave_tekst(weergave, reeks.basisjaar),
                    "basisjaar": reeks.basisjaar if afgeleid else None,
                    "getoond": round(p.getoond, 4) if afgeleid else None,
                    "status": p.status,
                    "bron": f"{p.bron_uitgever}, {p.bron_titel}",
                    "bron_url": p.bron_url,
                    "citaat": p.citaat or "",
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
        "statussen": dict(statussen or STATUS_UITLEG),
    }


def naar_xlsx(rijen: list[dict[str, Any]], toelichting: dict[str, Any]) -> bytes:
    """Workbook with sheet `data` (numbers stay numbers) and sheet `toelichting`."""
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
    regel("Weergave", t.get("ondertitel", ""))
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
    regel("uitgever", "titel", "url", "licentie", kop=True)
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

    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


KOLOM_MAX = {"citaat": 80, "bron": 60, "indicator": 50, "bron_url": 50}


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


def voor_export(
    figuur: dict[str, Any], datum: date, vierkant: bool = False, voetnoot: str = ""
) -> dict[str, Any]:
    """The chart laid out for a memo (800 px wide, text ≥ 15 px): see `dashboard.memo`."""
    return memo_figuur(figuur, datum, vierkant=vierkant, voetnoot=voetnoot)


# ---------------------------------------------------------------- names and zips


def _veilig(tekst: str, max_lengte: int = 60) -> str:
    """Only [a-z0-9_-]: accents folded, everything else (/, ., spaces) becomes '_'."""
    ascii_tekst = unicodedata.normalize("NFKD", str(tekst)).encode("ascii", "ignore").decode()
    schoon = re.sub(r"[^a-z0-9_-]+", "_", ascii_tekst.lower())
    schoon = re.sub(r"_+", "_", schoon).strip("_-")
    return schoon[:max_lengte].strip("_-")


def bestandsnaam(indicator_ids: list[str], van: int, tot: int, datum: date, extensie: str) -> str:
    """`ketenmonitor_<indicator>_<van>-<tot>_<yyyymmdd>.<ext>`: meaningful and path-free."""
    if extensie not in EXTENSIES:
        raise ValueError(f"onbekende extensie: {extensie!r}")
    ids = [i for i in indicator_ids if _veilig(i)]
    deel = _veilig(ids[0]) if ids else "grafiek"
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


# ---------------------------------------------------------------- chart export as a whole


@dataclass
class Grafiekexport:
    """Everything one chart card can export: what the toolbar's page function returns."""

    figuur: dict[str, Any]
    reeksen: list[Reeks]
    weergave: str
    van: int
    tot: int
    permalink: str = ""
    toelichting_bronnen: list[dict[str, Any]] = field(default_factory=list)
    indicator_meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    momenten: list[dict[str, Any]] = field(default_factory=list)
    """Policy events drawn as numbered lines (Trends with beleid=1), in number order."""
    meldingen: list[str] = field(default_factory=list)
    """What the view left out and why (no base-year value, points across a trend break)."""

    @property
    def titel(self) -> str:
        return _platte_tekst(self.figuur.get("layout", {}).get("title", {}).get("text", ""))[0]

    @property
    def ondertitel(self) -> str:
        delen = _platte_tekst(self.figuur.get("layout", {}).get("title", {}).get("text", ""))
        return delen[1] if len(delen) > 1 else ""

    @property
    def indicator_ids(self) -> list[str]:
        return list(dict.fromkeys(r.indicator_id for r in self.reeksen))

    @property
    def voetnoot(self) -> str:
        delen = []
        if self.meldingen:
            n = len(self.meldingen)
            delen.append(
                f"{n} {'reeks' if n == 1 else 'reeksen'} (deels) niet getoond in deze weergave "
                "(zie toelichting in de Excel-export)"
            )
        if self.momenten:
            delen.append(
                f"Genummerde lijnen 1–{len(self.momenten)}: beleidsmomenten "
                "(lijst in de Excel-export en het briefingpakket)"
            )
        return " · ".join(delen)

    def momentregels(self) -> list[str]:
        """'3. 16 december 2024: <titel> (<soort>) — <url>', one per numbered line."""
        return [
            f"{nr}. {nl.datum(m['datum'])}: {m['titel']} ({m['soort']}) — {m['url']}"
            for nr, m in enumerate(self.momenten, start=1)
        ]


def _platte_tekst(html_tekst: str) -> list[str]:
    """Title HTML ('<b>t</b><br><span>s</span>') as plain lines."""
    return [re.sub(r"<[^>]+>", "", d).strip() for d in str(html_tekst).split("<br>")]


def maak_bestand(
    inhoud: Grafiekexport, formaat: str, datum: date, vierkant: bool = False
) -> tuple[bytes, str]:
    """The file for one toolbar button: (bytes, filename). The toolbar callback only calls this."""
    if formaat not in FORMATEN:
        raise ValueError(f"onbekend exportformaat: {formaat!r}")
    naam = bestandsnaam(inhoud.indicator_ids, inhoud.van, inhoud.tot, datum, formaat)
    if formaat in ("png", "svg"):
        fig = voor_export(inhoud.figuur, datum, vierkant, inhoud.voetnoot)
        breedte, hoogte = fig["layout"]["width"], fig["layout"]["height"]
        schaal = 2 if formaat == "png" else 1  # sharp at 16 cm; SVG scales by itself
        return naar_afbeelding(fig, formaat, breedte, hoogte, schaal=schaal), naam
    data = rijen(inhoud.reeksen, inhoud.weergave)
    if formaat == "csv":
        return naar_csv(data, KOLOMMEN), naam
    toelichting = maak_toelichting(
        inhoud.reeksen,
        inhoud.titel,
        inhoud.ondertitel,
        inhoud.permalink,
        datum,
        inhoud.indicator_meta,
        inhoud.toelichting_bronnen,
        status_uitleg(inhoud.figuur),
    )
    toelichting["momenten"] = inhoud.momentregels()
    toelichting["meldingen"] = list(inhoud.meldingen)
    return naar_xlsx(data, toelichting), naam


def briefingpakket(grafieken: list[Grafiekexport], datum: date) -> bytes:
    """'Download alle grafieken': PNG + SVG + CSV per chart and a README with titles/sources."""
    bestanden: dict[str, bytes] = {}
    regels = [
        "Ketenmonitor — briefingpakket",
        f"Samengesteld op {nl.datum(datum)}. Per grafiek een PNG, een SVG en een CSV",
        "(puntkomma-gescheiden, decimale komma) met precies de getoonde cijfers.",
        "",
    ]
    for nr, g in enumerate(grafieken, start=1):
        namen = []
        for formaat in ("png", "svg", "csv"):
            data, naam = maak_bestand(g, formaat, datum)
            naam = f"{nr:02d}_{naam}"
            bestanden[naam] = data
            namen.append(naam)
        regels += [f"{nr}. {g.titel}", f"   {g.ondertitel}", f"   Bestanden: {', '.join(namen)}"]
        for uitgever, titel, url in bronnen_van(g.reeksen):
            regels.append(f"   Bron: {uitgever}, {titel} — {url}")
        for indicator_id in g.indicator_ids:
            m = g.indicator_meta.get(indicator_id)
            if not m:
                continue
            regels.append(
                f"   Definitie ({m.get('korte_titel') or indicator_id}): {m.get('definitie') or '–'}"
            )
            if m.get("kanttekening"):
                regels.append(f"   Kanttekening: {m['kanttekening']}")
        if g.meldingen:
            regels.append("   Niet getoond in deze weergave:")
            regels += [f"     {m}" for m in g.meldingen]
        if g.momenten:
            regels.append("   Beleidsmomenten (genummerde lijnen):")
            regels += [f"     {m}" for m in g.momentregels()]
        if g.permalink:
            regels.append(f"   Link: {g.permalink}")
        regels.append("")
    regels += _status_uitleg(grafieken)
    bestanden["README.txt"] = "\r\n".join(regels).encode("utf-8")
    return zip_bundel(bestanden)


def _status_uitleg(grafieken: list[Grafiekexport] | None = None) -> list[str]:
    """The status legend for the chart types present: lines and/or bars."""
    soorten = {
        "staafdiagram" if any(t.get("type") == "bar" for t in g.figuur.get("data", [])) else "lijn"
        for g in grafieken or []
    } or {"lijn"}
    regels = ["Statussen:"]
    if "lijn" in soorten:
        regels += [f"- in lijngrafieken: {u}" for u in STATUS_UITLEG.values()]
    if "staafdiagram" in soorten:
        regels += [f"- in staafdiagrammen: {u}" for u in STATUS_UITLEG_STAAF.values()]
    return [*regels, ""]


# ---------------------------------------------------------------- full data download


def volledige_download(
    tabel_inhoud: Callable[[str], tuple[list[str], list[dict[str, Any]]]],
    tabellen: Iterable[str],
    descriptor_pad: Path,
    bouwinfo: dict[str, Any],
    datum: date,
) -> bytes:
    """One zip: a Dutch CSV per table, the data package descriptor, and a README.

    The descriptor is data/raw's, with each resource's dialect set to what these files are
    (`;`, decimal comma, UTF-8 with BOM), so Frictionless tools can still read the zip.
    Columns follow the descriptor's fields (the database adds derived columns such as
    `maatregel.indicatoren`; those are left out so files and descriptor agree).
    """
    descriptor = json.loads(descriptor_pad.read_text(encoding="utf-8"))
    velden = {
        r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]
    }
    bestanden: dict[str, bytes] = {}
    aantallen: dict[str, int] = {}
    bronnen: list[dict[str, Any]] = []
    for naam in tabellen:
        kolommen, inhoud = tabel_inhoud(naam)
        kolommen = [k for k in velden.get(naam, kolommen) if k in kolommen]
        bestanden[f"{naam}.csv"] = naar_csv(inhoud, kolommen)
        aantallen[naam] = len(inhoud)
        if naam == "bron":
            bronnen = inhoud
    for resource in descriptor["resources"]:
        resource["encoding"] = "utf-8-sig"
        resource["dialect"] = {"delimiter": ";"}
        for veld in resource["schema"]["fields"]:
            if veld.get("type") == "number":
                veld["decimalChar"] = ","
    bestanden["datapackage.json"] = json.dumps(descriptor, ensure_ascii=False, indent=2).encode()
    bestanden["README.txt"] = _leesmij(aantallen, bronnen, bouwinfo, datum).encode("utf-8")
    return zip_bundel(bestanden)


def _leesmij(
    aantallen: dict[str, int],
    bronnen: list[dict[str, Any]],
    bouwinfo: dict[str, Any],
    datum: date,
) -> str:
    gebouwd = bouwinfo.get("gebouwd_op")
    regels = [
        "Ketenmonitor — volledige gegevens",
        "",
        "Wat: gepubliceerde cijfers, signalen, actielijnen en wetten over de keten van",
        "kinderopvang, onderwijs en zorg voor kinderen van 0-13 jaar. Elke waarde heeft een bron",
        "met URL (tabel bron). Eén CSV per tabel: puntkomma-gescheiden, decimale komma, UTF-8",
        "met BOM (opent goed in Excel). datapackage.json beschrijft de kolommen.",
        "",
        f"Database gebouwd op: {nl.datum(gebouwd) if gebouwd else 'onbekend'}",
        f"Invoer (sha256): {bouwinfo.get('invoer_sha256', 'onbekend')}",
        f"Gedownload op: {nl.datum(datum)}",
        "",
        "Tabellen (rijen):",
        *[f"- {naam}.csv: {n}" for naam, n in aantallen.items()],
        "",
        "Licentie: de samenstelling valt onder CC BY 4.0",
        "(https://creativecommons.org/licenses/by/4.0/). Cijfers van het CBS vallen onder",
        "CC BY 4.0: vermeld bij hergebruik ‘Bron: CBS’. Voor andere bronnen geldt de licentie",
        "van de bron zelf (kolom licentie in bron.csv; leeg = niet vastgesteld).",
        "",
        "Bronnen:",
    ]
    for b in bronnen:
        licentie = f" [{b['licentie']}]" if b.get("licentie") else ""
        regels.append(f"- {b['uitgever']}, {b['titel']} — {b['url']}{licentie}")
    regels += ["", *_status_uitleg()]
    return "\r\n".join(regels)
