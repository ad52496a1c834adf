"""Overzicht with `?periode=sinds-2019` in a browser: the now table, the period switch and the
ketenkaart colours match the rows computed in Python; axe finds nothing serious; at 390 px
the page does not scroll sideways (the table scrolls in its own box); the switch works."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from dashboard.logica import nu
from dashboard.logica.ketenkaart import KETEN, KLASSEN_PER_JAAR
from tests.e2e.conftest import axe_overtredingen, console_fouten, open_pagina


def _open(dash_duo, app, pad: str, breedte: int | None = None) -> None:
    open_pagina(dash_duo, app, pad, "#nu-tabel", breedte)


def _verwachte_klassen() -> list[str]:
    rijen = {r.setting_id: r for r in nu.rijen()}
    uit = []
    for baan in KETEN.values():
        for sid in baan:
            s = rijen[sid].sinds
            uit.append(
                "groei-onbekend"
                if s is None
                else next(k for g, k, _ in KLASSEN_PER_JAAR if s.per_jaar < g)
            )
    return uit


def test_sinds_2019_tabel_schakelaar_en_kleuren(dash_duo, app) -> None:
    _open(dash_duo, app, "/?periode=sinds-2019")
    driver = dash_duo.driver
    tabel = driver.find_element(By.ID, "nu-tabel")
    assert tabel.tag_name == "table"
    assert tabel.find_element(By.TAG_NAME, "caption").text.startswith("Waar staat de keten nu")
    rijen = tabel.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rijen) == sum(len(b) for b in KETEN.values())
    so = next(r for r in nu.rijen() if r.setting_id == "so")
    assert nu.procent(so.sinds.procent) in driver.find_element(By.ID, "nu-so").text
    # the switch: the current period is marked, the other is a link to it
    huidig = driver.find_element(By.CSS_SELECTOR, "#ketenkaart-periode [aria-current='true']")
    assert huidig.text == "Sinds 2019"
    assert driver.find_element(By.CSS_SELECTOR, "#ketenkaart-periode a").text == "2016–2019"
    klassen = [
        k.get_attribute("class").split()[1]
        for k in driver.find_elements(By.CSS_SELECTOR, "#ketenkaart li.knoop")
    ]
    assert klassen == _verwachte_klassen()
    # each colour differs from the next class's: the legend means something on screen
    kleuren = driver.execute_script(
        "return [...document.querySelectorAll('#ketenkaart .legenda-item')]"
        ".map(e => getComputedStyle(e).backgroundColor)"
    )
    assert len(set(kleuren[:-1])) == len(KLASSEN_PER_JAAR)
    assert axe_overtredingen(driver) == []
    assert console_fouten(dash_duo) == []


def test_schakelaar_terug_naar_2016_2019(dash_duo, app) -> None:
    _open(dash_duo, app, "/?periode=sinds-2019")
    dash_duo.find_element("#ketenkaart-periode a").click()
    until(lambda: "periode=" not in dash_duo.driver.current_url, 30)
    dash_duo.wait_for_contains_text("#kop-ketenkaart", "2016–2019", timeout=30)
    huidig = dash_duo.find_element("#ketenkaart-periode [aria-current='true']")
    assert huidig.text == "2016–2019"


@pytest.mark.parametrize("pad", ["/?periode=sinds-2019", "/"])
def test_390_geen_zijwaarts_scrollen_en_axe(dash_duo, app, pad: str) -> None:
    _open(dash_duo, app, pad, breedte=390)
    driver = dash_duo.driver
    breed, venster = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert venster == 390
    assert breed <= venster, (breed, venster)
    vak = driver.find_element(By.CSS_SELECTOR, ".nu .tabel-scroll")
    assert vak.get_attribute("tabindex") == "0" and vak.get_attribute("role") == "region"
    assert axe_overtredingen(driver) == []


def test_tabel_downloadt_in_alle_formaten_en_briefingpakket(dash_duo, app) -> None:
    import csv
    import io
    import shutil
    import zipfile
    from pathlib import Path

    import openpyxl

    from tests.e2e.test_export import _nieuw_bestand

    _open(dash_duo, app, "/")
    map_ = Path(dash_duo.download_path)
    gezien = {p.name for p in map_.iterdir()}
    bestanden = {}
    for formaat in ("png", "svg", "csv", "xlsx"):
        knop = dash_duo.find_element(f"#overzicht-nu-export-{formaat}")
        dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", knop)
        knop.click()
        bestand = _nieuw_bestand(map_, gezien)
        assert bestand.name.startswith("ketenmonitor_waar_staat_de_keten_nu_"), bestand.name
        bestanden[formaat] = bestand
    assert bestanden["png"].read_bytes().startswith(b"\x89PNG")
    assert "Waar staat de keten nu" in bestanden["svg"].read_text(encoding="utf-8")
    rijen = list(
        csv.DictReader(
            io.StringIO(bestanden["csv"].read_bytes().decode("utf-8-sig")), delimiter=";"
        )
    )
    assert [r["setting_id"] for r in rijen] == [s for b in KETEN.values() for s in b]
    boek = openpyxl.load_workbook(bestanden["xlsx"])
    assert boek.sheetnames == ["data", "toelichting", "bronnen"]
    assert boek["data"].max_row == len(rijen) + 1
    bewaar = Path(__import__("os").environ.get("KETENMONITOR_BEWAAR_EXPORT", ""))
    if bewaar.name:  # for a person to open the files (not needed for the assertions)
        bewaar.mkdir(parents=True, exist_ok=True)
        for b in bestanden.values():
            shutil.copy(b, bewaar / b.name)

    dash_duo.find_element("#overzicht-alles").click()
    pakket = zipfile.ZipFile(_nieuw_bestand(map_, gezien, timeout=90))
    namen = pakket.namelist()
    assert "README.txt" in namen
    assert {n.rsplit(".", 1)[1] for n in namen if n != "README.txt"} == {"png", "svg", "csv"}
    assert all("waar_staat_de_keten_nu" in n for n in namen if n != "README.txt")
    assert console_fouten(dash_duo) == []
