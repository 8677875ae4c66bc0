"""PDOK OGC API path with synthetic responses (never the live service)."""

from __future__ import annotations

import pytest
import requests
import responses
import shapely

from data_sources import pdok
from data_sources.base import IngestFout
from geldstromen.config import get_settings

WIJKEN = pdok.BASIS_URL.format(jaar=2024, collectie="wijken")
GEMEENTEN = pdok.BASIS_URL.format(jaar=2024, collectie="gemeenten")


def _feature(props: dict, x: float) -> dict:
    geom = shapely.geometry.mapping(shapely.box(x, 52.0, x + 0.05, 52.06))
    return {"type": "Feature", "properties": props, "geometry": geom}


def _wijk(code: str, naam: str, x: float, water: str = "NEE") -> dict:
    props = {
        "wijkcode": code,
        "wijknaam": naam,
        "gemeentecode": "GM9999",
        "gemeentenaam": "Testdorp",
        "water": water,
    }
    return _feature(props, x)


@pytest.fixture
def settings(tmp_path):
    return get_settings(
        {
            "GELDSTROMEN_VAR_DIR": str(tmp_path),
            "GELDSTROMEN_HTTP_RETRIES": "3",
            "GELDSTROMEN_HTTP_TIMEOUT_S": "2",
        }
    )


def _pages(rsps) -> None:
    rsps.get(
        WIJKEN,
        match=[responses.matchers.query_param_matcher({"f": "json", "limit": "1000"})],
        json={
            "features": [_wijk("WK999901", "Oud", 5.0)],
            "links": [{"rel": "next", "href": f"{WIJKEN}?f=json&limit=1000&offset=1000"}],
        },
    )
    rsps.get(
        WIJKEN,
        match=[
            responses.matchers.query_param_matcher({"f": "json", "limit": "1000", "offset": "1000"})
        ],
        json={
            "features": [_wijk("WK999902", "Nieuw", 5.05), _wijk("WK999999", "Water", 5.1, "JA")],
            "links": [],
        },
    )
    rsps.get(
        GEMEENTEN,
        json={"features": [_feature({"gemeentecode": "GM9999", "gemeentenaam": "Testdorp"}, 5.0)]},
    )


@responses.activate
def test_pages_followed_water_dropped_and_cached(settings):
    _pages(responses)
    items = {b.bron_id: b for b in pdok.online_bestanden(settings)}
    assert set(items) == {"geometrie_gemeente_2024", "geometrie_wijk_2024"}
    wijken = items["geometrie_wijk_2024"].lees()
    assert wijken["raw_geometrie"]["regio_code"].tolist() == ["WK999901", "WK999902"]
    assert wijken["raw_regio"]["regio_naam"].tolist() == ["Oud", "Nieuw"]
    assert len(responses.calls) == 3
    again = pdok.online_bestanden(settings)  # from the on-disk cache: no new requests
    assert len(responses.calls) == 3
    assert again[1].checksum() == items["geometrie_wijk_2024"].checksum()


@responses.activate
def test_retries_server_errors_then_succeeds(settings):
    responses.get(GEMEENTEN, status=503)
    responses.get(GEMEENTEN, json={"features": [], "links": []})
    assert pdok.features("gemeente", 2024, settings) == []
    assert len(responses.calls) == 2


@responses.activate
def test_gives_up_with_dutch_message(settings):
    responses.get(GEMEENTEN, body=requests.ConnectionError("geen netwerk"))
    with pytest.raises(IngestFout, match="PDOK niet bereikbaar na 3 pogingen"):
        pdok.features("gemeente", 2024, settings)
    assert len(responses.calls) == 3


@responses.activate
def test_client_error_is_not_retried(settings):
    responses.get(GEMEENTEN, status=404)
    with pytest.raises(IngestFout, match="HTTP 404"):
        pdok.features("gemeente", 2024, settings)
    assert len(responses.calls) == 1
