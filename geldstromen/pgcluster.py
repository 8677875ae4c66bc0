"""Start and stop a throwaway PostgreSQL cluster on loopback (tests and the benchmark)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

PG_BIN_CANDIDATES = [Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin")]


def _pg_bin() -> Path | None:
    env = os.environ.get("GELDSTROMEN_PG_BIN")
    for cand in ([Path(env)] if env else []) + PG_BIN_CANDIDATES:
        if (cand / "initdb").exists():
            return cand
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["su", "postgres", "-s", "/bin/bash", "-c", " ".join(cmd)]


@contextlib.contextmanager
def throwaway_postgres():
    """Yield a SQLAlchemy URL of a fresh cluster, or None when PostgreSQL is not installed."""
    env_url = os.environ.get("GELDSTROMEN_TEST_POSTGRES_URL")
    if env_url:
        yield env_url
        return
    pg_bin = _pg_bin()
    if pg_bin is None:
        yield None
        return
    # Not under pytest's tmp dir: the postgres user must be able to traverse the path.
    workdir = Path(tempfile.mkdtemp(prefix="geldstromen-pg-"))
    workdir.chmod(0o755)
    data, port = workdir / "data", free_port()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    run = lambda cmd: subprocess.run(_as_postgres(cmd), check=True, capture_output=True)  # noqa: E731
    run([str(pg_bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"])
    opts = f"'-k {workdir} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off'"
    run(
        [
            str(pg_bin / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            opts,
            "-l",
            str(workdir / "log"),
            "-w",
            "start",
        ]
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres(
                [str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            ),
            capture_output=True,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def fresh_database(base_url: str) -> str:
    """Create a new empty database on the cluster and return its URL."""
    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base_url.rsplit("/", 1)[0] + f"/{name}"
