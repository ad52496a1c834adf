"""Bronnen names every source's kind, so a memo writer sees which figures come second-hand."""

from __future__ import annotations

from pathlib import Path

from dashboard.gegevens import queries


def _tekst(component) -> str:
    """All text in a Dash component tree, children first."""
    kinderen = getattr(component, "children", None)
    if kinderen is None:
        return str(component) if isinstance(component, str | int | float) else ""
    if isinstance(kinderen, list | tuple):
        return " ".join(_tekst(k) for k in kinderen)
    return _tekst(kinderen)


def test_bronlijst_toont_producent_soort_en_aandelen(met_database: Path) -> None:
    from dashboard.app import app  # noqa: F401  registers the pages (as dashboard.pages.*)
    from dashboard.pages.bronnen import _bronlijst

    tabel = _bronlijst()
    tekst = _tekst(tabel)
    bronnen = queries.bronnen()
    primair = sum(b["waarnemingen"] for b in bronnen if b["soort"] == "primair")
    genoemd = sum(b["waarnemingen"] for b in bronnen if b["producent"] != "onbekend")
    totaal = sum(b["waarnemingen"] for b in bronnen)
    assert 0 < primair < genoemd <= totaal
    assert f"van {totaal} waarnemingen is bij {genoemd} de producent genoemd" in tekst
    assert f"zijn er {primair} bij de producent zelf gelezen" in tekst
    aantal_secundair = sum(b["soort"] == "secundair" for b in bronnen)
    assert tekst.count("secundair (gelezen bij een ander)") == aantal_secundair
    assert tekst.count("primair (gelezen bij de producent)") == len(bronnen) - aantal_secundair
    # the producer comes first in each row: the CBS figures on an NJi page are CBS's
    rij = next(
        r for r in tabel.children[2].children if "speciale scholen (cijfers CBS)" in _tekst(r)
    )
    assert _tekst(rij).startswith("CBS Nederlands Jeugdinstituut (NJi)")


def test_elke_bron_heeft_producent_geraadpleegd_en_licentie(met_database: Path) -> None:
    """Every source names its producer and licence, and when it was checked; where that date
    cannot be established, its note says why."""
    for b in queries.bronnen():
        assert b["producent"] and b["producent"].strip(), b["bron_id"]
        assert b["licentie"] and b["licentie"].strip(), b["bron_id"]
        assert b["geraadpleegd"] or "Geraadpleegd leeg" in (b["noot"] or ""), b["bron_id"]
        if b["producent"] == "onbekend":
            assert "Producent niet genoemd" in (b["noot"] or ""), b["bron_id"]


def test_bronregel_en_export_noemen_de_producent_eerst(met_database: Path) -> None:
    """CBS figures read on an NJi page are cited as CBS's, with NJi as the route, in the chart's
    source line and in the CSV `bron` column; the Berenschot figures quoted in the Kamerbrief
    are cited as Berenschot's."""
    from dashboard.figuren.figures import bronregel
    from dashboard.gegevens.reeksen import maak_reeksen
    from dashboard.uitvoer.bestanden import naar_csv, rijen

    meta = queries.indicator_meta()
    reeksen = maak_reeksen(
        queries.jaarwaarden(["so_vso_leerlingen"], 2011, 2018), meta, "absoluut", 2016, True
    )
    punten = [p for r in reeksen for p in r.punten if p.bron_id == "nji-speciale-scholen-cbs"]
    assert punten, "de CBS-cijfers van de NJi-pagina staan onder hun eigen bron"
    regel = bronregel(reeksen)
    assert "CBS, via Nederlands Jeugdinstituut (NJi), Cijfers per voorziening" in regel
    csv = naar_csv(rijen(reeksen, "absoluut")).decode("utf-8-sig")
    assert "CBS, via Nederlands Jeugdinstituut (NJi), Cijfers per voorziening" in csv

    berenschot = queries.berenschot_waarden()
    assert berenschot and all(
        w["bron_uitgever"].startswith("Berenschot, via Ministerie van VWS") for w in berenschot
    )
