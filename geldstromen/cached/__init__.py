"""The only place with Streamlit caches. Shared data (marts) is cached once per process;
per-selection results are bounded with ``max_entries`` and ``ttl``; nothing user-private here."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from geldstromen import db, queries
from geldstromen.config import get_settings

SELECTION = {"ttl": 3600, "max_entries": 256, "show_spinner": False}
#: For results that are the same for every user and only read (no copy per rerun):
#: ``st.cache_resource`` with the same bounds. Callers must not mutate what they get.
SHARED_SELECTION = {"ttl": 3600, "max_entries": 64, "show_spinner": False}


@st.cache_resource
def engine() -> Engine:
    """One engine (connection pool) per process."""
    return db.make_engine(get_settings().database_url)


@st.cache_data(ttl=30, show_spinner=False)
def database_ready() -> bool:
    """True when an ingest has run (the mart tables exist); checked at most every 30 s."""
    from sqlalchemy import inspect

    return inspect(engine()).has_table("mart_indicator_mat")


@st.cache_data(ttl=60, show_spinner=False)
def data_version() -> str:
    """Latest ingest time; part of every cache key, so a new ingest is picked up within a minute."""
    frame = queries.run_query(engine(), "data_versie")
    return str(frame.iloc[0, 0]) if not frame.empty else ""


@st.cache_data(ttl=3600, show_spinner=False)
def gemeenten(version: str) -> pd.DataFrame:
    """All gemeenten with indicators (code, naam)."""
    return queries.run_query(engine(), "gemeenten")


@st.cache_data(**SELECTION)
def beschikbaarheid(version: str, gemeente_code: str) -> pd.DataFrame:
    """Levels and years with data for a gemeente."""
    return queries.run_query(engine(), "beschikbaarheid", gemeente_code=gemeente_code)


@st.cache_data(**SELECTION)
def indicator_dekking(version: str, gemeente_code: str) -> pd.DataFrame:
    """Per level, year and indicator the regions with a value (for each page's default year)."""
    return queries.run_query(engine(), "indicator_dekking", gemeente_code=gemeente_code)


@st.cache_data(**SELECTION)
def indicator_keuzes(version: str, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    """Indicators present for a selection."""
    return queries.run_query(
        engine(), "indicator_keuzes", gemeente_code=gemeente_code, niveau=niveau, jaar=jaar
    )


@st.cache_data(**SELECTION)
def indicator_waarden(
    version: str, gemeente_code: str, niveau: str, jaar: int, indicator: str
) -> pd.DataFrame:
    """One indicator for all regions of a level."""
    return queries.run_query(
        engine(),
        "indicator_waarden",
        gemeente_code=gemeente_code,
        niveau=niveau,
        jaar=jaar,
        indicator=indicator,
    )


@st.cache_data(ttl=600, show_spinner=False)
def bronnen(version: str) -> pd.DataFrame:
    """Every ingested source."""
    return queries.run_query(engine(), "bronnen")
