"""Every kind of bad raw input gets a `path:line: column: reason` problem, and all are listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.validate import valideer
from tests.conftest import lees_csv, schrijf_csv, wijzig_rij


def _problemen(raw: Path) -> list[str]:
    problemen, tabellen = valideer(raw)
    assert problemen, "verwacht minstens één probleem"
    assert tabellen == {}
    return [str(p) for p in problemen]


def _eerste_aantal(rij: dict[str, str]) -> bool:
    return rij["indicator_id"] == "so_leerlingen" and rij["categorie"] == "totaal"


def _eerste_procent(rij: dict[str, str]) -> bool:
    return rij["indicator_id"] == "kinderopvang_aandeel_kinderen"


def test_echte_data_is_geldig() -> None:
    from etl.config import RAW_DIR

    problemen, tabellen = valideer(RAW_DIR)
    assert problemen == []
    assert len(tabellen["waarneming"]) > 400


def test_ontbrekend_bestand(raw: Path) -> None:
    (raw / "signaal.csv").unlink()
    assert any("signaal.csv: -: bestand ontbreekt" in p for p in _problemen(raw))


def test_leeg_bestand(raw: Path) -> None:
    (raw / "wet.csv").write_text("")
    assert any("wet.csv: -: bestand is leeg" in p for p in _problemen(raw))


def test_ontbrekende_kolom(raw: Path) -> None:
    rijen = lees_csv(raw / "setting.csv")
    schrijf_csv(raw / "setting.csv", rijen, [k for k in rijen[0] if k != "volgorde"])
    assert any(p.startswith(f"{raw}/setting.csv:1: ") and "volgorde" in p for p in _problemen(raw))


def test_onbekende_kolom(raw: Path) -> None:
    rijen = lees_csv(raw / "doelgroep.csv")
    for r in rijen:
        r["extra"] = "x"
    schrijf_csv(raw / "doelgroep.csv", rijen)
    assert any("doelgroep.csv:1: extra: onbekende kolom" in p for p in _problemen(raw))


def test_hernoemde_kolom_noemt_verwacht_en_gevonden(raw: Path) -> None:
    tekst = (raw / "bron.csv").read_text(encoding="utf-8")
    (raw / "bron.csv").write_text(tekst.replace("uitgever", "publisher", 1), encoding="utf-8")
    problemen = _problemen(raw)
    assert any("bron.csv:1:" in p and "'uitgever'" in p and "'publisher'" in p for p in problemen)


def test_niet_numerieke_waarde(raw: Path) -> None:
    regel = wijzig_rij(raw / "waarneming.csv", _eerste_aantal, waarde="veel")
    assert any(
        f"waarneming.csv:{regel}: waarde: waarde heeft niet het juiste type: 'veel'" in p
        for p in _problemen(raw)
    )


def test_decimaalkomma(raw: Path) -> None:
    regel = wijzig_rij(raw / "waarneming.csv", _eerste_procent, waarde="40,5")
    problemen = _problemen(raw)
    assert any(f"waarneming.csv:{regel}: waarde:" in p and "decimaalkomma" in p for p in problemen)


def test_dubbele_sleutel(raw: Path) -> None:
    rijen = lees_csv(raw / "waarneming.csv")
    schrijf_csv(raw / "waarneming.csv", [*rijen, rijen[10]])
    regel = len(rijen) + 2
    assert any(
        f"waarneming.csv:{regel}:" in p and "sleutel komt dubbel voor" in p for p in _problemen(raw)
    )


@pytest.mark.parametrize(
    ("bestand", "kies", "kolom"),
    [
        ("waarneming.csv", lambda r: True, "bron_id"),
        ("waarneming.csv", lambda r: True, "indicator_id"),
        ("indicator.csv", lambda r: True, "setting_id"),
        ("maatregel.csv", lambda r: True, "actielijn_id"),
    ],
)
def test_onbekende_verwijzing(raw: Path, bestand: str, kies, kolom: str) -> None:
    waarde = "9" if kolom == "actielijn_id" else "bestaat_niet"
    regel = wijzig_rij(raw / bestand, kies, **{kolom: waarde})
    assert any(
        f"{bestand}:{regel}: {kolom}: verwijzing naar een onbekende sleutel" in p
        for p in _problemen(raw)
    )


def test_percentage_buiten_0_100(raw: Path) -> None:
    regel = wijzig_rij(raw / "waarneming.csv", _eerste_procent, waarde="140")
    assert (
        f"{raw}/waarneming.csv:{regel}: waarde: een percentage ligt tussen 0 en 100"
        in _problemen(raw)
    )


def test_negatief_aantal(raw: Path) -> None:
    regel = wijzig_rij(raw / "waarneming.csv", _eerste_aantal, waarde="-5")
    assert f"{raw}/waarneming.csv:{regel}: waarde: een aantal kan niet negatief zijn" in _problemen(
        raw
    )


def test_status_buiten_enum(raw: Path) -> None:
    regel = wijzig_rij(raw / "waarneming.csv", _eerste_aantal, status="definitief")
    assert any(
        f"waarneming.csv:{regel}: status:" in p and "'definitief'" in p for p in _problemen(raw)
    )


def test_omgekeerde_periode(raw: Path) -> None:
    regel = wijzig_rij(
        raw / "waarneming.csv", _eerste_aantal, periode_van="2019", periode_tot="2016"
    )
    assert (
        f"{raw}/waarneming.csv:{regel}: periode_tot: periode_van ligt na periode_tot "
        "(omgekeerde periode)" in _problemen(raw)
    )


def test_gepubliceerd_zonder_citaat(raw: Path) -> None:
    regel = wijzig_rij(raw / "waarneming.csv", _eerste_aantal, citaat="")
    assert (
        f"{raw}/waarneming.csv:{regel}: citaat: een gepubliceerde of voorlopige waarde heeft "
        "een letterlijk citaat" in _problemen(raw)
    )


def test_zonder_bron(raw: Path) -> None:
    regel = wijzig_rij(raw / "waarneming.csv", _eerste_aantal, bron_id="")
    assert any(f"waarneming.csv:{regel}: bron_id:" in p for p in _problemen(raw))


def test_afgeleid_zonder_formule(raw: Path) -> None:
    regel = wijzig_rij(raw / "waarneming.csv", lambda r: r["status"] == "afgeleid", noot="")
    assert (
        f"{raw}/waarneming.csv:{regel}: noot: een afgeleide waarde heeft haar formule in de noot"
        in _problemen(raw)
    )


def test_geen_utf8(raw: Path) -> None:
    pad = raw / "actielijn.csv"
    regels = pad.read_bytes().split(b"\n")
    regels[3] = regels[3].replace(b"e", "é".encode("latin-1"), 1)
    pad.write_bytes(b"\n".join(regels))
    assert any("actielijn.csv:4: -: bestand is geen geldige UTF-8" in p for p in _problemen(raw))


def test_bom_wordt_geaccepteerd(raw: Path) -> None:
    pad = raw / "waarneming.csv"
    pad.write_bytes(b"\xef\xbb\xbf" + pad.read_bytes())
    problemen, tabellen = valideer(raw)
    assert problemen == []
    assert tabellen["waarneming"].columns[0] == "indicator_id"


def test_spatie_rond_sleutel_wordt_geweigerd(raw: Path) -> None:
    """Decision: ids with stray whitespace are an editing error; we reject, never trim."""
    regel = wijzig_rij(raw / "bron.csv", lambda r: True, bron_id=" cbs-83296ned")
    problemen = _problemen(raw)
    assert any(f"bron.csv:{regel}: bron_id:" in p and "pattern" in p for p in problemen)


def test_alle_problemen_in_een_keer(raw: Path) -> None:
    r1 = wijzig_rij(raw / "waarneming.csv", _eerste_procent, waarde="140")
    r2 = wijzig_rij(raw / "waarneming.csv", _eerste_aantal, status="definitief")
    (raw / "wet.csv").write_text("")
    problemen = _problemen(raw)
    assert any(f"waarneming.csv:{r1}: waarde" in p for p in problemen)
    assert any(f"waarneming.csv:{r2}: status" in p for p in problemen)
    assert any("wet.csv: -: bestand is leeg" in p for p in problemen)
