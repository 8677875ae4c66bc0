"""'Waar beginnen?': a weighted ranking of regions on chosen criteria (pure pandas).

Each criterion is min-max standardised within the given frame (one gemeente): 0 = least,
1 = most urgent (reversed when a low value is urgent). Score = weighted mean x 100. A region
missing any chosen criterion gets no score: it is ranked after all complete regions and its
missing criteria are named; a missing value is never treated as 0. With an ``inwoners_aantal``
column, a region below the minimum population of :mod:`geldstromen.domain.per_inwoner` (a dune,
park or business area) gets no score either ("te weinig inwoners") and does not set the
min-max range of the others. With a ``huishoudens_aantal`` column and ``min_huishoudens``, a
region with fewer households (or an unknown number) is left out the same way: a score says
where to start, and a start in a street of a few dozen homes reaches almost nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geldstromen.domain.per_inwoner import genoeg_inwoners, reden


@dataclass(frozen=True)
class Criterium:
    """One ranking criterion: a column, its weight and which direction is urgent."""

    kolom: str
    label: str
    gewicht: float
    hoog_is_urgent: bool = True


def minmax(waarden: pd.Series, hoog_is_urgent: bool = True) -> pd.Series:
    """Scale to 0-1 (NaN stays NaN); a constant column scores 0 everywhere."""
    lo, hi = waarden.min(), waarden.max()
    if pd.isna(lo) or hi == lo:
        scaled = waarden.where(waarden.isna(), 0.0)
    else:
        scaled = (waarden - lo) / (hi - lo)
    return scaled if hoog_is_urgent else (1 - scaled).where(scaled.notna())


def te_weinig_huishoudens(minimum: float) -> str:
    """The reason shown for a region below the user's minimum number of households."""
    return f"minder dan {minimum:,.0f} huishoudens".replace(",", ".")


def rangschik(
    frame: pd.DataFrame, criteria: list[Criterium], min_huishoudens: float = 0
) -> pd.DataFrame:
    """Rank regions; adds ``deel_<kolom>`` (weighted contribution), score, rang, ontbreekt.
    Regions with fewer than ``min_huishoudens`` households get no score (see module)."""
    actief = [c for c in criteria if c.gewicht > 0]
    if not actief:
        raise ValueError("Kies minstens één criterium met een gewicht groter dan 0.")
    totaal = sum(c.gewicht for c in actief)
    out = frame.copy()
    ontbreekt = pd.Series([[] for _ in range(len(out))], index=out.index, dtype=object)
    mee = pd.Series(True, index=out.index)
    if "inwoners_aantal" in out:
        mee = genoeg_inwoners(out["inwoners_aantal"])
        waarom = reden(out["inwoners_aantal"])
        for i in out.index[~mee]:
            ontbreekt[i] = [waarom[i]]
    if min_huishoudens > 0 and "huishoudens_aantal" in out:
        hh = pd.to_numeric(out["huishoudens_aantal"], errors="coerce")
        klein = mee & ~(hh >= min_huishoudens)
        for i in out.index[klein]:
            ontbreekt[i] = [te_weinig_huishoudens(min_huishoudens)]
        mee = mee & ~klein
    score = pd.Series(0.0, index=out.index)
    for c in actief:
        waarden = pd.to_numeric(out[c.kolom], errors="coerce").where(mee)
        deel = 100 * c.gewicht / totaal * minmax(waarden, c.hoog_is_urgent)
        out[f"deel_{c.kolom}"] = deel
        score = score + deel
        for i in out.index[waarden.isna() & mee]:
            ontbreekt[i] = ontbreekt[i] + [c.label]
    volledig = ontbreekt.map(len) == 0
    out["score"] = score.where(volledig)
    out["ontbreekt"] = ontbreekt.map(", ".join)
    out["_volledig"] = volledig
    out = out.sort_values(["_volledig", "score"], ascending=[False, False], kind="stable")
    out = out.drop(columns="_volledig")
    out.insert(0, "rang", range(1, len(out) + 1))
    return out.reset_index(drop=True)
