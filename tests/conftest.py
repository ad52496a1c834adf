"""Shared fixtures: a private copy of data/raw per test, and a database built from it;
and the one rule for browser tests (marker `browser`)."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from etl.build import bouw
from etl.config import RAW_DIR
from tests.browserhulp import VERPLICHT, browser_ontbreekt


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "vijandig: hostile input; `pytest -m vijandig` stays under a minute"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A `browser` test without its browser: skipped locally, an error when mandatory.

    Runs before any fixture, so a missing browser is reported as itself and never as a
    confusing failure inside dash_duo or Kaleido.
    """
    merk = item.get_closest_marker("browser")
    if merk is None:
        return
    reden = browser_ontbreekt(chromedriver=merk.kwargs.get("chromedriver", False))
    if reden is None:
        return
    if VERPLICHT:
        pytest.fail(f"KETENMONITOR_BROWSERTESTS=verplicht, maar {reden}", pytrace=False)
    pytest.skip(reden)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A copy of the real data/raw that a test may damage."""
    doel = tmp_path / "raw"
    shutil.copytree(RAW_DIR, doel)
    return doel


def lees_csv(pad: Path) -> list[dict[str, str]]:
    with open(pad, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def schrijf_csv(pad: Path, rijen: list[dict[str, str]], kolommen: list[str] | None = None) -> None:
    kolommen = kolommen or list(rijen[0])
    with open(pad, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=kolommen, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rijen)


def wijzig_rij(pad: Path, kies: Callable[[dict[str, str]], bool], **nieuw: str) -> int:
    """Change the first row `kies` accepts; return its line number (header is line 1)."""
    rijen = lees_csv(pad)
    for i, rij in enumerate(rijen):
        if kies(rij):
            rij.update(nieuw)
            schrijf_csv(pad, rijen)
            return i + 2
    raise AssertionError(f"geen rij gevonden in {pad}")


def vervang_import(raw: Path, map_: Path) -> None:
    """Replace raw/import by the test files in `map_`.

    Revisions that hand a value to the real publisher file (DUO's file is the source of
    po_regulier_leerlingen) and trend breaks seen in that file leave with it: without the file
    their value or series is not there.
    """
    shutil.rmtree(raw / "import", ignore_errors=True)
    shutil.copytree(map_, raw / "import")
    hand = {r["bron_id"] for r in lees_csv(raw / "bron.csv")}
    for naam, kolom in (("revisie.csv", "nieuwe_bron_id"), ("reeksbreuk.csv", "bron_id")):
        rijen = lees_csv(raw / naam)
        blijft = [
            r
            for r in rijen
            if r[kolom] in hand
            # a deletion has no new source: it stays with its old one
            or (r.get("soort_wijziging") == "verwijderd" and r["oude_bron_id"] in hand)
        ]
        schrijf_csv(raw / naam, blijft, list(rijen[0]))


@pytest.fixture(scope="session")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built once per test session into a temp file."""
    pad = tmp_path_factory.mktemp("db") / "ketenmonitor.duckdb"
    bouw(RAW_DIR, pad)
    return pad


@pytest.fixture
def met_database(database: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the dashboard's query layer at the session database."""
    monkeypatch.setenv("KETENMONITOR_DB", str(database))
    return database


def bouw_voor_en_na_revisie(raw: Path, db: Path) -> dict[str, str]:
    """Build `db` twice: first as before the first `revisie` row (its old value, without the
    row), then as now; return that revision. The second build logs the change it describes."""
    revisies = lees_csv(raw / "revisie.csv")
    rev = revisies[0]
    sleutel = ("indicator_id", "periode_van", "periode_tot", "uitsplitsing", "categorie")
    origineel = lees_csv(raw / "waarneming.csv")
    oud = [dict(r) for r in origineel]
    for r in oud:
        if all(r[k] == rev[k] for k in sleutel):
            r["waarde"], r["status"], r["bron_id"] = (
                rev["oude_waarde"],
                rev["oude_status"],
                rev["oude_bron_id"],
            )
            r["citaat"] = r["citaat"] or "citaat"
    schrijf_csv(raw / "waarneming.csv", oud)
    schrijf_csv(raw / "revisie.csv", revisies[1:])
    bouw(raw, db)
    schrijf_csv(raw / "waarneming.csv", origineel)
    schrijf_csv(raw / "revisie.csv", revisies)
    bouw(raw, db)
    return rev
