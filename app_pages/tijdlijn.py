"""Tijdlijn: one wijk or buurt through the years (exact code only)."""

import streamlit as st

from geldstromen.ui import filters, tijdlijn, vergelijk

st.title("Tijdlijn")
sel = filters.kies_gebied(wijk_nodig=True)
if sel is not None:
    keuze = vergelijk.kies_regio(sel)
    if keuze is not None:
        tijdlijn.render(sel, *keuze)
