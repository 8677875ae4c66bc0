"""Household energy costs and energy burden per region.

Costs = gas use per dwelling x dwellings x gas price + electricity use per dwelling x dwellings
x electricity price. Prices: CBS 81309NED yearly average transaction prices (incl. btw and
taxes; gas in euro/GJ converted with 0.03517 GJ per m3, upper heating value, Groningen
quality), else the mean of the 84672NED monthly variable tariffs (levering + ODE +
energiebelasting; fixed charges left out). Burden = energy costs / total personal income.
"""

from __future__ import annotations

import pandas as pd

GJ_PER_M3 = 0.03517


def kies_tarief(prijzen: pd.DataFrame, jaar: int) -> dict | None:
    """Gas (euro/m3) and electricity (euro/kWh) price for ``jaar`` (or the nearest year)."""
    if prijzen.empty:
        return None
    jaarlijks = prijzen[
        (prijzen["tabel_id"] == "81309NED") & (prijzen["periode"] == prijzen["jaar"].astype(str))
    ]
    maand = prijzen[
        (prijzen["tabel_id"] == "84672NED") & prijzen["eenheid"].isin(["eur_per_m3", "eur_per_kwh"])
    ]
    kandidaten = sorted(
        set(jaarlijks["jaar"]) | set(maand["jaar"]), key=lambda j: (abs(j - jaar), -j)
    )
    if not kandidaten:
        return None
    pj = int(kandidaten[0])
    rij = jaarlijks[jaarlijks["jaar"] == pj]
    if not rij.empty:
        gas_gj = rij.loc[rij["drager"] == "aardgas", "waarde"].iloc[0]
        elek = rij.loc[rij["drager"] == "elektriciteit", "waarde"].iloc[0]
        gas = gas_gj * GJ_PER_M3
        uitleg = (
            f"CBS 81309NED jaargemiddelde {pj}: gas {gas_gj:.3f} euro/GJ x {GJ_PER_M3} GJ/m3 "
            f"= {gas:.3f} euro/m3, elektriciteit {elek:.3f} euro/kWh (incl. btw en belastingen)"
        )
    else:
        m = maand[maand["jaar"] == pj]
        per = m.groupby(["drager", "periode"])["waarde"].sum().groupby("drager").mean()
        gas, elek = per.get("aardgas"), per.get("elektriciteit")
        n = m["periode"].nunique()
        uitleg = (
            f"CBS 84672NED gemiddelde van {n} maanden {pj} (levering + ODE + energiebelasting, "
            f"incl. btw; vaste kosten niet meegeteld): gas {gas:.3f} euro/m3, "
            f"elektriciteit {elek:.3f} euro/kWh"
        )
    if pj != jaar:
        uitleg += f"; prijsjaar {pj} gebruikt voor KWB {jaar} (dichtstbijzijnde jaar)"
    return {"jaar": pj, "gas_eur_m3": float(gas), "elek_eur_kwh": float(elek), "uitleg": uitleg}


def energiekosten(ind: pd.DataFrame, tarief: dict) -> pd.DataFrame:
    """Per region: energy costs (euro per year, all dwellings) and burden (% of income)."""
    out = ind.copy()
    for col in (
        "aardgas_m3_per_woning",
        "elektriciteit_kwh_per_woning",
        "woningen_aantal",
        "inkomen_per_inwoner_eur",
        "inwoners_aantal",
    ):
        if col not in out:
            out[col] = float("nan")
    out["gaskosten_eur"] = (
        out["aardgas_m3_per_woning"] * out["woningen_aantal"] * tarief["gas_eur_m3"]
    )
    out["stroomkosten_eur"] = (
        out["elektriciteit_kwh_per_woning"] * out["woningen_aantal"] * tarief["elek_eur_kwh"]
    )
    out["energiekosten_eur"] = out["gaskosten_eur"] + out["stroomkosten_eur"]
    out["energiekosten_per_woning_eur"] = out["energiekosten_eur"] / out["woningen_aantal"]
    out["inkomen_totaal_eur"] = out["inkomen_per_inwoner_eur"] * out["inwoners_aantal"]
    out["energielast_pct"] = 100 * out["energiekosten_eur"] / out["inkomen_totaal_eur"]
    return out
