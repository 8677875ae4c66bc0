"""Theme pages in headless Chromium on the real data (Den Haag, wijken, 2019): charts draw,
key texts show; full-page screenshots go to test-artifacts/ for a human look."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

SELECTIE = {"gemeente": "GM0518", "niveau": "wijk", "jaar": 2019}


def _open(page, url: str, text: str) -> None:
    page.goto(url)
    page.get_by_text(text).first.wait_for(state="visible", timeout=90_000)
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for(state="visible")
    page.wait_for_timeout(1500)  # let plotly finish drawing
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


def _lang(page, hoogte: int = 4200) -> None:
    """A tall viewport, so the full-page screenshot shows the whole page (Streamlit scrolls
    inside its own container)."""
    page.set_viewport_size({"width": 1400, "height": hoogte})
    page.wait_for_timeout(2000)


def _bars_or_points(page) -> int:
    return page.locator('[data-testid="stPlotlyChart"] .point, .bars .point').count()


def test_energietransitie_den_haag(browser_page, page_url, screenshot):
    _open(browser_page, page_url("energietransitie", **SELECTIE), "Waar beginnen?")
    assert browser_page.get_by_text("Top 10: waar beginnen?").count() >= 1
    assert _bars_or_points(browser_page) >= 10
    _lang(browser_page)
    screenshot("thema_energietransitie_GM0518")


def test_sociaal_domein_den_haag(browser_page, page_url, screenshot):
    page = browser_page
    page.goto(page_url("sociaal-domein", **SELECTIE))
    page.get_by_text("RIVM-schatting, geen meting").first.wait_for(state="visible", timeout=90_000)
    assert page.get_by_text("gebieden gekoppeld aan de toerekening").count() >= 1
    assert page.get_by_text("gekoppeld op exacte code aan KWB 2019").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    _lang(browser_page)
    screenshot("thema_sociaal_domein_GM0518")


def test_verbanden_den_haag(browser_page, page_url, screenshot):
    _open(browser_page, page_url("verbanden", **SELECTIE), "Dit is samenhang, geen oorzaak")
    assert _bars_or_points(browser_page) >= 30
    _lang(browser_page)
    screenshot("thema_verbanden_GM0518")
