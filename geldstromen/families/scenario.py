"""Scenario inputs from the store: a region's indicators and the energy prices.

The scenario itself is computed in ``geldstromen.domain.scenario`` and never written back.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, inspect

from geldstromen import queries


def regio_indicatoren(engine: Engine, regio_code: str) -> pd.DataFrame:
    """Every indicator of exactly this region code in every year."""
    return queries.run_query(engine, "tijd_regio", regio_code=regio_code)


def energietarieven(engine: Engine) -> pd.DataFrame:
    """Household energy prices when they were ingested, else an empty frame."""
    if not inspect(engine).has_table("mart_energie_tarief_mat"):
        return pd.DataFrame(columns=["tabel_id", "jaar", "periode", "drager", "component",
                                     "eenheid", "waarde", "bron"])  # fmt: skip
    return queries.run_query(engine, "energie_tarieven")
