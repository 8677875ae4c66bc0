"""The Kaart page in headless Chromium: the deck.gl choropleth draws, legend and notes show."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image

from geldstromen.ui.kaart import GEEN_GEGEVENS, KLEUREN

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]


def _kleur_pixels(png: bytes) -> dict[str, int]:
    """Pixels in a palette colour and in the "geen gegevens" grey (layer opacity is 1)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = {"palet": 0, "grijs": 0}
    for n, (r, g, b) in image.getcolors(1 << 22):
        for name, refs in (("palet", KLEUREN), ("grijs", [GEEN_GEGEVENS])):
            if any(abs(r - c[0]) + abs(g - c[1]) + abs(b - c[2]) < 12 for c in refs):
                counts[name] += n
    return counts


def _wacht_op_kaart(page, timeout_s: float = 60) -> dict[str, int]:
    """Wait until the deck.gl canvas shows the choropleth colours."""
    chart = page.locator('[data-testid="stDeckGlJsonChart"]').first
    chart.wait_for(state="visible")
    page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(state="attached")
    deadline = time.monotonic() + timeout_s
    while True:
        counts = _kleur_pixels(chart.screenshot())
        if counts["palet"] > 2000 or time.monotonic() > deadline:
            return counts
        page.wait_for_timeout(500)


def _wacht_op_tekst(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(state="visible")


def test_amsterdam_wijken_2024(browser_page, page_url, screenshot):
    browser_page.goto(page_url("", gemeente="GM0363", niveau="wijk", jaar=2024))
    _wacht_op_tekst(browser_page, "per wijk, Amsterdam, 2024")
    counts = _wacht_op_kaart(browser_page)
    _wacht_op_tekst(browser_page, "Legenda: Inwoners (aantal)")
    _wacht_op_tekst(browser_page, "geen gegevens (niet 0)")
    path = screenshot("kaart_amsterdam_wijk_2024")
    assert browser_page.get_by_text("Page not found").count() == 0
    assert counts["palet"] > 2000, f"kaart niet getekend: {counts} ({path})"


def test_den_haag_buurten_2019_on_2015_polygons(browser_page, page_url, screenshot):
    browser_page.goto(page_url("", gemeente="GM0518", niveau="buurt", jaar=2019))
    _wacht_op_tekst(browser_page, "Kaartgrenzen 2015 gebruikt voor gegevens 2019 (zelfde codes)")
    counts = _wacht_op_kaart(browser_page)
    path = screenshot("kaart_den_haag_buurt_2019")
    assert counts["palet"] > 2000, f"kaart niet getekend: {counts} ({path})"


def test_amsterdam_buurten_2019_table_and_note(browser_page, page_url, screenshot):
    browser_page.goto(page_url("", gemeente="GM0363", niveau="buurt", jaar=2019))
    _wacht_op_tekst(browser_page, "De cijfers staan in de tabel")
    browser_page.locator('[data-testid="stDataFrame"]').first.wait_for(state="visible")
    assert browser_page.locator('[data-testid="stDeckGlJsonChart"]').count() == 0
    screenshot("kaart_amsterdam_buurt_2019_geen_kaart")
