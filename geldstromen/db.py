"""Engine factory (SQLite by default, PostgreSQL by URL) and the view layer from ``sql/views``."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy import column as kolom
from sqlalchemy.exc import DBAPIError, OperationalError

from geldstromen.config import SQL_DIR
from geldstromen.schema import metadata

VIEW_LAYERS = ("staging", "intermediate", "marts")
#: Views over the materialised ``<mart>_mat`` tables (``sql/views/lezen``): they give pages the
#: wide rows (labels, names, sources) while the tables store them once per indicator, region or
#: source; created after the tables, dropped before them.
LEES_LAYER = "lezen"
#: Views of earlier versions: dropped first, so that a store built by an older version can be
#: re-initialised (on PostgreSQL a leftover view would block dropping the views it reads).
VERVALLEN_VIEWS = ("int_regio__naam_laatst", "mart_indicator")
#: PostgreSQL advisory-lock key of the writer slot (ingest, import-lokaal): "geldstrm".
SLOT_SLEUTEL = int.from_bytes(b"geldstrm", "big")
#: Seconds a SQLite connection waits for another writer before "database is locked".
SQLITE_WACHT_S = 30.0
_log = logging.getLogger(__name__)


class BezetFout(Exception):
    """Another ingest or import is writing to the same store (Dutch message)."""


def sqlite_pad(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL (None for memory or ``file:`` URIs)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1] if "///" in url else ""
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path.split("?", 1)[0])


def alleen_lezen(path: Path) -> bool:
    """True when the store exists but this process may not write the file or its folder
    (SQLite's WAL needs ``-wal``/``-shm`` files next to it)."""
    if not path.exists():
        return False
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _alleen_lezen_engine(path: Path) -> Engine:
    """A read-only engine: ``mode=ro`` without the WAL pragma; when even that cannot open
    the store (a WAL store whose ``-shm`` file cannot be created), ``immutable=1``."""
    last: Engine | None = None
    for params in ("mode=ro", "immutable=1"):
        uri = f"file:{quote(str(path.resolve()))}?{params}"

        def connect(uri: str = uri) -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, timeout=SQLITE_WACHT_S, check_same_thread=False)

        engine = create_engine("sqlite://", creator=connect)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM sqlite_master"))
        except OperationalError:
            engine.dispose()
            last = engine
            continue
        _log.info("store %s is not writable: opened read-only (%s)", path.name, params)
        return engine
    assert last is not None
    return last  # fails on use with SQLite's own message, which the callers translate


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL (readers never block on an ingest) and a busy timeout.

    A SQLite store this process may not write is opened read-only (no WAL pragma), so pages
    still show it; a write then fails with "readonly database".
    """
    if url.startswith("sqlite"):
        pad = sqlite_pad(url)
        if pad is not None and alleen_lezen(pad):
            return _alleen_lezen_engine(pad)
        if pad is not None:
            pad.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_WACHT_S, "check_same_thread": False}
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            # a new file keeps a map of free pages, so :func:`geef_ruimte_terug` can hand the
            # pages of deleted or rebuilt tables back to the file system (no effect on a
            # store that already has tables; set only on an empty file: on a store that another
            # process is writing, the pragma waits for the write lock and fails as "locked")
            if cur.execute("PRAGMA page_count").fetchone()[0] == 0:
                cur.execute("PRAGMA auto_vacuum=INCREMENTAL")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def geef_ruimte_terug(engine: Engine) -> int:
    """SQLite: return free pages (of replaced sources and rebuilt marts) to the file system
    after a write (``incremental_vacuum``; stores created with ``auto_vacuum=INCREMENTAL``).
    Returns the number of pages that were free; 0 on other databases."""
    if engine.dialect.name != "sqlite":
        return 0
    with engine.connect() as conn:
        vrij = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0)
        if vrij:
            conn.exec_driver_sql("PRAGMA incremental_vacuum")
            conn.commit()
    return vrij


@contextmanager
def schrijfslot(engine: Engine) -> Iterator[None]:
    """Hold the store's writer slot (ingest, import-lokaal) for the duration of the block.

    SQLite: an exclusive ``flock`` on ``<store>.ingest.lock`` next to the store; PostgreSQL: a
    session advisory lock on its own connection. Both are released when the process dies. A
    second writer gets :class:`BezetFout` at once instead of waiting for the busy timeout.
    """
    bezet = BezetFout(
        "er loopt al een andere ingest of import op deze database; wacht tot die klaar is en "
        "probeer het dan opnieuw."
    )
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            if not conn.execute(
                text("SELECT pg_try_advisory_lock(:k)"), {"k": SLOT_SLEUTEL}
            ).scalar():
                raise bezet
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": SLOT_SLEUTEL})
                conn.commit()
        return
    pad = sqlite_pad(str(engine.url)) if engine.dialect.name == "sqlite" else None
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: SQLite's busy timeout only
        fcntl = None
    if pad is None or fcntl is None:
        yield
        return
    try:
        fh = open(pad.with_name(pad.name + ".ingest.lock"), "a")  # noqa: SIM115
    except OSError:  # a read-only folder: the write itself will say so
        yield
        return
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise bezet from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def foutmelding(exc: BaseException) -> str:
    """A Dutch one-line description of a database error (no URL, host, port or password)."""
    if isinstance(exc, BezetFout):
        return str(exc)
    orig = getattr(exc, "orig", None) or exc
    tekst = str(orig).lower()
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if "database is locked" in tekst or "database table is locked" in tekst:
        return "de database is bezet: een andere bewerking schrijft erin. Probeer het zo opnieuw."
    if "readonly database" in tekst or "read-only" in tekst or sqlstate == "25006":
        return (
            "de database is alleen-lezen: dit proces mag het databasebestand of de map "
            "ervan niet schrijven."
        )
    if "disk is full" in tekst or "no space left" in tekst or sqlstate == "53100":
        return "de schijf is vol: de database kan niet worden geschreven."
    if "unable to open database file" in tekst:
        return (
            "het databasebestand kan niet worden geopend (bestaat de map, zijn de rechten goed?)."
        )
    if "not a database" in tekst or "malformed" in tekst:
        return "het databasebestand is beschadigd of geen SQLite-database."
    if "no such table" in tekst or (sqlstate == "42P01"):
        return "de database is leeg of onvolledig; voer eerst `geldstromen ingest` uit."
    if isinstance(exc, OperationalError) and (
        getattr(exc, "connection_invalidated", False)
        or any(w in tekst for w in ("connection", "could not connect", "could not translate"))
    ):
        return (
            "de database-server is niet bereikbaar; controleer GELDSTROMEN_DATABASE_URL "
            "en of de server draait."
        )
    soort = type(orig).__name__ if isinstance(exc, DBAPIError) else type(exc).__name__
    return f"databasefout ({soort}); zie het serverlog of probeer het opnieuw."


def view_files(sql_dir: Path = SQL_DIR) -> list[tuple[str, Path]]:
    """All view files as (view name, path), in layer order, then by name."""
    files = []
    for layer in VIEW_LAYERS:
        for path in sorted((sql_dir / "views" / layer).glob("*.sql")):
            files.append((path.stem, path))
    return files


#: Columns that replace an older column of the same raw table: (table, new column) ->
#: (old column, divisor from the old unit to the new). An older store gets the new column filled
#: from the old one, and the files of that table are read again at this ingest (their bron
#: checksum is cleared), so the table holds the values as published once more.
#: raw_budget stored euros converted at ingest; it now stores the published x1000 euro and
#: ``stg_budget`` converts (one place per unit conversion: staging).
VERVANGEN_KOLOMMEN = {("raw_budget", "bedrag_keur"): ("bedrag_eur", 1000.0)}


def create_tables(conn: Connection) -> None:
    """Create raw tables that do not exist yet, and add nullable columns that a newer version
    of the schema has and an existing store lacks (e.g. ``bron.opgehaald_op``); a column that
    replaces an older one is filled from it and its files are read again
    (:data:`VERVANGEN_KOLOMMEN`)."""
    oud = _cbs_waarde_oud(conn)
    vektis_oud = _vektis_kosten_oud(conn)
    metadata.create_all(conn)
    if oud:
        _migreer_cbs_waarde(conn, oud)
    if vektis_oud:
        _migreer_vektis_kosten(conn)
    insp = inspect(conn)
    for table in metadata.sorted_tables:
        for index in table.indexes:  # an index a newer schema adds to an existing table
            index.create(conn, checkfirst=True)
        present = {c["name"] for c in insp.get_columns(table.name)}
        for column in table.columns:
            if column.name in present or not column.nullable:
                continue
            kind = column.type.compile(dialect=conn.dialect)
            # names and type come from our own schema, never from input
            conn.execute(text(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}'))
            if (table.name, column.name) in VERVANGEN_KOLOMMEN:
                _vervang(conn, table, column.name, present)


def _cbs_waarde_oud(conn: Connection) -> str | None:
    """A store of an earlier version keeps ``raw_cbs_waarde`` with the source, year and column
    on every row (``"breed"``) or with the region code on every row (``"reeks"``): rename it
    out of the way (views and indexes dropped) so that the normalised table can be created and
    filled from it (:func:`_migreer_cbs_waarde`). None when the store is current or new."""
    insp = inspect(conn)
    if not insp.has_table("raw_cbs_waarde"):
        return None
    kolommen = {c["name"] for c in insp.get_columns("raw_cbs_waarde")}
    if "regio_code" not in kolommen:
        return None
    vorm = "breed" if "kolom" in kolommen else "reeks"
    drop_views(conn, [name for name, _ in lees_view_files()])
    drop_views(conn, [name for name, _ in view_files()] + list(VERVALLEN_VIEWS))
    for index in ("ix_raw_cbs_waarde_kolom", "ix_raw_cbs_waarde_bron"):
        conn.execute(text(f'DROP INDEX IF EXISTS "{index}"'))
    sleutel = insp.get_pk_constraint("raw_cbs_waarde").get("name")
    conn.execute(text('ALTER TABLE "raw_cbs_waarde" RENAME TO "raw_cbs_waarde_oud"'))
    if sleutel == "pk_raw_cbs_waarde" and conn.dialect.name == "postgresql":  # free the name
        conn.execute(
            text(
                'ALTER TABLE "raw_cbs_waarde_oud" RENAME CONSTRAINT "pk_raw_cbs_waarde" '
                'TO "pk_raw_cbs_waarde_oud"'
            )
        )
    return vorm


def _migreer_cbs_waarde(conn: Connection, vorm: str) -> None:
    """Fill the normalised ``raw_cbs_reeks``/``raw_cbs_regio``/``raw_cbs_waarde`` from the
    renamed table of an earlier version (values unchanged), drop it and rebuild views and
    marts."""
    stappen = ["raw_cbs_reeks", "raw_cbs_regio", "raw_cbs_waarde"]
    if vorm == "reeks":  # the series are there already
        stappen = ["raw_cbs_regio", "raw_cbs_waarde_reeks"]
    for stap in stappen:
        conn.execute(text((SQL_DIR / "migratie" / f"{stap}.sql").read_text(encoding="utf-8")))
    conn.execute(text('DROP TABLE "raw_cbs_waarde_oud"'))
    _log.info("raw_cbs_waarde normalised (raw_cbs_reeks, raw_cbs_regio); views and marts rebuilt")
    apply_views(conn)
    materialise_marts(conn)


def _vektis_kosten_oud(conn: Connection) -> bool:
    """A store of an earlier version keeps ``raw_vektis_kosten`` with source, year, sex, age
    class, cost item and gemeente name on every row: rename it out of the way (views and its
    indexes dropped) so that the normalised tables can be created and filled from it
    (:func:`_migreer_vektis_kosten`). False when the store is current or new."""
    insp = inspect(conn)
    if not insp.has_table("raw_vektis_kosten"):
        return False
    if "kostenpost" not in {c["name"] for c in insp.get_columns("raw_vektis_kosten")}:
        return False
    drop_views(conn, [name for name, _ in lees_view_files()])
    drop_views(conn, [name for name, _ in view_files()] + list(VERVALLEN_VIEWS))
    for index in ("ix_raw_vektis_kosten_naam", "ix_raw_vektis_kosten_nl"):
        conn.execute(text(f'DROP INDEX IF EXISTS "{index}"'))
    conn.execute(text('ALTER TABLE "raw_vektis_kosten" RENAME TO "raw_vektis_kosten_oud"'))
    return True


def _migreer_vektis_kosten(conn: Connection) -> None:
    """Fill ``raw_vektis_reeks``/``raw_vektis_naam``/``raw_vektis_kosten`` from the renamed
    table of an earlier version (values unchanged), drop it and rebuild views and marts."""
    for stap in ("raw_vektis_reeks", "raw_vektis_naam", "raw_vektis_kosten"):
        conn.execute(text((SQL_DIR / "migratie" / f"{stap}.sql").read_text(encoding="utf-8")))
    conn.execute(text('DROP TABLE "raw_vektis_kosten_oud"'))
    _log.info("raw_vektis_kosten normalised (raw_vektis_reeks, raw_vektis_naam); views rebuilt")
    apply_views(conn)
    materialise_marts(conn)


def _vervang(conn: Connection, table, nieuw: str, present: set[str]) -> None:
    """Fill a just-added column from the column it replaces and clear the checksums of the
    table's files, so the ingest reads them again (:data:`VERVANGEN_KOLOMMEN`)."""
    oud, deler = VERVANGEN_KOLOMMEN[(table.name, nieuw)]
    if oud not in present:
        return
    conn.execute(update(table).values({nieuw: kolom(oud) / deler}))
    bron_tabel = metadata.tables["bron"]
    conn.execute(
        update(bron_tabel)
        .where(bron_tabel.c.bron_id.in_(select(table.c.bron_id)))
        .values(sha256=None)
    )


