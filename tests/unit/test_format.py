from datetime import date, datetime

from dashboard.figuren import format as nl


def test_getal_nederlands() -> None:
    assert nl.getal(1234567) == "1.234.567"
    assert nl.getal(12.84) == "12,8"
    assert nl.getal(0.5, 2) == "0,50"
    assert nl.getal(None) == "–"


def test_met_eenheid() -> None:
    assert nl.met_eenheid(12, "procent verandering") == "+12%"
    assert nl.met_eenheid(-3.5, "procent verandering") == "-3,5%"
    assert nl.met_eenheid(9, "procent") == "9%"
    assert nl.met_eenheid(34510, "aantal") == "34.510"


def test_datum() -> None:
    assert nl.datum(date(2024, 12, 16)) == "16 december 2024"
    assert nl.datum("2019-07") == "juli 2019"
    assert nl.datum("2021") == "2021"
    assert nl.datum(datetime(2026, 1, 2, 9, 5)) == "2 januari 2026, 09:05"


def test_periode() -> None:
    assert nl.periode(2019, 2019, "schooljaar") == "2019/20"
    assert nl.periode(2016, 2019) == "2016–2019"
    assert nl.periode(None, None) == "periode niet genoemd"
