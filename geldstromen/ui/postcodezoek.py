"""Search a wijk or buurt by postcode in the sidebar of the Kaart: "2512" or "2512 AB" selects
the region that covers most of that PC4 area (``domain.postcode``). A search is applied once,
when the text changes, so a later choice in the region picker or on the map stays."""

from __future__ import annotations

import streamlit as st

from geldstromen.cached import postcode as cached_postcode
from geldstromen.domain.opmaak import gebied, procent
from geldstromen.domain.postcode import lees_postcode
from geldstromen.ui import bezoek
from geldstromen.ui.filters import Selectie

KEY = "postcode"
MELDING = "_postcode_melding"
GEEN_STRATEN = (
    "Zoeken op straat kan niet: daarvoor zijn adressen nodig (BAG), die niet in de gegevens "
    "zitten. Zoek op de vier cijfers van de postcode."
)


def _zoek(sel: Selectie, namen: dict[str, str]) -> None:
    tekst = st.session_state.get(KEY) or ""
    if not tekst.strip():
        st.session_state[MELDING] = None
        return
    pc = lees_postcode(tekst)
    if pc is None:
        st.session_state[MELDING] = (
            "warning",
            f"'{tekst.strip()[:20]}' is geen postcode (vier cijfers, eventueel met twee letters). "
            + GEEN_STRATEN,
        )
        return
    cijfers, letters = pc
    treffer, bekend = cached_postcode.zoek(
        sel.version, cijfers, sel.gemeente_code, sel.niveau, sel.jaar, tuple(sorted(namen))
    )
    vooraf = (
        f"Gezocht op {cijfers} (postcodes met letters staan niet in de gegevens). "
        if letters
        else ""
    )
    if not bekend:
        st.session_state[MELDING] = (
            "warning",
            f"{vooraf}Postcode {cijfers} staat niet in de gegevens.",
        )
        return
    if treffer is None or treffer.regio_code not in namen:
        st.session_state[MELDING] = (
            "warning",
            f"{vooraf}Postcode {cijfers} ligt niet in {sel.gemeente_naam}: kies eerst de "
            "gemeente waarin die ligt.",
        )
        return
    st.session_state["regio"] = treffer.regio_code  # the picker shows the found region
    bezoek.onthoud(regio=treffer.regio_code)
    st.session_state[MELDING] = (
        "info",
        f"{vooraf}Postcode {cijfers} ligt voor {procent(treffer.aandeel * 100, 0)} in "
        f"{gebied(namen[treffer.regio_code], treffer.regio_code)}.",
        treffer.regio_code,
    )


def zoekveld(sel: Selectie, namen: dict[str, str]) -> None:
    """The postcode field (only when the store has postcode areas) and its last message."""
    if not cached_postcode.heeft_postcodes(sel.version):
        st.sidebar.caption(
            "Zoeken op postcode: geen postcodegebieden ingelezen (map postcode/ van de "
            "gegevens). " + GEEN_STRATEN
        )
        return
    st.sidebar.text_input(
        "Zoek op postcode",
        key=KEY,
        placeholder="bijv. 2512 of 2512 AB",
        on_change=_zoek,
        args=(sel, namen),
        help="Kiest het gebied dat het grootste deel van het postcodegebied (PC4) bedekt. "
        + GEEN_STRATEN,
    )
    melding = st.session_state.get(MELDING)
    if melding:
        soort, tekst, *code = melding
        if not code or code[0] == st.session_state.get("regio"):  # not after another choice
            (st.sidebar.info if soort == "info" else st.sidebar.warning)(tekst)
