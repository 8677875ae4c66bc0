"""The long money-flow table every family produces (see DESIGN.md section 2)."""

from __future__ import annotations

import pandas as pd

#: Columns of a money-flow frame, in export order.
GELDSTROOM_COLUMNS = [
    "regio_code",
    "regio_naam",
    "niveau",
    "jaar",
    "familie",
    "van",
    "naar",
    "categorie",
    "bedrag_eur",
    "methode",
    "sleutel",
    "bron",
]
FAMILIES = ("gemeente", "huishoudens", "zorg")
#: waargenomen: published for this region; toegerekend: a total allocated down with a key;
#: geschat: modelled. ``scenario`` and ``eigen data`` never mix with these.
METHODES = ("waargenomen", "toegerekend", "geschat")


def empty_flows() -> pd.DataFrame:
    """An empty money-flow frame with the right columns."""
    return pd.DataFrame({col: pd.Series(dtype="object") for col in GELDSTROOM_COLUMNS}).astype(
        {"bedrag_eur": "float64", "jaar": "Int64"}
    )


def check_flows(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate a money-flow frame: columns present, known family and method; returns it ordered."""
    missing = [c for c in GELDSTROOM_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"Geldstroom mist kolommen: {missing}")
    bad_family = set(frame["familie"]) - set(FAMILIES)
    if bad_family:
        raise ValueError(f"Onbekende familie: {sorted(bad_family)}")
    bad_method = set(frame["methode"]) - set(METHODES)
    if bad_method:
        raise ValueError(f"Onbekende methode: {sorted(bad_method)}")
    return frame[GELDSTROOM_COLUMNS + [c for c in frame.columns if c not in GELDSTROOM_COLUMNS]]
