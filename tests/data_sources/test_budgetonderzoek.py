"""Budgetonderzoek: raw holds the published x1000 euro, staging converts (the one place);
a fresh ingest, a re-ingest and an older store that held euros give the same euros."""

import csv
import shutil

import pandas as pd
from sqlalchemy import text

from data_sources import budgetonderzoek
from data_sources.ingest import ingest
from geldstromen import db
from tests.conftest import FIXTURES

BESTAND = "cbs_85419NED_bestedingen_testreeks.csv"


def _data(tmp_path):
    data = tmp_path / "data" / "cbs_budget"
    data.mkdir(parents=True)
    shutil.copy(FIXTURES / "thema_data" / "cbs_budget" / BESTAND, data / BESTAND)
    return tmp_path / "data"


def _verwacht(pad) -> dict:
    """Euro per (category, characteristic, year), recomputed from the raw file."""
    with open(pad, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    return {
        (
            r["bestedingscategorie"].strip(),
            r["kenmerk_huishoudens"].strip(),
            int(r["periode"]),
        ): float(r["gemiddeld_besteed_bedrag_x1000_eur"]) * 1000
        for r in rows
    }


def _mart(engine) -> dict:
    frame = pd.read_sql_query("select * from mart_budget_besteding", engine)
    return {
        (r.bestedingscategorie, r.kenmerk, int(r.jaar)): float(r.bedrag_eur)
        for r in frame.itertuples()
    }


def _raw(engine) -> pd.DataFrame:
    return pd.read_sql_query("select * from raw_budget", engine)


def test_raw_keeps_the_published_unit_and_staging_converts(database_url, tmp_path):
    data = _data(tmp_path)
    engine = db.make_engine(database_url)
    ingest(engine, budgetonderzoek.vind(data))
    verwacht = _verwacht(data / "cbs_budget" / BESTAND)
    assert len(verwacht) > 3
    assert _mart(engine) == verwacht
    raw = _raw(engine).set_index(["bestedingscategorie", "kenmerk", "jaar"])["bedrag_keur"]
    assert {k: v * 1000 for k, v in raw.items()} == verwacht  # raw as published (x1000)
    again = ingest(engine, budgetonderzoek.vind(data), force=True)  # re-ingest
    assert again.nieuw and _mart(engine) == verwacht
    engine.dispose()


def test_an_older_store_with_euros_is_read_again(database_url, tmp_path):
    data = _data(tmp_path)
    engine = db.make_engine(database_url)
    ingest(engine, budgetonderzoek.vind(data))
    verwacht = _verwacht(data / "cbs_budget" / BESTAND)
    # make it an older store: raw_budget held euros in bedrag_eur, no bedrag_keur
    with engine.begin() as conn:
        conn.execute(text("DROP VIEW IF EXISTS mart_budget_besteding"))
        conn.execute(text("DROP VIEW IF EXISTS stg_budget"))
        conn.execute(text("DROP TABLE IF EXISTS mart_budget_besteding_mat"))
        conn.execute(text("DROP TABLE raw_budget"))
        conn.execute(
            text(
                "CREATE TABLE raw_budget (bron_id VARCHAR(200) NOT NULL, tabel_id VARCHAR(20) "
                "NOT NULL, jaar INTEGER NOT NULL, bestedingscategorie TEXT NOT NULL, "
                "kenmerk TEXT NOT NULL, bedrag_eur FLOAT)"
            )
        )
        bron_id = conn.execute(text("select bron_id from bron")).scalar()
        for (cat, kenmerk, jaar), eur in verwacht.items():
            conn.execute(
                text("INSERT INTO raw_budget VALUES (:b, '85419NED', :j, :c, :k, :e)"),
                {"b": bron_id, "j": jaar, "c": cat, "k": kenmerk, "e": eur},
            )
    # the file is unchanged, yet it is read again because the raw column changed
    result = ingest(engine, budgetonderzoek.vind(data))
    assert result.nieuw == [bron_id] and result.model_herbouwd
    assert _mart(engine) == verwacht
    raw = _raw(engine)
    assert raw["bedrag_eur"].isna().all()  # the old column is no longer written
    assert raw["bedrag_keur"].max() == max(verwacht.values()) / 1000
    # a second run skips it again
    assert ingest(engine, budgetonderzoek.vind(data)).nieuw == []
    engine.dispose()


def test_older_store_column_is_filled_even_without_the_file(database_url):
    engine = db.make_engine(database_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE raw_budget (bron_id VARCHAR(200) NOT NULL, tabel_id VARCHAR(20) "
                "NOT NULL, jaar INTEGER NOT NULL, bestedingscategorie TEXT NOT NULL, "
                "kenmerk TEXT NOT NULL, bedrag_eur FLOAT)"
            )
        )
        conn.execute(text("INSERT INTO raw_budget VALUES ('b', '85419NED', 2020, 'c', 'k', 2500)"))
        db.create_tables(conn)
    assert _raw(engine)["bedrag_keur"].tolist() == [2.5]
    engine.dispose()
