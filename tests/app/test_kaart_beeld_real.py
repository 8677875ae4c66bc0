"""All-NL maps on the real geometries: the lighter view geometry still draws every region,
valid and non-empty, where the raw file puts it (issue 16, map part)."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely
import streamlit as st

from geldstromen import geo

pytestmark = pytest.mark.shared_data

RAW = {
    ("wijk", 2024): ("geo/pdok_cbs_wijken_2024_simplified.geojson.gz", "wijkcode"),
    ("buurt", 2015): ("cbs_kwb_2015_geo/cbs_buurt_2015_kwb.geojson.gz", "BU_CODE"),
}


@pytest.fixture(scope="module")
def kaart(real_store):
    """The cached map service on a store with the KWB files and the geometries."""
    url = real_store(["cbs_kwb", "cbs_kwb_2015_geo", "geometrie"])
    mp = pytest.MonkeyPatch()
    mp.setenv("GELDSTROMEN_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    from geldstromen.cached import kaart as cached_kaart

    yield cached_kaart
    st.cache_resource.clear()
    mp.undo()


def _raw(shared_data, niveau: str, jaar: int) -> gpd.GeoDataFrame:
    """The raw file read with geopandas directly, in RD metres, one row per code."""
    name, code = RAW[(niveau, jaar)]
    frame = gpd.read_file(f"/vsigzip/{shared_data / name}")
    frame = frame.set_crs(geo.WGS84) if frame.crs is None else frame
    frame = frame.rename(columns={code: "code"})[["code", "geometry"]].to_crs(geo.RD)
    frame["geometry"] = frame.geometry.make_valid()
    return frame.dissolve(by="code").reset_index()


@pytest.mark.parametrize(("niveau", "jaar"), list(RAW))
def test_all_nl_view_draws_every_region_where_the_raw_file_has_it(kaart, shared_data, niveau, jaar):
    from geldstromen.ui.kaart import choropleth

    waarden, geometrie, koppeling = kaart.kaart_gegevens(
        "t", kaart.HEEL_NL, niveau, jaar, "inwoners_aantal"
    )
    assert koppeling["jaar"] == jaar
    raw = _raw(shared_data, niveau, jaar)
    # every region of the data with a raw polygon is on the map, exactly once
    expected = set(waarden["regio_code"]) & set(raw["code"])
    assert len(expected) > 2500
    assert expected <= set(geometrie["regio_code"])
    assert not geometrie["regio_code"].duplicated().any()

    drawn = gpd.GeoSeries(
        shapely.from_geojson(geometrie["geometrie_geojson"].to_numpy()),
        index=geometrie["regio_code"].to_numpy(),
        crs=geo.WGS84,
    )
    assert drawn.is_valid.all() and not drawn.is_empty.any()
    assert set(drawn.geom_type) <= {"Polygon", "MultiPolygon"}
    m_per_px = geo.beeld(drawn.total_bounds)["m_per_px"]
    assert m_per_px > 300  # an all-NL view: the simplification was the view's, not the store's

    # each region, the smallest included, is drawn where the raw file has it, keeps at least
    # half its area once it covers a screen pixel, and keeps every island of the stored shape down to a tenth of a pixel across
    raw = raw[raw["code"].isin(expected)].set_index("code")
    drawn_rd = drawn.loc[raw.index].to_crs(geo.RD)
    raw_area = raw.geometry.area.to_numpy()
    assert all(a.intersects(b) for a, b in zip(drawn_rd, raw.geometry, strict=True))
    visible = raw_area >= m_per_px**2
    shrunk = visible & (drawn_rd.area.to_numpy() < 0.5 * raw_area)
    assert not shrunk.any(), raw.index[shrunk][:10].tolist()
    stored = kaart.queries.run_query(
        kaart.engine(), "kaart_geometrie", gemeente_code=kaart.HEEL_NL, niveau=niveau, jaar=jaar
    ).set_index("regio_code")
    stored_rd = gpd.GeoSeries(
        shapely.from_geojson(stored.loc[raw.index, "geometrie_geojson"].to_numpy()),
        crs=geo.WGS84,
    ).to_crs(geo.RD)
    parts = stored_rd.set_axis(raw.index).explode()
    islands = parts[parts.area >= (m_per_px / 10) ** 2]  # down to a tenth of a pixel across
    afstand = islands.distance(drawn_rd.loc[islands.index.get_level_values(0)], align=False)
    assert (afstand <= m_per_px / 2).all(), afstand[afstand > m_per_px / 2].head().to_dict()
    smallest = raw.index[raw_area.argmin()]
    print(f"{niveau} {jaar}: kleinste {smallest} {raw_area.min():.0f} m2, getekend")

    # one feature per region in the deck, no outlines and no labels at this scale
    deck = choropleth(waarden, geometrie, {"label": "Inwoners", "eenheid": "aantal"})
    features = json.loads(deck.to_json())["layers"][0]["data"]["features"]
    assert len(features) == len(geometrie)
    assert deck.layers[0].stroked is False
