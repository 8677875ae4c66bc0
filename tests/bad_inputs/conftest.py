"""A fixture store shared by the corpus runner (SQLite, built once from tests/fixtures)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import inspect, text

from geldstromen import db
from tests.support.stores import fixture_store

HIER = Path(__file__).resolve().parent
BESTANDEN = HIER / "bestanden"


def manifest() -> list[dict]:
    """Rows of manifest.csv."""
    with open(HIER / "manifest.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def snapshot(url: str) -> dict[str, tuple[int, int]]:
    """Row count and content checksum of every table (order independent)."""
    engine = db.make_engine(url)
    out = {}
    with engine.connect() as conn:
        for name in sorted(inspect(conn).get_table_names()):
            frame = pd.read_sql_query(text(f'select * from "{name}"'), conn)  # noqa: S608
            digest = int(pd.util.hash_pandas_object(frame.astype(str), index=False).sum())
            out[name] = (len(frame), digest)
    engine.dispose()
    return out


@pytest.fixture(scope="session")
def basis(tmp_path_factory) -> tuple[Path, Path]:
    """(SQLite file, data folder) of the fixture store, built once; tests copy them."""
    tmp = tmp_path_factory.mktemp("basis")
    path = tmp / "basis.sqlite"
    data = fixture_store(f"sqlite:///{path}", tmp)
    return path, data
