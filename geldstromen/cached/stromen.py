"""Cached route to a selection's money flows (``families.stromen``; no rules here). With the
default keys the result is shared by every user (read-only); with a session's own keys it is
cached for that session only, never in a shared cache."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geldstromen import cached
from geldstromen.domain.taakvelden import standaard_sleutels
from geldstromen.families import stromen as route
from geldstromen.families.stromen import Selectie, Stromen


@st.cache_resource(**cached.SHARED_SELECTION)
def _standaard(version: str, sel: Selectie) -> Stromen:
    # Shared read-only object (default keys, identical for every user): no copy per rerun.
    return route.stromen(cached.engine(), sel)


@st.cache_data(scope="session", ttl=3600, max_entries=4, show_spinner=False)
def _eigen(version: str, sel: Selectie) -> Stromen:
    # A session's own keys: cleared when the session ends, never seen by other users.
    return route.stromen(cached.engine(), sel)


def stromen(version: str, sel: Selectie) -> Stromen:
    """``families.stromen.stromen`` for ``sel``, cached (callers must not mutate the result)."""
    if sel.sleutels is None or sel.sleutels.equals(standaard_sleutels()):
        return _standaard(version, replace(sel, sleutels=None))
    return _eigen(version, sel)
