"""Figure builders: plain dicts on the shared theme (graph_objects validation is ~5× slower).

Every figure carries a title, a subtitle with unit, period and view, and a source line.
Statuses look different everywhere: published solid, provisional dashed, derived hollow.
Missing years stay gaps; a series break is drawn as a break with a dotted marker line.
Bar charts (one period, categories) are in `staaf`.

About 480 lines: panels, gaps, breaks, statuses and policy moments are one drawing of one
line chart; split further, half-built figures would pass between modules.
"""

from __future__ import annotations

import statistics
import textwrap
from dataclasses import dataclass, field
from typing import Any

from dashboard.figuren import format as nl
from dashboard.figuren.theme import (
    GRIJS,
    PALET,
    STATUS_UITLEG,
    TEKST,
    VORMEN,
    as_stijl,
    basis_layout,
    plaats_onderkant,
)
from dashboard.gegevens.reeksen import (
    CORONA_GETOOND,
    CORONA_VERBORGEN,
    PROCENT,
    PROCENTPUNT,
    Reeks,
    bronnen_van,
    corona_modus,
    een_indicator,
    indicatornaam,
    legendanaam,
    weergave_tekst,
)

EENHEID_AS = {
    "aantal": "aantal",
    "procent": "procent (%)",
    "procent verandering": "verandering (%)",
    "index": "index",
    "procentpunt": "procentpunt",
}


def bronregel(reeksen: list[Reeks]) -> str:
    """ "Bron: …" naming every source of the plotted points, the producer first; a source read
    elsewhere than at its producer says where ("CBS, via Nederlands Jeugdinstituut (NJi)")."""
    delen = [f"{naam}, {titel}" for naam, titel, _url in bronnen_van(reeksen)]
    return "Bron: " + "; ".join(delen) if delen else "Bron: –"


def laatste_periode(reeksen: list[Reeks], van: int, tot: int) -> int:
    """The last year within van..tot that any series has a point for (tot when none has)."""
    jaren = [
        p.jaar for r in reeksen for p in r.punten if p.jaar is not None and van <= p.jaar <= tot
    ]
    return max(jaren, default=tot)


def periode_ticks(reeksen: list[Reeks], van: int, eind: int) -> dict[str, Any]:
    """x ticks as the source writes its periods: '2023/24' when every series counts school
    years, plain years otherwise (a mixed chart states its alignment, see `uitlijning`)."""
    soorten = {r.periode_type for r in reeksen}
    if soorten != {"schooljaar"}:
        return {"dtick": 1, "tickformat": "d"}
    # '2023/24' is twice as wide as '2023' and Plotly does not thin out fixed ticks: on a
    # phone nine of them turned sideways and ran into the legend. Every second (third)
    # period is labelled on longer spans; each point still sits at its own period.
    stap = 1 if eind - van < 6 else 2 if eind - van < 12 else 3
    jaren = list(range(eind, van - 1, -stap))[::-1]  # the last period always has its label
    return {
        "tickmode": "array",
        "tickvals": jaren,
        "ticktext": [nl.periode(j, j, "schooljaar") for j in jaren],
        "tickangle": 0,
    }


def uitlijning(reeksen: list[Reeks]) -> str:
    """The note under a chart that mixes calendar years and school years: how they line up."""
    soorten = {r.periode_type for r in reeksen if r.punten}
    if not {"schooljaar", "kalenderjaar"} <= soorten:
        return ""
    return (
        "Kalenderjaren en schooljaren in één grafiek: een schooljaar staat bij het "
        "kalenderjaar waarin het begint (2023/24 bij 2023)."
    )


def producentnamen(reeksen: list[Reeks]) -> list[str]:
    """The source names of the plotted points, producer first, for the citation line."""
    return list(dict.fromkeys(naam for naam, _titel, _url in bronnen_van(reeksen)))


GROOTTE_FACTOR = 10
"""Above this ratio of medians, series of one unit get their own panels (small multiples)."""


@dataclass
class Paneel:
    """One y-axis of a chart: a unit and the series drawn against it."""

    eenheid: str
    reeksen: list[int] = field(default_factory=list)  # positions in the series list


