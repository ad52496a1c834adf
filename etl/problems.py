"""One shape for every validation problem, so the CLI can list them all the same way.

The format `path:line: column: reason` is what editors and CI logs turn into clickable links.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Probleem:
    pad: str
    regel: int | None
    kolom: str | None
    reden: str

    def __str__(self) -> str:
        plaats = self.pad if self.regel is None else f"{self.pad}:{self.regel}"
        return f"{plaats}: {self.kolom or '-'}: {self.reden}"


class ValidatieFout(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problemen: list[Probleem]):
        self.problemen = sorted(problemen, key=lambda p: (p.pad, p.regel or 0, p.kolom or ""))
        super().__init__(f"{len(self.problemen)} probleem/problemen in de ruwe data")
