"""Kaart: one indicator for every wijk or buurt of a gemeente."""

import streamlit as st

from geldstromen.ui import filters, kaart

st.title("Kaart")
sel = filters.kies_gebied()
if sel is not None:
    keuze = filters.kies_indicator(sel)
    if keuze is not None:
        kaart.render(sel, *keuze)
