"""The one indicator picker: a selectbox of indicator ids shown by their Dutch label and unit
(never the id), optionally with year and method, an empty choice, and a URL parameter."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from geldstromen.ui import state
from geldstromen.ui.plaatshouder import plaatshouder

#: The indicator a picker opens on when the page names none and it is available.
STANDAARD = "inwoners_aantal"


def omschrijving(
    rij: pd.Series | dict, label_kolom: str = "label", details: Sequence[str] = ()
) -> str:
    """'Label (eenheid[, detail ...])' of one catalogue row; a year is shown as a whole number."""
    delen = [str(rij["eenheid"])]
    for kolom in details:
        waarde = rij[kolom]
        delen.append(str(int(waarde)) if kolom == "jaar" else str(waarde))
    return f"{rij[label_kolom]} ({', '.join(delen)})"


def kies_indicator(
    titel: str,
    keuzes: pd.DataFrame,
    *,
    key: str,
    id_kolom: str = "indicator",
    label_kolom: str = "label",
    details: Sequence[str] = (),
    standaard: str | None = None,
    url: str | None = None,
    leeg: str | None = None,
    plek=None,
) -> str:
    """Pick one indicator of ``keuzes`` (one row per ``id_kolom`` with ``label_kolom`` and
    ``eenheid``, plus the ``details`` columns). Starts on the URL's ``url`` parameter when
    given and valid, else ``standaard``, else :data:`STANDAARD`, else the first; the choice is
    written back to ``url``. ``leeg``: an extra first option meaning 'none' (shown as is).
    ``plek``: ``st.sidebar`` (default) or a container such as ``st``."""
    rijen = keuzes.drop_duplicates(id_kolom).set_index(id_kolom)
    ids = list(rijen.index)
    opties = [leeg, *ids] if leeg is not None else ids
    if standaard not in opties:
        standaard = STANDAARD if STANDAARD in ids else opties[0]
    start = state.lees(url, opties, standaard) if url else standaard

    def tekst(i: str) -> str:
        return i if i == leeg else omschrijving(rijen.loc[i], label_kolom, details)

    keuze = (plek or st.sidebar).selectbox(
        titel,
        opties,
        index=opties.index(start),
        format_func=tekst,
        key=key,
        placeholder=plaatshouder(opties),
    )
    if url:
        state.schrijf(**{url: keuze})
    return keuze
