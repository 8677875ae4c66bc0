"""Build a store for tests: the synthetic fixtures, or selected sources of the real data."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from tests.conftest import FIXTURES


def fixture_store(url: str, tmp: Path) -> Path:
    """Ingest a copy of the synthetic fixtures into ``url``; returns the data copy."""
    data = tmp / "data"
    shutil.copytree(FIXTURES / "data", data)
    engine = db.make_engine(url)
    ingest(engine, vind_bestanden(data))
    engine.dispose()  # SQLite: checkpoints the WAL, so the file can be copied
    return data


def ingest_soorten(url: str, data_dir: Path, soorten: Iterable[str] | None = None) -> None:
    """Ingest the files of ``data_dir`` whose ``soort`` is in ``soorten`` (all when None)."""
    keep = None if soorten is None else set(soorten)
    bestanden = vind_bestanden(data_dir)
    engine = db.make_engine(url)
    ingest(engine, [b for b in bestanden if keep is None or b.soort in keep])
    engine.dispose()
