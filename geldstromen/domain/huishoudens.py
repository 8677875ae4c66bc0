"""Household money flows per region (pure pandas): income, energy and spending by income class.

Income = average income per inhabitant x inhabitants (both KWB, one year): a product of two
published figures, so methode ``geschat``. Spending per household from CBS Budgetonderzoek
85419NED for households below and above the low-income threshold, mixed with the region's
share of low-income households (KWB). Only categories published for both classes are used.
"""

from __future__ import annotations

import pandas as pd

LAAG = "Inkomen tot lage-inkomensgrens"
HOOG = "Inkomen boven lage-inkomensgrens"
#: Left out as a flow: energy is computed locally; rent/mortgage needs a housing-cost source.
UITGESLOTEN = {"000000": "totaal", "040000": "energie apart berekend; woonlasten niet in bron"}


def _flow(ind, bedrag, van, naar, categorie, sleutel, bron, niveau, jaar) -> pd.DataFrame:
    ok = bedrag.notna()
    return pd.DataFrame(
        {
            "regio_code": ind.loc[ok, "regio_code"],
            "regio_naam": ind.loc[ok, "regio_naam"],
            "niveau": niveau,
            "jaar": jaar,
            "familie": "huishoudens",
            "van": van,
            "naar": naar,
            "categorie": categorie,
            "bedrag_eur": bedrag[ok],
            "methode": "geschat",
            "sleutel": sleutel,
            "bron": bron,
        }
    )


def inkomen_flows(ind: pd.DataFrame, niveau: str, jaar: int, bron: str) -> pd.DataFrame:
    """Total personal income per region (werk en uitkeringen -> huishoudens)."""
    bedrag = ind["inkomen_per_inwoner_eur"] * ind["inwoners_aantal"]
    return _flow(
        ind,
        bedrag,
        "werk en uitkeringen",
        "huishoudens",
        "Inkomen (totaal)",
        f"gemiddeld inkomen per inwoner x inwoners (KWB {jaar})",
        bron,
        niveau,
        jaar,
    )


def energie_flows(kosten: pd.DataFrame, niveau: str, jaar: int, uitleg: str, bron: str):
    """Energy costs per region incl. estimated district heat (huishoudens ->
    energieleveranciers)."""
    return _flow(
        kosten,
        kosten["energiekosten_eur"],
        "huishoudens",
        "energieleveranciers",
        "Energie (gas, elektriciteit en warmte)",
        f"verbruik per woning x woningen (KWB {jaar}) x prijs: {uitleg}",
        bron,
        niveau,
        jaar,
    )


def bestedingen_per_klasse(budget: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Spending per category for the low and high income class; and what is missing."""
    b = budget[budget["kenmerk"].isin([LAAG, HOOG])]
    wide = b.pivot_table(index="bestedingscategorie", columns="kenmerk", values="bedrag_eur")
    missing = []
    for cat in sorted(set(budget["bestedingscategorie"])):
        code = cat.split(" ")[0]
        if code in UITGESLOTEN:
            if code != "000000":
                missing.append(f"{cat}: {UITGESLOTEN[code]}")
            continue
        if cat not in wide.index or wide.loc[cat].isna().any():
            missing.append(f"{cat}: niet per inkomensklasse gepubliceerd in het bestand")
    keep = [
        c for c in wide.index if c.split(" ")[0] not in UITGESLOTEN and wide.loc[c].notna().all()
    ]
    return wide.loc[keep].reset_index(), missing


def besteding_flows(ind, per_klasse, niveau: str, jaar: int, budget_jaar: int, bron: str):
    """Spending per region and category: households x (p_laag x S_laag + (1-p_laag) x S_hoog)."""
    p = ind["huish_laag_inkomen_pct"] / 100
    out = []
    for rec in per_klasse.to_dict("records"):
        naam = rec["bestedingscategorie"].split(" ", 1)[1]
        bedrag = ind["huishoudens_aantal"] * (p * rec[LAAG] + (1 - p) * rec[HOOG])
        out.append(
            _flow(
                ind,
                bedrag,
                "huishoudens",
                "aanbieders",
                naam,
                f"huishoudens x aandeel laag inkomen (KWB {jaar}) x besteding per "
                f"huishouden per inkomensklasse (Budgetonderzoek {budget_jaar})",
                bron,
                niveau,
                jaar,
            )
        )
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()
