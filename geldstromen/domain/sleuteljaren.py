"""Which KWB year supplies each allocation key, and the regions to allocate to.

The regions are those of the *indeling year*: the year nearest the target year in which the
gemeente has inhabitants at both wijk and buurt level (ties: the later year), so a wijk's
allocation is the same at both levels and equals the sum of its buurten; the wijk level keeps
a nearer year of its own only when that year has other wijk codes (a new indeling), and a
gemeente with no shared year uses the nearest year of the level asked (:func:`indelingsjaar`). Every key indicator then comes from
the year nearest the budget year that has it for at least half of the regions (matched by
code): a nearer year whose codes belong to another indeling is passed over. Values join the
regions by code, so a region absent in that key year simply has no value and falls back.
"""

from __future__ import annotations

import pandas as pd

from geldstromen.domain import regiocode
from geldstromen.domain.toerekening import Gebied

#: Share of the regions a key year must cover (by code) to be preferred over a nearer year.
MIN_DEKKING = 0.5


def dichtstbij(jaren, doeljaar: int) -> int | None:
    """The year nearest ``doeljaar`` (ties: the later one)."""
    jaren = sorted({int(j) for j in jaren}, reverse=True)
    return min(jaren, key=lambda j: abs(j - doeljaar)) if jaren else None


def indelingsjaar(wijken: dict, buurt_jaren, doeljaar: int, niveau: str = "wijk") -> int | None:
    """The KWB year of the regions: the year nearest ``doeljaar`` with inhabitants at both
    wijk and buurt level, so both levels share wijken and keys and a wijk equals the sum of
    its buurten. The wijk level keeps its own nearest year only when that year's wijk codes
    differ from the shared year's (another indeling: those wijken have no buurten to add up);
    without a shared year each level uses its own nearest year.

    ``wijken``: {year: wijk codes with inhabitants}; ``buurt_jaren``: years with buurten."""
    wijk, buurt = {int(j) for j in wijken}, {int(j) for j in buurt_jaren}
    eigen = dichtstbij(buurt if niveau == "buurt" else wijk, doeljaar)
    beide = wijk & buurt
    if not beide:
        return eigen
    gedeeld = dichtstbij(beide, doeljaar)
    if niveau == "buurt" or set(wijken[eigen]) == set(wijken[gedeeld]):
        return gedeeld
    return eigen


def inwonerjaren(waarden: pd.DataFrame) -> dict[int, frozenset[str]]:
    """{year: region codes with a known ``inwoners_aantal``} of long key values."""
    if waarden.empty:
        return {}
    inw = waarden[(waarden["indicator"] == "inwoners_aantal") & waarden["waarde"].notna()]
    return {int(j): frozenset(g["regio_code"]) for j, g in inw.groupby("jaar")}


def wijk_van_buurt(buurt_code: str) -> str:
    """``BU03630501`` -> ``WK036305``."""
    return regiocode.wijk_van(str(buurt_code))


def gebied(waarden: pd.DataFrame, doeljaar: int, indelingsjaar: int | None = None) -> Gebied:
    """Regions and key values from long ``waarden`` (regio_code, regio_naam, jaar, indicator,
    waarde) of one level; values with NULL stay NULL. ``sleuteljaren['_indeling']`` is the
    year of the regions."""
    if waarden.empty:
        return Gebied(pd.DataFrame(columns=["regio_code", "regio_naam"]), pd.DataFrame(), {})
    inw = waarden[(waarden["indicator"] == "inwoners_aantal") & waarden["waarde"].notna()]
    basis = (
        indelingsjaar or dichtstbij(inw["jaar"], doeljaar) or dichtstbij(waarden["jaar"], doeljaar)
    )
    regios = (
        waarden.loc[waarden["jaar"] == basis, ["regio_code", "regio_naam"]]
        .drop_duplicates("regio_code")
        .sort_values("regio_code")
        .reset_index(drop=True)
    )
    if (regios["regio_code"].map(regiocode.niveau_van_voorvoegsel) == "buurt").any():
        regios["wijk_code"] = regios["regio_code"].map(wijk_van_buurt)
    jaren, kolommen = {}, {}
    for indicator, grp in waarden.groupby("indicator"):
        met = grp[grp["waarde"].notna()]
        jaar = basis if (met["jaar"] == basis).any() else sleuteljaar(met, regios, doeljaar)
        if jaar is None:
            continue
        jaren[indicator] = int(jaar)
        sel = grp[grp["jaar"] == jaar].drop_duplicates("regio_code").set_index("regio_code")
        kolommen[indicator] = pd.to_numeric(sel["waarde"], errors="coerce")
    index = pd.Index(regios["regio_code"], name="regio_code")
    frame = pd.DataFrame(kolommen).reindex(index) if kolommen else pd.DataFrame(index=index)
    return Gebied(regios, frame, jaren | {"_indeling": int(basis)})


def sleuteljaar(met: pd.DataFrame, regios: pd.DataFrame, doeljaar: int) -> int | None:
    """Nearest year whose codes cover at least ``MIN_DEKKING`` of ``regios``; else the year
    with the best coverage; None when no year shares a single code with the regions."""
    codes = set(regios["regio_code"])
    if not codes:
        return None
    dekking = met.groupby("jaar")["regio_code"].agg(lambda c: len(codes & set(c)) / len(codes))
    goed = dekking[dekking >= MIN_DEKKING]
    if not goed.empty:
        return dichtstbij(goed.index, doeljaar)
    if dekking.empty or dekking.max() == 0:
        return None
    return int(dekking[dekking == dekking.max()].index.max())
