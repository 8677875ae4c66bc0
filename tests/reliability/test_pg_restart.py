"""PostgreSQL restarted while the app runs: the next query on the same engine succeeds
(``pool_pre_ping`` in :func:`geldstromen.db.make_engine`); the page shows data again."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy
import streamlit as st
from sqlalchemy import create_engine

from geldstromen import db
from geldstromen.bench.pgcluster import fresh_database, throwaway_cluster
from geldstromen.queries import run_query
from tests.conftest import IN_CI, REPO
from tests.support.stores import fixture_store


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A cluster of its own (restarting the shared one would disturb other tests)."""
    with throwaway_cluster() as found:
        if found is None:
            if IN_CI:
                pytest.fail("CI=true maar PostgreSQL kon niet worden gestart")
            pytest.skip("PostgreSQL niet beschikbaar")
        found.db_url = fresh_database(found.url)
        fixture_store(found.db_url, tmp_path_factory.mktemp("pgrestart"))
        yield found


def _inwoners(engine) -> float:
    frame = run_query(
        engine,
        "indicator_waarden",
        gemeente_code="GM9999",
        niveau="wijk",
        jaar=2019,
        indicator="inwoners_aantal",
    )
    return float(frame["waarde"].sum())


def test_same_engine_recovers_after_restart(cluster):
    engine = db.make_engine(cluster.db_url)
    before = _inwoners(engine)
    assert before == 10000
    assert engine.pool.checkedin() >= 1  # an idle pooled connection that the restart will cut
    cluster.restart()
    assert _inwoners(engine) == before  # first query after the restart, same engine
    engine.dispose()


def test_without_pre_ping_the_first_query_after_a_restart_fails(cluster):
    """Control: the restart really cuts pooled connections, so the test above means something."""
    engine = create_engine(cluster.db_url, pool_pre_ping=False)
    assert _inwoners(engine) == 10000
    cluster.restart()
    # pandas wraps the OperationalError of the cut connection in its DatabaseError
    with pytest.raises((sqlalchemy.exc.OperationalError, pd.errors.DatabaseError), match="conn"):
        _inwoners(engine)
    engine.dispose()


def test_page_shows_data_after_restart(cluster, monkeypatch):
    """The Kaart page via AppTest: same process-wide engine (cache_resource) before and after."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", cluster.db_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    page = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)  # (pages link pages)
    page.switch_page("app_pages/kaart.py")
    page.query_params.update(
        {"gemeente": "GM9999", "niveau": "wijk", "jaar": "2019", "indicator": "inwoners_aantal"}
    )
    page.run()
    assert not page.exception
    assert "Inwoners" in page.subheader[0].value
    cluster.restart()
    st.cache_data.clear()  # force real queries; the engine (cache_resource) is kept
    page.run()
    assert not page.exception, page.exception
    assert not page.error
    assert "Inwoners" in page.subheader[0].value
    st.cache_resource.clear()
