"""Cached inputs of the Vergelijk and Presentatie pages: profiles and flows per inhabitant."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached, queries
from geldstromen.cached import stromen as cs
from geldstromen.families.stromen import Selectie, regio_sommen


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


@st.cache_data(**cached.SELECTION)
def geldstromen_per_inwoner(
    version: str, gemeenten: tuple[str, ...], niveau: str, jaar: int, stuk: str | None = None
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Sum of each family's flows per region (``families.stromen.regio_sommen`` of the route
    for each gemeente, Iv3 year ``jaar`` and document ``stuk``, the visit's Iv3 choice) and the
    families that failed, with why."""
    parts, fouten = [], {}
    for gm in gemeenten:
        res = cs.stromen(version, Selectie(gm, niveau, int(jaar), stuk, kant="lasten"))
        parts.append(regio_sommen(res))
    parts = [p for p in parts if not p.empty]
    if not parts:
        kolommen = ["regio_code", "familie", "bedrag_eur", "methoden", "bronnen", "inwoners"]
        leeg = pd.DataFrame(columns=[*kolommen, "jaren"])
        return leeg, fouten
    return pd.concat(parts, ignore_index=True), fouten


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
