"""Scenario inputs from the store: a region's indicators, the energy prices and, read-only, the
region's money flows of the families gemeente, huishoudens and zorg ("voor" the scenario).

The scenario itself is computed in ``geldstromen.domain.scenario`` and never written back.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, inspect

from geldstromen import queries
from geldstromen.domain.geldstroom import empty_flows
from geldstromen.domain.scenario_stromen import gebied, kies_iv3, samenvoegen
from geldstromen.families import gemeente, huishoudens, zorg


def regio_indicatoren(engine: Engine, regio_code: str) -> pd.DataFrame:
    """Every indicator of exactly this region code in every year."""
    return queries.run_query(engine, "tijd_regio", regio_code=regio_code)


def energietarieven(engine: Engine) -> pd.DataFrame:
    """Household energy prices when they were ingested, else an empty frame."""
    if not inspect(engine).has_table("mart_energie_tarief_mat"):
        return pd.DataFrame(columns=["tabel_id", "jaar", "periode", "drager", "component",
                                     "eenheid", "waarde", "bron"])  # fmt: skip
    return queries.run_query(engine, "energie_tarieven")


def regio_stromen(engine: Engine, regio_code: str, jaar: int) -> tuple[pd.DataFrame, list[str]]:
    """The region's flows of every family (gemeente lasten with the default keys, Iv3 year
    closest to ``jaar``) and Dutch notes on what is missing or which years were paired."""
    g = gebied(regio_code)
    if g is None:
        return empty_flows(), [f"{regio_code} is geen wijk- of buurtcode."]
    code, niveau, gm = g
    keuze = kies_iv3(gemeente.beschikbaar(engine, gm), jaar)
    families = {
        "gemeente": empty_flows()
        if keuze is None
        else gemeente.toerekening(engine, gm, niveau, keuze[0], keuze[1], "lasten").flows,
        "huishoudens": huishoudens.huishoudens_flows(engine, gm, niveau, jaar),
        "zorg": zorg.zorg_flows(engine, gm, niveau, jaar),
    }
    return samenvoegen(code, jaar, keuze, families)
