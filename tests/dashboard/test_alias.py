"""Old permalinks: an id merged into another opens the survivor, with a notice that says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.gegevens import queries
from dashboard.logica import trends

PAREN = [
    ("leerlingen_vestiging_bo", "po_regulier_leerlingen"),
    ("so_basis_leerlingen_cbs", "so_leerlingen"),
    ("leerlingen_cluster1_nji", "so_vso_leerlingen"),
    ("jeugdhulp_in_natura_1e_halfjaar", "jeugdhulp_1e_halfjaar_incl_pgb"),
]


@pytest.mark.parametrize(("oud", "nieuw"), PAREN)
def test_oude_id_opent_overlever(met_database: Path, oud: str, nieuw: str) -> None:
    assert queries.aliassen()[oud] == nieuw
    staat, meldingen = trends.lees_staat({"indicator": [oud], "weergave": "absoluut"})
    assert staat["indicator"] == [nieuw]
    melding = [m for m in meldingen if oud in m]
    assert len(melding) == 1 and nieuw in melding[0]
    assert "genegeerd" not in melding[0]  # replaced, not dropped
    # the page draws the survivor, not an empty chart
    assert trends.bereken(staat)["reeksen"]


def test_overlever_en_alias_samen_eenmaal(met_database: Path) -> None:
    staat, meldingen = trends.lees_staat(
        {"indicator": ["so_leerlingen", "so_basis_leerlingen_cbs"]}
    )
    assert staat["indicator"] == ["so_leerlingen"]
    assert len(meldingen) == 1


def test_onbekende_id_blijft_ongeldig(met_database: Path) -> None:
    staat, meldingen = trends.lees_staat({"indicator": ["bestaat_niet_en_is_geen_alias"]})
    assert "bestaat_niet_en_is_geen_alias" not in staat["indicator"]
    assert any("Ongeldige waarde" in m for m in meldingen)


def test_vaste_settingreeks_bestaat_en_wijkt_af_van_de_langste_waar_de_data_groeiden(
    met_database: Path,
) -> None:
    """A saved `/trends?setting=…` keeps opening the series it opened when it was made."""
    geldig = set(trends.kiesbare_ids())
    aliassen = queries.aliassen()
    for setting, vast in trends.VASTE_SETTINGREEKS.items():
        assert aliassen.get(vast, vast) in geldig, setting
        assert trends.standaard_voor_settings([setting]) == [aliassen.get(vast, vast)]
    # the pin matters: the rule alone would now open another so series
    assert trends.langste_openbare_reeks("so") != "so_vso_leerlingen"
    assert trends.lees_staat({"setting": ["so"]})[0]["indicator"] == ["so_vso_leerlingen"]
