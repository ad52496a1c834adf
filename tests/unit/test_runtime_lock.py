"""The production install (`make serve`) comes from requirements/runtime.lock: runtime only.

The lock is what production runs, so it must pin every runtime dependency of pyproject.toml
within its range, and carry nothing from the test extras (selenium pulled urllib3 1.26 with
known CVEs into the one shared .venv before the lock existed).
"""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from etl.config import PROJECT_ROOT

LOCK = PROJECT_ROOT / "requirements" / "runtime.lock"


def vastgepind() -> dict[str, Version]:
    uit = {}
    for regel in LOCK.read_text(encoding="utf-8").splitlines():
        regel = regel.split("#", 1)[0].strip()
        if not regel:
            continue
        naam, _, versie = regel.partition("==")
        assert versie, f"niet vastgepind: {regel!r}"
        uit[canonicalize_name(naam)] = Version(versie)
    return uit


def project() -> dict:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_geen_testgereedschap_en_geen_oude_urllib3() -> None:
    pins = vastgepind()
    assert "selenium" not in pins
    assert "urllib3" not in pins or pins["urllib3"] >= Version("2")
    testextra = {
        canonicalize_name(Requirement(r).name) for r in project()["optional-dependencies"]["test"]
    }
    testextra.discard("dash")  # dash itself is a runtime dependency; its [testing] extra is not
    assert not testextra & pins.keys(), testextra & pins.keys()
    assert {"pytest", "dash-testing-stub"}.isdisjoint(pins)


def test_elke_runtime_afhankelijkheid_binnen_haar_bereik() -> None:
    pins = vastgepind()
    for tekst in project()["dependencies"]:
        eis = Requirement(tekst)
        naam = canonicalize_name(eis.name)
        assert naam in pins, f"{naam} ontbreekt in {LOCK.name}: make lock"
        assert eis.specifier.contains(pins[naam], prereleases=True), (naam, pins[naam], str(eis))
