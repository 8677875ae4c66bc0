"""The start page: how to get data in when the store is empty."""

from __future__ import annotations

import streamlit as st

from geldstromen.config import get_settings


def render() -> None:
    """Explain, in Dutch, how to point the app at downloaded files."""
    settings = get_settings()
    st.title("Geldstromen in de wijk")
    st.warning("Er zijn nog geen gegevens ingelezen.")
    st.markdown(
        """
Deze app toont waar publiek en privaat geld stroomt in een wijk of buurt. Hij heeft daarvoor
bronbestanden van CBS, PDOK en Vektis nodig. Kies één van deze twee wegen:

1. **Met gedownloade bestanden** (geen internet nodig): zet de omgevingsvariabele
   `GELDSTROMEN_DATA_DIR` op de map met de bestanden en start opnieuw met `make run`,
   of lees ze in met:

   ```
   geldstromen ingest --data-dir /pad/naar/bestanden
   ```
2. **Met internet**: haal de tabellen rechtstreeks bij CBS en PDOK op:

   ```
   geldstromen ingest --online
   ```

Zie de README voor de verwachte mapindeling (`cbs_kwb/`, `geo/`, `iv3/`, `zorg/`, ...).
"""
    )
    st.caption(f"Database: `{_redact(settings.database_url)}`")


def _redact(url: str) -> str:
    """Hide a password in a database URL."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
