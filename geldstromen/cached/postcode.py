"""Cached postcode search: the PC4 polygon of a postcode and the region covering most of it."""

from __future__ import annotations

import streamlit as st

from geldstromen import queries
from geldstromen.cached import SELECTION, engine
from geldstromen.cached.kaart import geometrie
from geldstromen.domain.postcode import NIVEAU, Treffer, beste_regio


@st.cache_data(**SELECTION)
def heeft_postcodes(version: str) -> bool:
    """Whether the store has PC4 polygons at all."""
    return not queries.run_query(engine(), "postcode_aantal", niveau=NIVEAU).empty


@st.cache_data(**SELECTION)
def zoek(
    version: str, postcode: str, gemeente_code: str, niveau: str, jaar: int, codes: tuple[str, ...]
) -> tuple[Treffer | None, bool]:
    """(the region of ``codes`` that covers most of PC4 ``postcode``, whether the postcode
    is in the store)."""
    pc = queries.run_query(engine(), "postcode_geometrie", niveau=NIVEAU, postcode=postcode)
    if pc.empty:
        return None, False
    regios, _ = geometrie(version, gemeente_code, niveau, jaar, codes)
    return beste_regio(pc["geometrie_geojson"].iloc[0], regios), True
