"""Baseline for the benchmark: a page that renders one line of text."""

import streamlit as st

st.write("Lege pagina voor de meting.")
