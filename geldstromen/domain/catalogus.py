"""The indicator catalogue (``indicatoren.csv``): which published column is which indicator."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

CATALOGUE = Path(__file__).with_name("indicatoren.csv")
METHODES = ("waargenomen", "toegerekend", "geschat")


@cache
def _read(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["factor"] = frame["factor"].astype(float)
    return frame


def indicator_catalogue(path: Path = CATALOGUE) -> pd.DataFrame:
    """The catalogue as a frame; validated so that a typo fails loudly."""
    frame = _read(path).copy()
    bad = frame[~frame["methode"].isin(METHODES)]
    if not bad.empty:
        raise ValueError(f"Onbekende methode in {path.name}: {bad['methode'].unique().tolist()}")
    dup = frame.duplicated(["soort", "bron_kolom"])
    if dup.any():
        raise ValueError(f"Dubbele bron_kolom in {path.name}: {frame[dup]['bron_kolom'].tolist()}")
    units = frame.groupby("indicator")["eenheid"].nunique()
    if (units > 1).any():
        raise ValueError(f"Indicator met meer dan één eenheid: {units[units > 1].index.tolist()}")
    return frame
