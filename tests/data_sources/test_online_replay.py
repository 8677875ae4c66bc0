"""The online KWB path on replays in the real CBS response shape (``tests/support/kwb_replay``:
the real 85984NED DataProperties with TopicGroups, ``odata.type`` and ``Position``, the NL00
row, padded text columns, ``odata.nextLink`` pages) with synthetic values, plus faults:
timeouts, 5xx, a truncated page, Atom XML, an interrupted run that resumes from the page cache,
a damaged cache file and a table CBS revised (``TableInfos.Modified``)."""

from __future__ import annotations

import json
import math
from urllib.parse import urlsplit

import pandas as pd
import pytest
import requests
import responses

from data_sources.base import IngestFout
from data_sources.cbs_odata import CbsFeed
from data_sources.ingest import ingest
from data_sources.online import kwb_online
from geldstromen import db
from geldstromen.config import get_settings
from geldstromen.domain.kwb_aliassen import dekking
from geldstromen.queries import run_query
from tests.support.kwb_replay import metadata, regios, replay

BASE = "https://cbs.invalid/ODataFeed/odata"
TABEL = "85984NED"
DATA = f"{BASE}/{TABEL}/TypedDataSet?$format=json"


def _settings(tmp_path):
    return get_settings(
        {
            "GELDSTROMEN_VAR_DIR": str(tmp_path / "var"),
            "GELDSTROMEN_HTTP_TIMEOUT_S": "0.3",
            "GELDSTROMEN_HTTP_RETRIES": "3",
        }
    )


def _feed(settings):
    return CbsFeed(settings, base_url=BASE, wacht_s=0.001)


def _register(rsps, pages: dict[str, str], skip: set[str] = frozenset()) -> None:
    for url, body in pages.items():
        if url in skip:
            continue
        query = urlsplit(url).query
        rsps.get(
            url.split("?")[0],
            body=body,
            content_type="application/json",
            match=[responses.matchers.query_string_matcher(query)],
        )


def _calls(url: str) -> int:
    return sum(
        c.request.url == url or c.request.url == url.replace("$", "%24") for c in responses.calls
    )


@responses.activate
def test_real_shape_ingest_names_aliases_and_missing(tmp_path):
    pages = replay(BASE, paginagrootte=5)
    _register(responses, pages)
    settings = _settings(tmp_path)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    result = ingest(engine, kwb_online(settings, [2024], feed=_feed(settings)))
    assert result.nieuw == ["kwb2024_85984NED_online"]
    # recomputed from the replay itself, not through the code under test
    rows = [r for u, b in pages.items() if "TypedDataSet" in u for r in json.loads(b)["value"]]
    assert len(rows) == len(regios()) == 14 and rows[0]["WijkenEnBuurten"] == "NL00      "
    bu = next(r for r in rows if r["WijkenEnBuurten"] == "BU99990102")
    frame = run_query(
        engine, "export_indicatoren", gemeente_code="GM9999", niveau="buurt", jaar=2024
    )
    buurt = frame[frame["regio_code"] == "BU99990102"].set_index("indicator")
    assert buurt.loc["woz_gem_eur", "waarde"] == bu["GemiddeldeWOZWaardeVanWoningen_39"] * 1000
    assert buurt.loc["woz_gem_eur", "jaar"] == 2024
    assert buurt.loc["inwoners_aantal", "waarde"] == bu["AantalInwoners_5"]
    assert buurt.loc["woz_gem_eur", "regio_naam"] == "Testbuurt 1-2"  # name, not code
    kwh = buurt.loc["elektriciteit_kwh_per_woning", "waarde"]
    assert kwh == bu["GemiddeldeElektriciteitsleveringTotaal_53"]
    assert "bouwjaar_voor_2000_pct" not in buurt.index  # not published in 2024, not 0
    leeg = next(r for r in rows if r["WijkenEnBuurten"] == "BU99990100")
    assert leeg["Woningvoorraad_35"] is None  # suppressed in the replay
    stil = frame[(frame["regio_code"] == "BU99990100") & (frame["indicator"] == "woningen_aantal")]
    assert len(stil) == 1 and math.isnan(stil["waarde"].iloc[0])  # missing, never 0
    counts = frame.groupby(["regio_code", "indicator"]).size()
    assert counts.max() == 1  # nothing counted twice through an alias
    assert set(frame["regio_code"]) == {c for c, _, s in regios() if s == "Buurt"}
    props, _ = metadata()
    cover = dekking([p["Key"] for p in props if p["Type"] == "Topic"], 2024)
    assert (cover["status"] != "onverklaard").all()


