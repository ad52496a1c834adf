"""The open data API's answers: what each route returns, as JSON or machine CSV bytes.

Kept apart from HTTP (dashboard/api.py) so the bodies are plain functions of the
database. An id from a URL is first found in the catalogue or the alias table
(`zoek_indicator`); only a known id reaches a query, and then as a bound parameter.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

from dashboard.figuren import format as nl
from dashboard.gegevens import queries

V1 = "/api/v1"
API_VERSIE = "1"

TELLINGEN = {
    "vestiging": (
        "leerlingen op 1 oktober op de schoolvestigingen in de regio (DUO, per vestiging "
        "opgeteld); niet het aantal kinderen dat er woont"
    ),
    "woonplaats": (
        "kinderen naar de gemeente waar ze wonen (CBS StatLine 85701NED, per gemeente afgerond "
        "op tientallen; een gemeente van 2025 uit oude gemeenten, provincies: som, afgeleid); "
        "niveau onverdeeld = gesplitste of door CBS niet in te delen gemeenten"
    ),
}
"""How a regional number counts. A later count by place of residence (CBS) gets its own key,
so an address of today keeps meaning the same thing."""
NIVEAUS = ("provincie", "gemeente", "onverdeeld")


class ApiFout(Exception):
    """A client mistake under /api/: answered as JSON with this status and Dutch message."""

    def __init__(self, status: int, melding: str) -> None:
        super().__init__(melding)
        self.status = status
        self.melding = melding


# ---------------------------------------------------------------- periods


def periode_tekst(van: int | None, tot: int | None, periode_type: str) -> str | None:
    """The period as the source writes it: '2023', schooljaar '2023/24', '2016–2019'."""
    return None if van is None else nl.periode(van, tot, periode_type)


def periode_iso(van: int | None, tot: int | None, periode_type: str) -> str | None:
    """The period in ISO 8601: a year, or an interval for a school year or a span of years.

    A school year runs from 1 August to 31 July. A half year or a reference date (peildatum)
    is given as its calendar year: which half or which date the indicator's definition says.
    """
    if van is None:
        return None
    tot = van if tot is None else tot
    if periode_type == "schooljaar":
        return f"{van}-08-01/{tot + 1}-07-31"
    return str(van) if van == tot else f"{van}/{tot}"


# ---------------------------------------------------------------- lookups


def zoek_indicator(gevraagd: str) -> tuple[str, str | None]:
    """(surviving id, the alias asked for or None); ApiFout 404 for an id nobody knows."""
    meta = queries.indicator_meta()
    if gevraagd in meta:
        return gevraagd, None
    overlever = queries.aliassen().get(gevraagd)
    if overlever is not None and overlever in meta:
        return overlever, gevraagd
    raise ApiFout(404, f"onbekende indicator: {gevraagd[:80]}")


def _aliassen_per_indicator() -> dict[str, list[str]]:
    uit: dict[str, list[str]] = {}
    for alias, overlever in sorted(queries.aliassen().items()):
        uit.setdefault(overlever, []).append(alias)
    return uit


# ---------------------------------------------------------------- bodies


def _json_waarde(waarde: Any) -> Any:
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    raise TypeError(type(waarde).__name__)


def als_json(inhoud: Any) -> bytes:
    return json.dumps(inhoud, ensure_ascii=False, default=_json_waarde).encode("utf-8")


def _csv_cel(waarde: Any) -> str:
    """A machine cell: decimal point, no thousands separator, true/false, empty for null."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, float):
        return str(int(waarde)) if waarde.is_integer() else repr(waarde)
    if isinstance(waarde, list | dict):
        return json.dumps(waarde, ensure_ascii=False, default=_json_waarde)
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    return str(waarde)


def als_csv(kolommen: list[str], rijen: list[dict[str, Any]]) -> bytes:
    """UTF-8 (no BOM), comma, decimal point, one header row: for pandas, R and scripts.

    Cells are not neutralised against spreadsheet formulas (that would change the values);
    the Dutch downloads in the dashboard are the ones meant for Excel.
    """
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\n")
    schrijver.writerow(kolommen)
    for rij in rijen:
        schrijver.writerow([_csv_cel(rij.get(k)) for k in kolommen])
    return uit.getvalue().encode("utf-8")


def _indicator_links(indicator_id: str) -> dict[str, str]:
    basis = f"{V1}/indicatoren/{indicator_id}"
    return {
        "metadata": basis,
        "waarnemingen_json": f"{basis}/waarnemingen.json",
        "waarnemingen_csv": f"{basis}/waarnemingen.csv",
    }


