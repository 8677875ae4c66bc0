"""Geometry: reading (also ``.geojson.gz``), validity, coverage simplification, GeoJSON out,
and the rule that pairs data of one indeling year with polygons of (another) year."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

WGS84 = "EPSG:4326"
RD = "EPSG:28992"
#: Coverage-simplification tolerance (metres in RD New; roughly the square root of the area of
#: the triangles removed) per level, for the stored shapes.
TOLERANTIE_M = {"gemeente": 150.0, "wijk": 60.0, "buurt": 30.0}
#: Decimals kept in lon/lat (5 decimals is about 1 m).
DECIMALEN = 5
#: The map's first view in screen pixels (deck.gl's 512-pixel world at zoom 0).
KAART_BREEDTE_PX = 720
KAART_HOOGTE_PX = 560
#: A view simplifies to this many of its screen pixels (what the first view can show).
BEELD_TOLERANTIE_PX = 1.0
#: Outlines between regions are bands of this many screen pixels in the first view, drawn as
#: polygons (the fill's shader): no path shader for the browser to build, which without a GPU
#: costs more than the polygons themselves. Only when the median region is at least
#: :data:`RAND_MIN_PX` across; an all-NL view of wijken of a few pixels gets no outlines.
VOEG_PX = 1.0
RAND_MIN_PX = 8.0
#: Earth's circumference at the equator in metres (Web Mercator).
OMTREK_M = 40_075_016.686
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
    falls back to per-polygon ``simplify(preserve_topology=True)`` when GEOS refuses. A region
    the tolerance or the rounding would collapse (a narrow buurt to a sliver: less than half
    its area left; an island dropped) keeps its own shape, rounded to :data:`DECIMALEN`.
    """
    rd = geoms.to_crs(RD)
    valid = np.array([_polygonal(g) for g in shapely.make_valid(rd.values)], dtype=object)
    tol = TOLERANTIE_M[niveau] if tolerantie is None else tolerantie
    try:
        simple = shapely.coverage_simplify(valid, tol)
    except Exception:  # GEOS may reject an invalid coverage
        simple = shapely.simplify(valid, tol, preserve_topology=True)
    eiland = tol / 10  # islands down to a tenth of the tolerance across
    simple = np.where(_delen(simple, eiland) < _delen(valid, eiland), valid, simple)
    out = gpd.GeoSeries(simple, crs=RD).to_crs(WGS84).values
    original = gpd.GeoSeries(valid, crs=RD).to_crs(WGS84).values
    fixed = np.array([_geldig(_afgerond(g, decimalen)) for g in out], dtype=object)
    present = ~shapely.is_missing(original)
    collapsed = present & (
        shapely.is_missing(fixed)
        | (_oppervlak(fixed) < 0.5 * _oppervlak(original))
        | (shapely.get_num_geometries(fixed) < shapely.get_num_geometries(out))
    )
    for i in np.flatnonzero(collapsed):
        fixed[i] = _geldig(_afgerond(original[i], DECIMALEN)) or _geldig(original[i])
    return gpd.GeoSeries(fixed, index=geoms.index, crs=WGS84)


def _oppervlak(geoms: np.ndarray) -> np.ndarray:
    """Area (any unit; 0 for a missing geometry) for comparing a shape with itself."""
    return np.nan_to_num(shapely.area(geoms), nan=0.0)


def _delen(geoms: np.ndarray, minimum: float) -> np.ndarray:
    """Per geometry, the number of polygon parts of at least ``minimum`` squared."""
    parts, index = shapely.get_parts(geoms, return_index=True)
    big = shapely.area(parts) >= minimum * minimum
    return np.bincount(index[big], minlength=len(geoms))


def _afgerond(geom, decimalen: int):
    if geom is None:
        return None
    return shapely.transform(geom, lambda xy: np.round(xy, decimalen))


def _geldig(geom):
    """A valid polygon(s) from a rounded one, or None when rounding collapsed it (GEOS can
    refuse ``make_valid`` on such a shape: 'Overlay input is mixed-dimension')."""
    if geom is None or geom.is_empty:
        return None
    if geom.is_valid:
        return _polygonal(geom)
    try:
        return _polygonal(shapely.make_valid(geom))
    except shapely.errors.GEOSException:
        return None


