"""Cached gemeente inputs (family ``gemeente``): Iv3 availability, class comparison and the
gemeentefonds. The allocation itself goes through the one route, ``cached.stromen``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.families import gemeente


@st.cache_data(**cached.SELECTION)
def iv3_beschikbaar(version: str, gemeente_code: str) -> pd.DataFrame:
    """Iv3 years and documents of a gemeente."""
    return gemeente.beschikbaar(cached.engine(), gemeente_code)


@st.cache_resource(**cached.SHARED_SELECTION)
def gemeentevergelijking(version: str, jaar: int, stuk: str) -> pd.DataFrame:
    """Lasten per taakveld of every gemeente with classes and inhabitants (read-only)."""
    return gemeente.gemeentevergelijking(cached.engine(), jaar, stuk)


@st.cache_data(**cached.SELECTION)
def klassevergelijking(
    version: str,
    gemeente_code: str,
    jaar: int,
    stuk: str,
    uitgesloten: tuple[str, ...],
    dimensies: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Lasten per inwoner per hoofdtaakveld against gemeenten of the same class (on the
    chosen class dimensions; None = all default dimensions); (table, comparison group)."""
    from geldstromen.domain.wijkprofiel import STANDAARD_DIMENSIES, vergelijking

    frame = gemeentevergelijking(version, jaar, stuk)
    dims = STANDAARD_DIMENSIES if dimensies is None else dimensies
    return vergelijking(frame, gemeente_code, set(uitgesloten), dims)


@st.cache_data(**cached.SELECTION)
def klasse_dimensies(version: str, jaar: int, stuk: str) -> list[str]:
    """Class dimensions with values in the store."""
    from geldstromen.domain.wijkprofiel import klasse_dimensies as dims

    return dims(gemeentevergelijking(version, jaar, stuk))


@st.cache_data(**cached.SELECTION)
def gemeentefonds(version: str, gemeente_code: str) -> pd.DataFrame:
    """Gemeentefonds per cluster of every circulaire (euro)."""
    return gemeente.gemeentefonds(cached.engine(), gemeente_code)


@st.cache_data(ttl=600, show_spinner=False)
def namen_onbekend(version: str) -> pd.DataFrame:
    """Gemeente names (Iv3, gemeentefonds, classes) without a GM code."""
    return gemeente.namen_onbekend(cached.engine())


@st.cache_resource
def indicator_ids() -> frozenset[str]:
    """Indicator ids a key may use (the indicator catalogue in the repository)."""
    from geldstromen.domain.catalogus import indicator_catalogue

    return frozenset(indicator_catalogue()["indicator"])


@st.cache_resource(**cached.SHARED_SELECTION)
def fonds_aansluiting(version: str, gemeente_code: str, jaar: int, stuk: str, circulaire):
    """Gemeentefonds per cluster against the previous circulaire and Iv3 0.7 (shared,
    read-only)."""
    return gemeente.fonds_aansluiting(cached.engine(), gemeente_code, int(jaar), stuk, circulaire)


@st.cache_resource(**cached.SHARED_SELECTION)
def verantwoording(version: str, gemeente_code: str, jaar: int, stuk: str, niveau: str):
    """The reconciliation report (default keys, newest circulaire; shared, read-only)."""
    from geldstromen.families.verantwoording import verantwoording as bouw

    return bouw(cached.engine(), gemeente_code, int(jaar), stuk, niveau)
