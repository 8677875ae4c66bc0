"""Orchestrates one benchmark run and writes JSON plus docs/performance.md."""

from __future__ import annotations

import os
import platform
import tempfile
import time
from datetime import date
from pathlib import Path

from geldstromen.bench import measure, wijkwissel
from geldstromen.bench.report import write_markdown
from geldstromen.bench.server import streamlit_server
from geldstromen.config import REPO_ROOT

#: The page and widget the rerun figures switch (see geldstromen/bench/wijkwissel.py).
RERUN_PAGE = wijkwissel.RERUN_PAGE
RERUN_KEY = wijkwissel.RERUN_KEY


NOTES = [
    *wijkwissel.NOTES,
    "map_render_ms: navigation to coloured polygons in headless Chromium without a GPU "
    "(SwiftShader), all-NL wijken; map_render_gemeente_ms the same for one gemeente; "
    "empty_page_load_ms the same browser loading a one-line Streamlit page (the floor). The "
    "three load in turn, map_rounds times; map_ratio_* is the median of the rounds' ratios "
    "(`geldstromen bench --alleen kaart` measures only these).",
    "concurrent_*: N sessions switching wijken on the Wijkprofiel page for a fixed time, each "
    "waiting think_s after a switch has rendered; the client speaks Streamlit's websocket "
    "protocol (geldstromen/bench/wsclient.py, all sessions in one event loop), a switch is "
    "timed from sending the widget change to script_finished, after a warm-up pass in which "
    "each user visits each of its wijken once (first_visit_ms: every app process computes "
    "each selection once for itself). concurrent_sqlite = one app "
    "process on SQLite; concurrent_team = the deployment recipe of docs/deployment.md "
    "(PostgreSQL, one app process more than the cores, nginx with sticky sessions). "
    "client_cpu_share "
    "is the load generator's own CPU (1.0 = one core), cpu_share that of the servers, "
    "machine_busy that of the whole machine (other load included).",
]


def machine() -> dict:
    """Cores, memory and date of this run."""
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "date": date.today().isoformat(),
    }


def _ingest(data_dir: Path, url: str) -> None:
    measure.ingest(data_dir, url)


def run(
    data_dir: Path,
    sessions: int = 25,
    seconds: float = 30,
    switches: int = 30,
    herhalingen: int = 3,
    nationaal: bool = False,
) -> dict:
    """Measure every figure with its baseline in one run (with ``nationaal`` also the national
    replay's store, ingest, rerun and RSS figures of :mod:`geldstromen.bench.nationaal`)."""
    from geldstromen.bench import kaart, team

    result: dict = {"machine": machine()}
    started = time.monotonic()
    result.update(measure.ingest_times(data_dir))
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        _ingest(data_dir, url)
        env = {"GELDSTROMEN_DATABASE_URL": url}
        result.update(wijkwissel.figuren(data_dir, url, switches, herhalingen))
        with streamlit_server(measure.APP, env) as (base, proc):
            result["rss_mb"] = measure.server_rss(base, proc, kaart.pages(base))
            result.update(kaart.map_figures(url, base, env, herhalingen))
        result["concurrent_sqlite"] = team.concurrent_sqlite(url, team.SQLITE_SESSIONS, seconds)
    result["concurrent_team"] = team.concurrent_team(data_dir, sessions, seconds)
    if nationaal:
        from geldstromen.bench import nationaal as landelijk

        result["nationaal"] = landelijk.run(data_dir, switches=min(switches, 20))
    result["bench_s"] = round(time.monotonic() - started, 1)
    result["notes"] = NOTES
    return result


def _team(data_dir: Path, sessions: int = 25, seconds: float = 30, **_) -> dict:
    from geldstromen.bench import team

    return team.run_team(data_dir, sessions, seconds)


def _wijkwissel(data_dir: Path, switches: int = 30, herhalingen: int = 3, **_) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        _ingest(data_dir, url)
        figures = wijkwissel.figuren(data_dir, url, switches, herhalingen)
    return {**figures, "notes": wijkwissel.NOTES}


def _kaart(data_dir: Path, herhalingen: int = 3, database_url: str | None = None, **_) -> dict:
    from geldstromen.bench import kaart

    return kaart.run_kaart(data_dir, database_url, herhalingen)


#: Parts that ``geldstromen bench --alleen <name>`` runs on their own; they write only the
#: JSON (docs/performance.md comes from a full run).
ONDERDELEN = {"kaart": _kaart, "team": _team, "wijkwissel": _wijkwissel}


def run_parts(data_dir: Path, names: list[str], json_path: Path | None, **kwargs) -> dict:
    """Only the named parts of the benchmark (see :data:`ONDERDELEN`)."""
    result: dict = {"machine": machine()}
    for name in names:
        result.update(ONDERDELEN[name](data_dir, **kwargs))
    if json_path is not None:
        measure.dump(result, json_path)
    return result


def run_and_write(data_dir: Path, json_path: Path | None, **kwargs) -> dict:
    """Run, then write the JSON (optional) and docs/performance.md."""
    result = run(data_dir, **kwargs)
    if json_path is not None:
        measure.dump(result, json_path)
    write_markdown(result, REPO_ROOT / "docs" / "performance.md")
    return result
