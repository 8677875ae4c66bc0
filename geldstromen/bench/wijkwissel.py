"""The wijk-switch figures of ``geldstromen bench`` (also on their own: ``--alleen
wijkwissel``): the Wijkprofiel rerun after choosing another wijk against the empty-page rerun
(the floor), measured in blocks that alternate between the two servers so both see the same
machine load, and the compute-only timings of a selection's flows (store against raw files)."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

from geldstromen.bench import measure, naive
from geldstromen.bench.server import streamlit_server

#: The page and widget the rerun figures switch; see geldstromen/ui/wijkprofiel.py.
RERUN_PAGE = os.environ.get("GELDSTROMEN_BENCH_PAGE", "wijkprofiel")
RERUN_KEY = os.environ.get("GELDSTROMEN_BENCH_KEY", "wp_regio")

NOTES = [
    "rerun_ms: round trip of one wijk switch on the Wijkprofiel over Streamlit's agent API on "
    "loopback (server-side rerun plus the API's snapshot), second pass over the wijken (caches "
    "filled; first_visit_rerun_ms is the first pass); empty_rerun_ms the same for a one-line "
    "page, the floor. Both are measured in alternating blocks (herhalingen) in the same run; "
    "rerun_ratio is the median of the per-block ratios.",
    "compute_*_ms: one selection's flows (Iv3 begroting 2023 allocated to wijken with KWB 2019 "
    "keys, 's-Gravenhage and Amsterdam alternately), compute only, no rendering and no "
    "Streamlit caches: store = the one route (families.stromen) on the store, raw = recomputed "
    "from the raw Iv3 and KWB files; alternating, the gemeente totals of both checked equal.",
]


def figuren(data_dir: Path, url: str, switches: int = 30, herhalingen: int = 3) -> dict:
    """The wijk-switch figures on the store at ``url`` (already ingested from ``data_dir``)."""
    env = {"GELDSTROMEN_DATABASE_URL": url}
    out: dict = {}
    empty: list[float] = []
    rerun: list[float] = []
    ratios: list[float] = []
    with (
        streamlit_server(measure.EMPTY_APP, env) as (leeg, _),
        streamlit_server(measure.APP, env) as (app, _),
    ):
        first = measure.rerun_times(app, RERUN_PAGE, RERUN_KEY, switches)
        out["first_visit_rerun_ms"] = measure.summary(first)
        for _ in range(herhalingen):
            e = measure.empty_reruns(leeg, switches)
            r = measure.rerun_times(app, RERUN_PAGE, RERUN_KEY, switches)
            empty += e
            rerun += r
            ratios.append(statistics.median(r) / statistics.median(e))
    out["empty_rerun_ms"] = measure.summary(empty)
    out["rerun_ms"] = measure.summary(rerun)
    out["rerun_page"] = f"{RERUN_PAGE} (widget {RERUN_KEY})"
    out["rerun_ratio"] = {
        "median": round(statistics.median(ratios), 2),
        "per_herhaling": [round(x, 2) for x in ratios],
    }
    compute = naive.compute_times(data_dir, url, max(6, switches))
    out["compute_store_ms"] = measure.summary(compute["store"])
    out["compute_raw_ms"] = measure.summary(compute["raw"])
    return out
