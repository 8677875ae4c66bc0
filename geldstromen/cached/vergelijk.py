"""Cached inputs of the Vergelijk and Presentatie pages: profiles and flows per inhabitant."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached, queries
from geldstromen.cached import huishoudens as ch
from geldstromen.cached import zorg as cz
from geldstromen.domain.geldstroom import FAMILIES


@st.cache_data(**cached.SELECTION)
def profielen(
    version: str, niveau: str, jaar: int, gemeenten: tuple[str, ...] | None
) -> pd.DataFrame:
    """Indicators of every region of a level and year in ``gemeenten`` (None: all of NL)."""
    if gemeenten is None:
        return queries.run_query(
            cached.engine(), "vergelijk_profielen_nl", niveau=niveau, jaar=jaar
        )
    if not gemeenten:
        return queries.run_query(
            cached.engine(), "vergelijk_profielen", niveau=niveau, jaar=jaar, gemeenten=[""]
        )
    return queries.run_query(
        cached.engine(), "vergelijk_profielen", niveau=niveau, jaar=jaar, gemeenten=list(gemeenten)
    )


@st.cache_data(**cached.SELECTION)
def profiel_regios(version: str, regio_codes: tuple[str, ...], jaar: int) -> pd.DataFrame:
    """Indicators of the given regions (any level) in one year."""
    return queries.run_query(
        cached.engine(), "profiel_regios", regio_codes=list(regio_codes) or [""], jaar=jaar
    )


def _gemeente_flows(version: str, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    """Lasten of the nearest Iv3 year on this year's regions and keys (the pairing as bron)."""
    from geldstromen.rapport.koppeling import gekoppelde_flows

    flows, koppeling = gekoppelde_flows(cached.engine(), gemeente_code, niveau, jaar)
    flows = flows[flows["regio_code"] == flows["naar"]]
    return flows.assign(bron=koppeling.tekst)


#: Per family: the flows of every region of a gemeente, level and year (the cached family
#: flows where other pages share them).
FLOWS = {"gemeente": _gemeente_flows, "huishoudens": ch.huishoudens_flows, "zorg": cz.zorg_flows}


@st.cache_data(**cached.SELECTION)
def geldstromen_per_inwoner(
    version: str, gemeenten: tuple[str, ...], niveau: str, jaar: int
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Sum of each family's flows per region (euro) and the families that failed, with why.

    Gemeente: lasten of the nearest Iv3 year allocated with this year's keys (``bronnen``
    states the pairing). Returns (frame with regio_code, familie, bedrag_eur, methoden,
    bronnen), {familie: melding}.
    """
    parts, fouten = [], {}
    for familie in FAMILIES:
        if familie not in FLOWS:
            fouten[familie] = "nog niet beschikbaar"
            continue
        for gm in gemeenten:
            flows = FLOWS[familie](version, gm, niveau, jaar)
            if not flows.empty:
                parts.append(flows)
    if not parts:
        leeg = pd.DataFrame(columns=["regio_code", "familie", "bedrag_eur", "methoden", "bronnen"])
        return leeg, fouten
    flows = pd.concat(parts, ignore_index=True)
    som = flows.groupby(["regio_code", "familie"], as_index=False).agg(
        bedrag_eur=("bedrag_eur", lambda s: s.sum(min_count=1)),
        methoden=("methode", lambda s: ", ".join(sorted(set(s.dropna())))),
        bronnen=("bron", lambda s: "; ".join(sorted(set(s.dropna())))),
    )
    return som, fouten


@st.cache_data(**cached.SELECTION)
def rapport_gegevens(version: str, regio_code: str, jaar: int):
    """Content of the one-page report (key figures, messages, map polygons, flows)."""
    from geldstromen.rapport import verzamel

    return verzamel(cached.engine(), regio_code, jaar)


@st.cache_data(**cached.SELECTION)
def rapport_bestand(version: str, regio_code: str, jaar: int, fmt: str) -> bytes:
    """The report as PDF or PNG bytes."""
    from geldstromen.rapport import maak_pdf, maak_png

    gegevens = rapport_gegevens(version, regio_code, jaar)
    return maak_pdf(gegevens) if fmt == "pdf" else maak_png(gegevens)


@st.cache_data(**cached.SELECTION)
def klassegenoten(version: str, gemeente_code: str) -> tuple[list[str], str | None]:
    """Gemeenten of the same size and urbanity class (and the class as text)."""
    from geldstromen.domain.similariteit import klassegenoten as peers

    return peers(queries.run_query(cached.engine(), "vergelijk_gemeenteklassen"), gemeente_code)
