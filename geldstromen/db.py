"""Engine factory (SQLite by default, PostgreSQL by URL) and the view layer from ``sql/views``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text

from geldstromen.config import SQL_DIR
from geldstromen.schema import metadata

VIEW_LAYERS = ("staging", "intermediate", "marts")


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL (readers never block on an ingest) and a busy timeout."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and not path.startswith("file:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def view_files(sql_dir: Path = SQL_DIR) -> list[tuple[str, Path]]:
    """All view files as (view name, path), in layer order, then by name."""
    files = []
    for layer in VIEW_LAYERS:
        for path in sorted((sql_dir / "views" / layer).glob("*.sql")):
            files.append((path.stem, path))
    return files


def create_tables(conn: Connection) -> None:
    """Create raw tables that do not exist yet."""
    metadata.create_all(conn)


def drop_views(conn: Connection, names: Iterable[str]) -> None:
    """Drop the given views if they exist (reverse order: marts first)."""
    existing = set(inspect(conn).get_view_names())
    for name in reversed(list(names)):
        if name in existing:
            conn.execute(text(f'DROP VIEW "{name}"'))  # name comes from our own file names


def apply_views(conn: Connection, sql_dir: Path = SQL_DIR) -> list[str]:
    """(Re)create every view from ``sql/views`` in layer order; returns their names."""
    files = view_files(sql_dir)
    drop_views(conn, [name for name, _ in files])
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


def materialise_marts(conn: Connection, sql_dir: Path = SQL_DIR) -> list[str]:
    """Copy every mart view into a ``<name>_mat`` table (plus ``sql/indexes/<name>.sql``).

    Pages read the tables, so a rerun never recomputes the view stack.
    """
    done = []
    # fresh planner statistics: without them SQLite joins raw_cbs_waarde via the wrong index
    conn.execute(text("ANALYZE"))
    for path in sorted((sql_dir / "views" / "marts").glob("*.sql")):
        name = path.stem
        conn.execute(text(f'DROP TABLE IF EXISTS "{name}_mat"'))
        conn.execute(text(f'CREATE TABLE "{name}_mat" AS SELECT * FROM "{name}"'))  # noqa: S608
        index_file = sql_dir / "indexes" / f"{name}.sql"
        if index_file.exists():
            for stmt in index_file.read_text(encoding="utf-8").split(";"):
                if stmt.strip():
                    conn.execute(text(stmt))
        done.append(name)
    return done
