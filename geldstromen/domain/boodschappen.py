"""Key figures of one region against its gemeente, and the three key messages they give."""

from __future__ import annotations

import math

import pandas as pd

from geldstromen.domain import opmaak

#: Headline indicators in order of preference (those present are shown).
KERN = [
    "inkomen_per_inwoner_eur",
    "huish_laag_inkomen_pct",
    "huish_sociaal_minimum_pct",
    "bijstand_aantal",
    "wmo_clienten_per_1000",
    "jeugdzorg_pct",
    "woz_gem_eur",
    "corporatiewoningen_pct",
    "aardgas_m3_per_woning",
    "elektriciteit_kwh_per_woning",
    "stadsverwarming_pct",
    "inwoners_65plus_aantal",
]
#: Themes messages may come from (not area or size: "bodem", "economie").
THEMAS_BOODSCHAP = {"bevolking", "inkomen", "wonen", "energie", "sociaal"}
#: Smallest relative difference worth a message.
MIN_VERSCHIL = 0.10


def getal(value: float, decimals: int | None = None) -> str:
    """Dutch number as everywhere in the app (``opmaak.getal``: 15.400, 2,3); "—" for
    missing. (It used a space as thousands separator, so Vergelijk and Tijdlijn read 15 785
    next to € 15.785 on other pages.)"""
    return opmaak.getal(value, decimals)


def kerncijfers(
    wide: pd.DataFrame, info: dict[str, dict], regio: str, gemeente: str
) -> pd.DataFrame:
    """Region vs gemeente for the profile features both have (see ``similariteit.profiel``)."""
    cols = ["indicator", "label", "eenheid", "thema", "regio", "gemeente", "verhouding"]
    if regio not in wide.index or gemeente not in wide.index:
        return pd.DataFrame(columns=cols)
    order = [c for c in KERN if c in wide.columns] + [c for c in wide.columns if c not in KERN]
    rows = []
    for col in order:
        a, b = wide.at[regio, col], wide.at[gemeente, col]
        ratio = a / b if pd.notna(a) and pd.notna(b) and b > 0 and a >= 0 else math.nan
        meta = info[col]
        rows.append((col, meta["label"], meta["eenheid"], meta["thema"], a, b, ratio))
    return pd.DataFrame(rows, columns=cols)


def _zin(row) -> str:
    r = row.verhouding
    label = row.label[0].upper() + row.label[1:]
    waarden = f"({getal(row.regio)} tegen {getal(row.gemeente)} {row.eenheid})"
    if r >= 1.5:
        kern = f"is {getal(r, 1)}x het gemeentelijk gemiddelde"
    elif r <= 0.5:
        kern = f"is maar {getal(r * 100, 0)}% van het gemeentelijk gemiddelde"
    else:
        richting = "hoger" if r > 1 else "lager"
        kern = f"ligt {getal(abs(r - 1) * 100, 0)}% {richting} dan het gemeentelijk gemiddelde"
    return f"{label} {kern} {waarden}."


def boodschappen(kern: pd.DataFrame, n: int = 3) -> list[str]:
    """The ``n`` largest differences from the gemeente as sentences.

    Headline (:data:`KERN`) indicators first, one per theme; then the rest by size of difference.
    """
    data = kern.dropna(subset=["verhouding"])
    data = data[data["verhouding"] > 0].copy()
    data["gewicht"] = data["verhouding"].map(lambda r: abs(math.log(r)))
    data = data[data["gewicht"] >= math.log1p(MIN_VERSCHIL)]
    data = data[data["thema"].isin(THEMAS_BOODSCHAP)]
    data["kern"] = data["indicator"].isin(KERN)
    data = data.sort_values(["kern", "gewicht"], ascending=False, kind="stable")
    first = data[data["kern"]].drop_duplicates("thema")
    picked = pd.concat([first, data.drop(first.index)]).head(n)
    return [_zin(row) for row in picked.itertuples()]
