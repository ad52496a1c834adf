"""The dashboard's layers import one way, and no module imports itself back through others.

Read from the source with `ast` (real import statements, not docstrings), so a new import
against the grain fails here before it tangles the tree (docs/ontwikkeling.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"

# Lower layers never import higher ones; a layer may import itself and anything below.
LAGEN = [
    "gegevens",
    "figuren",
    "uitvoer",
    "webserver",
    "onderdelen",
    "logica",
    "pages",
    "api",
    "app",
]


def _modulenaam(pad: Path, wortel: Path) -> str:
    delen = pad.relative_to(wortel.parent).with_suffix("").parts
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


def _imports(pad: Path, wortel: Path) -> set[str]:
    """Every `dashboard…` module this file imports, at any depth in the file."""
    uit: set[str] = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            uit |= {a.name for a in knoop.names if a.name.startswith("dashboard")}
        elif isinstance(knoop, ast.ImportFrom) and (knoop.module or "").startswith("dashboard"):
            for a in knoop.names:
                kandidaat = f"{knoop.module}.{a.name}"
                bestaat = (wortel.parent / kandidaat.replace(".", "/")).with_suffix(".py")
                uit.add(kandidaat if bestaat.exists() else knoop.module)
    return uit


def _graaf(wortel: Path = DASHBOARD) -> dict[str, set[str]]:
    return {
        _modulenaam(p, wortel): _imports(p, wortel)
        for p in wortel.rglob("*.py")
        if p.name != "gunicorn.conf.py"
    }


def _laag(module: str) -> str:
    delen = module.split(".")
    return delen[1] if len(delen) > 1 else "app"


def test_lagen_importeren_alleen_naar_beneden() -> None:
    fout = []
    for module, doelen in _graaf().items():
        laag = _laag(module)
        if laag not in LAGEN:
            continue
        for doel in doelen:
            doellaag = _laag(doel)
            if doellaag in LAGEN and LAGEN.index(doellaag) > LAGEN.index(laag):
                fout.append(f"{module} → {doel}")
    assert not fout, fout


def test_geen_importkringloop() -> None:
    graaf = _graaf()
    kringlopen = []

    def bezoek(knoop: str, pad: list[str], klaar: set[str]) -> None:
        for doel in graaf.get(knoop, ()):
            if doel in pad:
                kringlopen.append([*pad[pad.index(doel) :], doel])
            elif doel not in klaar:
                klaar.add(doel)
                bezoek(doel, [*pad, doel], klaar)

    for module in graaf:
        bezoek(module, [module], set())
    assert not kringlopen, kringlopen[:3]


def test_de_controle_ziet_een_kringloop(tmp_path: Path) -> None:
    """The reading itself can fail: two files that import each other are both seen."""
    nep = tmp_path / "dashboard"
    (nep / "gegevens").mkdir(parents=True)
    (nep / "gegevens" / "a.py").write_text(
        '"""from dashboard.pages import x"""\nfrom dashboard.gegevens import b\n'
    )
    (nep / "gegevens" / "b.py").write_text("import dashboard.gegevens.a\n")
    graaf = _graaf(nep)
    assert graaf["dashboard.gegevens.a"] == {"dashboard.gegevens.b"}  # docstring ignored
    assert graaf["dashboard.gegevens.b"] == {"dashboard.gegevens.a"}
