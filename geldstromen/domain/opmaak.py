"""Money as the UI and the reports write it (Dutch: ``€ 1.234.567``)."""

from __future__ import annotations

import pandas as pd


def euro(value) -> str:
    """Whole euros with a dot as thousands separator; "—" for a missing amount."""
    if value is None or pd.isna(value):
        return "—"
    return f"€ {value:,.0f}".replace(",", ".")


def gebied(naam, code: str) -> str:
    """'Naam (CODE)' for a picker or caption; a name that already carries its code
    ('naam onbekend (WK036300)', see int_regio__naam) is not given it twice."""
    naam = str(naam) if naam is not None and not pd.isna(naam) else ""
    if not naam or naam == code:
        return code
    return naam if naam.endswith(f"({code})") else f"{naam} ({code})"
