"""First run (``geldstromen eerste-start``, called by ``make run`` without a data folder):
CBS reachable -> online ingest on replays in the real shape; unreachable -> a Dutch message,
exit 0 and an empty store, so the app opens on its start page. No live calls."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
import requests
import responses
from click.testing import CliRunner

from data_sources.cbs_odata import CbsFeed
from data_sources.eerste_start import bereikbaar, eerste_start, heeft_gegevens, schatting_s
from data_sources.online import kwb_online
from geldstromen import db
from geldstromen.cli import main
from geldstromen.config import get_settings
from tests.support.kwb_replay import regios, replay

BASE = "https://cbs.invalid/ODataFeed/odata"


def _settings(tmp_path):
    return get_settings(
        {
            "GELDSTROMEN_VAR_DIR": str(tmp_path / "var"),
            "GELDSTROMEN_HTTP_TIMEOUT_S": "0.3",
            "GELDSTROMEN_HTTP_RETRIES": "2",
        }
    )


def _register(pages: dict[str, str]) -> None:
    for url, body in pages.items():
        responses.get(
            url.split("?")[0],
            body=body,
            content_type="application/json",
            match=[responses.matchers.query_string_matcher(urlsplit(url).query)],
        )


@responses.activate
def test_reachable_ingests_replayed_kwb(tmp_path):
    pages = replay(BASE, paginagrootte=5)
    _register(pages)
    responses.get(BASE, body="{}", content_type="application/json")
    settings = _settings(tmp_path)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'e.sqlite'}")
    feed = CbsFeed(settings, base_url=BASE, wacht_s=0.001)
    regels: list[str] = []
    uit = eerste_start(
        engine,
        settings,
        bestanden=lambda s: kwb_online(s, [2024], feed=feed),
        echo=regels.append,
        url=BASE,
        progress=False,
    )
    assert uit.toestand == "ingelezen", regels
    assert heeft_gegevens(engine)
    # the estimate names the number of tables and a duration in minutes
    assert any("1 tabellen op te halen" in r and "minu" in r for r in regels)
    # every replayed region (recomputed from the replay pages) landed in the store
    rows = [r for u, b in pages.items() if "TypedDataSet" in u for r in json.loads(b)["value"]]
    assert len(rows) == len(regios())
    with engine.connect() as conn:
        bron = conn.exec_driver_sql("SELECT bron_id FROM bron").scalars().all()
    assert bron == ["kwb2024_85984NED_online"]
    # a second first run sees the data and does not fetch again
    n = len(responses.calls)
    again = eerste_start(engine, settings, echo=regels.append, url=BASE, progress=False)
    assert again.toestand == "gegevens" and len(responses.calls) == n


@responses.activate
def test_unreachable_says_so_in_dutch_and_leaves_store_empty(tmp_path):
    responses.get(BASE, body=requests.ConnectionError("geen netwerk"))
    settings = _settings(tmp_path)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'e.sqlite'}")
    regels: list[str] = []

    def niet_aanroepen(_s):
        raise AssertionError("zonder internet wordt niets opgehaald")

    uit = eerste_start(
        engine, settings, bestanden=niet_aanroepen, echo=regels.append, url=BASE, progress=False
    )
    assert uit.toestand == "geen_internet"
    tekst = "\n".join(regels)
    assert "Geen verbinding met CBS" in tekst and "GELDSTROMEN_DATA_DIR" in tekst
    assert "startpagina" in tekst and not heeft_gegevens(engine)


@responses.activate
def test_server_error_counts_as_unreachable_and_4xx_as_reachable():
    responses.get(BASE, status=503)
    assert not bereikbaar(BASE, 0.2)
    responses.replace(responses.GET, BASE, status=404)
    assert bereikbaar(BASE, 0.2)


def test_estimate_grows_with_tables(tmp_path):
    settings = _settings(tmp_path)
    een = kwb_online(settings, [2024])
    drie = kwb_online(settings, [2022, 2023, 2024])
    assert 0 < schatting_s(een) < schatting_s(drie) == 3 * schatting_s(een)


def test_estimate_follows_the_size_of_each_source(tmp_path):
    """Boundaries and Vektis files by their size, not a flat default per table: a buurt layer
    (~14,000 features, 15 pages) costs more than a wijk layer and far more than a gemeente
    layer; the 33 default layers add up to 11 years of the three levels; the total said is the
    sum, in minutes, with the download size."""
    from data_sources import eerste_start as es
    from data_sources import pdok
    from data_sources.base import Bestand
    from data_sources.vektis_online import vektis_online

    settings = _settings(tmp_path)
    lagen = {b.niveau: b for b in pdok.online_bestanden(settings, [2024], pdok.NIVEAUS)}
    s = {n: schatting_s([b]) for n, b in lagen.items()}
    assert s["buurt"] > s["wijk"] > s["gemeente"] > 0
    # recomputed from the sizes: features x kB at MB_PER_S, one request per 1,000 + the check
    buurt = es.omvang(lagen["buurt"])
    assert buurt.verzoeken == 14 + 1 and buurt.megabytes == 14_000 * 12.0 / 1000
    assert s["buurt"] == 15 * es.S_PER_VERZOEK + 168.0 / es.MB_PER_S + 14 * 3.0
    alle = pdok.online_bestanden(settings, range(2015, 2026), pdok.NIVEAUS)
    assert len(alle) == 33
    assert schatting_s(alle) == pytest.approx(11 * sum(s.values()))
    assert schatting_s(alle) > 33 * 30  # the old flat 30 s a table said ~16 minutes
    mb = sum(es.omvang(b).megabytes for b in alle)
    assert mb == pytest.approx(11 * (345 * 250 + 3_400 * 40 + 14_000 * 12) / 1000)
    vektis = {b.bron_id: b for b in vektis_online(settings, [2023])}
    assert schatting_s([vektis["vektis_zvw_2023_postcode3"]]) > schatting_s(
        [vektis["vektis_zvw_2023_gemeente"]]
    )
    onbekend = Bestand("x", "iets_nieuws", dict)
    assert es.omvang(onbekend) == es.ANDERS
    lijst = alle + list(vektis.values()) + kwb_online(settings, [2024]) + [onbekend]
    tekst = es.schatting_tekst(lijst)
    minuten = round(schatting_s(lijst) / 60)
    assert tekst.startswith(f"verwachte duur ongeveer {minuten} minuten, ongeveer ")
    totaal_gb = sum(es.omvang(b).megabytes for b in lijst) / 1000
    assert f"{totaal_gb:.1f} GB downloaden" in tekst
    assert "kaartgrenzen 33\u00d7" in tekst and "Vektis 2\u00d7" in tekst
    assert "KWB 1\u00d7" in tekst and "overig 1\u00d7" in tekst
    assert tekst.index("kaartgrenzen") < tekst.index("KWB")  # largest share first


@responses.activate
def test_cli_without_internet_exits_zero(tmp_path, monkeypatch):
    monkeypatch.delenv("GELDSTROMEN_DATA_DIR", raising=False)
    monkeypatch.delenv("GELDSTROMEN_DATABASE_URL", raising=False)
    monkeypatch.setenv("GELDSTROMEN_VAR_DIR", str(tmp_path / "var"))
    # no URL registered: responses refuses the connectivity check like a machine offline
    result = CliRunner().invoke(main, ["eerste-start", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Geen verbinding met CBS" in result.output
    assert "geldstromen ingest --data-dir" in result.output


def test_readme_states_the_estimate_of_the_default_online_list(tmp_path, monkeypatch):
    """The README's "about N minutes and G GB" is the estimate of the default list."""
    import os
    import re
    from pathlib import Path

    from data_sources import eerste_start as es
    from data_sources.online import online_bestanden

    for naam in list(os.environ):
        if naam.startswith("GELDSTROMEN_ONLINE_"):
            monkeypatch.delenv(naam)
    lijst = online_bestanden(_settings(tmp_path))
    minuten = round(schatting_s(lijst) / 60)
    gb = sum(es.omvang(b).megabytes for b in lijst) / 1000
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    said = re.search(r"about (\d+) minutes and (\d+) GB for everything", " ".join(readme.split()))
    assert said, "README states no first-run estimate"
    assert int(said.group(1)) == minuten and int(said.group(2)) == round(gb)


