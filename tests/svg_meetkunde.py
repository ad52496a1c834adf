"""Boxes of the legend and annotations in a Plotly SVG, and its font sizes (for export tests).

Plotly places every group with `transform="translate(x,y)"`; a box is the sum of its
ancestors' translations plus its `rect.bg` size. Good enough to prove two boxes apart.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

_VERSCHUIF = re.compile(r"translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)")


@dataclass
class Vak:
    soort: str
    x: float
    y: float
    breedte: float
    hoogte: float
    tekst: str

    def snijdt(self, ander: Vak) -> bool:
        return not (
            self.x + self.breedte <= ander.x
            or ander.x + ander.breedte <= self.x
            or self.y + self.hoogte <= ander.y
            or ander.y + ander.hoogte <= self.y
        )


def vakken(svg: str) -> list[Vak]:
    """The legend box and one box per annotation, in SVG pixels."""
    uit: list[Vak] = []

    def loop(el: ET.Element, dx: float, dy: float, soort: str | None) -> None:
        m = _VERSCHUIF.search(el.get("transform") or "")
        if m:
            dx, dy = dx + float(m.group(1)), dy + float(m.group(2))
        klasse = el.get("class") or ""
        if klasse in ("legend", "annotation"):
            soort = klasse
            tekst = "".join(el.itertext())
            achtergrond = next(
                (r for r in el.iter() if r.tag.endswith("rect") and r.get("class") == "bg"), None
            )
            if achtergrond is not None:
                # the bg rect's own translations sit below this element: walk to it
                uit.append(_vak(el, achtergrond, dx, dy, soort, tekst))
            return
        for kind in el:
            loop(kind, dx, dy, soort)

    loop(ET.fromstring(svg), 0.0, 0.0, None)
    return uit


def _vak(el: ET.Element, rect: ET.Element, dx: float, dy: float, soort: str, tekst: str) -> Vak:
    pad = _pad(el, rect) or []
    for tussen in pad:
        m = _VERSCHUIF.search(tussen.get("transform") or "")
        if m:
            dx, dy = dx + float(m.group(1)), dy + float(m.group(2))
    x = dx + float(rect.get("x") or 0)
    y = dy + float(rect.get("y") or 0)
    return Vak(soort, x, y, float(rect.get("width") or 0), float(rect.get("height") or 0), tekst)


def _pad(ouder: ET.Element, doel: ET.Element) -> list[ET.Element] | None:
    """The elements between `ouder` (exclusive) and `doel` (inclusive)."""
    for kind in ouder:
        if kind is doel:
            return [kind]
        onder = _pad(kind, doel)
        if onder is not None:
            return [kind, *onder]
    return None


def lettergroottes(svg: str) -> list[float]:
    return [float(g) for g in re.findall(r"font-size:\s*([\d.]+)px", svg)]


def breedte(svg: str) -> float:
    return float(ET.fromstring(svg).get("width") or 0)
