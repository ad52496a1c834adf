"""Page state in the URL query string: parsed and validated on the way in, written back out.

Every parameter is written, with readable names and the contract version
(`?urlversie=2&indicator=so_leerlingen&weergave=index&van=2016&…`), so a saved link keeps its
meaning when a default changes later. A parameter missing from a URL takes the default that
was in force in the URL's contract version (`Param.eerder`); a URL without `urlversie` is of
version 1, the contract that wrote only non-default values. An unknown or malformed value
falls back to its default and yields a Dutch notice; nothing a URL contains can raise.

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

URLVERSIE = 2
"""Version of the URL contract that links written now follow. Raise it (and give the Params
whose default changes an `eerder` entry for the old version) whenever a default changes."""
URLVERSIE_PARAM = "urlversie"
GEDEELDE_PARAMS: set[str] = {URLVERSIE_PARAM, "versie"}
"""Keys every page accepts besides its own parameters (never an "onbekende instelling")."""


@dataclass(frozen=True)
class Param:
    naam: str
    standaard: Any
    keuzes: Callable[[], Iterable[Any]] | None = None  # allowed values (lazy: may need the db)
    lijst: bool = False
    soort: type = str
    omschrijving: str = ""
    # (version, default): the default a URL of that contract version (or older) meant when
    # it left this parameter out, for defaults that changed since; ascending by version
    eerder: tuple[tuple[int, Any], ...] = ()
    # retired value → the value that replaced it (lazy: may need the db). A saved link keeps
    # opening what it meant when an id was merged into another, with a notice that says so.
    aliassen: Callable[[], dict[str, Any]] | None = None

    def standaard_voor(self, versie: int) -> Any:
        """The default a URL of contract version `versie` meant by leaving this key out."""
        for tot_en_met, waarde in self.eerder:
            if versie <= tot_en_met:
                return waarde
        return self.standaard


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


def urlversie(kwargs: dict[str, Any]) -> int:
    """The contract version of a URL: 1 without `urlversie` (links from before the key)."""
    teksten = _als_lijst(kwargs.get(URLVERSIE_PARAM))
    try:
        versie = int(teksten[-1]) if teksten and len(teksten[-1]) < 4 else 1
    except ValueError:
        return URLVERSIE
    return min(max(versie, 1), URLVERSIE)


def lees(params: list[Param], kwargs: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """State from query kwargs, plus a notice per value that was not accepted.

    A key that is missing takes the default of the URL's contract version, so a link saved
    before a default changed opens the view it showed then.
    """
    staat: dict[str, Any] = {}
    meldingen: list[str] = []
    versie = urlversie(kwargs)
    eigen = {p.naam for p in params}
    gedeeld = [g for g in GEDEELD if g.naam not in eigen and g.naam in kwargs]
    params = [*params, *gedeeld]
    bekend = eigen | GEDEELDE_PARAMS
    onbekend = sorted(set(kwargs) - bekend)
    if onbekend:  # one notice, at most three names: a URL with 100,000 keys stays cheap
        namen = ", ".join(f"‘{naam[:40]}’" for naam in onbekend[:MAX_GENOEMD])
        rest = len(onbekend) - MAX_GENOEMD
        meervoud = "Onbekende instellingen" if len(onbekend) > 1 else "Onbekende instelling"
        meldingen.append(f"{meervoud} {namen}{f' en {rest} andere' if rest > 0 else ''} genegeerd.")
    for p in params:
        ruw = kwargs.get(p.naam)
        standaard = p.standaard_voor(versie)
        if ruw is None:
            staat[p.naam] = standaard
            continue
        teksten = _als_lijst(ruw)
        if not p.lijst:
            teksten = teksten[-1:]  # a repeated single key: the last one wins
        toegestaan = set(p.keuzes()) if p.keuzes else None
        teksten = _vervang_aliassen(p, teksten, meldingen)
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
            staat[p.naam] = goed if goed or not fout else standaard
        else:
            staat[p.naam] = goed[0] if goed else standaard
    return staat, meldingen


def _vervang_aliassen(p: Param, teksten: list[str], meldingen: list[str]) -> list[str]:
    """`teksten` with each retired value replaced by its survivor, one notice per replacement."""
    if p.aliassen is None:
        return teksten
    tabel = p.aliassen()
    uit = []
    for t in teksten:
        nieuw = tabel.get(t)
        if nieuw is None:
            uit.append(t)
            continue
        uit.append(str(nieuw))
        meldingen.append(
            f"‘{t[:40]}’ ({p.omschrijving or p.naam}) bestaat niet meer als aparte reeks: het is"
            f" hetzelfde begrip als ‘{nieuw}’, dat nu getoond wordt."
        )
    return uit


def naar_query(params: list[Param], staat: dict[str, Any]) -> str:
    """`?urlversie=2&a=1&b=x,y`: every parameter, defaults included, so the link keeps its
    meaning when a default changes. An empty list or None is written empty (`b=`).

    The query ends with `versie=<current data version>`: a rewrite by a callback shows the
    current data, so that is the version it is pinned to."""
    paren = [(URLVERSIE_PARAM, str(URLVERSIE))]
    for p in params:
        waarde = staat.get(p.naam, p.standaard)
        if waarde is None:
            paren.append((p.naam, ""))
        elif p.lijst:
            paren.append((p.naam, ",".join(str(w) for w in waarde)))
        elif p.soort is bool:
            paren.append((p.naam, "1" if waarde else "0"))
        else:
            paren.append((p.naam, str(waarde)))
    versie = _versiebron() or staat.get(VERSIE.naam)
    if versie and VERSIE.naam not in {naam for naam, _ in paren}:
        paren.append((VERSIE.naam, versie))  # a view is pinned to its data
    return f"?{urlencode(paren, safe=',')}"


def link(pad: str, paren: dict[str, Any] | None = None) -> str:
    """An in-app link under the current URL contract: `/trends?urlversie=2&setting=so`.

    Keys left out mean today's defaults; without `urlversie` they would mean version 1's."""
    return f"{pad}?{urlencode([(URLVERSIE_PARAM, URLVERSIE), *(paren or {}).items()], safe=',')}"
