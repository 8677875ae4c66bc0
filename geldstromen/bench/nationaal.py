"""National store figures of ``geldstromen bench --nationaal`` (issue 16).

- the national replay (``scripts/replay_nationaal.py``: all KWB years at buurt level, Iv3,
  Vektis; synthetic values in the real shapes): ingest time, rows, store size and bytes per
  table, in a subprocess;
- the lab store (ingest of the data folder) for comparison: time and size;
- the Wijkprofiel rerun on both stores (same method as ``rerun_ms``) and the ratio, plus the
  peak RSS of the app process on the national store after visiting every page;
- the embedded alternative: the same raw tables loaded into DuckDB (duckdb-engine), the same
  views and marts built with the same SQL, the file size and the page queries timed on both.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geldstromen.bench.server import AgentSession, peak_rss_mb, streamlit_server
from geldstromen.config import REPO_ROOT

REPLAY = REPO_ROOT / "scripts" / "replay_nationaal.py"
#: Gemeenten of the national replay whose wijken the rerun switches (GM0001 ... GM0342).
NATIONAAL_GEMEENTEN = ("GM0014", "GM0100", "GM0200", "GM0300", "GM0342")
#: Page queries timed on SQLite and DuckDB, with parameters for the national replay.
QUERIES = {
    "profiel_regios": {"regio_codes": ["WK001401", "WK001402", "GM0014"], "jaar": 2024},
    "thema_indicatoren": {
        "gemeente_code": "GM0014",
        "niveau": "buurt",
        "indicatoren": ["inwoners_aantal", "woningen_aantal", "huishoudens_aantal"],
    },
    "indicator_waarden": {
        "gemeente_code": "GM0014",
        "niveau": "buurt",
        "jaar": 2024,
        "indicator": "inwoners_aantal",
    },
    "kaart_waarden_nl": {"niveau": "buurt", "jaar": 2024, "indicator": "inwoners_aantal"},
    "tijd_regio": {"regio_code": "BU00140101"},
    "indicator_keuzes": {"gemeente_code": "GM0014", "niveau": "wijk", "jaar": 2024},
    "beschikbaarheid": {"gemeente_code": "GM0014"},
    "gemeenten": {},
    "zorg_vektis_gemeente": {"gemeente_code": "GM0014"},
}


def replay(folder: Path, argv: list[str] | None = None) -> dict:
    """Run the national replay into ``folder``; its figures (JSON written by the script)."""
    out = folder / "replay.json"
    cmd = [sys.executable, str(REPLAY), "--dir", str(folder), "--json", str(out), *(argv or [])]
    subprocess.run(cmd, check=True, cwd=REPO_ROOT, capture_output=True)
    return json.loads(out.read_text(encoding="utf-8"))


def lab_store(data_dir: Path, path: Path) -> dict:
    """Ingest the data folder into ``path``: time and size."""
    cmd = [sys.executable, "-m", "geldstromen.cli", "ingest", "--quiet"]
    cmd += ["--data-dir", str(data_dir), "--database-url", f"sqlite:///{path}"]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=REPO_ROOT, capture_output=True)
    return {"ingest_s": round(time.perf_counter() - start, 1), "store_bytes": path.stat().st_size}


def rerun(url: str, gemeenten: tuple[str, ...], switches: int, pages: bool = False) -> dict:
    """Wijkprofiel reruns (second pass, caches warm) switching wijken in ``gemeenten``; with
    ``pages`` also the peak RSS after visiting every page for those gemeenten."""
    from geldstromen.bench.measure import APP, summary
    from geldstromen.bench.run import RERUN_KEY, RERUN_PAGE

    env = {"GELDSTROMEN_DATABASE_URL": url}
    out: dict = {}
    with streamlit_server(APP, env) as (base, proc):
        for rondje in ("eerste", "tweede"):
            samples: list[float] = []
            per_gm = max(1, switches // len(gemeenten) + 1)
            for gm in gemeenten:
                session = AgentSession(base, page=RERUN_PAGE, query={"gemeente": gm})
                for option in session.options(RERUN_KEY)[:per_gm]:
                    samples.append(session.set(**{RERUN_KEY: option}))
                if len(samples) >= switches:
                    break
            out[f"{rondje}_rerun_ms"] = summary(samples)
        if pages:
            namen = [p["url_path"] for p in AgentSession(base).snapshot.get("pages", [])]
            for gm in gemeenten:
                for page in namen:
                    AgentSession(base, page=page, query={"gemeente": gm})
            out["rss_mb"] = round(peak_rss_mb(proc.pid), 1)
    return out


def query_times(url: str, repeat: int = 3) -> dict:
    """Best of ``repeat`` wall times (ms) of the page queries in :data:`QUERIES`."""
    from sqlalchemy import create_engine

    from geldstromen.queries import UnknownQuery, run_query

    engine = create_engine(url)
    out = {}
    try:
        for name, params in QUERIES.items():
            times = []
            try:
                for _ in range(repeat):
                    start = time.perf_counter()
                    run_query(engine, name, **params)
                    times.append((time.perf_counter() - start) * 1000)
            except UnknownQuery:
                continue
            out[name] = round(min(times), 1)
    finally:
        engine.dispose()
    return out


def duckdb_store(sqlite_path: Path, duck_path: Path) -> dict:
    """Load the raw and reference tables of a SQLite store into DuckDB through duckdb-engine
    (same schema), build views and marts with the same SQL and code; times and size."""
    import pandas as pd
    from sqlalchemy import create_engine, event, inspect, text
    from sqlalchemy.schema import CreateTable

    from geldstromen import db
    from geldstromen.schema import metadata

    bron = create_engine(f"sqlite:///{sqlite_path}")
    doel = create_engine(f"duckdb:///{duck_path}")

    @event.listens_for(doel, "connect")
    def _stil(dbapi_conn, _record):  # no progress bars in the bench output
        dbapi_conn.execute("SET enable_progress_bar = false")

    start = time.perf_counter()
    with doel.begin() as conn:  # tables and keys; no secondary indexes (DuckDB: zone maps)
        for table in metadata.sorted_tables:
            conn.execute(CreateTable(table, if_not_exists=True))
    rijen = 0
    with bron.connect() as src:
        aanwezig = set(inspect(src).get_table_names())
        for table in metadata.sorted_tables:
            if table.name not in aanwezig:
                continue
            cols = ", ".join(f'"{c.name}"' for c in table.columns)
            query = text(f'SELECT {cols} FROM "{table.name}"')  # noqa: S608 - own names
            for chunk in pd.read_sql_query(query, src, chunksize=500_000):
                raw = doel.raw_connection()
                try:
                    duck = raw.driver_connection
                    duck.register("stuk", chunk)
                    duck.execute(f'INSERT INTO "{table.name}" SELECT * FROM stuk')  # noqa: S608
                    duck.unregister("stuk")
                    raw.commit()
                finally:
                    raw.close()
                rijen += len(chunk)
    geladen = time.perf_counter() - start
    start = time.perf_counter()
    with doel.begin() as conn:
        db.apply_views(conn)
        db.materialise_marts(conn)
    marts = time.perf_counter() - start
    doel.dispose()
    bron.dispose()
    return {
        "rijen": rijen,
        "laden_s": round(geladen, 1),
        "marts_s": round(marts, 1),
        "store_bytes": duck_path.stat().st_size,
    }


def sqlite_marts_s(sqlite_path: Path) -> float:
    """Time to rebuild views and marts on the SQLite store (the part of the ingest after the
    raw tables are written), for comparison with :func:`duckdb_store`."""
    from geldstromen import db

    engine = db.make_engine(f"sqlite:///{sqlite_path}")
    start = time.perf_counter()
    with engine.begin() as conn:
        db.apply_views(conn)
        db.materialise_marts(conn)
    engine.dispose()
    return round(time.perf_counter() - start, 1)


def run(data_dir: Path | None, switches: int = 20, replay_args: list[str] | None = None) -> dict:
    """Every national-store figure in one run (see the module docstring)."""
    from geldstromen.bench.measure import GEMEENTEN

    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="nationaal_") as tmp:
        folder = Path(tmp)
        nat = replay(folder / "replay", replay_args)
        out["nationaal"] = nat
        nat_url = f"sqlite:///{nat['store']}"
        out["nationaal_rerun"] = rerun(nat_url, NATIONAAL_GEMEENTEN, switches, pages=True)
        if data_dir is not None:
            lab = folder / "lab.sqlite"
            out["lab"] = lab_store(data_dir, lab)
            out["lab_rerun"] = rerun(f"sqlite:///{lab}", GEMEENTEN, switches)
            a = out["nationaal_rerun"]["tweede_rerun_ms"]["median"]
            b = out["lab_rerun"]["tweede_rerun_ms"]["median"]
            out["rerun_ratio_nationaal_lab"] = round(a / b, 2) if a and b else None
        out["sqlite_queries_ms"] = query_times(nat_url)
        out["sqlite_marts_s"] = sqlite_marts_s(Path(nat["store"]))
        try:
            duck = folder / "nationaal.duckdb"
            out["duckdb"] = duckdb_store(Path(nat["store"]), duck)
            out["duckdb_queries_ms"] = query_times(f"duckdb:///{duck}")
        except Exception as exc:  # the figure says why it is missing
            out["duckdb"] = {"fout": f"{type(exc).__name__}: {exc}"[:300]}
    out["doelen"] = [list(d) for d in doelen(out)]
    return out


def doelen(out: dict) -> list[tuple[str, str, str, bool | None]]:
    """(figure, value, target, met) of the national-store targets."""
    nat = out.get("nationaal", {})
    size = nat.get("store_bytes") or 0
    ratio = out.get("rerun_ratio_nationaal_lab")
    rss = out.get("nationaal_rerun", {}).get("rss_mb")
    return [
        (
            "nationaal ingest",
            f"{nat.get('ingest_s')} s",
            "<= 600 s",
            nat.get("ingest_s", 1e9) <= 600,
        ),
        ("nationaal store", f"{size / 1e9:.2f} GB", "<= 2 GB", size <= 2e9),
        ("rerun nationaal/lab", f"{ratio}x", "<= 1.2x", None if ratio is None else ratio <= 1.2),
        ("RSS app (nationaal)", f"{rss} MB", "<= 500 MB", None if rss is None else rss <= 500),
    ]


def regels(out: dict) -> list[str]:
    """Printable lines: the targets, then bytes per table and the query times."""
    lines = []
    for name, value, target, ok in doelen(out):
        mark = "?" if ok is None else ("ok" if ok else "NIET GEHAALD")
        lines.append(f"{name:32} {value:>14}  doel {target:22} {mark}")
    nat = out.get("nationaal", {})
    lines.append(
        f"replay: {nat.get('rijen')} rijen, {nat.get('bronnen')} bronnen; ingest "
        f"{nat.get('ingest_s')} s (waarvan pagina's maken {nat.get('replay_genereren_s')} s)"
    )
    for naam, grootte in list(nat.get("bytes_per_tabel", {}).items())[:12]:
        lines.append(f"  {naam:40} {grootte / 1e6:9.1f} MB")
    duck = out.get("duckdb", {})
    lines.append(f"DuckDB: {duck}; SQLite marts {out.get('sqlite_marts_s')} s")
    sq, dq = out.get("sqlite_queries_ms", {}), out.get("duckdb_queries_ms", {})
    for naam in sq:
        lines.append(f"  {naam:28} SQLite {sq[naam]:9.1f} ms  DuckDB {dq.get(naam, '-')} ms")
    return lines
