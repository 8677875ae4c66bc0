"""The multi-user set-up on loopback: nginx in front of several app processes.

:func:`nginx_config` fills ``deploy/nginx.conf.template`` (the deployment recipe of
docs/deployment.md uses the same file through ``geldstromen proxy-config``);
:func:`nginx` starts nginx with it in a throwaway folder; :func:`team` starts PostgreSQL-backed
app processes plus the proxy and yields the proxy's URL.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from geldstromen.bench.pgcluster import free_port
from geldstromen.config import REPO_ROOT

TEMPLATE = REPO_ROOT / "deploy" / "nginx.conf.template"
#: Only in the benchmark's config: which app process answered (tests check stickiness).
UPSTREAM_REGEL = "            add_header X-Geldstromen-Upstream $upstream_addr always;"


def nginx_bin() -> str | None:
    """The nginx binary (``GELDSTROMEN_NGINX`` or on PATH or /usr/sbin), or None."""
    for cand in (os.environ.get("GELDSTROMEN_NGINX"), shutil.which("nginx"), "/usr/sbin/nginx"):
        if cand and Path(cand).exists():
            return cand
    return None


def max_upload_mb() -> int:
    """The app's upload limit in MB (``server.maxUploadSize`` of .streamlit/config.toml)."""
    import tomllib

    pad = REPO_ROOT / ".streamlit" / "config.toml"
    with contextlib.suppress(OSError, tomllib.TOMLDecodeError):
        return int(tomllib.loads(pad.read_text(encoding="utf-8"))["server"]["maxUploadSize"])
    return 200  # Streamlit's default


def nginx_config(
    listen: str,
    upstreams: list[str],
    werkmap: Path,
    gebruiker: str | None = None,
    toon_upstream: bool = False,
) -> str:
    """The nginx.conf for ``upstreams`` (host:port of each app process) listening on
    ``listen`` (host:port); pid, logs and temp files in ``werkmap``; ``gebruiker`` is the
    user of the worker process when nginx starts as root."""
    if not upstreams:
        raise ValueError("geen app-processen opgegeven")
    servers = "\n".join(f"        server {u};" for u in upstreams)
    waarden = {
        "listen": listen,
        "servers": servers,
        "werkmap": str(werkmap),
        "gebruiker": f"user {gebruiker};" if gebruiker else "",
        "extra": UPSTREAM_REGEL if toon_upstream else "",
        "max_upload_mb": str(max_upload_mb() + 1),
    }
    tekst = TEMPLATE.read_text(encoding="utf-8")
    for naam, waarde in waarden.items():
        tekst = tekst.replace("{{" + naam + "}}", waarde)
    return tekst


def _wacht(url: str, proc: subprocess.Popen, timeout_s: float, log: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx stopte: {log.read_text(errors='replace')[-1500:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 - loopback
                if resp.status == 200:
                    return
        time.sleep(0.1)
    raise RuntimeError(f"nginx antwoordde niet op tijd ({log})")


@contextlib.contextmanager
def nginx(upstreams: list[str], timeout_s: float = 30) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run nginx on a free loopback port in front of ``upstreams``; yield (base URL, process)
    once the app's health check answers through it."""
    binary = nginx_bin()
    if binary is None:
        raise RuntimeError("nginx is niet geïnstalleerd")
    werkmap = Path(tempfile.mkdtemp(prefix="geldstromen-nginx-"))
    werkmap.chmod(0o755)  # the worker (another user when started as root) reads temp paths
    port = free_port()
    conf = werkmap / "nginx.conf"
    gebruiker = None
    if os.geteuid() == 0:  # workers as nobody, with its own group (Debian: nogroup)
        import grp
        import pwd

        gebruiker = f"nobody {grp.getgrgid(pwd.getpwnam('nobody').pw_gid).gr_name}"
    conf.write_text(
        nginx_config(f"127.0.0.1:{port}", upstreams, werkmap, gebruiker, toon_upstream=True),
        encoding="utf-8",
    )
    log = werkmap / "error.log"
    cmd = [binary, "-p", str(werkmap), "-e", str(log), "-c", str(conf), "-g", "daemon off;"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wacht(base + "_stcore/health", proc, timeout_s, log)
        yield base, proc
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(10)
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(werkmap, ignore_errors=True)


@contextlib.contextmanager
def team(
    db_url: str, processen: int = 2, log_dir: Path | None = None
) -> Iterator[tuple[str, list[str], list[int]]]:
    """``processen`` app processes on ``db_url`` behind nginx; yields (proxy URL, the app
    processes' own URLs, the pids of the app processes and of nginx)."""
    from geldstromen.bench.measure import APP
    from geldstromen.bench.server import streamlit_servers

    env = {"GELDSTROMEN_DATABASE_URL": db_url}
    with (
        streamlit_servers(APP, env, processen, timeout_s=90, log_dir=log_dir) as apps,
        nginx([base.removeprefix("http://").rstrip("/") for base, _ in apps]) as (proxy, pproc),
    ):
        yield proxy, [base for base, _ in apps], [p.pid for _, p in apps] + [pproc.pid]
