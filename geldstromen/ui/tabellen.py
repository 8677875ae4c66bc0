"""Tables with their downloads (CSV, Dutch-Excel CSV, Excel with metadata)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen.domain.export import export_bytes


def _lazy(frame: pd.DataFrame, fmt: str, meta: dict):
    """Build the file only when the button is clicked (keeps reruns fast)."""
    return lambda: export_bytes(frame, fmt, meta)


def waarde_tabel(frame: pd.DataFrame, bestandsnaam: str, meta: dict | None = None) -> None:
    """Show a table and offer it as CSV and Excel (generated on click, not on every rerun)."""
    st.dataframe(frame, hide_index=True, width="stretch")
    meta = meta or {"tabel": bestandsnaam}
    if "bron" in frame.columns:
        meta.setdefault("bronnen", "; ".join(sorted(frame["bron"].dropna().astype(str).unique())))
    cols = st.columns(3)
    cols[0].download_button(
        "CSV",
        _lazy(frame, "csv", meta),
        f"{bestandsnaam}.csv",
        "text/csv",
        key=f"csv_{bestandsnaam}",
    )
    cols[1].download_button(
        "CSV (Excel NL)",
        _lazy(frame, "csv-nl", meta),
        f"{bestandsnaam}_nl.csv",
        "text/csv",
        key=f"csvnl_{bestandsnaam}",
    )
    cols[2].download_button(
        "Excel",
        _lazy(frame, "xlsx", meta),
        f"{bestandsnaam}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{bestandsnaam}",
    )
