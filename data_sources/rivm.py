"""RIVM/GGD/CBS health per wijk and buurt (StatLine 50090NED, Gezondheidsmonitor 2020).

Small-area model estimates in % of the residents of an age group (18+ or 65+): every value
is ``geschat`` (see the catalogue). Only point estimates (``Marges = MW00000``) are kept.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, IngestFout, lees_tabel, long_cbs
from data_sources.cbs_kwb import check_numeric, kolommen_frame

TABEL = "50090NED"
ATTRIBUTIE = "Bron: RIVM, GGD'en, CBS (Gezondheidsmonitor 2020), CC BY 4.0"
_NAME = re.compile(r"rivm_(\d{5}NED)_.*_(\d{4})_(18plus|65plus)\.csv(\.gz)?$")
_SKIP = ("ID", "Leeftijd", "Marges", "Perioden")
_PUNTSCHATTING = "MW00000"
_TEKST_STEMS = ("Gemeentenaam", "SoortRegio", "Codering")


def lees_rivm(path: Path, bron_id: str, jaar: int) -> dict[str, pd.DataFrame]:
    """Read one age group's CSV (``;``, OData keys as header) into the long raw CBS tables."""
    frame = lees_tabel(path, sep=";")
    if "WijkenEnBuurten" not in frame.columns:
        raise IngestFout(f"{path.name}: kolom WijkenEnBuurten ontbreekt; is dit RIVM 50090NED?")
    if "Marges" in frame.columns:
        frame = frame[frame["Marges"].str.strip() == _PUNTSCHATTING]
    if "Perioden" in frame.columns:
        frame = frame[frame["Perioden"].str.strip().str[:4] == str(jaar)]
    text = [c for c in frame.columns if c in _SKIP or c.split("_")[0] in _TEKST_STEMS]
    values = [c for c in frame.columns if c != "WijkenEnBuurten" and c not in text]
    frame = frame[["WijkenEnBuurten", *values]].copy()
    frame["WijkenEnBuurten"] = frame["WijkenEnBuurten"].str.strip()
    long = long_cbs(frame, bron_id=bron_id, jaar=jaar, code_col="WijkenEnBuurten")
    kolommen = kolommen_frame(bron_id, values)
    check_numeric(long, kolommen, path.name)
    return {"raw_cbs_waarde": long, "raw_cbs_kolom": kolommen}


def vind(data_dir: Path) -> list[Bestand]:
    """``zorg/rivm_<tabel>_*_<jaar>_{18plus,65plus}.csv[.gz]``."""
    found = []
    for path in sorted((data_dir / "zorg").glob("rivm_*.csv*")):
        m = _NAME.search(path.name)
        if not m:
            continue
        tabel, jaar, groep = m.group(1), int(m.group(2)), m.group(3)
        bron_id = path.name.split(".")[0]
        found.append(
            Bestand(
                bron_id=bron_id,
                soort=f"rivm_{groep}",
                pad=path,
                tabel_id=tabel,
                jaar=jaar,
                attributie=ATTRIBUTIE,
                opmerking="Modelschattingen per wijk en buurt, geen tellingen.",
                lees=lambda p=path, b=bron_id, j=jaar: lees_rivm(p, b, j),
            )
        )
    return found
