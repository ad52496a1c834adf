"""The export toolbar every chart card carries: PNG, SVG, CSV, Excel and "Link kopiëren".

One component factory (`werkbalk`) and one wiring function (`registreer_export_callbacks`);
the callback bodies only pick a format and call `dashboard.uitvoer.export`, so all file logic is
tested without a browser. Native `<button>`s with Dutch accessible names (the dcc controls
fail axe, NOTES.md); results and errors are announced in an aria-live region. The copy
button runs a clientside function from `assets/werkbalk.js` (no inline script, CSP-friendly)
that copies `window.location.href`: the page state lives in the query string, so the link
opens the same view.

Wiring a page (Trends), a few lines in `dashboard/pages/trends.py`::

    from urllib.parse import parse_qs

    from dash import State

    from dashboard.figuren.grafiekexport import Grafiekexport
    from dashboard.onderdelen.toolbar import registreer_export_callbacks, werkbalk

    # in layout(), under the chart card:
    werkbalk("trends-export")

    # at module level:
    def _export(search: str | None) -> Grafiekexport:
        staat, _ = lees(params(), parse_qs((search or "").lstrip("?")))
        uit = bereken(staat)
        return Grafiekexport(uit["figuur"], uit["reeksen"], staat["weergave"], uit["van"], uit["tot"])

    registreer_export_callbacks(
        "trends-export", [State("trends-url", "search")], _export, locatie_id="trends-url"
    )

The state is read from the URL (`trends-url.search`, written by the page's own callback), so
the export is exactly the view the user sees, validated by the same `lees`. Permalink, source
licences and definitions are filled in here when the page leaves them empty.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import dash
import dash_bootstrap_components as dbc
from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dcc,
    html,
    no_update,
)

from dashboard.figuren.grafiekexport import Grafiekexport
from dashboard.gegevens import queries, verbinding
from dashboard.onderdelen.state import huidige_versie, met_versie
from dashboard.uitvoer import afbeelding, bestanden, pakket
from dashboard.webserver.invoertypen import AAN_UIT, KLIKKEN, verwacht

log = logging.getLogger("ketenmonitor")

KNOPPEN = (
    ("png", "PNG", "PNG downloaden: afbeelding van de grafiek"),
    ("svg", "SVG", "SVG downloaden: schaalbare afbeelding van de grafiek"),
    ("csv", "CSV", "CSV downloaden: de getoonde cijfers"),
    ("xlsx", "Excel", "Excel downloaden: de getoonde cijfers met toelichting"),
)
"""(format, visible label, accessible name). The name starts with the visible label (WCAG
2.5.3, label in name), so speech users can say what they see."""


AFBEELDINGEN = ("png", "svg")
ALLEEN_DATA = ("csv", "xlsx")
"""The formats of a table's toolbar: the same files without the image buttons."""


def _knoppen(formaten: tuple[str, ...]) -> list[tuple[str, str, str]]:
    return [k for k in KNOPPEN if k[0] in formaten]


def werkbalk(id_prefix: str, formaten: tuple[str, ...] = bestanden.FORMATEN) -> html.Div:
    """The toolbar for one chart or table; ids are `<id_prefix>-png`, `-svg`, `-csv`, …"""
    knoppen = [
        html.Button(
            label,
            id=f"{id_prefix}-{formaat}",
            type="button",
            className="werkbalk-knop",
            title=naam,
            **{"aria-label": naam},
        )
        for formaat, label, naam in _knoppen(formaten)
    ]
    knoppen.append(
        html.Button(
            "Link kopiëren",
            id=f"{id_prefix}-link",
            type="button",
            className="werkbalk-knop",
            title="Link kopiëren naar deze weergave",
            # the copied address is pinned to the data version on screen (assets/werkbalk.js)
            **{"aria-label": "Link kopiëren naar deze weergave", "data-versie": huidige_versie()},
        )
    )
    return html.Div(
        [
            html.Div(
                knoppen,
                role="group",
                className="werkbalk-knoppen",
                **{
                    "aria-label": "Grafiek exporteren"
                    if set(AFBEELDINGEN) & set(formaten)
                    else "Tabel exporteren"
                },
            ),
            dbc.Checkbox(
                id=f"{id_prefix}-vierkant",
                label="Afbeelding vierkant",
                value=False,
                className="werkbalk-vierkant",
            )
            if set(AFBEELDINGEN) & set(formaten)
            else None,
            dcc.Download(id=f"{id_prefix}-download"),
            *_statusregels(f"{id_prefix}"),
        ],
        id=id_prefix,
        className="werkbalk",
    )


