"""Kaart: one indicator, or allocated lasten per inwoner, for every wijk or buurt."""

import streamlit as st

from geldstromen.ui import filters, kaart, kaart_geldstromen, kaartkeuze

st.title("Kaart")
sel = filters.kies_gebied()
if sel is not None:
    kleur = filters.kies_kleur()
    kaartkeuze.kies(sel)
    if kleur == "geldstromen":
        kaart_geldstromen.render(sel)
    else:
        keuze = filters.kies_indicator(sel)
        if keuze is not None:
            kaart.render(sel, *keuze)
