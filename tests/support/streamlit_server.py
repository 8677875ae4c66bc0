"""`streamlit run app.py` on a free loopback port for browser tests, started and stopped by
the benchmark's :func:`geldstromen.bench.server.streamlit_server` (one way to do it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geldstromen.bench.server import streamlit_server as _server


@contextmanager
def streamlit_server(db_url: str, var_dir: Path, log_path: Path) -> Iterator[str]:
    """Start the app on ``db_url``, yield its base URL once healthy (90 s at most), stop it."""
    env = {"GELDSTROMEN_DATABASE_URL": db_url, "GELDSTROMEN_VAR_DIR": str(var_dir)}
    with _server(Path("app.py"), env, timeout_s=90, log_path=log_path) as (base, _proc):
        yield base.rstrip("/")
