"""Page state in the URL query string: parsed and validated on the way in, written back out.

Only non-default values are serialised, with readable names
(`?indicator=so_leerlingen&weergave=index&van=2016`). An unknown or malformed value falls back
to its default and yields a Dutch notice; nothing a URL contains can raise.

Shared parameters (`GEDEELD`) are accepted by every page on top of its own, here and nowhere
else: `versie`, the short data version a link was made under. `naar_query` writes the current
version into every query that says anything, so a rewritten address stays pinned; the current
version is read from the open database when a query is written (`zet_versiebron` replaces
the source, e.g. in tests).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

MAX_LENGTE = 200  # longer values are not ids of ours; refuse before any work
MAX_GENOEMD = 3  # a notice names at most this many rejected keys or values


@dataclass(frozen=True)
class Param:
    naam: str
    standaard: Any
    keuzes: Callable[[], Iterable[Any]] | None = None  # allowed values (lazy: may need the db)
    lijst: bool = False
    soort: type = str
    omschrijving: str = ""


def _versiecode(tekst: str) -> str:
    """A (short) data version: hex only, so nothing else can ride along in a permalink."""
    if not re.fullmatch(r"[0-9a-f]{6,64}", tekst):
        raise ValueError(tekst)
    return tekst


VERSIE = Param("versie", None, soort=_versiecode, omschrijving="dataversie")
GEDEELD: tuple[Param, ...] = (VERSIE,)
"""Accepted by every page; in the state only when the URL carries them."""


def _geen_versie() -> str | None:
    return None


def _versie_uit_database() -> str | None:
    """The open build's short data version; None without a usable database."""
    from dashboard.gegevens import queries  # lazily: reading a URL needs no database
    from dashboard.gegevens.verbinding import DatabaseOntbreekt

    try:
        return queries.dataversie_kort()
    except DatabaseOntbreekt:
        return None


_versiebron: Callable[[], str | None] = _versie_uit_database


def zet_versiebron(bron: Callable[[], str | None]) -> None:
    """Register where the current short data version comes from (None: no database)."""
    global _versiebron
    _versiebron = bron


def huidige_versie() -> str | None:
    """The current short data version, from the registered source (None: not known)."""
    return _versiebron()


def met_versie(paren: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Query pairs with `versie` set to the current data version (replacing any other)."""
    versie = huidige_versie()
    zonder = [(k, v) for k, v in paren if k != VERSIE.naam]
    return [*zonder, (VERSIE.naam, versie)] if versie else zonder


def _als_lijst(waarde: Any) -> list[str]:
    if waarde is None:
        return []
    waarden = waarde if isinstance(waarde, list | tuple) else [waarde]
    uit = []
    for w in waarden:
        uit += [deel for deel in str(w).split(",") if deel != ""]
    return uit


def _converteer(tekst: str, soort: type) -> Any:
    if len(tekst) > MAX_LENGTE:
        raise ValueError("te lang")
    if soort is bool:
        if tekst in ("1", "ja", "true"):
            return True
        if tekst in ("0", "nee", "false"):
            return False
        raise ValueError(tekst)
    return soort(tekst)


def lees(params: list[Param], kwargs: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """State from query kwargs, plus a notice per value that was not accepted."""
    staat: dict[str, Any] = {}
    meldingen: list[str] = []
    eigen = {p.naam for p in params}
    gedeeld = [g for g in GEDEELD if g.naam not in eigen and g.naam in kwargs]
    params = [*params, *gedeeld]
    bekend = eigen | {g.naam for g in GEDEELD}
    onbekend = sorted(set(kwargs) - bekend)
    if onbekend:  # one notice, at most three names: a URL with 100,000 keys stays cheap
        namen = ", ".join(f"‘{naam[:40]}’" for naam in onbekend[:MAX_GENOEMD])
        rest = len(onbekend) - MAX_GENOEMD
        meervoud = "Onbekende instellingen" if len(onbekend) > 1 else "Onbekende instelling"
        meldingen.append(f"{meervoud} {namen}{f' en {rest} andere' if rest > 0 else ''} genegeerd.")
    for p in params:
        ruw = kwargs.get(p.naam)
        if ruw is None:
            staat[p.naam] = p.standaard
            continue
        teksten = _als_lijst(ruw)
        if not p.lijst:
            teksten = teksten[-1:]  # a repeated single key: the last one wins
        toegestaan = set(p.keuzes()) if p.keuzes else None
        goed, fout = [], []
        for t in teksten:
            try:
                waarde = _converteer(t, p.soort)
            except (ValueError, TypeError):
                fout.append(t)
                continue
            if toegestaan is not None and waarde not in toegestaan:
                fout.append(t)
            elif waarde not in goed:
                goed.append(waarde)
        if fout:
            getoond = ", ".join(f"‘{f[:40]}’" for f in fout[:MAX_GENOEMD])
            meldingen.append(
                f"Ongeldige waarde {getoond} voor ‘{p.omschrijving or p.naam}’: "
                f"{'genegeerd' if p.lijst and goed else 'standaardwaarde gebruikt'}."
            )
        if p.lijst:
            staat[p.naam] = goed if goed or not fout else p.standaard
        else:
            staat[p.naam] = goed[0] if goed else p.standaard
    return staat, meldingen


def naar_query(params: list[Param], staat: dict[str, Any]) -> str:
    """`?a=1&b=x,y` with only the values that differ from the default; '' when all default.

    A non-empty query ends with `versie=<current data version>`: a rewrite by a callback shows
    the current data, so that is the version it is pinned to."""
    paren = []
    for p in params:
        waarde = staat.get(p.naam, p.standaard)
        if waarde == p.standaard or waarde is None:
            continue
        if p.lijst:
            paren.append((p.naam, ",".join(str(w) for w in waarde)))
        elif p.soort is bool:
            paren.append((p.naam, "1" if waarde else "0"))
        else:
            paren.append((p.naam, str(waarde)))
    versie = _versiebron() or staat.get(VERSIE.naam)
    if paren and versie and VERSIE.naam not in {naam for naam, _ in paren}:
        paren.append((VERSIE.naam, versie))  # a view that says anything is pinned to its data
    return f"?{urlencode(paren, safe=',')}" if paren else ""