BASIS_URL_VAR = "KETENMONITOR_BASIS_URL"


def basis_url() -> str:
    """Where this dashboard lives for its readers, e.g. `https://ketenmonitor.example.nl`.

    From `KETENMONITOR_BASIS_URL`, else the address the server is configured to bind
    (HOST and PORT, as `make serve` and `python -m dashboard` use them). Never from the
    request: a Host header is the client's to choose (`127.0.0.1:8061@evil.example` made
    the Excel link point elsewhere). A malformed setting is an operator error: it raises.
    """
    ingesteld = os.environ.get(BASIS_URL_VAR, "").strip()
    if not ingesteld:
        host = os.environ.get("HOST", "127.0.0.1")
        host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{int(os.environ.get('PORT', '8050'))}"
    delen = urlsplit(ingesteld)
    if (
        delen.scheme not in ("http", "https")
        or not delen.hostname
        or "@" in delen.netloc
        or delen.query
        or delen.fragment
        or any(ord(t) < 33 or t in '\\<>"' for t in ingesteld)
    ):
        raise ValueError(
            f"{BASIS_URL_VAR} moet een adres zijn als https://host[:poort][/pad], "
            f"zonder gebruikersnaam, query of fragment; gekregen: {ingesteld[:100]!r}"
        )
    return ingesteld.rstrip("/")


def permalink(pathname: str | None, search: str | None) -> str:
    """The address of this view: the configured base, a page path we serve, and the query
    string re-encoded from its parsed pairs (so nothing but key=value pairs survives), pinned
    to the data version it shows (`versie=`)."""
    pad = pathname if isinstance(pathname, str) else "/"
    bekend = {p["relative_path"] for p in dash.page_registry.values()}
    if pad not in bekend:
        pad = "/"
    paren = parse_qsl((search or "").lstrip("?"), keep_blank_values=True, max_num_fields=None)
    query = urlencode(met_versie(paren[:MAX_QUERY_PAREN]), safe=",")
    return f"{basis_url()}{pad}{'?' + query if query else ''}"


MAX_QUERY_PAREN = 50


class KeuzeFout(ValueError):
    """The visitor's choice does not allow this file (no region chosen, a series that is no
    longer split by age). The client's doing, not ours: its Dutch message is shown as is and
    the log gets one warning line without a traceback."""


def foutmelding(fout: Exception) -> str:
    """The toolbar's Dutch message for a failed download; details go to the log only.

    DuckDB errors carry SQL and server paths, so a database problem is one fixed sentence.
    Image errors (`AfbeeldingMislukt`) start with a Dutch sentence for users; whatever Kaleido
    or Chromium added after the colon (script text, paths) goes to the log only.
    """
    if isinstance(fout, afbeelding.AfbeeldingMislukt):
        log.warning("download mislukt: %s", fout)
        zin = str(fout).split(":", 1)[0].rstrip(".")
        return f"Downloaden mislukt: {zin}."
    if isinstance(fout, KeuzeFout):
        log.warning("download geweigerd: %s", fout)
        return f"Downloaden niet mogelijk: {str(fout).rstrip('.')}."
    if isinstance(fout, verbinding.DatabaseOntbreekt):
        log.error("download mislukt: %s", fout)
        return f"Downloaden mislukt: {verbinding.NIET_BESCHIKBAAR}."
    log.error("download mislukt", exc_info=fout)
    return "Downloaden mislukt door een fout aan onze kant; de fout is vastgelegd."


