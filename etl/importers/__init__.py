"""Publisher importers: turn the files in `data/raw/import/` into `waarneming` and `bron` rows.

One hook for the build: `laad(raw_dir, tabellen)` reads `import/mapping.json`, runs the importer
for each mapped file, checks the imported rows against the hand-entered tables (foreign keys,
duplicate keys) and returns the rows to append, or every problem found. Nothing is appended
when anything is wrong, so a bad export never half-loads.

Without `data/raw/import/mapping.json` nothing is imported and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.importers.basis import ImportFout, Importtabel
from etl.importers.cbs import lees_csv, lees_odata, snapshot_map
from etl.importers.controle import controleer
from etl.importers.duo import lees_duo
from etl.importers.mapping import import_map, lees_mapping
from etl.problems import Probleem
from etl.read import REGEL_KOLOM

PAD_KOLOM = "_pad"


@dataclass
class Importresultaat:
    problemen: list[Probleem] = field(default_factory=list)
    tabellen: list[Importtabel] = field(default_factory=list)
    waarneming: pd.DataFrame | None = None
    bron: pd.DataFrame | None = None

    def samenvatting(self) -> list[str]:
        return [t.samenvatting() for t in self.tabellen]


def lees_importen(raw_dir: Path) -> tuple[list[Probleem], list[Importtabel]]:
    """Run every mapped importer; problems from all files are collected, not just the first."""
    try:
        mapping = lees_mapping(raw_dir)
    except ImportFout as fout:
        return fout.problemen, []
    if mapping is None:
        return [], []
    map_ = import_map(raw_dir)
    problemen: list[Probleem] = []
    tabellen: list[Importtabel] = []
    for tabel in mapping:
        try:
            if tabel["formaat"] == "cbs-odata":
                tabellen.append(lees_odata(snapshot_map(map_, tabel), tabel))
            elif tabel["formaat"] == "cbs-csv":
                tabellen.append(lees_csv(map_ / tabel["bestand"], tabel))
            else:
                tabellen.append(lees_duo(map_ / tabel["bestand"], tabel))
        except ImportFout as fout:
            problemen += fout.problemen
    return problemen, tabellen


def laad(raw_dir: Path, tabellen: dict[str, pd.DataFrame]) -> Importresultaat:
    """Imported rows typed like the hand-entered frames, checked against them; or problems."""
    problemen, geimporteerd = lees_importen(raw_dir)
    if problemen or not geimporteerd:
        return Importresultaat(problemen, [] if problemen else geimporteerd)
    waarneming = pd.DataFrame([w for t in geimporteerd for w in t.waarnemingen])
    bron = pd.DataFrame([t.bron for t in geimporteerd])
    bron[PAD_KOLOM] = [t.pad for t in geimporteerd]
    bron["soort"] = "primair"  # an imported file is the publisher's own (CBS, DUO)
    problemen = controleer(waarneming, bron, tabellen)
    if problemen:
        return Importresultaat(problemen)
    waarneming = waarneming.drop(columns=["_periodesoort"])
    return Importresultaat(
        [],
        geimporteerd,
        _typeer_als(waarneming, tabellen.get("waarneming")),
        _typeer_als(bron, tabellen.get("bron")),
    )


def _typeer_als(df: pd.DataFrame, voorbeeld: pd.DataFrame | None) -> pd.DataFrame:
    """Give imported columns the dtypes of the hand-entered frame so concat keeps them."""
    if voorbeeld is None:
        return df
    for kolom in voorbeeld.columns:
        if kolom not in df.columns:
            df[kolom] = None
        if kolom == REGEL_KOLOM:
            df[kolom] = df[kolom].astype("Int64")  # DUO sums have no single line
        elif kolom == "geraadpleegd":
            df[kolom] = pd.to_datetime(df[kolom], format="%Y-%m-%d", errors="coerce").dt.date
        else:
            df[kolom] = df[kolom].astype(voorbeeld[kolom].dtype)
    return df[[*voorbeeld.columns, PAD_KOLOM]]
