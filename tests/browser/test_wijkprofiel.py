"""Wijkprofiel and the Kaart coloured by allocated lasten, in headless Chromium on the real
data: the sankey (with the gemeentefonds income side) and the tables render, labels are
readable, no 'None'/'nan'. Screenshots go to test-artifacts/ (look at them)."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_kaart import _wacht_op_kaart, _wacht_op_tekst

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

SLECHT = re.compile(r"\b(None|nan|NaN|undefined)\b")


def _sankey_labels(page) -> list[str]:
    page.locator('[data-testid="stPlotlyChart"] .sankey').first.wait_for(state="attached")
    page.wait_for_timeout(500)
    return page.locator(".sankey .node-label").evaluate_all("els => els.map(e => e.textContent)")


def _namen(labels: list[str]) -> set[str]:
    """Node names without their amount ('Gemeente (lasten): € 233,6 mln' -> 'Gemeente (lasten)');
    every label must carry an amount."""
    assert all(": €" in lab for lab in labels), labels
    return {lab.rsplit(": €", 1)[0] for lab in labels}


def _lang(page, hoogte: int = 3200) -> None:
    """Streamlit scrolls inside its own container: a tall viewport shows the whole page."""
    page.set_viewport_size({"width": 1400, "height": hoogte})
    page.wait_for_timeout(1500)


def _tekst_zonder_none(page) -> str:
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert not SLECHT.search(text), SLECHT.search(text)
    return text


def test_amsterdam_wijk_sankey_with_gemeentefonds(browser_page, page_url, screenshot):
    page = browser_page
    page.goto(page_url("wijkprofiel", gemeente="GM0363", iv3_jaar=2024, regio="WK0363AA"))
    _wacht_op_tekst(page, "Toegerekend aan Haarlemmerbuurt")
    labels = _sankey_labels(page)
    assert {"Rijk: gemeentefonds", "Gemeente (lasten)", "Haarlemmerbuurt"} <= _namen(labels)
    # the default is per hoofdtaakveld: at most the nine Iv3 groups, no taakvelden
    hoofd = [lab for lab in labels if re.match(r"^\d ", lab)]
    assert 1 <= len(hoofd) <= 9 and not [lab for lab in labels if re.match(r"^\d+\.\d", lab)]
    assert any(lab.startswith("Overige middelen gemeente") for lab in labels)
    assert any(lab.startswith("6 Sociaal domein") for lab in labels)
    assert not [lab for lab in labels if SLECHT.search(lab)]
    _wacht_op_tekst(page, "septembercirculaire 2024, uitkeringsjaar 2024")
    _wacht_op_tekst(page, "Dekking van de lasten (model, toegerekend)")
    _wacht_op_tekst(page, "Vergelijkingsgroep:")
    # the dekking per cluster and the comparison's table are built on request: opening an
    # expander reruns the page
    tabellen = page.locator('[data-testid="stDataFrame"]')
    assert tabellen.count() >= 1
    page.get_by_text("Dekking per cluster (tabel en downloads)").click()
    tabellen.nth(1).wait_for(state="visible")
    page.get_by_text("Cijfers bij de vergelijking (tabel en downloads)").click()
    tabellen.nth(2).wait_for(state="visible")
    assert tabellen.count() >= 3
    _lang(page)
    _tekst_zonder_none(page)
    screenshot("wijkprofiel_amsterdam_wijk_2024")
    assert "regio=WK0363AA" in page.url and "circulaire=S2024" in page.url


def test_den_haag_buurt_keys_2019(browser_page, page_url, screenshot):
    page = browser_page
    page.goto(page_url("wijkprofiel", gemeente="GM0518", niveau="buurt", iv3_jaar=2024))
    _wacht_op_tekst(page, "gebieden uit KWB-indeling 2019")
    _wacht_op_tekst(page, "Toegerekend aan")
    labels = _sankey_labels(page)
    assert {"Rijk: gemeentefonds", "Gemeente (lasten)"} <= _namen(labels)
    assert not [lab for lab in labels if SLECHT.search(lab)]
    text = _tekst_zonder_none(page)
    assert "Inwoners 2019" in text and "inwoners_aantal 2019" not in text  # Dutch labels
    _lang(page)
    screenshot("wijkprofiel_den_haag_buurt_2024")
    assert "niveau=buurt" in page.url


def test_kaart_coloured_by_allocated_lasten(browser_page, page_url, screenshot):
    page = browser_page
    url = page_url(
        "",
        gemeente="GM0518",
        niveau="buurt",
        jaar=2019,
        kleur="geldstromen",
        iv3_jaar=2024,
        hoofdtaakveld="6",
    )
    page.goto(url)
    _wacht_op_tekst(page, "Lasten 6 Sociaal domein per inwoner, per buurt, 's-Gravenhage")
    counts = _wacht_op_kaart(page)
    _wacht_op_tekst(page, "euro per inwoner")
    path = screenshot("kaart_den_haag_buurt_lasten_6_per_inwoner")
    assert counts["palet"] > 2000, f"kaart niet getekend: {counts} ({path})"


def test_gemeente_choice_survives_a_page_switch(browser_page, page_url):
    page = browser_page
    page.goto(page_url("wijkprofiel", gemeente="GM0363", iv3_jaar=2024))
    _wacht_op_tekst(page, "Toegerekend aan")
    page.locator('[data-testid="stSidebarNav"] a', has_text="Bronnen").click()
    page.wait_for_timeout(2000)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Wijkprofiel").click()
    _wacht_op_tekst(page, "Toegerekend aan")
    _wacht_op_tekst(page, "Amsterdam (GM0363), begroting")
    assert "gemeente=GM0363" in page.url
