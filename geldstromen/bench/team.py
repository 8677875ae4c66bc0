"""The team part of ``geldstromen bench`` (``--alleen team``): concurrent sessions switching
wijken on the Wijkprofiel, on one SQLite process and on the README's multi-user set-up
(PostgreSQL, several app processes, nginx with sticky sessions, all on loopback)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geldstromen.bench import measure
from geldstromen.bench.pgcluster import fresh_database, throwaway_cluster
from geldstromen.bench.proxy import nginx_bin, team
from geldstromen.bench.server import peak_rss_mb, streamlit_server
from geldstromen.config import REPO_ROOT

PAGE = "wijkprofiel"
KEY = "wp_regio"
#: The targets of issue 16 (sessions, p95 ms).
TEAM_SESSIONS = 25
SQLITE_SESSIONS = 10
#: App processes behind the proxy: one more than the cores. Each process runs its sessions'
#: reruns under one GIL, so it needs at least one per core; and the sticky sessions split the
#: users over the processes by chance, so with exactly one per core a busy process waits
#: while a core idles. One extra process lets the OS share the cores among the busy ones
#: (docs/deployment.md). Each process costs its own memory and cache warm-up.
PROCESSEN = int(os.environ.get("GELDSTROMEN_BENCH_PROCESSEN", (os.cpu_count() or 2) + 1))


def ingest(data_dir: Path, url: str) -> None:
    """``geldstromen ingest`` of ``data_dir`` into ``url`` (a separate process, like a user)."""
    cmd = [sys.executable, "-m", "geldstromen.cli", "ingest", "--quiet"]
    cmd += ["--data-dir", str(data_dir), "--database-url", url]
    res = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"ingest voor de meting mislukte: {(res.stderr or res.stdout)[-1500:]}")


def concurrent_sqlite(url: str, sessions: int = SQLITE_SESSIONS, seconds: float = 30) -> dict:
    """One app process on the SQLite store ``url``; ``sessions`` users, no proxy."""
    env = {"GELDSTROMEN_DATABASE_URL": url}
    with streamlit_server(measure.APP, env, timeout_s=90) as (base, proc):
        out = measure.concurrent_switching(
            [base], PAGE, KEY, sessions, seconds, pids={"app": [proc.pid]}
        )
        out["peak_rss_mb"] = round(peak_rss_mb(proc.pid), 1)
    return {**out, "processes": 1, "proxy": None}


def _postmaster(cluster) -> list[int]:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return [int((cluster.data / "postmaster.pid").read_text().split()[0])]
    return []


def concurrent_team(
    data_dir: Path,
    sessions: int = TEAM_SESSIONS,
    seconds: float = 30,
    processen: int = PROCESSEN,
) -> dict:
    """A throwaway PostgreSQL with ``data_dir`` ingested, ``processen`` app processes behind
    nginx (sticky sessions, websockets); ``sessions`` users through the proxy."""
    if nginx_bin() is None:
        return {"skipped": "nginx niet geïnstalleerd"}
    with throwaway_cluster() as cluster:
        if cluster is None:
            return {"skipped": "PostgreSQL niet beschikbaar"}
        url = fresh_database(cluster.url)
        ingest(data_dir, url)
        with team(url, processen) as (proxy, _apps, pids):
            out = measure.concurrent_switching(
                [proxy],
                PAGE,
                KEY,
                sessions,
                seconds,
                pids={"app": pids[:-1], "nginx": pids[-1:], "postgres": _postmaster(cluster)},
            )
            out["peak_rss_mb"] = round(max(peak_rss_mb(pid) for pid in pids[:-1]), 1)
    return {**out, "processes": processen, "proxy": "nginx (hash op route-cookie)"}


def run_team(
    data_dir: Path, sessions: int = TEAM_SESSIONS, seconds: float = 30, url: str | None = None
) -> dict:
    """Both concurrency figures; ``url``: an existing SQLite store (else ``data_dir`` is
    ingested into a temporary one)."""
    started = time.monotonic()
    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        if url is None:
            url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
            ingest(data_dir, url)
        result["concurrent_sqlite"] = concurrent_sqlite(url, SQLITE_SESSIONS, seconds)
    result["concurrent_team"] = concurrent_team(data_dir, sessions, seconds)
    result["team_bench_s"] = round(time.monotonic() - started, 1)
    return result
