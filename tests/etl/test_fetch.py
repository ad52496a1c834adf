"""`python -m etl fetch`: a mocked cbsodata client only; these tests never touch the network."""

from __future__ import annotations

import json
import shutil
import sys
import types
from datetime import date
from pathlib import Path

import pytest

from etl.__main__ import main
from etl.fetch import haal_op
from etl.importers import lees_importen
from etl.importers.manifest import sha256

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def _nep_cbsodata(monkeypatch: pytest.MonkeyPatch, download_data) -> list[dict]:
    aanroepen: list[dict] = []

    def opnemen(tabel_id, **kwargs):
        aanroepen.append({"tabel_id": tabel_id, **kwargs})
        return download_data(tabel_id, **kwargs)

    monkeypatch.setitem(sys.modules, "cbsodata", types.SimpleNamespace(download_data=opnemen))
    return aanroepen


def test_fetch_schrijft_gedateerde_snapshot(raw: Path, monkeypatch) -> None:
    def kopieer(tabel_id, dir, **_):
        shutil.copytree(FIXTURES / tabel_id, dir)

    aanroepen = _nep_cbsodata(monkeypatch, kopieer)
    shutil.rmtree(raw / "import")
    (raw / "import").mkdir()
    [doel] = haal_op(raw, ["82965ned"], vandaag=date(2025, 1, 15))
    assert doel == raw / "import" / "82965NED-2025-01-15"
    assert aanroepen[0]["typed"] is True and aanroepen[0]["timeout"] > 0
    herkomst = json.loads((doel / "download.json").read_text(encoding="utf-8"))
    assert herkomst["geraadpleegd"] == "2025-01-15"
    manifest = json.loads((raw / "import" / "manifest.json").read_text(encoding="utf-8"))
    [regel] = manifest["bestanden"]
    assert regel["pad"] == "82965NED-2025-01-15" and regel["geraadpleegd"] == "2025-01-15"
    assert regel["uitgever"] == "CBS" and regel["licentie"] == "CC BY 4.0"
    assert regel["titel"] == "StatLine 82965NED: Jeugdzorg in natura; regio, 2015-2017"
    assert regel["url"] == "https://www.cbs.nl/nl-nl/cijfers/detail/82965NED"
    assert regel["sha256"] == sha256(doel) and "etl fetch" in regel["herkomst"]

    # A mapping entry without 'bestand' picks the newest snapshot and its download date.
    mapping = json.loads((FIXTURES / "mapping.json").read_text(encoding="utf-8"))
    odata = mapping["tabellen"][0]
    del odata["bestand"], odata["geraadpleegd"]
    (raw / "import" / "mapping.json").write_text(json.dumps({"tabellen": [odata]}))
    problemen, [tabel] = lees_importen(raw)
    assert problemen == []
    assert tabel.bron["geraadpleegd"] == "2025-01-15" and len(tabel.waarnemingen) == 3


def test_fetch_offline_faalt_snel_en_duidelijk(raw: Path, monkeypatch, capsys) -> None:
    class ConnectionError(OSError):  # the name requests uses
        pass

    def offline(tabel_id, dir, **_):
        Path(dir).mkdir(parents=True)
        raise ConnectionError("Name or service not known")

    _nep_cbsodata(monkeypatch, offline)
    shutil.rmtree(raw / "import")
    code = main(["fetch", "--raw", str(raw), "82965NED"])
    fout = capsys.readouterr().err
    assert code == 4
    assert "geen verbinding met CBS open data" in fout and "Traceback" not in fout
    assert not (raw / "import").exists() or list((raw / "import").iterdir()) == []


def test_fetch_zonder_cbsodata(raw: Path, monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "cbsodata", None)  # import fails as if not installed
    assert main(["fetch", "--raw", str(raw)]) == 4
    assert "pip install -e '.[fetch]'" in capsys.readouterr().err


def test_fetch_zonder_gemapte_tabellen(raw: Path, monkeypatch, capsys) -> None:
    _nep_cbsodata(monkeypatch, lambda *a, **k: None)
    assert main(["fetch", "--raw", str(raw)]) == 4
    assert "geen CBS-tabellen om op te halen" in capsys.readouterr().err
