"""Trends' search: counts inside the setting filter and matches the filter hides."""

from __future__ import annotations

from pathlib import Path

from dashboard.logica.trends import indicator_opties, zoekstatus_tekst, zoektelling


def test_telling_binnen_en_buiten_het_settingfilter(met_database: Path) -> None:
    alles = zoektelling([], "")
    assert alles["getoond"] == alles["totaal"] == len(indicator_opties([], "", []))
    assert alles["elders"] == 0
    # sbo's own series live in setting sbo: under setting=so they are "elders"
    so = zoektelling(["so"], "sbo")
    overal = zoektelling([], "sbo")
    assert so["elders"] > 0
    assert so["getoond"] + so["elders"] == overal["getoond"] < alles["totaal"]
    # the list shows the same matches as the count, plus what is chosen
    assert len(indicator_opties(["so"], "sbo", [])) == so["getoond"]
    assert len(indicator_opties(["so"], "sbo", ["sbo_leerlingen"])) == so["getoond"] + 1


def test_zoekstatus_zegt_wat_het_filter_verbergt(met_database: Path) -> None:
    tekst, elders = zoekstatus_tekst(["so"], " sbo ")
    assert elders == zoektelling(["so"], "sbo")["elders"] > 1
    assert tekst.endswith(f"met ‘sbo’; {elders} treffers in andere settings.")
    # without a search a setting filter hides nothing worth a hint
    tekst, elders = zoekstatus_tekst(["so"], "")
    assert elders == 0 and "andere" not in tekst
