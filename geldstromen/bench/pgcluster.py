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


class Cluster:
    """A running throwaway cluster: its URL, and ``restart()`` (fast shutdown, then start)."""

    def __init__(self, pg_bin: Path, workdir: Path) -> None:
        self.pg_bin, self.workdir, self.data = pg_bin, workdir, workdir / "data"
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _pg_ctl(self, *args: str, check: bool = True, timeout: float = 60) -> None:
        cmd = [str(self.pg_bin / "pg_ctl"), "-D", str(self.data), *args]
        subprocess.run(_as_postgres(cmd), check=check, capture_output=True, timeout=timeout)

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        opts = f"'-k {self.workdir} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off'"
        self._pg_ctl("-o", opts, "-l", str(self.workdir / "log"), "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast`` closes every client connection)."""
        self._pg_ctl("-m", mode, "-w", "-t", "30", "stop", check=False)

    def restart(self) -> None:
        """Stop and start again on the same port: every open connection is cut."""
        self.stop("fast")
        self.start()


@contextlib.contextmanager
def throwaway_cluster():
    """Yield a fresh, started :class:`Cluster`, or None when PostgreSQL is not installed."""
    pg_bin = _pg_bin()
    if pg_bin is None:
        yield None
        return
    # Not under pytest's tmp dir: the postgres user must be able to traverse the path.
    workdir = Path(tempfile.mkdtemp(prefix="geldstromen-pg-"))
    workdir.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    cluster = Cluster(pg_bin, workdir)
    try:
        cmd = [str(pg_bin / "initdb"), "-D", str(cluster.data), "-A", "trust", "-U", "postgres"]
        subprocess.run(_as_postgres(cmd), check=True, capture_output=True, timeout=120)
        cluster.start()
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def throwaway_postgres():
    """Yield a SQLAlchemy URL of a fresh cluster, or None when PostgreSQL is not installed."""
    env_url = os.environ.get("GELDSTROMEN_TEST_POSTGRES_URL")
    if env_url:
        yield env_url
        return
    with throwaway_cluster() as cluster:
        yield cluster.url if cluster else None


def fresh_database(base_url: str) -> str:
    """Create a new empty database on the cluster and return its URL."""
    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base_url.rsplit("/", 1)[0] + f"/{name}"
