"""CBS suppression: ``.`` (and blanks, and the shapefile sentinels) mean *missing*, never 0."""

from __future__ import annotations

import pandas as pd

from geldstromen.domain import regiocode

#: Markers CBS and others use for suppressed or unknown cells.
MARKERS = frozenset({"", ".", "x", "-", "?", "nan", "NaN", "None"})
#: Sentinels in CBS wijk- en buurtkaart attribute tables (geheim / nvt / onbekend).
SENTINELS = frozenset({-99999999, -99999998, -99999997, -99997, -99995})


def to_number(values: pd.Series) -> pd.Series:
    """Published text to float; markers and sentinels become NaN (missing), never 0.

    Raises ValueError naming the first cell that is neither a number nor a marker.
    """
    text = values.astype("string").str.strip()
    missing = text.isna() | text.isin(MARKERS)
    numbers = pd.to_numeric(text.where(~missing), errors="coerce")
    bad = numbers.isna() & ~missing
    if bad.any():
        idx = bad[bad].index[0]
        raise ValueError(f"Geen getal: {values.loc[idx]!r} (rij {idx})")
    return numbers.where(~numbers.isin(list(SENTINELS))).astype("float64")


def niveau_from_code(code: str) -> str | None:
    """Level from the code prefix: GM -> gemeente, WK -> wijk, BU -> buurt, NL -> land."""
    return regiocode.niveau_van_voorvoegsel(code)
