"""All CBS indicator sources of this package on the real files (skips locally without them)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.queries import run_query

MODULES = (
    "data_sources.cbs_kwb",
    "data_sources.kwb_2015",
    "data_sources.pdok_wijken_attributen",
    "data_sources.kwb_utrecht_2020",
    "data_sources.rivm",
)


@pytest.fixture(scope="module")
def engine(shared_data, tmp_path_factory):
    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('alle') / 'alle.sqlite'}")
    ingest(engine, vind_bestanden(shared_data, MODULES))
    return engine


def _regios(engine, gemeente, niveau, jaar):
    with engine.connect() as conn:
        return conn.execute(
            text(
                "select count(distinct m.regio_code) from mart_indicator_mat m "
                "where m.gemeente_code = :g and m.niveau = :n and m.jaar = :j"
            ),
            {"g": gemeente, "n": niveau, "j": jaar},
        ).scalar()


def test_den_haag_and_amsterdam_years(engine):
    assert _regios(engine, "GM0518", "wijk", 2015) == 44
    assert _regios(engine, "GM0518", "wijk", 2019) == 44
    assert _regios(engine, "GM0518", "wijk", 2024) == 44
    assert _regios(engine, "GM0518", "buurt", 2015) == 114
    assert _regios(engine, "GM0518", "buurt", 2019) == 114
    assert _regios(engine, "GM0363", "buurt", 2019) == 479
    assert _regios(engine, "GM0363", "wijk", 2024) > 90
    assert _regios(engine, "GM0344", "buurt", 2020) == 111  # Utrecht, derived file and RIVM


def test_same_indicator_over_years(engine):
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "select jaar, waarde from mart_indicator_mat where regio_code = 'GM0518' "
                "and indicator = 'inwoners_aantal' order by jaar"
            )
        ).all()
    years = {r.jaar: r.waarde for r in rows}
    assert {2015, 2019, 2024} <= set(years)
    assert 500_000 < years[2015] < years[2019] == 537833 < years[2024]


def test_rivm_is_geschat_and_suppressed_cells_export_empty(engine):
    frame = run_query(
        engine, "export_indicatoren", gemeente_code="GM0363", niveau="buurt", jaar=2020
    )
    rivm = frame[frame["indicator"].str.startswith("gezondheid")]
    assert len(rivm) > 400 * 60 and set(rivm["methode"]) == {"geschat"}
    assert rivm["bron"].str.contains("RIVM").all()
    kwb = run_query(engine, "export_indicatoren", gemeente_code="GM0363", niveau="buurt", jaar=2019)
    assert kwb["regio_code"].nunique() == 479
    assert kwb["waarde"].isna().any()  # suppressed CBS "." cells stay missing


def test_one_row_per_regio_jaar_indicator(engine):
    with engine.connect() as conn:
        dup = conn.execute(
            text(
                "select count(*) from (select regio_code, jaar, indicator from "
                "mart_indicator_mat group by regio_code, jaar, indicator having count(*) > 1) d"
            )
        ).scalar()
    assert dup == 0
