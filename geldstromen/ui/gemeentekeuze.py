"""The one gemeente selector: same widget key, label and URL parameter on every page that
uses it, so a chosen gemeente carries over between pages and reopens from a shared link."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.ui import state
from geldstromen.ui.plaatshouder import plaatshouder

KEY = "gemeente"
#: Not a widget key: survives page switches (Streamlit drops widget state of other pages).
GEKOZEN = "_gemeente_gekozen"
LABEL = "Gemeente (typ naam of code)"


def labels(gemeenten: pd.DataFrame) -> dict[str, str]:
    """``{code: "naam (code)"}`` for a frame with gemeente_code, gemeente_naam."""
    return {
        r.gemeente_code: f"{r.gemeente_naam} ({r.gemeente_code})" for r in gemeenten.itertuples()
    }


def kies_gemeente(gemeenten: pd.DataFrame, default: str = "GM0518") -> str:
    """Sidebar selectbox of gemeenten; start value from the URL (``gemeente``), else the
    previous choice in this session, else ``default``; the choice is written to the URL."""
    namen = labels(gemeenten)
    codes = list(namen)
    vorige = st.session_state.get(KEY) or st.session_state.get(GEKOZEN)
    fallback = vorige if vorige in namen else (default if default in namen else codes[0])
    start = state.lees(KEY, codes, fallback)
    code = st.sidebar.selectbox(
        LABEL,
        codes,
        index=codes.index(start),
        format_func=namen.get,
        key=KEY,
        placeholder=plaatshouder(codes),
    )
    st.session_state[GEKOZEN] = code
    state.schrijf(gemeente=code)
    return code


def kies(default: str = "GM0518") -> tuple[str, str, str] | None:
    """The data version and the chosen gemeente's code and name (:func:`kies_gemeente`);
    a warning and None while nothing has been ingested."""
    version = cached.data_version()
    gm = cached.gemeenten(version)
    if gm.empty:
        st.warning("Er zijn nog geen gegevens ingelezen.")
        return None
    code = kies_gemeente(gm, default)
    naam = gm.loc[gm["gemeente_code"] == code, "gemeente_naam"].iloc[0]
    return version, code, str(naam)
