"""Energietransitie: energy use, housing, estimated energy costs and 'Waar beginnen?'."""

import streamlit as st

from geldstromen.ui import energie, filters

st.title("Energietransitie")
sel = filters.kies_gebied(pagina="energietransitie", alleen_gedekte_jaren=True)
if sel is not None:
    energie.render(sel)
