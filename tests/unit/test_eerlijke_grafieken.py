"""The honest-chart rules on series made up in code: base year, breaks, panels, order.

Each rule is tested where it is decided (reeksen, figures, volgorde), without a database.
"""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.figuren.figures import GROOTTE_FACTOR, panelen, samenvatting, trend_figuur
from dashboard.gegevens.reeksen import maak_reeksen, weergave_tekst
from dashboard.gegevens.volgorde import categorie_sleutel
from dashboard.uitvoer import bestanden, pakket


def _meta(*specs: tuple[str, int | None]) -> dict[str, dict]:
    return {
        i: {
            "korte_titel": f"Reeks {i}",
            "eenheid": "aantal",
            "periode_type": "kalenderjaar",
            "reeksbreuk_jaar": breuk,
        }
        for i, breuk in specs
    }


def _rij(indicator: str, jaar: int, waarde: float, categorie: str = "totaal") -> dict:
    return {
        "indicator_id": indicator,
        "jaar": jaar,
        "categorie": categorie,
        "waarde": waarde,
        "status": "gepubliceerd",
        "bron_id": "b",
        "bron_titel": "Titel",
        "bron_uitgever": "CBS",
        "bron_url": "https://example.org/b",
    }


def _reeks_rijen(indicator: str, jaren: range, start: float = 100.0, stap: float = 10.0):
    return [_rij(indicator, j, start + stap * n) for n, j in enumerate(jaren)]


# ------------------------------------------------------------------ base year


def test_basisjaar_exact_en_genoemd() -> None:
    rijen = _reeks_rijen("a", range(2015, 2024))
    reeksen = maak_reeksen(rijen, _meta(("a", None)), "index", 2017, True)
    (a,) = reeksen
    assert a.basisjaar == 2017
    assert next(p for p in a.punten if p.jaar == 2017).getoond == pytest.approx(100)
    fig = trend_figuur(reeksen, "index", 2015, 2023, toon_2020=True)
    assert "Index, 2017 = 100" in fig["layout"]["title"]["text"]
    assert fig["layout"]["yaxis"]["title"]["text"] == "index (2017 = 100)"
    csv = bestanden.naar_csv(bestanden.rijen(reeksen, "index"), bestanden.KOLOMMEN).decode(
        "utf-8-sig"
    )
    assert ";index, 2017 = 100;2017;" in csv
    assert "2017 = 100" in samenvatting(reeksen, 2015, 2023, "index")
    assert weergave_tekst("verandering", 2019) == "procentuele verandering t.o.v. 2019"


def test_reeks_zonder_basisjaar_niet_getoond_en_gemeld() -> None:
    rijen = _reeks_rijen("a", range(2015, 2024)) + _reeks_rijen("b", range(2018, 2024))
    meldingen: list[str] = []
    reeksen = maak_reeksen(rijen, _meta(("a", None), ("b", None)), "index", 2017, True, meldingen)
    assert [r.indicator_id for r in reeksen] == ["a"]
    assert meldingen == [
        "Reeks b: niet getoond in deze weergave, want er is geen waarde voor het basisjaar 2017."
    ]
    # in absolute values nothing is left out
    assert len(maak_reeksen(rijen, _meta(("a", None), ("b", None)))) == 2


def test_verborgen_2020_als_basisjaar_wordt_uitgelegd() -> None:
    meldingen: list[str] = []
    maak_reeksen(
        _reeks_rijen("a", range(2015, 2024)), _meta(("a", None)), "index", 2020, False, meldingen
    )
    assert "Toon 2020" in meldingen[0]


def test_geen_index_over_trendbreuk() -> None:
    rijen = _reeks_rijen("a", range(2015, 2025))
    meldingen: list[str] = []
    (voor,) = maak_reeksen(rijen, _meta(("a", 2021)), "index", 2017, True, meldingen)
    assert max(p.jaar for p in voor.punten) == 2020
    assert "2021–2024 weggelaten" in meldingen[0] and "trendbreuk in 2021" in meldingen[0]
    meldingen.clear()
    (na,) = maak_reeksen(rijen, _meta(("a", 2021)), "index", 2022, True, meldingen)
    assert min(p.jaar for p in na.punten) == 2021
    assert "2015–2020 weggelaten" in meldingen[0]
    # absolute view keeps both sides, drawn as a break that names its series
    (abs_,) = maak_reeksen(rijen, _meta(("a", 2021)), "absoluut", 2016, True)
    fig = trend_figuur([abs_], "absoluut", 2015, 2024, toon_2020=True)
    (breuk,) = [
        s for s in fig["layout"]["shapes"] if "label" in s and "trendbreuk" in s["label"]["text"]
    ]
    assert breuk["label"]["text"] == "trendbreuk 2021: Reeks a"


