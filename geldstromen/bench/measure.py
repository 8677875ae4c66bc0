"""The individual measurements of ``geldstromen bench``."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from geldstromen.bench.server import AgentSession, peak_rss_mb, streamlit_server
from geldstromen.config import REPO_ROOT

APP = REPO_ROOT / "app.py"
EMPTY_APP = Path(__file__).with_name("empty_app.py")
GEMEENTEN = ("GM0518", "GM0363", "GM0344", "GM0599", "GM0014")


def summary(samples: list[float]) -> dict:
    """Median, p95 and count of a list of milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] if ordered else None
    return {
        "median": round(statistics.median(ordered), 1) if ordered else None,
        "p95": round(p95, 1) if p95 is not None else None,
        "n": len(ordered),
    }


def ingest_times(data_dir: Path) -> dict:
    """Full ingest of ``data_dir`` into a fresh SQLite, then a re-ingest with nothing changed."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
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
        out = {}
        for name in ("ingest_s", "reingest_s"):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, cwd=REPO_ROOT)
            out[name] = round(time.perf_counter() - start, 2)
        return out


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
        session = AgentSession(base)
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
    base_urls: list[str], page: str, key: str, sessions: int, seconds: float, think_s: float = 2.0
) -> dict:
    """``sessions`` users switching ``key`` for ``seconds``, spread over ``base_urls``; each
    user waits ``think_s`` between switches (someone clicking through wijken in a meeting)."""
    samples: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def user(i: int) -> None:
        nonlocal errors
        try:
            session = AgentSession(
                base_urls[i % len(base_urls)],
                page=page,
                query={"gemeente": GEMEENTEN[i % len(GEMEENTEN)]},
            )
            options = session.options(key)[:8] or [None]
        except Exception:  # noqa: BLE001 - counted, the run goes on
            with lock:
                errors += 1
            return
        j = 0
        while time.monotonic() < stop_at:
            try:
                ms = session.set(**{key: options[j % len(options)]})
                with lock:
                    samples.append(ms)
            except Exception:  # noqa: BLE001
                with lock:
                    errors += 1
            j += 1
            time.sleep(think_s)

    with ThreadPoolExecutor(max_workers=sessions) as pool:
        list(pool.map(user, range(sessions)))
    return {**summary(samples), "errors": errors, "sessions": sessions, "think_s": think_s}


def server_rss(base_url: str, proc, pages: list[str]) -> float:
    """Peak RSS of the app process after visiting every page for five gemeenten."""
    visit_all_pages(base_url, pages)
    return round(peak_rss_mb(proc.pid), 1)


def dump(result: dict, path: Path) -> None:
    """Write the result as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


__all__ = ["streamlit_server", "summary", "APP"]
