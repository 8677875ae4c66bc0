"""Geometry: reading (also ``.geojson.gz``), CRS, topology-preserving simplification, GeoJSON out."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

WGS84 = "EPSG:4326"


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    """Read a GeoJSON file; ``.gz`` goes through GDAL's /vsigzip/ (pyogrio cannot open it by name)."""
    target = f"/vsigzip/{path}" if path.suffix == ".gz" else str(path)
    frame = gpd.read_file(target)
    if frame.crs is None:
        frame = frame.set_crs(WGS84)
    return frame.to_crs(WGS84)