def beeld(bounds) -> dict:
    """First view of a map showing ``bounds`` (xmin, ymin, xmax, ymax in lon/lat) on
    :data:`KAART_BREEDTE_PX` x :data:`KAART_HOOGTE_PX`: centre, deck.gl zoom and the size of
    one screen pixel in metres (``m_per_px``)."""
    xmin, ymin, xmax, ymax = (float(b) for b in bounds)
    if not all(math.isfinite(b) for b in (xmin, ymin, xmax, ymax)):
        xmin, ymin, xmax, ymax = 3.3, 50.7, 7.3, 53.6  # the Netherlands
    dlon = max(xmax - xmin, 1e-4)
    dy = max(_mercator_y(ymax) - _mercator_y(ymin), 1e-6)
    zoom = (
        min(
            math.log2(KAART_BREEDTE_PX * 360 / (512 * dlon)),
            math.log2(KAART_HOOGTE_PX * 2 * math.pi / (512 * dy)),
        )
        - 0.3
    )
    lat = (ymin + ymax) / 2
    return {
        "longitude": (xmin + xmax) / 2,
        "latitude": lat,
        "zoom": zoom,
        "m_per_px": OMTREK_M * math.cos(math.radians(lat)) / (512 * 2**zoom),
    }


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def decimalen_voor(m_per_px: float) -> int:
    """Decimals of lon/lat that keep rounding under half a screen pixel (at most
    :data:`DECIMALEN`, the stored precision)."""
    graden = m_per_px / 111_320 * 0.6  # a degree of longitude at 53 N is 0.6 of one at the equator
    return int(min(DECIMALEN, max(2, math.ceil(-math.log10(graden / 2)))))


def voor_beeld(teksten: pd.Series, niveau: str, m_per_px: float) -> list[str]:
    """Stored GeoJSON polygons with no more detail than a view of ``m_per_px`` metres per
    screen pixel can show: simplified with neighbours keeping their shared edges, coordinates
    rounded to :func:`decimalen_voor`. Shapes already coarser than that come back as stored.

    Every region keeps a valid, non-empty polygon: one that the view's tolerance would erase
    (a small buurt, an island) keeps its stored shape."""
    tol = BEELD_TOLERANTIE_PX * m_per_px
    stored = teksten.to_numpy()
    if tol <= TOLERANTIE_M[niveau]:
        return list(stored)
    geoms = gpd.GeoSeries(shapely.from_geojson(stored), crs=WGS84)
    simple = vereenvoudig(geoms, niveau, tolerantie=tol, decimalen=decimalen_voor(m_per_px))
    return [
        geojson_tekst(g) if g is not None and not g.is_empty else orig
        for g, orig in zip(simple.values, stored, strict=True)
    ]


def _rd(teksten) -> np.ndarray:
    return gpd.GeoSeries(shapely.from_geojson(np.asarray(teksten)), crs=WGS84).to_crs(RD).values


def rand_zichtbaar(teksten: pd.Series, m_per_px: float) -> bool:
    """Whether regions are large enough in the first view to show outlines between them."""
    if teksten.empty:
        return False
    sizes = np.sqrt(shapely.area(_rd(teksten.to_numpy()))) / m_per_px
    return float(np.median(sizes)) >= RAND_MIN_PX


def randen(teksten: pd.Series, m_per_px: float) -> str | None:
    """The outlines between regions as one polygon (GeoJSON): every edge widened to
    :data:`VOEG_PX` screen pixels of the first view, drawn by the same shader as the fill.
    None when the regions are too small to show outlines (:func:`rand_zichtbaar`)."""
    if not rand_zichtbaar(teksten, m_per_px):
        return None
    edges = shapely.union_all(shapely.boundary(_rd(teksten.to_numpy())))
    band = shapely.buffer(edges, VOEG_PX / 2 * m_per_px, cap_style="flat", join_style="mitre")
    (wgs,) = gpd.GeoSeries([band], crs=RD).to_crs(WGS84).values
    return geojson_tekst(_geldig(_afgerond(wgs, DECIMALEN)) or wgs)


def rand(geojson: str, m_per_px: float, breedte_px: float) -> str:
    """The inner band of ``breedte_px`` screen pixels of one region (the region itself when it
    is narrower): an outline drawn as a fill."""
    (g,) = _rd([geojson])
    band = shapely.difference(g, shapely.buffer(g, -breedte_px * m_per_px, join_style="mitre"))
    band = g if band is None or band.is_empty else band
    (wgs,) = gpd.GeoSeries([band], crs=RD).to_crs(WGS84).values
    return geojson_tekst(_geldig(_afgerond(wgs, DECIMALEN)) or wgs)


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
