"""/proc probes: a process tree and its memory (PSS, RSS), without extra dependencies."""

from __future__ import annotations

from pathlib import Path


def kinderen() -> dict[int, list[int]]:
    """ppid → pids, from /proc (processes that end while we read are skipped)."""
    uit: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            tekst = stat.read_text()
        except OSError:
            continue
        ppid = int(tekst[tekst.rindex(")") + 2 :].split()[1])
        uit.setdefault(ppid, []).append(int(stat.parent.name))
    return uit


def nakomelingen(pid: int) -> list[int]:
    """Every process below pid (children, grandchildren, ...)."""
    boom, uit, open_ = kinderen(), [], [pid]
    while open_:
        for kind in boom.get(open_.pop(), []):
            uit.append(kind)
            open_.append(kind)
    return uit


def pss_mb(pids: list[int]) -> float:
    """Summed PSS (shared pages divided among their users, so no double counting)."""
    totaal = 0
    for pid in pids:
        try:
            for regel in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if regel.startswith("Pss:"):
                    totaal += int(regel.split()[1])
        except OSError:
            continue
    return round(totaal / 1024, 1)


def rss_mb(pids: list[int]) -> list[float]:
    """Resident memory per process (counts shared pages in each: use pss_mb for sums)."""
    uit = []
    for pid in pids:
        try:
            regels = Path(f"/proc/{pid}/status").read_text().splitlines()
        except OSError:
            continue
        for regel in regels:
            if regel.startswith("VmRSS"):
                uit.append(round(int(regel.split()[1]) / 1024, 1))
    return uit