def _mediaan(reeks: Reeks) -> float:
    waarden = [abs(p.getoond) for p in reeks.punten]
    return statistics.median(waarden) if waarden else 0.0


def panelen(reeksen: list[Reeks], weergave: str) -> list[Paneel]:
    """Which series share an axis.

    Index and % change share one axis (that is what they are for); shares, drawn as their
    change in percentage points, get a panel of their own. Absolute values get one
    panel per unit, and within a unit one panel per size group: a series whose median is more
    than GROOTTE_FACTOR× smaller than the largest in its group starts a new panel, so a series
    of 300 is not squashed flat under one of 300.000.
    """
    if weergave != "absoluut":
        eenheid = "index" if weergave == "index" else "procent verandering"
        punten = [i for i, r in enumerate(reeksen) if r.getoonde_eenheid == PROCENTPUNT]
        rest = [i for i in range(len(reeksen)) if i not in punten]
        return [Paneel(eenheid, rest)] * bool(rest or not punten) + [
            Paneel(PROCENTPUNT, punten)
        ] * bool(punten)
    uit: list[Paneel] = []
    eenheden = list(dict.fromkeys(r.eenheid for r in reeksen))
    for eenheid in eenheden:
        posities = [i for i, r in enumerate(reeksen) if r.eenheid == eenheid]
        posities.sort(key=lambda i: -_mediaan(reeksen[i]))
        groepen: list[list[int]] = []
        for i in posities:
            grootste = _mediaan(reeksen[groepen[-1][0]]) if groepen else None
            mediaan = _mediaan(reeksen[i])
            if grootste is not None and (
                grootste <= GROOTTE_FACTOR * mediaan or (grootste == 0 and mediaan == 0)
            ):
                groepen[-1].append(i)
            else:
                groepen.append([i])
        uit += [Paneel(eenheid, sorted(g)) for g in groepen]
    return uit


def as_titel(eenheid: str, basisjaar: int | None) -> str:
    """Axis title that carries the base year in a derived view: "index (2017 = 100)"."""
    if eenheid == "index" and basisjaar is not None:
        return f"index ({basisjaar} = 100)"
    if eenheid == "procent verandering" and basisjaar is not None:
        return f"verandering t.o.v. {basisjaar} (%)"
    if eenheid == PROCENTPUNT and basisjaar is not None:
        return f"verandering t.o.v. {basisjaar} (procentpunt)"
    return EENHEID_AS.get(eenheid, eenheid)


def _xy_met_gaten(reeks: Reeks) -> tuple[list[float | None], list[float | None], list[str | None]]:
    """Years on x with None where a year is missing or a series break falls."""
    per_jaar = {p.jaar: p for p in reeks.punten}
    xs, ys, teksten = [], [], []
    eerste, laatste = reeks.punten[0].jaar, reeks.punten[-1].jaar
    for jaar in range(eerste, laatste + 1):
        if jaar in reeks.alle_breuken() and jaar != eerste:
            xs.append(jaar - 0.5)
            ys.append(None)
            teksten.append(None)
        p = per_jaar.get(jaar)
        xs.append(jaar)
        ys.append(p.getoond if p else None)
        teksten.append(_hover(reeks, p) if p else None)
    return xs, ys, teksten


def _hover(reeks: Reeks, p: Any) -> str:
    tijd = nl.periode(p.jaar, p.jaar, reeks.periode_type)
    regel = (
        f"<b>{reeks.label}</b><br>{tijd}: {nl.met_eenheid(p.waarde, reeks.eenheid)} ({p.status})"
    )
    if p.ondergrens is not None and p.bovengrens is not None:
        regel += (
            f"<br>bereik: {nl.met_eenheid(p.ondergrens, reeks.eenheid)}–"
            f"{nl.met_eenheid(p.bovengrens, reeks.eenheid)} (cellen ‘&lt;5’ van DUO)"
        )
    if reeks.getoonde_eenheid == PROCENTPUNT:
        teken = "+" if p.getoond > 0 else ""
        regel += (
            f"<br>getoond: {teken}{nl.getal(p.getoond, 1)} procentpunt t.o.v. {reeks.basisjaar}"
        )
    elif reeks.basisjaar is not None:
        regel += f"<br>getoond: {nl.getal(p.getoond, 1)} (basisjaar {reeks.basisjaar})"
    if p.herzien:
        regel += "<br>herzien: vervangt een eerdere waarde (zie Bronnen, tabel revisie)"
    bron = p.bron_uitgever  # producer first, "via ..." where it was read elsewhere
    regel += f"<br>Bron: {bron}"
    if p.vindplaats:
        regel += "<br>" + vindplaats_hover(p.vindplaats)
    return regel


