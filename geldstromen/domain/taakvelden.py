"""Iv3 taakvelden and the default allocation-key table (both readable CSVs next to this file).

Taakveld codes are text: ``"0.10"`` (Mutaties reserves) is not ``"0.1"`` (Bestuur). Codes of
the 2023 split (6.71a...) and the 2025 set (6.711...) roll up to a ``reeks_code``; a code
without its own key row inherits the key of its ``reeks_code``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

TAAKVELDEN_FILE = Path(__file__).with_name("taakvelden.csv")
SLEUTELS_FILE = Path(__file__).with_name("sleutels.csv")
SLEUTEL_KOLOMMEN = ["taakveld_code", "sleutel", "fallback", "sleutel_baten", "fallback_baten"]
HOOFDTAAKVELDEN = {
    "0": "Bestuur en ondersteuning",
    "1": "Veiligheid",
    "2": "Verkeer, vervoer en waterstaat",
    "3": "Economie",
    "4": "Onderwijs",
    "5": "Sport, cultuur en recreatie",
    "6": "Sociaal domein",
    "7": "Volksgezondheid en milieu",
    "8": "Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing",
}

#: Short names of the hoofdtaakvelden for labels beside a chart (a sankey column of full names
#: runs into the next column); the full name stays in the hover text and the tables.
HOOFDTAAKVELDEN_KORT = {
    "0": "Bestuur",
    "1": "Veiligheid",
    "2": "Verkeer en vervoer",
    "3": "Economie",
    "4": "Onderwijs",
    "5": "Sport en cultuur",
    "6": "Sociaal domein",
    "7": "Gezondheid en milieu",
    "8": "Wonen en ruimte",
}


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")


@cache
def _taakvelden() -> pd.DataFrame:
    return _read(TAAKVELDEN_FILE)


def taakvelden() -> pd.DataFrame:
    """The taakveld list: code, naam, hoofdtaakveld, reeks_code, indeling, reeksbreuk."""
    return _taakvelden().copy()


@cache
def _sleutels() -> pd.DataFrame:
    return _read(SLEUTELS_FILE)


@cache
def _reeksen() -> dict[str, str]:
    tv = _taakvelden()
    return dict(zip(tv["taakveld_code"], tv["reeks_code"], strict=True))


def standaard_sleutels() -> pd.DataFrame:
    """The default key table: one row per taakveld code with key, fallback and rationale."""
    return _sleutels().copy()


def hoofdtaakveld(code: str) -> str:
    """``"6.71a"`` -> ``"6"``."""
    return str(code).split(".", 1)[0]


def reeks_code(code: str) -> str:
    """The series code a taakveld rolls up to (itself when unknown)."""
    return _reeksen().get(code, code)


def sleutel_rijen(codes, tabel: pd.DataFrame) -> dict[str, dict]:
    """:func:`sleutel_rij` of every code in ``codes`` (the table indexed once)."""
    rows = tabel.set_index("taakveld_code")
    return {code: _sleutel_rij(code, rows) for code in codes}


def sleutel_rij(code: str, tabel: pd.DataFrame) -> dict:
    """The key row for ``code``: its own row, else its reeks_code's row, else gemeentebreed."""
    return sleutel_rijen([code], tabel)[code]


def _sleutel_rij(code: str, rows: pd.DataFrame) -> dict:
    for cand in (code, reeks_code(code)):
        if cand in rows.index:
            row = rows.loc[cand]
            row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
            out = {k: str(row.get(k, "") or "").strip() for k in SLEUTEL_KOLOMMEN[1:]}
            out["toelichting"] = str(row.get("toelichting", "") or "")
            out["geerfd_van"] = "" if cand == code else cand
            return out
    return {
        "sleutel": "gemeentebreed",
        "fallback": "",
        "sleutel_baten": "gemeentebreed",
        "fallback_baten": "",
        "toelichting": "geen sleutel in de tabel: niet toegerekend",
        "geerfd_van": "",
    }


def sleutel_indicatoren(expressie: str) -> list[str]:
    """Indicator ids in a key expression (``a*b+c`` -> ``[a, b, c]``)."""
    if not expressie or expressie in SPECIALE_SLEUTELS:
        return []
    return [f.strip() for term in expressie.split("+") for f in term.split("*") if f.strip()]


SPECIALE_SLEUTELS = ("gemeentebreed", "uitgesloten", "pro_rata_direct", "rijk")
