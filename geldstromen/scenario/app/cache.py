"""Cached inputs of the Scenario page (region indicators, energy prices, the region's flows)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.scenario import opslag, stromen
from geldstromen.scenario.gegevens import indicatoren_voor, prijzen_voor


@st.cache_data(**cached.SELECTION)
def indicatoren(version: str, regio_code: str, jaar: int) -> dict[str, dict]:
    """``{indicator: row}`` of one region code in one year (the defaults' inputs)."""
    return indicatoren_voor(opslag.regio_indicatoren(cached.engine(), regio_code), jaar)


@st.cache_data(ttl=3600, show_spinner=False)
def prijzen(version: str) -> dict[str, dict]:
    """Energy prices for effects (``prijzen_voor``; empty when the monthly tariffs were not
    ingested). The energy taxes of each scenario year come from the tariff table."""
    return prijzen_voor(opslag.energietarieven(cached.engine()))


@st.cache_data(**cached.SELECTION)
def voor_links(
    version: str, regio_code: str, regio_naam: str, jaar: int
) -> tuple[pd.DataFrame, list[str]]:
    """The region's flows as "voor" links and the notes (``opslag.regio_stromen``):
    they do not depend on the scenario, so a rerun of the page (any input or year) reuses them."""
    flows, notities = opslag.regio_stromen(cached.engine(), regio_code, int(jaar))
    return stromen.voor_links(flows, regio_code, regio_naam), notities
