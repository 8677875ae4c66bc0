"""The hostile-names store in a real Chromium: no dialog fires and no injected element exists,
on the map (with its tooltip open), Wijkprofiel (sankey hover), Vergelijk, Presentatie and an
Eigen data upload with payload cells; the names are shown as literal text."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM, _require
from tests.browser.test_kaart import _wacht_op_kaart
from tests.security.xss_data import NAMEN, UPLOAD_CSV, xss_store
from tests.support.streamlit_server import streamlit_server as start_server

LINK = {"gemeente": "GM9999", "niveau": "wijk", "jaar": "2019", "regio": "WK999901"}
#: injected elements/handlers; any match means a payload became live HTML somewhere
INJECTED = """() => {
  const hits = [];
  for (const el of document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]'))
    hits.push(el.outerHTML.slice(0, 120));
  for (const s of document.scripts) if (s.textContent.includes('alert(1)')) hits.push('script');
  return hits;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _require(CHROMIUM.exists(), f"{CHROMIUM} ontbreekt")
    tmp = tmp_path_factory.mktemp("xssbrowser")
    with start_server(xss_store(tmp), tmp / "var", tmp / "server.log") as base:
        yield base


@pytest.fixture(scope="module")
def context(browser, server):
    """A context on the session's Chromium (one Playwright per test run)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    ctx.set_default_timeout(60_000)
    warm = ctx.new_page()  # a fresh server needs one visit before deep links work
    warm.goto(server)
    warm.locator('[data-testid="stSidebarNav"]').first.wait_for(timeout=90_000)
    warm.close()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    page.close()


def _open(page, server, path: str, **extra) -> None:
    page.goto(f"{server}/{path}?{urlencode({**LINK, **extra})}")
    page.locator('[data-testid="stMain"]').wait_for()
    page.wait_for_timeout(1500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)


def _assert_clean(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"xss_{name}.png"), full_page=True)
    for frame in page.frames:
        assert frame.evaluate(INJECTED) == [], (name, frame.url)
    assert page.dialogs == [], (name, page.dialogs)
    assert not page.locator('[data-testid="stException"]').count(), name
    assert not page.get_by_text("Page not found").count(), name


def test_map_and_tooltip(page, server):
    _open(page, server, "", indicator="inwoners_aantal")  # Kaart is the default page
    counts = _wacht_op_kaart(page)
    assert counts["palet"] > 2000, counts
    box = page.locator('[data-testid="stDeckGlJsonChart"]').first.bounding_box()
    tip, shown = page.locator(".deck-tooltip"), set()
    for fx in (0.2, 0.35, 0.5, 0.65, 0.8):
        for fy in (0.3, 0.5, 0.7):
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            page.wait_for_timeout(150)
            if tip.is_visible():
                shown.add(tip.inner_text())
                _assert_clean(page, "kaart_tooltip")
    # the tooltip shows the names as literal text: not interpreted, and not escaped twice
    # (no "&lt;" or "&amp;" for a name with "<", "&" or "'")
    assert any(NAMEN["WK999901"] in t or NAMEN["WK999902"] in t for t in shown), shown
    assert not any("&lt;" in t or "&amp;" in t or "&#x27;" in t for t in shown), shown
    body = page.inner_text("body")
    assert NAMEN["GM9999"] in body  # the subheader shows the name literally
    _assert_clean(page, "kaart")


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("wijkprofiel", {}),
        ("vergelijk", {}),
        ("presentatie", {"presentatie": "1"}),
        ("tijdlijn", {"niveau": "buurt", "regio": "BU99990201"}),
        ("verbanden", {}),
    ],
)
def test_pages(page, server, path, extra):
    _open(page, server, path, **extra)
    if path == "wijkprofiel":
        sankey = page.locator(".sankey-link").first
        if sankey.count():
            sankey.hover(force=True)
            page.wait_for_timeout(500)
    _assert_clean(page, path)
    if path not in ("verbanden", "vergelijk"):  # (no name outside plots/none similar there)
        assert "alert(1)" in page.inner_text("body")  # a payload reached the page, as text


def test_upload_with_payload_cells(page, server, tmp_path):
    csv = tmp_path / "hostile.csv"
    csv.write_text(UPLOAD_CSV, encoding="utf-8")
    _open(page, server, "eigen-data")
    page.locator('input[type="file"]').set_input_files(str(csv))
    page.get_by_text("Deels ingelezen").wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    assert "kolomnaam bevat HTML/script" in page.inner_text("body")
    _assert_clean(page, "eigen_data")
