"""The naive baseline: the Wijkprofiel allocation computed straight from the raw files, with
no store, no views and no caches (read Iv3 + KWB CSVs, resolve columns, allocate)."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from data_sources.cbs_kwb import lees_csv
from data_sources.iv3 import lees_iv3
from geldstromen.domain.catalogus import indicator_catalogue
from geldstromen.domain.onderdrukking import to_number
from geldstromen.domain.sleuteljaren import gebied
from geldstromen.domain.taakvelden import standaard_sleutels
from geldstromen.domain.toerekening import Context, toerekenen

#: (gemeente code, Iv3 name, KWB file pattern) of the gemeenten with full KWB wijk data.
GEMEENTEN = (("GM0518", "'s-Gravenhage", "*GM0518*"), ("GM0363", "Amsterdam", "*GM0363*"))
JAAR, STUK = 2023, "begroting"


def _kwb_long(path: Path) -> pd.DataFrame:
    tables = lees_csv(path, path.stem, 2019)
    raw, kolom = tables["raw_cbs_waarde"], tables["raw_cbs_kolom"]
    cat = indicator_catalogue()
    cat = cat[cat["soort"] == "cbs_kwb"][["bron_kolom", "indicator", "factor"]]
    long = raw.merge(kolom[["kolom", "stem"]], on="kolom").merge(
        cat, left_on="stem", right_on="bron_kolom"
    )
    long["regio_code"] = long["regio_code"].str.strip()
    long["waarde"] = to_number(long["waarde"]) * long["factor"]
    long["regio_naam"] = long["regio_code"]
    return long[long["regio_code"].str.startswith("WK")][
        ["regio_code", "regio_naam", "jaar", "indicator", "waarde"]
    ]


def naive_view(data_dir: Path, gemeente_code: str, iv3_naam: str, pattern: str) -> pd.DataFrame:
    """One Wijkprofiel view (lasten, default keys) from the raw files."""
    iv3_path = data_dir / "iv3" / f"iv3_gemeenten_taakveld_{JAAR}_{STUK}.csv.gz"
    iv3 = lees_iv3(iv3_path, "naive", JAAR, STUK)["raw_iv3"]
    iv3 = iv3[iv3["gemeente_naam"] == iv3_naam]
    bedragen = pd.DataFrame(
        {
            "taakveld_code": iv3["taakveld_code"],
            "taakveld_naam": iv3["taakveld_naam"],
            "bedrag_eur": iv3["lasten_keur"] * 1000,
        }
    )
    kwb_path = next((data_dir / "cbs_kwb").glob(f"kwb2019_{pattern}.csv"))
    wijken = gebied(_kwb_long(kwb_path), JAAR)
    ctx = Context(gemeente_code, iv3_naam, JAAR, "lasten", f"CBS Iv3 {STUK} {JAAR}")
    flows, _ = toerekenen(bedragen, standaard_sleutels(), ctx, wijken, None)
    return flows


def naive_times(data_dir: Path, n: int) -> list[float]:
    """Milliseconds per naive view, alternating the gemeenten, ``n`` times."""
    samples = []
    for i in range(n):
        code, naam, pattern = GEMEENTEN[i % len(GEMEENTEN)]
        start = time.perf_counter()
        flows = naive_view(data_dir, code, naam, pattern)
        samples.append((time.perf_counter() - start) * 1000)
        if flows.empty:
            raise RuntimeError(f"naive baseline leverde niets op voor {code}")
    return samples
