"""Sociaal domein: benefits, care, low incomes, allocated 6.x spending and RIVM estimates."""

import streamlit as st

from geldstromen.ui import filters, sociaal

st.title("Sociaal domein")
sel = filters.kies_gebied(pagina="sociaal_domein", alleen_gedekte_jaren=True)
if sel is not None:
    sociaal.render(sel, *sociaal.kies_iv3(sel))
