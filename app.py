"""Geldstromen in de wijk: entry point (page config and navigation only)."""

import streamlit as st

from geldstromen.ui import fouten
from geldstromen.ui.navigatie import favicon, pages

st.set_page_config(page_title="Geldstromen in de wijk", page_icon=favicon(), layout="wide")
with fouten.pagina():
    st.navigation(pages()).run()
