"""Household money flows (family ``huishoudens``): income, energy costs and spending."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from geldstromen import queries
from geldstromen.domain import energie, huishoudens
from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS, check_flows, empty_flows
from geldstromen.families.zorg import regio_wide

INDICATOREN = [
    "inwoners_aantal",
    "huishoudens_aantal",
    "woningen_aantal",
    "aardgas_m3_per_woning",
    "elektriciteit_kwh_per_woning",
    "stadsverwarming_pct",
    "koopwoningen_pct",
    "huurwoningen_pct",
    "corporatiewoningen_pct",
    "bouwjaar_voor_2000_pct",
    "inkomen_per_inwoner_eur",
    "huish_laagste_40_pct",
    "huish_hoogste_20_pct",
    "huish_laag_inkomen_pct",
    "huish_sociaal_minimum_pct",
    "gestandaardiseerd_inkomen_eur",
]


#: Gemeente figures for the heat demand of regions mostly on district heating.
WARMTE_GEMEENTE = ["aardgas_m3_per_woning", "stadsverwarming_pct"]


@dataclass
class HuishoudensModel:
    """Flows, the per-region energy table and the notes on missing inputs."""

    flows: pd.DataFrame
    energie: pd.DataFrame = field(default_factory=pd.DataFrame)
    tarief: dict | None = None
    budget_jaar: int | None = None
    notities: list[str] = field(default_factory=list)
    warmte: dict | None = None  # ACM heat tariff used for dwellings on stadsverwarming


def _warmte_notities(model: HuishoudensModel, kosten: pd.DataFrame, n: int) -> None:
    sv = pd.to_numeric(kosten["stadsverwarming_pct"], errors="coerce")
    onbekend = int(sv.isna().sum())
    geschat = int((kosten["warmtekosten_eur"] > 0).sum())
    model.notities.append(
        f"Stadsverwarming: warmtekosten geschat voor {geschat} van {n} gebieden "
        f"({model.warmte['uitleg']}; warmtevraag = gasverbruik van de woningen op gas x "
        f"{energie.GJ_PER_M3} GJ/m3 x ketelrendement {energie.KETELRENDEMENT})."
        + (
            f" {onbekend} gebieden zonder gepubliceerd aandeel stadsverwarming (CBS '.'): "
            "daar zijn geen warmtekosten meegeteld."
            if onbekend
            else ""
        )
    )


def huishoudens_model(engine: Engine, gemeente_code: str, niveau: str, jaar: int):
    """Household flows for every region of a level, with notes on what is missing."""
    ind = regio_wide(engine, gemeente_code, niveau, jaar, INDICATOREN)
    for col in INDICATOREN:
        if col not in ind:
            ind[col] = float("nan")
    model = HuishoudensModel(empty_flows())
    if ind.empty:
        model.notities.append(f"Geen KWB-gegevens voor {niveau} in {jaar}.")
        return model
    kwb = f"CBS KWB {jaar}"
    parts = [huishoudens.inkomen_flows(ind, niveau, jaar, kwb)]
    n = len(ind)
    zonder = int(ind["inkomen_per_inwoner_eur"].isna().sum())
    if zonder:
        model.notities.append(
            f"Inkomen: {zonder} van {n} gebieden zonder gemiddeld inkomen "
            "(geheim of te weinig ontvangers): geen inkomensstroom."
        )
    prijzen = queries.run_query(engine, "energie_tarieven")
    model.tarief = energie.kies_tarief(prijzen, jaar)
    if model.tarief is None:
        model.notities.append("Energie: geen energieprijzen ingelezen (cbs_prijzen/).")
    else:
        model.warmte = energie.kies_warmtetarief(int(model.tarief["jaar"]))
        gm = regio_wide(engine, gemeente_code, "gemeente", jaar, WARMTE_GEMEENTE)
        gm_waarden = gm.iloc[0].to_dict() if len(gm) else None
        kosten = energie.energiekosten(ind, model.tarief, model.warmte, gm_waarden)
        model.energie = kosten
        pb = prijzen.loc[prijzen["jaar"] == model.tarief["jaar"], "bron"].iloc[0]
        uitleg = f"{model.tarief['uitleg']}; stadsverwarming: {model.warmte['uitleg']}"
        parts.append(huishoudens.energie_flows(kosten, niveau, jaar, uitleg, f"{kwb}; {pb}"))
        _warmte_notities(model, kosten, n)
        zonder = int(kosten["energiekosten_eur"].isna().sum())
        if zonder:
            model.notities.append(
                f"Energie: {zonder} van {n} gebieden zonder gas- of "
                "stroomverbruik of woningaantal (geheim): geen energiestroom."
            )
    budget = queries.run_query(engine, "budget_bestedingen")
    if budget.empty:
        model.notities.append("Bestedingen: Budgetonderzoek (cbs_budget/) niet ingelezen.")
    else:
        bj = int(budget["jaar"].max())
        model.budget_jaar = bj
        per_klasse, missing = huishoudens.bestedingen_per_klasse(budget[budget["jaar"] == bj])
        parts.append(
            huishoudens.besteding_flows(
                ind, per_klasse, niveau, jaar, bj, f"{kwb}; {budget['bron'].iloc[0]}"
            )
        )
        if missing:
            model.notities.append("Bestedingen ontbreken: " + "; ".join(missing) + ".")
        zonder = int(ind["huish_laag_inkomen_pct"].isna().sum())
        if zonder:
            model.notities.append(
                f"Bestedingen: {zonder} van {n} gebieden zonder aandeel "
                "huishoudens met laag inkomen: geen bestedingsstromen."
            )
    parts = [p for p in parts if not p.empty]
    if parts:
        model.flows = check_flows(pd.concat(parts, ignore_index=True))
    return model


def huishoudens_flows(engine: Engine, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    """Household flows for every region of a level."""
    return huishoudens_model(engine, gemeente_code, niveau, jaar).flows[GELDSTROOM_COLUMNS]
