"""Cached Zvw flows (family ``zorg``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS
from geldstromen.families import zorg


def zorg_flows(version: str, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    """Zvw flows for every region of a level: the flows of the cached :func:`zorg_model`, so
    a page that shows both the flows and the benchmark computes the model once."""
    flows = zorg_model(version, gemeente_code, niveau, int(jaar)).flows
    return flows[GELDSTROOM_COLUMNS] if not flows.empty else flows


@st.cache_data(**cached.SELECTION)
def zorg_model(
    version: str, gemeente_code: str, niveau: str, jaar: int, vektis_jaar: int | None = None
) -> zorg.ZorgModel:
    """Zvw flows with the year pairing, notes and the actual-vs-expected benchmark."""
    return zorg.zorg_model(cached.engine(), gemeente_code, niveau, jaar, vektis_jaar)


@st.cache_data(ttl=600, show_spinner=False)
def ongekoppelde_namen(version: str) -> pd.DataFrame:
    """Vektis gemeente names without a code."""
    return zorg.ongekoppelde_namen(cached.engine())
