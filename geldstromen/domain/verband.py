"""Correlation between two indicators measured on the same regions (pure pandas)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Samenhang:
    """Pearson and Spearman correlation over ``n`` regions with both values."""

    n: int
    pearson: float | None
    spearman: float | None


def _pearson(a: pd.Series, b: pd.Series) -> float | None:
    if len(a) < 3 or a.nunique() < 2 or b.nunique() < 2:
        return None
    return float(a.corr(b))


def samenhang(x: pd.Series, y: pd.Series) -> Samenhang:
    """Correlations on the pairs where both values are present (at least 3 pairs)."""
    paar = pd.DataFrame(
        {"x": pd.to_numeric(x, errors="coerce"), "y": pd.to_numeric(y, errors="coerce")}
    )
    paar = paar.dropna()
    n = len(paar)
    return Samenhang(
        n,
        _pearson(paar["x"], paar["y"]),
        _pearson(paar["x"].rank(), paar["y"].rank()),
    )


def sterkte(r: float | None) -> str:
    """Plain-Dutch word for the size of a correlation coefficient."""
    if r is None:
        return "niet te berekenen"
    a = abs(r)
    woord = "geen" if a < 0.1 else "zwakke" if a < 0.3 else "matige" if a < 0.5 else "sterke"
    if woord == "geen":
        return "(vrijwel) geen samenhang"
    return f"{woord} {'positieve' if r > 0 else 'negatieve'} samenhang"
