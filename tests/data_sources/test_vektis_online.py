"""Vektis online on recorded responses in the published shape (synthetic values from
``tests/support/vektis_replay``): two years on different indelingen and a PC3 file, moved
files (404 then the next address), faults (timeout, 5xx, a cut-off download, an HTML page),
an interrupted run that resumes from the cache and a damaged cached file. No live calls."""

from __future__ import annotations

import pandas as pd
import pytest
import requests
import responses

from data_sources.base import IngestFout
from data_sources.ingest import ingest, vind_bestanden
from data_sources.vektis_online import (
    VektisDownload,
    adressen,
    vektis_jaren,
    vektis_niveaus,
    vektis_online,
)
from geldstromen import db
from geldstromen.config import get_settings
from tests.support import vektis_replay as rp

BASIS = "https://vektis.invalid/uploads/Open%20Data%20Bestanden"


def _settings(tmp_path):
    return get_settings(
        {
            "GELDSTROMEN_VAR_DIR": str(tmp_path / "var"),
            "GELDSTROMEN_HTTP_TIMEOUT_S": "0.3",
            "GELDSTROMEN_HTTP_RETRIES": "3",
        }
    )


def _download(settings):
    return VektisDownload(settings, basis=BASIS, wacht_s=0.001)


def _bytes(tmp_path, naam: str, maker) -> bytes:
    return maker(tmp_path / "bron" / naam).read_bytes()


def test_addresses_per_year_and_level():
    a2014 = adressen(2014, "gemeente", BASIS)
    assert a2014[0].endswith(
        "/Gemeentebestanden%202011-2016/Vektis%20Open%20Databestand%20Zorgverzekeringswet"
        "%202014%20-%20gemeente.csv"
    )
    assert adressen(2019, "postcode3", BASIS)[0].endswith(
        "/2019/Vektis%20Open%20Databestand%20Zorgverzekeringswet%202019%20-%20postcode3.csv"
    )
    assert "_versie2.csv" in adressen(2020, "gemeente", BASIS)[0]
    assert "/Oud/" in adressen(2013, "postcode3", BASIS)[0]
    assert vektis_jaren({}) == list(range(2011, 2024))
    assert vektis_jaren({"GELDSTROMEN_ONLINE_VEKTIS_JAREN": "2015,2023"}) == [2015, 2023]
    assert vektis_niveaus({"GELDSTROMEN_ONLINE_VEKTIS_NIVEAUS": "postcode3"}) == ["postcode3"]
    with pytest.raises(IngestFout, match="onbekend niveau"):
        vektis_niveaus({"GELDSTROMEN_ONLINE_VEKTIS_NIVEAUS": "wijk"})
    with pytest.raises(IngestFout, match="Geen Vektis-tabel bekend voor jaar"):
        vektis_jaren({"GELDSTROMEN_ONLINE_VEKTIS_JAREN": "2009"})


