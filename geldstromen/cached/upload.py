"""Cached indeling lookups for the Eigen data page. Uploaded data itself is NEVER cached
here (it would be shared between sessions): it lives in ``st.session_state`` only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached, queries


@st.cache_data(**cached.SELECTION)
def lokaal_regios(version: str, gemeente_code: str, niveau: str) -> pd.DataFrame:
    """Region codes per indeling year of a gemeente and level (public data)."""
    return queries.run_query(
        cached.engine(), "lokaal_regios", gemeente_code=gemeente_code, niveau=niveau
    )
