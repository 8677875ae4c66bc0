"""Gemeente flows for a report year without Iv3 of its own: the nearest Iv3 year, allocated
with the keys (and regions) of the report year's KWB indeling.

Example: a report on 2019 while Iv3 starts in 2023 pairs the 2023 jaarrekening with the 2019
wijken and keys, and says so ("Iv3 jaarrekening 2023 toegerekend met sleutels uit KWB 2019").
The allocation itself is ``families.gemeente.toerekening`` with ``sleuteljaar=jaar``: only the
year that picks the regions and keys differs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from geldstromen.domain.geldstroom import empty_flows
from geldstromen.families import gemeente

#: Realised figures before plans when two documents share the nearest year.
STUK_VOORKEUR = ("jaarrekening", "begroting")


@dataclass
class Koppeling:
    """Which Iv3 year and document were allocated with which KWB years."""

    iv3_jaar: int | None
    stuk: str | None
    sleuteljaren: list[int]
    tekst: str


def kies_iv3(beschikbaar: pd.DataFrame, jaar: int) -> tuple[int, str] | None:
    """(Iv3 year, stuk) nearest ``jaar``; ties between years: the later; same year: jaarrekening."""
    if beschikbaar.empty:
        return None
    df = beschikbaar.assign(
        afstand=(beschikbaar["jaar"].astype(int) - int(jaar)).abs(),
        rang=beschikbaar["stuk"].map({s: i for i, s in enumerate(STUK_VOORKEUR)}).fillna(9),
    )
    best = df.sort_values(["afstand", "jaar", "rang"], ascending=[True, False, True]).iloc[0]
    return int(best["jaar"]), str(best["stuk"])


def koppeltekst(iv3_jaar: int, stuk: str, sleuteljaren: list[int], jaar: int) -> str:
    """'Iv3 jaarrekening 2023 toegerekend met sleutels uit KWB 2019' (+ why, when paired)."""
    kwb = "/".join(str(j) for j in sorted(set(sleuteljaren))) or "?"
    tekst = f"Iv3 {stuk} {iv3_jaar} toegerekend met sleutels uit KWB {kwb}"
    if iv3_jaar != jaar:
        tekst += f" (geen Iv3 voor {jaar}; dichtstbijzijnde Iv3-jaar gebruikt)"
    return tekst


def gekoppelde_flows(
    engine: Engine, gemeente_code: str, niveau: str, jaar: int, kant: str = "lasten"
) -> tuple[pd.DataFrame, Koppeling]:
    """Gemeente flows of the nearest Iv3 year on the regions and keys of ``jaar``."""
    keuze = kies_iv3(gemeente.beschikbaar(engine, gemeente_code), jaar)
    if keuze is None:
        return empty_flows(), Koppeling(None, None, [], "geen Iv3-gegevens voor deze gemeente")
    iv3_jaar, stuk = keuze
    res = gemeente.toerekening(
        engine, gemeente_code, niveau, iv3_jaar, stuk, kant, sleuteljaar=int(jaar)
    )
    if res.opmerking:
        return empty_flows(), Koppeling(iv3_jaar, stuk, [], res.opmerking)
    jaren = [int(j) for j in res.sleuteljaren["jaar"]]
    return res.flows, Koppeling(
        iv3_jaar, stuk, jaren, koppeltekst(iv3_jaar, stuk, jaren, int(jaar))
    )
