"""Geometry ingest on the synthetic Testdorp files (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import shutil

import pytest
import shapely

from data_sources import geometrie
from data_sources.base import IngestFout
from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db, geo, queries
from tests.conftest import FIXTURES

MODULES = ("data_sources.cbs_kwb", "data_sources.geometrie")


@pytest.fixture
def engine(database_url, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    eng = db.make_engine(database_url)
    ingest(eng, vind_bestanden(data, MODULES))
    return eng


def test_files_recognised_with_level_and_year():
    found = {b.bron_id: b for b in geometrie.vind(FIXTURES / "data")}
    assert set(found) == {"geometrie_gemeente_2024", "geometrie_wijk_2024", "geometrie_buurt_2015"}
    assert found["geometrie_wijk_2024"].jaar == 2024


def test_polygons_and_names_stored(engine):
    wijken = queries.run_query(
        engine, "kaart_geometrie", gemeente_code="GM9999", niveau="wijk", jaar=2024
    )
    assert list(wijken["regio_code"]) == ["WK999901", "WK999902"]  # water pseudo-wijk dropped
    assert wijken["regio_naam"].tolist() == [
        "Wijk 01 Oud Testdorp",
        "Wijk 02 Nieuw Testdorp & Veld",
    ]
    for text, lon, lat in wijken[["geometrie_geojson", "lon", "lat"]].itertuples(index=False):
        shape = shapely.from_geojson(text)
        assert shape.is_valid and shape.contains(shapely.Point(lon, lat))
        coords = shapely.get_coordinates(shape)
        assert (coords.round(geo.DECIMALEN) == coords).all()
    buurten = queries.run_query(
        engine, "kaart_geometrie", gemeente_code="*", niveau="buurt", jaar=2015
    )
    assert len(buurten) == 3  # the water part of BU99990201 is left out
    assert "Centrum <Oud>" in set(buurten["regio_naam"])


def test_names_reach_the_indicator_mart(engine):
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "select distinct regio_naam from mart_indicator_mat where regio_code = 'WK999902'"
        ).fetchall()
    assert [r[0] for r in rows] == ["Wijk 02 Nieuw Testdorp & Veld"]


def test_pairing_counts_codes_per_polygon_year(engine):
    dekking = queries.run_query(
        engine,
        "geometrie_dekking",
        niveau="buurt",
        codes=["BU99990101", "BU99990102", "BU99990201"],
    )
    pick = geo.kies_geometrie_jaar(dekking, 2019, 3)
    assert pick["jaar"] == 2015
    assert "Kaartgrenzen 2015 gebruikt voor gegevens 2019 (zelfde codes)" in pick["melding"]


def test_broken_file_gives_dutch_error(tmp_path):
    bad = tmp_path / "geo" / "cbs_gemeenten_2024_kapot.geojson"
    bad.parent.mkdir()
    bad.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    (item,) = geometrie.vind(tmp_path)
    with pytest.raises(IngestFout, match="geen leesbare GeoJSON"):
        item.lees()


def test_missing_code_column_is_named(tmp_path):
    path = tmp_path / "geo" / "cbs_gemeenten_2024_zondercode.geojson"
    path.parent.mkdir()
    feature = {
        "type": "Feature",
        "properties": {"naam": "X"},
        "geometry": shapely.geometry.mapping(shapely.box(5, 52, 5.1, 52.1)),
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    (item,) = geometrie.vind(tmp_path)
    with pytest.raises(IngestFout, match="geen codekolom"):
        item.lees()
