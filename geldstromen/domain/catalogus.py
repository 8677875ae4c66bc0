"""The indicator catalogue (``indicatoren/*.csv``): which published column is which indicator.

One CSV per source family; columns ``soort, bron_kolom, indicator, label, eenheid, factor,
thema, methode``. ``soort`` matches ``Bestand.soort`` of the source module.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

CATALOGUE = Path(__file__).with_name("indicatoren")
METHODES = ("waargenomen", "toegerekend", "geschat")


@cache
def _read(path: Path) -> pd.DataFrame:
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    frame = pd.concat(
        [pd.read_csv(f, dtype=str, keep_default_na=False) for f in files], ignore_index=True
    )
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


def indicator_label(indicator: str) -> str:
    """The Dutch label of an indicator id ('ao_aantal' -> 'Personen met een AO-uitkering'),
    the id itself when the catalogue does not know it."""
    labels = _labels()
    return labels.get(indicator, indicator)


@cache
def _labels() -> dict[str, str]:
    frame = _read(CATALOGUE)
    return dict(zip(frame["indicator"], frame["label"], strict=True))
