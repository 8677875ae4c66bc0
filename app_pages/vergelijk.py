"""Vergelijk: wijken and buurten most like the chosen one."""

import streamlit as st

from geldstromen.ui import filters, vergelijk

st.title("Vergelijkbare wijken")
sel = filters.kies_gebied(pagina="vergelijk", wijk_nodig=True)
if sel is not None:
    keuze = vergelijk.kies_regio(sel)
    if keuze is not None:
        vergelijk.render(sel, *keuze)
