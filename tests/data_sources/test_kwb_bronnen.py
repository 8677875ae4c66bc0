"""KWB 2015 attributes, PDOK 2024 attributes and the derived Utrecht 2020 file (synthetic)."""

from __future__ import annotations

import math

import pytest

from data_sources.base import IngestFout
from data_sources.ingest import ingest, vind_bestanden
from data_sources.kwb_2015 import lees_attributen
from geldstromen import db
from geldstromen.queries import run_query
from tests.conftest import FIXTURES

BRONNEN = FIXTURES / "bronnen_kwb"
MODULES = (
    "data_sources.kwb_2015",
    "data_sources.pdok_wijken_attributen",
    "data_sources.kwb_utrecht_2020",
)


def _waarden(engine, niveau, jaar):
    frame = run_query(
        engine, "export_indicatoren", gemeente_code="GM9999", niveau=niveau, jaar=jaar
    )
    return frame.set_index(["regio_code", "indicator"])


@pytest.fixture
def engine(database_url):
    engine = db.make_engine(database_url)
    ingest(engine, vind_bestanden(BRONNEN, MODULES))
    return engine


def test_kwb_2015_attributes_share_indicator_ids(engine):
    wijk = _waarden(engine, "wijk", 2015)
    assert wijk.loc[("WK999901", "inwoners_aantal"), "waarde"] == 6000
    assert wijk.loc[("WK999901", "inwoners_0_15_pct"), "eenheid"] == "% van inwoners"
    assert wijk.loc[("WK999901", "bijstand_aantal"), "bron_kolom"] == "WWB_UITTOT"
    assert wijk.loc[("WK999901", "oppervlakte_land_ha"), "waarde"] == 550
    # -99999999 (geheim) is missing, never a number
    assert math.isnan(wijk.loc[("WK999902", "bijstand_aantal"), "waarde"])
    assert math.isnan(wijk.loc[("WK999902", "huishoudensgrootte_gem"), "waarde"])
    assert wijk.loc[("WK999902", "inwoners_aantal"), "waarde"] == 0
    assert wijk.loc[("WK999901", "inwoners_aantal"), "regio_naam"] == "Centrum"
    buurt = _waarden(engine, "buurt", 2015)
    assert buurt.loc[("BU99990101", "inwoners_aantal"), "waarde"] == 4000
    assert _waarden(engine, "gemeente", 2015).loc[("GM9999", "mannen_aantal"), "waarde"] == 3000


def test_pdok_2024_attributes_skip_water_and_keep_suppressed_as_null(engine):
    wijk = _waarden(engine, "wijk", 2024)
    assert set(wijk.index.get_level_values(0)) == {"WK999901", "WK999902"}
    assert wijk.loc[("WK999901", "inwoners_65plus_pct"), "waarde"] == 20
    assert wijk.loc[("WK999901", "personenautos_aantal"), "waarde"] == 2000
    assert ("WK999901", "inwoners_aantal") not in wijk.index  # KWB 2024 table has it
    assert math.isnan(wijk.loc[("WK999902", "inwoners_65plus_pct"), "waarde"])
    assert set(wijk["methode"]) == {"waargenomen"}
    assert wijk["bron"].str.contains("PDOK").all()


def test_utrecht_2020_derived_zero_means_missing(engine):
    buurt = _waarden(engine, "buurt", 2020)
    assert buurt.loc[("BU99990101", "woz_gem_eur"), "waarde"] == 310_000
    assert buurt.loc[("BU99990102", "regio_naam")].iloc[0] == "Nieuwe Kern"
    assert math.isnan(buurt.loc[("BU99990102", "woz_gem_eur"), "waarde"])
    assert math.isnan(buurt.loc[("BU99990102", "aardgas_m3_per_woning"), "waarde"])
    assert buurt.loc[("BU99990102", "koopwoningen_pct"), "waarde"] == 70
    assert buurt.loc[("BU99990101", "leefbaarometer_score"), "methode"] == "geschat"
    assert "afstand_tot_bos_km" not in set(buurt["bron_kolom"])  # all zero: no information
    assert buurt["bron"].str.contains("Afgeleid").all()


def test_second_ingest_skips_unchanged(engine):
    again = ingest(engine, vind_bestanden(BRONNEN, MODULES))
    assert again.nieuw == [] and len(again.overgeslagen) == 5


def test_broken_geojson_is_a_dutch_error(tmp_path):
    path = tmp_path / "cbs_wijk_2015_kwb.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(IngestFout, match="geen geldige"):
        lees_attributen(path, "x", "wijk")
    path.write_text('{"type": "FeatureCollection", "features": [{"properties": {"X": 1}}]}')
    with pytest.raises(IngestFout, match="WK_CODE ontbreekt"):
        lees_attributen(path, "x", "wijk")
