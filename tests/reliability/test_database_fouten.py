"""Database faults: a read-only store, two ingests at once, and database errors in the CLI.

Every CLI case must end in one Dutch ``Fout:`` line with exit 1 and no traceback, and the
store must be unchanged.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import event, text

from data_sources.base import IngestFout
from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.cli import main
from tests.bad_inputs.conftest import fixture_store, snapshot
from tests.conftest import REPO
from tests.reliability.test_faults import SLOW_INGEST
from tests.support.pg import free_port

SEL = ["--gemeente", "GM9999", "--niveau", "wijk", "--jaar", "2019"]


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _dutch_refusal(result, *teksten: str) -> str:
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 1, output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output and "Fout:" in output, output
    for tekst in teksten:
        assert tekst in output, output
    return output


def _kwb_bump(data: Path) -> None:
    csv = next((data / "cbs_kwb").glob("*.csv"))
    csv.write_text(csv.read_text().replace('"   10000"', '"   12345"'), encoding="utf-8")


# --- read-only store -----------------------------------------------------------------------

READER = """
import sys
from geldstromen import db
from geldstromen.queries import run_query
engine = db.make_engine(sys.argv[1])
frame = run_query(engine, "export_indicatoren", gemeente_code="GM9999", niveau="wijk", jaar=2019)
print("RIJEN", len(frame))
"""


def _als_andere_gebruiker() -> list[str] | None:
    """A command prefix that runs as an unprivileged user (chmod does not bind root)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_read_only_store_is_readable_by_another_user(tmp_path):
    """A store in a folder this process may not write (file 0444, folder 0555): before, the
    WAL pragma failed ("attempt to write a readonly database") and every page with it."""
    prefix = _als_andere_gebruiker()
    if prefix is None:
        pytest.skip("geen setpriv om als andere gebruiker te lezen")
    folder = Path(tempfile.mkdtemp(prefix="alleenlezen"))
    try:
        store = folder / "store.sqlite"
        fixture_store(f"sqlite:///{store}", tmp_path)
        assert not store.with_name("store.sqlite-shm").exists()  # closed cleanly
        store.chmod(0o444)
        folder.chmod(0o555)
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
        kan = subprocess.run(
            [*prefix, sys.executable, "-c", f"import geldstromen.db; open({str(store)!r}, 'rb')"],
            capture_output=True,
            cwd=folder,
            env=env,
            timeout=120,
        )
        if kan.returncode != 0:  # this machine's paths are closed to that user: not our fault
            pytest.skip("de andere gebruiker kan de repository of de map niet lezen")
        proc = subprocess.run(
            [*prefix, sys.executable, "-c", READER, f"sqlite:///{store}"],
            capture_output=True,
            text=True,
            cwd=folder,
            env=env,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert "RIJEN" in proc.stdout and int(proc.stdout.split()[-1]) > 0
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_not_writable_store_opens_read_only_and_writes_say_so(tmp_path, monkeypatch):
    """Detection (os.access, so also for root in tests) -> read-only engine; a write then
    fails with SQLite's readonly error, which the CLI says in Dutch."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    data = fixture_store(url, tmp_path)
    before = snapshot(url)
    echt = os.access
    monkeypatch.setattr(os, "access", lambda p, m, **k: m != os.W_OK and echt(p, m, **k))
    engine = db.make_engine(url)
    assert "mode=ro" in str(engine.pool._creator.__defaults__)  # noqa: SLF001
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from bron")).scalar() > 0
        with pytest.raises(Exception, match="readonly"):
            conn.execute(text("delete from bron"))
    engine.dispose()
    _kwb_bump(data)
    result = _cli("ingest", "--data-dir", data, "--database-url", url, "--quiet")
    _dutch_refusal(result, "alleen-lezen", "ongewijzigd")
    exported = _cli("export", "indicatoren", *SEL, "--database-url", url)  # reading still works
    assert exported.exit_code == 0 and "WK999901" in exported.output, exported.output
    monkeypatch.undo()
    assert snapshot(url) == before


# --- two ingests at once -------------------------------------------------------------------


def test_second_ingest_while_one_runs_is_refused_at_once(tmp_path):
    """Before: the second ingest waited for SQLite's busy timeout and died with "database is
    locked" (56 s). Now it stops before the first one finishes, saying another one runs."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    data = fixture_store(url, tmp_path)
    before = snapshot(url)
    _kwb_bump(data)
    marker = tmp_path / "writing"
    args = ["ingest", "--force", "--quiet", "--data-dir", str(data), "--database-url", url]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_INGEST, str(marker), *args])
    try:
        deadline = time.time() + 60
        while not marker.exists() and time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "first ingest never started writing"
        second = _cli("ingest", "--force", "--quiet", "--data-dir", data, "--database-url", url)
        assert proc.poll() is None  # the second one gave up while the first still runs
        _dutch_refusal(second, "andere ingest", "ongewijzigd")
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert snapshot(url) == before  # killed first ingest: rolled back, lock released
    third = _cli("ingest", "--quiet", "--data-dir", data, "--database-url", url)
    assert third.exit_code == 0, third.output


