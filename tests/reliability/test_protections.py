"""Protections that had no test of their own: retry backoff, last good data after a failed
online ingest, uploads private per session, uploads never written to disk."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest
import responses
import streamlit as st

from data_sources.base import IngestFout
from data_sources.cbs_odata import CbsFeed
from data_sources.ingest import ingest
from data_sources.online import kwb_online
from geldstromen import db
from geldstromen.config import get_settings
from tests.bad_inputs.conftest import fixture_store, snapshot
from tests.conftest import REPO

BASE = "https://cbs.invalid/ODataFeed/odata"
URL_PROPS = f"{BASE}/85618NED/DataProperties?$format=json"


def _settings(tmp_path: Path, retries: int = 3):
    return get_settings(
        {
            "GELDSTROMEN_VAR_DIR": str(tmp_path / "var"),
            "GELDSTROMEN_HTTP_TIMEOUT_S": "0.3",
            "GELDSTROMEN_HTTP_RETRIES": str(retries),
        }
    )


@responses.activate
def test_retries_back_off_exponentially(tmp_path):
    stamps: list[float] = []

    def server_error(_request):
        stamps.append(time.monotonic())
        return (503, {}, "overbelast")

    responses.add_callback(responses.GET, URL_PROPS, callback=server_error)
    feed = CbsFeed(_settings(tmp_path, retries=3), base_url=BASE, wacht_s=0.15)
    with pytest.raises(IngestFout, match="na 3 pogingen"):
        feed.verzameling("85618NED", "DataProperties")
    assert len(stamps) == 3
    first, second = stamps[1] - stamps[0], stamps[2] - stamps[1]
    assert first >= 0.12, first  # waited before retrying
    assert second >= first + 0.08, (first, second)  # and longer each time (0.15 s, 0.3 s)


@responses.activate
def test_failed_online_ingest_keeps_last_good_data_and_shows_its_date(tmp_path, monkeypatch):
    """A good online ingest, then CBS fails on the refresh: the previous rows of that very
    table stay (nothing cleared before the new data is in) and Bronnen shows their date."""
    from tests.data_sources.test_online_cbs import _register_table

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    fixture_store(url, tmp_path)
    _register_table(responses)
    engine = db.make_engine(url)
    goed = _settings(tmp_path / "eerst")
    ingest(engine, kwb_online(goed, [2023], feed=CbsFeed(goed, base_url=BASE, wacht_s=0.001)))
    engine.dispose()
    before = snapshot(url)
    responses.reset()
    responses.get(URL_PROPS, status=500)
    settings = _settings(tmp_path / "later")  # an empty cache: it must fetch again
    feed = CbsFeed(settings, base_url=BASE, wacht_s=0.001)
    engine = db.make_engine(url)
    with pytest.raises(IngestFout, match="ophalen mislukt na 3 pogingen"):
        ingest(engine, kwb_online(settings, [2023], feed=feed), force=True)
    engine.dispose()
    assert snapshot(url) == before  # nothing lost, nothing half-written
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app_pages" / "bronnen.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    datum = table.filter(regex="ingest|ingelezen").iloc[:, 0].astype(str)
    assert len(datum) == before["bron"][0] == len(table)
    assert datum.str.match(r"\d{4}-\d{2}-\d{2}").all()  # the date of the data served
    assert table.astype(str).apply(lambda c: c.str.contains("85618NED_online")).any().any()


@pytest.fixture
def eigen_data(monkeypatch, tmp_path):
    """A factory of fresh Eigen data sessions (AppTest) on one fixture store."""
    from streamlit.testing.v1 import AppTest

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    fixture_store(url, tmp_path)
    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()

    def sessie():
        at = AppTest.from_file(str(REPO / "app_pages" / "eigen_data.py"), default_timeout=60)
        at.query_params.update({"gemeente": "GM9999", "niveau": "wijk", "jaar": "2019"})
        return at.run()

    return sessie


def _upload(at, waarde: int):
    data = f"regio_code;meldingen_aantal\nWK999901;{waarde}\nWK999902;1\n".encode()
    at.file_uploader(key="eigen_upload").set_value(("eigen.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_uploads_are_private_per_session(eigen_data):
    """Two sessions upload a file with the same name and different numbers: each sees its own;
    a third session that uploads nothing sees nothing. Nothing is cached across sessions."""
    a, b, c = eigen_data(), eigen_data(), eigen_data()
    _upload(a, 111)
    _upload(b, 222)
    a.run()
    c.run()
    waarden = {
        n: s.dataframe[0].value.set_index("regio_code")["waarde"] for n, s in (("a", a), ("b", b))
    }
    assert waarden["a"]["WK999901"] == 111 and waarden["b"]["WK999901"] == 222
    assert not c.dataframe and "eigen_data" not in c.session_state
    assert "eigen_data" in a.session_state and "eigen_data" in b.session_state


def _bestanden_met(root: Path, marker: bytes) -> list[Path]:
    hits = []
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in (".git", ".venv", "node_modules")]
        for name in files:
            path = Path(dirpath) / name
            try:
                if (
                    path.is_file()
                    and path.stat().st_size < 50_000_000
                    and marker in path.read_bytes()
                ):
                    hits.append(path)
            except OSError:
                continue
    return hits


def test_upload_is_never_written_to_disk(eigen_data, tmp_path, monkeypatch):
    """The uploaded bytes appear in no file: not in TMPDIR, the var dir or the repository."""
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.setenv("GELDSTROMEN_VAR_DIR", str(tmp_path / "var"))
    marker = f"geheim-{time.time_ns()}".encode()
    at = eigen_data()
    data = b"regio_code;meldingen_aantal;opmerking\nWK999901;5;" + marker + b"\nWK999902;6;x\n"
    at.file_uploader(key="eigen_upload").set_value(("eigen.csv", data, "text/csv")).run()
    assert not at.exception and at.dataframe  # it was read
    for root in (tmp, tmp_path / "var", REPO / "var", REPO):
        if root.exists():
            assert _bestanden_met(root, marker) == [], root
