"""Numbers and money as the UI and the reports write them (Dutch: ``€ 1.234.567``, ``2,3``).

The one number formatter: a dot groups thousands, a comma marks decimals, a missing value is
"—" (never 0). Plotly figures take :data:`PLOTLY_SEPARATORS` and the tick formats below so
axes read the same way ("1.722.000", not "1722000" or "1.7M")."""

from __future__ import annotations

import math

import pandas as pd

#: ``fig.update_layout(separators=PLOTLY_SEPARATORS)``: decimal comma, thousands dot.
PLOTLY_SEPARATORS = ",."
#: Tick formats (d3) for plotly axes: whole numbers and one decimal, grouped.
TICK_GEHEEL = ",.0f"
TICK_DECIMAAL = ",.1f"
LEEG = "—"


def _mist(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value)) or (isinstance(value, float) and math.isinf(value))
    except (TypeError, ValueError):
        return False


def getal(value, decimalen: int | None = None) -> str:
    """Dutch number: ``1.722.000``, ``2,297``; ``decimalen`` None: 0 from 100 on, else 1.
    Missing (None, NaN, infinite) is "—"."""
    if _mist(value):
        return LEEG
    value = float(value)
    if decimalen is None:
        decimalen = 0 if abs(value) >= 100 else 1
    tekst = f"{value:,.{decimalen}f}"
    tekst = tekst.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return "0" if tekst in ("-0", "-0,0") and decimalen == 0 else tekst


def euro(value, decimalen: int = 0) -> str:
    """Euros with a dot as thousands separator (``€ 1.234``); "—" for a missing amount."""
    if _mist(value):
        return LEEG
    return f"€ {getal(value, decimalen)}"


def euro_kort(value) -> str:
    """Large amounts in words: ``€ 233,6 mln``, ``€ 2,5 mld``; below a million in full."""
    if _mist(value):
        return LEEG
    v = float(value)
    if abs(v) >= 1e9:
        return f"€ {getal(v / 1e9, 1)} mld"
    if abs(v) >= 1e6:
        return f"€ {getal(v / 1e6, 1)} mln"
    return euro(v)


def procent(value, decimalen: int = 1) -> str:
    """``12,4%``; "—" when missing."""
    return LEEG if _mist(value) else f"{getal(value, decimalen)}%"


def jaar(value) -> str:
    """A year as text without decimals or grouping (``2026``, not ``2026.0`` or ``2.026``)."""
    return LEEG if _mist(value) else str(int(float(value)))


def gebied(naam, code: str) -> str:
    """'Naam (CODE)' for a picker or caption; a name that already carries its code
    ('naam onbekend (WK036300)', see int_regio__naam) is not given it twice."""
    naam = str(naam) if naam is not None and not pd.isna(naam) else ""
    if not naam or naam == code:
        return code
    return naam if naam.endswith(f"({code})") else f"{naam} ({code})"


def met_kop(kop: str, tekst) -> str:
    """``'Bron: CBS'`` from ('Bron', 'CBS'), but never a doubled word: a text that already
    starts with the word ('Bron: CBS', 'Scenario buurtsportcoach') is returned as is."""
    tekst = "" if tekst is None or (not isinstance(tekst, str) and pd.isna(tekst)) else str(tekst)
    tekst = tekst.strip()
    if tekst.lower().startswith(kop.lower()):
        return tekst
    return f"{kop}: {tekst}"
