"""One concept, one id: the duplicate-concept check and the alias table, on real and broken data."""

from __future__ import annotations

from pathlib import Path

from etl.begrip import MIN_GELIJK, dubbele_begrippen
from etl.config import RAW_DIR
from etl.validate import valideer
from tests.conftest import lees_csv, schrijf_csv


def _problemen(raw: Path) -> list[str]:
    return [str(p) for p in valideer(raw)[0]]


def test_echte_data_heeft_geen_dubbel_begrip() -> None:
    problemen, tabellen = valideer(RAW_DIR)
    assert problemen == []
    uitzondering = tabellen["dubbel_begrip_uitzondering"]
    assert dubbele_begrippen(tabellen["waarneming"], tabellen["indicator"], uitzondering) == []
    # the check sees the imported rows too: po_regulier_leerlingen comes from DUO's file
    assert (tabellen["waarneming"]["indicator_id"] == "po_regulier_leerlingen").sum() >= 30


def _kopie_van_so_leerlingen(raw: Path, jaren: int) -> None:
    """A second id for so_leerlingen with its totals in `jaren` years: a duplicate concept."""
    indicatoren = lees_csv(raw / "indicator.csv")
    bron = next(r for r in indicatoren if r["indicator_id"] == "so_leerlingen")
    kopie = {**bron, "indicator_id": "so_kopie", "titel": "Kopie", "korte_titel": "Kopie"}
    schrijf_csv(raw / "indicator.csv", [*indicatoren, kopie])
    rijen = lees_csv(raw / "waarneming.csv")
    totalen = [
        r for r in rijen if r["indicator_id"] == "so_leerlingen" and r["uitsplitsing"] == "totaal"
    ]
    dubbel = [{**r, "indicator_id": "so_kopie"} for r in totalen[:jaren]]
    schrijf_csv(raw / "waarneming.csv", [*rijen, *dubbel])


def test_dubbel_begrip_faalt(raw: Path) -> None:
    _kopie_van_so_leerlingen(raw, MIN_GELIJK)
    gevonden = [p for p in _problemen(raw) if "één begrip onder twee ids" in p]
    assert len(gevonden) == 1
    assert "so_kopie en so_leerlingen" in gevonden[0] and f"in {MIN_GELIJK} " in gevonden[0]


def test_twee_gelijke_jaren_zijn_geen_dubbel_begrip(raw: Path) -> None:
    _kopie_van_so_leerlingen(raw, MIN_GELIJK - 1)
    assert not [p for p in _problemen(raw) if "één begrip onder twee ids" in p]


def test_vastgelegde_uitzondering_mag(raw: Path) -> None:
    _kopie_van_so_leerlingen(raw, MIN_GELIJK + 1)
    schrijf_csv(
        raw / "dubbel_begrip_uitzondering.csv",
        [{"indicator_a": "so_leerlingen", "indicator_b": "so_kopie", "reden": "testreden"}],
    )
    assert _problemen(raw) == []


def test_alias_mag_geen_indicator_zijn(raw: Path) -> None:
    aliassen = lees_csv(raw / "indicator_alias.csv")
    schrijf_csv(raw / "indicator_alias.csv", [*aliassen, {**aliassen[0], "alias": "so_leerlingen"}])
    assert any(
        "indicator_alias.csv" in p and "alias is nog een indicator" in p for p in _problemen(raw)
    )


def test_alias_wijst_naar_bestaande_indicator(raw: Path) -> None:
    aliassen = lees_csv(raw / "indicator_alias.csv")
    aliassen[0]["indicator_id"] = "bestaat_niet"
    schrijf_csv(raw / "indicator_alias.csv", aliassen)
    assert any(
        "indicator_alias.csv" in p and "verwijzing naar een onbekende sleutel" in p
        for p in _problemen(raw)
    )


def test_revisie_van_onbekende_id_faalt(raw: Path) -> None:
    rijen = lees_csv(raw / "revisie.csv")
    weg = next(r for r in rijen if r["soort_wijziging"] == "verwijderd")
    schrijf_csv(raw / "revisie.csv", [*rijen, {**weg, "indicator_id": "nooit_bestaan"}])
    assert any("revisie.csv" in p and "geen indicator en geen alias" in p for p in _problemen(raw))


def test_opgeheven_id_heeft_geen_rijen_meer() -> None:
    """Every alias is retired: no observation under it, and each of its deletions is logged."""
    _, tabellen = valideer(RAW_DIR)
    aliassen = set(tabellen["indicator_alias"]["alias"])
    assert aliassen  # the four merged pairs
    assert not aliassen & set(tabellen["waarneming"]["indicator_id"])
    assert not aliassen & set(tabellen["regio_waarneming"]["indicator_id"])
    verwijderd = tabellen["revisie"][tabellen["revisie"]["soort_wijziging"] == "verwijderd"]
    assert aliassen - {"leerlingen_vestiging_bo"} <= set(verwijderd["indicator_id"])
