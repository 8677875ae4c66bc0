"""The Scenario page in headless Chromium for a Den Haag wijk, from a shared link."""

from __future__ import annotations

import pytest

from geldstromen.domain.scenario_link import codeer

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
    url = page_url("scenario", gemeente="GM0518", niveau="wijk", jaar=2019, regio="WK051829",
                   scenario=codeer(CONFIG))  # fmt: skip
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
    assert "Geen aardgasprijs" not in tekst  # gas price from the store (81309NED)