def test_twee_breuken_van_een_reeks_delen_een_label() -> None:
    """Two breaks five years apart: two dotted lines, one label naming both (no overlap)."""
    meta = _meta(("a", 2003))
    meta["a"]["reeksbreuken"] = [1998, 2003]
    (a,) = maak_reeksen(_reeks_rijen("a", range(1991, 2011)), meta, "absoluut", 2005, True)
    fig = trend_figuur([a], "absoluut", 1991, 2010, toon_2020=True)
    lijnen = [s for s in fig["layout"]["shapes"] if s.get("line", {}).get("dash") == "dot"]
    assert sorted(s["x0"] for s in lijnen) == [1997.5, 2002.5]
    teksten = [s["label"]["text"] for s in lijnen if s["label"]["text"]]
    assert teksten == ["trendbreuken 1998 en 2003: Reeks a"]


def test_trendbreuklabel_boven_in_het_plotvlak_met_de_legendanaam() -> None:
    """The label hangs from the top of its panel (clear of the year labels under the axis) and
    in a breakdown names the category, as the legend does."""
    rijen = [
        _rij("a", j, 100.0 + 10 * n + (5 if c == "jongens" else 0), c)
        for c in ("jongens", "meisjes")
        for n, j in enumerate(range(2015, 2025))
    ]
    reeksen = maak_reeksen(rijen, _meta(("a", 2021)), "absoluut", 2016, True)
    fig = trend_figuur(reeksen, "absoluut", 2015, 2024, toon_2020=True)
    (breuk,) = [s for s in fig["layout"]["shapes"] if "label" in s]
    assert breuk["y1"] == 1 and breuk["yref"].endswith("domain")
    assert breuk["label"]["textposition"] == "end"  # the line's top end (y1)
    assert breuk["label"]["yanchor"] == "top"  # hanging down into the plot area
    assert breuk["label"]["text"] == "trendbreuk 2021: jongens, meisjes"
    assert {t["name"] for t in fig["data"] if t.get("showlegend", True)} >= {"jongens", "meisjes"}


def test_geen_breuklijn_als_index_maar_een_kant_toont() -> None:
    (voor,) = maak_reeksen(
        _reeks_rijen("a", range(2015, 2025)), _meta(("a", 2021)), "index", 2017, True
    )
    fig = trend_figuur([voor], "index", 2015, 2024, toon_2020=True)
    assert not [s for s in fig["layout"]["shapes"] if "trendbreuk" in str(s.get("label"))]


def test_basisjaar_buiten_bereik_wordt_bijgesneden() -> None:
    rijen = _reeks_rijen("a", range(2015, 2024))
    (a,) = maak_reeksen(rijen, _meta(("a", None)), "index", 2016, True, [], 2019, 2023)
    assert a.basisjaar == 2016 and [p.jaar for p in a.punten] == list(range(2019, 2024))
    assert a.punten[0].getoond == pytest.approx(100 * 140 / 110)


# ------------------------------------------------------------------ magnitudes


@pytest.mark.parametrize(
    ("klein", "panelen_verwacht"),
    [(30_000.0, 1), (300.0, 2), (300_000 / GROOTTE_FACTOR, 1), (300_000 / GROOTTE_FACTOR - 1, 2)],
)
def test_kleine_veelvouden_boven_factor_tien(klein: float, panelen_verwacht: int) -> None:
    rijen = [_rij("groot", j, 300_000) for j in range(2016, 2020)]
    rijen += [_rij("klein", j, klein) for j in range(2016, 2020)]
    reeksen = maak_reeksen(rijen, _meta(("groot", None), ("klein", None)), "absoluut", 2016, True)
    assert len(panelen(reeksen, "absoluut")) == panelen_verwacht
    fig = trend_figuur(reeksen, "absoluut", 2016, 2019, toon_2020=True)
    assert ("yaxis2" in fig["layout"]) == (panelen_verwacht == 2)
    if panelen_verwacht == 2:
        koppen = [a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "paneelkop"]
        assert len(koppen) == 2 and "Reeks groot" in koppen[0] and "Reeks klein" in koppen[1]
        # the small series is drawn against its own axis
        klein_spoor = next(
            t for t in fig["data"] if t["name"] == "Reeks klein" and t["mode"] == "markers"
        )
        assert klein_spoor["yaxis"] == "y2"


