"""Request bodies as the browser posts them to Dash, shared by the bench and the tests.

One place builds them from the app's own callback map (or /_dash-dependencies), so a renamed
input changes the bench and the tests together instead of leaving a stale copy behind.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

EXPORT_KAARTEN = {  # toolbar → the page it sits on: four different charts
    "kenmerken-duur-export": "/kenmerken",
    "kenmerken-cluster-so_leerlingen-export": "/kenmerken",
    "capaciteit-kinderopvang-export": "/capaciteit",
    "trends-export": "/trends",
}


def paginapaden(met_verborgen: bool = False) -> list[str]:
    """Every page path in Dash's page registry, in menu order (the app registers them).

    The 404 page is left out unless `met_verborgen`: it exists to answer unknown paths.
    """
    import dash

    from dashboard.app import app  # noqa: F401  registers the pages

    paginas = sorted(dash.page_registry.values(), key=lambda p: (p["order"] is None, p["order"]))
    return [p["path"] for p in paginas if met_verborgen or p["module"] != "not_found_404"]


def als_callbackmap(afhankelijkheden: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """/_dash-dependencies (a list) as the output-keyed map `app.callback_map` is."""
    return {d["output"]: d for d in afhankelijkheden}


def callbackmap() -> dict[str, Any]:
    """The app's callbacks as its renderer sees them (/_dash-dependencies, in-process).

    Asked over the test client because Dash adds the pages' callbacks to `app.callback_map`
    only when it serves its first request.
    """
    from dashboard.app import app

    return als_callbackmap(app.server.test_client().get("/_dash-dependencies").get_json())


def callback_lichaam(
    callbacks: Mapping[str, Mapping[str, Any]],
    bevat: str,
    waarden: Mapping[str, Any],
    trigger: str,
) -> dict[str, Any]:
    """The body the renderer posts for the callback whose output key contains `bevat`.

    `callbacks` is `app.callback_map` or `als_callbackmap(...)`; `waarden` maps
    "id.property" to a value (missing ones are None, as for an untouched component).
    """
    sleutel = next(k for k in callbacks if bevat in k)
    cb = callbacks[sleutel]
    # as the renderer does: outputs parsed from the key, so a duplicate output keeps its
    # `@<hash>` (`..a.data...b.children@1f2e..`)
    delen = sleutel.strip(".").split("...") if sleutel.startswith("..") else [sleutel]
    outputs = [{"id": d.rpartition(".")[0], "property": d.rpartition(".")[2]} for d in delen]

    def met_waarde(adres: Mapping[str, Any]) -> dict[str, Any]:
        return {**adres, "value": waarden.get(f"{adres['id']}.{adres['property']}")}

    return {
        "output": sleutel,
        "outputs": outputs if sleutel.startswith("..") else outputs[0],
        "inputs": [met_waarde(i) for i in cb["inputs"]],
        "state": [met_waarde(s) for s in cb.get("state", [])],
        "changedPropIds": [trigger],
    }


def _bytes(lichaam: Mapping[str, Any]) -> bytes:
    return json.dumps(lichaam).encode()


def router_lichaam(pad: str, zoek: str = "") -> bytes:
    """What the browser posts on load: ask Dash's page router for the layout of pad+zoek."""
    return _bytes(
        {
            "output": ".._pages_content.children..._pages_store.data..",
            "outputs": [
                {"id": "_pages_content", "property": "children"},
                {"id": "_pages_store", "property": "data"},
            ],
            "inputs": [
                {"id": "_pages_location", "property": "pathname", "value": pad},
                {"id": "_pages_location", "property": "search", "value": zoek},
            ],
            "changedPropIds": ["_pages_location.pathname"],
            "state": [],
        }
    )


def werkbalk_lichaam(
    afhankelijkheden: list[dict[str, Any]], werkbalk: str, pad: str, formaat: str
) -> bytes:
    """One toolbar click as the browser sends it (afhankelijkheden: /_dash-dependencies)."""
    callbacks = als_callbackmap(afhankelijkheden)
    bevat = f"..{werkbalk}-download.data"
    cb = callbacks[next(k for k in callbacks if bevat in k)]
    per_eigenschap = {"pathname": pad, "search": "", "value": False}
    waarden = {f"{s['id']}.{s['property']}": per_eigenschap[s["property"]] for s in cb["state"]}
    knop = f"{werkbalk}-{formaat}"
    waarden[f"{knop}.n_clicks"] = 1
    return _bytes(callback_lichaam(callbacks, bevat, waarden, f"{knop}.n_clicks"))


def trends_lichaam(indicatoren: list[str], weergave: str) -> bytes:
    """The Trends chart callback as the browser posts it after a change of view."""
    waarden = {
        "trends-indicator.value": indicatoren,
        "trends-setting.value": [],
        "trends-weergave.value": weergave,
        "trends-basisjaar.value": "2016",
        "trends-van.value": "2015",
        "trends-tot.value": "2024",
        "trends-corona.value": [],
        "trends-beleid.value": [],
        "trends-tab.value": "grafiek",
        "trends-sorteer.value": "indicator",
    }
    return _bytes(
        callback_lichaam(callbackmap(), "trends-grafiek.figure", waarden, "trends-weergave.value")
    )


def regio_lichaam(
    callbacks: Mapping[str, Mapping[str, Any]],
    uitvoer: str,
    niveau: str,
    soort: str,
    jaar: int,
    telling: str = "vestiging",
    maat: str = "aantal",
) -> dict[str, Any]:
    """A /regio callback after a change of year (the map or the table, per level and kind)."""
    waarden = {
        "regio-telling.value": telling,
        "regio-niveau.value": niveau,
        "regio-soort.value": soort,
        "regio-jaar.value": str(jaar),
        "regio-maat.value": maat,
        "regio-gekozen.data": None,
    }
    return callback_lichaam(callbacks, uitvoer, waarden, "regio-jaar.value")


def briefing_lichaam(afhankelijkheden: list[dict[str, Any]], pagina: str, pad: str) -> bytes:
    """A click on a page's 'Download alle grafieken' (briefing pack), as the browser sends it."""
    callbacks = als_callbackmap(afhankelijkheden)
    bevat = f"..{pagina}-alles-download.data"
    cb = callbacks[next(k for k in callbacks if bevat in k)]
    per_eigenschap = {"pathname": pad, "search": "", "value": False, "data": None}
    waarden = {f"{s['id']}.{s['property']}": per_eigenschap[s["property"]] for s in cb["state"]}
    waarden[f"{pagina}-alles.n_clicks"] = 1
    return _bytes(callback_lichaam(callbacks, bevat, waarden, f"{pagina}-alles.n_clicks"))
