"""CBS energy prices for households: 81309NED (average transaction prices incl. btw and taxes,
gas in euro/GJ, electricity in euro/kWh; quarters and years) and 84672NED (monthly consumer
tariffs incl. btw, per component). Files under ``cbs_prijzen/``, ``;``-separated."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, lees_tabel

_FILE = re.compile(r"cbs_(81309NED|84672NED)_.*\.csv$", re.IGNORECASE)
_UNIT = re.compile(r"_(eur_per_(?:gj|kwh|m3|jaar))$")


def _jaar(periode: pd.Series) -> pd.Series:
    return periode.str.extract(r"(\d{4})", expand=False).astype(int)


def lees(path: Path, bron_id: str, tabel_id: str) -> dict[str, pd.DataFrame]:
    """Wide price file -> one row per period x carrier x component."""
    frame = lees_tabel(path, sep=";")
    value_cols = [c for c in frame.columns if _UNIT.search(c)]
    long = frame.melt(id_vars=["periode"], value_vars=value_cols, var_name="kolom")
    unit = long["kolom"].str.extract(_UNIT, expand=False)
    stem = long["kolom"].str.replace(_UNIT, "", regex=True)
    out = pd.DataFrame(
        {
            "bron_id": bron_id,
            "tabel_id": tabel_id,
            "jaar": _jaar(long["periode"]),
            "periode": long["periode"].str.strip(),
            "drager": stem.str.split("_").str[0],
            "component": stem.str.split("_", n=1).str[1],
            "eenheid": unit,
            "waarde": pd.to_numeric(long["value"].str.strip().replace(".", None), errors="coerce"),
        }
    )
    return {"raw_energieprijs": out}


def vind(data_dir: Path) -> list[Bestand]:
    """Price files under ``data_dir/cbs_prijzen``."""
    found = []
    for path in sorted((data_dir / "cbs_prijzen").glob("*.csv")):
        m = _FILE.search(path.name)
        if not m:
            continue
        tabel_id = m.group(1)[:5] + "NED"
        bron_id = f"energieprijzen_{tabel_id}"
        found.append(
            Bestand(
                bron_id=bron_id,
                soort="energieprijzen",
                lees=lambda p=path, b=bron_id, t=tabel_id: lees(p, b, t),
                pad=path,
                tabel_id=tabel_id,
                opmerking="Uittreksel: alleen de perioden in het bestand.",
            )
        )
    return found
