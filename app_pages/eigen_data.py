"""Eigen data: a gemeente's own figures per wijk/buurt, private to the session."""

import streamlit as st

from geldstromen.ui import filters, upload

st.title("Eigen data")
sel = filters.kies_gebied()
if sel is not None:
    upload.render(sel)
