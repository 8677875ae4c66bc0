"""Verbanden: scatter and correlation of two indicators or flows across regions."""

import streamlit as st

from geldstromen.ui import filters, verbanden

st.title("Verbanden")
sel = filters.kies_gebied()
if sel is not None:
    verbanden.render(sel)