@responses.activate
def test_ten_thousand_row_pages_follow_next_link(tmp_path):
    gebieden = regios(n_wijken=100, buurten_per_wijk=100)  # 10,102 rows: two CBS pages
    pages = replay(BASE, gebieden=gebieden)
    first = json.loads(pages[DATA])
    assert len(first["value"]) == 10_000 and first["odata.nextLink"].endswith("$skip=10000")
    _register(responses, pages)
    rows, _ = _feed(_settings(tmp_path)).verzameling(TABEL, "TypedDataSet")
    assert len(rows) == len(gebieden) == 10_102
    assert len({r["WijkenEnBuurten"] for r in rows}) == 10_102


@pytest.mark.parametrize(
    "fout",
    [
        requests.exceptions.ReadTimeout("traag"),
        requests.exceptions.ConnectionError("reset"),
    ],
    ids=["timeout", "verbinding"],
)
@responses.activate
def test_timeout_then_success(tmp_path, fout):
    pages = replay(BASE, paginagrootte=5)
    responses.get(
        DATA.split("?")[0],
        body=fout,
        match=[responses.matchers.query_string_matcher("$format=json")],
    )
    _register(responses, pages)
    rows, _ = _feed(_settings(tmp_path)).verzameling(TABEL, "TypedDataSet")
    assert len(rows) == 14


@pytest.mark.parametrize("status", [500, 502, 503, 429])
@responses.activate
def test_server_error_then_success(tmp_path, status):
    pages = replay(BASE, paginagrootte=5)
    responses.get(
        DATA.split("?")[0],
        status=status,
        match=[responses.matchers.query_string_matcher("$format=json")],
    )
    _register(responses, pages)
    rows, _ = _feed(_settings(tmp_path)).verzameling(TABEL, "TypedDataSet")
    assert len(rows) == 14


@responses.activate
def test_truncated_page_is_fetched_again(tmp_path):
    pages = replay(BASE, paginagrootte=5)
    tweede = next(u for u in pages if u.endswith("$skip=5"))
    responses.get(
        tweede.split("?")[0],
        body=pages[tweede][:300],
        match=[responses.matchers.query_string_matcher(urlsplit(tweede).query)],
    )
    _register(responses, pages)
    rows, _ = _feed(_settings(tmp_path)).verzameling(TABEL, "TypedDataSet")
    assert len(rows) == 14


@responses.activate
def test_atom_xml_instead_of_json_is_a_dutch_message(tmp_path):
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xml:base="https://cbs.invalid/" '
        'xmlns="http://www.w3.org/2005/Atom"><entry/></feed>'
    )
    responses.get(f"{BASE}/{TABEL}/DataProperties", body=atom, content_type="application/xml")
    with pytest.raises(IngestFout, match="Atom-XML, geen geldige JSON"):
        _feed(_settings(tmp_path)).verzameling(TABEL, "DataProperties")
    assert len(responses.calls) == 1  # not retried: the same request gives the same answer


@responses.activate
def test_interrupted_run_resumes_from_the_page_cache(tmp_path):
    pages = replay(BASE, paginagrootte=5)
    derde = next(u for u in pages if u.endswith("$skip=10"))
    responses.get(
        derde.split("?")[0],
        body=requests.exceptions.ConnectionError("weg"),
        match=[responses.matchers.query_string_matcher(urlsplit(derde).query)],
    )
    _register(responses, pages, skip={derde})
    settings = _settings(tmp_path)
    with pytest.raises(IngestFout, match="ophalen mislukt na 3 pogingen"):
        _feed(settings).verzameling(TABEL, "TypedDataSet")
    responses.reset()
    _register(responses, pages)
    rows, _ = _feed(settings).verzameling(TABEL, "TypedDataSet")
    assert len(rows) == 14
    assert [c.request.url.rsplit("skip=", 1)[-1] for c in responses.calls] == ["10"]


