"""The Kaart's postcode search in headless Chromium on the real data: from a cold start, "2512 AB"
selects the Den Haag wijk that covers most of PC4 2512. The expected wijk is recomputed from
the raw files (CBS PC4 polygons and the PDOK wijken 2024), not through the app's code."""

from __future__ import annotations

import gzip
import json
import re

import pytest
import shapely

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

KLAAR = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _verwacht(shared_data, postcode: int) -> tuple[str, float]:
    """(wijk code, share of the PC4 area) of the Den Haag 2024 wijk covering most of it."""
    with gzip.open(shared_data / "postcode" / "certegis_geo_postcodes4_wgs84.geojson.gz") as f:
        (pc,) = [
            shapely.geometry.shape(x["geometry"])
            for x in json.load(f)["features"]
            if x["properties"]["postcode"] == postcode
        ]
    with gzip.open(shared_data / "geo" / "pdok_cbs_wijken_2024_simplified.geojson.gz") as f:
        wijken = [
            x for x in json.load(f)["features"] if x["properties"]["wijkcode"].startswith("WK0518")
        ]
    pc = shapely.make_valid(pc)
    delen = {
        w["properties"]["wijkcode"]: shapely.make_valid(shapely.geometry.shape(w["geometry"]))
        .intersection(pc)
        .area
        for w in wijken
    }
    code = max(delen, key=delen.get)
    return code, delen[code] / pc.area


def _wacht(page) -> None:
    for _ in range(3):
        page.wait_for_timeout(1200)
        page.locator(KLAAR).wait_for(timeout=120_000)


def test_postcode_selects_the_wijk_covering_most_of_it(
    browser_page, streamlit_server, shared_data, screenshot
):
    code, aandeel = _verwacht(shared_data, 2512)
    page = browser_page
    page.goto(streamlit_server)
    page.locator('[data-testid="stSidebarNav"]').first.wait_for()
    _wacht(page)
    veld = page.get_by_role("textbox", name="Zoek op postcode")
    veld.fill("2512 AB")
    veld.press("Enter")
    _wacht(page)
    assert re.search(rf"[?&]regio={code}\b", page.url), page.url
    melding = page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').first.inner_text()
    assert f"({code})" in melding and "Gezocht op 2512" in melding
    # the share as the app rounds it (simplified polygons: within a few points of the raw one)
    procent = int(re.search(r"ligt voor (\d+)%", melding).group(1))
    assert abs(procent - aandeel * 100) < 5, (procent, aandeel)
    screenshot("kaart_postcode_2512")
