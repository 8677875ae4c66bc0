"""Postcode search (issue 15 item 3): PC4 polygons ingested from a synthetic file in the shape
of the CBS PC4 file; the Kaart's postcode field selects the region covering most of the area.
Expected shares computed by hand from the fixture's squares."""

from __future__ import annotations

import json
import shutil

import pytest
import streamlit as st

from data_sources import postcode as bron
from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db, queries
from geldstromen.domain.postcode import NIVEAU, beste_regio, lees_postcode
from tests.conftest import FIXTURES, REPO

PC4 = FIXTURES / "postcode" / "pc4_postcodes4_synthetisch_2020.geojson"


def _vierkant(x0, y0, x1, y1) -> str:
    return json.dumps(
        {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}
    )


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("2512", ("2512", None)),
        (" 2512 ab ", ("2512", "AB")),
        ("2512AB", ("2512", "AB")),
        ("0123", None),
        ("25123", None),
        ("Kerkstraat 1", None),
        ("", None),
    ],
)
def test_postcode_text(tekst, verwacht):
    assert lees_postcode(tekst) == verwacht


def test_the_region_covering_most_of_the_area_wins():
    import pandas as pd

    regios = pd.DataFrame(
        {
            "regio_code": ["WK1", "WK2", "WK3"],
            "geometrie_geojson": [
                _vierkant(0, 0, 1, 1),
                _vierkant(1, 0, 2, 1),
                _vierkant(5, 5, 6, 6),
            ],
        }
    )
    # 0.2 x 1 in WK1, 0.6 x 1 in WK2, 0.2 x 1 outside both
    t = beste_regio(_vierkant(0.8, 0, 2.2, 1), regios)
    assert t.regio_code == "WK2" and t.aandeel == pytest.approx(1.0 / 1.4)
    assert beste_regio(_vierkant(10, 10, 11, 11), regios) is None


def test_ingest_reads_pc4_polygons_without_a_gemeente(tmp_path):
    data = tmp_path / "data"
    (data / "postcode").mkdir(parents=True)
    shutil.copy(PC4, data / "postcode" / PC4.name)
    (gevonden,) = bron.vind(data)
    assert gevonden.bron_id == "postcode4_2020" and gevonden.jaar == 2020
    geo = gevonden.lees()["raw_geometrie"]
    assert sorted(geo["regio_code"]) == ["9991", "9992", "9993"]
    assert set(geo["niveau"]) == {NIVEAU} and geo["gemeente_code"].isna().all()
    raw = json.loads(PC4.read_text())
    assert len(geo) == len(raw["features"])


@pytest.fixture(scope="module")
def postcode_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("pcdb")
    data = path / "data"
    shutil.copytree(FIXTURES / "data", data)
    (data / "postcode").mkdir()
    shutil.copy(PC4, data / "postcode" / PC4.name)
    url = f"sqlite:///{path / 'pc.sqlite'}"
    ingest(db.make_engine(url), vind_bestanden(data))
    return url


def test_stored_polygons_never_reach_a_gemeente_map(postcode_db):
    engine = db.make_engine(postcode_db)
    alles = queries.run_query(
        engine, "kaart_geometrie", gemeente_code="*", niveau="wijk", jaar=2024
    )
    assert not alles["regio_code"].isin(["9991", "9992", "9993"]).any()
    pc = queries.run_query(engine, "postcode_geometrie", niveau=NIVEAU, postcode="9992")
    assert len(pc) == 1 and pc["jaar"].iloc[0] == 2020


def _kaart(monkeypatch, url, **params):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params.update({"gemeente": "GM9999", "niveau": "wijk", "jaar": "2024", **params})
    at.run()
    at.switch_page("app_pages/kaart.py").run()
    assert not at.exception, at.exception
    return at


def _sidebar_tekst(at) -> str:
    return " ".join(x.value for x in [*at.sidebar.info, *at.sidebar.warning])


def test_kaart_postcode_selects_the_wijk_covering_most_of_it(monkeypatch, postcode_db):
    at = _kaart(monkeypatch, postcode_db, regio="WK999901")
    assert at.selectbox(key="regio").value == "WK999901"
    at.text_input(key="postcode").set_value("9992 AB").run()
    assert not at.exception, at.exception
    # 9992 = [5.045, 5.1] x [52.0, 52.05]: 0.05 of its 0.055 degrees of width lie in wijk 02
    assert at.selectbox(key="regio").value == "WK999902"
    tekst = _sidebar_tekst(at)
    assert "ligt voor 91% in Wijk 02 Nieuw Testdorp & Veld (WK999902)" in tekst, tekst
    assert "Gezocht op 9992" in tekst
    assert at.query_params["regio"] in (["WK999902"], "WK999902")
    # a later choice in the picker stays: the search is not applied again
    at.selectbox(key="regio").set_value("WK999901").run()
    assert at.selectbox(key="regio").value == "WK999901"


def test_kaart_postcode_outside_the_gemeente_or_a_street_is_said(monkeypatch, postcode_db):
    at = _kaart(monkeypatch, postcode_db)
    at.text_input(key="postcode").set_value("9993").run()
    assert "ligt niet in Testdorp" in _sidebar_tekst(at)
    at.text_input(key="postcode").set_value("1234").run()
    assert "staat niet in de gegevens" in _sidebar_tekst(at)
    at.text_input(key="postcode").set_value("Kerkstraat 1").run()
    assert "geen postcode" in _sidebar_tekst(at) and "BAG" in _sidebar_tekst(at)
