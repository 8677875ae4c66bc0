"""Geometry helpers: pairing rule, shared-edge simplification, the choropleth and its legend."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon

from geldstromen import geo
from geldstromen.ui import kaart
from tests.conftest import REPO


def _dekking(**years: int) -> pd.DataFrame:
    return pd.DataFrame({"jaar": [int(y[1:]) for y in years], "gevonden": list(years.values())})


def test_same_year_wins():
    pick = geo.kies_geometrie_jaar(_dekking(y2015=100, y2019=40), 2019, 100)
    assert pick["jaar"] == 2019 and pick["melding"] is None


def test_nearest_year_with_matching_codes_is_named():
    pick = geo.kies_geometrie_jaar(_dekking(y2015=100, y2024=100), 2019, 100)
    assert pick["jaar"] == 2015
    assert pick["melding"] == "Kaartgrenzen 2015 gebruikt voor gegevens 2019 (zelfde codes)."


def test_no_year_matches_enough_codes():
    pick = geo.kies_geometrie_jaar(_dekking(y2015=20, y2024=94), 2019, 100)
    assert pick["jaar"] is None
    assert "Geen kaart" in pick["melding"] and "tabel" in pick["melding"]


def test_coverage_simplify_keeps_shared_edges():
    zigzag = [(0, i * 10, 5 * (i % 2)) for i in range(101)]
    edge = [(x + dx, y) for x, y, dx in zigzag]
    left = Polygon([(-500, 0), *edge, (-500, 1000)])
    right = Polygon([(500, 0), (500, 1000), *reversed(edge)])
    geoms = gpd.GeoSeries([left, right], crs=geo.RD).to_crs(geo.WGS84)
    simple = geo.vereenvoudig(geoms, "buurt", tolerantie=50).to_crs(geo.RD)
    assert (
        shapely.get_num_coordinates(simple.values).sum()
        < shapely.get_num_coordinates(gpd.GeoSeries([left, right]).values).sum()
    )
    assert simple.is_valid.all()
    overlap = simple.iloc[0].intersection(simple.iloc[1]).area
    union = simple.union_all()
    assert overlap < 1  # square metres: no slivers
    assert union.geom_type == "Polygon" and not list(union.interiors)  # no gaps


def _geometrie() -> pd.DataFrame:
    squares = {
        "WK000101": (5.0, 52.0),
        "WK000102": (5.1, 52.0),
        "WK000103": (5.2, 52.0),
        "WK000104": (5.3, 52.0),
    }
    return pd.DataFrame(
        {
            "regio_code": list(squares),
            "regio_naam": ["<b>Oud</b>", "Nul", "Leeg", "Hoog"],
            "geometrie_geojson": [
                json.dumps(shapely.geometry.mapping(shapely.box(x, y, x + 0.1, y + 0.1)))
                for x, y in squares.values()
            ],
        }
    )


def _waarden() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "regio_code": ["WK000101", "WK000102", "WK000103", "WK000104"],
            "waarde": [5.0, 0.0, None, 10.0],
            "jaar": 2019,
            "methode": "waargenomen",
            "bron": "84583NED (2019), Bron: CBS",
        }
    )


INFO = {"label": "Inwoners", "eenheid": "aantal", "methode": "waargenomen"}


def test_choropleth_grey_for_missing_never_for_zero():
    deck = kaart.choropleth(_waarden(), _geometrie(), INFO)
    spec = json.loads(deck.to_json())
    props = {
        f["properties"]["code"]: f["properties"] for f in spec["layers"][0]["data"]["features"]
    }
    assert props["WK000103"]["kleur"] == kaart.GEEN_GEGEVENS
    assert props["WK000103"]["waarde"] == "geen gegevens"
    assert props["WK000102"]["kleur"] in kaart.KLEUREN
    assert props["WK000102"]["kleur"] != props["WK000104"]["kleur"]
    assert props["WK000101"]["naam"] == "<b>Oud</b>"  # Streamlit escapes it in the tooltip
    assert spec["mapStyle"] == "__MAP_STYLE__"  # no basemap (absent would mean Carto's): offline
    assert ",\n" not in deck.to_json()  # compact payload
    tooltip = deck._tooltip["html"]
    assert "{naam}" in tooltip and "2019" in tooltip and "waargenomen" in tooltip
    assert "84583NED" in tooltip


def test_legend_counts_missing_separately():
    legend = kaart.legenda_html(_waarden(), _geometrie(), INFO)
    assert "geen gegevens (niet 0) <small>(1 gebied)</small>" in legend
    assert "Inwoners (aantal)" in legend
    assert legend.count("background:rgb(") == len(kaart.klassen(pd.Series([5.0, 0.0, 10.0]))) + 1


@pytest.mark.parametrize("values", [[None, None], [3.0, 3.0]])
def test_choropleth_degenerate_values(values):
    geometrie = _geometrie().iloc[:2]
    waarden = pd.DataFrame({"regio_code": geometrie["regio_code"], "waarde": values})
    deck = kaart.choropleth(waarden, geometrie, INFO)
    assert len(json.loads(deck.to_json())["layers"][0]["data"]["features"]) == 2


def test_nearly_equal_values_make_one_legend_class():
    """Allocation by inhabitants gives the same euro per inhabitant up to rounding noise."""
    from geldstromen.ui import kaart

    waarden = pd.Series([2532.0000001, 2532.0000004, 2531.9999998, 2532.0000002, float("nan")])
    assert kaart.klassen(waarden) == [2532.0]
    assert len(kaart.klassen(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]))) == 5


def test_default_map_asks_no_third_party_host(monkeypatch):
    """Issue 18 item 16: with ``map_style=None`` Streamlit's frontend fills in a Carto basemap
    (its bundle: ``!mapStyle -> basemaps.cartocdn.com``), so each visitor's browser told that
    host which wijk it looked at. Without GELDSTROMEN_BASEMAP_URL the spec carries pydeck's
    placeholder, for which Streamlit draws no basemap, and no URL at all."""
    monkeypatch.delenv("GELDSTROMEN_BASEMAP_URL", raising=False)
    spec = kaart.choropleth(_waarden(), _geometrie(), INFO).to_json()
    assert json.loads(spec)["mapStyle"] == "__MAP_STYLE__"
    assert "mapProvider" not in json.loads(spec)
    assert "http" not in spec and "//" not in spec


@pytest.mark.parametrize(
    ("waarde", "stijl"),
    [
        (
            "https://tegels.gemeente.example/stijl.json",
            "https://tegels.gemeente.example/stijl.json",
        ),
        ("  ", "__MAP_STYLE__"),
        ("javascript:alert(1)", "__MAP_STYLE__"),
        ("ftp://x/stijl.json", "__MAP_STYLE__"),
    ],
)
def test_basemap_only_when_the_deployment_configures_one(monkeypatch, waarde, stijl):
    monkeypatch.setenv("GELDSTROMEN_BASEMAP_URL", waarde)
    spec = json.loads(kaart.choropleth(_waarden(), _geometrie(), INFO).to_json())
    assert spec["mapStyle"] == stijl
    assert "GELDSTROMEN_BASEMAP_URL=" in (REPO / ".env.example").read_text(encoding="utf-8")


def _vierkanten_rd(size_m: float, n: int, x0: float = 150_000, y0: float = 450_000):
    """``n`` x ``n`` squares of ``size_m`` in RD, each edge a zigzag of 100 points."""
    out = []
    for i in range(n):
        for j in range(n):
            x, y = x0 + i * size_m, y0 + j * size_m
            steps = [k / 100 for k in range(101)]
            bottom = [(x + size_m * t, y) for t in steps]
            right = [(x + size_m, y + size_m * t) for t in steps]
            top = [(x + size_m * (1 - t), y + size_m) for t in steps]
            left = [(x, y + size_m * (1 - t)) for t in steps]
            out.append(Polygon(bottom + right + top + left))
    return out


def _teksten(polys) -> pd.Series:
    wgs = gpd.GeoSeries(polys, crs=geo.RD).to_crs(geo.WGS84)
    return pd.Series([geo.geojson_tekst(g) for g in wgs])


def test_view_keeps_stored_detail_when_pixels_are_finer():
    teksten = _teksten(_vierkanten_rd(2000, 2))
    assert geo.voor_beeld(teksten, "wijk", m_per_px=20) == list(teksten)


def test_view_simplifies_and_keeps_every_region_including_a_tiny_island():
    grid = _vierkanten_rd(5000, 4)
    island = shapely.box(200_000, 450_000, 200_015, 450_015)  # 15 m, far below one pixel
    teksten = _teksten([*grid, island])
    drawn = geo.voor_beeld(teksten, "wijk", m_per_px=700)
    geoms = shapely.from_geojson(drawn)
    assert len(drawn) == len(teksten)  # one polygon per region
    assert shapely.is_valid(geoms).all() and not shapely.is_empty(geoms).any()
    assert all(g.geom_type in ("Polygon", "MultiPolygon") for g in geoms)
    before = shapely.get_num_coordinates(shapely.from_geojson(teksten.to_numpy())).sum()
    assert shapely.get_num_coordinates(geoms).sum() < before / 10
    # the island is still where it was (within one pixel)
    raw_island = gpd.GeoSeries([island], crs=geo.RD).to_crs(geo.WGS84).iloc[0]
    drawn_island = gpd.GeoSeries([geoms[-1]], crs=geo.WGS84).to_crs(geo.RD).iloc[0]
    assert drawn_island.distance(island) < 700 and raw_island.intersects(geoms[-1].buffer(0.01))
    # neighbours still share their edges: no gaps between the squares
    union = gpd.GeoSeries(geoms[:-1], crs=geo.WGS84).to_crs(geo.RD).union_all()
    assert union.geom_type == "Polygon" and not list(union.interiors)


@pytest.mark.parametrize(("m_per_px", "decimalen"), [(700, 3), (45, 4), (3, 5), (0.1, 5)])
def test_rounding_stays_under_half_a_pixel(m_per_px, decimalen):
    assert geo.decimalen_voor(m_per_px) == decimalen
    # half a unit of the last decimal, in metres of longitude at 53 N, is under half a pixel
    assert 0.5 * 10**-decimalen * 111_320 * 0.6 <= m_per_px / 2 or decimalen == geo.DECIMALEN


def test_first_view_scale_follows_the_extent():
    nl = geo.beeld((3.36, 50.75, 7.23, 53.55))
    amsterdam = geo.beeld((4.73, 52.28, 5.07, 52.43))
    assert 300 < nl["m_per_px"] < 1200
    assert 10 < amsterdam["m_per_px"] < 60
    # metres per pixel halve with every zoom step
    ratio = nl["m_per_px"] / amsterdam["m_per_px"]
    assert ratio == pytest.approx(2 ** (amsterdam["zoom"] - nl["zoom"]), rel=0.05)


def test_outlines_are_a_one_pixel_band_where_the_view_can_show_them():
    grid = _vierkanten_rd(2000, 3)  # 2 km squares sharing their edges, 6 km across
    teksten = _teksten(grid)
    m_per_px = 20.0
    band = gpd.GeoSeries(
        [shapely.from_geojson(geo.randen(teksten, m_per_px))], crs=geo.WGS84
    ).to_crs(geo.RD)[0]
    assert band.is_valid and not band.is_empty
    # every edge is covered, shared ones once: 24 edges of 2 km, one pixel wide
    for poly in grid:
        x0, y0, x1, y1 = poly.bounds
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        for x, y in ((mx, y0), (mx, y1), (x0, my), (x1, my)):
            assert band.contains(shapely.Point(x, y))
        assert not band.contains(shapely.Point(mx, my))  # the region itself stays coloured
    assert band.area == pytest.approx(24 * 2000 * geo.VOEG_PX * m_per_px, rel=0.1)
    # a view where regions are a few pixels gets no outlines (they would hide the regions)
    assert geo.randen(teksten, m_per_px=2000) is None


def test_one_shader_outlines_and_labels_only_where_readable():
    from geldstromen.ui import kaartkeuze

    geometrie = _geometrie()  # four 0.1 degree squares: ~7 km, big on screen
    deck = kaart.choropleth(_waarden(), geometrie, INFO)
    # outlines are a band of polygons above the map, not a path shader, and let clicks through
    assert [layer.id for layer in deck.layers] == ["choropleth", "randen"]
    assert deck.layers[0].stroked is False and deck.layers[0].pickable is True
    assert deck.layers[1].filled is True and deck.layers[1].pickable is False
    assert [layer.id for layer in kaartkeuze.lagen(geometrie, None, m_per_px=20)] == ["namen"]
    assert kaartkeuze.lagen(geometrie, None, m_per_px=700) == []
    # the chosen region: a filled band inside its edge, never the whole region in red
    gekozen = kaartkeuze.lagen(geometrie, "WK000102", m_per_px=100)[-1]
    band = shapely.geometry.shape(gekozen.data["geometry"])
    regio = shapely.from_geojson(geometrie["geometrie_geojson"].iloc[1])
    assert gekozen.id == "gekozen" and gekozen.stroked is False and gekozen.filled is True
    assert band.area < 0.5 * regio.area and regio.buffer(1e-9).contains(band)
