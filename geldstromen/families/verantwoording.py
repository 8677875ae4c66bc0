"""Verantwoording: read what the reconciliation of one gemeente needs and run it.

Both sides of the gemeente allocation, the Iv3 source amounts, the gemeentefonds of the
chosen circulaire and the other families' flows go into ``domain.controle.controleer``; the
CLI (``geldstromen controle``) and the Bronnen page show its result.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from geldstromen.domain.controle import Controle, Kant, controleer
from geldstromen.domain.taakvelden import standaard_sleutels
from geldstromen.families import gemeente, huishoudens, zorg


def _andere(engine: Engine, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    parts = [
        bouw(engine, gemeente_code, niveau, jaar)
        for bouw in (huishoudens.huishoudens_flows, zorg.zorg_flows)
    ]
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def verantwoording(
    engine: Engine,
    gemeente_code: str,
    jaar: int,
    stuk: str = "begroting",
    niveau: str = "wijk",
    sleutels: pd.DataFrame | None = None,
    circulaire: str | None = None,
    kwb_jaar: int | None = None,
) -> Controle | None:
    """The reconciliation report of one gemeente, Iv3 year and document; None without Iv3.

    ``kwb_jaar``: the KWB year of the other families (default: the allocation's indeling)."""
    sleutels = standaard_sleutels() if sleutels is None else sleutels
    iv3 = gemeente.iv3_bedragen(engine, gemeente_code, jaar, stuk)
    if iv3.empty:
        return None
    res = {
        kant: gemeente.toerekening(engine, gemeente_code, niveau, jaar, stuk, kant, sleutels)
        for kant in gemeente.KANTEN
    }
    lasten = res["lasten"]
    sleuteljaren = {r.indicator: int(r.jaar) for r in lasten.sleuteljaren.itertuples()}
    if lasten.indelingsjaar is not None:
        sleuteljaren["_indeling"] = int(lasten.indelingsjaar)
    fonds = gemeente.fonds_aansluiting(engine, gemeente_code, jaar, stuk, circulaire)
    andere = _andere(engine, gemeente_code, niveau, int(kwb_jaar or lasten.indelingsjaar or jaar))
    out = controleer(
        iv3,
        Kant(lasten.flows, lasten.uitgesloten),
        Kant(res["baten"].flows, res["baten"].uitgesloten),
        gemeente=(gemeente_code, str(iv3["gemeente_naam"].iloc[0])),
        jaar=int(jaar),
        stuk=stuk,
        niveau=niveau,
        sleuteltabel=sleutels,
        sleuteljaren=sleuteljaren,
        inwoners=lasten.inwoners,
        fonds=fonds,
        andere=andere,
    )
    out.opmerkingen += [r.opmerking for r in res.values() if r.opmerking]
    return out
