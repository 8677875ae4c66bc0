"""The online CBS path on synthetic OData responses (no internet): paging, retries, timeouts,
broken pages, cache re-use, and the same raw rows as the file path."""

from __future__ import annotations

import json
import math
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pytest
import requests
import responses

from data_sources.base import IngestFout
from data_sources.cbs_odata import CbsFeed
from data_sources.ingest import ingest
from data_sources.online import kwb_jaren, online_bestanden
from geldstromen import db
from geldstromen.config import get_settings
from geldstromen.queries import run_query

BASE = "https://cbs.invalid/ODataFeed/odata"
TABEL = "85618NED"
PROPS = {
    "odata.metadata": f"{BASE}/{TABEL}/$metadata#Cbs.OData.WebAPI.DataProperties",
    "value": [
        {"ID": 0, "Type": "GeoDetail", "Key": "WijkenEnBuurten", "Title": "Wijken en buurten"},
        {
            "ID": 1,
            "Type": "Topic",
            "Key": "Gemeentenaam_1",
            "Title": "Gemeentenaam",
            "Datatype": "String",
            "Unit": "",
        },
        {
            "ID": 5,
            "Type": "Topic",
            "Key": "AantalInwoners_5",
            "Title": "Aantal inwoners",
            "Datatype": "Long",
            "Unit": "aantal",
        },
        {
            "ID": 30,
            "Type": "Topic",
            "Key": "HuishoudensTotaal_29",
            "Title": "Huishoudens totaal",
            "Datatype": "Long",
            "Unit": "aantal",
        },
    ],
}
ROWS = [
    {
        "ID": 0,
        "WijkenEnBuurten": "GM9999    ",
        "Gemeentenaam_1": "Testdorp  ",
        "AantalInwoners_5": 10300,
        "HuishoudensTotaal_29": 4600,
    },
    {
        "ID": 1,
        "WijkenEnBuurten": "WK999901  ",
        "Gemeentenaam_1": "Testdorp  ",
        "AantalInwoners_5": 6200,
        "HuishoudensTotaal_29": 2800,
    },
    {
        "ID": 2,
        "WijkenEnBuurten": "BU99990101",
        "Gemeentenaam_1": "Testdorp  ",
        "AantalInwoners_5": 4100,
        "HuishoudensTotaal_29": None,
    },
]
REGIOS = {
    "odata.metadata": f"{BASE}/{TABEL}/$metadata#Cbs.OData.WebAPI.WijkenEnBuurten",
    "value": [
        {"Key": "NL01      ", "Title": "Nederland", "Description": None},
        {"Key": "GM9999    ", "Title": "Testdorp", "Description": None},
        {"Key": "WK999901  ", "Title": "Wijk 01 Centrum", "Description": None},
        {"Key": "BU99990101", "Title": "Oude Haven", "Description": None},
    ],
}
INFO = {"value": [{"ID": 0, "Identifier": TABEL, "Modified": "2024-06-30T02:00:00"}]}
URL_INFO = f"{BASE}/{TABEL}/TableInfos?$format=json"
URL_PROPS = f"{BASE}/{TABEL}/DataProperties?$format=json"
URL_REGIOS = f"{BASE}/{TABEL}/WijkenEnBuurten?$format=json"
URL_DATA = f"{BASE}/{TABEL}/TypedDataSet?$format=json"
URL_DATA_2 = f"{URL_DATA}&$skip=2"


def _settings(tmp_path, **extra):
    env = {
        "GELDSTROMEN_VAR_DIR": str(tmp_path / "var"),
        "GELDSTROMEN_HTTP_TIMEOUT_S": "0.3",
        "GELDSTROMEN_HTTP_RETRIES": "3",
    }
    env.update(extra)
    return get_settings(env)


def _feed(tmp_path, base=BASE, **extra):
    return CbsFeed(_settings(tmp_path, **extra), base_url=base, wacht_s=0.001)


def _register_table(rsps):
    rsps.get(URL_INFO, json=INFO)
    rsps.get(URL_PROPS, json=PROPS)
    rsps.get(URL_REGIOS, json=REGIOS)
    page1 = {"value": ROWS[:2], "odata.nextLink": URL_DATA_2}
    rsps.get(URL_DATA, json=page1, match=[responses.matchers.query_string_matcher("$format=json")])
    rsps.get(URL_DATA_2, json={"value": ROWS[2:]})


@responses.activate
def test_paging_follows_next_link_and_cache_is_reused(tmp_path):
    _register_table(responses)
    feed = _feed(tmp_path)
    rows, digest = feed.verzameling(TABEL, "TypedDataSet")
    assert [r["ID"] for r in rows] == [0, 1, 2]
    calls = len(responses.calls)
    again, digest2 = _feed(tmp_path).verzameling(TABEL, "TypedDataSet")
    assert again == rows and digest2 == digest
    assert len(responses.calls) == calls  # served from the on-disk cache
    cached = list((tmp_path / "var" / "cbs_cache" / "cbs_odata" / TABEL).glob("*"))
    assert len(cached) == 2 and all(p.suffix == ".json" for p in cached)  # no temp files left