def _catalogusregel(
    meta: dict[str, Any], extra: dict[str, Any], aliassen: list[str]
) -> dict[str, Any]:
    pt = meta["periode_type"]
    return {
        "indicator_id": meta["indicator_id"],
        "titel": meta["titel"],
        "korte_titel": meta["korte_titel"],
        "definitie": meta["definitie"],
        "eenheid": meta["eenheid"],
        "setting_id": meta["setting_id"],
        "setting": meta["setting_naam"],
        "periode_type": pt,
        "eerste_periode": periode_tekst(meta["eerste_jaar"], meta["eerste_jaar"], pt),
        "laatste_periode": periode_tekst(meta["laatste_jaar"], meta["laatste_jaar"], pt),
        "eerste_jaar": meta["eerste_jaar"],
        "laatste_jaar": meta["laatste_jaar"],
        "reeksbreuken": list(meta["reeksbreuken"] or []),
        "kanttekening": meta["kanttekening"],
        "herkomst": meta["herkomst"],
        "uitgevers": extra.get("uitgevers", []),
        "statusaantallen": extra.get("statusaantallen", {}),
        "aliassen": aliassen,
        "links": _indicator_links(meta["indicator_id"]),
    }


def versie() -> bytes:
    info = queries.bouwinfo()
    return als_json(
        {
            "api_versie": API_VERSIE,
            "data_versie": info["data_versie"],
            "data_versie_kort": info["data_versie_kort"],
            "schema_versie": info["schema_versie"],
            "gebouwd_op": info["gebouwd_op"],
            "ketenmonitor_versie": info["ketenmonitor_versie"],
            "aantallen": queries.api_aantallen(),
        }
    )


def catalogus() -> bytes:
    extra = queries.api_catalogus_extra()
    aliassen = _aliassen_per_indicator()
    return als_json(
        {
            "data_versie": queries.dataversie(),
            "indicatoren": [
                _catalogusregel(m, extra.get(m["indicator_id"], {}), aliassen.get(i, []))
                for i, m in queries.indicator_meta().items()
            ],
        }
    )


def _alias_melding(alias: str | None, overlever: str) -> dict[str, Any]:
    if alias is None:
        return {}
    return {
        "alias": {
            "gevraagd": alias,
            "indicator_id": overlever,
            "melding": f"'{alias}' is opgegaan in '{overlever}'; gebruik voortaan dat id",
        }
    }


def indicator(overlever: str, alias: str | None) -> bytes:
    meta = queries.indicator_meta()[overlever]
    extra = queries.api_catalogus_extra().get(overlever, {})
    regel = _catalogusregel(meta, extra, _aliassen_per_indicator().get(overlever, []))
    breuken = queries.reeksbreuk_rijen((overlever,))
    regel["reeksbreuk_toelichtingen"] = [
        {"jaar": b["jaar"], "toelichting": b["toelichting"], "bron_id": b["bron_id"]}
        for b in breuken
    ]
    return als_json(
        {"data_versie": queries.dataversie(), **_alias_melding(alias, overlever), **regel}
    )


WAARNEMING_KOLOMMEN = [
    "indicator_id",
    "periode_van",
    "periode_tot",
    "periode",
    "periode_iso",
    "periode_type",
    "uitsplitsing",
    "categorie",
    "waarde",
    "ondergrens",
    "bovengrens",
    "status",
    "bron_id",
    "bron_titel",
    "producent",
    "uitgever",
    "bron_url",
    "bron_soort",
    "citaat",
    "noot",
    "herzien",
    "revisies",
    "vindplaats",
]
"""Columns of waarnemingen.csv and keys of each waarnemingen.json row, in this order."""

_PUNT = ("periode_van", "periode_tot", "uitsplitsing", "categorie")


def waarneming_rijen(indicator_id: str) -> list[dict[str, Any]]:
    """Every observation of one indicator with its period texts and its revisions."""
    pt = queries.indicator_meta()[indicator_id]["periode_type"]
    revisies: dict[tuple, list[dict[str, Any]]] = {}
    for r in queries.api_revisies(indicator_id):
        revisies.setdefault(tuple(r[k] for k in _PUNT), []).append(
            {k: v for k, v in r.items() if k not in _PUNT}
        )
    rijen = []
    for w in queries.api_waarnemingen(indicator_id):
        eigen = revisies.get(tuple(w[k] for k in _PUNT), [])
        rijen.append(
            {
                **w,
                "periode": periode_tekst(w["periode_van"], w["periode_tot"], pt),
                "periode_iso": periode_iso(w["periode_van"], w["periode_tot"], pt),
                "periode_type": pt,
                "herzien": bool(eigen),
                "revisies": eigen,
            }
        )
    return rijen


