"""Series and figure builders on the real data: the numbers drawn are the numbers published."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.figuren.figures import samenvatting, trend_figuur
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import maak_reeksen


@pytest.fixture
def meta(met_database: Path) -> dict:
    return queries.indicator_meta()


def _reeksen(meta, ids, weergave="absoluut", van=2015, tot=2024, corona=False, basisjaar=2016):
    return maak_reeksen(queries.jaarwaarden(ids, van, tot), meta, weergave, basisjaar, corona)


def test_absoluut_is_gepubliceerde_waarde(meta) -> None:
    (so,) = _reeksen(meta, ["so_leerlingen"])
    per_jaar = {p.jaar: p.waarde for p in so.punten}
    assert per_jaar[2023] == 34510
    assert all(p.getoond == p.waarde for p in so.punten)


def test_2020_standaard_verborgen(meta) -> None:
    (so,) = _reeksen(meta, ["so_leerlingen"])
    assert 2020 not in [p.jaar for p in so.punten]
    (so,) = _reeksen(meta, ["so_leerlingen"], corona=True)
    assert 2020 in [p.jaar for p in so.punten]


def test_index_basisjaar_is_100(meta) -> None:
    (so,) = _reeksen(meta, ["so_leerlingen"], weergave="index")
    basis = next(p for p in so.punten if p.jaar == 2016)
    assert basis.getoond == pytest.approx(100)
    laatste = so.punten[-1]
    assert laatste.getoond == pytest.approx(100 * laatste.waarde / basis.waarde)


def test_index_zonder_basisjaar_niet_herschaald(meta) -> None:
    """ve_bereik starts after 2016: it is not rescaled to its own first year, but left out."""
    meldingen: list[str] = []
    reeksen = maak_reeksen(
        queries.jaarwaarden(["ve_bereik"], 2015, 2024), meta, "verandering", 2016, False, meldingen
    )
    assert reeksen == []
    assert len(meldingen) == 1 and "basisjaar 2016" in meldingen[0]


def test_uitsplitsing_wordt_niet_opgeteld(meta) -> None:
    """sbo_instroom has a total only for 2023 and origin rows for 2015-2023: the origin rows
    are never summed into a total, so 2022 stays a gap in the total line."""
    reeksen = _reeksen(meta, ["sbo_instroom"], corona=True)
    assert [r.categorie for r in reeksen] == ["totaal"]
    assert [p.jaar for p in reeksen[0].punten] == [2023]


def test_zonder_totaal_elke_categorie_een_reeks(meta) -> None:
    reeksen = _reeksen(meta, ["kinderopvang_aandeel_kinderen"])
    assert sorted(r.categorie for r in reeksen) == ["0 tot 12 jaar", "0 tot 4 jaar"]


def test_figuur_gaten_breuk_en_statussen(meta) -> None:
    reeksen = _reeksen(
        meta, ["jeugdhulp_totaal", "berenschot_po_ondersteuning_aandeel"], corona=True
    )
    fig = trend_figuur(reeksen, "absoluut", 2015, 2024, toon_2020=True)
    jeugd = next(
        t
        for t in fig["data"]
        if t["name"].startswith("Jongeren met jeugdhulp") and t["mode"] == "markers"
    )
    # the series break at 2021 is drawn as a break (None at 2020.5); 2021 itself is a value
    # derived from CBS's definitive parts (status afgeleid → open marker)
    assert jeugd["y"][jeugd["x"].index(2020.5)] is None
    assert dict(zip(jeugd["x"], jeugd["marker"]["symbol"], strict=True))[2021].endswith("-open")
    # voorlopig 2020 and 2022 get a dashed trace
    assert any(
        t.get("line", {}).get("dash") == "dash" and t["legendgroup"] == jeugd["legendgroup"]
        for t in fig["data"]
    )
    # the Berenschot 14% level has no year (the letter gives none), so nothing of it is on the
    # time axis (the 2016 value that assumed it was 2019's is deleted, see revisie)
    assert not any("Basisonderwijs" in t["name"] and t["mode"] == "markers" for t in fig["data"])
    jeugd_symbolen = dict(zip(jeugd["x"], jeugd["marker"]["symbol"], strict=True))
    assert not jeugd_symbolen[2019].endswith("-open")
    # legend explains all three statuses present
    uitleg = [t["name"] for t in fig["data"] if t.get("legendgroup") == "status"]
    assert any(u.startswith("voorlopig") for u in uitleg) and any(
        u.startswith("afgeleid") for u in uitleg
    )
    shapes = [s for s in fig["layout"]["shapes"] if s["type"] == "line"]
    assert any(s["x0"] == 2020.5 for s in shapes)


def test_figuur_eenheden_nooit_op_een_as(meta) -> None:
    reeksen = _reeksen(meta, ["so_leerlingen", "sbo_aandeel_po"])
    absoluut = trend_figuur(reeksen, "absoluut", 2015, 2024)
    assert "yaxis2" in absoluut["layout"]
    assert {t.get("yaxis") for t in absoluut["data"] if t.get("legendgroup") != "status"} == {
        "y",
        "y2",
    }
    geindexeerd = trend_figuur(
        _reeksen(meta, ["so_leerlingen", "sbo_aandeel_po"], "index"), "index", 2015, 2024
    )
    # the count's index and the share's change in percentage points: two panels, never one
    assert "yaxis2" in geindexeerd["layout"]
    assert "procentpunt" in geindexeerd["layout"]["yaxis2"]["title"]["text"]


def test_figuur_titel_eenheid_bron_en_nederlands_getalformaat(meta) -> None:
    reeksen = _reeksen(meta, ["so_leerlingen", "jeugdhulp_totaal"])
    fig = trend_figuur(reeksen, "absoluut", 2015, 2024)
    layout = fig["layout"]
    assert layout["separators"] == ",."
    assert "Leerlingen so" in layout["title"]["text"] and "aantal" in layout["title"]["text"]
    bron = layout["meta"]["bron"]
    assert bron.startswith("Bron: ")
    for uitgever, titel in {(p.bron_uitgever, p.bron_titel) for r in reeksen for p in r.punten}:
        assert titel.split(" ")[0] in bron.replace("<br>", " ")
        assert uitgever.split(" ")[0] in bron


def test_samenvatting_uit_data(meta) -> None:
    reeksen = _reeksen(meta, ["so_leerlingen", "jeugdhulp_totaal"])
    tekst = samenvatting(reeksen, 2015, 2024, "absoluut")
    assert "34.510" in tekst and "2023/24" in tekst
    assert "trendbreuk 2021" in tekst  # no change computed across the jeugdhulp break


def test_dichte_beleidsmomenten_delen_een_label(meta) -> None:
    """Four moments within weeks get one label "1–4" instead of four overlapping numbers;
    every line keeps its own date."""
    from datetime import date

    momenten = [
        {"datum": date(2015, 1, 1)},
        {"datum": date(2015, 1, 20)},
        {"datum": date(2015, 2, 10)},
        {"datum": date(2015, 2, 20)},
        {"datum": date(2019, 6, 1)},
        {"datum": date(2023, 12, 1)},
        {"datum": date(2024, 3, 1)},
    ]
    rijen = queries.jaarwaarden(["so_leerlingen"], 2015, 2024)
    fig = trend_figuur(maak_reeksen(rijen, meta), "absoluut", 2015, 2024, momenten=momenten)
    lijnen = [s for s in fig["layout"]["shapes"] if s.get("line", {}).get("dash") == "dashdot"]
    assert len(lijnen) == len(momenten)
    assert [s.get("label", {}).get("text", "") for s in lijnen] == [
        "1–4",
        "",
        "",
        "",
        "5",
        "6",
        "7",
    ]
    assert lijnen[1]["x0"] > lijnen[0]["x0"]  # own date, not the group's
    bereik = fig["layout"]["xaxis"]["range"]
    assert all(bereik[0] <= s["x0"] <= bereik[1] for s in lijnen)
    laat = trend_figuur(
        maak_reeksen(rijen, meta), "absoluut", 2015, 2024, momenten=[{"datum": date(2024, 12, 16)}]
    )
    lijn = next(s for s in laat["layout"]["shapes"] if s.get("line", {}).get("dash") == "dashdot")
    assert laat["layout"]["xaxis"]["range"][1] > lijn["x0"] > 2024.9  # a December moment is drawn
