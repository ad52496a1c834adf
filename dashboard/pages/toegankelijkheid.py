"""Toegankelijkheidsverklaring: what we test, how, and what is known not to work yet."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard.onderdelen.components import meldingen
from dashboard.onderdelen.state import lees

dash.register_page(
    __name__,
    path="/toegankelijkheid",
    name="Toegankelijkheid",
    order=99,
    title="Toegankelijkheidsverklaring – Ketenmonitor",
    in_menu=False,
)


def layout(**kwargs: Any) -> html.Div:
    _, teksten = lees([], kwargs)
    return html.Div(
        [
            html.H1("Toegankelijkheidsverklaring"),
            meldingen(teksten, "toegankelijkheid-meldingen"),
            html.P(
                "Ketenmonitor wil voldoen aan WCAG 2.1 niveau AA (EN 301 549), de norm voor websites "
                "van de Nederlandse overheid."
            ),
            html.H2("Hoe we dat toetsen"),
            html.Ul(
                [
                    html.Li(
                        "Bij elke wijziging draait axe-core (regels WCAG 2.0/2.1 A en AA) in een headless browser op elke pagina; ernstige en kritieke bevindingen laten de tests falen."
                    ),
                    html.Li(
                        "Alle bediening bestaat uit gewone formulierelementen met een label en is met het toetsenbord te gebruiken; de focus is zichtbaar."
                    ),
                    html.Li(
                        "Elke grafiek heeft een tekstalternatief dat uit de data wordt gegenereerd en een tabel met dezelfde cijfers, status en bron."
                    ),
                    html.Li(
                        "Kleuren halen ten minste 3:1 contrast; elke reeks heeft ook een eigen markervorm, en status is te zien aan lijnstijl en marker, niet alleen aan kleur."
                    ),
                ]
            ),
            html.H2("Bekende beperkingen"),
            html.Ul(
                [
                    html.Li(
                        "De interactieve functies in de grafiek zelf (inzoomen, aanwijzen) werken met de muis; dezelfde informatie staat in de tabelweergave."
                    ),
                    html.Li(
                        "Een handmatige toets door ervaringsdeskundigen heeft nog niet plaatsgevonden."
                    ),
                ]
            ),
            html.P("Loopt u ergens tegenaan? Meld het als issue in de projectrepository."),
        ]
    )
