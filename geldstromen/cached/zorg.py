"""Cached Zvw flows (family ``zorg``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.families import zorg


@st.cache_data(**cached.SELECTION)
def zorg_flows(version: str, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    """Zvw flows for every region of a level."""
    return zorg.zorg_flows(cached.engine(), gemeente_code, niveau, jaar)
