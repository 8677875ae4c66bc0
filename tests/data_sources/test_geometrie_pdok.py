"""Boundaries for every year from PDOK, replayed in the real response shapes (never live).

OGC API Features pages for 2024 (cursor ``next`` links), the WFS for 2019 (capabilities, RD New
GeoJSON), the OGC-to-WFS fallback, faults (timeout, 5xx, truncated page, HTML error page, a
count that does not add up), an interrupted run that resumes from the page cache, and a map
of 2019 data drawn on the 2019 shapes while the 2024 shapes (same codes) are in the store.
"""

from __future__ import annotations

import json

import pandas as pd
import pyproj
import pytest
import requests
import responses
import shapely
import streamlit as st

from data_sources import pdok
from data_sources.base import IngestFout
from data_sources.ingest import ingest
from geldstromen import db
from geldstromen.config import get_settings
from tests.support import pdok_replay

OGC_GEMEENTEN = f"{pdok.OGC_URL.format(jaar=2024, collectie='gemeenten')}?f=json&limit=1000"


@pytest.fixture
def settings(tmp_path):
    return get_settings(
        {
            "GELDSTROMEN_VAR_DIR": str(tmp_path),
            "GELDSTROMEN_HTTP_RETRIES": "3",
            "GELDSTROMEN_HTTP_TIMEOUT_S": "2",
        }
    )


@pytest.fixture
def replay():
    rp = pdok_replay.Replay()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rp.activeer(rsps)
        yield rp


def _bron(settings) -> pdok.PdokGrenzen:
    return pdok.PdokGrenzen(settings, wacht_s=0)


def _items(settings, jaren, niveaus=pdok.NIVEAUS, bron=None):
    found = pdok.online_bestanden(settings, jaren, niveaus, bron=bron or _bron(settings))
    return {b.bron_id: b for b in found}


def _controles(urls: list[str]) -> list[str]:
    """The freshness checks among requested URLs (collection documents, capabilities)."""
    return [u for u in urls if u.endswith("?f=json") or "GetCapabilities" in u]


