"""Compute-only baselines of the Wijkprofiel allocation (selection -> flows, no rendering, no
Streamlit caches), the same selection two ways:

- *store*: the one route (``families.stromen.stromen``) on the ingested store, as a page
  computes it on a first visit;
- *raw*: straight from the raw files (read the Iv3 and KWB CSVs, resolve columns, allocate),
  with no store and no views.

The selection is Iv3 begroting 2023 of a gemeente with full KWB 2019 wijk data, keys and
regions from KWB 2019 (the only KWB year the raw files have at both levels for these
gemeenten): the route is asked for year 2019, so it pairs the nearest Iv3 (2023 begroting)
with KWB 2019, as the raw path does. Both give the same gemeente total (checked per run)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from data_sources.cbs_kwb import lees_csv
from data_sources.iv3 import lees_iv3
from geldstromen.bench.measure import timed_ms
from geldstromen.db import make_engine
from geldstromen.domain.catalogus import indicator_catalogue
from geldstromen.domain.onderdrukking import to_number
from geldstromen.domain.sleuteljaren import gebied
from geldstromen.domain.taakvelden import standaard_sleutels
from geldstromen.domain.toerekening import Context, toerekenen
from geldstromen.families.stromen import Selectie, stromen

#: (gemeente code, Iv3 name, KWB file pattern) of the gemeenten with full KWB wijk data.
GEMEENTEN = (("GM0518", "'s-Gravenhage", "*GM0518*"), ("GM0363", "Amsterdam", "*GM0363*"))
JAAR, STUK = 2023, "begroting"
#: The KWB year of the raw files (regions and keys); the route is asked for this year.
KWB_JAAR = 2019


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


def store_view(engine: Engine, gemeente_code: str) -> pd.DataFrame:
    """The same view through the store: the one route, no Streamlit cache."""
    sel = Selectie(gemeente_code, "wijk", KWB_JAAR, STUK, "lasten", ("gemeente",))
    return stromen(engine, sel).flows


def compute_times(data_dir: Path, url: str, n: int) -> dict[str, list[float]]:
    """Milliseconds per view, ``n`` times each way, alternating store and raw and the
    gemeenten (so both share the machine's load). Raises when a view is empty or the two
    ways disagree on the gemeente total (same money, allocated once)."""
    engine = make_engine(url)
    samples: dict[str, list[float]] = {"store": [], "raw": []}
    try:
        for i in range(n):
            code, naam, pattern = GEMEENTEN[i % len(GEMEENTEN)]
            ms_store, store = timed_ms(lambda c=code: store_view(engine, c))
            ms_raw, raw = timed_ms(lambda c=code, m=naam, p=pattern: naive_view(data_dir, c, m, p))
            if store.empty or raw.empty:
                raise RuntimeError(f"compute-only baseline leverde niets op voor {code}")
            verschil = abs(float(store["bedrag_eur"].sum()) - float(raw["bedrag_eur"].sum()))
            if verschil > 1:
                raise RuntimeError(
                    f"store en ruwe bestanden verschillen {verschil:.0f} euro ({code})"
                )
            samples["store"].append(ms_store)
            samples["raw"].append(ms_raw)
    finally:
        engine.dispose()
    return samples
