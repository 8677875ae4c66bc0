"""Programme manager and wethouder jobs in headless Chromium: a shared link reopens the same
view, presentation mode hides the sidebar, the PDF report downloads from the UI."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

SCHILDERSBUURT = {"gemeente": "GM0518", "niveau": "wijk", "jaar": 2019, "regio": "WK051829"}


def _tekst(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(state="visible")


def test_shared_link_reopens_vergelijk(browser_page, page_url, screenshot):
    link = page_url("vergelijk", **SCHILDERSBUURT, bereik="gemeente", gewichten="inkomen:2", k=3)
    browser_page.goto(link)
    _tekst(browser_page, "Gebieden die het meest lijken op Wijk 29 Schildersbuurt (2019)")
    assert "regio=WK051829" in browser_page.url and "gewichten=inkomen" in browser_page.url
    # the heading names the wijk from the link; the neighbours table follows (nth 0 is the
    # profile table in the closed expander)
    _tekst(browser_page, "gebieden vergeleken")
    browser_page.locator('[data-testid="stDataFrame"]').nth(1).wait_for(state="visible")
    screenshot("vergelijk_schildersbuurt_link")


def test_presentation_mode(browser_page, page_url, screenshot):
    browser_page.goto(page_url("presentatie", **SCHILDERSBUURT, presentatie=1))
    _tekst(browser_page, "Wat valt op")
    _tekst(browser_page, "Gemeentegeld in het gebied per inwoner")
    _tekst(browser_page, "dan in de gemeente")
    assert not browser_page.locator('section[data-testid="stSidebar"]').is_visible()
    screenshot("presentatie_schildersbuurt")


def test_pdf_downloads_from_the_ui(browser_page, page_url, tmp_path):
    browser_page.goto(page_url("presentatie", **SCHILDERSBUURT))
    knop = browser_page.get_by_role("button", name="Download rapport (PDF)")
    knop.wait_for(state="visible")
    with browser_page.expect_download() as info:
        knop.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "wijkrapport_WK051829_2019.pdf"
    assert path.read_bytes().startswith(b"%PDF")