def waarnemingen(overlever: str, alias: str | None, formaat: str) -> bytes:
    rijen = [{k: r[k] for k in WAARNEMING_KOLOMMEN} for r in waarneming_rijen(overlever)]
    if formaat == "csv":
        return als_csv(WAARNEMING_KOLOMMEN, rijen)
    return als_json(
        {
            "data_versie": queries.dataversie(),
            "indicator_id": overlever,
            **_alias_melding(alias, overlever),
            "kolommen": WAARNEMING_KOLOMMEN,
            "waarnemingen": rijen,
        }
    )


REGIO_KOLOMMEN = [
    "telling",
    "niveau",
    "regio_code",
    "regio_naam",
    "provincie",
    "indicator_id",
    "jaar",
    "periode",
    "peildatum",
    "waarde",
    "ondergrens",
    "bovengrens",
    "aantal_vestigingen",
    "status",
    "bron_id",
    "bron_titel",
    "uitgever",
    "bron_url",
    "noot",
]


def regio_overzicht() -> bytes:
    per_telling: dict[str, dict[str, list[dict[str, Any]]]] = {t: {} for t in TELLINGEN}
    for r in queries.api_regio_overzicht():
        per_telling[r["telling"]].setdefault(r["niveau"], []).append(
            {
                "indicator_id": r["indicator_id"],
                "eerste_jaar": r["eerste_jaar"],
                "laatste_jaar": r["laatste_jaar"],
                "rijen": r["rijen"],
                "links": {
                    f: f"{V1}/regio/{r['telling']}/{r['niveau']}/{r['indicator_id']}.{f}"
                    for f in ("json", "csv")
                },
            }
        )
    return als_json(
        {
            "data_versie": queries.dataversie(),
            "tellingen": [
                {"telling": t, "omschrijving": o, "niveaus": per_telling[t]}
                for t, o in TELLINGEN.items()
            ],
        }
    )


def _regio_indicatoren(niveau: str, telling: str = "vestiging") -> set[str]:
    return {
        r["indicator_id"]
        for r in queries.api_regio_overzicht()
        if r["niveau"] == niveau and r["telling"] == telling
    }


def _jaar(tekst: str | None, niveau: str, indicator_id: str) -> int | None:
    if tekst is None:
        return None
    jaren = [
        (r["eerste_jaar"], r["laatste_jaar"])
        for r in queries.api_regio_overzicht()
        if r["niveau"] == niveau and r["indicator_id"] == indicator_id
    ]
    eerste, laatste = jaren[0]
    if not (tekst.isascii() and tekst.isdigit() and len(tekst) == 4):
        raise ApiFout(400, f"jaar moet een jaartal zijn (van {eerste} tot en met {laatste})")
    jaar = int(tekst)
    if not eerste <= jaar <= laatste:
        raise ApiFout(400, f"jaar moet tussen {eerste} en {laatste} liggen")
    return jaar


def regio_verzoek(
    telling: str, niveau: str, indicator_id: str, jaar: str | None
) -> tuple[str, str | None, int | None]:
    """(surviving id, alias or None, year or None) of a regional request; ApiFout otherwise."""
    if telling not in TELLINGEN:
        raise ApiFout(404, f"onbekende telling: {telling[:40]}; bekend: {', '.join(TELLINGEN)}")
    if niveau not in NIVEAUS:
        raise ApiFout(404, f"onbekend niveau: {niveau[:40]}; bekend: {', '.join(NIVEAUS)}")
    overlever, alias = zoek_indicator(indicator_id)
    if overlever not in _regio_indicatoren(niveau, telling):
        raise ApiFout(404, f"geen regionale waarden voor indicator: {indicator_id[:80]}")
    return overlever, alias, _jaar(jaar, niveau, overlever)


def regio(
    telling: str, niveau: str, overlever: str, alias: str | None, jaar: int | None, formaat: str
) -> bytes:
    rijen = [
        {
            **r,
            "telling": telling,
            "periode": nl.periode(r["jaar"], r["jaar"], "schooljaar"),
            "peildatum": f"{r['jaar']}-10-01",
        }
        for r in queries.api_regio(niveau, overlever, jaar)
    ]
    rijen = [{k: r[k] for k in REGIO_KOLOMMEN} for r in rijen]
    if formaat == "csv":
        return als_csv(REGIO_KOLOMMEN, rijen)
    return als_json(
        {
            "data_versie": queries.dataversie(),
            "telling": telling,
            "telling_omschrijving": TELLINGEN[telling],
            "niveau": niveau,
            "indicator_id": overlever,
            **_alias_melding(alias, overlever),
            "jaar": jaar,
            "kolommen": REGIO_KOLOMMEN,
            "waarden": rijen,
        }
    )
