"""Export: the file behind each toolbar button, the briefing pack and the full data download.

Images are rendered server-side by Kaleido on the system Chromium through `afbeelding` (one
shared render service for all workers, see `tekendienst`); this is the only export module that
renders, so `bestanden` stays pure.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.citatie import CURSIEF_HTML, citeerregel
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.memo import memo_figuur
from dashboard.figuren.theme import (
    STATUS_UITLEG,
    STATUS_UITLEG_STAAF,
    status_uitleg,
    uitlijning_van,
)
from dashboard.gegevens.reeksen import bron_naam, bronnen_van
from dashboard.uitvoer.afbeelding import naar_afbeelding
from dashboard.uitvoer.bestanden import (
    CITAAT_KOLOMMEN,
    CITEER_KOLOM,
    FORMATEN,
    KOLOMMEN,
    bestandsnaam,
    maak_toelichting,
    naar_csv,
    naar_xlsx,
    rijen,
    zip_bundel,
)

VINDPLAATS_UITLEG = (
    "Kolom citaat: de tekst zoals de bron hem geeft. Is dat een rij tabelcellen zonder",
    "scheiding (bijvoorbeeld 'Totaal785818825828'), dan noemt kolom vindplaats de tabel, rij en",
    "kolom in de bron waar het getal staat.",
)
"""The README's word on `citaat` and `vindplaats`: a quote of run-together cells is verbatim,
so the file says how to read it."""


def voor_export(
    figuur: dict[str, Any],
    datum: date,
    vierkant: bool = False,
    voetnoot: str = "",
    citatie: str = "",
) -> dict[str, Any]:
    """The chart laid out for a memo (800 px wide, text ≥ 15 px): see `dashboard.figuren.memo`;
    `citatie` (the citation line, HTML italics) opens the footer."""
    return memo_figuur(figuur, datum, vierkant=vierkant, voetnoot=voetnoot, citatie=citatie)


# ---------------------------------------------------------------- names and zips


def maak_bestand(
    inhoud: Grafiekexport, formaat: str, datum: date, vierkant: bool = False
) -> tuple[bytes, str]:
    """The file for one toolbar button: (bytes, filename). The toolbar callback only calls this."""
    if formaat not in FORMATEN:
        raise ValueError(f"onbekend exportformaat: {formaat!r}")
    ids = [inhoud.bestandsdeel] if inhoud.bestandsdeel else inhoud.indicator_ids
    naam = bestandsnaam(ids, inhoud.van, inhoud.tot, datum, formaat)
    if formaat in ("png", "svg"):
        fig = voor_export(
            inhoud.figuur, datum, vierkant, inhoud.voetnoot, inhoud.citeerregel(CURSIEF_HTML)
        )
        breedte, hoogte = fig["layout"]["width"], fig["layout"]["height"]
        schaal = 2 if formaat == "png" else 1  # sharp at 16 cm; SVG scales by itself
        return naar_afbeelding(fig, formaat, breedte, hoogte, schaal=schaal), naam
    if inhoud.tabel is not None:  # a table card: its own columns
        data, kolommen = inhoud.tabel, list(inhoud.tabel[0]) if inhoud.tabel else []
    else:
        data = rijen(inhoud.reeksen, inhoud.weergave)
        kolommen = [*KOLOMMEN, *CITAAT_KOLOMMEN]
    citaat = inhoud.citeerregel()
    data = [{**rij, CITEER_KOLOM: citaat} for rij in data]
    kolommen = [*(k for k in kolommen if k != CITEER_KOLOM), CITEER_KOLOM]
    if inhoud.kolomnamen:
        hernoem = inhoud.kolomnamen
        data = [{hernoem.get(k, k): v for k, v in rij.items()} for rij in data]
        kolommen = [hernoem.get(k, k) for k in kolommen]
    if formaat == "csv":
        return naar_csv(data, kolommen), naam
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
    toelichting["citeer_als"] = citaat
    toelichting["uitlijning"] = uitlijning_van(inhoud.figuur)
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
        *VINDPLAATS_UITLEG,
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
        regels.append(f"   Citeer als: {g.citeerregel()}")
        if uitlijning_van(g.figuur):
            regels.append(f"   Perioden: {uitlijning_van(g.figuur)}")
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
    descriptor_json: str,
    bouwinfo: dict[str, Any],
    datum: date,
) -> bytes:
    """One zip: a Dutch CSV per table, the data package descriptor, and a README.

    The descriptor is the one stored in the build (`datapakket`, the text of data/raw's at
    build time, so it describes exactly these tables and a replica without data/raw can serve
    it), with each resource's dialect set to what these files are
    (`;`, decimal comma, UTF-8 with BOM), so Frictionless tools can still read the zip.
    Columns follow the descriptor's fields (the database adds derived columns such as
    `maatregel.indicatoren`; those are left out so files and descriptor agree).
    """
    descriptor = json.loads(descriptor_json)
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
    citaat = citeerregel(
        "Volledige gegevens",
        str(bouwinfo.get("data_versie_kort") or ""),
        gebouwd,
        str(bouwinfo.get("permalink") or ""),
        [b.get("producent") or b["uitgever"] for b in bronnen],
    )
    regels = [
        "Ketenmonitor — volledige gegevens",
        "",
        f"Citeer als: {citaat}",
        "",
        "Wat: gepubliceerde cijfers, signalen, actielijnen en wetten over de keten van",
        "kinderopvang, onderwijs en zorg voor kinderen van 0-13 jaar. Elke waarde heeft een bron",
        "met URL (tabel bron). Eén CSV per tabel: puntkomma-gescheiden, decimale komma, UTF-8",
        "met BOM (opent goed in Excel). datapackage.json beschrijft de kolommen.",
        *VINDPLAATS_UITLEG,
        "",
        f"Database gebouwd op: {nl.datum(gebouwd) if gebouwd else 'onbekend'}",
        f"Dataversie: {bouwinfo.get('data_versie', 'onbekend')}",
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
        regels.append(f"- {bron_naam(b)}, {b['titel']} — {b['url']}{licentie}")
    regels += ["", *_status_uitleg()]
    return "\r\n".join(regels)
