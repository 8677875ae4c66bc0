"""CBS Iv3 per gemeente x taakveld (begroting/jaarrekening), as aggregated per taakveld.

Files ``iv3/iv3_gemeenten_taakveld_<jaar>_<stuk>.csv.gz``: ``;``-separated, gemeente *names*
(no codes), ``Taakveld`` as ``"<code> <naam>"``, amounts in thousands of euros. The code is
split off as a string (``"0.10"`` is not ``"0.1"``); amounts stay as published (x1000 euro);
the staging view turns them into euro. Names go to ``raw_gemeentenaam`` for the crosswalk.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, gemeentenamen, lees_tabel

_NAME = re.compile(r"iv3_gemeenten_taakveld_(\d{4})_(begroting|jaarrekening)\.csv(\.gz)?$")
_TAAKVELD = re.compile(r"^\s*(\d{1,2}\.\d{1,3}[a-z]?)\s+(.*?)\s*$")
ATTRIBUTIE = "Bron: CBS, Iv3 (informatie voor derden) gemeenten, CC BY 4.0"


def split_taakveld(label: str) -> tuple[str, str]:
    """``"0.10 Mutaties reserves"`` -> ``("0.10", "Mutaties reserves")``; codes stay strings."""
    m = _TAAKVELD.match(str(label))
    if not m:
        raise ValueError(f"Geen taakveldcode in {label!r}")
    return m.group(1), m.group(2)


def _number(col: pd.Series) -> pd.Series:
    return pd.to_numeric(col.astype("string").str.strip().replace("", pd.NA), errors="coerce")


def lees_iv3(path: Path, bron_id: str, jaar: int, stuk: str) -> dict[str, pd.DataFrame]:
    """Read one Iv3 file into ``raw_iv3`` and ``raw_gemeentenaam`` rows."""
    frame = lees_tabel(path, sep=";")
    codes = frame["Taakveld"].map(split_taakveld)
    raw = pd.DataFrame(
        {
            "bron_id": bron_id,
            "jaar": jaar,
            "stuk": stuk,
            "gemeente_naam": frame["Gemeenten"].str.strip(),
            "taakveld_code": [c for c, _ in codes],
            "taakveld_naam": [n for _, n in codes],
            "lasten_keur": _number(frame["Lasten"]),
            "baten_keur": _number(frame["Baten"]),
            "salarissen_keur": _number(frame["L1.1 Salarissen en sociale lasten"]),
        }
    )
    return {"raw_iv3": raw, "raw_gemeentenaam": gemeentenamen(bron_id, raw["gemeente_naam"], jaar)}


def vind(data_dir: Path) -> list[Bestand]:
    """Iv3 files in ``data_dir/iv3``."""
    found = []
    for path in sorted((data_dir / "iv3").glob("iv3_gemeenten_taakveld_*.csv*")):
        m = _NAME.search(path.name)
        if not m:
            continue
        jaar, stuk = int(m.group(1)), m.group(2)
        bron_id = path.name.split(".")[0]
        found.append(
            Bestand(
                bron_id=bron_id,
                soort="iv3",
                pad=path,
                tabel_id=f"Iv3 {stuk}",
                jaar=jaar,
                attributie=ATTRIBUTIE,
                opmerking=f"{stuk} {jaar}, per gemeente x taakveld, x1000 euro",
                lees=lambda p=path, b=bron_id, j=jaar, s=stuk: lees_iv3(p, b, j, s),
            )
        )
    return found
