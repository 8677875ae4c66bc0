"""RIVM gezondheid per wijk en buurt from CBS's third-party service, on replays in the real
shape (tests/support/rivm_replay.py; synthetic values): both editions, both age groups, the
same raw rows as the file path, 10,000-row pages, and faults (timeout, 5xx, truncated page,
Atom XML, a server that ignores the filter)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
import requests
import responses

from data_sources.base import IngestFout
from data_sources.cbs_odata import CbsFeed
from data_sources.ingest import ingest
from data_sources.rivm import lees_rivm
from data_sources.rivm_online import rivm_jaren, rivm_online
from geldstromen import db
from geldstromen.config import get_settings
from geldstromen.queries import run_query
from tests.support.kwb_replay import regios, regios_nl
from tests.support.rivm_replay import filter_url, replay

BASE = "https://derden.invalid/ODataFeed/odata"


def _settings(tmp_path):
    return get_settings(
        {"GELDSTROMEN_VAR_DIR": str(tmp_path / "var"), "GELDSTROMEN_HTTP_RETRIES": "3"}
    )


def _items(tmp_path, jaren=(2020, 2022)):
    settings = _settings(tmp_path)
    return rivm_online(settings, jaren, feed=CbsFeed(settings, base_url=BASE, wacht_s=0.001))


def _register(rsps, pages: dict[str, str], skip=frozenset()) -> None:
    for url, body in pages.items():
        if url in skip:
            continue
        rsps.get(
            url.split("?")[0],
            body=body,
            content_type="application/json",
            match=[responses.matchers.query_string_matcher(urlsplit(url).query)],
        )


def _rows(pages: dict[str, str], leeftijd: str) -> list[dict]:
    return [
        r
        for u, b in pages.items()
        if "TypedDataSet" in u
        for r in json.loads(b)["value"]
        if r["Leeftijd"] == leeftijd
    ]


@responses.activate
def test_both_editions_and_age_groups_from_the_replay(tmp_path, database_url):
    pages = {**replay(BASE, 2020, regios(), paginagrootte=7), **replay(BASE, 2022, regios())}
    _register(responses, pages)
    engine = db.make_engine(database_url)
    result = ingest(engine, _items(tmp_path))
    assert sorted(result.nieuw) == [
        "rivm_50090NED_2020_18plus_online",
        "rivm_50090NED_2020_65plus_online",
        "rivm_50120NED_2022_18plus_online",
        "rivm_50120NED_2022_65plus_online",
    ]
    for jaar, tabel in ((2020, "50090NED"), (2022, "50120NED")):
        wijk = run_query(
            engine, "export_indicatoren", gemeente_code="GM9999", niveau="buurt", jaar=jaar
        ).set_index(["regio_code", "indicator"])
        assert set(wijk["methode"]) == {"geschat"}
        assert wijk["bron"].str.contains(f"Gezondheidsmonitor {jaar}").all()
        # recomputed from the replay rows: Eenzaam (18+) and ervaren gezondheid (65+) per buurt
        for leeftijd, prefix, stam, ind in (
            ("20300", "18", "Eenzaam_", "eenzaam_pct"),
            ("80200", "65", "ErvarenGezondheidGoedZeerGoed_", "ervaren_goed_pct"),
        ):
            buurten = [r for r in _rows(pages, leeftijd) if r["WijkenEnBuurten"].startswith("BU")]
            buurten = [r for r in buurten if r["Perioden"] == f"{jaar}JJ00"]
            assert buurten
            for r in buurten:
                key = next(k for k in r if k.startswith(stam))
                got = wijk.loc[
                    (r["WijkenEnBuurten"].strip(), f"gezondheid{prefix}_{ind}"), "waarde"
                ]
                assert got == r[key]
        assert not wijk.index.duplicated().any()
        bron = pd.read_sql_query("select * from bron", engine)
        bron = bron[bron["tabel_id"] == tabel]
        assert len(bron) == 2 and set(bron["jaar"]) == {jaar}
        assert bron["bron_gewijzigd_op"].notna().all() and bron["opgehaald_op"].notna().all()
    # the empty topics (not estimated) stay out, as in the file path
    kolommen = pd.read_sql_query("select distinct kolom from stg_cbs__waarden", engine)["kolom"]
    assert not kolommen.str.startswith("LopenNaar").any()


@responses.activate
def test_same_raw_rows_as_the_file_path(tmp_path):
    pages = replay(BASE, 2020, regios())
    _register(responses, pages)
    item = _items(tmp_path, [2020])[1]  # 65plus
    online = item.lees()
    rows = _rows(pages, "80200")
    # the file path's shape: the OData keys as header, ';', text as published (codes stripped)
    frame = pd.DataFrame(rows)
    for col in ("WijkenEnBuurten", "Gemeentenaam_1", "SoortRegio_2", "Codering_3"):
        frame[col] = frame[col].str.strip()
    path = tmp_path / "rivm_50090NED_gezondheid_wijk_buurt_2020_65plus.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        frame.to_csv(fh, sep=";", index=False)
    bestand = lees_rivm(path, item.bron_id, 2020)
    for naam in ("raw_cbs_waarde", "raw_cbs_kolom"):
        a = online[naam].drop(columns=["titel", "eenheid"], errors="ignore")
        b = bestand[naam].drop(columns=["titel", "eenheid"], errors="ignore")
        if naam == "raw_cbs_waarde":
            a = a.assign(waarde=pd.to_numeric(a["waarde"]))
            b = b.assign(waarde=pd.to_numeric(b["waarde"]))
        pd.testing.assert_frame_equal(
            a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False
        )
    assert set(online["raw_cbs_kolom"]["eenheid"].dropna()) == {"%"}  # units from DataProperties


@responses.activate
def test_national_size_with_10000_row_pages(tmp_path):
    gebieden = regios_nl()
    pages = replay(BASE, 2022, gebieden)
    data_urls = [u for u in pages if "TypedDataSet" in u and "20300" in u]
    assert len(data_urls) == 2 and "odata.nextLink" in json.loads(pages[data_urls[0]])
    assert len(json.loads(pages[data_urls[0]])["value"]) == 10_000
    _register(responses, pages)
    waarden = _items(tmp_path, [2022])[0].lees()["raw_cbs_waarde"]
    assert waarden["regio_code"].nunique() == len(gebieden)
    assert set(waarden["jaar"]) == {2022}


@responses.activate
def test_a_server_that_ignores_the_filter_still_gives_one_row_per_area(tmp_path):
    pages = replay(BASE, 2020, regios())
    feed = f"{BASE}/50090NED"
    alle = [r for u, b in pages.items() if "TypedDataSet" in u for r in json.loads(b)["value"]]
    marge = [{**r, "Marges": "MOG0095", "Eenzaam_28": 1.0} for r in alle]
    oud = [{**r, "Perioden": "2016JJ00"} for r in alle]
    body = json.dumps({"value": alle + marge + oud})
    for leeftijd in ("20300", "80200"):
        pages[filter_url(feed, 2020, leeftijd)] = body
    _register(responses, pages)
    items = _items(tmp_path, [2020])
    for item, leeftijd in zip(items, ("20300", "80200"), strict=True):
        waarden = item.lees()["raw_cbs_waarde"]
        eenzaam = waarden[waarden["kolom"] == "Eenzaam_28"].set_index("regio_code")["waarde"]
        verwacht = {
            r["WijkenEnBuurten"].strip(): str(r["Eenzaam_28"])
            for r in alle
            if r["Leeftijd"] == leeftijd
        }
        assert eenzaam.to_dict() == verwacht


@responses.activate
def test_timeout_and_5xx_are_retried(tmp_path):
    pages = replay(BASE, 2020, regios())
    url = filter_url(f"{BASE}/50090NED", 2020, "20300")
    query = responses.matchers.query_string_matcher(urlsplit(url).query)
    base = url.split("?")[0]
    responses.get(base, body=requests.Timeout("traag"), match=[query])
    responses.get(base, status=503, match=[query])
    _register(responses, pages)
    waarden = _items(tmp_path, [2020])[0].lees()["raw_cbs_waarde"]
    assert waarden["regio_code"].nunique() == len(regios())


@responses.activate
def test_truncated_page_is_fetched_again(tmp_path):
    pages = replay(BASE, 2020, regios(), paginagrootte=5)
    url = filter_url(f"{BASE}/50090NED", 2020, "20300")
    query = responses.matchers.query_string_matcher(urlsplit(url).query)
    responses.get(url.split("?")[0], body=pages[url][:-40], match=[query])
    _register(responses, pages)
    waarden = _items(tmp_path, [2020])[0].lees()["raw_cbs_waarde"]
    assert waarden["regio_code"].nunique() == len(regios())


@responses.activate
def test_atom_xml_and_lasting_5xx_are_dutch_errors(tmp_path):
    pages = replay(BASE, 2020, regios())
    url = filter_url(f"{BASE}/50090NED", 2020, "20300")
    query = responses.matchers.query_string_matcher(urlsplit(url).query)
    atom = '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"/>'
    responses.get(url.split("?")[0], body=atom, match=[query])
    _register(responses, pages, skip={url})
    with pytest.raises(IngestFout, match="Atom-XML"):
        _items(tmp_path, [2020])[0].lees()
    responses.reset()
    responses.get(url.split("?")[0], status=500, match=[query])
    _register(responses, pages, skip={url})
    with pytest.raises(IngestFout, match="ophalen mislukt na 3 pogingen"):
        _items(tmp_path / "b", [2020])[0].lees()


@responses.activate
def test_an_empty_answer_is_a_dutch_error(tmp_path):
    pages = replay(BASE, 2022, regios())
    url = filter_url(f"{BASE}/50120NED", 2022, "20300")
    pages[url] = json.dumps({"value": []})
    _register(responses, pages)
    with pytest.raises(IngestFout, match="lege RIVM-tabel"):
        _items(tmp_path, [2022])[0].lees()


def test_rivm_jaren():
    assert rivm_jaren({}) == [2020, 2022]
    assert rivm_jaren({"GELDSTROMEN_ONLINE_RIVM_JAREN": "2022"}) == [2022]
    with pytest.raises(IngestFout, match="Geen RIVM-tabel"):
        rivm_jaren({"GELDSTROMEN_ONLINE_RIVM_JAREN": "2016"})


@responses.activate
def test_real_2020_extract_served_as_the_feed_gives_the_file_rows(tmp_path, shared_data):
    """The real 2020 extract (all NL, 17,340 areas per age group) turned back into typed feed
    pages (numbers as JSON numbers, codes padded, empty = null, 10,000-row pages): the online
    path stores exactly the file path's rows."""
    for groep, leeftijd in (("18plus", "20300"), ("65plus", "80200")):
        path = shared_data / "zorg" / f"rivm_50090NED_gezondheid_wijk_buurt_2020_{groep}.csv.gz"
        frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
        tekst = {"ID", "Leeftijd", "Marges", "WijkenEnBuurten", "Perioden"}
        tekst |= {
            c
            for c in frame.columns
            if c.split("_")[0] in ("Gemeentenaam", "SoortRegio", "Codering")
        }
        rows = [
            {
                k: (v.ljust(10) if k == "WijkenEnBuurten" else v)
                if k in tekst
                else (float(v) if v not in ("", ".") else None)
                for k, v in r.items()
            }
            for r in frame.to_dict("records")
        ]
        pages = replay(BASE, 2020, regios())
        url = filter_url(f"{BASE}/50090NED", 2020, leeftijd)
        for start in range(0, len(rows), 10_000):
            page: dict = {"value": rows[start : start + 10_000]}
            if start + 10_000 < len(rows):
                page["odata.nextLink"] = f"{url.split('&$skip')[0]}&$skip={start + 10_000}"
            pages[url] = json.dumps(page)
            url = page.get("odata.nextLink", "")
        responses.reset()
        _register(responses, pages)
        item = next(i for i in _items(tmp_path / groep, [2020]) if i.soort == f"rivm_{groep}")
        online = item.lees()["raw_cbs_waarde"]
        bestand = lees_rivm(path, item.bron_id, 2020)["raw_cbs_waarde"]
        bestand = bestand[bestand["waarde"] != "."]
        assert len(online) == len(bestand) > 17_000 * 25
        a = online.assign(waarde=pd.to_numeric(online["waarde"])).reset_index(drop=True)
        b = bestand.assign(waarde=pd.to_numeric(bestand["waarde"])).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_first_run_and_start_page_say_rivm_comes_online():
    from data_sources.eerste_start import ONLINE_BRONNEN, SECONDEN_PER_SOORT
    from geldstromen.ui import start

    online, bestanden = ONLINE_BRONNEN.split("Nog alleen")
    assert "RIVM" in online and "RIVM" not in bestanden and "gemeentefonds" in bestanden
    assert {"rivm_18plus", "rivm_65plus"} <= set(SECONDEN_PER_SOORT)
    tekst = Path(start.__file__).read_text(encoding="utf-8")
    online, bestanden = tekst.split("alleen via bestanden")
    assert "RIVM-gezondheid per wijk en buurt, edities 2020 en 2022" in online
    assert "RIVM" not in bestanden


@responses.activate
def test_a_file_of_the_same_edition_wins_over_the_online_table(tmp_path):
    """The lab files and ``ingest --online`` in one store: RIVM 2020 from the file only (never
    both), 2022 from the online table."""
    from data_sources.ingest import vind_bestanden
    from tests.conftest import FIXTURES

    _register(responses, {**replay(BASE, 2020, regios()), **replay(BASE, 2022, regios())})
    engine = db.make_engine(f"sqlite:///{tmp_path / 'beide.sqlite'}")
    bestanden = vind_bestanden(FIXTURES / "bronnen_kwb", ("data_sources.rivm",))
    ingest(engine, bestanden + _items(tmp_path))
    mart = pd.read_sql_query(
        "select regio_code, jaar, indicator, bron from mart_indicator_mat "
        "where indicator like 'gezondheid%'",
        engine,
    )
    assert not mart.duplicated(["regio_code", "jaar", "indicator"]).any()
    assert not mart.loc[mart["jaar"] == 2020, "bron"].str.contains("online").any()
    assert set(mart["jaar"]) == {2020, 2022}
