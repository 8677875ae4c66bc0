"""Cached Wijkprofiel views per full selection: a region's ready sankey figure and tables and
the class-comparison figure, so a wijk switch back to a region (or any rerun that does not
change the selection) builds no pandas frames or plotly figures again.

With the default keys the route (``cached.stromen``) is shared by every user, and so is the
view built from it (read-only: callers must not mutate what they get). With a session's own
keys (``Selectie.sleutels`` set) nothing is cached here: the view is built on every rerun
from the session-cached route, so no user's keys reach a shared cache."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from geldstromen.families.stromen import Stromen

T = TypeVar("T")

#: Per region: a gemeente has up to a few hundred buurten; a view is a few tens of kB.
VIEWS = {"ttl": 3600, "max_entries": 512, "show_spinner": False}


@st.cache_resource(**VIEWS)
def _gedeeld(version: str, selectie, sleutel: tuple, _maak: Callable[[], T]) -> T:
    # ``_maak`` is not hashed: the key is (version, selectie, sleutel), which must name
    # everything the builder reads beyond the route of ``selectie``.
    return _maak()


def beeld(version: str, route: Stromen, sleutel: tuple[Hashable, ...], maak: Callable[[], T]) -> T:
    """``maak()`` cached under the full selection: data version, the route's selection and
    ``sleutel`` (e.g. ``("regio", code, detail)``: every other input of ``maak``). Shared
    for the default keys; built anew (uncached) for a session's own keys."""
    if route.selectie.sleutels is not None:
        return maak()
    return _gedeeld(version, route.selectie, tuple(sleutel), maak)
