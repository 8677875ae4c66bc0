"""A shared deep link opened on a freshly started server shows the page, never "Page not found".

Streamlit gives the default page the root path, so "/kaart" used to be unknown; the root URL
now continues on "/kaart" with the link's query parameters."""

from __future__ import annotations

import pytest

from tests.support.streamlit_server import streamlit_server as start_server

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

#: Collects every added element whose text says a page was not found (toasts vanish quickly).
WAARNEMER = """
window.__nietGevonden = [];
new MutationObserver((ms) => { for (const m of ms) for (const n of m.addedNodes) {
  if (n.nodeType === 1 && /page not found|not found/i.test(n.innerText || ""))
    window.__nietGevonden.push((n.innerText || "").slice(0, 200));
}}).observe(document, {subtree: true, childList: true});
"""


@pytest.fixture
def koude_server(browser_db_url, tmp_path):
    """A new `streamlit run app.py` that no browser has opened yet."""
    with start_server(browser_db_url, tmp_path, tmp_path / "server.log") as base:
        yield base


@pytest.mark.parametrize(
    ("pad", "kop", "doel"),
    [
        ("kaart?gemeente=GM0363", "Kaart", "kaart"),  # the first page in the menu
        ("?gemeente=GM0363", "Kaart", "kaart"),  # the root URL continues on Kaart
        ("wijkprofiel?gemeente=GM0363", "Wijkprofiel", "wijkprofiel"),
    ],
)
def test_deep_link_on_cold_server(browser, koude_server, pad, kop, doel):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(WAARNEMER)
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        page.goto(f"{koude_server}/{pad}")
        page.get_by_role("heading", name=kop).first.wait_for(state="visible")
        page.wait_for_timeout(2_000)
        assert page.evaluate("window.__nietGevonden") == []
        assert page.url.startswith(f"{koude_server}/{doel}?gemeente=GM0363")
    finally:
        context.close()