HOVER_BREEDTE = 46
"""Characters per hover line: Plotly never wraps a label, and a place in the source runs to 90
characters, which would run off a 390 px screen."""


def vindplaats_hover(vindplaats: str) -> str:
    """ "In de bron: tabel …, rij …, kolom …" broken into lines for the hover label, so a
    reader can find a number whose quote is table cells run together."""
    return "<br>".join(textwrap.wrap(f"In de bron: {vindplaats}", HOVER_BREEDTE))


def trend_figuur(
    reeksen: list[Reeks],
    weergave: str,
    van: int,
    tot: int,
    titel: str | None = None,
    toon_2020: bool | str = False,
    momenten: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The trend chart; `momenten` (policy events) become numbered dotted lines.

    Panels (see `panelen`) are stacked on one shared x-axis; with more than one panel each
    gets a heading naming its series, so a small multiple reads on its own in a memo.
    """
    basisjaar = next((r.basisjaar for r in reeksen if r.basisjaar is not None), None)
    delen = panelen(reeksen, weergave)
    n = max(len(delen), 1)
    eenheden = list(dict.fromkeys(as_titel(d.eenheid, basisjaar) for d in delen))
    eenheden_tekst = " · ".join(eenheden) or "geen gegevens"
    ondertitel = f"{weergave_tekst(weergave, basisjaar).capitalize()}"
    if weergave == "absoluut":
        ondertitel += f" · {eenheden_tekst}"
    ondertitel += f" · {van}–{tot}"
    modus = corona_modus(toon_2020)
    if modus == CORONA_VERBORGEN:
        ondertitel += " · 2020 verborgen (corona)"
    elif modus != CORONA_GETOOND and (n_weg := sum(bool(r.corona_verborgen) for r in reeksen)):
        ondertitel += (
            f" · 2020 verborgen bij {n_weg} {'reeks' if n_weg == 1 else 'reeksen'} (corona)"
        )
    titel = titel or _titel(reeksen)
    layout = basis_layout(
        titel,
        ondertitel,
        bronregel(reeksen),
        hoogte=360 + 160 * (n - 1) + 60,
        producenten=producentnamen(reeksen),
    )
    # the axis ends at the last period with data: an empty year at the end reads as "no
    # figure yet" or, worse, as a drop to nothing
    eind = laatste_periode(reeksen, van, tot)
    # a year's points sit at its middle; a moment late in the last year must still be drawn
    rechts = max([eind + 0.5, *(_moment_x(m) + 0.1 for m in momenten or [])])
    layout["xaxis"] = as_stijl("", range=[van - 0.5, rechts], **periode_ticks(reeksen, van, eind))
    if noot := uitlijning(reeksen):
        layout["meta"]["uitlijning"] = noot
    as_van: dict[int, tuple[str, str]] = {}  # series position -> (x-axis, y-axis) ids
    tussenruimte = 0.15 if n > 1 else 0
    for i, paneel in enumerate(delen):
        achtervoegsel = "" if i == 0 else str(i + 1)
        # equal panels; the gaps (x labels of a panel, heading of the next) lie between them
        paneel_hoogte = (1 - (n - 1) * tussenruimte) / n
        hoog = 1 - i * (paneel_hoogte + tussenruimte)
        laag = max(hoog - paneel_hoogte, 0)
        layout[f"yaxis{achtervoegsel}"] = as_stijl(
            as_titel(paneel.eenheid, basisjaar),
            domain=[laag, hoog],
            rangemode="tozero" if weergave == "absoluut" else "normal",
            anchor=f"x{achtervoegsel}",
            tickformat=",~f",
        )
        if i:
            layout[f"xaxis{achtervoegsel}"] = {
                **layout["xaxis"],
                "anchor": f"y{achtervoegsel}",
                "matches": "x",
            }
        if n > 1:
            layout["annotations"].append(_paneelkop(paneel, reeksen, hoog))
        for positie in paneel.reeksen:
            as_van[positie] = (f"x{achtervoegsel}", f"y{achtervoegsel}")
    if n > 1:  # only the lowest x-axis carries the title
        for i in range(n - 1):
            layout["xaxis" if i == 0 else f"xaxis{i + 1}"]["title"] = {"text": ""}
        layout["margin"]["t"] = 100
    data: list[dict[str, Any]] = []
    statussen: set[str] = set()
    breuken: dict[tuple[int, str, str], list[str]] = {}
    for i, reeks in enumerate(reeksen):
        naam = legendanaam(reeks, reeksen)
        kleur, vorm = PALET[i % len(PALET)], VORMEN[i % len(VORMEN)]
        xas, yas = as_van[i]
        xs, ys, teksten = _xy_met_gaten(reeks)
        status_per_x = {p.jaar: p.status for p in reeks.punten}
        statussen |= set(status_per_x.values())
        vast = [
            y if status_per_x.get(x) not in (None, "voorlopig") else None
            for x, y in zip(xs, ys, strict=True)
        ]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": naam,
                "legendgroup": reeks.label,
                "x": xs,
                "y": vast,
                "xaxis": xas,
                "yaxis": yas,
                "line": {"color": kleur, "width": 2.5},
                "marker": {"size": 0},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
        if "voorlopig" in status_per_x.values():
            data.append(_voorlopig_lijn(reeks, naam, xs, ys, status_per_x, kleur, xas, yas))
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": naam,
                "legendgroup": reeks.label,
                "x": xs,
                "y": ys,
                "xaxis": xas,
                "yaxis": yas,
                "text": teksten,
                "hovertemplate": "%{text}<extra></extra>",
                "marker": {
                    "color": kleur,
                    "size": 9,
                    "symbol": [
                        f"{vorm}-open" if status_per_x.get(x) == "afgeleid" else vorm for x in xs
                    ],
                    "line": {"color": kleur, "width": 2},
                },
                "line": {"color": kleur, "width": 2.5},
            }
        )
        jaren = [p.jaar for p in reeks.punten]
        for breuk in reeks.alle_breuken():
            if min(jaren) < breuk <= max(jaren) and van < breuk <= tot:
                breuken.setdefault((breuk, xas, yas), []).append(naam)  # as in the legend
    # Several breaks of the same series in one panel (so+vso: 1998 and 2003) share one label on
    # the first line; one label per line would be drawn on top of each other.
    per_paneel: dict[tuple[str, str, tuple[str, ...]], list[int]] = {}
    for (jaar, xas, yas), labels in sorted(breuken.items()):
        per_paneel.setdefault((xas, yas, tuple(labels)), []).append(jaar)
    for (xas, yas, labels), jaren_ in per_paneel.items():
        for i, jaar in enumerate(jaren_):
            layout["shapes"].append(
                _breuklijn(
                    jaar,
                    xas,
                    yas,
                    list(labels),
                    rechts=jaar > (van + tot) / 2,
                    jaren=jaren_ if i == 0 else [],
                )
            )
    for groep in groepeer_momenten(momenten or [], van, tot):
        label = str(groep[0][0]) if len(groep) == 1 else f"{groep[0][0]}–{groep[-1][0]}"
        for i, (_, moment) in enumerate(groep):
            layout["shapes"].append(_momentlijn(moment, label if i == 0 else ""))
    data += _status_legenda(statussen)
    plaats_onderkant(layout, [t["name"] for t in data if t.get("showlegend", True)])
    if modus != CORONA_VERBORGEN and van <= 2020 <= tot:
        layout["shapes"].append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": 2019.5,
                "x1": 2020.5,
                "y0": 0,
                "y1": 1,
                "fillcolor": "#f2f2f2",
                "line": {"width": 0},
                "layer": "below",
            }
        )
    return {"data": data, "layout": layout}


def _paneelkop(paneel: Paneel, reeksen: list[Reeks], hoog: float) -> dict[str, Any]:
    """Heading above a small-multiple panel: which series it shows, in which unit."""
    leden = [reeksen[i] for i in paneel.reeksen]
    if len({r.indicator_id for r in leden}) == 1 and all(r.categorie != "totaal" for r in leden):
        # categories of one indicator: the chart title names the indicator already
        namen = ", ".join(r.categorie for r in leden)
    else:
        namen = ", ".join(r.label for r in leden)
    if len(namen) > 110:
        namen = namen[:107].rsplit(" ", 1)[0] + " …"
    return {
        "text": f"<b>{namen}</b> ({EENHEID_AS.get(paneel.eenheid, paneel.eenheid)})",
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": hoog,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "align": "left",
        "font": {"size": 12, "color": TEKST},
        "name": "paneelkop",
    }


def _titel(reeksen: list[Reeks]) -> str:
    if not reeksen:
        return "Geen gegevens voor deze keuze"
    if een_indicator(reeksen) and len(reeksen) > 1:
        return indicatornaam(reeksen[0])  # the legend then names only the categories
    labels = [r.label for r in reeksen]
    if len(labels) <= 3:
        return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} en {labels[-1]}"
    return f"{labels[0]}, {labels[1]} en {len(labels) - 2} andere reeksen"


def _voorlopig_lijn(reeks, naam, xs, ys, status_per_x, kleur, xas, yas) -> dict[str, Any]:
    """Dashed segments that touch a provisional point (both ends kept so the dash connects)."""
    gestreept = []
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        hier = status_per_x.get(x) == "voorlopig"
        buur = (i + 1 < len(xs) and status_per_x.get(xs[i + 1]) == "voorlopig") or (
            i > 0 and status_per_x.get(xs[i - 1]) == "voorlopig"
        )
        gestreept.append(y if (hier or buur) else None)
    return {
        "type": "scatter",
        "mode": "lines",
        "name": f"{naam} (voorlopig)",
        "legendgroup": reeks.label,
        "x": xs,
        "y": gestreept,
        "xaxis": xas,
        "yaxis": yas,
        "line": {"color": kleur, "width": 2.5, "dash": "dash"},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _breuklijn(
    jaar: int,
    xas: str,
    yas: str,
    labels: list[str],
    rechts: bool = False,
    jaren: list[int] | None = None,
) -> dict[str, Any]:
    """A dotted line at a series break that names the series it applies to.

    The label runs away from the nearer edge (left of the line in the right half), so it is
    not cut off by the plot's border. `jaren`: every break year the label names (default this
    one); empty for a line whose break another line's label already names.
    The label hangs from the top of the plot area: at the foot of the line it sat on the year
    labels (a phone's "trendbreuk 2021" over the 2020 tick).
    """
    wie = ", ".join(labels)
    jaren = [jaar] if jaren is None else jaren
    if len(jaren) > 1:
        tekst = f"trendbreuken {nl_jaren(jaren)}: {wie}"
    else:
        tekst = f"trendbreuk {jaar}: {wie}" if jaren else ""
    return {
        "type": "line",
        "xref": xas,
        "yref": f"{yas} domain",
        "x0": jaar - 0.5,
        "x1": jaar - 0.5,
        "y0": 0,
        "y1": 1,
        "line": {"color": GRIJS, "width": 1.5, "dash": "dot"},
        "label": {
            "text": _kort(tekst, 48),
            "textposition": "end",
            "textangle": 0,
            "xanchor": "right" if rechts else "left",
            "yanchor": "top",
            "padding": 4,
            "font": {"size": 11, "color": GRIJS},
        },
    }


def nl_jaren(jaren: list[int]) -> str:
    """'1998 en 2003', '1998, 2003 en 2010'."""
    tekst = [str(j) for j in jaren]
    return tekst[0] if len(tekst) == 1 else f"{', '.join(tekst[:-1])} en {tekst[-1]}"


def _kort(tekst: str, lengte: int) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1].rsplit(" ", 1)[0] + " …"


def _moment_x(moment: dict[str, Any]) -> float:
    d = moment["datum"]
    return d.year + (d.timetuple().tm_yday - 1) / 365


def groepeer_momenten(
    momenten: list[dict[str, Any]], van: int, tot: int, afstand: float = 0.015
) -> list[list[tuple[int, dict[str, Any]]]]:
    """Numbered moments in groups whose labels would overlap (closer than `afstand` × span).

    Each line stays at its own date; only the label is shared: "1–4" on the first line of a
    group instead of four numbers printed on top of each other.
    """
    grens = afstand * max(tot - van + 1, 1)
    groepen: list[list[tuple[int, dict[str, Any]]]] = []
    for nr, moment in enumerate(momenten, start=1):
        if groepen and _moment_x(moment) - _moment_x(groepen[-1][0][1]) < grens:
            groepen[-1].append((nr, moment))
        else:
            groepen.append([(nr, moment)])
    return groepen


def _momentlijn(moment: dict[str, Any], label: str) -> dict[str, Any]:
    x = _moment_x(moment)
    lijn = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": "#42145f", "width": 1, "dash": "dashdot"},
        "name": "beleidsmoment",
    }
    if label:
        lijn["label"] = {
            "text": label,
            "textposition": "start",
            "font": {"size": 11, "color": "#42145f"},
        }
    return lijn


def _status_legenda(statussen: set[str]) -> list[dict[str, Any]]:
    """Legend-only entries that explain how statuses look, for the statuses on the chart."""
    stijlen = {
        "gepubliceerd": ({"dash": "solid"}, "circle"),
        "voorlopig": ({"dash": "dash"}, "circle"),
        "afgeleid": ({"dash": "solid"}, "circle-open"),
    }
    uit = []
    for status in ("gepubliceerd", "voorlopig", "afgeleid"):
        if status in statussen:
            lijn, vorm = stijlen[status]
            uit.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "x": [None],
                    "y": [None],
                    "name": STATUS_UITLEG[status],
                    "legendgroup": "status",
                    "line": {"color": GRIJS, **lijn},
                    "marker": {"color": GRIJS, "symbol": vorm, "size": 9},
                    "hoverinfo": "skip",
                }
            )
    return uit


def samenvatting(reeksen: list[Reeks], van: int, tot: int, weergave: str) -> str:
    """A text alternative generated from the data: per series last value and change.

    The change is computed from published values only, against the chart's base year in a
    derived view (2016 otherwise), and never across a series break.
    """
    if not reeksen:
        return f"Geen gegevens voor de gekozen indicatoren in {van}–{tot}."
    basisjaar = next((r.basisjaar for r in reeksen if r.basisjaar is not None), None) or 2016
    aantal = "1 reeks" if len(reeksen) == 1 else f"{len(reeksen)} reeksen"
    delen = [f"Grafiek met {aantal}, {van}–{tot}, {weergave_tekst(weergave, basisjaar)}."]
    for r in reeksen:
        laatste = r.punten[-1]
        tekst = (
            f"{r.label}: laatste waarde {nl.periode(laatste.jaar, laatste.jaar, r.periode_type)} "
            f"{nl.met_eenheid(laatste.waarde, r.eenheid)} ({laatste.status})"
        )
        basis = next((p for p in r.punten if p.jaar == basisjaar), None)
        tussen = [
            b
            for b in r.alle_breuken()
            if min(basisjaar, laatste.jaar) < b <= max(basisjaar, laatste.jaar)
        ]
        if tussen and basis:
            tekst += f", geen verandering sinds {basisjaar} berekend (trendbreuk {tussen[-1]})"
        elif basis and r.eenheid == PROCENT and laatste.jaar != basisjaar:
            # a share changes in percentage points, never "+20%" of a rounded share
            verschil = laatste.waarde - basis.waarde
            teken = "+" if verschil > 0 else ""
            tekst += f", {teken}{nl.getal(verschil, 1)} procentpunt sinds {basisjaar}"
        elif basis and basis.waarde and laatste.jaar != basisjaar:
            verschil = 100 * (laatste.waarde / basis.waarde - 1)
            tekst += f", {nl.met_eenheid(verschil, 'procent verandering')} sinds {basisjaar}"
        n = len(r.punten)
        delen.append(tekst + f"; {n} {'jaar' if n == 1 else 'jaren'} met een waarde.")
    return " ".join(delen)
