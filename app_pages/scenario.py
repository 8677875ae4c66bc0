"""Scenario: wie betaalt, wie profiteert (assumptions in plain sight, labelled as scenario)."""

import streamlit as st

from geldstromen.scenario.app import pagina
from geldstromen.ui import filters, vergelijk

st.title("Scenario: wie betaalt, wie profiteert")
sel = filters.kies_gebied(pagina="scenario", wijk_nodig=True)
if sel is not None:
    keuze = vergelijk.kies_regio(sel)
    if keuze is not None:
        pagina.render(sel, *keuze)
