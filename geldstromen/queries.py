"""Run a named query from ``sql/queries/<name>.sql`` with bound parameters."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, bindparam, text

from geldstromen.config import SQL_DIR


class UnknownQuery(KeyError):
    """Raised for a query name without a file in sql/queries."""


@cache
def _sql(name: str, sql_dir: Path = SQL_DIR) -> str:
    if not name.replace("_", "").isalnum():
        raise UnknownQuery(name)
    path = sql_dir / "queries" / f"{name}.sql"
    if not path.exists():
        raise UnknownQuery(name)
    return path.read_text(encoding="utf-8")


def query_names(sql_dir: Path = SQL_DIR) -> list[str]:
    """Names of all queries."""
    return sorted(p.stem for p in (sql_dir / "queries").glob("*.sql"))


def run_query(engine: Engine, name: str, **params) -> pd.DataFrame:
    """Run query ``name`` with bound ``params``; list/tuple params expand to ``IN`` lists."""
    stmt = text(_sql(name))
    expanding = [k for k, v in params.items() if isinstance(v, list | tuple)]
    if expanding:
        stmt = stmt.bindparams(*(bindparam(k, expanding=True) for k in expanding))
    with engine.connect() as conn:
        return pd.read_sql_query(stmt, conn, params=params)
