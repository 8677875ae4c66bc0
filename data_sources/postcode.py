"""Postcode areas (PC4 polygons, CBS "Kerncijfers per postcode") for the region search: a
postcode typed on the Kaart selects the wijk or buurt that covers most of its area.

Recognised files: ``postcode/*postcodes4*.geojson[.gz]`` (property ``postcode``, four digits).
The polygons go into ``raw_geometrie`` with niveau :data:`NIVEAU` and region code the four
digits; they have no gemeente (a postcode area can cross a gemeente border), so no map or
gemeente query ever draws them. The indeling year comes from the file name (``_<jaar>``), else
:data:`STANDAARD_JAAR` (the CBS PC4 file of the data folder is of 2020). Streets and six-
character postcodes are not in the data (that needs the BAG), so the search works on PC4.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import shapely

from data_sources.base import Bestand, IngestFout
from geldstromen import geo
from geldstromen.domain.postcode import NIVEAU

SOORT = "postcode"
ATTRIBUTIE = "CBS, Kerncijfers per postcode (PC4-vlakken), CC BY 4.0"
STANDAARD_JAAR = 2020
_GLOBS = ("postcode/*postcodes4*.geojson", "postcode/*postcodes4*.geojson.gz")
_JAAR = re.compile(r"_(\d{4})(?=[._])")


def lees(path: Path, *, jaar: int, bron_id: str) -> dict[str, pd.DataFrame]:
    """PC4 polygons (simplified like buurten, WGS84 GeoJSON text, representative point)."""
    try:
        frame = geo.read_geojson(path)
    except Exception as exc:
        reden = str(exc).split(";")[0].strip()
        raise IngestFout(f"{path.name}: geen leesbare GeoJSON ({reden})") from exc
    kolom = next((c for c in frame.columns if c.lower() in ("postcode", "pc4")), None)
    if kolom is None:
        raise IngestFout(f"{path.name}: geen kolom postcode (pc4)")
    code = pd.to_numeric(frame[kolom], errors="coerce")
    geldig = frame.geometry.map(lambda g: g is not None and not g.is_empty).astype(bool)
    frame = frame[code.between(1000, 9999) & geldig].copy()
    frame["regio_code"] = code[frame.index].astype(int).astype(str)
    if frame["regio_code"].duplicated().any():
        frame = frame.dissolve(by="regio_code", as_index=False)
    frame = frame.reset_index(drop=True)
    frame["geometry"] = geo.vereenvoudig(frame.geometry, "buurt")
    frame = frame[frame.geometry.notna()]
    punt = shapely.point_on_surface(frame.geometry.values)
    return {
        "raw_geometrie": pd.DataFrame(
            {
                "bron_id": bron_id,
                "jaar": jaar,
                "niveau": NIVEAU,
                "regio_code": frame["regio_code"].to_numpy(),
                "gemeente_code": None,
                "geometrie_geojson": [geo.geojson_tekst(g) for g in frame.geometry],
                "lon": shapely.get_x(punt).round(geo.DECIMALEN),
                "lat": shapely.get_y(punt).round(geo.DECIMALEN),
            }
        )
    }


def vind(data_dir: Path) -> list[Bestand]:
    """The PC4 polygon file(s) below ``data_dir`` (the newest year per name wins)."""
    found: dict[str, Bestand] = {}
    for pattern in _GLOBS:
        for path in sorted(data_dir.glob(pattern)):
            match = _JAAR.search(path.name)
            jaar = int(match.group(1)) if match else STANDAARD_JAAR
            bron_id = f"postcode4_{jaar}"
            found[bron_id] = Bestand(
                bron_id=bron_id,
                soort=SOORT,
                pad=path,
                jaar=jaar,
                lees=lambda p=path, j=jaar, b=bron_id: lees(p, jaar=j, bron_id=b),
                attributie=ATTRIBUTIE,
                opmerking=f"postcodegebieden (PC4) {jaar}, vereenvoudigd; voor het zoeken op "
                "postcode op de Kaart",
            )
    return list(found.values())
