"""Energy taxes in a household energy saving: the part of the bill that goes to the Rijk.

A saved m³ gas (or kWh) lowers the household bill by its price including taxes. Part of that
price is energiebelasting and ODE (a fixed amount per unit, excluding btw) and btw (a share of
the whole price). That part is income the Rijk no longer receives: the scenario books it as a
transfer huishoudens <- Rijk. The rates come from ``energiebelasting.csv`` (Belastingdienst
tariff tables, first bracket, per year); a year without rates leaves the fields empty.
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
    """``{"belasting": {waarde, bron}, "btw_pct": {waarde, bron}}`` or None without rates."""
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


def belastingdeel(prijs: float, belasting: float, btw_pct: float) -> float:
    """Tax per unit inside a price incl. taxes: energiebelasting + ODE + the btw on the price."""
    return float(belasting) + float(prijs) * float(btw_pct) / (100.0 + float(btw_pct))
