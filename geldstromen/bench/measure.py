"""The individual measurements of ``geldstromen bench``."""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from geldstromen.bench.server import (
    AgentSession,
    cpu_ticks,
    machine_ticks,
    peak_rss_mb,
    streamlit_server,
)
from geldstromen.config import REPO_ROOT

APP = REPO_ROOT / "app.py"
EMPTY_APP = Path(__file__).with_name("empty_app.py")
GEMEENTEN = ("GM0518", "GM0363", "GM0344", "GM0599", "GM0014")
T = TypeVar("T")


def summary(samples: list[float]) -> dict:
    """Median, p95 and count of a list of milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] if ordered else None
    return {
        "median": round(statistics.median(ordered), 1) if ordered else None,
        "p95": round(p95, 1) if p95 is not None else None,
        "n": len(ordered),
    }


def timed_ms(fn: Callable[[], T]) -> tuple[float, T]:
    """Milliseconds one call of ``fn`` takes, and its result (the one timing loop body)."""
    start = time.perf_counter()
    out = fn()
    return (time.perf_counter() - start) * 1000, out


def ingest(data_dir: Path, url: str) -> float:
    """``geldstromen ingest`` of ``data_dir`` into ``url`` in a subprocess; seconds taken."""
    cmd = [
        sys.executable,
        "-m",
        "geldstromen.cli",
        "ingest",
        "--quiet",
        "--data-dir",
        str(data_dir),
        "--database-url",
        url,
    ]
    ms, _ = timed_ms(lambda: subprocess.run(cmd, check=True, capture_output=True, cwd=REPO_ROOT))
    return round(ms / 1000, 2)


def ingest_times(data_dir: Path) -> dict:
    """Full ingest of ``data_dir`` into a fresh SQLite, then a re-ingest with nothing changed."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        return {name: ingest(data_dir, url) for name in ("ingest_s", "reingest_s")}


def _switch_options(session: AgentSession, key: str, limit: int) -> list:
    return session.options(key)[:limit]