def _verrijk(inhoud: Grafiekexport, link: str) -> Grafiekexport:
    """Fill what every export needs but pages should not have to pass."""
    if not inhoud.permalink:
        inhoud.permalink = link
    if not inhoud.toelichting_bronnen:
        inhoud.toelichting_bronnen = queries.bronnen()
    if not inhoud.indicator_meta:
        inhoud.indicator_meta = queries.indicator_meta()
    if not inhoud.data_versie_kort:
        bouw = queries.bouwinfo()
        inhoud.data_versie_kort = str(bouw.get("data_versie_kort") or "")
        inhoud.gebouwd_op = bouw.get("gebouwd_op")
    return inhoud


def registreer_export_callbacks(
    id_prefix: str,
    staten: list[State],
    maak: Callable[..., Grafiekexport],
    locatie_id: str | None = None,
    formaten: tuple[str, ...] = bestanden.FORMATEN,
) -> None:
    """Wire one toolbar: `maak(*values of staten)` returns what the chart shows right now.

    Call once per toolbar at module level of the page (Dash registers callbacks globally).
    """
    locatie = [State(locatie_id, "pathname"), State(locatie_id, "search")] if locatie_id else []
    knoppen = _knoppen(formaten)
    # the buttons and the checkbox exist only when the page draws the card (ids in a loop)
    verwacht(f"{re.escape(id_prefix)}-(png|svg|csv|xlsx|link)", "n_clicks", KLIKKEN)
    verwacht(f"{re.escape(id_prefix)}-vierkant", "value", AAN_UIT)
    vierkant_staat = (
        [State(f"{id_prefix}-vierkant", "value")] if set(AFBEELDINGEN) & set(formaten) else []
    )

    @callback(
        Output(f"{id_prefix}-download", "data"),
        Output(f"{id_prefix}-melding", "children", allow_duplicate=True),
        *[Input(f"{id_prefix}-{formaat}", "n_clicks") for formaat, _, _ in knoppen],
        *vierkant_staat,
        *locatie,
        *staten,
        prevent_initial_call=True,
        running=_bezig(
            id_prefix, [f"-{formaat}" for formaat, _, _ in knoppen], "Bestand wordt gemaakt…"
        ),
    )
    def download(*waarden: Any) -> tuple[Any, str]:
        formaat = str(ctx.triggered_id).removeprefix(f"{id_prefix}-")
        vierkant = bool(waarden[len(knoppen)]) if vierkant_staat else False
        rest = waarden[len(knoppen) + len(vierkant_staat) :]
        locatie, rest = (rest[:2], rest[2:]) if locatie_id else ((), rest)
        try:
            link = permalink(*locatie) if locatie else ""
            inhoud = _verrijk(maak(*rest), link)
            data, naam = pakket.maak_bestand(inhoud, formaat, date.today(), vierkant=vierkant)
        except Exception as fout:  # the user gets a message, the log the cause
            return no_update, foutmelding(fout)
        return dcc.send_bytes(data, naam), f"{naam} is klaar ({_grootte(len(data))})."

    clientside_callback(
        ClientsideFunction(namespace="ketenmonitor", function_name="kopieerLink"),
        Output(f"{id_prefix}-melding", "children", allow_duplicate=True),
        Input(f"{id_prefix}-link", "n_clicks"),
        prevent_initial_call=True,
    )
    if locatie_id:
        _wis_bij_nieuwe_keuze(f"{id_prefix}-melding", locatie_id)


