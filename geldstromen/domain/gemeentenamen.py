"""Crosswalk from gemeente names (Iv3, gemeentefonds, Vektis spellings) to GM codes.

Names are normalised (upper case, no accents, ``'s-`` -> ``S``, punctuation dropped), then
matched against official code lists of the year nearest the target year. Province suffixes
(``Bergen (NH.)``, ``BERGEN NH``) are kept, since they tell homonyms apart; a name without one
matches the suffixed official name only when that is unique. Names that match nothing are
returned with status ``onbekend``, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

ALIASES_FILE = Path(__file__).with_name("gemeentenamen_aliassen.csv")
_SUFFIX = re.compile(r"\s+(NH|ZH|L|LB|O|Z|U|GLD|FR|GR|DR|OV|FL|NB|ZL)$")


def naam_sleutel(naam: str) -> str:
    """Normalised key of a gemeente name: ``'s-Gravenhage (gemeente)`` -> ``S GRAVENHAGE``."""
    text = unicodedata.normalize("NFKD", str(naam)).encode("ascii", "ignore").decode()
    text = text.upper().strip()
    text = re.sub(r"\(GEMEENTE\)", "", text)
    text = re.sub(r"^'S[- ]", "S ", text)
    text = re.sub(r"[().,'`]", " ", text)
    text = re.sub(r"[-/]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _aliases(path: Path = ALIASES_FILE) -> dict[str, str]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    return {
        naam_sleutel(a): naam_sleutel(c) for a, c in zip(frame["alias"], frame["naam"], strict=True)
    }


def _without_suffix(key: str) -> str:
    return _SUFFIX.sub("", key)


def match_namen(namen: pd.Series, referentie: pd.DataFrame, jaar: int) -> pd.DataFrame:
    """Match ``namen`` to ``referentie`` (columns gemeente_code, gemeente_naam, jaar).

    Returns one row per distinct name: ``naam, gemeente_code, referentie_jaar, status`` with
    status ``exact``, ``alias``, ``zonder_provincie`` or ``onbekend``.
    """
    ref = referentie.copy()
    ref["sleutel"] = ref["gemeente_naam"].map(naam_sleutel)
    ref["afstand"] = (ref["jaar"].astype(int) - jaar).abs()
    ref = ref.sort_values(["afstand", "jaar"], ascending=[True, False])
    exact = ref.drop_duplicates("sleutel").set_index("sleutel")
    bare = ref.assign(kaal=ref["sleutel"].map(_without_suffix))
    bare = bare.drop_duplicates(["kaal", "gemeente_code"])
    unique_bare = bare.groupby("kaal").filter(lambda g: g["gemeente_code"].nunique() == 1)
    unique_bare = unique_bare.drop_duplicates("kaal").set_index("kaal")
    aliases = _aliases()
    rows = []
    for naam in pd.Series(namen).dropna().astype(str).unique():
        key = naam_sleutel(naam)
        status, hit = "onbekend", None
        if key in exact.index:
            status, hit = "exact", exact.loc[key]
        elif aliases.get(key) in exact.index:
            status, hit = "alias", exact.loc[aliases[key]]
        elif _without_suffix(key) in unique_bare.index:
            status, hit = "zonder_provincie", unique_bare.loc[_without_suffix(key)]
        rows.append(
            {
                "naam": naam,
                "gemeente_code": None if hit is None else hit["gemeente_code"],
                "referentie_jaar": None if hit is None else int(hit["jaar"]),
                "status": status,
            }
        )
    out = pd.DataFrame(rows, columns=["naam", "gemeente_code", "referentie_jaar", "status"])
    return out.astype({"referentie_jaar": "Int64"})  # unmatched names leave it empty, not float
