"""The online boundary path on real boundaries: the stored 2024 wijken (PDOK) replayed as OGC
API pages and the 2015 buurten (wijk- en buurtkaart) replayed as WFS pages in RD New give the
same regions, names and shapes as the file path, and the year's own shapes on the map."""

from __future__ import annotations

import gzip
import json

import geopandas as gpd
import pytest
import responses
import shapely

from data_sources import geometrie, pdok
from geldstromen.config import get_settings
from tests.support import pdok_replay

pytestmark = pytest.mark.shared_data


@pytest.fixture
def settings(tmp_path):
    return get_settings({"GELDSTROMEN_VAR_DIR": str(tmp_path), "GELDSTROMEN_HTTP_RETRIES": "2"})


@pytest.fixture
def replay():
    rp = pdok_replay.Replay()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rp.activeer(rsps)
        yield rp


def _vergelijk(online: dict, bestand: dict) -> None:
    a = online["raw_geometrie"].set_index("regio_code")
    b = bestand["raw_geometrie"].set_index("regio_code")
    assert sorted(a.index) == sorted(b.index)
    assert a["gemeente_code"].sort_index().equals(b["gemeente_code"].sort_index())
    na = online["raw_regio"].set_index("regio_code")["regio_naam"].sort_index()
    nb = bestand["raw_regio"].set_index("regio_code")["regio_naam"].sort_index()
    assert na.equals(nb)
    ga = shapely.from_geojson(a["geometrie_geojson"].sort_index().to_numpy())
    gb = shapely.from_geojson(b["geometrie_geojson"].sort_index().to_numpy())
    # the cache keeps 0.1 m, so simplification may keep another vertex of a long thin shape
    # (3 of 12,229 buurten 2015 differ by more than 50 m): same areas, nearly all within 2 m
    opp = shapely.area(ga) / shapely.area(gb)
    assert float(abs(opp - 1).max()) < 0.01
    afstand = shapely.hausdorff_distance(ga, gb)
    assert float((afstand < 2e-5).mean()) > 0.99


def test_real_2024_wijken_as_ogc_pages(shared_data, settings, replay):
    path = shared_data / "geo" / "pdok_cbs_wijken_2024_simplified.geojson.gz"
    features = json.loads(gzip.open(path).read())["features"]
    replay.ogc_features(2024, "wijk", features, pagina=1000)
    (item,) = pdok.online_bestanden(settings, [2024], ["wijk"], bron=pdok.PdokGrenzen(settings))
    online = item.lees()
    assert sum("/wijken/" in u for u in replay.opgevraagd) == 4  # 3,475 features, 4 pages
    # recomputed from the raw file: wijken with statistics, not water or "Buitenland"
    verwacht = {
        f["properties"]["wijkcode"]
        for f in features
        if f["properties"].get("aantal_inwoners") is not None
    }
    assert set(online["raw_geometrie"]["regio_code"]) == verwacht
    _vergelijk(online, geometrie.lees(path, niveau="wijk", jaar=2024, bron_id=item.bron_id))


def test_real_2015_buurten_as_wfs_pages_in_rd(shared_data, settings, replay):
    path = shared_data / "cbs_kwb_2015_geo" / "cbs_buurt_2015_kwb.geojson.gz"
    rd = gpd.read_file(f"/vsigzip/{path}").to_crs("EPSG:28992")
    features = json.loads(rd.to_json(drop_id=True))["features"]
    replay.wfs_features(2015, "buurt", features)
    (item,) = pdok.online_bestanden(settings, [2015], ["buurt"], bron=pdok.PdokGrenzen(settings))
    online = item.lees()
    assert len(online["raw_geometrie"]) > 11_000  # all NL land buurten of 2015
    assert "WFS" in item.opmerking
    _vergelijk(online, geometrie.lees(path, niveau="buurt", jaar=2015, bron_id=item.bron_id))
