"""Headless-Chromium fixtures: a store built from the real data, `streamlit run app.py` on a
free loopback port, and Playwright pages. Reuse ``page_url(path, **query)`` and
``browser_page`` for any page; screenshots go to ``test-artifacts/``.

Skips when /usr/bin/chromium is missing locally; fails when CI=true.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import IN_CI, REPO
from tests.support.streamlit_server import streamlit_server as start_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"


def _require(condition: bool, reason: str) -> None:
    if not condition:
        if IN_CI:
            pytest.fail(f"CI=true maar {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_db_url(real_store) -> str:
    """A SQLite store with everything in GELDSTROMEN_DATA_DIR ingested."""
    return real_store()


@pytest.fixture(scope="session")
def streamlit_server(browser_db_url, tmp_path_factory):
    """Base URL of `streamlit run app.py` (headless, no usage stats) on the store."""
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with start_server(browser_db_url, tmp_path_factory.mktemp("var"), log) as base:
        yield base


@pytest.fixture(scope="session")
def page_url(streamlit_server):
    """``page_url("kaart", gemeente="GM0363")`` -> full URL of a page with query params."""

    def build(path: str = "", **query) -> str:
        url = f"{streamlit_server}/{path.lstrip('/')}"
        return f"{url}?{urlencode({k: str(v) for k, v in query.items()})}" if query else url

    return build


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium via Playwright (never a downloaded browser)."""
    _require(CHROMIUM.exists(), f"{CHROMIUM} ontbreekt")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def app_warm(browser, streamlit_server) -> None:
    """Open the app once: the first session of a fresh server does not know the page list yet
    and shows "Page not found" for deep links."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(streamlit_server)
    page.locator('[data-testid="stSidebarNav"]').first.wait_for(state="visible", timeout=90_000)
    context.close()


@pytest.fixture
def browser_page(browser, app_warm):
    """A fresh page (1400x1000) in its own context; closed afterwards."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(browser_page):
    """``screenshot("naam")`` saves a full-page PNG in test-artifacts/ and returns its path."""

    def take(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        browser_page.screenshot(path=str(path), full_page=True)
        return path

    return take
