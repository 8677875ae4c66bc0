"""The gemeente indeling of a Vektis file is read from its names: the CBS list of the year it
matches (two synthetic national indelingen, one merger apart), stored per file with the match
rate; a file matching no list well is refused in Dutch and nothing is written."""

import pandas as pd
import pytest

from data_sources.base import IngestFout
from data_sources.ingest import ingest, vind_bestanden
from data_sources.vektis_indeling import bepaal_indeling
from geldstromen import db
from tests.support import vektis_replay as rp


def _referentie(*jaren: int) -> pd.DataFrame:
    rows = [
        {"gemeente_code": c, "gemeente_naam": n, "jaar": j}
        for j in jaren
        for c, n in rp.gemeenten(j)
    ]
    return pd.DataFrame(rows)


def test_each_indeling_is_recognised_with_its_rate():
    ref = _referentie(rp.JAAR_OUD, rp.JAAR_NIEUW)
    oud = pd.Series([n.upper() for _, n in rp.gemeenten(rp.JAAR_OUD)])
    nieuw = pd.Series([n.upper() for _, n in rp.gemeenten(rp.JAAR_NIEUW)])
    # the stated year (jaar + 2) is wrong both ways; the names decide
    a = bepaal_indeling(oud, ref, gesteld=rp.JAAR_NIEUW)
    b = bepaal_indeling(nieuw, ref, gesteld=rp.JAAR_OUD)
    assert (a.jaar, a.status, a.gevonden, a.namen) == (rp.JAAR_OUD, "bepaald", 320, 320)
    assert (b.jaar, b.status, b.gevonden, b.namen) == (rp.JAAR_NIEUW, "bepaald", 319, 319)
    assert "319 van 319 namen (100%)" in b.tekst()
    # the old file against the new list alone: 318 of 320 names, not exact: stated year kept
    c = bepaal_indeling(oud, _referentie(rp.JAAR_NIEUW), gesteld=2019)
    assert (c.jaar, c.status, c.gevonden, c.lijst_jaar) == (2019, "niet bevestigd", 318, 2021)


def test_identical_lists_tie_to_the_stated_year():
    ref = _referentie(rp.JAAR_NIEUW)
    ref = pd.concat([ref, ref.assign(jaar=2022), ref.assign(jaar=2024)])
    nieuw = pd.Series([n.upper() for _, n in rp.gemeenten(rp.JAAR_NIEUW)])
    assert bepaal_indeling(nieuw, ref, gesteld=2020).jaar == 2021  # the nearest
    assert bepaal_indeling(nieuw, ref, gesteld=2023).jaar == 2024  # 2022 and 2024: the newer


def test_file_matching_no_list_is_refused():
    ref = _referentie(rp.JAAR_OUD)
    vreemd = pd.Series([f"ONBEKEND {i}" for i in range(300)] + ["TESTGEMEENTE 001"])
    with pytest.raises(IngestFout, match=r"vreemd\.csv: de gemeentenamen passen bij geen"):
        bepaal_indeling(vreemd, ref, gesteld=2017, naam="vreemd.csv")


def test_without_a_national_list_the_stated_year_stays():
    r = bepaal_indeling(pd.Series(["TESTGEMEENTE 001"]), _referentie().iloc[0:0], gesteld=2017)
    assert (r.jaar, r.status) == (2017, "niet gecontroleerd")


@pytest.fixture
def twee_indelingen(tmp_path):
    data = tmp_path / "data"
    for jaar in (rp.JAAR_OUD, rp.JAAR_NIEUW):
        rp.schrijf_codelijst(
            data / "cbs_regionaal" / f"cbs_82949NED_gemeentecodes_{jaar}.csv", jaar
        )
    # 2014 as republished today (on the 2021 indeling; jaar + 2 would say 2016) and 2016 as
    # first published (2018 by jaar + 2; the names are the 2017 list)
    rp.vektis_gemeente(data / "zorg" / "vektis_zvw_2014_gemeente.csv", rp.JAAR_NIEUW)
    rp.vektis_gemeente(data / "zorg" / "vektis_zvw_2016_gemeente.csv", rp.JAAR_OUD)
    return data


def test_ingest_stores_the_indeling_per_file(database_url, twee_indelingen):
    engine = db.make_engine(database_url)
    ingest(engine, vind_bestanden(twee_indelingen))
    with engine.connect() as conn:
        raw = pd.read_sql_query(
            "select bron_id, jaar_indeling, count(*) as n from raw_vektis_reeks "
            "group by bron_id, jaar_indeling",
            conn,
        )
        opm = dict(
            conn.exec_driver_sql("select bron_id, opmerking from bron where soort = 'vektis'").all()
        )
        mart = pd.read_sql_query(
            "select jaar, gemeentenaam, gemeente_code, koppeling from mart_vektis_kosten "
            "where gebied = 'gemeente' and gemeentenaam is not null "
            "group by jaar, gemeentenaam, gemeente_code, koppeling",
            conn,
        )
    per = raw.set_index("bron_id")["jaar_indeling"].to_dict()
    assert per == {"vektis_zvw_2014_gemeente": 2021, "vektis_zvw_2016_gemeente": 2017}
    assert (
        "gemeente-indeling 2021 bepaald op naam: 319 van 319 namen (100%)"
        in (opm["vektis_zvw_2014_gemeente"])
    )
    # every name linked, the merged gemeente only in the file on the new indeling
    assert mart["gemeente_code"].notna().all()
    samen = mart[mart["gemeentenaam"] == "SAMENDORP"]
    assert list(samen["jaar"]) == [2014] and list(samen["gemeente_code"]) == ["GM7321"]
    assert mart.groupby("jaar")["gemeentenaam"].nunique().to_dict() == {2014: 319, 2016: 320}


def test_refused_file_leaves_the_store_unchanged(database_url, twee_indelingen):
    engine = db.make_engine(database_url)
    ingest(engine, vind_bestanden(twee_indelingen))
    rp.schrijf_vektis(
        twee_indelingen / "zorg" / "vektis_zvw_2018_gemeente.csv",
        [f"NERGENS {i}" for i in range(330)],
    )
    with pytest.raises(IngestFout, match="vektis_zvw_2018_gemeente.csv: de gemeentenamen"):
        ingest(engine, vind_bestanden(twee_indelingen))
    with engine.connect() as conn:
        bronnen = conn.exec_driver_sql("select bron_id from bron where soort = 'vektis'")
        assert sorted(bronnen.scalars()) == [
            "vektis_zvw_2014_gemeente",
            "vektis_zvw_2016_gemeente",
        ]
