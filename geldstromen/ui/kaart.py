"""Renderers for the Kaart page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.ui.filters import Selectie
from geldstromen.ui.tabellen import waarde_tabel


def render(sel: Selectie, indicator: str, info: dict) -> None:
    """Header, (map), and the table of values with method and source."""
    waarden = cached.indicator_waarden(
        sel.version, sel.gemeente_code, sel.niveau, sel.jaar, indicator
    )
    st.subheader(f"{info['label']} per {sel.niveau}, {sel.gemeente_naam}, {sel.jaar}")
    missing = int(waarden["waarde"].isna().sum())
    st.caption(
        f"Eenheid: {info['eenheid']} · methode: {info['methode']} · "
        f"{len(waarden) - missing} van {len(waarden)} gebieden met een waarde"
        + (f"; {missing} zonder gegevens (geheim of onbekend bij CBS, niet 0)" if missing else "")
    )
    waarde_tabel(waarden, bestandsnaam=f"{indicator}_{sel.gemeente_code}_{sel.niveau}_{sel.jaar}")


def _fmt(value: float) -> str:
    return "geen gegevens" if pd.isna(value) else f"{value:,.1f}".replace(",", " ")