def test_index_deelt_altijd_een_as() -> None:
    rijen = _reeks_rijen("groot", range(2016, 2020), 300_000) + _reeks_rijen(
        "klein", range(2016, 2020), 3
    )
    reeksen = maak_reeksen(rijen, _meta(("groot", None), ("klein", None)), "index", 2016, True)
    assert len(panelen(reeksen, "index")) == 1


def test_export_houdt_panelen() -> None:
    rijen = [_rij("groot", j, 300_000) for j in range(2016, 2020)] + [
        _rij("klein", j, 3) for j in range(2016, 2020)
    ]
    reeksen = maak_reeksen(rijen, _meta(("groot", None), ("klein", None)), "absoluut", 2016, True)
    fig = pakket.voor_export(trend_figuur(reeksen, "absoluut", 2016, 2019), date(2026, 12, 1))
    assert "yaxis2" in fig["layout"]


# ------------------------------------------------------------------ natural order


def test_leeftijdsbanden_op_grenzen() -> None:
    banden = ["0 tot 4 jaar", "12 tot 18 jaar", "18 tot 23 jaar", "4 tot 12 jaar", "0 tot 12 jaar"]
    assert sorted(banden, key=categorie_sleutel) == [
        "0 tot 4 jaar",
        "0 tot 12 jaar",
        "4 tot 12 jaar",
        "12 tot 18 jaar",
        "18 tot 23 jaar",
    ]
    clusters = ["overige clusters (3 en 4)", "cluster 2", "cluster 1", "totaal"]
    assert sorted(clusters, key=categorie_sleutel) == [
        "totaal",
        "cluster 1",
        "cluster 2",
        "overige clusters (3 en 4)",
    ]


def test_reeksen_en_export_in_natuurlijke_volgorde() -> None:
    rijen = [
        _rij("a", j, 10.0 * (n + 1), c)
        for n, c in enumerate(["12 tot 18 jaar", "4 tot 12 jaar", "0 tot 4 jaar"])
        for j in (2019, 2018)
    ]
    reeksen = maak_reeksen(rijen, _meta(("a", None)), "absoluut", 2016, True)
    assert [r.categorie for r in reeksen] == ["0 tot 4 jaar", "4 tot 12 jaar", "12 tot 18 jaar"]
    assert all([p.jaar for p in r.punten] == [2018, 2019] for r in reeksen)
    uit = bestanden.rijen(reeksen, "absoluut")
    assert [r["categorie"] for r in uit[::2]] == ["0 tot 4 jaar", "4 tot 12 jaar", "12 tot 18 jaar"]


def test_enkelvoud_en_meervoud_in_samenvatting() -> None:
    (a,) = maak_reeksen([_rij("a", 2019, 5)], _meta(("a", None)), "absoluut", 2016, True)
    tekst = samenvatting([a], 2019, 2019, "absoluut")
    assert "1 reeks," in tekst and "1 jaar met een waarde" in tekst


# ------------------------------------------------------------------ source kind, revisions, ranges


def test_secundaire_bron_herziening_en_bereik_zichtbaar() -> None:
    from dashboard.figuren.figures import bronregel
    from dashboard.onderdelen.components import datatabel

    rijen = [
        {
            **_rij("a", 2018, 10),
            "bron_soort": "secundair",
            "bron_uitgever": "CBS, via Krant",  # as the query names it: producer first
            "bron_url": "https://krant.example/x",
        },
        {**_rij("a", 2019, 12), "herzien": True},
        {**_rij("a", 2020, 14), "ondergrens": 14, "bovengrens": 26, "status": "afgeleid"},
    ]
    reeksen = maak_reeksen(rijen, _meta(("a", None)), "absoluut", 2016, True)
    regel = bronregel(reeksen)
    assert "CBS, via Krant, Titel" in regel and "secundaire bron" not in regel
    fig = trend_figuur(reeksen, "absoluut", 2018, 2020, toon_2020=True)
    teksten = next(t for t in fig["data"] if t.get("mode") == "markers")["text"]
    assert "CBS, via Krant" in teksten[0] and "herzien" not in teksten[0]
    assert "herzien: vervangt een eerdere waarde" in teksten[1]
    assert "bereik: 14–26" in teksten[2]
    tabel = str(datatabel(reeksen, "jaar", "absoluut", "t"))
    assert "gepubliceerd, herzien" in tabel and "(bereik 14–26)" in tabel
    assert "CBS, via Krant: Titel" in tabel
