"""Gemeente classes for comparing similar gemeenten: size, urbanity, province (CBS) and
centrumfunctie / sociale structuur (BZK gemeentefonds classification), by gemeente name."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, gemeenten_lang, gemeentenamen, lees_tabel

_FILES = {
    "gemeenteklassen_(\\d{4})\\.tsv$": "CBS gemeentegrootte en stedelijkheid",
    "sociale_structuur_centrumfunctie\\.tsv$": "BZK centrumfunctie en sociale structuur",
}
#: The class file without a year in its name describes this indeling year.
DEFAULT_JAAR = 2025


def lees_klassen(path: Path, bron_id: str, jaar: int) -> dict[str, pd.DataFrame]:
    """Read a class file (``Gemeenten`` + class columns) into long ``raw_gemeenteklasse``."""
    frame = lees_tabel(path, sep="\t")
    long = gemeenten_lang(frame, "kenmerk", "waarde")
    long["kenmerk"] = long["kenmerk"].str.lower().str.replace(" ", "_")
    long["waarde"] = long["waarde"].str.strip().replace("", None)
    long.insert(0, "bron_id", bron_id)
    long.insert(1, "jaar", jaar)
    namen = gemeentenamen(bron_id, frame["Gemeenten"], jaar)
    return {"raw_gemeenteklasse": long, "raw_gemeentenaam": namen}


def vind(data_dir: Path) -> list[Bestand]:
    """Class files in ``data_dir/iv3``."""
    found = []
    for path in sorted((data_dir / "iv3").glob("*.tsv")):
        for pattern, titel in _FILES.items():
            m = re.search(pattern, path.name)
            if not m:
                continue
            jaar = int(m.group(1)) if m.groups() else DEFAULT_JAAR
            attributie = "Bron: CBS, CC BY 4.0" if "CBS" in titel else "Bron: Ministerie van BZK"
            found.append(
                Bestand(
                    bron_id=path.stem,
                    soort="gemeenteklasse",
                    pad=path,
                    tabel_id=titel,
                    jaar=jaar,
                    licentie="CC BY 4.0" if "CBS" in titel else "open data (BZK)",
                    attributie=attributie,
                    lees=lambda p=path, b=path.stem, j=jaar: lees_klassen(p, b, j),
                )
            )
    return found
