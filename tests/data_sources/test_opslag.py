"""How the store keeps CBS values: series once (``raw_cbs_reeks``), cells keyed by series and
region (``raw_cbs_waarde``, no rowid), the indicator mart as values + series + names joined by
the view ``mart_indicator_mat``; and the migration of a store of the earlier wide shape."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import inspect, text

from data_sources.base import Bestand, IngestFout
from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from tests.support.stores import fixture_store

MART = (
    "select regio_code, regio_naam, niveau, gemeente_code, jaar, indicator, label, bron_kolom, "
    "waarde, eenheid, methode, thema, bron from mart_indicator_mat"
)


def _kwb(data_dir):
    return [b for b in vind_bestanden(data_dir) if b.soort == "cbs_kwb"]


def test_cells_reproduce_the_source_rows_and_series_are_stored_once(database_url, tmp_path):
    data = fixture_store(database_url, tmp_path)
    engine = db.make_engine(database_url)
    # the long rows the sources deliver, recomputed by reading the files again
    verwacht = pd.concat(
        t["raw_cbs_waarde"] for b in vind_bestanden(data) if "raw_cbs_waarde" in (t := b.lees())
    )
    with engine.connect() as conn:
        terug = pd.read_sql_query(
            text(
                "select r.bron_id, r.jaar, g.regio_code, r.kolom, w.waarde from raw_cbs_waarde w "
                "join raw_cbs_reeks r on r.reeks_id = w.reeks_id "
                "join raw_cbs_regio g on g.regio_id = w.regio_id"
            ),
            conn,
        )
        reeksen = conn.execute(
            text(
                "select count(*), count(distinct bron_id || '|' || jaar || '|' || kolom) "
                "from raw_cbs_reeks"
            )
        ).one()
    sleutel = ["bron_id", "jaar", "regio_code", "kolom"]

    def norm(frame: pd.DataFrame) -> pd.DataFrame:
        waarde = [None if pd.isna(v) else str(v) for v in frame["waarde"]]
        frame = frame.assign(jaar=frame["jaar"].astype(int), waarde=waarde)
        return frame[[*sleutel, "waarde"]].sort_values(sleutel).reset_index(drop=True)

    pd.testing.assert_frame_equal(norm(terug), norm(verwacht), check_dtype=False)
    assert reeksen[0] == reeksen[1] == len(verwacht[["bron_id", "jaar", "kolom"]].drop_duplicates())
    assert reeksen[0] < len(verwacht) / 2  # the text that repeated per row is stored per series
    with engine.connect() as conn:
        regios = conn.execute(
            text("select count(*), count(distinct regio_code) from raw_cbs_regio")
        ).one()
    assert regios[0] == regios[1] == verwacht["regio_code"].nunique()


def test_a_region_twice_in_one_series_with_two_values_is_refused(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 's.sqlite'}")
    rows = pd.DataFrame(
        {
            "bron_id": "dubbel",
            "jaar": 2024,
            "regio_code": ["GM9999", "GM9999"],
            "kolom": "AantalInwoners_5",
            "waarde": ["10", "11"],
        }
    )
    kolom = pd.DataFrame(
        {
            "bron_id": ["dubbel"],
            "kolom": ["AantalInwoners_5"],
            "stem": ["AantalInwoners"],
            "titel": ["Aantal inwoners"],
            "eenheid": ["aantal"],
            "is_numeriek": [1],
        }
    )
    bestand = Bestand(
        "dubbel",
        "cbs_kwb",
        lambda: {"raw_cbs_waarde": rows, "raw_cbs_kolom": kolom},
        sha256="x",
        jaar=2024,
    )
    with pytest.raises(IngestFout, match="GM9999 staat meer dan eens"):
        ingest(engine, [bestand])
    same = rows.assign(waarde="10")
    bestand = Bestand(
        "dubbel",
        "cbs_kwb",
        lambda: {"raw_cbs_waarde": same, "raw_cbs_kolom": kolom},
        sha256="y",
        jaar=2024,
    )
    assert ingest(engine, [bestand]).rijen == 2  # one cell + one kolom row: the copy stored once
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from raw_cbs_waarde")).scalar() == 1


#: The earlier shapes of raw_cbs_waarde, rebuilt from a current store.
VORMEN = {
    "breed": (
        "select r.bron_id, r.jaar, g.regio_code, r.kolom, w.waarde from raw_cbs_waarde w "
        "join raw_cbs_reeks r on r.reeks_id = w.reeks_id "
        "join raw_cbs_regio g on g.regio_id = w.regio_id"
    ),
    "reeks": (
        "select w.reeks_id, g.regio_code, w.waarde from raw_cbs_waarde w "
        "join raw_cbs_regio g on g.regio_id = w.regio_id"
    ),
}


@pytest.mark.parametrize("vorm", sorted(VORMEN))
def test_store_of_an_earlier_shape_is_migrated_with_identical_values(tmp_path, vorm, database_url):
    nieuw_url = f"sqlite:///{tmp_path / 'nieuw.sqlite'}"
    data = fixture_store(nieuw_url, tmp_path / "a")
    oud_url = database_url
    fixture_store(oud_url, tmp_path / "b")
    oud = db.make_engine(oud_url)
    with oud.begin() as conn:  # back to the earlier shape: source, year, column on every row
        db.drop_views(conn, [n for n, _ in [*db.view_files(), *db.lees_view_files()]])
        conn.execute(text(f"create table oud as {VORMEN[vorm]}"))
        conn.execute(text("drop table raw_cbs_waarde"))
        conn.execute(text("drop table raw_cbs_regio"))
        if vorm == "breed":
            conn.execute(text("drop table raw_cbs_reeks"))
        conn.execute(text("alter table oud rename to raw_cbs_waarde"))
        if vorm == "reeks" and conn.dialect.name == "postgresql":  # as the second shape had it
            conn.execute(
                text(
                    "alter table raw_cbs_waarde add constraint pk_raw_cbs_waarde "
                    "primary key (reeks_id, regio_code)"
                )
            )
        if vorm == "breed":
            conn.execute(text("create index ix_raw_cbs_waarde_bron on raw_cbs_waarde (bron_id)"))
        conn.execute(text("create table mart_indicator_mat (regio_code text)"))  # earlier table
    with oud.begin() as conn:
        db.create_tables(conn)
    result = ingest(oud, vind_bestanden(data))
    assert result.nieuw == []  # nothing read again: the values came over as they were
    with oud.connect() as c1, db.make_engine(nieuw_url).connect() as c2:
        a = pd.read_sql_query(text(MART), c1).sort_values(["regio_code", "jaar", "indicator"])
        b = pd.read_sql_query(text(MART), c2).sort_values(["regio_code", "jaar", "indicator"])
        assert len(a) > 0
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
        kolommen = {c["name"] for c in inspect(c1).get_columns("raw_cbs_waarde")}
        assert kolommen == {"reeks_id", "regio_id", "waarde"}
        assert not inspect(c1).has_table("raw_cbs_waarde_oud")


def test_pages_of_replaced_rows_go_back_to_the_file_system(tmp_path):
    url = f"sqlite:///{tmp_path / 'terug.sqlite'}"
    data = fixture_store(url, tmp_path)
    engine = db.make_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2  # incremental
        eerst = conn.exec_driver_sql("PRAGMA page_count").scalar()
    for _ in range(3):  # every source and mart written again
        ingest(engine, vind_bestanden(data), force=True)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA freelist_count").scalar() == 0
        assert conn.exec_driver_sql("PRAGMA page_count").scalar() <= eerst * 1.1