def drop_views(conn: Connection, names: Iterable[str]) -> None:
    """Drop the given views if they exist (reverse order: marts first)."""
    existing = set(inspect(conn).get_view_names())
    for name in reversed(list(names)):
        if name in existing:
            conn.execute(text(f'DROP VIEW "{name}"'))  # name comes from our own file names


def lees_view_files(sql_dir: Path = SQL_DIR) -> list[tuple[str, Path]]:
    """The views over materialised marts (``sql/views/lezen``), as (view name, path)."""
    return [(p.stem, p) for p in sorted((sql_dir / "views" / LEES_LAYER).glob("*.sql"))]


def apply_lees_views(conn: Connection, sql_dir: Path = SQL_DIR) -> list[str]:
    """(Re)create the views over the ``_mat`` tables. A store of an earlier version has a
    table under such a name (``mart_indicator_mat`` was a wide table): it is dropped."""
    files = lees_view_files(sql_dir)
    drop_views(conn, [name for name, _ in files])
    tabellen = set(inspect(conn).get_table_names())
    for name, path in files:
        if name in tabellen:
            conn.execute(text(f'DROP TABLE "{name}"'))  # name comes from our own file names
        body = path.read_text(encoding="utf-8").strip().rstrip(";")
        conn.execute(text(f'CREATE VIEW "{name}" AS\n{body}'))
    return [name for name, _ in files]


