"""How the store keeps Vektis costs: series once (``raw_vektis_reeks``), gemeente names once
(``raw_vektis_naam``), cells keyed by series and name (``raw_vektis_kosten``, no rowid); the
staging view gives the published rows back, and a store of the earlier shape (every column on
every row) is migrated in place with identical mart rows."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import inspect, text

from data_sources.base import Bestand, IngestFout
from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from tests.support import vektis_replay as rp

KOLOMMEN = [
    "bron_id", "jaar", "gebied", "gemeentenaam", "geslacht", "leeftijdsklasse", "kostenpost",
    "verzekerdejaren", "bedrag_eur", "verwacht_eur",
]  # fmt: skip
MART = (
    "select jaar, jaar_indeling, gebied, gemeentenaam, gemeente_code, koppeling, geslacht, "
    "leeftijdsklasse, kostenpost, verzekerdejaren, bedrag_eur, verwacht_eur, bron_id, bron "
    "from mart_vektis_kosten_mat"
)


def _landelijk(rijen: pd.DataFrame | None = None, sha: str = "n1") -> Bestand:
    """National rates (no name, gebied nederland) and a benchmark row without sex or age."""
    if rijen is None:
        rijen = pd.DataFrame(
            {
                "bron_id": "vektis_landelijk_2016",
                "jaar": 2016,
                "gebied": ["nederland", "nederland", "gemeente"],
                "gemeentenaam": [None, None, "TESTGEMEENTE 001"],
                "geslacht": ["M", "V", None],
                "leeftijdsklasse": ["0 t/m 4 jaar", "0 t/m 4 jaar", None],
                "kostenpost": ["TOTAAL", "TOTAAL", "TOTAAL"],
                "verzekerdejaren": [1000.5, 990.25, 12.0],
                "bedrag_eur": [2_000_000.0, None, 34_567.8],
                "verwacht_eur": [None, None, 30_000.0],
                "jaar_indeling": 2017,
            }
        )
    return Bestand(
        "vektis_landelijk_2016", "vektis", lambda: {"raw_vektis_kosten": rijen}, sha256=sha
    )


@pytest.fixture
def vektis_data(tmp_path):
    data = tmp_path / "data"
    rp.schrijf_codelijst(
        data / "cbs_regionaal" / f"cbs_82949NED_gemeentecodes_{rp.JAAR_OUD}.csv", rp.JAAR_OUD
    )
    rp.vektis_gemeente(data / "zorg" / "vektis_zvw_2016_gemeente.csv", rp.JAAR_OUD)
    return data


def _bestanden(data):
    return [*vind_bestanden(data), _landelijk()]


def _geleverd(bestanden) -> pd.DataFrame:
    delen = [b.lees()["raw_vektis_kosten"] for b in bestanden if b.soort == "vektis"]
    rijen = pd.concat([d.reindex(columns=KOLOMMEN) for d in delen], ignore_index=True)
    return _gesorteerd(rijen)


def _gesorteerd(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[KOLOMMEN].astype(object).where(frame[KOLOMMEN].notna(), None)
    frame["jaar"] = frame["jaar"].astype(int)
    for kolom in ("verzekerdejaren", "bedrag_eur", "verwacht_eur"):
        frame[kolom] = frame[kolom].astype(float)
    sleutel = ["bron_id", "gebied", "gemeentenaam", "geslacht", "leeftijdsklasse", "kostenpost"]
    frame = frame.sort_values(sleutel, na_position="first", kind="stable")
    return frame.reset_index(drop=True)


def test_staging_gives_back_every_delivered_row_and_series_are_stored_once(
    database_url, vektis_data
):
    engine = db.make_engine(database_url)
    bestanden = _bestanden(vektis_data)
    ingest(engine, bestanden)
    with engine.connect() as conn:
        terug = pd.read_sql_query(
            text(f"select {', '.join(KOLOMMEN)} from stg_vektis__kosten"),  # noqa: S608
            conn,
        )
        reeksen = conn.execute(text("select count(*) from raw_vektis_reeks")).scalar()
        namen = conn.execute(
            text("select count(*) from raw_vektis_naam where gemeentenaam is not null")
        ).scalar()
        kolommen = {c["name"] for c in inspect(conn).get_columns("raw_vektis_kosten")}
    geleverd = _geleverd(bestanden)
    pd.testing.assert_frame_equal(_gesorteerd(terug), geleverd)
    # a series per source x sex x age class x cost item, not per gemeente; a name once
    sleutel = ["bron_id", "gebied", "geslacht", "leeftijdsklasse", "kostenpost"]
    assert reeksen == len(geleverd[sleutel].drop_duplicates()) < len(geleverd)
    assert namen == geleverd["gemeentenaam"].dropna().nunique()
    assert kolommen == {"reeks_id", "naam_id", "verzekerdejaren", "bedrag_eur", "verwacht_eur"}


def test_a_name_twice_in_one_series_with_two_amounts_is_refused(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 's.sqlite'}")
    rij = _landelijk().lees()["raw_vektis_kosten"].iloc[[2]]
    anders = pd.concat([rij, rij.assign(bedrag_eur=1.0)], ignore_index=True)
    with pytest.raises(IngestFout, match="TESTGEMEENTE 001 staat meer dan eens"):
        ingest(engine, [_landelijk(anders)])
    zelfde = pd.concat([rij, rij], ignore_index=True)
    assert ingest(engine, [_landelijk(zelfde, sha="n2")]).rijen == 1  # the copy stored once
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from raw_vektis_kosten")).scalar() == 1


#: The earlier shape of raw_vektis_kosten (every column on every row), from a current store.
OUD = (
    "select s.bron_id, s.jaar, s.gebied, n.gemeentenaam, s.geslacht, s.leeftijdsklasse, "
    "s.kostenpost, k.verzekerdejaren, k.bedrag_eur, k.verwacht_eur, s.jaar_indeling "
    "from raw_vektis_kosten k join raw_vektis_reeks s on s.reeks_id = k.reeks_id "
    "left join raw_vektis_naam n on n.naam_id = k.naam_id"
)


def test_store_of_the_earlier_shape_is_migrated_with_identical_rows(database_url, vektis_data):
    engine = db.make_engine(database_url)
    bestanden = _bestanden(vektis_data)
    ingest(engine, bestanden)
    with engine.connect() as conn:
        voor = pd.read_sql_query(text(MART), conn)
    with engine.begin() as conn:  # back to the earlier shape
        db.drop_views(conn, [n for n, _ in [*db.view_files(), *db.lees_view_files()]])
        conn.execute(text(f"create table oud as {OUD}"))
        for tabel in ("raw_vektis_kosten", "raw_vektis_naam", "raw_vektis_reeks"):
            conn.execute(text(f"drop table {tabel}"))
        conn.execute(text("alter table oud rename to raw_vektis_kosten"))
        conn.execute(
            text("create index ix_raw_vektis_kosten_naam on raw_vektis_kosten (gemeentenaam, jaar)")
        )
    with engine.begin() as conn:
        db.create_tables(conn)
        assert conn.execute(text("select count(*) from raw_vektis_reeks")).scalar() > 0
    result = ingest(engine, bestanden)
    assert result.nieuw == []  # nothing read again: the values came over as they were
    with engine.connect() as conn:
        na = pd.read_sql_query(text(MART), conn)
        kolommen = {c["name"] for c in inspect(conn).get_columns("raw_vektis_kosten")}
        assert not inspect(conn).has_table("raw_vektis_kosten_oud")
    assert kolommen == {"reeks_id", "naam_id", "verzekerdejaren", "bedrag_eur", "verwacht_eur"}
    assert len(voor) == len(geleverd := _geleverd(bestanden)) > 0
    sleutel = list(voor.columns)
    a = voor.sort_values(sleutel, na_position="first").reset_index(drop=True)
    b = na.sort_values(sleutel, na_position="first").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    assert len(geleverd) == len(b)
