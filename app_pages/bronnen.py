"""Bronnen: every ingested source with its provenance, licence and attribution."""

import streamlit as st

from geldstromen.ui import bronnen

st.title("Bronnen")
bronnen.render()