def test_writer_slot_on_both_databases(database_url, tmp_path):
    """The slot is a lock file (SQLite) or an advisory lock (PostgreSQL); import-lokaal uses
    it too, and it is free again afterwards."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "tests" / "fixtures" / "data", data)
    engine = db.make_engine(database_url)
    ingest(engine, vind_bestanden(data))
    other = db.make_engine(database_url)
    goed = tmp_path / "goed.csv"
    goed.write_text("regio_code;bewoners_aantal\nWK999901;5\nWK999902;7\n", encoding="utf-8")
    with db.schrijfslot(other):
        with pytest.raises(IngestFout, match="andere ingest"):
            ingest(engine, vind_bestanden(data), force=True)
        result = _cli("import-lokaal", goed, *SEL, "--database-url", database_url)
        _dutch_refusal(result, "andere ingest")
    assert ingest(engine, vind_bestanden(data), force=True).nieuw
    engine.dispose()
    other.dispose()


# --- database errors in the CLI ------------------------------------------------------------


def test_locked_database_gives_a_dutch_line(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    fixture_store(url, tmp_path)
    goed = tmp_path / "goed.csv"
    goed.write_text("regio_code;bewoners_aantal\nWK999901;5\nWK999902;7\n", encoding="utf-8")
    monkeypatch.setattr(db, "SQLITE_WACHT_S", 0.2)
    holder = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        result = _cli("import-lokaal", goed, *SEL, "--database-url", url)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _dutch_refusal(result, "bezet")


def test_disk_full_gives_a_dutch_line(tmp_path, monkeypatch):
    """SQLITE_FULL, produced for real by capping the page count of the ingest's connections."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    data = fixture_store(url, tmp_path)
    before = snapshot(url)
    make = db.make_engine

    def vol(u):
        engine = make(u)

        @event.listens_for(engine, "connect")
        def _cap(dbapi_conn, _record):
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 1}")

        return engine

    monkeypatch.setattr(db, "make_engine", vol)
    gf = data / "gemeentefonds"
    for i in range(5):  # new sources: the store must grow
        shutil.copy(gf / "GF_M2024_2025_per_cluster.csv", gf / f"GF_S202{i}_2025_per_cluster.csv")
    result = _cli("ingest", "--data-dir", data, "--database-url", url, "--quiet")
    _dutch_refusal(result, "schijf is vol", "ongewijzigd")
    monkeypatch.undo()
    assert snapshot(url) == before


def test_unreachable_postgres_gives_a_dutch_line_without_host_or_password():
    port = free_port()  # nothing listens there
    url = f"postgresql+psycopg://geheim_gebruiker:geheim_wachtwoord@127.0.0.1:{port}/x"
    for args in (
        ["export", "indicatoren", *SEL, "--database-url", url],
        ["ingest", "--data-dir", REPO / "tests" / "fixtures" / "data", "--database-url", url],
    ):
        output = _dutch_refusal(_cli(*args), "niet bereikbaar")
        assert str(port) not in output and "geheim" not in output and "127.0.0.1" not in output


def test_garbage_store_file_gives_a_dutch_line(tmp_path):
    store = tmp_path / "kapot.sqlite"
    store.write_bytes(b"dit is geen database" * 100)
    result = _cli("export", "indicatoren", *SEL, "--database-url", f"sqlite:///{store}")
    _dutch_refusal(result, "geen SQLite-database")


def test_unwritable_output_gives_a_dutch_line(fixture_db_url, tmp_path):
    target = tmp_path / "bestaat_niet" / "uit.csv"
    result = _cli("export", "indicatoren", *SEL, "--database-url", fixture_db_url, "-o", target)
    _dutch_refusal(result, "kan niet worden geschreven")


@pytest.mark.parametrize(
    "inhoud",
    [
        "taakveld_code,sleutel\n0.1,gemeentebreed\n".encode("utf-16"),  # UTF-16 with BOM
        "taakveld_code,sleutel\n0.1,gemeentebreed\n".encode("utf-16-le"),  # without BOM
        bytes(range(256)) * 4,  # binary
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,  # an image
        b"taakveld_code,sleutel\n0.1,gemeentebreed\x00\n",  # NUL byte
    ],
    ids=["utf16-bom", "utf16-zonder-bom", "binair", "png", "nul"],
)
def test_export_with_a_binary_or_utf16_key_file_gives_a_dutch_line(
    inhoud, fixture_db_url, tmp_path
):
    sleutels = tmp_path / "sleutels.csv"
    sleutels.write_bytes(inhoud)
    result = _cli(
        "export",
        "geldstromen",
        "--gemeente",
        "GM9999",
        "--niveau",
        "wijk",
        "--jaar",
        "2023",
        "--stuk",
        "begroting",
        "--familie",
        "gemeente",
        "--sleutels",
        sleutels,
        "--database-url",
        fixture_db_url,
    )
    if inhoud.startswith(b"\xff\xfe"):  # UTF-16 with a BOM is read as text: a valid table
        assert result.exit_code == 0, result.output
        assert result.exception is None and "eigen tabel uit sleutels.csv" in result.output
        return
    _dutch_refusal(result, "sleutelbestand")
