"""Geometry: reading (also ``.geojson.gz``), validity, coverage simplification, GeoJSON out,
and the rule that pairs data of one indeling year with polygons of (another) year."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

WGS84 = "EPSG:4326"
RD = "EPSG:28992"
#: Coverage-simplification tolerance (metres in RD New; roughly the square root of the area of
#: the triangles removed) per level: stored shapes, and the lighter all-NL overview.
TOLERANTIE_M = {"gemeente": 150.0, "wijk": 60.0, "buurt": 30.0}
OVERZICHT_M = {"gemeente": 600.0, "wijk": 450.0, "buurt": 110.0}
#: Decimals kept in lon/lat (5 decimals is about 1 m).
DECIMALEN = 5
#: Share of the data's region codes a polygon year must contain to be used for another year.
MIN_DEKKING = 0.95


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    """Read a GeoJSON file; ``.gz`` goes through GDAL's /vsigzip/ (pyogrio cannot open it by name)."""
    target = f"/vsigzip/{path}" if path.suffix == ".gz" else str(path)
    frame = gpd.read_file(target)
    if frame.crs is None:
        frame = frame.set_crs(WGS84)
    return frame.to_crs(WGS84)


def _polygonal(geom):
    """Keep only the polygon parts (``make_valid`` can add lines and points)."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None


def vereenvoudig(
    geoms: gpd.GeoSeries,
    niveau: str,
    *,
    tolerantie: float | None = None,
    decimalen: int = DECIMALEN,
) -> gpd.GeoSeries:
    """Valid, topology-preserving simplified polygons in WGS84, coordinates rounded.

    Simplifies in RD metres with ``coverage_simplify`` (neighbours keep their shared edge);
    falls back to per-polygon ``simplify(preserve_topology=True)`` when GEOS refuses.
    """
    rd = geoms.to_crs(RD)
    valid = np.array([_polygonal(g) for g in shapely.make_valid(rd.values)], dtype=object)
    tol = TOLERANTIE_M[niveau] if tolerantie is None else tolerantie
    try:
        simple = shapely.coverage_simplify(valid, tol)
    except Exception:  # GEOS may reject an invalid coverage
        simple = shapely.simplify(valid, tol, preserve_topology=True)
    out = gpd.GeoSeries(simple, index=geoms.index, crs=RD).to_crs(WGS84)
    rounded = shapely.transform(out.values, lambda xy: np.round(xy, decimalen))
    fixed = np.array([_polygonal(g) for g in shapely.make_valid(rounded)], dtype=object)
    return gpd.GeoSeries(fixed, index=geoms.index, crs=WGS84)


def overzicht(teksten: pd.Series, niveau: str) -> list[dict]:
    """Stored GeoJSON polygons simplified further for an all-NL map (4 decimals, ~10 m)."""
    geoms = gpd.GeoSeries(shapely.from_geojson(teksten.to_numpy()), crs=WGS84)
    simple = vereenvoudig(geoms, niveau, tolerantie=OVERZICHT_M[niveau], decimalen=4)
    return [shapely.geometry.mapping(g) if g is not None else None for g in simple]


def geojson_tekst(geom) -> str:
    """Compact GeoJSON text of one geometry (coordinates as stored)."""
    return json.dumps(shapely.geometry.mapping(geom), separators=(",", ":"))


def kies_geometrie_jaar(dekking: pd.DataFrame, data_jaar: int, codes_aantal: int) -> dict:
    """Which polygon year to draw data of ``data_jaar`` with.

    ``dekking`` has per polygon year (``jaar``) how many of the data's region codes it holds
    (``gevonden``). Same year first; otherwise the nearest year matching at least
    :data:`MIN_DEKKING` of the codes (later year wins a tie). Returns ``jaar`` (None: no map),
    ``aandeel`` and a Dutch ``melding`` for the page.
    """
    if codes_aantal == 0 or dekking.empty:
        return {"jaar": None, "aandeel": 0.0, "melding": "Geen kaartgrenzen voor deze keuze."}
    share = dekking.assign(aandeel=dekking["gevonden"] / codes_aantal)
    same = share[share["jaar"] == data_jaar]
    if not same.empty and float(same["aandeel"].iloc[0]) > 0:
        return {"jaar": int(data_jaar), "aandeel": float(same["aandeel"].iloc[0]), "melding": None}
    ok = share[share["aandeel"] >= MIN_DEKKING].copy()
    if ok.empty:
        best = share.sort_values("aandeel").iloc[-1]
        return {
            "jaar": None,
            "aandeel": float(best["aandeel"]),
            "melding": (
                f"Geen kaart: er zijn geen kaartgrenzen van {data_jaar}, en de grenzen van andere "
                f"jaren passen niet (beste: {int(best['jaar'])}, "
                f"{best['aandeel']:.0%} van de codes). De cijfers staan in de tabel."
            ),
        }
    ok["afstand"] = (ok["jaar"] - data_jaar).abs()
    pick = ok.sort_values(["afstand", "jaar"], ascending=[True, False]).iloc[0]
    jaar = int(pick["jaar"])
    same_codes = "zelfde codes" if pick["aandeel"] >= 1 else f"{pick['aandeel']:.0%} van de codes"
    return {
        "jaar": jaar,
        "aandeel": float(pick["aandeel"]),
        "melding": f"Kaartgrenzen {jaar} gebruikt voor gegevens {data_jaar} ({same_codes}).",
    }
