"""CBS Budgetonderzoek 85419NED: spending per household per year by COICOP main group and
household characteristic (published and stored in x1000 euro; ``stg_budget`` converts to
euro). Files under
``cbs_budget/cbs_85419NED_*.csv``, ``;``-separated; excerpts may hold only some groups."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, lees_tabel


def lees(path: Path, bron_id: str) -> dict[str, pd.DataFrame]:
    """Spending rows -> ``raw_budget`` (x1000 euro per household per year, as published)."""
    frame = lees_tabel(path, sep=";")
    value = frame["gemiddeld_besteed_bedrag_x1000_eur"].str.strip().replace(".", None)
    out = pd.DataFrame(
        {
            "bron_id": bron_id,
            "tabel_id": "85419NED",
            "jaar": frame["periode"].str.extract(r"(\d{4})", expand=False).astype(int),
            "bestedingscategorie": frame["bestedingscategorie"].str.strip(),
            "kenmerk": frame["kenmerk_huishoudens"].str.strip(),
            "bedrag_keur": pd.to_numeric(value, errors="coerce"),
        }
    )
    return {"raw_budget": out}


def vind(data_dir: Path) -> list[Bestand]:
    """Budgetonderzoek files under ``data_dir/cbs_budget``."""
    found = []
    for path in sorted((data_dir / "cbs_budget").glob("cbs_85419NED_*.csv")):
        bron_id = f"budgetonderzoek_{path.stem.lower()}"
        found.append(
            Bestand(
                bron_id=bron_id,
                soort="budgetonderzoek",
                lees=lambda p=path, b=bron_id: lees(p, b),
                pad=path,
                tabel_id="85419NED",
                opmerking="Uittreksel: niet alle bestedingscategorieen aanwezig.",
            )
        )
    return found
