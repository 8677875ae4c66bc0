"""Cached inputs of the Tijdlijn page: one region code over all years."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached, queries


@st.cache_data(**cached.SELECTION)
def regio_reeks(version: str, regio_code: str) -> pd.DataFrame:
    """Every indicator of exactly this code in every year present."""
    return queries.run_query(cached.engine(), "tijd_regio", regio_code=regio_code)


@st.cache_data(**cached.SELECTION)
def codes_per_jaar(version: str, gemeente_code: str, niveau: str) -> pd.DataFrame:
    """Region codes (and names) per year for a level in a gemeente."""
    return queries.run_query(
        cached.engine(), "tijd_codes", gemeente_code=gemeente_code, niveau=niveau
    )
