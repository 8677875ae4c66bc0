"""Household energy costs and energy burden per region.

Costs = gas use per dwelling x dwellings x gas price + electricity use per dwelling x dwellings
x electricity price + estimated heat costs of dwellings on stadsverwarming. Prices: CBS
81309NED yearly average transaction prices (incl. btw and taxes; gas in euro/GJ converted with
0.03517 GJ per m3, upper heating value, Groningen quality), else the mean of the 84672NED
monthly variable tariffs (levering + ODE + energiebelasting; fixed charges left out).

Heat (``geschat``): KWB averages gas use over all dwellings, so a region on district heating
looks cheap. Dwellings on stadsverwarming (KWB share) pay the ACM maximum heat tariff of the
year (``warmtetarieven_acm.csv``: fixed charges + price per GJ). Their heat demand is taken as
the gas use of the gas-heated dwellings nearby (the region's average gas use / share on gas,
when at least half is on gas; else the gemeente's) x 0.03517 GJ/m3 x 0.9 (boiler efficiency).
A region whose share is not published (CBS '.') gets no heat estimate, and says so.

Burden: energy costs per household as % of the average *standardised disposable* household
income (KWB ``GemGestandaardiseerdInkomenVanHuish``: disposable income divided by the CBS
equivalence factor). Named exactly because it is not the energy quote of the 10 % threshold:
for households of more than one person the standardised income is lower than their disposable
income, so the ratio is higher than their energy quote.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geldstromen.domain.opmaak import getal

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
            f"CBS 81309NED jaargemiddelde {pj}: gas {getal(gas_gj, 3)} euro/GJ x "
            f"{getal(GJ_PER_M3, 5)} GJ/m3 = {getal(gas, 3)} euro/m3, elektriciteit "
            f"{getal(elek, 3)} euro/kWh (incl. btw en belastingen)"
        )
    else:
        m = maand[maand["jaar"] == pj]
        per = m.groupby(["drager", "periode"])["waarde"].sum().groupby("drager").mean()
        gas, elek = per.get("aardgas"), per.get("elektriciteit")
        n = m["periode"].nunique()
        uitleg = (
            f"CBS 84672NED gemiddelde van {n} maanden {pj} (levering + ODE + energiebelasting, "
            f"incl. btw; vaste kosten niet meegeteld): gas {getal(gas, 3)} euro/m3, "
            f"elektriciteit {getal(elek, 3)} euro/kWh"
        )
    if pj != jaar:
        uitleg += f"; prijsjaar {pj} gebruikt voor KWB {jaar} (dichtstbijzijnde jaar)"
    return {"jaar": pj, "gas_eur_m3": float(gas), "elek_eur_kwh": float(elek), "uitleg": uitleg}


#: Heat delivered per m3 of gas burnt: upper heating value x boiler efficiency 0.9.
KETELRENDEMENT = 0.9
#: Above this share on stadsverwarming the region's own gas figure says too little about the
#: heat demand of a dwelling; the gemeente's is used instead.
MAX_AANDEEL_EIGEN = 50.0
WARMTE_FILE = Path(__file__).with_name("warmtetarieven_acm.csv")


def warmtetarieven() -> pd.DataFrame:
    """ACM maximum heat tariffs per year (euro incl. btw) with their source."""
    return pd.read_csv(WARMTE_FILE)


def kies_warmtetarief(jaar: int, tabel: pd.DataFrame | None = None) -> dict:
    """The ACM tariff of ``jaar`` or the nearest year (ties: the later one), said in
    ``uitleg``; ``vast_eur`` = vastrecht + meettarief + huur afleverset (per dwelling/year)."""
    tabel = warmtetarieven() if tabel is None else tabel
    rij = tabel.loc[(tabel["jaar"] - jaar).abs().add(-tabel["jaar"] / 1e4).idxmin()]
    vast = float(rij[["vastrecht_eur", "meettarief_eur", "afleverset_eur"]].fillna(0).sum())
    tj = int(rij["jaar"])
    uitleg = (
        f"ACM-maximumtarief warmte {tj}: vast {getal(vast, 2)} euro per woning per jaar + "
        f"{getal(rij['gj_prijs_eur'], 2)} euro per GJ ({rij['bron']})"
    )
    if tj != jaar:
        uitleg += f"; tariefjaar {tj} gebruikt voor {jaar} (dichtstbijzijnde jaar)"
    return {"jaar": tj, "vast_eur": vast, "gj_eur": float(rij["gj_prijs_eur"]), "uitleg": uitleg}


def _gas_per_gaswoning(gas_m3: pd.Series, sv_pct: pd.Series) -> pd.Series:
    aandeel_gas = 1 - sv_pct / 100
    return (gas_m3 / aandeel_gas).where(sv_pct <= MAX_AANDEEL_EIGEN)


def energiekosten(
    ind: pd.DataFrame,
    tarief: dict,
    warmte: dict | None = None,
    gemeente: dict | None = None,
) -> pd.DataFrame:
    """Per region: energy costs (euro per year, all dwellings, incl. estimated heat) and the
    burden (% of the standardised disposable household income).

    ``warmte``: :func:`kies_warmtetarief` (None: no heat estimate); ``gemeente``: the
    gemeente's ``aardgas_m3_per_woning`` and ``stadsverwarming_pct`` (for regions mostly on
    district heating)."""
    out = ind.copy()
    for col in (
        "aardgas_m3_per_woning",
        "elektriciteit_kwh_per_woning",
        "woningen_aantal",
        "huishoudens_aantal",
        "stadsverwarming_pct",
        "gestandaardiseerd_inkomen_eur",
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
    sv = pd.to_numeric(out["stadsverwarming_pct"], errors="coerce")
    gas_gw = _gas_per_gaswoning(out["aardgas_m3_per_woning"], sv)
    if gemeente:
        gm = _gas_per_gaswoning(
            pd.Series([gemeente.get("aardgas_m3_per_woning")], dtype=float),
            pd.Series([gemeente.get("stadsverwarming_pct")], dtype=float),
        ).iloc[0]
        gas_gw = gas_gw.fillna(gm).where(sv.notna())
    out["warmte_gj_per_woning"] = gas_gw * GJ_PER_M3 * KETELRENDEMENT
    if warmte is None:
        out["warmtekosten_eur"] = float("nan")
    else:
        per_woning = warmte["vast_eur"] + warmte["gj_eur"] * out["warmte_gj_per_woning"]
        out["warmtekosten_eur"] = out["woningen_aantal"] * sv / 100 * per_woning
        out.loc[sv == 0, "warmtekosten_eur"] = 0.0  # no dwelling on district heating
    out["energiekosten_eur"] = (
        out["gaskosten_eur"] + out["stroomkosten_eur"] + out["warmtekosten_eur"].fillna(0.0)
    )
    out["energiekosten_per_woning_eur"] = out["energiekosten_eur"] / out["woningen_aantal"]
    huishoudens = out["huishoudens_aantal"].where(out["huishoudens_aantal"] > 0)
    out["energiekosten_per_huishouden_eur"] = out["energiekosten_eur"] / huishoudens
    inkomen = out["gestandaardiseerd_inkomen_eur"].where(out["gestandaardiseerd_inkomen_eur"] > 0)
    out["energielast_pct"] = 100 * out["energiekosten_per_huishouden_eur"] / inkomen
    return out
