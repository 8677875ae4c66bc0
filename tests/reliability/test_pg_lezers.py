"""PostgreSQL: pages keep reading the previous mart tables while an ingest rebuilds them.

Before, ``materialise_marts`` dropped each ``*_mat`` table inside the ingest transaction, so a
page reading it waited for the whole rest of the ingest (15.6 s on the real data). Now the
tables are built under new names and swapped in at the end. The reader runs with a
``lock_timeout``: it must never hit it (a lock, not a wall-clock assertion).
"""

from __future__ import annotations

import shutil
import threading
import time

from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from tests.conftest import FIXTURES
from tests.support.pg import fresh_database

#: Each mart build is slowed by this much, so the build takes far longer than LOCK_TIMEOUT.
VERTRAGING_S = 0.3
LOCK_TIMEOUT = "1s"
TELLING = "select count(*) from mart_bronnen_mat"


def _vertraag_bouw(engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _slow(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("CREATE TABLE"):
            time.sleep(VERTRAGING_S)


def test_readers_keep_the_old_marts_while_an_ingest_rebuilds_them(postgres_url, tmp_path):
    url = fresh_database(postgres_url)
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    engine = db.make_engine(url)
    ingest(engine, vind_bestanden(data))
    reader = db.make_engine(url)
    with reader.connect() as conn:
        oud = conn.execute(text(TELLING)).scalar()
    gf = data / "gemeentefonds"  # one more source: the new mart_bronnen has one more row
    shutil.copy(gf / "GF_M2024_2025_per_cluster.csv", gf / "GF_S2024_2025_per_cluster.csv")
    _vertraag_bouw(engine)
    fout: list[BaseException] = []

    def run() -> None:
        try:
            ingest(engine, vind_bestanden(data))
        except BaseException as exc:  # noqa: BLE001 - reported below
            fout.append(exc)

    thread = threading.Thread(target=run)
    gezien, geblokkeerd, wachttijden = [], [], []
    thread.start()
    while thread.is_alive():
        with reader.connect() as conn:
            conn.execute(text(f"SET lock_timeout = '{LOCK_TIMEOUT}'"))
            start = time.perf_counter()
            try:
                gezien.append(conn.execute(text(TELLING)).scalar())
            except OperationalError as exc:
                geblokkeerd.append(str(exc.orig).splitlines()[0])
            wachttijden.append(time.perf_counter() - start)
        time.sleep(0.02)
    thread.join()
    assert not fout, fout
    with reader.connect() as conn:
        nieuw = conn.execute(text(TELLING)).scalar()
        rest = conn.execute(text("select count(*) from pg_class where relname like '%\\_nieuw'"))
        assert rest.scalar() == 0  # nothing left under the build names (tables or indexes)
    engine.dispose()
    reader.dispose()
    assert nieuw == oud + 1
    assert not geblokkeerd, geblokkeerd  # never waited LOCK_TIMEOUT for the ingest
    assert oud in gezien and set(gezien) <= {oud, nieuw}  # read during the build: old or new
    print(f"reads: {len(gezien)}, longest read: {max(wachttijden):.3f} s")
