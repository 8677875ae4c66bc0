"""RIVM/GGD/CBS health per wijk and buurt (Gezondheidsmonitor Volwassenen en Ouderen).

Small-area model estimates in % of the residents of an age group (18+ or 65+): every value
is ``geschat`` (see the catalogue). Only point estimates (``Marges = MW00000``) of the
edition's own year are kept. Two editions exist, each a table in the "RIVM" catalogue:
50090NED (2012/2016/2020, indeling 2020; the 2020 estimates) and 50120NED
(2012/2016/2020/2022, indeling 2022; the 2022 estimates). The file path reads
``zorg/rivm_<tabel>_*_<jaar>_{18plus,65plus}.csv[.gz]``; the online path
(:mod:`data_sources.rivm_online`) gives the same raw rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, IngestFout, lees_tabel, long_cbs
from data_sources.cbs_kwb import check_numeric, kolommen_frame

TABEL = "50090NED"
#: Edition (the estimates' year) -> table in the RIVM catalogue.
RIVM_TABELLEN = {2020: "50090NED", 2022: "50120NED"}
#: Age group (file name suffix, soort ``rivm_<groep>``) -> key of the ``Leeftijd`` dimension.
LEEFTIJDEN = {"18plus": "20300", "65plus": "80200"}
PUNTSCHATTING = "MW00000"
_NAME = re.compile(r"rivm_(\d{5}NED)_.*_(\d{4})_(18plus|65plus)\.csv(\.gz)?$")
_SKIP = ("ID", "Leeftijd", "Marges", "Perioden")
_TEKST_STEMS = ("Gemeentenaam", "SoortRegio", "Codering")
OPMERKING = "Modelschattingen per wijk en buurt, geen tellingen."


def attributie(jaar: int) -> str:
    """The attribution of one edition."""
    return f"Bron: RIVM, GGD'en, CBS (Gezondheidsmonitor {jaar}), CC BY 4.0"


ATTRIBUTIE = attributie(2020)


def rivm_tabellen(
    frame: pd.DataFrame,
    bron_id: str,
    jaar: int,
    naam: str,
    *,
    props: list[dict] | None = None,
    leeftijd: str | None = None,
) -> dict[str, pd.DataFrame]:
    """A TypedDataSet-shaped table (text cells; OData keys as columns) -> the long raw CBS
    tables: point estimates of ``jaar`` (and of age key ``leeftijd`` when given), text and
    dimension columns left out, empty cells left out (not estimated)."""
    if "WijkenEnBuurten" not in frame.columns:
        raise IngestFout(f"{naam}: kolom WijkenEnBuurten ontbreekt; is dit RIVM {TABEL}?")
    if "Marges" in frame.columns:
        frame = frame[frame["Marges"].str.strip() == PUNTSCHATTING]
    if "Perioden" in frame.columns:
        frame = frame[frame["Perioden"].str.strip().str[:4] == str(jaar)]
    if leeftijd is not None and "Leeftijd" in frame.columns:
        frame = frame[frame["Leeftijd"].str.strip() == leeftijd]
    text = [c for c in frame.columns if c in _SKIP or c.split("_")[0] in _TEKST_STEMS]
    values = [c for c in frame.columns if c != "WijkenEnBuurten" and c not in text]
    frame = frame[["WijkenEnBuurten", *values]].copy()
    frame["WijkenEnBuurten"] = frame["WijkenEnBuurten"].str.strip()
    dubbel = frame["WijkenEnBuurten"][frame["WijkenEnBuurten"].duplicated()]
    if not dubbel.empty:
        raise IngestFout(
            f"{naam}: gebied {dubbel.iloc[0]} komt meer dan eens voor (meer leeftijdsgroepen, "
            "jaren of marges dan verwacht)"
        )
    long = long_cbs(frame, bron_id=bron_id, jaar=jaar, code_col="WijkenEnBuurten")
    kolommen = kolommen_frame(bron_id, values, props)
    check_numeric(long, kolommen, naam)
    return {"raw_cbs_waarde": long, "raw_cbs_kolom": kolommen}


def lees_rivm(path: Path, bron_id: str, jaar: int) -> dict[str, pd.DataFrame]:
    """Read one age group's CSV (``;``, OData keys as header) into the long raw CBS tables."""
    return rivm_tabellen(lees_tabel(path, sep=";"), bron_id, jaar, path.name)


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
                attributie=attributie(jaar),
                opmerking=OPMERKING,
                lees=lambda p=path, b=bron_id, j=jaar: lees_rivm(p, b, j),
            )
        )
    return found
