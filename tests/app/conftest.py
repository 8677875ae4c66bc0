"""AppTest runs the real app against a SQLite store built from the synthetic fixtures."""

from __future__ import annotations

import shutil

import pytest
import streamlit as st

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from tests.conftest import FIXTURES, REPO


@pytest.fixture(scope="session")
def fixture_db_url(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("appdb")
    url = f"sqlite:///{path / 'app.sqlite'}"
    data = path / "data"
    shutil.copytree(FIXTURES / "data", data)
    ingest(db.make_engine(url), vind_bestanden(data))
    return url


@pytest.fixture
def app(monkeypatch, fixture_db_url):
    """A fresh AppTest of app.py on the fixture database, with empty caches."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", fixture_db_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
