"""Polygons and names of gemeenten, wijken and buurten (CBS/Kadaster, via PDOK).

Recognised files (GeoJSON, optionally gzipped), the level and indeling year from the name:
``geo/cbs_gemeenten_<jaar>_*.geojson``, ``geo/*wijken_<jaar>*.geojson.gz``, ``geo/*buurten_<jaar>*``
and ``cbs_kwb_<jaar>_geo/cbs_{gemeente,wijk,buurt}_<jaar>_kwb.geojson[.gz]``. Only geometry and
names are read here; the attributes of the same files are another source.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from data_sources.base import Bestand, IngestFout
from geldstromen import geo
from geldstromen.domain.regiocode import gemeente_code_of_none

SOORT = "geometrie"
ATTRIBUTIE = "CBS/Kadaster (wijk- en buurtkaart, gebiedsindelingen), via PDOK, CC BY 4.0"
_NAME = re.compile(r"(gemeente|wijk|buurt)(?:n|en)?_(\d{4})", re.IGNORECASE)
_GLOBS = (
    "geo/*.geojson",
    "geo/*.geojson.gz",
    "cbs_kwb_*_geo/*.geojson",
    "cbs_kwb_*_geo/*.geojson.gz",
)
#: Candidate property names (lower case) per role and level.
_CODE = {
    "gemeente": ("statcode", "gm_code", "gemeentecode"),
    "wijk": ("wijkcode", "wk_code", "statcode"),
    "buurt": ("buurtcode", "bu_code", "statcode"),
}
_NAAM = {
    "gemeente": ("statnaam", "gm_naam", "gemeentenaam"),
    "wijk": ("wijknaam", "wk_naam", "statnaam"),
    "buurt": ("buurtnaam", "bu_naam", "statnaam"),
}
_GM_CODE = ("gemeentecode", "gm_code")
_GM_NAAM = ("gemeentenaam", "gm_naam")
_PSEUDO = re.compile(r"^\s*(groot\s+)?water\b|^\s*buitenland\s*$", re.IGNORECASE)


def _kolom(frame: pd.DataFrame, candidates: tuple[str, ...]) -> str | None:
    lower = {c.lower(): c for c in frame.columns}
    return next((lower[c] for c in candidates if c in lower), None)


def _pseudo(frame: pd.DataFrame, code: str, naam: str | None) -> pd.Series:
    """Water and pseudo-regions: ``water`` not 'NEE', water/Buitenland names, or (PDOK) a row
    whose statistics are all NULL while other rows have them."""
    drop = frame[code].isna()
    if naam is not None:
        drop |= frame[naam].fillna("").astype(str).str.match(_PSEUDO)
    water = _kolom(frame, ("water",))
    if water is not None:
        drop |= frame[water].fillna("NEE").astype(str).str.upper() != "NEE"
    role_cols = {c.lower() for cands in (*_CODE.values(), *_NAAM.values()) for c in cands}
    stats = [
        c
        for c in frame.columns
        if c != frame.geometry.name and c.lower() not in role_cols | {"water", "id", "jaar"}
    ]
    if stats:
        empty = frame[stats].isna().all(axis=1)
        if not empty.all():
            drop |= empty
    return drop


def verwerk(
    frame: gpd.GeoDataFrame, *, niveau: str, jaar: int, bron_id: str, naam: str
) -> dict[str, pd.DataFrame]:
    """Polygons (simplified, WGS84 GeoJSON text, representative point) and names."""
    code = _kolom(frame, _CODE[niveau])
    if code is None:
        raise IngestFout(f"{naam}: geen codekolom ({'/'.join(_CODE[niveau])}) voor {niveau}")
    regio_naam = _kolom(frame, _NAAM[niveau])
    frame = frame[~_pseudo(frame, code, regio_naam) & frame.geometry.notna()].copy()
    frame["regio_code"] = frame[code].astype(str).str.strip()
    frame["regio_naam"] = frame[regio_naam].astype("string").str.strip() if regio_naam else None
    if niveau == "gemeente":
        frame["gemeente_code"], frame["gemeente_naam"] = frame["regio_code"], frame["regio_naam"]
    else:
        gm_code, gm_naam = _kolom(frame, _GM_CODE), _kolom(frame, _GM_NAAM)
        frame["gemeente_code"] = (
            frame[gm_code].astype("string").str.strip()
            if gm_code
            else frame["regio_code"].map(gemeente_code_of_none)
        )
        frame["gemeente_naam"] = frame[gm_naam].astype("string").str.strip() if gm_naam else None
    if frame["regio_code"].duplicated().any():  # land + water parts of one code: one shape
        frame = frame.dissolve(by="regio_code", aggfunc="first", as_index=False)
    frame = frame.reset_index(drop=True)
    frame["geometry"] = geo.vereenvoudig(frame.geometry, niveau)
    frame = frame[frame.geometry.notna()]
    punt = shapely.point_on_surface(frame.geometry.values)
    regio = frame[["regio_code", "regio_naam", "gemeente_code", "gemeente_naam"]].copy()
    regio.insert(0, "bron_id", bron_id)
    regio.insert(1, "jaar", jaar)
    geometrie = pd.DataFrame(
        {
            "bron_id": bron_id,
            "jaar": jaar,
            "niveau": niveau,
            "regio_code": frame["regio_code"].to_numpy(),
            "gemeente_code": frame["gemeente_code"].to_numpy(),
            "geometrie_geojson": [geo.geojson_tekst(g) for g in frame.geometry],
            "lon": shapely.get_x(punt).round(geo.DECIMALEN),
            "lat": shapely.get_y(punt).round(geo.DECIMALEN),
        }
    )
    return {"raw_geometrie": geometrie, "raw_regio": pd.DataFrame(regio)}


def lees(path: Path, *, niveau: str, jaar: int, bron_id: str) -> dict[str, pd.DataFrame]:
    """Read one GeoJSON file into ``raw_geometrie`` and ``raw_regio``."""
    try:
        frame = geo.read_geojson(path)
    except Exception as exc:
        reden = str(exc).split(";")[0].strip()  # GDAL appends its own source paths after ";"
        raise IngestFout(
            f"{path.name}: geen leesbare GeoJSON; afgebroken of beschadigd bestand? ({reden})"
        ) from exc
    return verwerk(frame, niveau=niveau, jaar=jaar, bron_id=bron_id, naam=path.name)


def herken(path: Path) -> tuple[str, int] | None:
    """(niveau, jaar) from a file name, or None."""
    match = _NAME.search(path.name)
    return (match.group(1).lower(), int(match.group(2))) if match else None


def vind(data_dir: Path) -> list[Bestand]:
    """Every geometry file below ``data_dir`` (one Bestand per level and year)."""
    found: dict[str, Bestand] = {}
    for pattern in _GLOBS:
        for path in sorted(data_dir.glob(pattern)):
            kind = herken(path)
            if kind is None:
                continue
            niveau, jaar = kind
            bron_id = f"geometrie_{niveau}_{jaar}"
            found[bron_id] = Bestand(
                bron_id=bron_id,
                soort=SOORT,
                pad=path,
                jaar=jaar,
                lees=lambda p=path, n=niveau, j=jaar, b=bron_id: lees(
                    p, niveau=n, jaar=j, bron_id=b
                ),
                attributie=ATTRIBUTIE,
                opmerking=f"{niveau}grenzen {jaar}, vereenvoudigd (gedeelde randen behouden)",
            )
    return list(found.values())
