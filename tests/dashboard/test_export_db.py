"""Export on the real database: the files hold exactly what the chart plots, with sources."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from openpyxl import load_workbook

from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.gegevens import queries
from dashboard.gegevens.reeksen import maak_reeksen
from dashboard.logica.trends import bereken, laatste_gepubliceerde_jaar, params
from dashboard.onderdelen.state import lees
from dashboard.onderdelen.toolbar import KNOPPEN, werkbalk
from dashboard.uitvoer import bestanden, pakket
from etl.config import RAW_DIR

DATUM = date(2026, 11, 23)
IDS = ["jeugdhulp_totaal", "so_leerlingen", "kinderopvang_aandeel_kinderen"]


@pytest.fixture
def meta(met_database: Path) -> dict:
    return queries.indicator_meta()


def _geplot(figuur: dict) -> set[tuple[str, int, float]]:
    """(series name, year, y) of every drawn marker of the chart."""
    punten = set()
    for t in figuur["data"]:
        if t.get("mode") != "markers":
            continue
        for x, y in zip(t["x"], t["y"], strict=True):
            if y is not None and float(x).is_integer():
                punten.add((t["name"], int(x), round(y, 4)))
    return punten


@pytest.mark.parametrize("weergave", ["absoluut", "index", "verandering"])
def test_rijen_zijn_de_geplotte_punten(met_database: Path, weergave: str) -> None:
    staat = {
        "indicator": IDS,
        "weergave": weergave,
        "basisjaar": 2016,
        "van": 2015,
        "tot": 2024,
        "corona": True,
    }
    uit = bereken(staat)
    rijen = bestanden.rijen(uit["reeksen"], weergave)
    kolom = "waarde" if weergave == "absoluut" else "getoond"
    assert {(r["indicator"], r["jaar"], round(r[kolom], 4)) for r in rijen} == _geplot(
        uit["figuur"]
    )
    assert len(rijen) == len(_geplot(uit["figuur"]))
    assert all(r["bron_url"].startswith("http") for r in rijen)


def test_jaarbereik_en_corona_gerespecteerd(meta) -> None:
    reeksen = maak_reeksen(queries.jaarwaarden(["so_leerlingen"], 2017, 2022), meta)
    jaren = [r["jaar"] for r in bestanden.rijen(reeksen, "absoluut")]
    assert jaren and min(jaren) >= 2017 and max(jaren) <= 2022 and 2020 not in jaren


def _trends_export(search: str) -> Grafiekexport:
    """The wiring documented in dashboard/onderdelen/toolbar.py, as the Trends page would do it."""
    staat, _ = lees(params(), parse_qs(search.lstrip("?")))
    uit = bereken(staat)
    return Grafiekexport(uit["figuur"], uit["reeksen"], staat["weergave"], uit["van"], uit["tot"])


def test_excel_via_bedrading_noemt_elke_bron(met_database: Path) -> None:
    inhoud = _trends_export("?indicator=" + ",".join(IDS) + "&weergave=absoluut")
    inhoud.permalink = "http://127.0.0.1:8050/trends?indicator=x"
    inhoud.toelichting_bronnen = queries.bronnen()
    inhoud.indicator_meta = queries.indicator_meta()
    data, naam = pakket.maak_bestand(inhoud, "xlsx", DATUM)
    laatste = laatste_gepubliceerde_jaar()  # the default end of the range
    assert naam == f"ketenmonitor_jeugdhulp_totaal_en_2_meer_2015-{laatste}_20261123.xlsx"
    boek = load_workbook(io.BytesIO(data))
    tekst = " ".join(
        str(c.value) for rij in boek["toelichting"].iter_rows() for c in rij if c.value
    )
    urls = {r["bron_url"] for r in bestanden.rijen(inhoud.reeksen, "absoluut")}
    assert urls and all(url in tekst for url in urls)
    assert "CC BY 4.0" in tekst  # CBS sources carry their licence
    assert inhoud.titel in tekst and "trends?indicator=x" in tekst
    waarden = [c.value for c in boek["data"]["F"][1:]]
    assert all(isinstance(w, int | float) for w in waarden)


def test_csv_via_bedrading(met_database: Path) -> None:
    inhoud = _trends_export("?indicator=so_leerlingen&weergave=index&van=2016&tot=2023")
    data, naam = pakket.maak_bestand(inhoud, "csv", DATUM)
    assert naam == "ketenmonitor_so_leerlingen_2016-2023_20261123.csv"
    rijen = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    eerste = rijen[0]
    assert eerste["jaar"] == "2016" and eerste["getoond"] == "100"
    assert eerste["status"] in ("gepubliceerd", "voorlopig", "afgeleid")


def test_tabel_inhoud_alleen_bekende_tabellen(met_database: Path) -> None:
    kolommen, rijen = queries.tabel_inhoud("bron")
    assert "url" in kolommen and rijen
    for slecht in ("bouw", "bron; DROP TABLE bron", "pg_catalog.pg_tables", 'bron"'):
        with pytest.raises(ValueError):
            queries.tabel_inhoud(slecht)


def test_volledige_download(met_database: Path) -> None:
    data = pakket.volledige_download(
        queries.tabel_inhoud,
        queries.DOWNLOADTABELLEN,
        queries.descriptor(),
        queries.bouwinfo(),
        DATUM,
    )
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        namen = set(z.namelist())
        assert namen == {f"{t}.csv" for t in queries.DOWNLOADTABELLEN} | {
            "datapackage.json",
            "README.txt",
        }
        descriptor = json.loads(z.read("datapackage.json"))
        for resource in descriptor["resources"]:
            inhoud = z.read(f"{resource['name']}.csv")
            assert inhoud.startswith(b"\xef\xbb\xbf")
            kop = next(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
            assert kop == [f["name"] for f in resource["schema"]["fields"]]
            assert resource["dialect"] == {"delimiter": ";"}
        waarnemingen = list(
            csv.DictReader(io.StringIO(z.read("waarneming.csv").decode("utf-8-sig")), delimiter=";")
        )
        assert len(waarnemingen) == len(queries.tabel_inhoud("waarneming")[1])
        leesmij = z.read("README.txt").decode("utf-8")
        for tekst in ("CC BY 4.0", "CBS", "voorlopig", "gebouwd op", "https://"):
            assert tekst in leesmij
        assert queries.bouwinfo()["data_versie"] in leesmij


def test_alle_gegevens_zonder_data_raw(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A replica has only the .duckdb: "Alle gegevens" describes the tables from the
    descriptor stored in the build, and no file named datapackage.json is read."""
    import base64
    import builtins
    import shutil

    import dashboard.app  # noqa: F401  the pages register on the app
    from dashboard.pages import bronnen

    replica = tmp_path / "replica" / "ketenmonitor.duckdb"
    replica.parent.mkdir()
    shutil.copy(database, replica)
    monkeypatch.setenv("KETENMONITOR_DB", str(replica))
    echt_open = builtins.open

    def zonder_descriptor(bestand, *args, **kwargs):
        if str(bestand).endswith("datapackage.json"):
            raise FileNotFoundError(bestand)
        return echt_open(bestand, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", zonder_descriptor)
    monkeypatch.setattr(Path, "read_text", lambda *_a, **_k: (_ for _ in ()).throw(OSError()))
    download, melding = bronnen.download_alles(1)
    assert "is klaar" in melding, melding
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(download["content"]))) as z:
        descriptor = json.loads(z.read("datapackage.json"))
    monkeypatch.undo()
    echt = json.loads((RAW_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == [r["name"] for r in echt["resources"]]
    assert descriptor["resources"][0]["dialect"] == {"delimiter": ";"}


def test_werkbalk_knoppen_hebben_nederlandse_namen() -> None:
    balk = werkbalk("proef")
    knoppen = balk.children[0].children
    assert [k.children for k in knoppen] == ["PNG", "SVG", "CSV", "Excel", "Link kopiëren"]
    for knop in knoppen:
        naam = getattr(knop, "aria-label")
        assert naam.startswith(knop.children)  # label in name (WCAG 2.5.3)
        assert knop.type == "button"
    melding = balk.children[-1]
    assert melding.role == "status" and getattr(melding, "aria-live") == "polite"
    assert len(KNOPPEN) == 4


def test_csv_en_excel_dragen_beide_grenzen(meta) -> None:
    """DUO's BO 2015 sums three '<5' cells: 1,443,072 to 1,443,081."""
    reeksen = maak_reeksen(queries.jaarwaarden(["po_regulier_leerlingen"], 2015, 2017), meta)
    rijen = {r["jaar"]: r for r in bestanden.rijen(reeksen, "absoluut")}
    assert (rijen[2015]["ondergrens"], rijen[2015]["bovengrens"]) == (1443072, 1443081)
    assert (rijen[2017]["ondergrens"], rijen[2017]["bovengrens"]) == (None, None)  # exact
    tekst = bestanden.naar_csv(list(rijen.values()), bestanden.KOLOMMEN).decode("utf-8-sig")
    kop, *regels = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    r2015 = dict(zip(kop, regels[0], strict=True))
    assert (r2015["waarde"], r2015["ondergrens"], r2015["bovengrens"]) == (
        "1443072",
        "1443072",
        "1443081",
    )
    boek = load_workbook(io.BytesIO(bestanden.naar_xlsx(list(rijen.values()), {})))
    blad = boek["data"]
    kolommen = [c.value for c in blad[1]]
    waarden = {
        blad.cell(i, kolommen.index("jaar") + 1).value: blad.cell(
            i, kolommen.index("bovengrens") + 1
        ).value
        for i in range(2, blad.max_row + 1)
    }
    assert waarden[2015] == 1443081 and waarden[2017] is None
