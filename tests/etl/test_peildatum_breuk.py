"""One peildatum per register line, and a break in every series that mixes concepts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from etl.config import RAW_DIR
from etl.peildatum import gemengde_peildata, peildatum_uit, registerlijnen
from etl.validate import valideer
from tests.conftest import lees_csv, schrijf_csv, wijzig_rij

GEMENGD = {
    # CBS shows 1991-2020 as one row across the Wet op de expertisecentra and the clusters
    "so_vso_leerlingen": {1998, 2003},
    # its 1991-2005 came with the retired so_basis_leerlingen_cbs (CBS 37746sol, same row)
    "so_leerlingen": {1998, 2003},
    # the sum from Onderwijs in cijfers, then NCOJ's table
    "po_en_so_leerlingen_ncoj": {2019},
    # the registration of absoluut verzuim changes in 2021/22
    "thuiszitters_langer_dan_3_maanden": {2021},
}


@pytest.fixture(scope="module")
def tabellen() -> dict[str, pd.DataFrame]:
    problemen, tabellen = valideer(RAW_DIR)
    assert problemen == []
    return tabellen


def _breuken(tabellen: dict[str, pd.DataFrame], indicator_id: str) -> set[int]:
    ind = tabellen["indicator"].set_index("indicator_id").loc[indicator_id]
    rb = tabellen["reeksbreuk"]
    jaren = {int(j) for j in rb.loc[rb["indicator_id"] == indicator_id, "jaar"]}
    return jaren | ({int(ind["reeksbreuk_jaar"])} if pd.notna(ind["reeksbreuk_jaar"]) else set())


def test_elke_kinderopvangtelling_op_peildatum_is_een_registerlijn(
    tabellen: dict[str, pd.DataFrame],
) -> None:
    """Every kinderopvang count on a peildatum is checked, unless its day is unknown."""
    ind = tabellen["indicator"]
    op_peildatum = ind[ind["setting_id"].eq("kinderopvang") & ind["periode_type"].eq("peildatum")]
    gecontroleerd = set(registerlijnen(ind)["indicator_id"])
    for _, rij in op_peildatum.iterrows():
        tekst = f"{rij['definitie']} {rij['kanttekening']}"
        assert rij["indicator_id"] in gecontroleerd or "peildatum niet bekend" in tekst, rij[
            "indicator_id"
        ]
    assert {"kinderopvang_locaties_bso", "kinderopvang_kindplaatsen_dagopvang"} <= gecontroleerd


def test_een_peildatum_per_lijn(tabellen: dict[str, pd.DataFrame]) -> None:
    w, ind = tabellen["waarneming"], tabellen["indicator"]
    for _, rij in registerlijnen(ind).iterrows():
        noten = w.loc[w["indicator_id"] == rij["indicator_id"], "noot"]
        data = {peildatum_uit(n) for n in noten}
        assert len(data) == 1 and None not in data, (rij["indicator_id"], data)
        assert f"peildatum {data.pop()}" in rij["definitie"].lower(), rij["indicator_id"]
    assert gemengde_peildata(w, ind) == []


def test_dagopvang_eind_jaar_zonder_oktober(tabellen: dict[str, pd.DataFrame]) -> None:
    w = tabellen["waarneming"]
    noten = w.loc[w["indicator_id"] == "kinderopvang_locaties_dagopvang_eind_jaar", "noot"]
    assert {peildatum_uit(n) for n in noten} == {"eind december"}
    assert (w["indicator_id"] == "kinderopvang_locaties_dagopvang_eind_oktober").sum() == 1


def test_peildatum_uit_noot() -> None:
    assert peildatum_uit("Peildatum eind oktober 2021 (andere maand)") == "eind oktober"
    assert peildatum_uit("Afgerond; peildatum begin 2018. Per 1 januari 2018 ...") == "begin"
    assert peildatum_uit("(1) Op 1 januari van het betreffende jaar.") == "1 januari"
    assert peildatum_uit("Geen datum genoemd, wel 2021.") is None


def test_twee_peildata_op_een_lijn_faalt(raw: Path) -> None:
    """The October count back on the December line (as before the split) stops the build."""
    regel = wijzig_rij(
        raw / "waarneming.csv",
        lambda r: r["indicator_id"] == "kinderopvang_locaties_dagopvang_eind_oktober",
        indicator_id="kinderopvang_locaties_dagopvang_eind_jaar",
    )
    assert regel > 1
    problemen = [str(p) for p in valideer(raw)[0]]
    assert any(
        "kinderopvang_locaties_dagopvang_eind_jaar: meer dan één peildatum" in p
        and "eind december, eind oktober" in p
        for p in problemen
    ), problemen


def test_noot_zonder_peildatum_faalt(raw: Path) -> None:
    wijzig_rij(
        raw / "waarneming.csv",
        lambda r: (
            r["indicator_id"] == "kinderopvang_kindplaatsen_bso" and r["periode_van"] == "2022"
        ),
        noot="Tabel Kinderopvang-Wijzer.",
    )
    problemen = [str(p) for p in valideer(raw)[0]]
    assert any(
        "kinderopvang_kindplaatsen_bso: geen peildatum in de noot (2022)" in p for p in problemen
    )


def test_definitie_zonder_peildatum_faalt(raw: Path) -> None:
    rijen = lees_csv(raw / "indicator.csv")
    for r in rijen:
        if r["indicator_id"] == "kinderopvang_locaties_gastouder":
            r["definitie"] = r["definitie"].replace("peildatum januari", "op een peildatum")
    schrijf_csv(raw / "indicator.csv", rijen)
    problemen = [str(p) for p in valideer(raw)[0]]
    assert any(
        "kinderopvang_locaties_gastouder: de definitie noemt de peildatum" in p for p in problemen
    )


@pytest.mark.parametrize(("indicator_id", "jaren"), sorted(GEMENGD.items()))
def test_gemengde_reeks_heeft_haar_breuken(
    tabellen: dict[str, pd.DataFrame], indicator_id: str, jaren: set[int]
) -> None:
    """Each listed mixed series carries each of its breaks, inside its years (so it is drawn)."""
    assert jaren <= _breuken(tabellen, indicator_id)
    w = tabellen["waarneming"]
    perioden = w.loc[w["indicator_id"] == indicator_id, "periode_van"]
    for jaar in jaren:
        assert (perioden < jaar).any() and (perioden >= jaar).any(), (indicator_id, jaar)


def test_tweede_breuk_in_de_database(met_database: Path) -> None:
    """Both so_vso breaks reach the dashboard (a reader of `reeksbreuk_jaar` alone sees 2003)."""
    from dashboard.gegevens import queries

    meta = queries.indicator_meta()["so_vso_leerlingen"]
    assert {1998, 2003} <= set(meta["reeksbreuken"])
    assert meta["reeksbreuk_jaar"] == 2003
