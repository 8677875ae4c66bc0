"""Bound parameters only: arbitrary strings into every query; formula neutralisation."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geldstromen import db
from geldstromen.config import SQL_DIR
from geldstromen.domain.export import neutralise_formulas, to_csv_bytes
from geldstromen.queries import query_names, run_query

PARAMS = {
    name: sorted(
        set(re.findall(r"(?<!:):([a-z_]+)", (SQL_DIR / "queries" / f"{name}.sql").read_text()))
    )
    for name in query_names()
}
WITH_PARAMS = [n for n, p in PARAMS.items() if p]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.bad_inputs.conftest import fixture_store

    tmp = tmp_path_factory.mktemp("sec")
    url = f"sqlite:///{tmp / 'sec.sqlite'}"
    fixture_store(url, tmp)
    return db.make_engine(url)


@pytest.mark.parametrize("name", WITH_PARAMS)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.text(max_size=40)
    | st.sampled_from(["' OR '1'='1", "GM9999' --", "1; DROP TABLE bron"])
)
def test_arbitrary_strings_are_data_not_sql(engine, name, value):
    sql = (SQL_DIR / "queries" / f"{name}.sql").read_text()
    params = {
        p: [value] if re.search(rf"\bin\s*:{p}\b", sql, re.IGNORECASE) else value
        for p in PARAMS[name]
    }
    frame = run_query(engine, name, **params)  # any exception (SQL text in it) fails the test
    assert frame.empty  # no selection matches a random string, so no rows may come back
    assert db.is_initialised(engine)


def test_injection_payload_returns_nothing_but_real_code_works(engine):
    assert run_query(engine, "beschikbaarheid", gemeente_code="' OR '1'='1").empty
    assert not run_query(engine, "beschikbaarheid", gemeente_code="GM9999").empty


def test_formulas_neutralised_in_csv_export():
    frame = pd.DataFrame(
        {
            "regio_naam": ['=HYPERLINK("http://x")', "+cmd", "@SUM(1)", "-2+3", "Noord"],
            "waarde": [1, 2, 3, 4, 5],
        }
    )
    safe = neutralise_formulas(frame)["regio_naam"].tolist()
    assert safe[:4] == ['\'=HYPERLINK("http://x")', "'+cmd", "'@SUM(1)", "'-2+3"]
    assert safe[4] == "Noord"
    assert b"\n=HYPERLINK" not in to_csv_bytes(frame)
    assert neutralise_formulas(pd.DataFrame({"x": ["-12,5"]}))["x"].tolist() == ["-12,5"]
