"""No traceback reaches a visitor (issue 18 item 3, UI part; issue 15 item 14): the handler
around every page shows a Dutch message with a short reference and logs the traceback under
that reference; Streamlit's own error display and usage statistics are off in
.streamlit/config.toml."""

from __future__ import annotations

import logging
import re
import tomllib

import pytest
import streamlit as st

from geldstromen.bench.pgcluster import free_port
from geldstromen.ui import fouten
from tests.conftest import REPO


class _Bewaar(logging.Handler):
    def __init__(self):
        super().__init__()
        self.regels: list[str] = []

    def emit(self, record):
        self.regels.append(self.format(record))


@pytest.fixture
def serverlog():
    handler = _Bewaar()
    handler.setFormatter(logging.Formatter("%(message)s"))
    fouten.LOG.addHandler(handler)
    yield handler.regels
    fouten.LOG.removeHandler(handler)


def _bezoek(monkeypatch, url: str, query: dict | None = None):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params.update(query or {})
    return at.run()


def _zichtbaar(at) -> str:
    delen = [f"{e.value} {e.message} {' '.join(e.stack_trace)}" for e in at.exception]
    delen += [str(x.value) for x in [*at.error, *at.warning, *at.info, *at.markdown, *at.caption]]
    return " ".join(delen)


def test_unreachable_database_shows_a_reference_not_host_and_port(monkeypatch, serverlog):
    """Before: the visitor saw psycopg's OperationalError with host, port and the file paths
    of the traceback."""
    port = free_port()  # nothing listens here
    url = f"postgresql+psycopg://lezer:geheim@127.0.0.1:{port}/geldstromen?connect_timeout=2"
    at = _bezoek(monkeypatch, url)
    assert len(at.exception) == 1
    box = at.exception[0]
    assert box.stack_trace == []
    tekst = _zichtbaar(at)
    assert fouten.MELDING in tekst
    for geheim in (
        "127.0.0.1",
        str(port),
        "geheim",
        "lezer",
        "Traceback",
        ".py",
        "psycopg",
        "OperationalError",
        "/",
    ):
        assert geheim not in tekst, geheim
    ref = re.search(r"referentie ([0-9a-f]{8})", tekst).group(1)
    log = "\n".join(serverlog)
    assert f"referentie {ref}" in log
    assert "Traceback" in log and "OperationalError" in log and str(port) in log


def test_an_error_inside_a_page_keeps_the_sidebar_and_logs(monkeypatch, fixture_db_url, serverlog):
    """A page that raises (here the year query fails) shows the message below its title;
    the navigation and the selection stay usable."""
    from geldstromen import cached

    def kapot(*args, **kwargs):
        raise RuntimeError("/geheim/pad/bestand.py regel 12: host db.intern:5432")

    monkeypatch.setattr(cached, "indicator_keuzes", kapot)
    at = _bezoek(monkeypatch, fixture_db_url, {"gemeente": "GM9999"})
    assert at.title[0].value == "Kaart"
    assert at.selectbox(key="gemeente").value == "GM9999"
    tekst = _zichtbaar(at)
    assert fouten.MELDING in tekst
    assert "geheim" not in tekst and "5432" not in tekst and "RuntimeError" not in tekst
    assert any("db.intern:5432" in regel for regel in serverlog)


def test_every_page_goes_through_the_handler():
    """app.py runs the navigation (every page) inside fouten.pagina()."""
    bron = (REPO / "app.py").read_text(encoding="utf-8")
    assert "with fouten.pagina():\n    st.navigation(pages()).run()" in bron


def test_references_are_short_and_differ():
    refs = {fouten.referentie() for _ in range(200)}
    assert len(refs) == 200 and all(re.fullmatch(r"[0-9a-f]{8}", r) for r in refs)


def test_streamlit_config_for_public_deployment():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"  # (False would mean "stacktrace")
    assert config["client"]["showErrorLinks"] == "false"
    assert config["client"]["toolbarMode"] == "viewer"  # no Deploy, Rerun or Clear cache
    assert config["server"]["maxUploadSize"] == 20
    assert config["theme"]["base"] == "light" and config["theme"]["primaryColor"].startswith("#")


def test_streamlit_reads_the_config(monkeypatch):
    """Streamlit itself parses the file from the repository root to these values."""
    from streamlit import config

    monkeypatch.chdir(REPO)
    config._config_options = None
    try:
        config.get_config_options(force_reparse=True)
        assert config.get_option("browser.gatherUsageStats") is False
        assert config.get_option("client.showErrorDetails") == "none"
        assert config.get_option("client.toolbarMode") == "viewer"
        assert config.get_option("theme.base") == "light"
    finally:
        monkeypatch.undo()
        config.get_config_options(force_reparse=True)
