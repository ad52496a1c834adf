"""A raw CSV with an unclosed quote or a wrong cell count is refused at `file:line`.

Before this check Python's csv reader (and Frictionless) read an unclosed quote on to the
next quote in the file: one cell swallowed the following line and the build exited 0 with
a row fewer.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import duckdb
import pytest

from etl.build import bouw
from etl.config import RAW_DIR
from etl.problems import ValidatieFout
from etl.read import CsvVormFout, lees_ruw, vormfouten
from etl.schema import lees_descriptor, resources
from etl.validate import valideer

pytestmark = pytest.mark.vijandig

OPEN = '"open zonder einde '
BESTANDEN = sorted(p.name for p in RAW_DIR.glob("*.csv"))
# a file with only its header (a list of exceptions that has none yet) has no row to damage
MET_RIJEN = [b for b in BESTANDEN if len((RAW_DIR / b).read_text(encoding="utf-8").split("\n")) > 2]


def _regels(pad: Path) -> list[str]:
    return pad.read_text(encoding="utf-8").split("\n")


def _zet(pad: Path, regels: list[str]) -> None:
    pad.write_text("\n".join(regels), encoding="utf-8")


def _weiger(raw: Path, bestand: str, regel: int) -> list[str]:
    """The build refuses, names `bestand:regel`, and writes no database."""
    db = raw.parent / "k.duckdb"
    with pytest.raises(ValidatieFout) as fout:
        bouw(raw, db)
    assert not db.exists()
    teksten = [str(p) for p in fout.value.problemen]
    assert any(t.startswith(f"{raw}/{bestand}:{regel}: ") for t in teksten), teksten
    return teksten


def test_geval_uit_de_praktijk_regel_217(raw: Path) -> None:
    """so_leerlingen 2018: the unclosed quote made 2019 vanish and the build exit 0."""
    pad = raw / "waarneming.csv"
    regels = _regels(pad)
    assert regels[216].startswith("so_leerlingen,2018,")
    assert regels[217].startswith("so_leerlingen,2019,")
    regels[216] = regels[216].replace(",ocw-in-cijfers-sbo-so,", f",ocw-in-cijfers-sbo-so,{OPEN}")
    _zet(pad, regels)
    teksten = _weiger(raw, "waarneming.csv", 217)
    # the row now ends in a quoted `vindplaats`, so the stray quote pairs up on its own line
    # instead of swallowing 2019: refused either way, at the line where it opens
    assert any("aanhalingsteken opent hier" in t for t in teksten), teksten


def test_niet_gesloten_tot_het_einde(raw: Path) -> None:
    """The last quote-free stretch: the cell would run to the end of the file."""
    pad = raw / "gebeurtenis.csv"
    regels = _regels(pad)
    laatste = max(i for i, r in enumerate(regels) if r)
    assert '"' not in "\n".join(regels[laatste:])
    regels[laatste] = regels[laatste].replace(",", f",{OPEN}", 1)
    _zet(pad, regels)
    assert any("sluit nooit" in t for t in _weiger(raw, "gebeurtenis.csv", laatste + 1))


def test_cel_te_veel_en_te_weinig(raw: Path) -> None:
    regels = _regels(raw / "bron.csv")
    regels[3] += ",extra"
    cellen = next(csv.reader([regels[9]]))[:-1]  # one cell too few, quoting intact
    uit = io.StringIO()
    csv.writer(uit, lineterminator="").writerow(cellen)
    regels[9] = uit.getvalue()
    _zet(raw / "bron.csv", regels)
    teksten = _weiger(raw, "bron.csv", 4)
    assert any(t.startswith(f"{raw}/bron.csv:10: ") and "cellen" in t for t in teksten)


def test_lezer_levert_nooit_een_ingekorte_tabel(raw: Path) -> None:
    pad = raw / "signaal.csv"
    regels = _regels(pad)
    regels[5] = regels[5].replace(",", f",{OPEN}", 2)
    _zet(pad, regels)
    with pytest.raises(CsvVormFout) as fout:
        lees_ruw(raw, resources(lees_descriptor(raw))["signaal"])
    assert fout.value.problemen[0].regel == 6


def test_eenzaam_aanhalingsteken_midden_in_een_cel(raw: Path) -> None:
    regels = _regels(raw / "setting.csv")
    regels[2] = regels[2].replace(",", ',ab"c', 1)
    _zet(raw / "setting.csv", regels)
    problemen, _ = valideer(raw)
    assert any(p.regel == 3 and "midden in een cel" in p.reden for p in problemen)


def _posities(bestand: str, aantal: int) -> list[tuple[str, int, int]]:
    """Seeded positions: (file, line index, character offset) at a cell start or line end."""
    regels = _regels(RAW_DIR / bestand)
    kans = random.Random(bestand)
    uit = []
    for _ in range(aantal):
        i = kans.randrange(1, len([r for r in regels if r]))
        plekken = [0, len(regels[i])] + [j + 1 for j, c in enumerate(regels[i]) if c == ","]
        uit.append((bestand, i, kans.choice(plekken)))
    return uit


@pytest.mark.parametrize("bestand", MET_RIJEN)
@pytest.mark.parametrize("invoeg", [OPEN, '"'])
def test_fuzz_overal_geweigerd(bestand: str, invoeg: str) -> None:
    """Any inserted opening quote is refused at its own line, wherever it sits."""
    tekst = (RAW_DIR / bestand).read_text(encoding="utf-8")
    assert vormfouten(tekst, bestand) == []
    for _, i, j in _posities(bestand, 25):
        regels = tekst.split("\n")
        regels[i] = regels[i][:j] + invoeg + regels[i][j:]
        problemen = vormfouten("\n".join(regels), bestand)
        assert problemen, (i, j)
        assert problemen[0].regel == i + 1, (i, j, problemen)


@pytest.mark.parametrize("bestand", ["indicator.csv", "maatregel.csv", "revisie.csv"])
def test_fuzz_end_to_end(raw: Path, bestand: str) -> None:
    _, i, j = _posities(bestand, 1)[0]
    regels = _regels(raw / bestand)
    regels[i] = regels[i][:j] + OPEN + regels[i][j:]
    _zet(raw / bestand, regels)
    _weiger(raw, bestand, i + 1)


def test_geldige_vormen_mogen() -> None:
    tekst = 'a,b,c\r\n1,"twee, met komma","drie ""geciteerd""\nover twee regels"\r\n\n4,,\n'
    assert vormfouten(tekst, "t.csv") == []
    assert vormfouten("\ufeffa,b\n1,2", "t.csv") == []


def test_echte_database_verliest_geen_rij(database: Path) -> None:
    """Every non-blank line of waarneming.csv is one row (no multi-line cells today)."""
    regels = [r for r in _regels(RAW_DIR / "waarneming.csv")[1:] if r]
    with duckdb.connect(str(database), read_only=True) as con:
        (hand,) = con.execute(
            "SELECT count(*) FROM waarneming w JOIN bron b USING (bron_id)"
            " WHERE b.titel NOT LIKE '%(import)'"
        ).fetchone()
    assert hand == len(regels)
