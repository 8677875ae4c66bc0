"""Faults during an ingest: SIGKILL half-way, and readers during an ingest."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

from sqlalchemy import text

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from tests.bad_inputs.conftest import fixture_store, snapshot

SLOW_INGEST = """
import sys, time
from pathlib import Path
from geldstromen import db
orig, marker = db.bulk_insert, Path(sys.argv[1])
def slow(*args, **kwargs):
    marker.touch()
    time.sleep(0.4)
    return orig(*args, **kwargs)
db.bulk_insert = slow
from geldstromen.cli import main
sys.argv = ["geldstromen", *sys.argv[2:]]
main()
"""
INW = (
    "select sum(cast(w.waarde as double precision)) from raw_cbs_waarde w "
    "join raw_cbs_reeks r on r.reeks_id = w.reeks_id where r.kolom = 'AantalInwoners_5'"
)


def _change(data) -> None:
    csv = next((data / "cbs_kwb").glob("*.csv"))
    csv.write_text(csv.read_text().replace('"   10000"', '"   12345"'), encoding="utf-8")


def test_sigkill_half_way_keeps_previous_data_and_next_ingest_completes(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    data = fixture_store(url, tmp_path)
    before = snapshot(url)
    engine = db.make_engine(url)
    with engine.connect() as conn:
        old = conn.execute(text(INW)).scalar()
    engine.dispose()
    _change(data)
    marker = tmp_path / "writing"
    args = ["ingest", "--force", "--quiet", "--data-dir", str(data), "--database-url", url]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_INGEST, str(marker), *args])
    deadline = time.time() + 60
    while not marker.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "ingest never started writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(url) == before
    engine = db.make_engine(url)
    result = ingest(engine, vind_bestanden(data))
    assert result.nieuw
    with engine.connect() as conn:
        assert conn.execute(text(INW)).scalar() == old + 2345
    engine.dispose()


def test_readers_see_old_or_new_totals_never_a_mix(database_url, tmp_path, monkeypatch):
    data = fixture_store(database_url, tmp_path / "a")
    engine = db.make_engine(database_url)
    with engine.connect() as conn:
        old = conn.execute(text(INW)).scalar()
    _change(data)
    new = old + 2345
    seen, stop = [], threading.Event()

    def reader():
        reader_engine = db.make_engine(database_url)
        while not stop.is_set():
            with reader_engine.connect() as conn:
                seen.append(conn.execute(text(INW)).scalar())
            time.sleep(0.01)
        reader_engine.dispose()

    orig = db.bulk_insert
    monkeypatch.setattr(db, "bulk_insert", lambda *a, **k: (time.sleep(0.1), orig(*a, **k))[1])
    thread = threading.Thread(target=reader)
    thread.start()
    try:
        ingest(engine, vind_bestanden(data), force=True)
        time.sleep(0.1)
    finally:
        stop.set()
        thread.join()
    engine.dispose()
    assert len(seen) > 5
    assert set(seen) <= {old, new}, set(seen)
    assert seen[-1] == new


def test_copy_of_fixture_untouched(tmp_path):
    # guards the other tests: the shared fixture folder is never edited in place
    from tests.conftest import FIXTURES

    target = tmp_path / "f"
    shutil.copytree(FIXTURES / "data", target)
    assert '"   10000"' in next((target / "cbs_kwb").glob("*.csv")).read_text()
