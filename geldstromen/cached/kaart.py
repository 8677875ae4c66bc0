"""Cached map data: values of one indicator plus the polygons paired with their year."""

from __future__ import annotations

import pandas as pd
import shapely
import streamlit as st

from geldstromen import geo, queries
from geldstromen.cached import SELECTION, engine

#: ``gemeente_code`` that stands for all of NL.
HEEL_NL = "*"


def koppel_geometrie(
    gemeente_code: str, niveau: str, jaar: int, codes: list[str]
) -> tuple[pd.DataFrame, dict]:
    """Polygons for the data's region codes: same year, else a year with >= 95 % of the codes."""
    codes = sorted(set(codes))
    dekking = (
        queries.run_query(engine(), "geometrie_dekking", niveau=niveau, codes=codes)
        if codes
        else pd.DataFrame(columns=["jaar", "gevonden"])
    )
    koppeling = geo.kies_geometrie_jaar(dekking, jaar, len(codes))
    if koppeling["jaar"] is None:
        return pd.DataFrame(columns=["regio_code", "regio_naam", "geometrie_geojson"]), koppeling
    geometrie = queries.run_query(
        engine(),
        "kaart_geometrie",
        gemeente_code=gemeente_code,
        niveau=niveau,
        jaar=koppeling["jaar"],
    )
    return voor_beeld(geometrie, niveau), koppeling


def voor_beeld(geometrie: pd.DataFrame, niveau: str) -> pd.DataFrame:
    """The polygons with the detail the map's first view can show (all of NL: far less than
    stored; one gemeente: as stored). Every region keeps its polygon."""
    geometrie = geometrie.dropna(subset=["geometrie_geojson"])
    if geometrie.empty:
        return geometrie
    bounds = shapely.total_bounds(shapely.from_geojson(geometrie["geometrie_geojson"].to_numpy()))
    m_per_px = geo.beeld(bounds)["m_per_px"]
    return geometrie.assign(
        geometrie_geojson=geo.voor_beeld(geometrie["geometrie_geojson"], niveau, m_per_px)
    )


@st.cache_data(**SELECTION)
def randen(teksten: pd.Series) -> str | None:
    """The outline band of the map's polygons (GeoJSON), see :func:`geo.randen`."""
    texts = teksten.dropna()
    if texts.empty:
        return None
    bounds = shapely.total_bounds(shapely.from_geojson(texts.to_numpy()))
    return geo.randen(texts.reset_index(drop=True), geo.beeld(bounds)["m_per_px"])


@st.cache_data(**SELECTION)
def geometrie(
    version: str, gemeente_code: str, niveau: str, jaar: int, codes: tuple[str, ...]
) -> tuple[pd.DataFrame, dict]:
    """:func:`koppel_geometrie` cached, for pages that compute their own values."""
    return koppel_geometrie(gemeente_code, niveau, jaar, list(codes))


@st.cache_data(**SELECTION)
def kaart_gegevens(
    version: str, gemeente_code: str, niveau: str, jaar: int, indicator: str
) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """(values, polygons, pairing) for one gemeente, or all of NL with ``HEEL_NL``."""
    if gemeente_code == HEEL_NL:
        waarden = queries.run_query(
            engine(), "kaart_waarden_nl", niveau=niveau, jaar=jaar, indicator=indicator
        )
    else:
        waarden = queries.run_query(
            engine(),
            "indicator_waarden",
            gemeente_code=gemeente_code,
            niveau=niveau,
            jaar=jaar,
            indicator=indicator,
        )
    geometrie, koppeling = koppel_geometrie(
        gemeente_code, niveau, jaar, waarden["regio_code"].tolist()
    )
    return waarden, geometrie, koppeling


@st.cache_data(**SELECTION)
def alle_indicatoren(version: str, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    """Every indicator of a gemeente's regions in one year, one row per region x indicator:
    the table of ``geldstromen export indicatoren`` (same query), with methode and bron."""
    return queries.run_query(
        engine(), "export_indicatoren", gemeente_code=gemeente_code, niveau=niveau, jaar=jaar
    )
