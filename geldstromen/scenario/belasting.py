"""Energy taxes in a household energy saving: the part of the bill that goes to the Rijk.

A saved m³ gas (or kWh) lowers the household bill by its variable price including taxes:
``(leveringstarief + energiebelasting + ODE) x (1 + btw)``. Everything but the supply price
(the leveringstarief, excl. btw) is income the Rijk no longer receives: the scenario books it as
a transfer huishoudens <- Rijk. The rates come from ``energiebelasting.csv`` (Belastingdienst
tariff tables, first bracket, per year). A scenario year after the last year in the table
carries that year's rates forward, a year before the first takes the first; both say so.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

TARIEVEN = Path(__file__).with_name("energiebelasting.csv")
DRAGERS = ("aardgas", "elektriciteit")


@lru_cache(maxsize=1)
def tarieftabel() -> pd.DataFrame:
    """Energiebelasting and ODE (euro per unit, excl. btw) and btw % per year and carrier."""
    return pd.read_csv(TARIEVEN, dtype={"jaar": "int64"})


def tarief(drager: str, jaar: int) -> dict | None:
    """``{"belasting": {waarde, bron}, "btw_pct": {waarde, bron}}`` of exactly ``jaar``, or
    None when the table has no rates for that year."""
    t = tarieftabel()
    rij = t[(t["drager"] == drager) & (t["jaar"] == int(jaar))]
    if rij.empty:
        return None
    r = rij.iloc[0]
    eb, ode = float(r["energiebelasting_eur"]), float(r["ode_eur"])
    bron = f"{r['bron']}: energiebelasting {eb:g} + ODE {ode:g} euro per {r['eenheid']}"
    return {
        "belasting": {"waarde": round(eb + ode, 5), "bron": bron},
        "btw_pct": {"waarde": float(r["btw_pct"]), "bron": str(r["bron"])},
    }


def bronjaar(drager: str, jaar: int) -> int | None:
    """The table year whose rates apply in ``jaar``: the year itself, else the last earlier
    year (carried forward), else the first year; None without any rates for ``drager``."""
    jaren = sorted(int(j) for j in tarieftabel().loc[lambda t: t["drager"] == drager, "jaar"])
    if not jaren:
        return None
    eerder = [j for j in jaren if j <= int(jaar)]
    return eerder[-1] if eerder else jaren[0]


def tarief_in(drager: str, jaar: int) -> dict | None:
    """``tarief`` for a scenario year, with the rule of ``bronjaar``; the sources say when the
    rates of another year are used."""
    bron_jaar = bronjaar(drager, jaar)
    if bron_jaar is None:
        return None
    t = tarief(drager, bron_jaar)
    if bron_jaar != int(jaar):
        wat = "doorgetrokken" if bron_jaar < int(jaar) else "eerste bekende jaar"
        noot = f" (tarief {bron_jaar} voor {int(jaar)}: {wat})"
        for k in t:
            t[k]["bron"] += noot
    return t


def pad(drager: str, jaren: range) -> list[tuple[int, float, float]]:
    """``(jaar, energiebelasting + ODE, btw_pct)`` for every year of a scenario."""
    uit = []
    for j in jaren:
        t = tarief_in(drager, j)
        if t is not None:
            uit.append((j, t["belasting"]["waarde"], t["btw_pct"]["waarde"]))
    return uit


def pad_tekst(drager: str, jaren: range) -> str:
    """The rates of a scenario's years in one Dutch line; borrowed years are named, e.g.
    "2025: 0.57816 euro + 21% btw; 2026–2039: tarief 2025 doorgetrokken"."""
    groepen: list[tuple[tuple, list[int]]] = []
    for j in jaren:
        b = bronjaar(drager, j)
        if b is None:
            continue
        sleutel = (b, b == j)
        if groepen and groepen[-1][0] == sleutel and not sleutel[1]:
            groepen[-1][1].append(j)
        else:
            groepen.append((sleutel, [j]))
    delen = []
    for (b, eigen), js in groepen:
        spanne = str(js[0]) if len(js) == 1 else f"{js[0]}–{js[-1]}"
        t = tarief(drager, b)
        waarde = f"{t['belasting']['waarde']:g} euro + {t['btw_pct']['waarde']:g}% btw"
        if eigen:
            delen.append(f"{spanne}: {waarde}")
        else:
            wat = "doorgetrokken" if b < js[0] else "eerste bekende jaar"
            delen.append(f"{spanne}: tarief {b} {wat} ({waarde})")
    return "; ".join(delen)


def prijs_incl(kaal: float, belasting: float, btw_pct: float) -> float:
    """The variable price a household pays per unit: (supply price + energiebelasting + ODE)
    plus btw over the whole."""
    return (kaal + belasting) * (1.0 + btw_pct / 100.0)
