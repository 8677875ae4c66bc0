"""One selection for the whole visit: gemeente, level, year and wijk/buurt chosen on one page
open on every other page. The URL wins (a shared link reopens exactly); without it the choice
made earlier in this session; without that a meaningful default (the most populous region).

Streamlit drops the state of widgets that a page does not draw, so every choice is also kept
under a non-widget session key (``_gekozen_<key>``)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from geldstromen.domain.jaarkeuze import meest_inwoners, verwante_regio
from geldstromen.domain.opmaak import gebied
from geldstromen.ui import state
from geldstromen.ui.plaatshouder import plaatshouder

PREFIX = "_gekozen_"


def vorige(key: str):
    """The value chosen earlier in this session under ``key`` (None when never chosen)."""
    return st.session_state.get(PREFIX + key)


def start(key: str, opties: Sequence, standaard):
    """Start value of a widget: the URL's, else this visit's previous choice, else
    ``standaard``."""
    eerder = vorige(key)
    fallback = eerder if eerder in list(opties) else standaard
    return state.lees(key, opties, fallback)


def onthoud(**values) -> None:
    """Keep the values for the other pages of this visit and write them to the URL."""
    for key, value in values.items():
        st.session_state[PREFIX + key] = value
    state.schrijf(**values)


def kies_regio(
    namen: dict[str, str],
    niveau: str,
    inwoners: pd.DataFrame | None,
    label: str = "Gebied",
    key: str = "regio",
    plek=None,
) -> str | None:
    """THE wijk/buurt picker of every page (URL key ``regio``). Starts on the URL's region,
    else the one chosen earlier in this visit (a buurt's wijk when the level changed), else
    the region with the most inhabitants (``inwoners``: regio_code, waarde)."""
    opties = list(namen)
    if not opties:
        return None
    standaard = verwante_regio(vorige("regio"), opties) or meest_inwoners(
        inwoners if inwoners is not None else pd.DataFrame(columns=["regio_code", "waarde"]),
        opties,
    )
    begin = state.lees("regio", opties, standaard)
    regio = (plek or st.sidebar).selectbox(
        f"{label} ({niveau})",
        opties,
        index=opties.index(begin),
        format_func=lambda c: gebied(namen[c], c),
        key=key,
        placeholder=plaatshouder(opties),
    )
    onthoud(regio=regio)
    return regio
