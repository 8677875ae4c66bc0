"""Start a Streamlit app as a subprocess on loopback and drive it through the agent API."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from geldstromen.bench.pgcluster import free_port
from geldstromen.config import REPO_ROOT


def _start(script: Path, env: dict[str, str], log_path: Path | None):
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.enableAgentApi",
        "true",
        "--server.fileWatcherType",
        "none",
    ]
    log = log_path.open("w") if log_path else None
    proc = subprocess.Popen(
        cmd,
        cwd=REPO_ROOT,
        env={**os.environ, **env},
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.PIPE,
    )
    return f"http://127.0.0.1:{port}/", proc, log


def _wait(base: str, proc, log, log_path: Path | None, deadline: float) -> None:
    while time.monotonic() < deadline:
        with contextlib.suppress(requests.RequestException):
            if requests.get(base + "_stcore/health", timeout=2).ok:
                return
        if proc.poll() is not None:
            uitvoer = f"zie {log_path}" if log else proc.stderr.read().decode()[-2000:]
            raise RuntimeError(f"Streamlit stopte: {uitvoer}")
        time.sleep(0.2)
    raise RuntimeError("Streamlit startte niet op tijd" + (f" (zie {log_path})" if log else ""))


def _stop(proc, log) -> None:
    proc.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(10)
    if proc.poll() is None:
        proc.kill()
    if log:
        log.close()


@contextlib.contextmanager
def streamlit_servers(
    script: Path,
    env: dict[str, str],
    count: int,
    timeout_s: float = 60,
    log_dir: Path | None = None,
):
    """``count`` processes of ``streamlit run script``, started together; yield a list of
    (base_url, process) once all are healthy. Logs in ``log_dir/app<i>.log`` when given."""
    started = []
    try:
        for i in range(count):
            started.append(_start(script, env, log_dir / f"app{i}.log" if log_dir else None))
        deadline = time.monotonic() + timeout_s
        for i, (base, proc, log) in enumerate(started):
            _wait(base, proc, log, log_dir / f"app{i}.log" if log_dir else None, deadline)
        yield [(base, proc) for base, proc, _log in started]
    finally:
        for _base, proc, log in started:
            _stop(proc, log)


@contextlib.contextmanager
def streamlit_server(
    script: Path, env: dict[str, str], timeout_s: float = 60, log_path: Path | None = None
):
    """Run ``streamlit run script`` on a free loopback port; yield (base_url, process).

    Output goes to ``log_path`` when given (else stderr is kept for the error message)."""
    base, proc, log = _start(script, env, log_path)
    try:
        _wait(base, proc, log, log_path, time.monotonic() + timeout_s)
        yield base, proc
    finally:
        _stop(proc, log)


class AgentSession:
    """One app session driven over HTTP (Streamlit's agent API); times every rerun."""

    def __init__(self, base_url: str, page: str = "", query: dict | None = None, timeout=60):
        self.url = base_url + "_stcore/agent/interact"
        self.http = requests.Session()
        self.timeout = timeout
        body: dict = {}
        if page:
            body["page"] = page
        if query:
            body["query_params"] = {k: [str(v)] for k, v in query.items()}
        self.snapshot = self._post(body)
        self.session_id = self.snapshot["session_id"]

    def _post(self, body: dict) -> dict:
        resp = self.http.post(self.url, json=body, timeout=self.timeout)
        data = resp.json()
        if resp.status_code >= 400 or "error" in data:
            raise RuntimeError(f"agent API: {data.get('error', resp.status_code)}")
        return data

    def set(self, **widgets) -> float:
        """Set widget values (one rerun); returns the round trip in ms."""
        start = time.perf_counter()
        self.snapshot = self._post({"session_id": self.session_id, "widget_state": widgets})
        return (time.perf_counter() - start) * 1000

    def options(self, key: str) -> list:
        """The options of the widget with ``key`` in the latest snapshot."""
        node = _find(self.snapshot.get("tree", {}), key)
        return list((node or {}).get("props", {}).get("options", []))

    def exceptions(self) -> list[str]:
        """Exception texts in the latest snapshot."""
        out: list[str] = []
        _collect(self.snapshot.get("tree", {}), "exception", out)
        return out


def _find(node: dict, key: str) -> dict | None:
    if node.get("key") == key:
        return node
    for child in node.get("children", []) or []:
        hit = _find(child, key)
        if hit is not None:
            return hit
    return None


def _collect(node: dict, typ: str, out: list) -> None:
    if node.get("type") == typ:
        out.append(str(node.get("props", {}).get("message", node.get("props"))))
    for child in node.get("children", []) or []:
        _collect(child, typ, out)


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()  # after "pid (comm) "; fields from 3 on


def cpu_ticks(pids: list[int]) -> int:
    """CPU clock ticks (user + system, and of reaped children) of ``pids`` and of their
    live children (PostgreSQL's backends are children of its postmaster)."""
    wanted = set(pids)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and int(fields[1]) in wanted:
            wanted.add(int(entry.name))
    total = 0
    for pid in wanted:
        if fields := _stat(pid):
            total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
    return total


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot, summed over cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)
