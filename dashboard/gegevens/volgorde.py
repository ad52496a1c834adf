"""Natural order of breakdown categories: age bands by their bounds, clusters 1→4.

Text order puts "12 tot 18 jaar" before "4 tot 12 jaar" and "0 tot 12" before "0 tot 4"; a
reader expects the order of the numbers. Categories without numbers keep text order, after
the numbered ones; "totaal" always comes first.
"""

from __future__ import annotations

import re

_GETAL = re.compile(r"\d+")


def categorie_sleutel(categorie: str) -> tuple[int, tuple[int, ...], str]:
    """Sort key: totaal first, then by the numbers in the label (lower, upper bound), then text.

    "0 tot 4 jaar" → (0, 4), "4 tot 12 jaar" → (4, 12), "cluster 2" → (2,),
    "overige clusters (3 en 4)" → (3, 4).
    """
    tekst = str(categorie)
    if tekst == "totaal":
        return (0, (), "")
    getallen = tuple(int(g) for g in _GETAL.findall(tekst))
    if tekst.startswith("jonger dan") and getallen:
        getallen = (getallen[0] - 1, *getallen)  # "jonger dan 4 jaar" before "4 jaar"
    return (1 if getallen else 2, getallen, tekst.lower())
