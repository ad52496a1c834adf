"""Publisher importers on real-format samples: values equal the published figures in data/raw.

The samples in tests/fixtures/import hold only figures that are already in
data/raw/waarneming.csv (see tests/fixtures/import/README.md). Because the import refuses to
duplicate a hand-entered row, each test first removes the hand rows the samples supply, then
checks the imported value against the removed one.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from etl.build import bouw
from etl.config import RAW_DIR
from etl.importers import lees_importen
from etl.importers.basis import periode_uit_code, periode_uit_label
from etl.problems import ValidatieFout
from etl.validate import valideer, valideer_met_imports
from tests.conftest import lees_csv, schrijf_csv, vervang_import
from tests.etl.manifesthulp import hernoem, herstempel

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
SLEUTEL = ("indicator_id", "periode_van", "uitsplitsing", "categorie")
CSV_NAAM = "83296NED_2025-01-15.csv"
DUO_NAAM = "06-leerlingen-speciaal-basisonderwijs-naar-onderwijssoort-2018.csv"


def _sleutel(rij: dict) -> tuple[str, str, str, str]:
    return (rij["indicator_id"], str(rij["periode_van"]), rij["uitsplitsing"], rij["categorie"])


def _geimporteerd(raw: Path) -> list[dict]:
    herstempel(raw)
    problemen, tabellen = lees_importen(raw)
    assert problemen == [], [str(p) for p in problemen]
    return [w for t in tabellen for w in t.waarnemingen]


@pytest.fixture
def met_import(raw: Path) -> Path:
    """data/raw copy with the samples in raw/import (hand rows still present)."""
    vervang_import(raw, FIXTURES)
    return raw


@pytest.fixture
def vervangen(met_import: Path) -> tuple[Path, dict[tuple, dict]]:
    """As `met_import`, with the hand rows the samples supply removed; returns those rows."""
    sleutels = {_sleutel(w) for w in _geimporteerd(met_import)}
    rijen = lees_csv(met_import / "waarneming.csv")
    weg = {_sleutel(r): r for r in rijen if _sleutel(r) in sleutels}
    assert len(weg) == len(sleutels) == 28
    schrijf_csv(met_import / "waarneming.csv", [r for r in rijen if _sleutel(r) not in weg])
    return met_import, weg


def _problemen(raw: Path) -> list[str]:
    herstempel(raw)
    problemen, tabellen = valideer(raw)
    assert problemen, "verwacht minstens één probleem"
    assert tabellen == {}, "niets half geladen"
    return [str(p) for p in problemen]


# --- values equal the published figures ------------------------------------------------------


def test_elke_geimporteerde_waarde_is_de_gepubliceerde(met_import: Path) -> None:
    hand = {_sleutel(r): r for r in lees_csv(RAW_DIR / "waarneming.csv")}
    for w in _geimporteerd(met_import):
        bekend = hand[_sleutel(w)]
        assert w["waarde"] == float(bekend["waarde"]), w
        if w["status"] != "afgeleid":  # DUO sums are computed, so 'afgeleid'
            assert w["status"] == bekend["status"], w


def test_statussen_per_formaat(met_import: Path) -> None:
    per_bron: dict[str, set[str]] = {}
    for w in _geimporteerd(met_import):
        per_bron.setdefault(w["bron_id"], set()).add(w["status"])
    assert per_bron == {
        "cbs-82965ned-import": {"gepubliceerd"},  # period title '2017' has no mark
        "cbs-83296ned-import": {"voorlopig"},  # period label "2019/'20*"
        "duo-leerlingen-sbao-so-vso-2018-import": {"afgeleid"},
    }
    duo = [w for w in _geimporteerd(met_import) if w["bron_id"].startswith("duo")]
    assert all("som van kolom" in w["noot"] for w in duo)


def test_bron_legt_tabel_datum_en_url_vast(met_import: Path) -> None:
    _, tabellen = lees_importen(met_import)
    bronnen = {t.tabel_id: t.bron for t in tabellen}
    odata = bronnen["82965NED"]
    assert odata["datum"] == "2018-10-31"  # TableInfos.Modified
    assert odata["url"] == "https://www.cbs.nl/nl-nl/cijfers/detail/82965NED"
    assert "82965NED" in odata["titel"] and odata["licentie"] == "CC BY 4.0"
    csv_bron = bronnen["83296NED"]
    assert csv_bron["bron_id"] == "cbs-83296ned-import"
    assert csv_bron["datum"] == "2025-01-15"  # date in the export's file name
    assert csv_bron["url"].endswith("/83296NED")


def test_volledige_bouw_via_cli(vervangen, tmp_path: Path) -> None:
    from tests.etl.test_build import _cli

    raw, weg = vervangen
    db = tmp_path / "k.duckdb"
    uit = _cli("build", "--raw", str(raw), "--out", str(db))
    assert uit.returncode == 0, uit.stderr
    assert "geïmporteerd: 82965NED" in uit.stdout and "geïmporteerd: 83296NED" in uit.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        rijen = con.execute(
            """SELECT indicator_id, periode_van, uitsplitsing, categorie, waarde, b.url
               FROM waarneming JOIN bron b USING (bron_id) WHERE bron_id LIKE '%-import'"""
        ).fetchall()
    assert len(rijen) == len(weg) == 28
    for ind, jaar, uits, cat, waarde, url in rijen:
        assert waarde == float(weg[(ind, str(jaar), uits, cat)]["waarde"])
        assert url.startswith("https://")


def test_zonder_importmap_verandert_niets(raw: Path, tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    vervang_import(raw, tmp_path / "leeg")  # a folder without mapping.json imports nothing
    (raw / "import" / CSV_NAAM).write_text("kapot", encoding="utf-8")
    uitkomst = valideer_met_imports(raw)
    assert uitkomst.problemen == [] and uitkomst.imports == []
    _, echt = valideer(RAW_DIR)
    assert len(uitkomst.tabellen["regio_waarneming"]) == 0
    for naam, df in uitkomst.tabellen.items():  # hand-entered rows only
        importrijen = 0
        if naam in ("waarneming", "bron"):
            importrijen = echt[naam]["bron_id"].str.endswith("-import").sum()
        if naam == "revisie":  # revisions that hand a value to an imported file leave with it
            importrijen = echt[naam]["nieuwe_bron_id"].str.endswith("-import").sum()
        if naam == "reeksbreuk":  # so do breaks seen in an imported file
            importrijen = echt[naam]["bron_id"].str.endswith("-import").sum()
        if naam in ("regio", "regio_waarneming"):
            continue
        assert len(df) == len(echt[naam]) - importrijen, naam


# --- periods and marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "titel", "jaar", "soort", "teken"),
    [
        ("2019JJ00", "2019", 2019, "kalenderjaar", ""),
        ("2023JJ00", "2023*", 2023, "kalenderjaar", "*"),
        ("2022JJ00", "2022**", 2022, "kalenderjaar", "**"),
        ("2019SJ00", "2019/'20*", 2019, "schooljaar", "*"),
    ],
)
def test_periodecodes(code: str, titel: str, jaar: int, soort: str, teken: str) -> None:
    p = periode_uit_code(code, titel)
    assert (p.jaar, p.soort, p.teken) == (jaar, soort, teken)


@pytest.mark.parametrize(
    ("code", "reden"),
    [
        ("2019X000", "onbekende periodecode"),
        ("2019JJ01", "onbekende periodecode"),
        ("2019", "onbekende periodecode"),
    ],
)
def test_periodecodes_geweigerd(code: str, reden: str) -> None:
    with pytest.raises(ValueError, match=reden):
        periode_uit_code(code)


def test_periodelabels() -> None:
    assert periode_uit_label("2019/'20*").jaar == 2019
    assert periode_uit_label("2021**").teken == "**"
    assert periode_uit_label("2017").soort == "kalenderjaar"
    with pytest.raises(ValueError, match="onbekende periode"):
        periode_uit_label("2019 voorjaar")


def test_punt_geeft_geen_rij_en_telt_mee(met_import: Path) -> None:
    pad = met_import / "import" / "82965NED" / "TypedDataSet.json"
    data = json.loads(pad.read_text(encoding="utf-8"))
    data[0]["JeugdhulpMetVerblijf_9"] = None  # how TypedDataSet carries '.'
    pad.write_text(json.dumps(data), encoding="utf-8")
    csv_pad = met_import / "import" / CSV_NAAM
    csv_pad.write_text(csv_pad.read_text().replace('"584"', '"."'), encoding="utf-8")
    herstempel(met_import)
    _, tabellen = lees_importen(met_import)
    per_id = {t.tabel_id: t for t in tabellen}
    assert len(per_id["82965NED"].waarnemingen) == 2
    assert per_id["82965NED"].overgeslagen == {"onbekend": 1}
    assert per_id["83296NED"].overgeslagen == {"onbekend": 1}
    assert "overgeslagen: 1 onbekend" in per_id["83296NED"].samenvatting()


# --- bad publisher files ------------------------------------------------------------------------


def test_hernoemde_kolom_csv(met_import: Path) -> None:
    pad = met_import / "import" / CSV_NAAM
    pad.write_text(pad.read_text().replace("Speciale scholen, VO (aantal)", "VO (aantal)"))
    problemen = _problemen(met_import)
    assert any(
        f"{CSV_NAAM}:2: Speciale scholen, VO (aantal): kolom ontbreekt" in p
        and "verwacht 'Speciale scholen, VO (aantal)'" in p
        and "'VO (aantal)'" in p
        for p in problemen
    ), problemen


def test_hernoemde_kolom_duo(met_import: Path) -> None:
    pad = met_import / "import" / DUO_NAAM
    pad.write_text(pad.read_text().replace(";SO;", ";AANTAL SO;"))
    problemen = _problemen(met_import)
    assert any(f"{DUO_NAAM}:1: SO:" in p and "'AANTAL SO'" in p for p in problemen), problemen


def test_hernoemd_onderwerp_odata(met_import: Path) -> None:
    pad = met_import / "import" / "82965NED" / "DataProperties.json"
    pad.write_text(pad.read_text().replace("JeugdhulpMetVerblijf_9", "JeugdhulpMetVerblijf_10"))
    problemen = _problemen(met_import)
    assert any(
        "DataProperties.json:1: JeugdhulpMetVerblijf_9: kolom ontbreekt" in p
        and "JeugdhulpMetVerblijf_10" in p
        for p in problemen
    ), problemen


def test_alleen_kwartalen_geeft_de_reden(met_import: Path) -> None:
    pad = met_import / "import" / "82965NED" / "TypedDataSet.json"
    pad.write_text(pad.read_text().replace("2017JJ00", "2017KW04"))
    problemen = _problemen(met_import)
    assert any(
        "TypedDataSet.json: TotaalJeugdzorgInNatura_1: de selectie voor jeugdzorg_totaal levert"
        " geen enkel cijfer (overgeslagen: 1× kwartaal)" in p
        for p in problemen
    ), problemen


def test_onbekende_periodecode(met_import: Path) -> None:
    pad = met_import / "import" / "82965NED" / "TypedDataSet.json"
    pad.write_text(pad.read_text().replace("2017JJ00", "2017X000"))
    problemen = _problemen(met_import)
    assert any("TypedDataSet.json:1: Perioden: onbekende periodecode" in p for p in problemen), (
        problemen
    )


def test_onbekende_periode_csv(met_import: Path) -> None:
    pad = met_import / "import" / CSV_NAAM
    pad.write_text(pad.read_text().replace("2020/'21*", "2020 voorjaar", 1))
    problemen = _problemen(met_import)
    assert any(f"{CSV_NAAM}:7: Perioden: onbekende periode" in p for p in problemen), problemen


def test_onbekend_statusteken(met_import: Path) -> None:
    pad = met_import / "import" / CSV_NAAM
    pad.write_text(pad.read_text().replace('"8273"', '"8273x"'))
    problemen = _problemen(met_import)
    assert any(f"{CSV_NAAM}:5:" in p and "onbekend statusteken 'x'" in p for p in problemen)


def test_onbekend_teken_zonder_getal(met_import: Path) -> None:
    pad = met_import / "import" / CSV_NAAM
    pad.write_text(pad.read_text().replace('"8273"', '"-"'))
    assert any("onbekend statusteken '-'" in p for p in _problemen(met_import))


def test_tabel_id_klopt_niet_odata(met_import: Path) -> None:
    pad = met_import / "import" / "82965NED" / "TableInfos.json"
    pad.write_text(pad.read_text().replace('"Identifier": "82965NED"', '"Identifier": "85099NED"'))
    problemen = _problemen(met_import)
    assert any(
        "TableInfos.json: Identifier: tabel-id klopt niet met de mapping: verwacht '82965NED',"
        " gevonden '85099NED'" in p
        for p in problemen
    ), problemen


def test_tabel_id_klopt_niet_csv(met_import: Path) -> None:
    hernoem(met_import, CSV_NAAM, "83295NED_2025-01-15.csv")
    mapping = met_import / "import" / "mapping.json"
    mapping.write_text(mapping.read_text().replace(CSV_NAAM, "83295NED_2025-01-15.csv"))
    assert any("verwacht '83296NED', gevonden 83295NED" in p for p in _problemen(met_import))


def test_onbekende_indicator_in_mapping(met_import: Path) -> None:
    mapping = met_import / "import" / "mapping.json"
    mapping.write_text(mapping.read_text().replace('"jeugdzorg_totaal"', '"jeugdzorg_alles"'))
    assert any("onbekende indicator 'jeugdzorg_alles'" in p for p in _problemen(met_import))


def test_dubbel_met_handmatige_rij_is_een_fout(met_import: Path) -> None:
    problemen = _problemen(met_import)
    hand = {_sleutel(r): i + 2 for i, r in enumerate(lees_csv(RAW_DIR / "waarneming.csv"))}
    regel = hand[("jeugdzorg_totaal", "2017", "totaal", "totaal")]
    assert any(
        "82965NED/TypedDataSet.json:1: indicator_id: dubbel met een handmatige waarneming"
        f" (waarneming.csv:{regel})" in p
        for p in problemen
    ), problemen


def test_kruisregels_wijzen_naar_het_importbestand(vervangen) -> None:
    """Imported rows obey the same pandera rules, reported at the publisher file's line."""
    raw, _ = vervangen
    pad = raw / "import" / CSV_NAAM
    pad.write_text(pad.read_text().replace('"1746"', '"-1746"'))
    problemen = _problemen(raw)
    assert any(f"{CSV_NAAM}:5: waarde: een aantal kan niet negatief zijn" in p for p in problemen)


def test_slechte_import_laat_database_intact(vervangen, tmp_path: Path) -> None:
    raw, _ = vervangen
    doel = tmp_path / "k.duckdb"
    bouw(raw, doel)
    voor = doel.read_bytes()
    pad = raw / "import" / DUO_NAAM
    pad.write_text(pad.read_text().replace("10290", "tien"))
    herstempel(raw)
    with pytest.raises(ValidatieFout) as fout:
        bouw(raw, doel)
    assert any(f"{DUO_NAAM}:7: SO:" in str(p) for p in fout.value.problemen)
    assert doel.read_bytes() == voor