@responses.activate
def test_online_ingest_two_indelingen_and_pc3(tmp_path):
    """2014 as downloadable today (names of the newer indeling) and 2016 (older), plus the
    2016 PC3 file; the code lists of both indelingen come from files, as KWB would give them."""
    data = tmp_path / "data"
    for jaar in (rp.JAAR_OUD, rp.JAAR_NIEUW):
        rp.schrijf_codelijst(
            data / "cbs_regionaal" / f"cbs_82949NED_gemeentecodes_{jaar}.csv", jaar
        )
    g2014 = _bytes(tmp_path, "g14.csv", lambda p: rp.vektis_gemeente(p, rp.JAAR_NIEUW))
    g2016 = _bytes(tmp_path, "g16.csv", lambda p: rp.vektis_gemeente(p, rp.JAAR_OUD))
    p2016 = _bytes(tmp_path, "p16.csv", lambda p: rp.vektis_pc3(p, ["101", "102", "999"]))
    # 2014 gemeente moved: the first address answers 404, the year folder has it
    eerste, tweede = adressen(2014, "gemeente", BASIS)[:2]
    responses.get(eerste, status=404)
    responses.get(tweede, body=g2014, headers={"Last-Modified": "Tue, 01 Oct 2024 10:00:00 GMT"})
    responses.get(adressen(2016, "gemeente", BASIS)[0], body=g2016)
    responses.get(adressen(2016, "postcode3", BASIS)[0], body=p2016)
    settings = _settings(tmp_path)
    online = vektis_online(settings, [2014], ["gemeente"], download=_download(settings))
    online += vektis_online(settings, [2016], download=_download(settings))
    engine = db.make_engine(f"sqlite:///{tmp_path / 'o.sqlite'}")
    result = ingest(engine, vind_bestanden(data) + online)
    assert set(result.nieuw) >= {
        "vektis_zvw_2014_gemeente",
        "vektis_zvw_2016_gemeente",
        "vektis_zvw_2016_postcode3",
    }
    with engine.connect() as conn:
        bron = pd.read_sql_query("select * from bron where soort = 'vektis'", conn).set_index(
            "bron_id"
        )
        ind = pd.read_sql_query(
            "select bron_id, jaar_indeling from raw_vektis_reeks group by bron_id, jaar_indeling",
            conn,
        ).set_index("bron_id")["jaar_indeling"]
        pc3 = pd.read_sql_query("select * from raw_vektis_pc3", conn)
    assert bron.loc["vektis_zvw_2014_gemeente", "url"] == tweede
    assert bron.loc["vektis_zvw_2014_gemeente", "bron_gewijzigd_op"] == "2024-10-01T10:00:00+00:00"
    assert bron.loc["vektis_zvw_2014_gemeente", "opgehaald_op"]
    assert ind.to_dict() == {"vektis_zvw_2014_gemeente": 2021, "vektis_zvw_2016_gemeente": 2017}
    assert "bepaald op naam: 319 van 319" in bron.loc["vektis_zvw_2014_gemeente", "opmerking"]
    # PC3 totals recomputed from the served bytes
    regels = p2016.decode("cp1252").splitlines()
    kop = regels[0].split(";")
    som = sum(
        float(v)
        for r in regels[1:]
        for k, v in zip(kop, r.split(";"), strict=True)
        if k.startswith("KOSTEN_") and r.split(";")[2] == "999"
    )
    assert pc3.loc[pc3["postcode3"] == "999", "bedrag_eur"].sum() == pytest.approx(som, abs=0.01)
    assert set(pc3["postcode3"].dropna()) == {"101", "102", "999"}
    # a second run fetches nothing: one HEAD per file (same Last-Modified), then the cache
    responses.head(tweede, headers={"Last-Modified": "Tue, 01 Oct 2024 10:00:00 GMT"})
    responses.head(adressen(2016, "gemeente", BASIS)[0])  # no validators: the cache is kept
    calls = len(responses.calls)
    again = vektis_online(settings, [2014, 2016], ["gemeente"], download=_download(settings))
    assert ingest(engine, vind_bestanden(data) + again).nieuw == []
    assert [c.request.method for c in responses.calls[calls:]] == ["HEAD", "HEAD"]


@responses.activate
def test_changed_last_modified_refetches_and_unchanged_does_not(tmp_path):
    """Freshness: a HEAD per run; another Last-Modified (or ETag) fetches the file again and
    the Bronnen dates follow; a failed check keeps the cached copy with a Dutch note."""
    oud = _bytes(tmp_path, "o.csv", lambda p: rp.vektis_gemeente(p, rp.JAAR_OUD))
    nieuw = _bytes(tmp_path, "n.csv", lambda p: rp.vektis_gemeente(p, rp.JAAR_NIEUW))
    assert oud != nieuw
    url = adressen(2016, "gemeente", BASIS)[0]
    lm1, lm2 = "Tue, 01 Oct 2024 10:00:00 GMT", "Wed, 02 Apr 2025 08:30:00 GMT"
    responses.get(url, body=oud, headers={"Last-Modified": lm1, "ETag": '"a1"'})
    settings = _settings(tmp_path)
    eerste = vektis_online(settings, [2016], ["gemeente"], download=_download(settings))[0]
    sha_oud = eerste.checksum()
    assert eerste.bron_gewijzigd_op == "2024-10-01T10:00:00+00:00" and eerste.opgehaald_op
    # unchanged: one HEAD, no GET, same checksum
    responses.head(url, headers={"Last-Modified": lm1, "ETag": '"a1"'})
    n = len(responses.calls)
    tweede = vektis_online(settings, [2016], ["gemeente"], download=_download(settings))[0]
    assert tweede.checksum() == sha_oud
    assert [c.request.method for c in responses.calls[n:]] == ["HEAD"]
    # changed at Vektis: HEAD, then one GET of the new file
    responses.replace(responses.HEAD, url, headers={"Last-Modified": lm2, "ETag": '"b2"'})
    responses.replace(
        responses.GET, url, body=nieuw, headers={"Last-Modified": lm2, "ETag": '"b2"'}
    )
    n = len(responses.calls)
    derde = vektis_online(settings, [2016], ["gemeente"], download=_download(settings))[0]
    assert derde.checksum() != sha_oud
    assert derde.download.pad(2016, "gemeente").read_bytes() == nieuw
    assert [c.request.method for c in responses.calls[n:]] == ["HEAD", "GET"]
    assert derde.bron_gewijzigd_op == "2025-04-02T08:30:00+00:00"
    assert "is gewijzigd" in derde.opmerking
    # only the ETag changed: fetched again as well
    responses.replace(responses.HEAD, url, headers={"Last-Modified": lm2, "ETag": '"c3"'})
    responses.replace(responses.GET, url, body=oud, headers={"Last-Modified": lm2, "ETag": '"c3"'})
    vierde = vektis_online(settings, [2016], ["gemeente"], download=_download(settings))[0]
    assert vierde.checksum() == sha_oud
    # the check fails (no connection): the cached copy is used, with a note
    responses.replace(responses.HEAD, url, body=requests.exceptions.ConnectionError("weg"))
    n = len(responses.calls)
    vijfde = vektis_online(settings, [2016], ["gemeente"], download=_download(settings))[0]
    assert vijfde.checksum() == sha_oud
    assert [c.request.method for c in responses.calls[n:]] == ["HEAD"]
    assert "niet gecontroleerd" in vijfde.opmerking
    # changed, but the new file cannot be fetched: the cached copy stays in use
    responses.replace(responses.HEAD, url, headers={"Last-Modified": lm1})
    responses.replace(responses.GET, url, status=503)
    zesde = vektis_online(settings, [2016], ["gemeente"], download=_download(settings))[0]
    assert zesde.checksum() == sha_oud
    assert "bewaarde versie wordt gebruikt" in zesde.opmerking


