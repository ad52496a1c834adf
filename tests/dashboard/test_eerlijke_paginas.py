"""Honest charts on the real data: no empty charts, every breakdown with years reachable, the
ketenkaart's links decided from the data, single-period breakdowns as bars."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dashboard.gegevens import queries
from dashboard.logica.ketenkaart import VERGELIJKINGSREEKS
from dashboard.logica.lacunes import doel_voor_setting, lege_staat
from dashboard.logica.trends import (
    ACTUEEL_JAREN,
    bereken,
    jaren,
    kiesbare_ids,
    langste_openbare_reeks,
    params,
    zichtbaar,
)
from dashboard.logica.uitsplitsing import uitsplitsing_grafiek
from dashboard.onderdelen.state import lees


def _staat(**waarden: str | list[str]) -> dict:
    staat, teksten = lees(params(), waarden)
    assert not teksten, teksten
    return staat


def test_elke_uitsplitsing_met_jaren_is_te_tonen(met_database: Path) -> None:
    """Every (indicator, breakdown) with 2+ years in waarneming can be drawn on Trends."""
    con = duckdb.connect(str(met_database), read_only=True)
    paren = con.sql(
        """
        SELECT indicator_id, uitsplitsing, list(DISTINCT categorie) AS categorieen,
               bool_or(EXISTS (SELECT 1 FROM waarneming t WHERE t.indicator_id = w.indicator_id
                               AND t.uitsplitsing = 'totaal')) AS heeft_totaal
        FROM waarneming w
        WHERE uitsplitsing <> 'totaal' AND periode_van = periode_tot
        GROUP BY ALL HAVING count(DISTINCT periode_van) >= 2
        """
    ).fetchall()
    con.close()
    assert len(paren) >= 8
    kiesbaar = set(kiesbare_ids())
    for indicator_id, uitsplitsing, categorieen, heeft_totaal in paren:
        keuze = f"{indicator_id}:{uitsplitsing}" if heeft_totaal else indicator_id
        assert keuze in kiesbaar, keuze
        alle = jaren()
        uit = bereken(
            _staat(
                indicator=[keuze],
                weergave="absoluut",
                van=str(alle[0]),
                tot=str(alle[-1]),
                corona="1",
            )
        )
        getoond = {r.categorie for r in uit["reeksen"] if r.indicator_id == indicator_id}
        assert set(categorieen) <= getoond, (keuze, categorieen, getoond)


def test_herkomst_instroom_so_als_lijnen(met_database: Path) -> None:
    uit = bereken(_staat(indicator=["so_instroom:herkomst"], weergave="absoluut"))
    assert len(uit["reeksen"]) == 2
    assert all(len(r.punten) >= 5 for r in uit["reeksen"])


def test_kdc_geeft_uitleg_geen_lege_grafiek(met_database: Path) -> None:
    staat = _staat(setting=["kdc"], indicator=[])
    staat["indicator"] = []
    uit = bereken(staat)
    assert uit["reeksen"] == []
    tekst = str(lege_staat(["kdc"], [], uit["van"], uit["tot"]))
    assert "geen openbare landelijke cijferreeks" in tekst
    assert "Wat we niet weten" in tekst and "Bezettingsgraad van kinderdagcentra" in tekst
    assert "kinderdagcentrum" in tekst  # the letter's signal, with its quote


def test_zonder_gegevens_geen_grafiek_en_geen_werkbalk(met_database: Path) -> None:
    leeg = bereken({**_staat(setting=["mkd"]), "indicator": []})
    assert zichtbaar(leeg, "grafiek") == {
        "grafiek_verborgen": True,  # the toolbar sits inside the chart block
        "tabel_verborgen": True,
        "uitleg_verborgen": False,
    }
    vol = bereken(_staat(indicator=["so_leerlingen"]))
    assert zichtbaar(vol, "grafiek")["grafiek_verborgen"] is False
    assert zichtbaar(vol, "grafiek")["uitleg_verborgen"] is True
    assert zichtbaar(vol, "tabel") == {
        "grafiek_verborgen": True,
        "tabel_verborgen": False,
        "uitleg_verborgen": True,
    }


def test_index_melding_op_de_pagina(met_database: Path) -> None:
    """The issue's reproduction: jeugdhulp across its 2021 break, so_instroom without 2017."""
    uit = bereken(
        _staat(
            indicator=["jeugdhulp_totaal", "so_leerlingen", "so_instroom"],
            weergave="index",
            basisjaar="2017",
        )
    )
    jeugd = next(r for r in uit["reeksen"] if r.indicator_id == "jeugdhulp_totaal")
    assert max(p.jaar for p in jeugd.punten) < 2021
    assert any("trendbreuk in 2021" in m for m in uit["meldingen"])
    assert all(r.basisjaar == 2017 for r in uit["reeksen"])
    assert "Index, 2017 = 100" in uit["figuur"]["layout"]["title"]["text"]


