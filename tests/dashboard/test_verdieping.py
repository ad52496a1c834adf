"""Kenmerken, Capaciteit, Actielijnen, Wetten: the data behind them is linked and sourced."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dashboard.figuren.figures import trend_figuur
from dashboard.figuren.staaf import staaf_figuur
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import als_jaarrijen, maak_reeksen
from dashboard.logica.ketenkaart import knopen
from etl.config import RAW_DIR
from tests.conftest import lees_csv


def test_elke_maatregel_link_wijst_naar_bestaande_indicator(met_database: Path) -> None:
    meta = queries.indicator_meta()
    maatregelen = {m["maatregel_id"]: m for m in queries.maatregelen()}
    links = queries.maatregel_indicatoren()
    assert links
    for link in links:
        assert link["indicator_id"] in meta
        assert link["maatregel_id"] in maatregelen
        assert link["toelichting"].strip()
        assert link["indicator_id"] in maatregelen[link["maatregel_id"]]["indicatoren"]


def test_elk_signaal_heeft_citaat_en_bron(met_database: Path) -> None:
    signalen = queries.signalen()
    assert [s["signaal_id"] for s in signalen] == sorted(
        r["signaal_id"] for r in lees_csv(RAW_DIR / "signaal.csv")
    )  # every signal in data/raw, none lost in the join with bron
    for s in signalen:
        assert s["citaat"].strip()
        assert s["bron_url"].startswith("https://")


def test_ketenkaart_toont_signaal_waar_geen_cijfer_is(met_database: Path) -> None:
    knoop = {k.setting_id: k for baan in knopen().values() for k in baan}
    assert knoop["kdc"].groei is None and knoop["kdc"].signalen
    assert knoop["kdc"].klasse == "groei-onbekend"
    assert knoop["so"].groei == 12 and "Berenschot" in knoop["so"].groei_bron
    assert "berekend door Ketenmonitor" in knoop["so"].vergelijking
    # kinderopvang's public series breaks in 2018: no computed comparison, and it says why
    assert knoop["kinderopvang"].vergelijking == ""
    assert "trendbreuk in 2018" in knoop["kinderopvang"].vergelijking_niet
    # jeugdhulp has no Berenschot number: the computed change is labelled as computed
    assert knoop["jeugdhulp"].groei_status == "afgeleid"
    assert "berekend uit de openbare reeks" in knoop["jeugdhulp"].groei_bron


def test_staaf_figuur_per_categorie(met_database: Path) -> None:
    rijen = queries.waarnemingen(["berenschot_duur_ondersteuning"], "duur")
    fig = staaf_figuur(rijen, "Duur", "procent", "procent")
    (balk,) = fig["data"]
    assert balk["x"] == [r["waarde"] for r in rijen] == [34.0, 45.0]
    assert fig["layout"]["meta"]["bron"].startswith("Bron: ")
    assert fig["layout"]["separators"] == ",."


def test_cluster_reeksen_blijven_apart(met_database: Path) -> None:
    meta = queries.indicator_meta()
    rijen = als_jaarrijen(queries.waarnemingen(["so_vso_leerlingen"], "cluster"))
    reeksen = maak_reeksen(rijen, meta, "absoluut", 2016, False)
    assert len(reeksen) == len({r["categorie"] for r in rijen}) >= 3
    assert all(r.categorie != "totaal" for r in reeksen)


def test_beleidsmomenten_worden_genummerde_lijnen(met_database: Path) -> None:
    meta = queries.indicator_meta()
    reeksen = maak_reeksen(queries.jaarwaarden(["so_leerlingen"], 2015, 2024), meta)
    momenten = [{"datum": date(2024, 12, 16), "titel": "Kamerbrief"}]
    fig = trend_figuur(reeksen, "absoluut", 2015, 2024, momenten=momenten)
    lijnen = [s for s in fig["layout"]["shapes"] if s.get("label", {}).get("text") == "1"]
    assert len(lijnen) == 1 and 2024.9 < lijnen[0]["x0"] < 2025