def _wis_bij_nieuwe_keuze(melding_id: str, locatie_id: str) -> None:
    """A "… is klaar" line belongs to the choice it was made for: clear it when the choice
    (the page's query string) changes, so it never seems to describe the new chart."""

    @callback(
        Output(melding_id, "children", allow_duplicate=True),
        Input(locatie_id, "search"),
        prevent_initial_call=True,
    )
    def wis(_search: str | None) -> str:
        return ""


def briefingknop(id_prefix: str) -> html.Div:
    """'Download alle grafieken' for a page: one zip with PNG + SVG + CSV of every chart."""
    return html.Div(
        [
            html.Button(
                "Download alle grafieken",
                id=f"{id_prefix}-alles",
                type="button",
                className="werkbalk-knop",
                **{"aria-label": "Download alle grafieken van deze pagina (zip)"},
            ),
            dcc.Download(id=f"{id_prefix}-alles-download"),
            *_statusregels(f"{id_prefix}-alles"),
        ],
        className="werkbalk",
    )


def registreer_briefing_callback(
    id_prefix: str,
    staten: list[State],
    maak_alle: Callable[..., list[Grafiekexport]],
    locatie_id: str | None = None,
) -> None:
    """Wire `briefingknop(id_prefix)`: `maak_alle(*values)` returns every chart of the page."""
    locatie = [State(locatie_id, "pathname"), State(locatie_id, "search")] if locatie_id else []
    verwacht(f"{re.escape(id_prefix)}-alles", "n_clicks", KLIKKEN)

    @callback(
        Output(f"{id_prefix}-alles-download", "data"),
        Output(f"{id_prefix}-alles-melding", "children", allow_duplicate=True),
        Input(f"{id_prefix}-alles", "n_clicks"),
        *locatie,
        *staten,
        prevent_initial_call=True,
        running=_bezig(
            f"{id_prefix}-alles",
            [""],
            "Alle grafieken worden gemaakt; dit duurt ongeveer een halve seconde per grafiek…",
        ),
    )
    def download_alles(_klik: int, *waarden: Any) -> tuple[Any, str]:
        locatie, rest = (waarden[:2], waarden[2:]) if locatie_id else ((), waarden)
        vandaag = date.today()
        try:
            link = permalink(*locatie) if locatie else ""
            grafieken = [_verrijk(g, link) for g in maak_alle(*rest)]
            data = pakket.briefingpakket(grafieken, vandaag)
        except Exception as fout:  # the user gets a message, the log the cause
            return no_update, foutmelding(fout)
        naam = f"ketenmonitor_briefingpakket_{bestanden.veilig(id_prefix)}_{vandaag:%Y%m%d}.zip"
        return dcc.send_bytes(data, naam), f"{naam} is klaar ({_grootte(len(data))})."

    if locatie_id:
        _wis_bij_nieuwe_keuze(f"{id_prefix}-alles-melding", locatie_id)


def _statusregels(id_: str) -> list[html.P]:
    """`<id_>-bezig` (while a file is made) and `<id_>-melding` (result): aria-live lines."""
    return [
        html.P(
            id=f"{id_}-{soort}",
            role="status",
            className="werkbalk-melding klein",
            **{"aria-live": "polite"},
        )
        for soort in ("bezig", "melding")
    ]


def _bezig(id_prefix: str, knoppen: list[str], tekst: str) -> list[tuple[Output, Any, Any]]:
    """While a file is made: the buttons are disabled and `<id_prefix>-bezig` says so.

    An image takes ~0,25 s (the first in a process ~2 s) and a briefing pack ~0,5 s per
    chart: without this a second click would queue a second file, and a screen-reader user
    would hear nothing until the file is ready.
    """
    return [
        *[(Output(f"{id_prefix}{k}", "disabled"), True, False) for k in knoppen],
        (Output(f"{id_prefix}-bezig", "children"), tekst, ""),
    ]


def _grootte(n: int) -> str:
    return f"{n / 1024:.0f} kB".replace(".", ",") if n >= 1024 else f"{n} bytes"