@pytest.mark.parametrize(
    ("setting", "begin"),
    [
        ("so", "/trends?urlversie=2&setting=so&indicator="),
        ("po_regulier", "/trends?urlversie=2&setting=po_regulier&indicator="),
        ("jeugdhulp", "/trends?urlversie=2&setting=jeugdhulp&indicator="),
        ("leerplicht", "/trends?urlversie=2&setting=leerplicht&indicator="),
        ("kdc", "/capaciteit#signalen"),
        ("mkd", "/capaciteit#signalen"),
        ("wlz_dagbehandeling", "/capaciteit#signalen"),
        ("dagbesteding_jeugdwet", "/trends?urlversie=2&setting=dagbesteding_jeugdwet"),
    ],
)
def test_ketenkaart_link_uit_de_data(met_database: Path, setting: str, begin: str) -> None:
    doel = doel_voor_setting(setting)
    assert doel.startswith(begin)
    if "indicator=" in doel:
        assert doel.endswith("&weergave=absoluut")
        indicator = doel.split("indicator=")[1].split("&")[0]
        meta = queries.indicator_meta()[indicator]
        assert meta["herkomst"] == "openbare_statistiek" and meta["setting_id"] == setting
        if setting in VERGELIJKINGSREEKS:  # the series the ketenkaart node compares with
            assert indicator == VERGELIJKINGSREEKS[setting]
            return
        andere = [
            i
            for i in queries.indicatoren()
            if i["setting_id"] == setting
            and i["herkomst"] == "openbare_statistiek"
            and i["aantal_jaren"] >= 2
        ]
        nieuwste = max(i["laatste_jaar"] for i in andere)
        actueel = [i for i in andere if i["laatste_jaar"] >= nieuwste - ACTUEEL_JAREN]
        gekozen = next(i for i in andere if i["indicator_id"] == indicator)
        assert gekozen in actueel
        assert meta["aantal_gepubliceerde_jaren"] == max(
            i["aantal_gepubliceerde_jaren"] for i in actueel
        )


def test_ketenkaart_opent_geen_historische_reeks(met_database: Path) -> None:
    """po regulier: the current DUO series (2015-2025), not CBS' age table 1991-2014, even
    though that one has more published years; the node's number comes from the same series."""
    assert "indicator=po_regulier_leerlingen&" in doel_voor_setting("po_regulier")
    assert langste_openbare_reeks("po_regulier") != "po_sbo_leerlingen_leeftijd_cbs"
    oud = queries.indicator_meta()["po_sbo_leerlingen_leeftijd_cbs"]
    assert oud["aantal_gepubliceerde_jaren"] >= 5  # the trap this test is about is real


def test_een_periode_is_een_staaf_met_periode_in_titel(met_database: Path) -> None:
    g = uitsplitsing_grafiek("vso_leerlingen", "cluster", toon_2020=False)
    assert g is not None
    assert g.figuur["data"][0]["type"] == "bar"
    assert g.titel.endswith("2019/20")
    assert [r.categorie for r in g.reeksen] == [
        "cluster 1",
        "cluster 2",
        "overige clusters (3 en 4)",
    ]
    # with 2020 shown there are two years: a line per cluster
    lijn = uitsplitsing_grafiek("vso_leerlingen", "cluster", toon_2020=True)
    assert lijn is not None and lijn.figuur["data"][0]["type"] == "scatter"


def test_leeftijd_staaf_in_natuurlijke_volgorde(met_database: Path) -> None:
    g = uitsplitsing_grafiek("jeugdzorg_in_natura_peildatum", "leeftijd")
    assert g is not None
    assert g.figuur["data"][0]["y"] == [
        "0 tot 4 jaar",
        "4 tot 12 jaar",
        "12 tot 18 jaar",
        "18 tot 23 jaar",
    ]


def test_per_regio_links_voor_schoolsoorten(met_database: Path) -> None:
    from dashboard.logica.lacunes import regio_link, regio_links

    assert regio_link("sbo") == "/regio?urlversie=2&soort=sbo"
    # the setting so has no regional view of so alone: the view of all special locations
    assert regio_link("so") == "/regio?urlversie=2&soort=gespecialiseerd"
    assert regio_link("jeugdhulp") is None and regio_link("kdc") is None
    assert regio_link("so_instroom:herkomst") is None
    # a national series links only to the same concept, else the nearest with how it differs
    assert regio_link("leerlingen_vestiging_so") == "/regio?urlversie=2&soort=so"
    assert regio_link("so_leerlingen") == "/regio?urlversie=2&soort=gespecialiseerd"
    tekst = str(regio_links(["so_leerlingen", "jeugdhulp_totaal", "leerlingen_vestiging_vso"]))
    assert (
        "/regio?urlversie=2&soort=gespecialiseerd" in tekst
        and "/regio?urlversie=2&soort=vso" in tekst
    )
    assert "soort=so'" not in tekst and 'soort=so"' not in tekst
    assert "geen telling van alleen so-leerlingen" in tekst and "ook vso-leerlingen" in tekst
    assert tekst.count("zelfde telling per provincie en gemeente") == 1
    assert regio_links(["jeugdhulp_totaal"]) == []
