"""A renamed year column in a publisher file is refused, never a silently missing year."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.build import bouw
from etl.importers.mapping import lees_kop, ontbrekende_jaarkolommen
from etl.problems import ValidatieFout
from etl.validate import valideer
from tests.etl.manifesthulp import herstempel

pytestmark = pytest.mark.vijandig

DUO = "duo-06-historisch-overzicht-aantal-leerlingen-per-schoolvestiging.csv"


def _hernoem_kolom(raw: Path, oud: str, nieuw: str) -> None:
    """Rename one header cell of the real DUO file and record its new sha256."""
    pad = raw / "import" / DUO
    kop, rest = pad.read_bytes().split(b"\n", 1)
    einde = b"\r" if kop.endswith(b"\r") else b""
    cellen = kop.removesuffix(einde).split(b";")
    assert oud.encode() in cellen
    cellen[cellen.index(oud.encode())] = nieuw.encode()
    pad.write_bytes(b";".join(cellen) + einde + b"\n" + rest)
    herstempel(raw)


def test_hernoemde_jaarkolom_wordt_geweigerd(raw: Path) -> None:
    """LEERLINGEN_2025 → LEERLINGEN2025 built with 2025 gone (161 → 155 national rows)."""
    _hernoem_kolom(raw, "LEERLINGEN_2025", "LEERLINGEN2025")
    problemen, tabellen = valideer(raw)
    assert tabellen == {}
    teksten = [str(p) for p in problemen]
    treffers = [t for t in teksten if "'LEERLINGEN_2025'" in t]
    assert len(treffers) == 1, teksten  # one report, not one per series
    assert treffers[0].startswith(f"{raw}/import/{DUO}:1: LEERLINGEN_{{jaar}}: ")
    assert "hernoemd bij de uitgever?" in treffers[0]
    assert "'LEERLINGEN2025'" in treffers[0]
    db = raw.parent / "k.duckdb"
    with pytest.raises(ValidatieFout):
        bouw(raw, db)
    assert not db.exists()


def test_hernoemde_kolom_midden_in_de_reeks(raw: Path) -> None:
    _hernoem_kolom(raw, "LEERLINGEN_2010", "LLN_2010")
    problemen, _ = valideer(raw)
    assert any("'LEERLINGEN_2010'" in p.reden and "'LLN_2010'" in p.reden for p in problemen)


KOP = ["SOORT_VESTIGING", *(f"LEERLINGEN_{j}" for j in range(2015, 2025))]


def _tabel(jaren: dict | None = None, reeks_jaren: dict | None = None) -> dict:
    reeks = {"indicator_id": "x", "waarde": "LEERLINGEN_{jaar}"}
    if reeks_jaren:
        reeks["jaren"] = reeks_jaren
    return {"reeksen": [reeks], **({"jaren": jaren} if jaren else {})}


@pytest.mark.parametrize(
    ("kop", "tabel", "missend"),
    [
        (KOP, _tabel({"van": 2015, "tot": 2024}), []),
        (KOP, _tabel(), []),
        (KOP, _tabel({"van": 2018}), []),  # a narrower range is a choice, not a loss
        (KOP, _tabel({"van": 2015, "tot": 2025}), [2025]),  # promised, not in the file
        (KOP, _tabel({"van": 2013}), [2013, 2014]),
        ([k for k in KOP if k != "LEERLINGEN_2019"], _tabel(), [2019]),  # gap, no `jaren`
        # a series' own `jaren` replaces the block's, as in the importers
        (KOP, _tabel({"van": 2015, "tot": 2030}, reeks_jaren={"van": 2020}), []),
        (KOP, _tabel({"van": 2015, "tot": 2024}, {"van": 2020, "tot": 2026}), [2025, 2026]),
        (["LEERLINGEN2024"], _tabel({"van": 2015}), []),  # no match: the importer reports it
    ],
)
def test_dekking(kop: list[str], tabel: dict, missend: list[int]) -> None:
    problemen = ontbrekende_jaarkolommen(Path("f.csv"), kop, tabel)
    gevonden = [j for j in range(1990, 2040) for p in problemen if f"'LEERLINGEN_{j}'" in p.reden]
    assert sorted(gevonden) == missend


def test_kop_in_windows_1252(tmp_path: Path) -> None:
    pad = tmp_path / "oud.csv"
    pad.write_bytes("NAAM_VESTIGING;LEERLINGEN_2024;CAT\xc9GORIE\n1;2;3\n".encode("cp1252"))
    assert lees_kop(pad) == ["NAAM_VESTIGING", "LEERLINGEN_2024", "CATÉGORIE"]
    assert lees_kop(tmp_path / "weg.csv") is None
