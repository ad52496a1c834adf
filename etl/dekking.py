"""Coverage report for `python -m etl validate`: how deep and how primary the data is.

The project aims for deep, well-attributed data (indicators with five or more years, age
series over time per setting, every observation's producer named, as many as possible read at
the producer, few provisional values for old years); this module measures those targets on the validated tables so every run
shows where the data stands. It only counts; it judges nothing and never fails a build.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

MIN_JAREN = 5  # "a trend": at least five distinct years


@dataclass(frozen=True)
class Dekking:
    waarnemingen: int
    indicatoren: int
    indicatoren_min_jaren: int
    indicatoren_min_jaren_import: int  # of those, series read from a publisher file
    leeftijdsreeksen: dict[str, tuple[int, int]]  # setting → (series ≥ MIN_JAREN, longest)
    per_producent: dict[str, int]  # producer → observations
    producent_genoemd: int  # observations whose producer is named (not 'onbekend')
    bij_producent: int  # observations read in the producer's own publication (soort primair)
    handmatig: int  # observations from data/raw/waarneming.csv (not imported)
    handmatig_bij_producent: int
    voorlopig_per_jaar: dict[int, int]

    def _procent(self, n: int, van: int | None = None) -> str:
        van = self.waarnemingen if van is None else van
        return f"{100 * n / van:.1f}".replace(".", ",") + "%" if van else "-"

    def regels(self) -> list[str]:
        """The report as printed lines (Dutch, like the rest of the CLI)."""
        leeftijd = (
            "; ".join(
                f"{s} {n} (langste {m} jaar)" for s, (n, m) in sorted(self.leeftijdsreeksen.items())
            )
            or "geen"
        )
        voorlopig = (
            ", ".join(f"{j}: {n}" for j, n in sorted(self.voorlopig_per_jaar.items())) or "geen"
        )
        tot_2021 = sum(n for j, n in self.voorlopig_per_jaar.items() if j <= 2021)
        producenten = ", ".join(
            f"{p} {n}" for p, n in sorted(self.per_producent.items(), key=lambda x: (-x[1], x[0]))
        )
        rijen = [
            ("waarnemingen", str(self.waarnemingen)),
            (
                f"indicatoren met ≥ {MIN_JAREN} jaren",
                f"{self.indicatoren_min_jaren} van {self.indicatoren}"
                f" (waarvan {self.indicatoren_min_jaren_import} uit uitgeversbestanden)",
            ),
            (f"leeftijd × jaar (≥ {MIN_JAREN} jaren)", leeftijd),
            ("per producent", producenten),
            (
                "producent genoemd",
                f"{self.producent_genoemd} van {self.waarnemingen}"
                f" ({self._procent(self.producent_genoemd)}; doel 100%)",
            ),
            (
                "gelezen bij de producent",
                f"{self.bij_producent} van {self.waarnemingen}"
                f" ({self._procent(self.bij_producent)}); handmatig ingevoerd:"
                f" {self.handmatig_bij_producent} van {self.handmatig}"
                f" ({self._procent(self.handmatig_bij_producent, self.handmatig)})",
            ),
            ("voorlopig per jaar", f"{voorlopig} (t/m 2021: {tot_2021})"),
        ]
        return ["Dekking:", *(f"  {k:<30} {v}" for k, v in rijen)]


def meet(
    tabellen: dict[str, pd.DataFrame], import_bronnen: frozenset[str] = frozenset()
) -> Dekking:
    """Coverage of the validated tables `waarneming`, `indicator` and `bron`.

    `import_bronnen` names the sources of publisher-file imports: at most five imported
    series count towards the target of indicators with five or more years, because one file
    can add many long series at once.
    """
    w = tabellen["waarneming"]
    jaren = w.dropna(subset=["periode_van"])
    jaren = jaren[jaren["periode_van"] == jaren["periode_tot"]]  # one-year values only
    per_indicator = jaren.groupby("indicator_id")["periode_van"].nunique()
    lang = per_indicator[per_indicator >= MIN_JAREN].index
    uit_import = jaren["bron_id"].isin(import_bronnen).groupby(jaren["indicator_id"]).all()

    setting = tabellen["indicator"].set_index("indicator_id")["setting_id"]
    leeftijd = jaren[jaren["uitsplitsing"] == "leeftijd"]
    per_reeks = leeftijd.groupby(["indicator_id", "categorie"])["periode_van"].nunique()
    leeftijdsreeksen: dict[str, tuple[int, int]] = {}
    for (indicator, _categorie), n in per_reeks.items():
        s = str(setting.get(indicator, "onbekend"))
        aantal, langste = leeftijdsreeksen.get(s, (0, 0))
        leeftijdsreeksen[s] = (aantal + int(n >= MIN_JAREN), max(langste, int(n)))

    bron = tabellen["bron"].set_index("bron_id")
    producent = w["bron_id"].map(bron["producent"]).fillna("onbekend").astype(str)
    primair = (w["bron_id"].map(bron["soort"]) == "primair").fillna(False).astype(bool)
    handmatig = ~w["bron_id"].isin(import_bronnen)

    voorlopig = w[(w["status"] == "voorlopig") & w["periode_van"].notna()]
    per_jaar = voorlopig.groupby("periode_van").size()
    return Dekking(
        waarnemingen=len(w),
        indicatoren=int(w["indicator_id"].nunique()),
        indicatoren_min_jaren=len(lang),
        indicatoren_min_jaren_import=int(uit_import.reindex(lang).sum()),
        leeftijdsreeksen=leeftijdsreeksen,
        per_producent={str(p): int(n) for p, n in producent.value_counts().items()},
        producent_genoemd=int((producent != "onbekend").sum()),
        bij_producent=int(primair.sum()),
        handmatig=int(handmatig.sum()),
        handmatig_bij_producent=int((primair & handmatig).sum()),
        voorlopig_per_jaar={int(j): int(n) for j, n in per_jaar.items()},
    )
