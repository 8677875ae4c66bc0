"""Privacy rule for suppressed cells: a hidden value must not be recoverable from a total.

If a total over a group of regions is shown next to its members and exactly one member is
hidden (CBS "."), then hidden = total - sum(others). Two rules keep that from happening:

* a sum WE derive over regions is itself missing as soon as any member is missing
  (:func:`veilige_som`), never the sum of the known members;
* :func:`onthulbare_cellen` finds groups where a shown total plus the shown members reveal a
  hidden member, so an export or page can leave out that total.
"""

from __future__ import annotations

import math

import pandas as pd


def veilige_som(values: pd.Series) -> float:
    """Sum of ``values``, or NaN when any is missing (or there are none)."""
    if values.empty or values.isna().any():
        return math.nan
    return float(values.sum())


def onthulbare_cellen(leden: pd.DataFrame, totalen: pd.Series) -> pd.DataFrame:
    """Members (``groep, regio_code, waarde``) whose hidden value follows from a shown total.

    ``totalen`` maps groep -> shown total (NaN = not shown). Returns the revealing rows.
    """
    missing = leden[leden["waarde"].isna()]
    per_group = missing.groupby("groep").size()
    single = per_group[per_group == 1].index
    shown = totalen.dropna().index
    return missing[missing["groep"].isin(single) & missing["groep"].isin(shown)].reset_index(
        drop=True
    )
