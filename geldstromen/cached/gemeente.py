"""Cached gemeente money flows (family ``gemeente``). The default key table is cached for
everyone; an allocation with a session's own keys is cached for that session only (never in a
shared cache), so the page and its income side use one allocation per rerun."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.domain.taakvelden import standaard_sleutels
from geldstromen.families import gemeente
from geldstromen.families.gemeente import GemeenteToerekening


@st.cache_data(**cached.SELECTION)
def iv3_beschikbaar(version: str, gemeente_code: str) -> pd.DataFrame:
    """Iv3 years and documents of a gemeente."""
    return gemeente.beschikbaar(cached.engine(), gemeente_code)


@st.cache_resource(**cached.SHARED_SELECTION)
def _standaard(version, gemeente_code, niveau, jaar, stuk, kant) -> GemeenteToerekening:
    # Shared read-only object (default keys, identical for every user): no copy per rerun.
    return gemeente.toerekening(cached.engine(), gemeente_code, niveau, jaar, stuk, kant)


def toerekening(
    version: str,
    gemeente_code: str,
    niveau: str,
    jaar: int,
    stuk: str,
    kant: str,
    sleutels: pd.DataFrame | None = None,
) -> GemeenteToerekening:
    """Allocation with the default keys (shared cache) or the session's own keys (cached for
    this session only)."""
    if sleutels is None or sleutels.equals(standaard_sleutels()):
        return _standaard(version, gemeente_code, niveau, int(jaar), stuk, kant)
    return _eigen(version, gemeente_code, niveau, int(jaar), stuk, kant, sleutels)


@st.cache_data(scope="session", ttl=3600, max_entries=4, show_spinner=False)
def _eigen(version, gemeente_code, niveau, jaar, stuk, kant, sleutels) -> GemeenteToerekening:
    # A session's own keys: cleared when the session ends, never seen by other users.
    return gemeente.toerekening(cached.engine(), gemeente_code, niveau, jaar, stuk, kant, sleutels)


@st.cache_resource(**cached.SHARED_SELECTION)
def _inkomsten_standaard(version, gemeente_code, niveau, jaar, stuk, circulaire):
    res = _standaard(version, gemeente_code, niveau, jaar, stuk, "lasten")
    return gemeente.inkomsten(
        res, gemeentefonds(version, gemeente_code), gemeente_code, jaar, circulaire
    )


def inkomsten(
    version: str,
    gemeente_code: str,
    niveau: str,
    jaar: int,
    stuk: str,
    circulaire: str | None,
    sleutels: pd.DataFrame | None = None,
):
    """Income side of the lasten allocation (gemeentefonds share and overige middelen per
    region): (rows, fonds used or None, note). Cached for the default keys only."""
    if sleutels is None or sleutels.equals(standaard_sleutels()):
        return _inkomsten_standaard(version, gemeente_code, niveau, int(jaar), stuk, circulaire)
    res = toerekening(version, gemeente_code, niveau, jaar, stuk, "lasten", sleutels)
    return gemeente.inkomsten(
        res, gemeentefonds(version, gemeente_code), gemeente_code, jaar, circulaire
    )


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
