"""Pupils by gemeente of residence (CBS 85701NED): import, placement of names, page values.

Expectations are recomputed from the committed CBS file with the plain `csv` module and the
two lists in data/raw/import (2025 indeling, merger list) read as data, never through the
importer, so the test checks the importer, the queries and `dashboard.logica.regio` together.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from etl.config import RAW_DIR
from tests.etl.manifesthulp import herstempel

IMPORT = RAW_DIR / "import"
CBS = IMPORT / "cbs-85701NED-leerlingen-onderwijssoort-woonregio-2013-2023.csv"
SOORT = {"so": "Speciaal onderwijs", "sbo": "Speciaal basisonderwijs", "bo": "Basisonderwijs"}
EXPLICIET = {
    "Groningen (gemeente)": "GM0014",
    "Utrecht (gemeente)": "GM0344",
    "'s-Gravenhage (gemeente)": "GM0518",
}


def _lijsten() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """name → 2025 code (2025 names, explicit names, merged names), code → provincie."""
    with open(IMPORT / "gemeente_provincie_2025.csv", encoding="utf-8", newline="") as f:
        indeling = list(csv.DictReader(f, delimiter=";"))
    naam_code = {r["gemeentenaam"]: r["gemeentecode"] for r in indeling} | EXPLICIET
    provincie = {r["gemeentecode"]: r["provinciecode"] for r in indeling}
    with open(IMPORT / "gemeente_herindeling.csv", encoding="utf-8", newline="") as f:
        herindeling = list(csv.DictReader(f))
    opgegaan = {r["oude_naam"]: r["opvolger_2025"] for r in herindeling if r["opvolger_2025"]}
    gesplitst = {r["oude_naam"]: r["noot"] for r in herindeling if r["soort"] == "gesplitst"}
    return naam_code | opgegaan, provincie, gesplitst


def _cbs() -> dict[tuple[str, str, int], float]:
    """(onderwijssoort, name, jaar) → value, straight from the StatLine CSV."""
    uit = {}
    with open(CBS, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f, delimiter=";"):
            cel = r["Leerlingen/studenten (aantal)"].strip()
            if cel:
                jaar = int(r["Perioden"][:4])
                uit[(r["Onderwijssoort"].strip(), r["Regiokenmerken"], jaar)] = float(cel)
    return uit


@pytest.fixture(scope="module")
def verwacht():
    """(soort, code, jaar) → sum, for gemeenten and provincies, and the national sum."""
    plek, provincie, _ = _lijsten()
    som: dict[tuple[str, str, int], float] = defaultdict(float)
    for (soort, naam, jaar), waarde in _cbs().items():
        kort = next((k for k, v in SOORT.items() if v == soort), None)
        if kort is None:
            continue
        som[(kort, "NL", jaar)] += waarde
        code = plek.get(naam)
        if code:
            som[(kort, code, jaar)] += waarde
            som[(kort, provincie[code], jaar)] += waarde
    return som


def _staat(niveau: str, jaar: int, maat: str, soort: str = "so") -> dict:
    from dashboard.logica import regio

    staat, meldingen = regio.lees_staat(
        {"telling": "woonplaats", "niveau": niveau, "soort": soort, "jaar": str(jaar), "maat": maat}
    )
    assert meldingen == []
    return staat


def _pagina(niveau: str, code: str, jaar: int, maat: str, soort: str = "so") -> float | None:
    from dashboard.logica import regio

    uit = regio.bereken(_staat(niveau, jaar, maat, soort))
    return next(w.waarde for w in uit.regios if w.code == code)


@pytest.mark.parametrize("jaar", [2018, 2022])
@pytest.mark.parametrize(("niveau", "code"), [("gemeente", "GM0014"), ("provincie", "PV20")])
def test_aantal_en_aandeel_zoals_het_cbs_bestand(
    met_database: Path, verwacht, niveau: str, code: str, jaar: int
) -> None:
    """Groningen (2018: three CBS names, merged 2019) and its provincie, count and per 1.000."""
    aantal = verwacht[("so", code, jaar)]
    assert aantal > 0
    assert _pagina(niveau, code, jaar, "aantal") == pytest.approx(aantal)
    noemer = sum(verwacht[(s, code, jaar)] for s in ("bo", "sbo", "so"))
    assert _pagina(niveau, code, jaar, "aandeel") == pytest.approx(1000 * aantal / noemer)


def test_gemeente_met_een_cel_is_gepubliceerd_met_citaat(met_database: Path) -> None:
    from dashboard.gegevens import queries

    rijen = {
        (r["regio_code"], r["jaar"]): r
        for r in queries.regio_alle_jaren("gemeente", ("leerlingen_woonplaats_so",))
    }
    een = rijen[("GM0014", 2019)]  # Haren and Ten Boer joined Groningen on 1 January 2019
    assert een["status"] == "gepubliceerd" and "Groningen (gemeente)" in een["citaat"]
    samen = rijen[("GM0014", 2018)]
    assert samen["status"] == "afgeleid" and samen["citaat"] is None


def test_nederland_is_de_som_binnen_de_marge(met_database: Path, verwacht) -> None:
    from dashboard.logica import regio

    uit = regio.bereken(_staat("gemeente", 2019, "aantal"))
    n = regio.nederland(uit)
    assert n["som"] == pytest.approx(verwacht[("so", "NL", 2019)])
    assert n["reeks"] == "so_leerlingen" and abs(n["verschil"]) <= regio.TOLERANTIE
    assert "binnen de gestelde marge" in regio.nederland_tekst(uit)


def test_gesplitste_gemeente_staat_in_de_lijst_niet_bij_een_opvolger(
    met_database: Path, verwacht
) -> None:
    from dashboard.logica import regio

    _, _, gesplitst = _lijsten()
    assert {"Boarnsterhim", "Maasdonk", "Littenseradiel", "Winsum", "Haaren"} <= set(gesplitst)
    lijst = {o.naam: o for o in regio.onverdeeld(_staat("gemeente", 2018, "aantal"))}
    winsum = _cbs()[("Speciaal onderwijs", "Winsum", 2018)]
    assert lijst["Winsum"].waarde == winsum and "gesplitst" in lijst["Winsum"].toelichting
    assert lijst["Winsum"].aandeel == pytest.approx(100 * winsum / verwacht[("so", "NL", 2018)])
    # Het Hogeland (GM1966) took part of Winsum: only Bedum, De Marne and Eemsmond count
    cbs = _cbs()
    delen = sum(cbs[("Speciaal onderwijs", n, 2018)] for n in ("Bedum", "De Marne", "Eemsmond"))
    assert _pagina("gemeente", "GM1966", 2018, "aantal") == delen
    assert "Winsum" in regio.onverdeeld_tekst(_staat("gemeente", 2018, "aantal"))


def test_onbekende_historische_naam_wordt_gemeld(tmp_path: Path) -> None:
    """A merger row taken out: the name is reported with its values and kept in the nation."""
    from etl.importers import lees_importen

    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    lijst = raw / "import" / "gemeente_herindeling.csv"
    regels = lijst.read_text(encoding="utf-8").splitlines(keepends=True)
    lijst.write_text("".join(r for r in regels if not r.startswith("Haren,")), encoding="utf-8")
    herstempel(raw)
    problemen, tabellen = lees_importen(raw)
    assert problemen == []
    cbs = next(t for t in tabellen if t.tabel_id == "85701NED")
    samenvatting = cbs.samenvatting()
    haren_so_2018 = _cbs()[("Speciaal onderwijs", "Haren", 2018)]
    assert "niet geplaatst: Haren: " in samenvatting
    assert f"so 2018 {haren_so_2018:.0f}" in samenvatting.split("niet geplaatst: Haren: ")[1]
    rij = next(r for r in cbs.regio if r["naam"] == "Haren" and r["niveau"] == "onverdeeld")
    assert "herindelingslijst" in rij["toelichting"]
    # nothing dropped: the national sum still holds Haren's pupils
    land = next(
        w["waarde"]
        for w in cbs.waarnemingen
        if w["indicator_id"] == "leerlingen_woonplaats_so" and w["periode_van"] == 2018
    )
    assert land == sum(
        v for (s, _, j), v in _cbs().items() if s == "Speciaal onderwijs" and j == 2018
    )


def test_herindeling_zonder_bron_wordt_niet_toegekend(tmp_path: Path) -> None:
    from etl.importers import lees_importen

    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    lijst = raw / "import" / "gemeente_herindeling.csv"
    tekst = lijst.read_text(encoding="utf-8").replace(
        "Haren,2019,opgegaan,GM0014,Groningen,cbs-gemeentelijke-indelingen-per-jaar,https",
        "Haren,2019,opgegaan,GM0014,Groningen,,https",
    )
    lijst.write_text(tekst, encoding="utf-8")
    herstempel(raw)
    problemen, _ = lees_importen(raw)
    assert any("zonder bron" in p.reden for p in problemen)