@responses.activate
def test_damaged_cache_file_is_reported_and_fetched_again(tmp_path, caplog):
    pages = replay(BASE, paginagrootte=5)
    _register(responses, pages)
    settings = _settings(tmp_path)
    first, _ = _feed(settings).verzameling(TABEL, "TypedDataSet")
    cached = sorted((settings.cache_dir / "cbs_odata" / TABEL).glob("*.json"))
    assert cached and not list(cached[0].parent.glob("*.tmp"))  # written atomically
    for path in cached:
        path.write_bytes(b'{"value": [{"WijkenEnBuurten": "GM99')  # a torn write
    feed = _feed(settings)
    again, _ = feed.verzameling(TABEL, "TypedDataSet")
    assert again == first
    assert feed.meldingen and all("beschadigd" in m for m in feed.meldingen)
    assert "opnieuw opgehaald" in caplog.text


@responses.activate
def test_revised_table_is_fetched_again_and_dated(tmp_path):
    settings = _settings(tmp_path)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    _register(responses, replay(BASE, paginagrootte=5, modified="2025-03-27T02:00:00"))
    ingest(engine, kwb_online(settings, [2024], feed=_feed(settings)))
    bron = pd.read_sql_query("select * from mart_bronnen", engine).iloc[0]
    assert bron["bron_gewijzigd_op"] == "2025-03-27T02:00:00"
    # unchanged at CBS: only TableInfos is asked, everything else from the cache, skipped
    calls = len(responses.calls)
    same = ingest(engine, kwb_online(settings, [2024], feed=_feed(settings)))
    assert same.overgeslagen == ["kwb2024_85984NED_online"] and len(responses.calls) == calls + 1
    # CBS revised the table (income arrives later): new Modified, new values
    responses.reset()
    herzien = replay(BASE, paginagrootte=5, modified="2025-11-20T02:00:00")
    herzien = {
        u: b.replace('"AantalInwoners_5": 1', '"AantalInwoners_5": 2') for u, b in herzien.items()
    }
    _register(responses, herzien)
    feed = _feed(settings)
    result = ingest(engine, kwb_online(settings, [2024], feed=feed))
    assert result.nieuw == ["kwb2024_85984NED_online"]
    assert any("gewijzigd" in m for m in feed.meldingen)
    bron = pd.read_sql_query("select * from mart_bronnen", engine).iloc[0]
    assert bron["bron_gewijzigd_op"] == "2025-11-20T02:00:00"
    rows = [r for u, b in herzien.items() if "TypedDataSet" in u for r in json.loads(b)["value"]]
    gm = next(r for r in rows if r["WijkenEnBuurten"].strip() == "GM9999")
    frame = run_query(
        engine, "export_indicatoren", gemeente_code="GM9999", niveau="gemeente", jaar=2024
    ).set_index("indicator")
    assert frame.loc["inwoners_aantal", "waarde"] == gm["AantalInwoners_5"]
    assert str(gm["AantalInwoners_5"]).startswith("2")


def test_an_older_store_gets_the_new_bron_columns(database_url):
    from sqlalchemy import inspect, text

    engine = db.make_engine(database_url)
    with engine.begin() as conn:
        conn.execute(
            text("CREATE TABLE bron (bron_id VARCHAR(200) PRIMARY KEY, soort VARCHAR(50))")
        )
        conn.execute(text("INSERT INTO bron VALUES ('a', 'cbs_kwb')"))
        db.create_tables(conn)
    with engine.connect() as conn:
        cols = {c["name"] for c in inspect(conn).get_columns("bron")}
        assert {"opgehaald_op", "bron_gewijzigd_op", "opmerking"} <= cols
        assert conn.execute(text("select bron_id from bron")).scalar() == "a"  # data kept


