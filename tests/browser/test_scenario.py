"""The Scenario page in headless Chromium for a Den Haag wijk, from a shared link."""

from __future__ import annotations

import pytest

from geldstromen.scenario.link import codeer

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

# Test inputs typed in by a "user" (no source): costs and effects the catalogue leaves empty.
CONFIG = {
    "naam": "Voorbeeld met ingevulde testwaarden",
    "interventies": [
        {
            "id": "isolatie_koop_laag_inkomen",
            "kosten_eenmalig_per_eenheid_eur": 10000,
            "kostenverdeling_pct": {"rijk": 30, "gemeente": 40, "huishoudens": 30},
            "startjaar": 2025,
            "looptijd_jaar": 15,
            "effecten": {"aardgas": {"per_eenheid": 300}},
        },
        {
            "id": "buurtsportcoach",
            "eenheden": 1,
            "startjaar": 2025,
            "looptijd_jaar": 15,
            "effecten": {"zvw": {"per_eenheid": 60, "prijs": 200}},
        },
    ],
}


def test_den_haag_wijk_scenario(browser_page, page_url, screenshot):
    url = page_url(
        "scenario",
        gemeente="GM0518",
        niveau="wijk",
        jaar=2019,
        regio="WK051829",
        scenario=codeer(CONFIG),
    )
    browser_page.set_viewport_size({"width": 1400, "height": 2200})
    browser_page.goto(url)
    browser_page.get_by_text("Scenario-uitkomst", exact=False).first.wait_for(state="visible")
    browser_page.locator('[data-testid="stPlotlyChart"]').first.wait_for(state="visible")
    browser_page.get_by_text("SCENARIO: kosten en baten per partij").first.wait_for()
    metrics = browser_page.locator('[data-testid="stMetric"]')
    assert metrics.count() == 5
    path = screenshot("scenario_den_haag_wk051829_2019")
    tekst = browser_page.locator('[data-testid="stMain"]').inner_text()
    (path.parent / "scenario_tekst.txt").write_text(tekst, encoding="utf-8")
    assert "telt nog niet mee" not in tekst, "scenario uit de link is onvolledig"
    assert (
        "wijkgegevens 84583NED (2019): woningen_aantal" in tekst
    )  # default units show where they came from
    assert "Geen variabel leveringstarief" not in tekst  # gas price from the store (84672NED)


def _klaar(page) -> None:
    """Wait until the script run is finished (no stale placeholders left)."""
    page.wait_for_timeout(800)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'"
    )
    page.wait_for_timeout(500)


def _wacht_op_metrics(page, n: int) -> None:
    """A fresh page may rerun once after its first run (URL state): wait for all n metrics."""
    page.wait_for_function(
        "n => Array.from(document.querySelectorAll('[data-testid=\"stMetricValue\"]'))"
        ".filter(e => e.innerText.trim()).length >= n",
        arg=n,
        timeout=90_000,
    )
    _klaar(page)


def _metrics(page) -> list[str]:
    m = page.locator('[data-testid="stMetric"]')
    return [m.nth(i).inner_text() for i in range(m.count())]


def test_save_compare_and_share_in_a_fresh_browser(browser, browser_page, page_url, screenshot):
    page = browser_page
    page.goto(
        page_url(
            "scenario",
            gemeente="GM0518",
            niveau="wijk",
            jaar=2019,
            regio="WK051829",
            scenario=codeer(CONFIG),
        )
    )
    page.get_by_text("Scenario-uitkomst", exact=False).first.wait_for()
    _klaar(page)
    page.get_by_role("tab", name="Voor en na").click()
    _klaar(page)
    assert page.get_by_text("Verschil per stroom").first.is_visible()
    page.get_by_role("button", name="Bewaar dit scenario").click()
    _klaar(page)
    naam = page.get_by_label("Naam van het scenario")
    naam.fill("Twee sportcoaches")
    naam.press("Enter")
    _klaar(page)
    fte = page.get_by_label("Aantal fte")
    fte.fill("2")
    fte.press("Enter")
    _klaar(page)
    page.get_by_role("button", name="Bewaar dit scenario").click()
    _klaar(page)
    keuze = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Vergelijk bewaarde")
    for optie in (CONFIG["naam"], "Twee sportcoaches"):
        keuze.first.click()
        page.get_by_role("option", name=optie).click()
        _klaar(page)
    page.keyboard.press("Escape")
    page.get_by_text("Scenario's naast elkaar").first.scroll_into_view_if_needed()
    screenshot("scenario_vergelijk_den_haag")
    gedeeld, eigen = page.url, _metrics(page)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    try:
        vers = context.new_page()
        vers.set_default_timeout(60_000)
        vers.goto(gedeeld)
        vers.get_by_text("Scenario-uitkomst", exact=False).first.wait_for()
        _klaar(vers)
        _wacht_op_metrics(vers, len(eigen))
        assert _metrics(vers) == eigen
        assert vers.get_by_label("Naam van het scenario").input_value() == "Twee sportcoaches"
        assert vers.get_by_label("Aantal fte").input_value() == "2"
    finally:
        context.close()
