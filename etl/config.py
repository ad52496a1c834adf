"""Every path the project uses, in one place, so tests and the CLI can point elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
DESCRIPTOR_NAME = "datapackage.json"


def database_path() -> Path:
    """The built database; `KETENMONITOR_DB` overrides it (tests, deployments)."""
    return Path(os.environ.get("KETENMONITOR_DB", PROCESSED_DIR / "ketenmonitor.duckdb"))
