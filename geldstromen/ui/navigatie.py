"""The page list; without data only the start page is offered."""

from __future__ import annotations

import streamlit as st

from geldstromen import cached


def pages() -> list:
    """Pages for ``st.navigation``."""
    if not cached.database_ready():
        return [st.Page("app_pages/start.py", title="Start", icon="🏁", default=True)]
    return [
        st.Page("app_pages/kaart.py", title="Kaart", icon="🗺️", default=True, url_path="kaart"),
        st.Page("app_pages/vergelijk.py", title="Vergelijk", icon="🔍", url_path="vergelijk"),
        st.Page("app_pages/tijdlijn.py", title="Tijdlijn", icon="📈", url_path="tijdlijn"),
        st.Page("app_pages/presentatie.py", title="Presentatie", icon="🎤", url_path="presentatie"),
        st.Page("app_pages/scenario.py", title="Scenario", icon="🧮", url_path="scenario"),
        st.Page("app_pages/eigen_data.py", title="Eigen data", icon="📤", url_path="eigen-data"),
        st.Page("app_pages/wijkprofiel.py", title="Wijkprofiel", icon="💶", url_path="wijkprofiel"),
        st.Page("app_pages/energietransitie.py", title="Energietransitie", icon="🔥", url_path="energietransitie"),
        st.Page("app_pages/sociaal_domein.py", title="Sociaal domein", icon="🤝", url_path="sociaal-domein"),
        st.Page("app_pages/verbanden.py", title="Verbanden", icon="🔗", url_path="verbanden"),
        st.Page("app_pages/bronnen.py", title="Bronnen", icon="📚", url_path="bronnen"),
    ]
