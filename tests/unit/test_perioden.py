"""Periods as the source writes them: school years read '2023/24' on the axis and in exports,
a chart mixing calendar and school years says how they line up, and the axis stops at the
last period with data."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from dashboard.figuren.figures import trend_figuur
from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.figuren.memo import memo_figuur
from dashboard.gegevens.reeksen import maak_reeksen
from dashboard.uitvoer import pakket

DATUM = date(2026, 12, 7)


def _meta(periode_type: str) -> dict:
    return {
        "korte_titel": f"Reeks {periode_type}",
        "titel": f"Indicator {periode_type}",
        "eenheid": "aantal",
        "periode_type": periode_type,
        "reeksbreuk_jaar": None,
    }


META = {"school": _meta("schooljaar"), "kalender": _meta("kalenderjaar")}


def _rij(ind: str, jaar: int) -> dict:
    return {
        "indicator_id": ind,
        "jaar": jaar,
        "periode_van": jaar,
        "periode_tot": jaar,
        "categorie": "totaal",
        "waarde": 100.0 + jaar % 5,
        "status": "gepubliceerd",
        "bron_id": f"bron-{ind}",
        "bron_titel": "Titel",
        "bron_uitgever": "DUO",
        "bron_url": f"https://example.org/{ind}",
        "citaat": None,
        "eenheid": "aantal",
    }


def _figuur(ids: list[str], jaren: range, tot: int) -> tuple[dict, list]:
    reeksen = maak_reeksen([_rij(i, j) for i in ids for j in jaren], META, "absoluut")
    return trend_figuur(reeksen, "absoluut", jaren.start, tot), reeksen


def test_schooljaren_als_2023_24_op_de_as_en_as_stopt_bij_laatste_gegevens() -> None:
    fig, _ = _figuur(["school"], range(2019, 2024), tot=2025)
    as_ = fig["layout"]["xaxis"]
    assert as_["ticktext"] == ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]
    assert as_["tickvals"] == [2019, 2020, 2021, 2022, 2023]
    assert as_["range"][1] == 2023.5  # not on to an empty 2024 or 2025
    assert "uitlijning" not in fig["layout"]["meta"]  # one kind of period: nothing to align


def test_lange_reeks_schooljaren_labelt_om_het_jaar_en_altijd_het_laatste() -> None:
    fig, _ = _figuur(["school"], range(2015, 2024), tot=2025)
    as_ = fig["layout"]["xaxis"]
    assert as_["tickvals"] == [2015, 2017, 2019, 2021, 2023]
    assert as_["ticktext"][-1] == "2023/24" and as_["tickangle"] == 0


def test_kalenderjaren_houden_jaartallen() -> None:
    fig, _ = _figuur(["kalender"], range(2019, 2024), tot=2023)
    as_ = fig["layout"]["xaxis"]
    assert "ticktext" not in as_ and as_["tickformat"] == "d"


def test_gemengde_perioden_zeggen_hoe_ze_zijn_uitgelijnd() -> None:
    fig, reeksen = _figuur(["school", "kalender"], range(2019, 2024), tot=2024)
    noot = fig["layout"]["meta"]["uitlijning"]
    assert "schooljaar staat bij het kalenderjaar waarin het begint" in noot
    # under the chart in the image export ...
    memo = memo_figuur(fig, DATUM)
    bronregel = next(a for a in memo["layout"]["annotations"] if a.get("name") == "bronregel")
    assert "kalenderjaar waarin" in bronregel["text"].replace("<br>", " ")
    # ... and in the Excel toelichting; the school-year rows read 2019/20 in the files
    g = Grafiekexport(fig, reeksen, "absoluut", 2019, 2024)
    boek = load_workbook(io.BytesIO(pakket.maak_bestand(g, "xlsx", DATUM)[0]))
    rijen = {r[0].value: r[1].value for r in boek["toelichting"].iter_rows() if r[0].value}
    assert rijen["Perioden"] == noot
    kop, *data = list(
        csv.reader(
            io.StringIO(pakket.maak_bestand(g, "csv", DATUM)[0].decode("utf-8-sig")),
            delimiter=";",
        )
    )
    perioden = {(r[0], r[kop.index("periode")]) for r in data}
    assert ("school", "2019/20") in perioden and ("kalender", "2019") in perioden
