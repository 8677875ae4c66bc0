"""Derived 2020 buurt table for provincie Utrecht (CBS KWB/wijk- en buurtkaart 2020, CBS SES,
Leefbaarometer), renamed and partly transformed by a third party; attributed as derived.

The author wrote suppressed cells as ``0`` in columns where 0 is impossible (WOZ-waarde,
gas and electricity use, household size); those zeros are read as missing. Columns that are
0 for every buurt carry no information and are left out; empty cells are kept as NULL rows.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, IngestFout, lees_tabel, long_cbs
from data_sources.cbs_kwb import check_numeric, kolommen_frame
from geldstromen.domain.regiocode import gemeente_code_of_none

JAAR = 2020
SOORT = "kwb_utrecht_2020_derived"
BESTAND = "kwb2020_derived_provincie_utrecht_buurten.csv"
ATTRIBUTIE = (
    "Afgeleid door derden (repository Nelleke20/notebook.buurtenrecommender) uit CBS KWB/"
    "Wijk- en buurtkaart 2020, CBS SES-score en Leefbaarometer (BZK); Bron: CBS, CC BY 4.0"
)
#: Zero means 'not published' here.
NUL_IS_ONBEKEND = (
    "gemiddelde_woningwaarde",
    "aardgasverbruik_m3_gemiddeld",
    "elektriciteitsverbruik_kwh_gemiddeld",
    "gemiddelde_huishoudensgrootte",
)
_TEKST = ("Unnamed: 0", "", "buurt_code", "gm_naam", "regio")


def lees_utrecht(path: Path, bron_id: str) -> dict[str, pd.DataFrame]:
    """Read the derived CSV into the long raw CBS tables and buurt names into ``raw_regio``."""
    frame = lees_tabel(path, sep=",")
    if "buurt_code" not in frame.columns:
        raise IngestFout(f"{path.name}: kolom buurt_code ontbreekt")
    frame["buurt_code"] = frame["buurt_code"].str.strip()
    values = [c for c in frame.columns if c not in _TEKST]
    for col in NUL_IS_ONBEKEND:
        if col in frame:
            zero = pd.to_numeric(frame[col], errors="coerce") == 0
            frame.loc[zero, col] = pd.NA
    leeg = [c for c in values if (pd.to_numeric(frame[c], errors="coerce").fillna(0) == 0).all()]
    values = [c for c in values if c not in leeg]
    wide = frame[["buurt_code", *values]].astype("string").replace("", pd.NA)
    long = long_cbs(wide, bron_id=bron_id, jaar=JAAR, code_col="buurt_code", keep_null=True)
    kolommen = kolommen_frame(bron_id, values, letterlijk=True)
    check_numeric(long, kolommen, path.name)
    regio = pd.DataFrame(
        {
            "bron_id": bron_id,
            "jaar": JAAR,
            "regio_code": frame["buurt_code"],
            "regio_naam": frame["regio"].str.strip(),
            "gemeente_code": frame["buurt_code"].map(gemeente_code_of_none),
            "gemeente_naam": frame["gm_naam"].str.strip(),
        }
    )
    return {"raw_cbs_waarde": long, "raw_cbs_kolom": kolommen, "raw_regio": regio}


def vind(data_dir: Path) -> list[Bestand]:
    """The derived Utrecht file in ``data_dir/cbs_kwb``."""
    path = data_dir / "cbs_kwb" / BESTAND
    if not path.exists():
        return []
    bron_id = path.stem
    return [
        Bestand(
            bron_id=bron_id,
            soort=SOORT,
            pad=path,
            tabel_id="KWB 2020 afgeleid",
            jaar=JAAR,
            licentie="CC BY 4.0 (CBS); bewerking door derden zonder licentiebestand",
            attributie=ATTRIBUTIE,
            opmerking="Afgeleid bestand; nullen in WOZ, energie en huishoudensgrootte = onbekend.",
            lees=lambda p=path, b=bron_id: lees_utrecht(p, b),
        )
    ]
