"""Publisher importers: turn the files in `data/raw/import/` into `waarneming` and `bron` rows.

One hook for the build: `laad(raw_dir, tabellen)` reads `import/mapping.json`, runs the importer
for each mapped file, checks the imported rows against the hand-entered tables (foreign keys,
duplicate keys) and returns the rows to append, or every problem found. Nothing is appended
when anything is wrong, so a bad export never half-loads.

Without `data/raw/import/mapping.json` nothing is imported and nothing changes.
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from etl.importers.basis import ImportFout, Importtabel
from etl.importers.cbs_csv import lees_csv
from etl.importers.cbs_odata import lees_odata, snapshot_map
from etl.importers.cbs_regio import lees_herindeling
from etl.importers.controle import controleer
from etl.importers.duo import lees_duo, lees_indeling, regio_rijen
from etl.importers.manifest import controleer_manifest
from etl.importers.mapping import import_map, lees_kop, lees_mapping, ontbrekende_jaarkolommen
from etl.problems import Probleem
from etl.read import REGEL_KOLOM

PAD_KOLOM = "_pad"
REGIO_KOLOMMEN = ["regio_code", "naam", "niveau", "provincie", "toelichting"]
REGIO_WAARNEMING_KOLOMMEN = [
    "regio_code",
    "indicator_id",
    "jaar",
    "waarde",
    "ondergrens",
    "bovengrens",
    "aantal_vestigingen",
    "status",
    "bron_id",
    "noot",
    "telling",
    "citaat",
]


@dataclass
class Importresultaat:
    problemen: list[Probleem] = field(default_factory=list)
    tabellen: list[Importtabel] = field(default_factory=list)
    waarneming: pd.DataFrame | None = None
    bron: pd.DataFrame | None = None
    regio: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REGIO_KOLOMMEN))
    regio_waarneming: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=REGIO_WAARNEMING_KOLOMMEN)
    )

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
    paden = [
        snapshot_map(map_, t) if t["formaat"] == "cbs-odata" else map_ / t["bestand"]
        for t in mapping
    ]
    regio = [
        map_ / t["regio"][k]
        for t in mapping
        if t.get("regio")
        for k in ("indeling", "herindeling")
        if t["regio"].get(k)
    ]
    try:
        # Every publisher file is accounted for and unchanged before a byte of it is read.
        manifest = controleer_manifest(map_, [*paden, *regio])
    except ImportFout as fout:
        return fout.problemen, []
    problemen: list[Probleem] = []
    tabellen: list[Importtabel] = []
    for tabel, pad in zip(mapping, paden, strict=True):
        regel = manifest.get(pad.relative_to(map_).as_posix(), {})
        if not tabel.get("geraadpleegd"):  # the manifest says when the file was taken
            tabel["geraadpleegd"] = regel.get("geraadpleegd")
        if tabel["formaat"] == "duo-csv" and (kop := lees_kop(pad)) is not None:
            problemen += ontbrekende_jaarkolommen(pad, kop, tabel)
        try:
            tabellen.append(_lees_een_onthouden(map_, pad, tabel, manifest))
        except ImportFout as fout:
            problemen += fout.problemen
        except (KeyError, TypeError, AttributeError, IndexError, ValueError) as fout:
            # Safety net: a file shaped in a way no importer foresaw is a problem, not a traceback.
            problemen.append(
                Probleem(
                    str(pad), None, None, f"onverwachte indeling ({type(fout).__name__}: {fout})"
                )
            )
    return problemen, tabellen


REGIO = ("indeling", "herindeling")
ONTHOUDEN = 8
"""How many importer results one process keeps (about 10 MB each for the DUO and CBS files)."""
_GELEZEN: dict[str, tuple[str, bytes]] = {}


def _lees_een_onthouden(
    map_: Path, pad: Path, tabel: dict, manifest: dict[str, dict[str, Any]]
) -> Importtabel:
    """`_lees_een`, read once per content in a process that builds more than once.

    Reading DUO's per-location file and CBS's residence table is most of a build (seconds),
    and the test suite and the bench build the same unchanged files dozens of times, often
    from a copy in another folder. The key is the sha256 the manifest has just verified for
    every file the importer reads, plus the mapping entry: a changed byte or setting reads
    afresh. What is returned is always a fresh copy, with the paths of this read.
    """
    sleutel = _inhoudssleutel(map_, pad, tabel, manifest)
    if sleutel is None:
        return _lees_een(map_, pad, tabel)
    if sleutel in _GELEZEN:
        oud_pad, bewaard = _GELEZEN[sleutel]
        uit: Importtabel = pickle.loads(bewaard)
        _verplaats(uit, oud_pad, str(pad))
        return uit
    uit = _lees_een(map_, pad, tabel)
    _GELEZEN[sleutel] = (uit.pad, pickle.dumps(uit, protocol=pickle.HIGHEST_PROTOCOL))
    while len(_GELEZEN) > ONTHOUDEN:
        del _GELEZEN[next(iter(_GELEZEN))]
    return uit


def vergeet() -> None:
    """Forget every remembered read: a measurement of a build must read the files itself."""
    _GELEZEN.clear()


def _inhoudssleutel(
    map_: Path, pad: Path, tabel: dict, manifest: dict[str, dict[str, Any]]
) -> str | None:
    """The content behind a read, or None when a file is not a single manifest entry (an
    OData snapshot folder): such a read is not remembered."""
    bestanden = [pad, *(map_ / v for k, v in (tabel.get("regio") or {}).items() if k in REGIO)]
    sha = [manifest.get(b.relative_to(map_).as_posix(), {}).get("sha256") for b in bestanden]
    if tabel["formaat"] == "cbs-odata" or not all(sha):
        return None
    return json.dumps([sha, tabel], sort_keys=True, default=str)


def _verplaats(uit: Importtabel, oud: str, nieuw: str) -> None:
    """A remembered read of the same bytes in another folder names this folder's file."""
    if oud == nieuw:
        return
    uit.pad = nieuw
    for rij in uit.waarnemingen:
        if str(rij.get(PAD_KOLOM)) == oud:
            rij[PAD_KOLOM] = nieuw


