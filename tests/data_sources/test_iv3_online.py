"""Iv3 from CBS's third-party service on replays in the documented shape (synthetic values):
keyed by GM code, begroting X000 and jaarrekening X005, leaf categories only, balance-sheet
posts and other report types left out, -99998 = geen opgave; a file source for the same
year x stuk wins over the online one (never both)."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest
import responses

from data_sources.base import IngestFout
from data_sources.cbs_odata import CbsFeed
from data_sources.ingest import ingest, vind_bestanden
from data_sources.iv3_online import iv3_jaren, iv3_online
from geldstromen import db
from geldstromen.config import get_settings

BASE = "https://derden.invalid/ODataFeed/odata"
TABEL = "45063NED"  # 2023
FIXTURES = Path(__file__).parents[1] / "fixtures" / "data"


def _pad(key: str, n: int) -> str:
    return key.ljust(n)


GEMEENTEN = [
    {"Key": _pad("GM9999", 10), "Title": "Testdorp"},
    {"Key": _pad("GM9998", 10), "Title": "Proefstad"},
]
TAAKVELDEN = [
    {"Key": _pad("0.1", 6), "Title": "0.1 Bestuur"},
    {"Key": _pad("0.10", 6), "Title": "0.10 Mutaties reserves"},
    {"Key": _pad("A1", 6), "Title": "Immateriële vaste activa"},
]
CATEGORIEEN = [
    {"Key": "L1.1", "Title": "Salarissen en sociale lasten"},
    {"Key": "L3.5.1", "Title": "Ingeleend personeel"},
    {"Key": "L3.5", "Title": "Subtotaal (mag niet meetellen)"},
    {"Key": "B4.3.1", "Title": "Algemene uitkering"},
]


def _rij(i, gm, tv, cat, soort, bedrag):
    return {
        "ID": i,
        "Gemeenten": _pad(gm, 10),
        "TaakveldBalanspost": _pad(tv, 6),
        "Categorie": cat,
        "Verslagsoort": soort,
        "k_1ePlaatsing_1": bedrag,
        "k_2ePlaatsing_2": None,
    }


ROWS = [
    _rij(0, "GM9998", "0.1", "L1.1", "2023X000", 120.0),
    _rij(1, "GM9998", "0.1", "L3.5.1", "2023X000", 30.0),
    _rij(2, "GM9998", "0.1", "L3.5", "2023X000", 30.0),  # subtotal: left out
    _rij(3, "GM9998", "0.1", "B4.3.1", "2023X000", 7.0),
    _rij(4, "GM9998", "0.10", "L1.1", "2023X000", -99998),  # geen opgave
    _rij(5, "GM9998", "0.10", "B4.3.1", "2023X000", 55.0),
    _rij(6, "GM9998", "A1", "L1.1", "2023X000", 999.0),  # balance-sheet post
    _rij(7, "GM9998", "0.1", "L1.1", "2023X005", 125.0),
    _rij(8, "GM9998", "0.1", "L1.1", "2023X001", 1.0),  # another report type
    _rij(9, "GM9999", "0.1", "L1.1", "2023X000", 80.0),
]


def _register(rsps, rows=ROWS, tabel=TABEL):
    bodies = {
        "TableInfos": [{"ID": 0, "Identifier": tabel, "Modified": "2025-01-10T02:00:00"}],
        "Gemeenten": GEMEENTEN,
        "TaakveldBalanspost": TAAKVELDEN,
        "Categorie": CATEGORIEEN,
        "TypedDataSet": rows,
    }
    for naam, value in bodies.items():
        body = {
            "odata.metadata": f"{BASE}/{tabel}/$metadata#Cbs.OData.WebAPI.{naam}",
            "value": value,
        }
        rsps.get(f"{BASE}/{tabel}/{naam}", body=json.dumps(body), content_type="application/json")


def _settings(tmp_path):
    return get_settings({"GELDSTROMEN_VAR_DIR": str(tmp_path / "var")})


def _items(tmp_path):
    settings = _settings(tmp_path)
    return iv3_online(settings, [2023], feed=CbsFeed(settings, base_url=BASE, wacht_s=0.001))


def _mart(engine) -> pd.DataFrame:
    return pd.read_sql_query("select * from mart_iv3_taakveld", engine)


@responses.activate
def test_online_iv3_rows_by_gm_code(tmp_path, database_url):
    _register(responses)
    engine = db.make_engine(database_url)
    result = ingest(engine, _items(tmp_path))
    assert result.nieuw == ["iv3_2023_45063NED_online"]
    mart = _mart(engine).set_index(["gemeente_code", "stuk", "taakveld_code"]).sort_index()
    # recomputed from ROWS by hand: leaf L categories, x1000 euro
    bestuur = mart.loc[("GM9998", "begroting", "0.1")]
    assert bestuur["lasten_eur"] == (120 + 30) * 1000
    assert bestuur["baten_eur"] == 7 * 1000
    assert bestuur["salarissen_eur"] == 120 * 1000
    assert bestuur["taakveld_naam"] == "Bestuur" and bestuur["naam_status"] == "code"
    assert bestuur["gemeente_naam"] == "Proefstad" and bestuur["jaar"] == 2023
    reserves = mart.loc[("GM9998", "begroting", "0.10")]
    assert math.isnan(reserves["lasten_eur"])  # -99998 is missing, never a number
    assert reserves["baten_eur"] == 55 * 1000
    assert mart.loc[("GM9998", "jaarrekening", "0.1"), "lasten_eur"] == 125 * 1000
    assert mart.loc[("GM9999", "begroting", "0.1"), "lasten_eur"] == 80 * 1000
    assert "A1" not in mart.index.get_level_values("taakveld_code")
    assert len(mart) == 4  # 2x begroting GM9998, 1 jaarrekening, 1 GM9999; X001 left out
    assert not mart.index.duplicated().any()


@responses.activate
def test_a_file_for_the_same_year_wins(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "iv3", data / "iv3")
    shutil.copytree(FIXTURES / "geo", data / "geo")
    _register(responses)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'i.sqlite'}")
    ingest(engine, vind_bestanden(data) + _items(tmp_path))
    mart = _mart(engine)
    begroting = mart[(mart["jaar"] == 2023) & (mart["stuk"] == "begroting")]
    assert set(begroting["bron"].str.contains("online")) == {False}  # the file, not both
    assert not begroting.duplicated(["gemeente_naam", "taakveld_code"]).any()
    jaarrekening = mart[(mart["jaar"] == 2023) & (mart["stuk"] == "jaarrekening")]
    assert jaarrekening["bron"].str.contains("online").all()  # only online has it


@responses.activate
def test_missing_fields_are_a_dutch_message(tmp_path):
    rows = [{k: v for k, v in r.items() if k != "Verslagsoort"} for r in ROWS]
    _register(responses, rows)
    with pytest.raises(IngestFout, match="Verslagsoort"):
        _items(tmp_path)[0].ophalen()


def test_iv3_jaren():
    assert iv3_jaren({}) == list(range(2017, 2027))
    assert iv3_jaren({"GELDSTROMEN_ONLINE_IV3_JAREN": "2015,2026"}) == [2015, 2026]
    with pytest.raises(IngestFout, match="Geen Iv3-tabel"):
        iv3_jaren({"GELDSTROMEN_ONLINE_IV3_JAREN": "2009"})
