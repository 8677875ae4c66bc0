"""Dutch placeholder text for selectboxes and multiselects (Streamlit's own is English:
"Choose an option", "No options to select").

What the app cannot change (Streamlit's frontend strings, no parameter for them): the
"No results" of a select's type-ahead search, the "Drag and drop file here", "Browse files"
and "Limit 20MB per file" of the file uploader (the size follows ``server.maxUploadSize`` in
.streamlit/config.toml, so it states the app's own limit; the uploader's help text says in
Dutch what to do), the "No options to select." of a radio without options (the app draws no
radio without options), the decimal point of ``st.number_input`` (the Scenario's
discount rate reads 2.25; the number widget has no locale), and the tooltips of the dataframe
toolbar. Every selectbox and
multiselect passes ``placeholder=`` (tests/app/test_engelse_teksten.py checks the code)."""

from __future__ import annotations

from collections.abc import Sized

GEEN = "Geen keuzes beschikbaar"


def plaatshouder(opties: Sized, meer: bool = False) -> str:
    """'Kies ...' when there is something to choose, else :data:`GEEN`."""
    if not len(opties):
        return GEEN
    return "Kies een of meer" if meer else "Kies een optie"
