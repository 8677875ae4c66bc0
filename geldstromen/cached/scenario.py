"""Cached inputs of the Scenario page (region indicators, energy prices)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.families import scenario


@st.cache_data(**cached.SELECTION)
def regio_indicatoren(version: str, regio_code: str) -> pd.DataFrame:
    """Every indicator of one region code in every year."""
    return scenario.regio_indicatoren(cached.engine(), regio_code)


@st.cache_data(ttl=3600, show_spinner=False)
def energietarieven(version: str) -> pd.DataFrame:
    """Household energy prices in the store (empty when not ingested)."""
    return scenario.energietarieven(cached.engine())
