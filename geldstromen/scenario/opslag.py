"""Scenario inputs from the store: a region's indicators, the energy prices and, read-only, the
region's money flows of the families gemeente, huishoudens and zorg ("voor" the scenario).

The scenario itself is computed in ``geldstromen.scenario.model`` and never written back.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, inspect

from geldstromen import queries
from geldstromen.domain.geldstroom import FAMILIES, empty_flows
from geldstromen.families.stromen import Selectie, stromen
from geldstromen.scenario.stromen import gebied, samenvoegen


def regio_indicatoren(engine: Engine, regio_code: str) -> pd.DataFrame:
    """Every indicator of exactly this region code in every year."""
    return queries.run_query(engine, "tijd_regio", regio_code=regio_code)


def energietarieven(engine: Engine) -> pd.DataFrame:
    """Household energy prices when they were ingested, else an empty frame."""
    if not inspect(engine).has_table("mart_energie_tarief_mat"):
        return pd.DataFrame(
            columns=[
                "tabel_id",
                "jaar",
                "periode",
                "drager",
                "component",
                "eenheid",
                "waarde",
                "bron",
            ]
        )
    return queries.run_query(engine, "energie_tarieven")


def regio_stromen(engine: Engine, regio_code: str, jaar: int) -> tuple[pd.DataFrame, list[str]]:
    """The region's flows of every family (``families.stromen``, gemeente lasten, the wijk
    report's selection) and Dutch notes on years and gaps."""
    g = gebied(regio_code)
    if g is None:
        return empty_flows(), [f"{regio_code} is geen wijk- of buurtcode."]
    code, niveau, gm = g
    res = stromen(engine, Selectie(gm, niveau, int(jaar), kant="lasten"))
    families = {f: res.familie(f) for f in FAMILIES}
    frame, notities = samenvoegen(code, jaar, res.jaren.koppeling(), families)
    return frame, [res.jaren.regel(), *notities]
