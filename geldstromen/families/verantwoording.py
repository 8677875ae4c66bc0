"""Verantwoording: read what the reconciliation of one gemeente needs and run it.

Both sides of the gemeente allocation, the Iv3 source amounts, the gemeentefonds of the
chosen circulaire and the other families' flows go into ``domain.controle.controleer``; the
CLI (``geldstromen controle``) and the Bronnen page show its result.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from geldstromen import queries
from geldstromen.domain.controle import Controle, Kant, controleer
from geldstromen.domain.geldstroom import FAMILIES, GELDSTROOM_COLUMNS
from geldstromen.domain.taakvelden import standaard_sleutels
from geldstromen.families import gemeente
from geldstromen.families.stromen import Selectie, Stromen, stromen


def _andere(engine: Engine, gemeente_code: str, route: Stromen):
    """The other families' flows (of the one route) and the source totals they must add up
    to (zorg: the Vektis costs of the gemeente in the Vektis year used, without TOTAAL)."""
    hh = route.familie("huishoudens")
    model = route.zorg
    parts = [p for p in (hh, route.familie("zorg")) if not p.empty]
    totalen = []
    if model is not None and not model.flows.empty and model.vektis_jaar is not None:
        rows = queries.run_query(engine, "zorg_vektis_gemeente", gemeente_code=gemeente_code)
        gm = rows[
            (rows["gebied"] == "gemeente")
            & (rows["jaar"].astype(int) == int(model.vektis_jaar))
            & (rows["kostenpost"] != "TOTAAL")
        ]
        totalen.append(
            {
                "familie": "zorg",
                "bron_jaar": int(model.vektis_jaar),
                "bron_totaal": f"Vektis Zvw {model.vektis_jaar}, kosten van de gemeente",
                "bron_eur": float(gm["bedrag_eur"].sum()),
            }
        )
    frame = (
        pd.concat([p[GELDSTROOM_COLUMNS] for p in parts], ignore_index=True)
        if parts
        else pd.DataFrame()
    )
    return frame, pd.DataFrame(totalen)


class GeenToerekening(ValueError):
    """The allocation could not be made (no KWB regions at the level); Dutch message."""


def verantwoording(
    engine: Engine,
    gemeente_code: str,
    jaar: int,
    stuk: str = "begroting",
    niveau: str = "wijk",
    sleutels: pd.DataFrame | None = None,
    circulaire: str | None = None,
    kwb_jaar: int | None = None,  # unused: the route pairs the years (families.stromen)
) -> Controle | None:
    """The reconciliation report of one gemeente, Iv3 year and document; None without Iv3;
    :class:`GeenToerekening` when there are no regions to allocate to.

    Everything comes from the one route (``families.stromen``), so controle checks the same
    flows the pages and the export show, with the same years."""
    sleutels = standaard_sleutels() if sleutels is None else sleutels
    iv3 = gemeente.iv3_bedragen(engine, gemeente_code, jaar, stuk)
    if iv3.empty:
        return None
    route = stromen(
        engine, Selectie(gemeente_code, niveau, int(jaar), stuk, "beide", FAMILIES, sleutels)
    )
    res = route.gemeente
    lasten = res.get("lasten")
    if lasten is None or lasten.flows.empty:
        raise GeenToerekening(
            f"geen toerekening mogelijk voor {gemeente_code} op {niveau}niveau: "
            f"{(lasten.opmerking if lasten is not None else '') or 'geen gebieden'}"
        )
    sleuteljaren = {r.indicator: int(r.jaar) for r in lasten.sleuteljaren.itertuples()}
    if lasten.indelingsjaar is not None:
        sleuteljaren["_indeling"] = int(lasten.indelingsjaar)
    fonds = gemeente.fonds_aansluiting(engine, gemeente_code, jaar, stuk, circulaire)
    andere, bron_totalen = _andere(engine, gemeente_code, route)
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
        bron_totalen=bron_totalen,
        dubbele_waarden=queries.run_query(engine, "indicator_dubbel", gemeente_code=gemeente_code),
    )
    out.opmerkingen += [r.opmerking for r in res.values() if r.opmerking]
    out.opmerkingen.append(route.jaren.regel())
    return out
