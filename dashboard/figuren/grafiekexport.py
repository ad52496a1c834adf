"""Figures: `Grafiekexport`, the view-model of one chart card that pages and exports share.

It lives apart from the export machinery so a page can describe its chart (figure, series,
period, permalink, omissions) without importing CSV, Excel or the renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.citatie import CURSIEF_TEKST, citeerregel
from dashboard.figuren.theme import producenten_van
from dashboard.gegevens.reeksen import Reeks, bronnen_van


@dataclass
class Grafiekexport:
    """Everything one chart card can export: what the toolbar's page function returns."""

    figuur: dict[str, Any]
    reeksen: list[Reeks]
    weergave: str
    van: int
    tot: int
    permalink: str = ""
    toelichting_bronnen: list[dict[str, Any]] = field(default_factory=list)
    indicator_meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    momenten: list[dict[str, Any]] = field(default_factory=list)
    """Policy events drawn as numbered lines (Trends with beleid=1), in number order."""
    meldingen: list[str] = field(default_factory=list)
    """What the view left out and why (no base-year value, points across a trend break)."""
    tabel: list[dict[str, Any]] | None = None
    """For a card that is a table: its rows for CSV/Excel, one dict per table row with the
    table's own columns (the figure is then the table's chart form for PNG/SVG)."""
    bestandsdeel: str = ""
    """The file name's subject instead of the first indicator id (a table spans many)."""
    voorbehoud: str = ""
    """What the chart counts, printed under an image export (a map of 'pupils at locations'
    must not travel without it)."""
    kolomnamen: dict[str, str] = field(default_factory=dict)
    """Renamed data columns for this export (the region map: `indicator` holds a region)."""
    data_versie_kort: str = ""
    """The data version on screen (filled by the toolbar from the open build)."""
    gebouwd_op: Any = None
    """When that data version was built: the date a citation gives."""

    @property
    def titel(self) -> str:
        return _platte_tekst(self.figuur.get("layout", {}).get("title", {}).get("text", ""))[0]

    @property
    def ondertitel(self) -> str:
        delen = _platte_tekst(self.figuur.get("layout", {}).get("title", {}).get("text", ""))
        return delen[1] if len(delen) > 1 else ""

    @property
    def indicator_ids(self) -> list[str]:
        return list(dict.fromkeys(r.indicator_id for r in self.reeksen))

    @property
    def voetnoot(self) -> str:
        delen = [self.voorbehoud] if self.voorbehoud else []
        if self.meldingen:
            n = len(self.meldingen)
            delen.append(
                f"{n} {'reeks' if n == 1 else 'reeksen'} (deels) niet getoond in deze weergave "
                "(zie toelichting in de Excel-export)"
            )
        if self.momenten:
            delen.append(
                f"Genummerde lijnen 1–{len(self.momenten)}: beleidsmomenten "
                "(lijst in de Excel-export en het briefingpakket)"
            )
        return " · ".join(delen)

    def citeerregel(self, cursief: tuple[str, str] = CURSIEF_TEKST) -> str:
        """This chart's citation line (`dashboard.figuren.citatie`): title, data version,
        permalink and the producers of every plotted point."""
        return citeerregel(
            self.titel,
            self.data_versie_kort,
            self.gebouwd_op,
            self.permalink,
            [naam for naam, _titel, _url in bronnen_van(self.reeksen)]
            or producenten_van(self.figuur),
            cursief,
        )

    def momentregels(self) -> list[str]:
        """'3. 16 december 2024: <titel> (<soort>) — <url>', one per numbered line."""
        return [
            f"{nr}. {nl.datum(m['datum'])}: {m['titel']} ({m['soort']}) — {m['url']}"
            for nr, m in enumerate(self.momenten, start=1)
        ]


def _platte_tekst(html_tekst: str) -> list[str]:
    """Title HTML ('<b>t</b><br><span>s</span>') as plain lines."""
    return [re.sub(r"<[^>]+>", "", d).strip() for d in str(html_tekst).split("<br>")]
