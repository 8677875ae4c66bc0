"""Cached household flows (family ``huishoudens``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS
from geldstromen.families import huishoudens


def huishoudens_flows(version: str, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    """Household flows for every region of a level: the flows of the cached
    :func:`huishoudens_model` (one model per selection, shared with the energy pages)."""
    return huishoudens_model(version, gemeente_code, niveau, int(jaar)).flows[GELDSTROOM_COLUMNS]


@st.cache_data(**cached.SELECTION)
def huishoudens_model(version: str, gemeente_code: str, niveau: str, jaar: int):
    """Household flows, per-region energy table, tariff used and notes."""
    return huishoudens.huishoudens_model(cached.engine(), gemeente_code, niveau, jaar)