def apply_views(conn: Connection, sql_dir: Path = SQL_DIR) -> list[str]:
    """(Re)create every view from ``sql/views`` in layer order; returns their names."""
    files = view_files(sql_dir)
    lees = [name for name, _ in lees_view_files(sql_dir)]  # may read views: dropped first
    drop_views(conn, [name for name, _ in files] + list(VERVALLEN_VIEWS) + lees)
    for name, path in files:
        body = path.read_text(encoding="utf-8").strip().rstrip(";")
        conn.execute(text(f'CREATE VIEW "{name}" AS\n{body}'))
    return [name for name, _ in files]


def init_database(engine: Engine) -> None:
    """Create tables and views in one transaction."""
    with engine.begin() as conn:
        create_tables(conn)
        apply_views(conn)


def is_initialised(engine: Engine) -> bool:
    """True when the provenance table exists."""
    return inspect(engine).has_table("bron")


def bulk_insert(conn: Connection, table, frame, chunk: int = 50_000) -> int:
    """Insert a DataFrame into ``table`` (a schema Table); COPY on PostgreSQL, executemany else."""
    if frame.empty:
        return 0
    cols = [c.name for c in table.columns if c.name in frame.columns]
    frame = frame[cols].astype(object).where(frame[cols].notna(), None)
    rows = list(frame.itertuples(index=False, name=None))
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        col_list = ", ".join(f'"{c}"' for c in cols)
        with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({col_list}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        return len(rows)
    if conn.dialect.name != "sqlite":
        stmt = table.insert()
        for start in range(0, len(rows), chunk):
            conn.execute(
                stmt, [dict(zip(cols, r, strict=True)) for r in rows[start : start + chunk]]
            )
        return len(rows)
    # plain DB-API executemany on the same connection/transaction: no per-row compile step
    raw = conn.connection.driver_connection
    col_list = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    sql = f'INSERT INTO "{table.name}" ({col_list}) VALUES ({marks})'  # noqa: S608
    cur = raw.cursor()
    try:
        for start in range(0, len(rows), chunk):
            cur.executemany(sql, rows[start : start + chunk])
    finally:
        cur.close()
    return len(rows)


_INDEX_NAAM = re.compile(r"(create\s+(?:unique\s+)?index\s+(?:if\s+not\s+exists\s+)?)(\w+)", re.I)
#: Suffix of a mart table (and its indexes) while it is built on PostgreSQL.
NIEUW = "_nieuw"


def _bouw(conn: Connection, name: str, sql_dir: Path, suffix: str) -> list[str]:
    """Create ``<name>_mat<suffix>`` from the view, with the indexes of
    ``sql/indexes/<name>.sql`` (their names get the same suffix); returns the index names."""
    tabel = f"{name}_mat"
    conn.execute(text(f'DROP TABLE IF EXISTS "{tabel}{suffix}"'))
    ddl = sql_dir / "tabellen" / f"{name}.sql"
    if ddl.exists():  # declared columns and a composite primary key (SQLite: no rowid)
        stmt = re.sub(rf"\b{tabel}\b", f"{tabel}{suffix}", ddl.read_text(encoding="utf-8"))
        stmt = stmt.strip().rstrip(";")
        if conn.dialect.name == "sqlite":
            stmt += " WITHOUT ROWID"
        conn.execute(text(stmt))
        conn.execute(text(f'INSERT INTO "{tabel}{suffix}" SELECT * FROM "{name}"'))  # noqa: S608
    else:
        conn.execute(text(f'CREATE TABLE "{tabel}{suffix}" AS SELECT * FROM "{name}"'))  # noqa: S608
    index_file = sql_dir / "indexes" / f"{name}.sql"
    namen = []
    if index_file.exists():
        for stmt in index_file.read_text(encoding="utf-8").split(";"):
            if not stmt.strip():
                continue
            if suffix:
                stmt = re.sub(rf"\b{tabel}\b", f"{tabel}{suffix}", stmt)
                stmt = _INDEX_NAAM.sub(lambda m: m.group(1) + m.group(2) + suffix, stmt, count=1)
            if m := _INDEX_NAAM.search(stmt):
                namen.append(m.group(2).removesuffix(suffix) if suffix else m.group(2))
            conn.execute(text(stmt))
    return namen


def materialise_marts(
    conn: Connection, sql_dir: Path = SQL_DIR, namen: Iterable[str] | None = None
) -> list[str]:
    """Copy every mart view (or those in ``namen``) into a ``<name>_mat`` table (plus
    ``sql/indexes/<name>.sql``). Pages read the tables, so a rerun never recomputes the views.

    PostgreSQL: each table is built as ``<name>_mat_nieuw`` and only when all are built are the
    old tables dropped and the new ones renamed (a moment before the commit), so pages reading
    the old tables are not blocked while the build runs. SQLite (WAL): readers keep their
    snapshot anyway, so the tables are rebuilt in place. A mart with a view ``<name>_mat`` in
    ``sql/views/lezen`` is read through that view and not copied; those views are (re)created
    after the tables.
    """
    alles = namen is None
    if alles:
        namen = [path.stem for path in sorted((sql_dir / "views" / "marts").glob("*.sql"))]
    # a mart read through a view of the same name in sql/views/lezen is not copied
    gelezen = {name for name, _ in lees_view_files(sql_dir)}
    namen = [name for name in namen if f"{name}_mat" not in gelezen]
    if alles:
        # fresh planner statistics: without them SQLite joins raw_cbs_waarde via the wrong index
        analyseer(conn)
    namen = list(namen)
    if conn.dialect.name != "postgresql":
        drop_views(conn, [name for name, _ in lees_view_files(sql_dir)])
        for name in namen:
            _bouw(conn, name, sql_dir, "")
        apply_lees_views(conn, sql_dir)
        if alles:  # and for the new tables: the views over them start from the small tables
            analyseer(conn)
        return namen
    indexen = {name: _bouw(conn, name, sql_dir, NIEUW) for name in namen}
    # the swap: short, at the end (the views over the tables go first and come back after)
    drop_views(conn, [name for name, _ in lees_view_files(sql_dir)])
    for name in namen:
        conn.execute(text(f'DROP TABLE IF EXISTS "{name}_mat"'))
        conn.execute(text(f'ALTER TABLE "{name}_mat{NIEUW}" RENAME TO "{name}_mat"'))
        if (sql_dir / "tabellen" / f"{name}.sql").exists():  # PostgreSQL's own key name
            conn.execute(
                text(
                    f'ALTER TABLE "{name}_mat" RENAME CONSTRAINT "{name}_mat{NIEUW}_pkey" '
                    f'TO "{name}_mat_pkey"'
                )
            )
        for index in indexen[name]:
            conn.execute(text(f'ALTER INDEX "{index}{NIEUW}" RENAME TO "{index}"'))
    apply_lees_views(conn, sql_dir)
    if alles:
        analyseer(conn)
    return namen


def analyseer(conn: Connection) -> None:
    """Planner statistics; SQLite samples (``analysis_limit``) so a national store takes
    seconds, not minutes."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("PRAGMA analysis_limit=1000"))
    conn.execute(text("ANALYZE"))
