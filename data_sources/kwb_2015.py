"""Attributes of the CBS wijk- en buurtkaart 2015 (short names such as ``AANT_INW``).

Only the feature properties are read (the geometries of the same files are ingested by
``data_sources`` geometry modules under other ``bron_id``s). Negative sentinels
(``-99999999`` = geheim/onbekend) stay as published text; the staging view makes them NULL.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, IngestFout, long_cbs
from data_sources.cbs_kwb import check_numeric, kolommen_frame

JAAR = 2015
SOORT = "cbs_kwb_2015_geo"
_NAME = re.compile(r"cbs_(gemeente|wijk|buurt)_2015_kwb\.geojson(\.gz)?$")
_PREFIX = {"gemeente": "GM", "wijk": "WK", "buurt": "BU"}
#: Text and code columns: not values.
_TEKST = frozenset({"BU_CODE", "BU_NAAM", "WK_CODE", "WK_NAAM", "GM_CODE", "GM_NAAM", "IND_WBI"})


def lees_geojson_tekst(path: Path) -> dict:
    """Parse a (gzipped) GeoJSON file; a broken file gives a Dutch IngestFout."""
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise IngestFout(f"{path.name}: geen geldige (gzip-)GeoJSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise IngestFout(f"{path.name}: verwacht een GeoJSON FeatureCollection met 'features'")
    return data


def eigenschappen(path: Path) -> pd.DataFrame:
    """The feature properties as a frame (no geometry)."""
    data = lees_geojson_tekst(path)
    return pd.DataFrame([f.get("properties") or {} for f in data["features"]])


def lees_attributen(path: Path, bron_id: str, niveau: str) -> dict[str, pd.DataFrame]:
    """Properties of one 2015 layer to ``raw_cbs_waarde``/``raw_cbs_kolom``/``raw_regio``."""
    prefix = _PREFIX[niveau]
    code_col, naam_col = f"{prefix[:2]}_CODE", f"{prefix[:2]}_NAAM"
    frame = eigenschappen(path)
    if code_col not in frame.columns:
        raise IngestFout(f"{path.name}: kolom {code_col} ontbreekt; is dit de wijk- en buurtkaart?")
    frame = frame[frame[code_col].notna()].drop_duplicates(subset=[code_col])
    values = [c for c in frame.columns if c not in _TEKST]
    wide = frame[[code_col, *values]].astype("string")
    long = long_cbs(wide, bron_id=bron_id, jaar=JAAR, code_col=code_col)
    kolommen = kolommen_frame(bron_id, values, letterlijk=True)
    check_numeric(long, kolommen, path.name)
    regio = pd.DataFrame(
        {
            "bron_id": bron_id,
            "jaar": JAAR,
            "regio_code": frame[code_col].str.strip(),
            "regio_naam": frame[naam_col].str.strip() if naam_col in frame else None,
            "gemeente_code": frame["GM_CODE"].str.strip(),
            "gemeente_naam": frame["GM_NAAM"].str.strip(),
        }
    )
    return {"raw_cbs_waarde": long, "raw_cbs_kolom": kolommen, "raw_regio": regio}


def vind(data_dir: Path) -> list[Bestand]:
    """The three 2015 layers in ``data_dir/cbs_kwb_2015_geo``."""
    found = []
    for path in sorted((data_dir / "cbs_kwb_2015_geo").glob("cbs_*_2015_kwb.geojson*")):
        m = _NAME.search(path.name)
        if not m:
            continue
        niveau = m.group(1)
        bron_id = f"cbs_{niveau}_2015_kwb_attributen"
        found.append(
            Bestand(
                bron_id=bron_id,
                soort=SOORT,
                pad=path,
                tabel_id="Wijk- en buurtkaart 2015",
                jaar=JAAR,
                attributie="Bron: CBS/Kadaster, Wijk- en buurtkaart 2015 (kerncijfers), CC BY 4.0",
                lees=lambda p=path, b=bron_id, n=niveau: lees_attributen(p, b, n),
            )
        )
    return found