@responses.activate
def test_a_file_wins_per_region_over_the_online_table(tmp_path, database_url):
    """A KWB file of one gemeente (its gemeente and wijk rows, a few columns) and the online
    table of the same year for two gemeenten in one store: one value per region x indicator x
    year, the file's where the file has that region and column, the online table's elsewhere
    (its buurten, the other gemeente, the columns the file lacks); the series names the source."""
    from data_sources.ingest import vind_bestanden
    from tests.support.kwb_replay import FIXTURES

    andere = [
        ("GM9998", "Anderdorp", "Gemeente"),
        ("WK999800", "Wijk 00 Anderwijk", "Wijk"),
        ("BU99980000", "Anderbuurt", "Buurt"),
    ]
    pages = replay(BASE, gebieden=regios() + andere)
    _register(responses, pages)
    online = [r for u, b in pages.items() if "TypedDataSet" in u for r in json.loads(b)["value"]]
    # the file: GM9999 and its wijken, other (made-up) counts than the online table
    kolommen = ["WijkenEnBuurten", "Gemeentenaam_1", "AantalInwoners_5", "Mannen_6"]
    bestand = [
        {k: (r[k] + 7 if k in ("AantalInwoners_5", "Mannen_6") else r[k]) for k in kolommen}
        for r in online
        if r["WijkenEnBuurten"].strip()[:2] in ("GM", "WK")
        and r["WijkenEnBuurten"].strip()[2:6] == "9999"
    ]
    folder = tmp_path / "data" / "cbs_kwb"
    folder.mkdir(parents=True)
    (folder / "kwb2024_85984NED_testdorp.json").write_text(json.dumps(bestand))
    props = (FIXTURES / "85984NED_DataProperties.json").read_text(encoding="utf-8")
    (folder / "kwb2024_85984NED_DataProperties.json").write_text(props)
    settings = _settings(tmp_path)
    engine = db.make_engine(database_url)
    bestanden = vind_bestanden(tmp_path / "data", ("data_sources.cbs_kwb",))
    assert [b.bron_id for b in bestanden] == ["kwb2024_85984NED_testdorp"]
    ingest(engine, bestanden + kwb_online(settings, [2024], feed=_feed(settings)))

    mart = pd.read_sql_query(
        "select regio_code, jaar, indicator, waarde, bron from mart_indicator_mat", engine
    )
    assert len(mart) and not mart.duplicated(["regio_code", "jaar", "indicator"]).any()
    inw = mart[mart["indicator"] == "inwoners_aantal"].set_index("regio_code")
    # recomputed from the file rows and the replay rows, not through the views
    uit_bestand = {r["WijkenEnBuurten"].strip(): r["AantalInwoners_5"] for r in bestand}
    uit_online = {r["WijkenEnBuurten"].strip(): r["AantalInwoners_5"] for r in online}
    assert set(uit_bestand) == {"GM9999", "WK999900", "WK999901", "WK999902"}
    for code, n in uit_online.items():
        verwacht, soort = (uit_bestand[code], "bestand") if code in uit_bestand else (n, "online")
        if verwacht is None:  # suppressed in the replay: missing, never 0
            assert math.isnan(inw.loc[code, "waarde"]), code
        else:
            assert inw.loc[code, "waarde"] == verwacht, code
        assert inw.loc[code, "bron"].endswith(
            "bestand kwb2024_85984NED_testdorp.json" if soort == "bestand" else ", online"
        ), code
    wijken = [c for c in uit_bestand if c.startswith("WK")]
    assert inw.loc[wijken, "waarde"].sum() == sum(uit_bestand[c] for c in wijken)
    # a column the file lacks comes from the online table, for the file's regions too
    woz = mart[(mart["indicator"] == "woz_gem_eur") & (mart["regio_code"] == "WK999901")]
    assert len(woz) == 1 and woz["bron"].iloc[0].endswith(", online")