def _lees_een(map_: Path, pad: Path, tabel: dict) -> Importtabel:
    if tabel["formaat"] == "cbs-odata":
        return lees_odata(pad, tabel)
    if tabel["formaat"] == "cbs-csv" and not tabel.get("regio"):
        return lees_csv(pad, tabel)
    if tabel["formaat"] != "cbs-csv" and not tabel.get("regio"):
        return lees_duo(pad, tabel)
    indeling_pad = map_ / tabel["regio"]["indeling"]
    indeling = lees_indeling(indeling_pad)
    if isinstance(indeling, list):
        raise ImportFout(indeling)
    if tabel["formaat"] == "cbs-csv":
        herindeling, problemen = lees_herindeling(map_ / tabel["regio"]["herindeling"], indeling)
        if problemen:
            raise ImportFout(problemen)
        uit = lees_csv(pad, tabel, (indeling, herindeling))
        uit.regio = regio_rijen(indeling_pad) + uit.regio
        return uit
    uit = lees_duo(pad, tabel, indeling)
    uit.regio = regio_rijen(indeling_pad)
    return uit


def laad(raw_dir: Path, tabellen: dict[str, pd.DataFrame]) -> Importresultaat:
    """Imported rows typed like the hand-entered frames, checked against them; or problems."""
    problemen, geimporteerd = lees_importen(raw_dir)
    if problemen or not geimporteerd:
        return Importresultaat(problemen, [] if problemen else geimporteerd)
    waarneming = pd.DataFrame([w for t in geimporteerd for w in t.waarnemingen])
    bron = pd.DataFrame([t.bron for t in geimporteerd])
    bron[PAD_KOLOM] = [t.pad for t in geimporteerd]
    # An imported file is the producer's own (CBS, DUO), whatever route the copy took: that
    # route is recorded in the manifest's `herkomst`, not here.
    bron["soort"] = "primair"
    regio = pd.DataFrame([r for t in geimporteerd for r in t.regio], columns=REGIO_KOLOMMEN)
    regio = regio.drop_duplicates("regio_code").sort_values("regio_code", ignore_index=True)
    regio_waarneming = pd.DataFrame(
        [r for t in geimporteerd for r in t.regio_waarnemingen], columns=REGIO_WAARNEMING_KOLOMMEN
    )
    problemen = controleer(waarneming, bron, tabellen, regio_waarneming)
    if problemen:
        return Importresultaat(problemen)
    waarneming = waarneming.drop(columns=["_periodesoort"])
    return Importresultaat(
        [],
        geimporteerd,
        _typeer_als(waarneming, tabellen.get("waarneming"), GRENZEN),
        _typeer_als(bron, tabellen.get("bron")),
        regio,
        regio_waarneming.astype({"jaar": "int64", "aantal_vestigingen": "Int64"}),
    )


GRENZEN = ["ondergrens", "bovengrens"]


def _typeer_als(
    df: pd.DataFrame, voorbeeld: pd.DataFrame | None, extra: list[str] | None = None
) -> pd.DataFrame:
    """Give imported columns the dtypes of the hand-entered frame so concat keeps them.

    `extra` columns exist only in the database (the bounds of a range), not in the raw CSV.
    """
    extra = extra or []
    for kolom in extra:
        df[kolom] = df[kolom].astype("Float64")
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
    return df[[*voorbeeld.columns, *extra, PAD_KOLOM]]