def test_ogc_pages_followed_by_cursor_water_dropped_and_cached(settings, replay):
    gebieden = pdok_replay.gebieden(2024)
    replay.ogc(2024, gebieden, pagina=2)
    items = _items(settings, [2024])
    assert set(items) == {f"geometrie_{n}_2024" for n in ("gemeente", "wijk", "buurt")}
    buurt = items["geometrie_buurt_2024"].lees()
    verwacht = sorted(g.code for g in gebieden if g.niveau == "buurt" and not g.water)
    assert sorted(buurt["raw_geometrie"]["regio_code"]) == verwacht
    assert set(buurt["raw_geometrie"]["gemeente_code"]) == {"GM9900", "GM9901", "GM9902"}
    namen = dict(
        zip(buurt["raw_regio"]["regio_code"], buurt["raw_regio"]["regio_naam"], strict=True)
    )
    assert namen["BU99010001"] == "Buurt 0-1 Testdorp 01"
    n_buurt = sum(g.niveau == "buurt" for g in gebieden)  # 15 incl. water: 8 pages of 2
    buurt_calls = [u for u in replay.opgevraagd if "/buurten/" in u]
    assert len(buurt_calls) == -(-n_buurt // 2)
    wijken = items["geometrie_wijk_2024"].lees()["raw_geometrie"]
    assert len(wijken) == 6 and "WK099999" not in set(wijken["regio_code"])  # no Buitenland
    gemeenten = items["geometrie_gemeente_2024"].lees()["raw_geometrie"]
    assert len(gemeenten) == 3  # the water parts (same code, water JA) are left out
    land = shapely.from_geojson(gemeenten["geometrie_geojson"].iloc[0])
    naar_rd = pyproj.Transformer.from_crs(4326, 28992, always_xy=True)
    assert naar_rd.transform(*land.centroid.coords[0])[1] == pytest.approx(
        pdok_replay.Y0 + pdok_replay.GM_M / 2, abs=20
    )
    assert items["geometrie_buurt_2024"].url.startswith(
        "https://api.pdok.nl/cbs/wijken-en-buurten-2024"
    )
    assert "OGC API" in items["geometrie_buurt_2024"].opmerking
    calls = len(replay.opgevraagd)
    again = _items(settings, [2024])  # a second run reads the page cache: one check, no pages
    assert again["geometrie_buurt_2024"].checksum() == items["geometrie_buurt_2024"].checksum()
    again["geometrie_buurt_2024"].lees()
    nieuw = replay.opgevraagd[calls:]
    assert nieuw == [replay.collectie_url(2024, "buurt")] == _controles(nieuw)


def test_wfs_year_reads_capabilities_and_reprojects_rd(settings, replay):
    gebieden = pdok_replay.gebieden(2019)
    replay.wfs(2019, gebieden)
    items = _items(settings, [2019], ["gemeente", "wijk"])
    gm = items["geometrie_gemeente_2019"].lees()["raw_geometrie"]
    assert gm["regio_code"].tolist() == ["GM9900", "GM9901", "GM9902"]
    # recomputed independently: the RD square projected to WGS84, against the stored polygon
    naar = pyproj.Transformer.from_crs(28992, 4326, always_xy=True)
    x0, y0, m = pdok_replay.X0, pdok_replay.Y0, pdok_replay.GM_M
    hoeken = [
        naar.transform(x, y) for x, y in ((x0, y0), (x0 + m, y0), (x0 + m, y0 + m), (x0, y0 + m))
    ]
    vorm = shapely.from_geojson(gm["geometrie_geojson"].iloc[0])
    assert shapely.hausdorff_distance(vorm, shapely.Polygon(hoeken)) < 2e-5  # about 2 m
    wk = items["geometrie_wijk_2019"].lees()["raw_regio"]
    assert wk.set_index("regio_code").loc["WK990101", "regio_naam"] == "Wijk 1 Testdorp 01"
    assert items["geometrie_wijk_2019"].url.startswith(
        "https://service.pdok.nl/cbs/wijkenbuurten/2019"
    )
    assert any("GetCapabilities" in u for u in replay.opgevraagd)


def test_wfs_server_maximum_below_count_still_gets_everything(settings, replay):
    gebieden = pdok_replay.gebieden(2020)
    replay.wfs(2020, gebieden, pagina=4)  # the server returns 4 per page though 1000 are asked
    col = _bron(settings).collectie("buurt", 2020)
    assert len(col.features) == sum(g.niveau == "buurt" for g in gebieden)  # 15
    pages = [u for u in replay.opgevraagd if "GetFeature" in u]
    assert len(pages) == 4 + 1  # 4+4+4+3, then the empty page


def test_ogc_404_falls_back_to_wfs_with_a_note(settings, replay):
    replay.wfs(2022, pdok_replay.gebieden(2022))
    item = _items(settings, [2022], ["gemeente"])["geometrie_gemeente_2022"]
    assert len(item.lees()["raw_geometrie"]) == 3
    assert "geen OGC API" in item.opmerking and "WFS" in item.opmerking
    calls = len(replay.opgevraagd)
    again = _items(settings, [2022], ["gemeente"])["geometrie_gemeente_2022"]
    assert len(again.lees()["raw_geometrie"]) == 3
    nieuw = replay.opgevraagd[calls:]  # the 404 and the pages are remembered: only the check
    assert len(nieuw) == 1 and "GetCapabilities" in nieuw[0]
    assert "geen OGC API" in again.opmerking


def test_year_pdok_does_not_publish_is_stored_empty_with_a_note(settings, replay, tmp_path):
    replay.ogc(2024, pdok_replay.gebieden(2024), pagina=10)  # 2021: 404 on the WFS as well
    items = pdok.online_bestanden(settings, [2021, 2024], ["gemeente"], bron=_bron(settings))
    engine = db.make_engine(f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    ingest(engine, items)
    bron = pd.read_sql_query("select bron_id, rijen, opmerking from bron order by bron_id", engine)
    assert bron["bron_id"].tolist() == ["geometrie_gemeente_2021", "geometrie_gemeente_2024"]
    assert bron["rijen"].tolist()[0] == 0 and bron["rijen"].tolist()[1] > 0
    assert bron["opmerking"].iloc[0].startswith("PDOK publiceert geen gemeentegrenzen 2021")


def test_old_year_without_wfs_comes_from_the_cbs_download(settings, replay, tmp_path):
    gebieden = pdok_replay.gebieden(2016)
    replay.kaart(2016, gebieden, tmp_path)  # no WFS for 2016: its capabilities give 404
    items = _items(settings, [2016])
    buurt = items["geometrie_buurt_2016"].lees()["raw_geometrie"]
    verwacht = sorted(g.code for g in gebieden if g.niveau == "buurt" and not g.water)
    assert sorted(buurt["regio_code"]) == verwacht
    gm = items["geometrie_gemeente_2016"].lees()
    assert gm["raw_regio"]["regio_naam"].tolist() == ["Testdorp 00", "Testdorp 01", "Testdorp 02"]
    assert items["geometrie_wijk_2016"].checksum()
    assert "via de wijk- en buurtkaart van CBS" in items["geometrie_wijk_2016"].opmerking
    assert items["geometrie_wijk_2016"].url == pdok.KAART_DOWNLOADS[2016]
    downloads = [u for u in replay.opgevraagd if u.endswith(".zip?")]
    assert len(downloads) == 1  # one zip for the three levels
    assert not list(settings.cache_dir.rglob("*.zip"))  # removed once all levels are read
    calls = len(replay.opgevraagd)
    heads = len(replay.head_opgevraagd)
    again = _items(settings, [2016])  # a rerun: pages and the 404s are remembered
    assert len(again["geometrie_buurt_2016"].lees()["raw_geometrie"]) == len(verwacht)
    assert len(replay.opgevraagd) == calls
    assert replay.head_opgevraagd[heads:] == [replay.sleutel(pdok.KAART_DOWNLOADS[2016])]


def test_download_cut_off_is_retried(settings, replay, tmp_path):
    data = replay.kaart(2017, pdok_replay.gebieden(2017), tmp_path)
    afgebroken = requests.exceptions.ChunkedEncodingError("verbinding verbroken tijdens download")
    replay.zet(pdok.KAART_DOWNLOADS[2017], afgebroken, (200, data))
    assert len(_bron(settings).collectie("gemeente", 2017).features) == 6  # with water parts
    assert replay.opgevraagd.count(replay.sleutel(pdok.KAART_DOWNLOADS[2017])) == 2


def test_download_that_is_an_html_page_is_a_dutch_error(settings, replay):
    replay.zet(pdok.KAART_DOWNLOADS[2017], (200, b"<html><body>Pagina niet gevonden</body></html>"))
    with pytest.raises(IngestFout, match="geen zip-bestand"):
        _bron(settings).collectie("gemeente", 2017)


@pytest.mark.parametrize(
    "fout",
    [
        requests.Timeout("read timed out"),
        (503, "<html><body>Service Unavailable</body></html>"),
        (200, '{"type":"FeatureCollection","features":[{"type":"Feat'),
    ],
    ids=["timeout", "5xx", "afgebroken"],
)
def test_transient_faults_are_retried(settings, replay, fout):
    replay.ogc(2024, pdok_replay.gebieden(2024), pagina=10)
    goed = replay.antwoorden[replay.sleutel(OGC_GEMEENTEN)][0]
    replay.zet(OGC_GEMEENTEN, fout, goed)
    col = _bron(settings).collectie("gemeente", 2024)
    assert len(col.features) == 6  # 3 gemeenten and their water parts
    assert replay.opgevraagd.count(replay.sleutel(OGC_GEMEENTEN)) == 2


def test_html_error_page_is_a_dutch_error_not_retried(settings, replay):
    replay.zet(OGC_GEMEENTEN, (200, "<!DOCTYPE html><html><body>Onderhoud</body></html>"))
    with pytest.raises(IngestFout, match="HTML-pagina in plaats van GeoJSON"):
        _bron(settings).collectie("gemeente", 2024)
    assert replay.opgevraagd.count(replay.sleutel(OGC_GEMEENTEN)) == 1


def test_gives_up_after_retries_with_dutch_message(settings, replay):
    replay.zet(OGC_GEMEENTEN, requests.ConnectionError("geen netwerk"))
    with pytest.raises(IngestFout, match="PDOK niet bereikbaar na 3 pogingen"):
        _bron(settings).collectie("gemeente", 2024)
    assert replay.opgevraagd.count(replay.sleutel(OGC_GEMEENTEN)) == 3


def test_count_that_does_not_add_up_is_refused(settings, replay):
    replay.ogc(2024, pdok_replay.gebieden(2024), pagina=10)
    body = json.loads(replay.antwoorden[replay.sleutel(OGC_GEMEENTEN)][0][1])
    body["numberMatched"] = 342
    replay.zet(OGC_GEMEENTEN, (200, json.dumps(body)))
    with pytest.raises(IngestFout, match="onvolledige download"):
        _bron(settings).collectie("gemeente", 2024)


def test_interrupted_run_resumes_from_the_page_cache(settings, replay):
    replay.ogc(2024, pdok_replay.gebieden(2024), pagina=2)
    volgende = f"{pdok.OGC_URL.format(jaar=2024, collectie='buurten')}?cursor=Dv003%7CNwyr1Q&f=json&limit=1000"
    goed = replay.antwoorden[replay.sleutel(volgende)][0]
    replay.zet(volgende, requests.ConnectionError("verbinding verbroken"))
    with pytest.raises(IngestFout, match="opnieuw starten gaat verder"):
        _bron(settings).collectie("buurt", 2024)
    eerder = list(replay.opgevraagd)
    replay.zet(volgende, goed)
    col = _bron(settings).collectie("buurt", 2024)
    assert len(col.features) == 15
    nieuw = replay.opgevraagd[len(eerder) :]
    assert nieuw[0] == replay.collectie_url(2024, "buurt")  # the freshness check
    assert nieuw[1] == replay.sleutel(volgende)  # pages 1-3 came from the cache
    assert len(nieuw) == 1 + 8 - 3


def test_damaged_cache_page_is_fetched_again(settings, replay):
    replay.ogc(2024, pdok_replay.gebieden(2024), pagina=10)
    _bron(settings).collectie("gemeente", 2024)
    (pagina,) = [
        p
        for p in (settings.cache_dir / "pdok" / "2024" / "gemeente").glob("*.json")
        if p.name != "versie.json"
    ]
    pagina.write_text('{"features": [', encoding="utf-8")
    bron = _bron(settings)
    assert len(bron.collectie("gemeente", 2024).features) == 6
    assert any("beschadigd" in m for m in bron.meldingen)
    assert json.loads(pagina.read_text(encoding="utf-8"))["features"]


def test_years_and_levels_from_the_environment():
    assert pdok.grens_jaren({}) == list(range(2015, 2026))
    assert pdok.grens_jaren({"GELDSTROMEN_ONLINE_GRENZEN_JAREN": "2019;2024"}) == [2019, 2024]
    with pytest.raises(IngestFout, match="grenzen"):
        pdok.grens_jaren({"GELDSTROMEN_ONLINE_GRENZEN_JAREN": "1990"})
    assert pdok.grens_niveaus({}) == ["gemeente", "wijk", "buurt"]
    assert pdok.grens_niveaus({"GELDSTROMEN_ONLINE_GRENZEN_NIVEAUS": "Wijk"}) == ["wijk"]
    with pytest.raises(IngestFout, match="onbekend niveau"):
        pdok.grens_niveaus({"GELDSTROMEN_ONLINE_GRENZEN_NIVEAUS": "provincie"})


def test_wfs_type_names_per_year():
    namen = ["wijkenbuurten:gemeenten", "wijkenbuurten:wijken", "wijkenbuurten:buurten"]
    assert pdok.kies_type(namen, "wijk", 2023) == "wijkenbuurten:wijken"
    oud = ["cbs_buurten_2017", "cbs_gemeente_2017", "cbs_gemeente_2017_gegeneraliseerd"]
    assert pdok.kies_type(oud, "gemeente", 2017) == "cbs_gemeente_2017"
    with pytest.raises(IngestFout, match="geen laag voor wijk"):
        pdok.kies_type(oud, "wijk", 2017)


@pytest.fixture
def kaart_store(settings, replay, tmp_path):
    """A store with the 2019 (WFS) and 2024 (OGC) boundaries of the same codes; the buurt
    boundary inside each wijk lies elsewhere in 2019."""
    replay.wfs(2019, pdok_replay.gebieden(2019, verschuif=0.25))
    replay.ogc(2024, pdok_replay.gebieden(2024), pagina=5)
    url = f"sqlite:///{tmp_path / 'grenzen.sqlite'}"
    ingest(db.make_engine(url), pdok.online_bestanden(settings, [2019, 2024], bron=_bron(settings)))
    mp = pytest.MonkeyPatch()
    mp.setenv("GELDSTROMEN_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    from geldstromen.cached import kaart

    yield kaart
    st.cache_resource.clear()
    mp.undo()


def test_map_of_a_year_draws_that_years_shapes(kaart_store):
    codes = [f"BU9901{w:02d}{b:02d}" for w in range(2) for b in range(2)]
    verwacht = {
        j: pdok_replay.gebieden(j, verschuif=0.25 if j == 2019 else 0.0) for j in (2019, 2024)
    }
    for jaar in (2019, 2024):
        geometrie, koppeling = kaart_store.koppel_geometrie("GM9901", "buurt", jaar, codes)
        assert koppeling["jaar"] == jaar and koppeling["melding"] is None
        vorm = shapely.from_geojson(
            geometrie.set_index("regio_code").loc["BU99010000", "geometrie_geojson"]
        )
        bron = next(g for g in verwacht[jaar] if g.code == "BU99010000")
        rd = shapely.transform(vorm, lambda xy: _naar_rd(xy))
        assert rd.bounds[3] == pytest.approx(bron.rd.bounds[3], abs=15)  # the moved edge, metres
    # a year without shapes in the store: the nearest year, said on the page
    _, koppeling = kaart_store.koppel_geometrie("GM9901", "buurt", 2021, codes)
    assert koppeling["jaar"] == 2019
    assert koppeling["melding"] == "Kaartgrenzen 2019 gebruikt voor gegevens 2021 (zelfde codes)."


def test_store_holds_each_year_per_level(kaart_store):
    with kaart_store.engine().connect() as conn:
        per = pd.read_sql_query(
            "select niveau, jaar, count(*) as n from raw_geometrie group by niveau, jaar",
            conn.connection.driver_connection,
        )
    tabel = {(r.niveau, r.jaar): r.n for r in per.itertuples()}
    assert tabel == {
        ("gemeente", 2019): 3,
        ("wijk", 2019): 6,
        ("buurt", 2019): 12,
        ("gemeente", 2024): 3,
        ("wijk", 2024): 6,
        ("buurt", 2024): 12,
    }


_NAAR_RD = pyproj.Transformer.from_crs(4326, 28992, always_xy=True)


def _naar_rd(xy):
    import numpy as np

    x, y = _NAAR_RD.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def test_bronnen_page_lists_the_boundary_years_per_level():
    from geldstromen.ui.bronnen import kaartgrenzen

    rows = [("geometrie", f"geometrie_gemeente_{j}", j, 342) for j in (2015, 2016, 2017, 2019)]
    rows += [("geometrie", "geometrie_buurt_2024", 2024, 13000)]
    rows += [("geometrie", "geometrie_wijk_2016", 2016, 0), ("cbs_kwb", "kwb2019", 2019, 9)]
    frame = pd.DataFrame(rows, columns=["soort", "bron_id", "jaar", "rijen"])
    tekst = kaartgrenzen(frame)
    assert "gemeente 2015\u20132017, 2019; buurt 2024." in tekst
    assert "Niet gepubliceerd bij de bron: wijk 2016." in tekst
    assert kaartgrenzen(frame[frame["soort"] != "geometrie"]) is None


def test_bronnen_page_says_when_online_sources_were_fetched_and_changed():
    from geldstromen.ui.bronnen import versies

    rows = [
        ("geometrie", "geometrie_gemeente_2024", "2026-11-28T10:00:00+00:00", ISO1),
        ("geometrie", "geometrie_buurt_2024", "2026-11-29T08:00:00+00:00", ISO2),
        ("geometrie", "geometrie_wijk_2019", "2026-11-29T08:05:00+00:00", None),
        ("vektis", "vektis_zvw_2021_gemeente", "2026-11-29T09:00:00+00:00", ISO1),
        ("cbs_kwb", "kwb2024", "2026-11-29T07:00:00+00:00", "2025-06-30T02:00:00"),
        ("cbs_kwb", "kwb2019_bestand", None, None),  # from a file: not online
    ]
    cols = ["soort", "bron_id", "opgehaald_op", "bron_gewijzigd_op"]
    tekst = versies(pd.DataFrame(rows, columns=cols))
    assert (
        "kaartgrenzen (PDOK / CBS): 3 opgehaald 2026-11-28\u20132026-11-29, gewijzigd bij de "
        "bron 2025-03-03\u20132025-10-02 (1 zonder wijzigingsdatum van de bron)"
    ) in tekst
    assert "Vektis Zvw: 1 opgehaald 2026-11-29, gewijzigd bij de bron 2025-03-03;" in tekst
    assert "CBS-tabellen: 1 opgehaald 2026-11-29, gewijzigd bij de bron 2025-06-30." in tekst
    assert versies(pd.DataFrame([rows[-1]], columns=cols)) is None


def test_bench_boundaries_part_runs_on_its_own(tmp_path):
    from click.testing import CliRunner

    from geldstromen.cli import main
    from tests.conftest import FIXTURES

    data = FIXTURES / "data"
    n = len(
        json.loads((data / "geo" / "cbs_gemeenten_2024_gegeneraliseerd.geojson").read_text())[
            "features"
        ]
    )
    uit = tmp_path / "grenzen.json"
    rapport = FIXTURES.parents[1] / "docs" / "performance.md"
    voor = rapport.stat().st_mtime_ns if rapport.exists() else None
    res = CliRunner().invoke(
        main, ["bench", "--alleen", "grenzen", "--data-dir", str(data), "--json", str(uit)]
    )
    assert res.exit_code == 0, res.output
    assert "gemeente_2024" in res.output
    figuur = json.loads(uit.read_text())["grenzen"]["gemeente_2024"]
    assert figuur["features"] == n and figuur["opgeslagen"] == n
    assert figuur["online_vs_bestand"] > 0
    assert (rapport.stat().st_mtime_ns if rapport.exists() else None) == voor  # not rewritten


def test_national_replay_has_the_codes_of_the_national_kwb_replay():
    from tests.support import kwb_replay

    gebieden = pdok_replay.gebieden_nl()
    kwb = {code for code, _, soort in kwb_replay.regios_nl() if soort != "Land"}
    assert {g.code for g in gebieden} == kwb
    assert sum(g.niveau == "buurt" for g in gebieden) == 13_680


def test_page_cache_keeps_every_property_the_boundary_reader_looks_for():
    from data_sources import geometrie

    rollen = [*geometrie._CODE.values(), *geometrie._NAAM.values()]
    gezocht = {c for cands in rollen for c in cands} | set(geometrie._GM_CODE + geometrie._GM_NAAM)
    assert gezocht | {"water"} <= pdok._BEWAAR
    compact = pdok._compact(
        [{"properties": {"BU_CODE": "BU1", "OPP_TOT": 5, "Water": "NEE"}, "geometry": None}],
        pdok.WGS84,
    )
    assert compact[0]["properties"] == {"BU_CODE": "BU1", "Water": "NEE"}


def test_report_map_takes_the_same_year_as_the_page(kaart_store, tmp_path):
    from geldstromen.rapport.gegevens import _kaart

    engine = kaart_store.engine()
    codes = {f"BU9901{w:02d}{b:02d}" for w in range(2) for b in range(2)}
    for jaar, rand in ((2019, 506_000), (2024, 504_000)):  # the moved buurt edge, RD metres
        frame, melding = _kaart(engine, "GM9901", "buurt", jaar, codes)
        assert melding is None and sorted(frame["regio_code"]) == sorted(codes)
        vorm = frame.set_index("regio_code").loc["BU99010000", "geometry"]
        assert shapely.transform(vorm, _naar_rd).bounds[3] == pytest.approx(rand, abs=15)
    frame, melding = _kaart(engine, "GM9901", "buurt", 2021, codes)
    assert melding == "Kaartgrenzen 2019 gebruikt voor gegevens 2021 (zelfde codes)."
    leeg = db.make_engine(f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    ingest(leeg, [])
    assert _kaart(leeg, "GM9901", "buurt", 2019, codes) == (
        None,
        "Geen kaartgrenzen ingelezen voor deze gemeente.",
    )


LM1, LM2 = "Mon, 03 Mar 2025 09:00:00 GMT", "Thu, 02 Oct 2025 14:15:00 GMT"
ISO1, ISO2 = "2025-03-03T09:00:00+00:00", "2025-10-02T14:15:00+00:00"  # as on the Bronnen page


def test_freshness_ogc_changed_last_modified_refetches_unchanged_only_checks(
    settings, replay, tmp_path
):
    """A rerun makes only the cheap check when nothing changed; a changed Last-Modified of
    the collection document refetches that level (new shapes in the store, dates on the
    Bronnen page); a failed check keeps the cached pages with a Dutch note."""
    replay.ogc(2024, pdok_replay.gebieden(2024), pagina=4)
    for niveau in pdok.NIVEAUS:
        replay.kop(replay.collectie_url(2024, niveau), Last_Modified=LM1)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'vers.sqlite'}")
    assert len(ingest(engine, list(_items(settings, [2024]).values())).nieuw) == 3
    bron = pd.read_sql_query("select * from bron", engine).set_index("bron_id")
    assert set(bron["bron_gewijzigd_op"]) == {ISO1} and bron["opgehaald_op"].notna().all()
    # unchanged: three checks, no page
    n = len(replay.opgevraagd)
    assert ingest(engine, list(_items(settings, [2024]).values())).nieuw == []
    nieuw = replay.opgevraagd[n:]
    assert sorted(nieuw) == sorted(replay.collectie_url(2024, x) for x in pdok.NIVEAUS)
    # PDOK revised the buurten (moved boundaries): only that level is fetched again
    verschoven = pdok_replay.gebieden(2024, verschuif=0.3)
    replay.ogc(2024, verschoven, pagina=4)
    replay.kop(replay.collectie_url(2024, "buurt"), Last_Modified=LM2)
    for niveau in ("gemeente", "wijk"):
        replay.kop(replay.collectie_url(2024, niveau), Last_Modified=LM1)
    n = len(replay.opgevraagd)
    items = _items(settings, [2024])
    result = ingest(engine, list(items.values()))
    assert result.nieuw == ["geometrie_buurt_2024"]
    pagina_urls = [u for u in replay.opgevraagd[n:] if u not in _controles(replay.opgevraagd[n:])]
    assert pagina_urls and all("/buurten/items" in u for u in pagina_urls)
    assert any(
        "is gewijzigd bij de bron" in m for m in items["geometrie_buurt_2024"].opmerking.split("; ")
    )
    bron = pd.read_sql_query("select * from bron", engine).set_index("bron_id")
    assert bron.loc["geometrie_buurt_2024", "bron_gewijzigd_op"] == ISO2
    assert bron.loc["geometrie_wijk_2024", "bron_gewijzigd_op"] == ISO1
    # the stored buurt shapes are the revised ones: recomputed from the served RD boxes
    geo = pd.read_sql_query(
        "select regio_code, geometrie_geojson from raw_geometrie "
        "where bron_id = 'geometrie_buurt_2024'",
        engine,
    ).set_index("regio_code")["geometrie_geojson"]
    naar_rd = pyproj.Transformer.from_crs(4326, 28992, always_xy=True)
    doel = next(g for g in verschoven if g.code == "BU99000000")
    vorm = shapely.from_geojson(geo.loc["BU99000000"])
    hoog = max(naar_rd.transform(x, y)[1] for x, y in vorm.exterior.coords)
    assert hoog == pytest.approx(doel.rd.bounds[3], abs=5)
    assert doel.rd.bounds[3] == pytest.approx(pdok_replay.Y0 + 0.8 * pdok_replay.GM_M)
    # the check fails: cached pages are used, said in Dutch, nothing refetched
    for niveau in pdok.NIVEAUS:
        replay.zet(replay.collectie_url(2024, niveau), requests.ConnectionError("weg"))
    n = len(replay.opgevraagd)
    items = _items(settings, [2024])
    assert ingest(engine, list(items.values())).nieuw == []
    assert len(replay.opgevraagd[n:]) == 3
    assert "niet gecontroleerd" in items["geometrie_gemeente_2024"].opmerking


def test_freshness_without_headers_compares_the_document(settings, replay):
    """No Last-Modified or ETag: the collection document's own content is the signature."""
    replay.ogc(2024, pdok_replay.gebieden(2024), pagina=10)
    bron = _bron(settings)
    eerst = bron.collectie("gemeente", 2024).sha256
    url = replay.collectie_url(2024, "gemeente")
    status, tekst = replay.antwoorden[replay.sleutel(url)][0]
    replay.zet(url, (status, tekst.replace("CBS gemeenten 2024", "CBS gemeenten 2024 (v2)")))
    body = json.loads(replay.antwoorden[replay.sleutel(OGC_GEMEENTEN)][0][1])
    body["features"] = body["features"][:4]
    body["numberMatched"] = body["numberReturned"] = 4
    replay.zet(OGC_GEMEENTEN, (200, json.dumps(body)))
    n = len(replay.opgevraagd)
    col = _bron(settings).collectie("gemeente", 2024)
    assert len(col.features) == 4 and col.sha256 != eerst
    assert replay.opgevraagd[n:] == [url, replay.sleutel(OGC_GEMEENTEN)]


def test_freshness_wfs_capabilities_and_download_head(settings, replay, tmp_path):
    """WFS years: the capabilities (also read for the feature types) are the check; years
    from CBS's download: a HEAD on the zip, another Last-Modified downloads it again once."""
    replay.wfs(2019, pdok_replay.gebieden(2019))
    caps = f"{pdok.WFS_URL.format(jaar=2019)}?service=WFS&request=GetCapabilities"
    replay.kop(caps, Last_Modified=LM1)
    replay.kaart(2016, pdok_replay.gebieden(2016), tmp_path)
    replay.kop(pdok.KAART_DOWNLOADS[2016], Last_Modified=LM1)
    items = _items(settings, [2016, 2019])
    for item in items.values():
        item.checksum()
    assert {i.bron_gewijzigd_op for i in items.values()} == {ISO1}
    zip_key = replay.sleutel(pdok.KAART_DOWNLOADS[2016])
    assert replay.opgevraagd.count(zip_key) == 1
    # unchanged: one capabilities request for 2019, one HEAD for 2016, no pages
    n, h = len(replay.opgevraagd), len(replay.head_opgevraagd)
    for item in _items(settings, [2016, 2019]).values():
        item.lees()
    assert replay.opgevraagd[n:] == [replay.sleutel(caps)]
    assert replay.head_opgevraagd[h:] == [zip_key]
    # both revised: 2019 pages and the 2016 zip (once for the three levels) come again
    replay.kop(caps, Last_Modified=LM2)
    replay.kop(pdok.KAART_DOWNLOADS[2016], Last_Modified=LM2)
    n = len(replay.opgevraagd)
    items = _items(settings, [2016, 2019])
    for item in items.values():
        item.lees()
    nieuw = replay.opgevraagd[n:]
    assert nieuw.count(zip_key) == 1
    assert sum("GetFeature" in u for u in nieuw) == 2 * 3  # a page and the empty page per level
    assert {i.bron_gewijzigd_op for i in items.values()} == {ISO2}
