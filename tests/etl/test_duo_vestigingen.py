"""The real DUO per-location history in data/raw/import, built into the database.

Checks against published figures: DUO's BO total for 2017 is 1,414,261 (OCW in cijfers, once
the hand-entered po_regulier_leerlingen row) and for 2015 1,443,072 = X + n with n `<5` cells.
The file is the source of po_regulier_leerlingen; the years whose earlier
figure differed are in `revisie`.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest

from etl.config import RAW_DIR
from etl.importers import lees_importen


@pytest.fixture(scope="module")
def con(database: Path):
    with duckdb.connect(str(database), read_only=True) as verbinding:
        yield verbinding


def _waarde(con, indicator: str, jaar: int) -> tuple:
    return con.execute(
        """SELECT waarde, ondergrens, bovengrens, status FROM waarneming
           WHERE indicator_id = ? AND periode_van = ?""",
        [indicator, jaar],
    ).fetchone()


def test_bekende_totalen(con) -> None:
    assert _waarde(con, "po_regulier_leerlingen", 2017) == (1414261, None, None, "afgeleid")
    # 2015: three '<5' cells; DUO's published total counts each as 1.
    assert _waarde(con, "po_regulier_leerlingen", 2015) == (1443072, 1443072, 1443081, "afgeleid")
    assert _waarde(con, "leerlingen_vestiging_so", 2017)[0] == 13681


def test_dertig_jaren_per_soort(con) -> None:
    jaren = con.execute(
        """SELECT indicator_id, min(periode_van), max(periode_van), count(*) FROM waarneming
           WHERE indicator_id LIKE 'leerlingen_vestiging_%' OR indicator_id = ?
           GROUP BY ALL ORDER BY 1""",
        ["po_regulier_leerlingen"],
    ).fetchall()
    assert [j[0] for j in jaren] == [
        "leerlingen_vestiging_sbo",
        "leerlingen_vestiging_so",
        "leerlingen_vestiging_so_vso",
        "leerlingen_vestiging_vso",
        "po_regulier_leerlingen",  # the BO locations: one concept, one id
    ]
    assert [j[1:] for j in jaren] == [(1996, 2025, 30)] * 5


def test_po_regulier_komt_uit_het_duo_bestand(con) -> None:
    """One counting concept 1996-2025 (was DUO, then CBS by woonregio and schoolregio, with a
    source switch in 2019 and no 2021; the BO locations were a second id for the same sum),
    national and per region, without a break."""
    bronnen = con.execute(
        "SELECT DISTINCT bron_id FROM waarneming WHERE indicator_id = 'po_regulier_leerlingen'"
    ).fetchall()
    assert bronnen == [("duo-leerlingen-per-vestiging-historisch-import",)]
    assert con.execute(
        "SELECT reeksbreuk_jaar FROM indicator WHERE indicator_id = 'po_regulier_leerlingen'"
    ).fetchone() == (None,)
    # the regional rows of the retired id stayed, under the survivor: provinces + unknown = land
    rijen = con.execute(
        """SELECT w.periode_van, w.waarde, sum(r.waarde) FROM waarneming w
           JOIN regio_waarneming r ON r.indicator_id = w.indicator_id AND r.jaar = w.periode_van
           JOIN regio g USING (regio_code)
           WHERE w.indicator_id = 'po_regulier_leerlingen'
             AND (g.niveau = 'provincie' OR g.regio_code = 'GM9999')
           GROUP BY ALL ORDER BY 1"""
    ).fetchall()
    assert [r[0] for r in rijen] == list(range(1996, 2026))
    assert all(r[1] == r[2] for r in rijen)


def test_afwijkende_jaren_staan_in_revisie(con) -> None:
    """Every year whose earlier figure differs from the file is in `revisie`, with the value
    the series now shows; the two years that agreed exactly (2015, 2017) are not."""
    herzien = con.execute(
        """SELECT r.periode_van, r.oude_waarde, r.nieuwe_waarde, w.waarde, r.nieuwe_bron_id,
                  w.bron_id
           FROM revisie r JOIN waarneming w USING (indicator_id, periode_van, uitsplitsing,
                                                categorie)
           WHERE indicator_id = 'po_regulier_leerlingen' AND r.soort_wijziging = 'waarde'
           ORDER BY 1"""
    ).fetchall()
    assert [r[0] for r in herzien] == [2016, 2018, 2019, 2020, 2022, 2023]
    for _jaar, oud, nieuw, getoond, nieuwe_bron, bron in herzien:
        assert oud != nieuw == getoond and nieuwe_bron == bron
    # 2016: OCW's exact total lies inside the file's range (two '<5' cells), 2018 outside it.
    assert _waarde(con, "po_regulier_leerlingen", 2016)[1:3] == (1427513, 1427516)
    assert _waarde(con, "po_regulier_leerlingen", 2018)[0] - 1405493 == 60


def test_regio_en_landelijk_kloppen(con) -> None:
    verschil = con.execute(
        """WITH n AS (SELECT indicator_id, periode_van AS jaar, waarde FROM waarneming
                      WHERE indicator_id LIKE 'leerlingen_vestiging_%'
                         OR indicator_id = 'po_regulier_leerlingen'),
                p AS (SELECT indicator_id, jaar, sum(waarde) AS s FROM regio_waarneming
                      WHERE regio_code LIKE 'PV%' OR regio_code = 'GM9999' GROUP BY ALL),
                g AS (SELECT indicator_id, jaar, sum(waarde) AS s FROM regio_waarneming
                      WHERE regio_code LIKE 'GM%' GROUP BY ALL)
           SELECT count(*), count(*) FILTER (WHERE n.waarde <> p.s OR n.waarde <> g.s)
           FROM n JOIN p USING (indicator_id, jaar) JOIN g USING (indicator_id, jaar)"""
    ).fetchone()
    assert verschil == (150, 0)  # the five location series (BO: po_regulier_leerlingen)


def test_regio_tabel(con) -> None:
    niveaus = dict(con.execute("SELECT niveau, count(*) FROM regio GROUP BY 1").fetchall())
    # `onverdeeld`: the CBS names by residence that cannot be placed (tests/etl/test_woonplaats)
    assert {k: v for k, v in niveaus.items() if k != "onverdeeld"} == {
        "gemeente": 343,
        "provincie": 12,
    }
    assert con.execute(
        "SELECT naam, provincie FROM regio WHERE regio_code = 'GM9999'"
    ).fetchone() == (
        "gemeente onbekend",
        None,
    )
    onbekend = con.execute(
        "SELECT DISTINCT jaar FROM regio_waarneming WHERE regio_code = 'GM9999' ORDER BY 1"
    ).fetchall()
    assert onbekend == [(2000,), (2001,), (2002,)]
    zonder_regio = con.execute(
        """SELECT count(*) FROM regio_waarneming r LEFT JOIN regio USING (regio_code)
           WHERE regio.naam IS NULL"""
    ).fetchone()
    assert zonder_regio == (0,)


def test_afgeschermde_regio_is_een_bereik(con) -> None:
    rijen = con.execute(
        """SELECT waarde, ondergrens, bovengrens, aantal_vestigingen, noot FROM regio_waarneming
           WHERE ondergrens IS NOT NULL"""
    ).fetchall()
    assert rijen
    for waarde, onder, boven, vestigingen, noot in rijen:
        assert waarde == onder < boven and vestigingen >= 1 and "privacyteken" in noot
    alleen_afgeschermd = [r for r in rijen if r[0] == r[3] and r[2] == 4 * r[0]]
    assert alleen_afgeschermd  # e.g. a gemeente whose only location has '<5': 1-4, never 0


def test_import_duurt_minder_dan_vijf_seconden() -> None:
    t = time.perf_counter()
    problemen, tabellen = lees_importen(RAW_DIR)
    duur = time.perf_counter() - t
    assert problemen == [] and len(tabellen[0].waarnemingen) == 150  # 5 series x 30 years
    assert duur < 5, f"import van het DUO-bestand duurde {duur:.2f} s"
