"""Gemeentefonds algemene uitkering per cluster (income side of the gemeente), in euro.

Files ``gemeentefonds/GF_<M|S><circulairejaar>_<uitkeringsjaar>_per_cluster.csv``: M = mei-,
S = septembercirculaire; the second year is the uitkeringsjaar. ``;``-separated, an unnamed
index column, ``Gemeenten`` (names) and one column per cluster plus ``Totaal``.

Files only: the gemeentefonds has no API, and the spreadsheets BZK publishes with each
circulaire on rijksoverheid.nl have no stable download address (README, "Gemeentefonds
files", lists every file of a circulaire and its shape). The ``_Volumina.tsv``,
``_Gewichten.tsv`` and ``GF_Uitkeringsfactor.csv`` inputs of the per-cluster amounts are not
read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, gemeenten_lang, gemeentenamen, lees_tabel

_NAME = re.compile(r"GF_([MS])(\d{4})_(\d{4})_per_cluster\.csv$")
ATTRIBUTIE = "Bron: Ministerie van BZK, gemeentefondscirculaires (per cluster berekend)"


def lees_gemeentefonds(path: Path, bron_id: str, circulaire: str, jaar: int) -> dict:
    """Read one per-cluster file into long ``raw_gemeentefonds`` rows (euro)."""
    frame = lees_tabel(path, sep=";")
    frame = frame.drop(columns=[c for c in frame.columns if c.startswith("Unnamed") or not c])
    long = gemeenten_lang(frame, "cluster", "bedrag_eur")
    long["bedrag_eur"] = pd.to_numeric(long["bedrag_eur"].replace("", pd.NA), errors="coerce")
    long.insert(0, "bron_id", bron_id)
    long.insert(1, "circulaire", circulaire)
    long.insert(2, "uitkeringsjaar", jaar)
    namen = gemeentenamen(bron_id, frame["Gemeenten"], jaar)
    return {"raw_gemeentefonds": long, "raw_gemeentenaam": namen}


def vind(data_dir: Path) -> list[Bestand]:
    """Per-cluster files in ``data_dir/gemeentefonds``."""
    found = []
    for path in sorted((data_dir / "gemeentefonds").glob("GF_*_per_cluster.csv")):
        m = _NAME.search(path.name)
        if not m:
            continue
        circulaire = f"{m.group(1)}{m.group(2)}"
        jaar = int(m.group(3))
        soort = "mei" if m.group(1) == "M" else "september"
        found.append(
            Bestand(
                bron_id=path.stem,
                soort="gemeentefonds",
                pad=path,
                tabel_id=f"Gemeentefonds {soort}circulaire {m.group(2)}",
                jaar=jaar,
                licentie="open data (BZK)",
                attributie=ATTRIBUTIE,
                opmerking=f"uitkeringsjaar {jaar}, euro per cluster",
                lees=lambda p=path, b=path.stem, c=circulaire, j=jaar: lees_gemeentefonds(
                    p, b, c, j
                ),
            )
        )
    return found