def test_resumed_run_counts_what_the_cache_already_holds(tmp_path):
    """After an interruption the estimate counts only the check request (and reading) for
    what an earlier run left in the cache, and says how many sources that are."""
    from data_sources import eerste_start as es
    from data_sources import pdok
    from data_sources.vektis_online import vektis_online

    settings = _settings(tmp_path)
    feed = CbsFeed(settings, base_url=BASE, wacht_s=0.001)
    grenzen = {b.niveau: b for b in pdok.online_bestanden(settings, [2024], pdok.NIVEAUS)}
    vektis = vektis_online(settings, [2023], ["gemeente"])
    (kwb,) = kwb_online(settings, [2024], feed=feed)
    lijst = [*grenzen.values(), *vektis, kwb]
    leeg = schatting_s(lijst, settings)
    assert leeg == schatting_s(lijst) and "al in de cache" not in es.schatting_tekst(
        lijst, settings
    )
    # an interrupted run left: one buurt page, the Vektis file and a KWB page
    cache = settings.cache_dir
    for pad in (
        cache / "pdok" / "2024" / "buurt" / "abc.json",
        cache / "vektis" / "vektis_zvw_2023_gemeente.csv",
        cache / "cbs_odata" / kwb.tabel_id / "def.json",
    ):
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text("{}", encoding="utf-8")
    (cache / "pdok" / "2024" / "wijk").mkdir(parents=True)
    (cache / "pdok" / "2024" / "wijk" / "versie.json").write_text("{}")  # a check, no page
    assert [es.in_cache(b, settings) for b in lijst] == [False, False, True, True, True]
    verwacht = sum(
        es.S_PER_VERZOEK + es.omvang(b).verwerking_s
        if b in (grenzen["buurt"], vektis[0], kwb)
        else es.omvang(b).seconden
        for b in lijst
    )
    assert schatting_s(lijst, settings) == pytest.approx(verwacht)
    assert verwacht < leeg
    assert es.schatting_tekst(lijst, settings).startswith("3 al in de cache van een eerdere run")
