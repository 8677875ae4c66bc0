"""Ingest of the synthetic fixtures on SQLite and PostgreSQL: views, idempotence, atomicity."""

from __future__ import annotations

import math
import shutil

import pytest
from sqlalchemy import func, select

from data_sources.base import IngestFout
from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.queries import run_query
from geldstromen.schema import bron, raw_cbs_waarde, ref_model
from tests.conftest import FIXTURES


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target


def kwb_bestanden(data_dir):
    """Only the KWB fixtures: these tests are about the ingest mechanics, not other sources."""
    return [b for b in vind_bestanden(data_dir) if b.soort == "cbs_kwb"]


def test_ingest_builds_indicator_mart(database_url, data_dir):
    engine = db.make_engine(database_url)
    result = ingest(engine, kwb_bestanden(data_dir))
    assert len(result.nieuw) == 2
    frame = run_query(
        engine, "export_indicatoren", gemeente_code="GM9999", niveau="buurt", jaar=2019
    )
    inw = frame[frame.indicator == "inwoners_aantal"].set_index("regio_code")["waarde"]
    assert inw.to_dict() == {"BU99990101": 4000, "BU99990102": 2000, "BU99990201": 4000}
    income = frame[frame.indicator == "inkomen_per_inwoner_eur"].set_index("regio_code")["waarde"]
    assert income["BU99990101"] == 26000  # x1000 euro stored as euro
    assert math.isnan(income["BU99990102"])  # "." is missing, never 0
    assert set(frame["methode"]) == {"waargenomen"}
    assert frame["bron"].str.contains("84583NED").all()
    wijk2024 = run_query(
        engine, "export_indicatoren", gemeente_code="GM9999", niveau="wijk", jaar=2024
    )
    woningen = wijk2024[wijk2024.indicator == "woningen_aantal"].set_index("regio_code")["waarde"]
    assert woningen["WK999901"] == 2950 and math.isnan(woningen["WK999902"])


def test_second_ingest_skips_unchanged_files(database_url, data_dir):
    engine = db.make_engine(database_url)
    ingest(engine, kwb_bestanden(data_dir))
    again = ingest(engine, kwb_bestanden(data_dir))
    assert again.nieuw == [] and len(again.overgeslagen) == 2
    assert not again.model_herbouwd


def test_changed_model_rebuilds_reference_without_new_files(database_url, data_dir, monkeypatch):
    """An upgrade with new aliases or views must not keep the old name crosswalk."""
    import data_sources.ingest as ingest_module

    engine = db.make_engine(database_url)
    ingest(engine, kwb_bestanden(data_dir))
    monkeypatch.setattr(ingest_module, "model_vingerafdruk", lambda: "nieuw-model")
    again = ingest(engine, kwb_bestanden(data_dir))
    assert again.nieuw == [] and again.model_herbouwd
    with engine.connect() as conn:
        assert conn.execute(select(ref_model.c.waarde)).scalar() == "nieuw-model"
    assert not ingest(engine, kwb_bestanden(data_dir)).model_herbouwd


def test_model_fingerprint_is_read_once_per_ingest(data_dir, tmp_path, monkeypatch):
    """The fingerprint reads every view/catalogue file: once per ingest, rebuild or not."""
    import data_sources.ingest as ingest_module

    calls, model = [], ["v1"]
    monkeypatch.setattr(ingest_module, "model_vingerafdruk", lambda: calls.append(1) or model[0])
    engine = db.make_engine(f"sqlite:///{tmp_path / 'once.sqlite'}")
    assert ingest(engine, kwb_bestanden(data_dir)).model_herbouwd  # new files
    assert len(calls) == 1
    assert not ingest(engine, kwb_bestanden(data_dir)).model_herbouwd  # nothing changed
    assert len(calls) == 2
    model[0] = "v2"
    assert ingest(engine, kwb_bestanden(data_dir)).model_herbouwd  # only the model changed
    assert len(calls) == 3


def test_failed_ingest_leaves_previous_data_usable(database_url, data_dir):
    engine = db.make_engine(database_url)
    ingest(engine, kwb_bestanden(data_dir))
    with engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(raw_cbs_waarde)).scalar()
    csv = next((data_dir / "cbs_kwb").glob("*.csv"))
    csv.write_text(csv.read_text().replace('"   10000"', '"  10.000,5 kapot"'), encoding="utf-8")
    with pytest.raises(IngestFout, match="geen getal"):
        ingest(engine, kwb_bestanden(data_dir))
    with engine.connect() as conn:
        after = conn.execute(select(func.count()).select_from(raw_cbs_waarde)).scalar()
    assert after == before
    assert not run_query(
        engine,
        "indicator_waarden",
        gemeente_code="GM9999",
        niveau="wijk",
        jaar=2019,
        indicator="inwoners_aantal",
    ).empty


def test_interrupt_before_commit_rolls_back(database_url, data_dir):
    engine = db.make_engine(database_url)
    ingest(engine, kwb_bestanden(data_dir))
    csv = next((data_dir / "cbs_kwb").glob("*.csv"))
    csv.write_text(csv.read_text().replace('"   10000"', '"   12345"'), encoding="utf-8")

    def boom():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(engine, kwb_bestanden(data_dir), before_commit=boom)
    frame = run_query(
        engine,
        "indicator_waarden",
        gemeente_code="GM9999",
        niveau="gemeente",
        jaar=2019,
        indicator="inwoners_aantal",
    )
    assert frame["waarde"].tolist() == [10000]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(bron)).scalar() == 2
