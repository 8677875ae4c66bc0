"""Money as the UI and the reports write it (Dutch: ``€ 1.234.567``)."""

from __future__ import annotations

import pandas as pd


def euro(value) -> str:
    """Whole euros with a dot as thousands separator; "—" for a missing amount."""
    if value is None or pd.isna(value):
        return "—"
    return f"€ {value:,.0f}".replace(",", ".")
