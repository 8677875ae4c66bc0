"""Wethouder and programme-manager jobs end to end: a copied Vergelijk link (scope 'same
class') reopens the same view in a new browser; Presentatie shows map, sankey and messages;
the downloaded PDF is one A4 landscape page with title, date, wijk, method labels, sources and
a drawn sankey (checked with pdftotext and pdftoppm; the PNG lands in test-artifacts/)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image

from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

SCHILDERSBUURT = {"gemeente": "GM0518", "niveau": "wijk", "jaar": 2019, "regio": "WK051829"}
KOP = "Gebieden die het meest lijken op Wijk 29 Schildersbuurt (2019)"


def _tekst(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(state="visible")


def _vergelijk_view(page) -> dict:
    """What the user sees: scope, k, the class caption and the side-by-side column heads."""
    _tekst(page, KOP)
    _tekst(page, "Waarden naast elkaar")
    page.wait_for_timeout(1_500)
    return {
        "bereik": page.get_by_role("radio", name="Gemeenten van dezelfde klasse").is_checked(),
        "k": page.locator('[data-testid="stSlider"]')
        .filter(has_text="Aantal vergelijkbare gebieden")
        .locator('[data-testid="stSliderThumbValue"]')
        .inner_text(),
        "klasse": page.get_by_text("Klasse (CBS gemeentegrootte").first.inner_text(),
        "kolommen": page.locator('[data-testid="stDataFrame"]').nth(2).inner_text()[:400],
    }


def test_copied_vergelijk_link_restores_the_view(browser, browser_page, page_url, screenshot):
    link = page_url(
        "vergelijk", **SCHILDERSBUURT, bereik="klasse", gewichten="inkomen:2,sociaal:1", k=4
    )
    browser_page.goto(link)
    eerst = _vergelijk_view(browser_page)
    assert eerst["bereik"] and eerst["k"] == "4"
    for key in ("bereik=klasse", "k=4", "regio=WK051829", "gewichten=inkomen%3A2%2Csociaal%3A1"):
        assert key in browser_page.url
    screenshot("vergelijk_klasse_link")
    # the URL as the user copies it, opened by someone else
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        ander = context.new_page()
        ander.set_default_timeout(60_000)
        ander.goto(browser_page.url)
        assert _vergelijk_view(ander) == eerst
    finally:
        context.close()


def test_presentatie_shows_map_sankey_and_messages(browser_page, page_url):
    browser_page.set_viewport_size({"width": 1400, "height": 2000})
    browser_page.goto(page_url("presentatie", **SCHILDERSBUURT, presentatie=1))
    _tekst(browser_page, "Wat valt op")
    # money leads: the first tile is allocated gemeente money per inhabitant with the gemeente
    eerste = browser_page.locator('[data-testid="stMetric"]').first
    eerste.wait_for(state="visible")
    assert "Gemeentegeld in het gebied per inwoner" in eerste.inner_text()
    assert "gemeente €" in eerste.inner_text()
    _tekst(browser_page, "Geldstromen van en naar Wijk 29 Schildersbuurt")
    _tekst(browser_page, "Iv3 jaarrekening 2023 toegerekend met sleutels uit KWB")
    browser_page.locator('[data-testid="stPlotlyChart"] .sankey').first.wait_for(state="visible")
    browser_page.locator('[data-testid="stImage"] img').first.wait_for(state="visible")
    assert not browser_page.locator('section[data-testid="stSidebar"]').is_visible()
    browser_page.wait_for_timeout(2_000)
    ARTIFACTS.mkdir(exist_ok=True)
    browser_page.screenshot(path=str(ARTIFACTS / "presentatie_sankey.png"), full_page=True)


def _kleuren(png) -> dict[str, int]:
    """Pixels near the sankey's family colours (blue gemeente, green huishoudens, purple zorg)."""
    refs = {"gemeente": (46, 134, 193), "huishoudens": (40, 180, 99), "zorg": (142, 68, 173)}
    counts = dict.fromkeys(refs, 0)
    for n, (r, g, b) in Image.open(png).convert("RGB").getcolors(1 << 24):
        for name, (rr, gg, bb) in refs.items():
            if abs(r - rr) + abs(g - gg) + abs(b - bb) < 30:
                counts[name] += n
    return counts


def test_pdf_report_text_and_image(browser_page, page_url, tmp_path):
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} (poppler-utils) ontbreekt")
    browser_page.goto(page_url("presentatie", **SCHILDERSBUURT))
    knop = browser_page.get_by_role("button", name="Download rapport (PDF)")
    knop.wait_for(state="visible")
    with browser_page.expect_download() as info:
        knop.click()
    pdf = tmp_path / "rapport.pdf"
    info.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    plat = " ".join(text.split())
    assert "Wijkprofiel Wijk 29 Schildersbuurt (WK051829)" in plat
    assert "gemaakt op" in plat and "gegevens 2019" in plat
    for needle in ("waargenomen", "toegerekend", "geschat", "Bron: CBS", "Vektis", "PDOK"):
        assert needle in plat, needle
    assert "Geldstromen van en naar het gebied (sankey)" in plat
    assert "Iv3 jaarrekening 2023 toegerekend met sleutels uit KWB" in plat
    assert "Geld in het gebied tegenover de gemeente" in plat
    assert "Gemeentegeld in het gebied" in plat and "Zorgkosten (Zvw)" in plat
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / "rapport_schildersbuurt"
    subprocess.run(
        ["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf), str(stem)], check=True
    )
    png = stem.with_suffix(".png")
    width, height = Image.open(png).size
    assert width > height  # A4 landscape, one page
    counts = _kleuren(png)
    assert all(v > 300 for v in counts.values()), counts  # every family drawn in the sankey