@responses.activate
def test_faults_timeout_5xx_and_cut_off_download_then_success(tmp_path):
    body = _bytes(tmp_path, "g.csv", lambda p: rp.vektis_gemeente(p, rp.JAAR_OUD))
    url = adressen(2016, "gemeente", BASIS)[0]
    responses.get(url, body=requests.exceptions.ReadTimeout("traag"))
    responses.get(url, status=503)
    # cut off in the middle of a line, the announced length says more was coming
    responses.get(url, body=body[: len(body) // 2], headers={"Content-Length": str(len(body))})
    responses.get(url, body=body)
    settings = get_settings(
        {
            "GELDSTROMEN_VAR_DIR": str(tmp_path / "var"),
            "GELDSTROMEN_HTTP_TIMEOUT_S": "0.3",
            "GELDSTROMEN_HTTP_RETRIES": "4",
        }
    )
    pad = _download(settings).bestand(2016, "gemeente")
    assert pad.read_bytes() == body and len(responses.calls) == 4


@responses.activate
def test_cut_off_file_without_length_is_fetched_again_and_then_refused(tmp_path):
    body = _bytes(tmp_path, "g.csv", lambda p: rp.vektis_gemeente(p, rp.JAAR_OUD))
    url = adressen(2016, "gemeente", BASIS)[0]
    cut = body[: len(body) - 30]  # a row with fewer fields than the header
    for _ in range(3):
        responses.get(url, body=cut)
    settings = _settings(tmp_path)
    with pytest.raises(IngestFout, match="ophalen mislukt na 3 pogingen: download afgebroken"):
        _download(settings).bestand(2016, "gemeente")
    assert not _download(settings).pad(2016, "gemeente").exists()  # nothing half kept


@responses.activate
def test_not_found_anywhere_names_the_file_route(tmp_path):
    for url in adressen(2012, "postcode3", BASIS):
        responses.get(url, body="<html><body>Pagina niet gevonden</body></html>")
    settings = _settings(tmp_path)
    with pytest.raises(IngestFout) as fout:
        _download(settings).bestand(2012, "postcode3")
    tekst = str(fout.value)
    assert "niet door Vektis bevestigd" in tekst
    assert "zorg/vektis_zvw_2012_postcode3.csv" in tekst


@responses.activate
def test_interrupted_run_resumes_and_damaged_cache_is_refetched(tmp_path):
    b16 = _bytes(tmp_path, "a.csv", lambda p: rp.vektis_gemeente(p, rp.JAAR_OUD))
    b17 = _bytes(tmp_path, "b.csv", lambda p: rp.vektis_gemeente(p, rp.JAAR_OUD))
    u16, u17 = adressen(2016, "gemeente", BASIS)[0], adressen(2017, "gemeente", BASIS)[0]
    responses.get(u16, body=b16)
    responses.get(u17, body=requests.exceptions.ConnectionError("weg"))
    settings = _settings(tmp_path)
    dl = _download(settings)
    dl.bestand(2016, "gemeente")
    with pytest.raises(IngestFout, match="2017"):
        dl.bestand(2017, "gemeente")  # the run stops here
    responses.replace(responses.GET, u17, body=b17)
    responses.head(u16)
    dl = _download(settings)
    before = len(responses.calls)
    dl.bestand(2016, "gemeente")  # from the cache (one freshness HEAD)
    dl.bestand(2017, "gemeente")
    assert [(c.request.method, c.request.url) for c in responses.calls[before:]] == [
        ("HEAD", u16),
        ("GET", u17),
    ]
    # a cached file damaged on disk: reported in Dutch and fetched again
    pad = dl.pad(2016, "gemeente")
    pad.write_bytes(b16[: len(b16) - 25])
    dl = _download(settings)
    assert dl.bestand(2016, "gemeente").read_bytes() == b16
    assert any("beschadigd" in m for m in dl.meldingen)