def rerun_times(base_url: str, page: str, key: str, switches: int) -> list[float]:
    """Time reruns after switching widget ``key`` on ``page`` across gemeenten."""
    samples: list[float] = []
    per_gm = max(1, switches // len(GEMEENTEN) + 1)
    for gm in GEMEENTEN:
        session = AgentSession(base_url, page=page, query={"gemeente": gm})
        for option in _switch_options(session, key, per_gm):
            samples.append(session.set(**{key: option}))
        if len(samples) >= switches:
            break
    return samples


def empty_rerun_times(env: dict, n: int) -> list[float]:
    """Rerun time of a one-line page (no widgets: a rerun is triggered by an empty update)."""
    with streamlit_server(EMPTY_APP, env) as (base, _proc):
        return empty_reruns(base, n)


def empty_reruns(base_url: str, n: int) -> list[float]:
    """``n`` reruns of the one-line page served at ``base_url`` (the floor of any rerun)."""
    session = AgentSession(base_url)
    return [session.set() for _ in range(n)]


def visit_all_pages(base_url: str, pages: list[str]) -> int:
    """Open every page for each of five gemeenten; returns the number of page views."""
    views = 0
    for gm in GEMEENTEN:
        for page in pages:
            session = AgentSession(base_url, page=page, query={"gemeente": gm})
            if session.exceptions():
                raise RuntimeError(f"{page} {gm}: {session.exceptions()[0][:200]}")
            views += 1
    return views


def concurrent_switching(
    base_urls: list[str],
    page: str,
    key: str,
    sessions: int,
    seconds: float,
    think_s: float = 2.0,
    pids: dict[str, list[int]] | None = None,
    warm_up: bool = True,
) -> dict:
    """``sessions`` users switching ``key`` on ``page`` for ``seconds``, spread over
    ``base_urls`` (one URL: a proxy or a single process); each waits ``think_s`` after a
    switch has rendered (someone clicking through wijken in a meeting).

    The client is :mod:`geldstromen.bench.wsclient`: the browser's websocket protocol, every
    session in one event loop. All sessions first open the page (the cold view, reported as
    ``open_ms``); with ``warm_up`` each user then switches once to each of its wijken, with
    the same think time (``first_visit_ms``: every app process computes each selection once
    for itself); then the timed window starts. Each user's first switch of a phase comes at
    a random moment within one think time (users do not click in step). ``client_cpu_share`` is the client's
    CPU time over the window's wall time (1.0 = one core); ``cpu_share`` the same for the
    processes in ``pids`` (name -> pids) and ``machine_busy`` for the whole machine."""
    return asyncio.run(
        _concurrent(base_urls, page, key, sessions, seconds, think_s, pids or {}, warm_up)
    )


async def _concurrent(base_urls, page, key, sessions, seconds, think_s, pids, warm_up) -> dict:
    from geldstromen.bench.wsclient import Sessie, cpu_seconds

    rng = random.Random(16)
    open_ms: list[float] = []
    samples: list[float] = []
    errors: list[str] = []
    users: list[Sessie] = []
    poort = asyncio.Semaphore(max(2, len(base_urls) * 2))

    async def open_one(i: int) -> None:
        sessie = Sessie(
            base_urls[i % len(base_urls)], page, {"gemeente": GEMEENTEN[i % len(GEMEENTEN)]}
        )
        try:
            async with poort:
                open_ms.append(await sessie.open())
            sessie.keuzes = (sessie.widgets.get(key, ("", []))[1])[:8]
            if not sessie.keuzes:
                raise RuntimeError(f"geen keuzes voor {key}")
            users.append(sessie)
        except Exception as exc:  # noqa: BLE001 - counted, the run goes on
            errors.append(f"open: {exc}"[:300])
            await sessie.close()

    await asyncio.gather(*(open_one(i) for i in range(sessions)))

    async def user(sessie: Sessie, stop_at: float | None, uit: list[float]) -> None:
        """Switch with think time until ``stop_at``; None: one pass over all options."""
        await asyncio.sleep(rng.uniform(0, think_s))
        j = 1
        while time.monotonic() < stop_at if stop_at else j <= len(sessie.keuzes):
            try:
                uit.append(await sessie.run(**{key: sessie.keuzes[j % len(sessie.keuzes)]}))
            except Exception as exc:  # noqa: BLE001
                errors.append(f"switch: {exc}"[:300])
            j += 1
            await asyncio.sleep(think_s)

    first_visit: list[float] = []
    if warm_up:
        await asyncio.gather(*(user(s, None, first_visit) for s in users))
    before = {name: cpu_ticks(p) for name, p in pids.items()}
    machine_before = machine_ticks()
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    await asyncio.gather(*(user(s, wall0 + seconds, samples) for s in users))
    wall = time.monotonic() - wall0
    client_cpu = cpu_seconds() - cpu0
    tick_s = os.sysconf("SC_CLK_TCK")
    cpu_share = {
        name: round((cpu_ticks(p) - before[name]) / tick_s / wall, 2) for name, p in pids.items()
    }
    busy, total = (b - a for a, b in zip(machine_before, machine_ticks(), strict=True))
    for sessie in users:
        await sessie.close()
    return {
        **summary(samples),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:3],
        "sessions": sessions,
        "think_s": think_s,
        "seconds": round(wall, 1),
        "open_ms": summary(open_ms),
        "first_visit_ms": summary(first_visit),
        "client_cpu_share": round(client_cpu / wall, 3),
        "cpu_share": cpu_share,
        "machine_busy": round(busy / total * (os.cpu_count() or 1), 2) if total else None,
    }


def server_rss(base_url: str, proc, pages: list[str]) -> float:
    """Peak RSS of the app process after visiting every page for five gemeenten."""
    visit_all_pages(base_url, pages)
    return round(peak_rss_mb(proc.pid), 1)


def dump(result: dict, path: Path) -> None:
    """Write the result as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


__all__ = ["streamlit_server", "summary", "APP"]
