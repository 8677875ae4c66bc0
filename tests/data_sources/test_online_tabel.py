"""The one fetch of an online CBS table (OnlineTabel): version check, collections in their
declared order, one sha256 over the page hashes, converted once; KWB and Iv3 both use it."""

from __future__ import annotations

import hashlib

import pytest

from data_sources.base import IngestFout
from data_sources.cbs_odata import OnlineTabel
from data_sources.iv3_online import IV3_VERZAMELINGEN, iv3_online
from data_sources.online import KWB_VERZAMELINGEN, kwb_online
from geldstromen.config import get_settings


class NepFeed:
    """Records the calls; each collection returns its name as one row."""

    base_url = "https://feed.invalid/odata"

    def __init__(self, meldingen=()):
        self.aanroepen: list[str] = []
        self.meldingen = list(meldingen)

    def versie(self, tabel):
        self.aanroepen.append(f"versie {tabel}")
        return {"opgehaald_op": "2026-01-02T03:04:05+00:00", "gewijzigd_op": "2025-12-01"}

    def verzameling(self, tabel, naam, query=""):
        self.aanroepen.append(naam)
        return [{"naam": naam}], hashlib.sha256(naam.encode()).hexdigest()


def _tabel(feed, verzamelingen=("A", "B"), opmerking=None):
    gezien = []

    def omzetten(item, delen):
        gezien.append(delen)
        return {"raw": list(delen)}

    item = OnlineTabel(
        bron_id="t",
        soort="x",
        lees=dict,
        tabel_id="12345NED",
        jaar=2020,
        feed=feed,
        verzamelingen=verzamelingen,
        omzetten=omzetten,
        opmerking=opmerking,
    )
    return item, gezien


def test_fetches_once_in_order_with_one_checksum():
    feed = NepFeed()
    item, gezien = _tabel(feed)
    assert item.lees() == {"raw": ["A", "B"]}
    item.checksum()
    item.lees()
    assert feed.aanroepen == ["versie 12345NED", "A", "B"]
    assert len(gezien) == 1 and gezien[0] == {"A": [{"naam": "A"}], "B": [{"naam": "B"}]}
    hashes = "".join(hashlib.sha256(n.encode()).hexdigest() for n in ("A", "B"))
    assert item.checksum() == hashlib.sha256(hashes.encode()).hexdigest()
    assert item.opgehaald_op.startswith("2026-01-02") and item.bron_gewijzigd_op == "2025-12-01"


def test_feed_notes_about_this_table_join_the_remark():
    feed = NepFeed(["CBS 12345NED: cachebestand x is beschadigd", "CBS 99999NED: anders"])
    item, _ = _tabel(feed, opmerking="per gemeente")
    item.ophalen()
    assert item.opmerking == "per gemeente; CBS 12345NED: cachebestand x is beschadigd"


def test_without_a_feed_a_dutch_error():
    item, _ = _tabel(None)
    with pytest.raises(IngestFout, match="geen CBS-tabel"):
        item.lees()


def test_kwb_and_iv3_are_online_tables_with_their_collections():
    settings = get_settings()
    kwb = kwb_online(settings, [2023], feed=NepFeed())[0]
    iv3 = iv3_online(settings, [2023], feed=NepFeed())[0]
    assert isinstance(kwb, OnlineTabel) and isinstance(iv3, OnlineTabel)
    assert kwb.verzamelingen == KWB_VERZAMELINGEN
    assert "WijkenEnBuurten" in KWB_VERZAMELINGEN and "TypedDataSet" in KWB_VERZAMELINGEN
    assert iv3.verzamelingen == IV3_VERZAMELINGEN
    assert kwb.lees == kwb.ophalen and iv3.lees == iv3.ophalen
