"""Key editor: the session's own allocation keys per taakveld (st.session_state only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen.cached import gemeente as cg
from geldstromen.domain.export import to_csv_bytes
from geldstromen.domain.sleuteltabel import fouten
from geldstromen.domain.taakvelden import standaard_sleutels

STATE_KEY = "wijkprofiel_sleutels"


def sessie_sleutels() -> pd.DataFrame:
    """The key table of this session (the default until the user edits it)."""
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = standaard_sleutels()
    return st.session_state[STATE_KEY]


def editor() -> pd.DataFrame:
    """Show the key table as an editor; edits apply at once, 'Terug naar standaard' resets."""
    tabel = sessie_sleutels()
    st.caption(
        "Sleutel = indicator-id (of som/product, bv. `bijstand_aantal+ww_aantal`); "
        "`gemeentebreed` = niet toegerekend, `uitgesloten` = niet meegeteld, "
        "`pro_rata_direct` = naar rato van de toegerekende directe lasten (zonder 6.3), "
        "`rijk` = baten betaald door het Rijk (nooit uit een wijk). "
        "Wijzigingen gelden alleen in deze sessie."
    )
    if st.button("Terug naar standaard", key="sleutels_reset"):
        st.session_state[STATE_KEY] = standaard_sleutels()
        st.session_state.pop("sleutels_editor", None)
        tabel = st.session_state[STATE_KEY]
    edited = st.data_editor(
        tabel,
        key="sleutels_editor",
        hide_index=True,
        disabled=["taakveld_code"],
        num_rows="fixed",
        width="stretch",
    )
    edited = edited.fillna("").astype(str)
    if not edited.equals(tabel):
        st.session_state[STATE_KEY] = edited
    tabel = st.session_state[STATE_KEY]
    problemen = fouten(tabel, cg.indicator_ids())
    if problemen:
        st.warning(
            "Deze sleutels zijn onbekend; de toerekening valt daar terug op de fallback of "
            "op inwoners: " + "; ".join(problemen)
        )
    st.download_button(
        "Sleutels downloaden (CSV, ook te gebruiken met `geldstromen export geldstromen "
        "--sleutels`)",
        to_csv_bytes(tabel),
        file_name="verdeelsleutels.csv",
        mime="text/csv",
        key="sleutels_download",
        on_click="ignore",
    )
    return tabel
