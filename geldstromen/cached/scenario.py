"""Cached inputs of the Scenario page (region indicators, energy prices, the region's flows)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.cached import gemeente as cg
from geldstromen.cached import huishoudens as ch
from geldstromen.cached import zorg as cz
from geldstromen.domain import scenario_stromen
from geldstromen.domain.geldstroom import empty_flows
from geldstromen.domain.scenario_stromen import gebied, kies_iv3, samenvoegen
from geldstromen.families import scenario


@st.cache_data(**cached.SELECTION)
def regio_indicatoren(version: str, regio_code: str) -> pd.DataFrame:
    """Every indicator of one region code in every year."""
    return scenario.regio_indicatoren(cached.engine(), regio_code)


@st.cache_data(ttl=3600, show_spinner=False)
def energietarieven(version: str) -> pd.DataFrame:
    """Household energy prices in the store (empty when not ingested)."""
    return scenario.energietarieven(cached.engine())


def regio_stromen(version: str, regio_code: str, jaar: int) -> tuple[pd.DataFrame, list[str]]:
    """The region's flows "voor" the scenario, from the same caches as the Wijkprofiel page
    (gemeente lasten with the default keys; read-only)."""
    g = gebied(regio_code)
    if g is None:
        return empty_flows(), [f"{regio_code} is geen wijk- of buurtcode."]
    code, niveau, gm = g
    keuze = kies_iv3(cg.iv3_beschikbaar(version, gm), jaar)
    gemeente_flows = empty_flows()
    if keuze is not None:
        gemeente_flows = cg.toerekening(version, gm, niveau, keuze[0], keuze[1], "lasten").flows
    families = {
        "gemeente": gemeente_flows,
        "huishoudens": ch.huishoudens_flows(version, gm, niveau, int(jaar)),
        "zorg": cz.zorg_flows(version, gm, niveau, int(jaar)),
    }
    return samenvoegen(code, int(jaar), keuze, families)


@st.cache_data(**cached.SELECTION)
def voor_links(
    version: str, regio_code: str, regio_naam: str, jaar: int
) -> tuple[pd.DataFrame, list[str]]:
    """The region's flows as "voor" links and the notes: they do not depend on the scenario,
    so a rerun of the Scenario page (any input or year change) reuses them."""
    flows, notities = regio_stromen(version, regio_code, jaar)
    return scenario_stromen.voor_links(flows, regio_code, regio_naam), notities
