"""Shared fixtures: the real data folder, SQLite and a throwaway PostgreSQL, AppTest helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.pg import throwaway_postgres

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _shared_data_dir() -> Path | None:
    candidates = [os.environ.get("GELDSTROMEN_DATA_DIR"), str(REPO.parent / "shared" / "data")]
    for cand in candidates:
        if cand and (Path(cand) / "PROVENANCE.md").exists():
            return Path(cand)
    return None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data folder; skips locally when absent, fails on CI."""
    path = _shared_data_dir()
    if path is None:
        if IN_CI:
            pytest.fail("CI=true maar ../shared/data (GELDSTROMEN_DATA_DIR) ontbreekt")
        pytest.skip("../shared/data niet aanwezig")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """URL of a PostgreSQL 15 cluster started for this test run (removed afterwards)."""
    with throwaway_postgres() as url:
        if url is None:
            if IN_CI:
                pytest.fail("CI=true maar PostgreSQL kon niet worden gestart")
            pytest.skip("PostgreSQL niet beschikbaar")
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request, tmp_path) -> str:
    """Run a test on both databases: a SQLite file and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    base = request.getfixturevalue("postgres_url")
    from tests.support.pg import fresh_database

    return fresh_database(base)


@pytest.fixture(scope="session")
def fixture_db_url(tmp_path_factory) -> str:
    """A SQLite store with all synthetic fixtures ingested, built once; read it, never write."""
    from tests.support.stores import fixture_store

    path = tmp_path_factory.mktemp("fixturedb")
    url = f"sqlite:///{path / 'fixtures.sqlite'}"
    fixture_store(url, path)
    return url


@pytest.fixture(scope="session")
def real_store(shared_data, tmp_path_factory):
    """``real_store(soorten=None) -> URL``: a SQLite store with the real files of those source
    kinds (``Bestand.soort``; all when None), built once per set in a test run; read only."""
    from tests.support.stores import ingest_soorten

    built: dict[frozenset[str] | None, str] = {}

    def store(soorten=None) -> str:
        key = None if soorten is None else frozenset(soorten)
        if key not in built:
            url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'real.sqlite'}"
            ingest_soorten(url, shared_data, key)
            built[key] = url
        return built[key]

    return store
