"""Boundaries part of the benchmark (``geldstromen bench --alleen grenzen``).

On the real boundary files of the data folder (wijk- en buurtkaart 2015, PDOK 2024), per level
and year: the online path (features as PDOK sends them, reduced to the compact page cache,
then simplified by :func:`data_sources.geometrie.verwerk`) against the file path
(:func:`data_sources.geometrie.lees`) as a ratio of the best of a few runs, and the sizes that
matter for the store: GeoJSON text stored, compact page cache, features kept. The 2015 files
are sent through the RD New route the WFS uses, the 2024 files through the lon/lat route of the
OGC API. No network.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import geopandas as gpd

from data_sources import geometrie, pdok
from geldstromen import geo

#: (niveau, jaar, file below the data folder, CRS the service sends).
BESTANDEN = (
    ("gemeente", 2015, "cbs_kwb_2015_geo/cbs_gemeente_2015_kwb.geojson", geo.RD),
    ("wijk", 2015, "cbs_kwb_2015_geo/cbs_wijk_2015_kwb.geojson.gz", geo.RD),
    ("buurt", 2015, "cbs_kwb_2015_geo/cbs_buurt_2015_kwb.geojson.gz", geo.RD),
    ("gemeente", 2024, "geo/cbs_gemeenten_2024_gegeneraliseerd.geojson", geo.WGS84),
    ("wijk", 2024, "geo/pdok_cbs_wijken_2024_simplified.geojson.gz", geo.WGS84),
)


def _best(fn, herhaal: int) -> tuple[float, object]:
    tijden, out = [], None
    for _ in range(herhaal):
        start = time.perf_counter()
        out = fn()
        tijden.append(time.perf_counter() - start)
    return min(tijden), out


def meet(data_dir: Path, herhaal: int = 3) -> dict:
    """Per ``niveau_jaar``: ratio online/file path, stored and cache megabytes, features."""
    out: dict = {}
    for niveau, jaar, naam, crs in BESTANDEN:
        path = Path(data_dir) / naam
        if not path.exists():
            continue
        bron_id = f"geometrie_{niveau}_{jaar}"
        features = json.loads(geo.read_geojson(path).to_crs(crs).to_json(drop_id=True))["features"]

        def online(features=features, crs=crs, niveau=niveau, jaar=jaar, bron_id=bron_id):
            compact = pdok._compact(features, crs)
            frame = gpd.GeoDataFrame.from_features(compact, crs=crs)
            tabellen = geometrie.verwerk(
                frame, niveau=niveau, jaar=jaar, bron_id=bron_id, naam=bron_id
            )
            return compact, tabellen

        t_bestand, _ = _best(
            lambda p=path, n=niveau, j=jaar, b=bron_id: geometrie.lees(
                p, niveau=n, jaar=j, bron_id=b
            ),
            herhaal,
        )
        t_online, (compact, tabellen) = _best(online, herhaal)
        stored = tabellen["raw_geometrie"]
        out[f"{niveau}_{jaar}"] = {
            "features": len(features),
            "opgeslagen": len(stored),
            "opgeslagen_mb": round(stored["geometrie_geojson"].str.len().sum() / 1e6, 2),
            "cache_mb": round(len(json.dumps(compact, separators=(",", ":"))) / 1e6, 2),
            "online_vs_bestand": round(t_online / t_bestand, 2) if t_bestand else None,
        }
    return out


def regels(result: dict) -> list[str]:
    """The figures as lines for the terminal."""
    lines = [
        f"{'niveau_jaar':14} {'features':>9} {'opgeslagen':>10} {'tekst MB':>9} "
        f"{'cache MB':>9} {'online/bestand':>15}"
    ]
    for key, r in result.items():
        lines.append(
            f"{key:14} {r['features']:>9} {r['opgeslagen']:>10} {r['opgeslagen_mb']:>9} "
            f"{r['cache_mb']:>9} {r['online_vs_bestand']:>15}"
        )
    return lines
