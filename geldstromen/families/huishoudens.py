"""Household money flows (family ``huishoudens``). Being built (issue 5)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from geldstromen.domain.geldstroom import empty_flows


def huishoudens_flows(engine: Engine, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    """Household flows for every region of a level; empty until the model lands."""
    return empty_flows()