@responses.activate
def test_retry_then_success(tmp_path):
    responses.get(URL_PROPS, status=503)
    responses.get(URL_PROPS, body=requests.ConnectionError("reset"))
    responses.get(URL_PROPS, json=PROPS)
    rows, _ = _feed(tmp_path).verzameling(TABEL, "DataProperties")
    assert len(rows) == 4 and len(responses.calls) == 3


@responses.activate
def test_http_error_is_dutch_and_not_retried(tmp_path):
    responses.get(URL_PROPS, status=404)
    with pytest.raises(IngestFout, match=r"CBS 85618NED: HTTP 404"):
        _feed(tmp_path).verzameling(TABEL, "DataProperties")
    assert len(responses.calls) == 1


@responses.activate
def test_persistent_server_error_gives_up(tmp_path):
    responses.get(URL_PROPS, status=500)
    with pytest.raises(IngestFout, match="ophalen mislukt na 3 pogingen: HTTP 500"):
        _feed(tmp_path).verzameling(TABEL, "DataProperties")
    assert len(responses.calls) == 3


@responses.activate
def test_garbage_json(tmp_path):
    responses.get(URL_PROPS, body="<html>Storing</html>")
    with pytest.raises(IngestFout, match="geen geldige JSON"):
        _feed(tmp_path).verzameling(TABEL, "DataProperties")
    assert not list(tmp_path.rglob("*.json"))  # nothing cached


@responses.activate
def test_truncated_page_is_retried_then_reported(tmp_path):
    text = json.dumps(PROPS)
    responses.get(URL_PROPS, body=text[: len(text) // 2])
    with pytest.raises(IngestFout, match="afgebroken"):
        _feed(tmp_path).verzameling(TABEL, "DataProperties")
    assert len(responses.calls) == 3


class _Traag(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server API
        time.sleep(1.0)  # stall longer than the client timeout
        try:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"value": []}')
        except OSError:  # the client gave up already, as intended
            pass

    def log_message(self, *args):
        pass


def test_stalled_server_times_out(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Traag)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/ODataFeed/odata"
        feed = _feed(tmp_path, base=base, GELDSTROMEN_HTTP_RETRIES="2")
        start = time.monotonic()
        with pytest.raises(IngestFout, match=r"geen antwoord binnen 0\.3 s"):
            feed.verzameling(TABEL, "DataProperties")
        assert time.monotonic() - start < 5
    finally:
        server.shutdown()
        server.server_close()


@responses.activate
def test_online_ingest_gives_the_file_path_rows(tmp_path, monkeypatch):
    _register_table(responses)
    settings = _settings(tmp_path)
    import data_sources.online as online

    monkeypatch.setattr(online, "CbsFeed", lambda s: CbsFeed(s, base_url=BASE, wacht_s=0.001))
    bestanden = online.kwb_online(settings, [2023])
    engine = db.make_engine(f"sqlite:///{tmp_path / 'online.sqlite'}")
    result = ingest(engine, bestanden)
    assert result.nieuw == ["kwb2023_85618NED_online"]
    buurt = run_query(
        engine, "export_indicatoren", gemeente_code="GM9999", niveau="buurt", jaar=2023
    ).set_index("indicator")
    assert buurt.loc["inwoners_aantal", "waarde"] == 4100
    assert math.isnan(buurt.loc["huishoudens_aantal", "waarde"])  # null = suppressed
    assert buurt.loc["huishoudens_aantal", "bron_kolom"] == "HuishoudensTotaal"
    namen = (
        run_query(engine, "export_indicatoren", gemeente_code="GM9999", niveau="buurt", jaar=2023)[
            "regio_naam"
        ]
        .unique()
        .tolist()
    )
    assert namen == ["Oude Haven"]  # the buurt's name from the dimension, not its code
    calls = len(responses.calls)
    again = ingest(engine, online.kwb_online(settings, [2023]))
    assert again.overgeslagen == ["kwb2023_85618NED_online"]
    # only the freshness check went out: TableInfos, unchanged, so every page came from the cache
    assert [c.request.url for c in responses.calls[calls:]] == [URL_INFO]
    bron = pd.read_sql_query("select * from mart_bronnen", engine).iloc[0]
    assert bron["bron_gewijzigd_op"] == "2024-06-30T02:00:00"
    assert str(bron["opgehaald_op"])[:2] == "20"


def test_kwb_jaren_from_environment():
    assert kwb_jaren({}) == list(range(2015, 2026))
    assert kwb_jaren({"GELDSTROMEN_ONLINE_KWB_JAREN": "2019, 2024"}) == [2019, 2024]
    with pytest.raises(IngestFout, match="Geen KWB-tabel"):
        kwb_jaren({"GELDSTROMEN_ONLINE_KWB_JAREN": "1999"})


def test_online_bestanden_adds_pdok_geometries(tmp_path, monkeypatch):
    import data_sources.pdok as pdok

    marker = object()
    monkeypatch.setattr(pdok, "online_bestanden", lambda settings: [marker])
    found = online_bestanden(_settings(tmp_path), [2019, 2024], iv3=[2024], rivm=[2022], vektis=[])
    assert [b.bron_id for b in found[:5]] == [
        "kwb2019_84583NED_online",
        "kwb2024_85984NED_online",
        "iv3_2024_45067NED_online",
        "rivm_50120NED_2022_18plus_online",
        "rivm_50120NED_2022_65plus_online",
    ]
    assert found[5:] == [marker] and not responses.calls  # nothing fetched yet
