"""A first visit in headless Chromium, from the root URL without parameters: the default page
shows data, a map click selects a region, the selection survives a page change, and each page
opens on a year that has its data. Expected values come from the raw files, not the app."""

from __future__ import annotations

import gzip
import json
import re

import pytest
import shapely

from tests.browser.test_kaart import _wacht_op_kaart, _wacht_op_tekst

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

DEN_HAAG = "GM0518"


def _raw_2024(shared_data) -> dict:
    return json.loads(
        (shared_data / "cbs_kwb" / "kwb2024_85984NED_gemeente_wijk_8vars.json").read_text()
    )


def _wijk_in_het_midden(shared_data, wijken: set[str]) -> tuple[str, str]:
    """The Den Haag wijk under the centre of the map (the centre of the bounding box of the
    polygons of the KWB wijken, which is where the map opens) in the raw 2024 PDOK file."""
    pad = shared_data / "geo" / "pdok_cbs_wijken_2024_simplified.geojson.gz"
    with gzip.open(pad, "rt", encoding="utf-8") as f:
        feats = [x for x in json.load(f)["features"] if x["properties"]["wijkcode"] in wijken]
    geoms = [shapely.geometry.shape(x["geometry"]) for x in feats]
    xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
    midden = shapely.Point((xmin + xmax) / 2, (ymin + ymax) / 2)
    for feat, geom in zip(feats, geoms, strict=True):
        if geom.contains(midden):
            return feat["properties"]["wijkcode"], feat["properties"]["wijknaam"]
    pytest.fail("geen wijk onder het midden van de kaart")


def _regio_in_url(page) -> str | None:
    m = re.search(r"[?&]regio=([A-Z0-9]+)", page.url)
    return m.group(1) if m else None


def _klaar(page) -> None:
    page.wait_for_timeout(1000)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=90_000)
    page.wait_for_timeout(1000)


def test_cold_start_map_click_and_page_change(
    browser_page, streamlit_server, shared_data, screenshot
):
    page = browser_page
    raw = _raw_2024(shared_data)
    inwoners = {c: v["AantalInwoners_5"] for c, v in raw.items() if c.startswith("WK0518")}
    grootste = max(inwoners, key=lambda c: inwoners[c] or -1)

    # 1. cold start: Kaart of Den Haag's wijken in 2024, with values, on the largest wijk
    page.goto(streamlit_server)
    _wacht_op_tekst(page, "Inwoners per wijk, 's-Gravenhage, 2024")
    counts = _wacht_op_kaart(page)
    _wacht_op_tekst(page, f"{len(inwoners)} van {len(inwoners)} gebieden met een waarde")
    _wacht_op_tekst(
        page, f"Open het Wijkprofiel van Wijk 38 Laakkwartier en Spoorwijk ({grootste})"
    )
    _klaar(page)
    shot = screenshot("bezoek_1_koude_start_kaart")
    assert counts["palet"] > 2000, f"kaart niet getekend ({shot})"
    assert _regio_in_url(page) == grootste and inwoners[grootste] > 40_000

    # 2. a click in the middle of the map selects the wijk lying there
    code, naam = _wijk_in_het_midden(shared_data, set(inwoners))
    assert code != grootste  # else the click would prove nothing
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    _wacht_op_tekst(page, f"Open het Wijkprofiel van {naam} ({code})")
    _klaar(page)
    screenshot("bezoek_2_klik_op_kaart")
    assert _regio_in_url(page) == code

    # 3. another page through the menu (the URL loses its parameters): same wijk; Vergelijk
    #    opens on 2019, the newest year with income, housing and energy per wijk
    page.locator('[data-testid="stSidebarNav"] a', has_text="Vergelijk").first.click()
    _wacht_op_tekst(page, f"Gebieden die het meest lijken op {naam} (2019)")
    _klaar(page)
    screenshot("bezoek_3_vergelijk")
    assert _regio_in_url(page) == code and "jaar=2019" in page.url

    # 4. Energietransitie opens on 2019 with gas use in the table
    page.locator('[data-testid="stSidebarNav"] a', has_text="Energietransitie").first.click()
    _wacht_op_tekst(page, "Energie en wonen per wijk ('s-Gravenhage, KWB 2019)")
    _wacht_op_tekst(page, "Jaren met de gegevens van deze pagina")
    _klaar(page)
    screenshot("bezoek_4_energietransitie")

    # 5. Wijkprofiel: the same wijk
    page.locator('[data-testid="stSidebarNav"] a', has_text="Wijkprofiel").first.click()
    _wacht_op_tekst(page, "begroting")
    _klaar(page)
    screenshot("bezoek_5_wijkprofiel")
    assert _regio_in_url(page) == code
