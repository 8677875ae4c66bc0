"""KWB 2024 attributes carried by the PDOK wijken layer (``aantal_inwoners``, ``0_15`` ...).

Only the properties are read; water and pseudo-wijken (all attributes NULL/absent) are
skipped. An attribute absent on a real wijk is kept as a NULL (suppressed) row.

``aantal_inwoners``, ``mannen``, ``vrouwen`` and ``bevolkingsdichtheid`` are the same CBS
85984NED numbers as in the KWB 2024 table, so the catalogue maps only the other attributes
(one row per regio x jaar x indicator in the mart); the raw rows keep all of them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, IngestFout, long_cbs
from data_sources.cbs_kwb import check_numeric, kolommen_frame
from data_sources.kwb_2015 import eigenschappen

JAAR = 2024
SOORT = "pdok_wijken_2024"
_TEKST = ("wijkcode", "wijknaam", "gemeentecode", "gemeentenaam", "water", "jaar")


def lees_attributen(path: Path, bron_id: str) -> dict[str, pd.DataFrame]:
    """Properties of the PDOK wijken layer to the long raw CBS tables and ``raw_regio``."""
    frame = eigenschappen(path)
    if "wijkcode" not in frame.columns:
        raise IngestFout(f"{path.name}: kolom wijkcode ontbreekt; is dit de PDOK-wijkenlaag?")
    values = [c for c in frame.columns if c not in _TEKST]
    echt = frame[values].notna().any(axis=1) & frame["wijkcode"].notna()
    frame = frame[echt].drop_duplicates(subset=["wijkcode"])
    wide = frame[["wijkcode", *values]].astype("string")
    long = long_cbs(wide, bron_id=bron_id, jaar=JAAR, code_col="wijkcode", keep_null=True)
    kolommen = kolommen_frame(bron_id, values, letterlijk=True)
    check_numeric(long, kolommen, path.name)
    regio = pd.DataFrame(
        {
            "bron_id": bron_id,
            "jaar": JAAR,
            "regio_code": frame["wijkcode"].str.strip(),
            "regio_naam": frame["wijknaam"].str.strip(),
            "gemeente_code": frame["gemeentecode"].str.strip(),
            "gemeente_naam": frame["gemeentenaam"].str.strip(),
        }
    )
    return {"raw_cbs_waarde": long, "raw_cbs_kolom": kolommen, "raw_regio": regio}


def vind(data_dir: Path) -> list[Bestand]:
    """``geo/pdok_cbs_wijken_2024*.geojson[.gz]``."""
    found = []
    for path in sorted((data_dir / "geo").glob("pdok_cbs_wijken_2024*.geojson*")):
        bron_id = path.name.split(".")[0] + "_attributen"
        found.append(
            Bestand(
                bron_id=bron_id,
                soort=SOORT,
                pad=path,
                tabel_id="PDOK wijkenbuurten 2024",
                jaar=JAAR,
                attributie="Bron: CBS/Kadaster, via PDOK (wijken en buurten 2024), CC BY 4.0",
                lees=lambda p=path, b=bron_id: lees_attributen(p, b),
            )
        )
    return found
