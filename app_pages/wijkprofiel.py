"""Wijkprofiel: the gemeente budget (Iv3) allocated to a wijk or buurt, with visible keys."""

import streamlit as st

from geldstromen.ui import wijkprofiel

st.title("Wijkprofiel")
wijkprofiel.render()
