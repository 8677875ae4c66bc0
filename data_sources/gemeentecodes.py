"""Official gemeente code lists (CBS 82949NED and the like): codes and names per year."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, lees_tabel

_NAME = re.compile(r"cbs_(\d{5}NED)_gemeentecodes_(\d{4})\.csv$")


def lees_codelijst(path: Path, bron_id: str, jaar: int) -> dict[str, pd.DataFrame]:
    """Read a CBS typed CSV with ``Code_1`` and ``Naam_2`` into ``raw_regio`` rows."""
    frame = lees_tabel(path, sep=";")
    regio = pd.DataFrame(
        {
            "bron_id": bron_id,
            "jaar": jaar,
            "regio_code": frame["Code_1"].str.strip(),
            "regio_naam": frame["Naam_2"].str.strip(),
        }
    )
    regio["gemeente_code"] = regio["regio_code"]
    regio["gemeente_naam"] = regio["regio_naam"]
    return {"raw_regio": regio}


def vind(data_dir: Path) -> list[Bestand]:
    """Code lists in ``data_dir/cbs_regionaal``."""
    found = []
    for path in sorted((data_dir / "cbs_regionaal").glob("cbs_*_gemeentecodes_*.csv")):
        m = _NAME.search(path.name)
        if not m:
            continue
        tabel, jaar = m.group(1), int(m.group(2))
        found.append(
            Bestand(
                bron_id=path.stem,
                soort="cbs_gemeentecodes",
                pad=path,
                tabel_id=tabel,
                jaar=jaar,
                lees=lambda p=path, b=path.stem, j=jaar: lees_codelijst(p, b, j),
            )
        )
    return found
