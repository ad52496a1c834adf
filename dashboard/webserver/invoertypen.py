"""What each callback may receive: one JSON schema per (component, property), in one place.

A made-up value (a number where a Store holds a region code, a list where a checklist sends
strings) made page callbacks raise deep inside: 500 and a traceback. `beveiliging` checks
every input and state of a callback request against `schema_voor` before Dash runs it, and
answers 400 when a value does not fit, or when no schema is known at all (a test keeps every
registered callback covered, tests/dashboard/test_vijandige_invoer.py).

Two sources, first match wins:
1. `verwacht(id_patroon, eigenschap, schema)`: declared beside the component, for what
   depends on the component's purpose (a Store, ids made in a loop);
2. `WAARDESCHEMA`, by component class, for what every control of that class sends.
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema

MAX_ZOEK = 4094
"""Longest query string a callback may carry: what gunicorn allows for a whole request line
(limit_request_line), so no address a browser could have opened is refused. Parsing a 1 MB
query string (100,000 keys) took a worker ~1 s even with the notices capped."""

KLIKKEN: dict[str, Any] = {"type": ["integer", "null"], "minimum": 0}
AAN_UIT: dict[str, Any] = {"type": ["boolean", "null"]}

WAARDESCHEMA: dict[tuple[str, str], dict[str, Any]] = {
    ("Button", "n_clicks"): KLIKKEN,
    ("Checkbox", "value"): AAN_UIT,
    ("Checklist", "value"): {
        "type": ["array", "null"],
        "maxItems": 500,
        "items": {"type": ["string", "number"], "maxLength": 200},
    },
    ("Select", "value"): {"type": ["string", "number", "null"], "maxLength": 200},
    ("RadioItems", "value"): {"type": ["string", "number", "null"], "maxLength": 200},
    ("Input", "value"): {"type": ["string", "null"], "maxLength": 1000},
    ("Input[number]", "value"): {"type": ["number", "string", "null"], "maxLength": 100},
    ("Location", "pathname"): {"type": ["string", "null"], "maxLength": MAX_ZOEK, "pattern": "^/"},
    ("Location", "search"): {
        "type": ["string", "null"],
        "maxLength": MAX_ZOEK,
        "pattern": "^(\\?|$)",
    },
}
"""What a browser can send for (component class, property)."""

_VERWACHT: list[tuple[re.Pattern[str], str, dict[str, Any]]] = []


def verwacht(id_patroon: str, eigenschap: str, schema: dict[str, Any]) -> None:
    """Declare what `<id>.<eigenschap>` may hold for every id that fully matches the regex
    `id_patroon`; call it at module level beside the component (a page, the toolbar)."""
    jsonschema.Draft202012Validator.check_schema(schema)
    _VERWACHT.append((re.compile(id_patroon), eigenschap, schema))


def schema_voor(id_: str, eigenschap: str, soort: str | None) -> dict[str, Any] | None:
    """The schema for this input, or None when nobody declared one."""
    for patroon, eig, schema in _VERWACHT:
        if eig == eigenschap and patroon.fullmatch(id_):
            return schema
    return WAARDESCHEMA.get((soort or "", eigenschap))


_VALIDATORS: dict[int, jsonschema.Draft202012Validator] = {}


def fout_in(schema: dict[str, Any], waarde: Any) -> str | None:
    """The first reason `waarde` does not fit `schema`, or None."""
    validator = _VALIDATORS.get(id(schema))
    if validator is None:
        validator = _VALIDATORS[id(schema)] = jsonschema.Draft202012Validator(schema)
    fout = jsonschema.exceptions.best_match(validator.iter_errors(waarde))
    return None if fout is None else fout.message[:100]


def te_diep(waarde: Any, max_diepte: int) -> bool:
    """Is `waarde` nested deeper than `max_diepte` lists/objects? Iterative: a hostile value
    must not be able to exhaust the stack here either."""
    stapel = [(waarde, 1)]
    while stapel:
        w, diepte = stapel.pop()
        if isinstance(w, dict):
            w = list(w.values())
        elif not isinstance(w, list):
            continue
        if diepte > max_diepte:
            return True
        stapel.extend((kind, diepte + 1) for kind in w)
    return False
