"""URL state: every selection lives in ``st.query_params`` so a copied link reopens the view.

Values are plain strings; lists are comma-separated; weights are ``thema:gewicht`` pairs.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st


def lees(key: str, options: Iterable, fallback):
    """The option whose string form is in the URL under ``key``, else ``fallback``."""
    value = st.query_params.get(key)
    if value is None:
        return fallback
    for option in options:
        if str(option) == value:
            return option
    return fallback


def lees_lijst(key: str, options: Iterable | None = None) -> list[str] | None:
    """Comma-separated list from the URL (None when absent); unknown items are dropped."""
    value = st.query_params.get(key)
    if value is None:
        return None
    items = [v for v in value.split(",") if v]
    if options is not None:
        allowed = {str(o) for o in options}
        items = [v for v in items if v in allowed]
    return items


def lees_gewichten(key: str, themas: Iterable[str]) -> dict[str, float] | None:
    """``{thema: gewicht}`` from ``a:1,b:2`` in the URL (None when absent)."""
    value = st.query_params.get(key)
    if value is None:
        return None
    allowed, out = set(themas), {}
    for pair in value.split(","):
        name, _, weight = pair.partition(":")
        try:
            if name in allowed and float(weight) > 0:
                out[name] = float(weight)
        except ValueError:
            continue
    return out


def gewichten_tekst(gewichten: dict[str, float]) -> str:
    """The URL form of a weight mapping (only positive weights)."""
    return ",".join(f"{k}:{v:g}" for k, v in gewichten.items() if v > 0)


def schrijf(**values) -> None:
    """Write values to the URL; None removes a key, lists are joined with commas."""
    for key, value in values.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif isinstance(value, list | tuple):
            st.query_params[key] = ",".join(str(v) for v in value)
        else:
            st.query_params[key] = str(value)
