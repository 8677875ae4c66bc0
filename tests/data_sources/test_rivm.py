"""RIVM health estimates per wijk/buurt (synthetic 50090NED extracts)."""

from __future__ import annotations

import math

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.domain.catalogus import indicator_catalogue
from geldstromen.queries import run_query
from tests.conftest import FIXTURES


def test_rivm_point_estimates_are_geschat(database_url):
    engine = db.make_engine(database_url)
    result = ingest(engine, vind_bestanden(FIXTURES / "bronnen_kwb", ("data_sources.rivm",)))
    assert sorted(result.nieuw) == [
        "rivm_50090NED_gezondheid_wijk_buurt_2020_18plus",
        "rivm_50090NED_gezondheid_wijk_buurt_2020_65plus",
    ]
    wijk = run_query(
        engine, "export_indicatoren", gemeente_code="GM9999", niveau="wijk", jaar=2020
    ).set_index(["regio_code", "indicator"])
    # only the point estimate (Marges MW00000), not the margin rows
    assert wijk.loc[("WK999901", "gezondheid18_ervaren_goed_pct"), "waarde"] == 71.0
    assert wijk.loc[("WK999901", "gezondheid65_eenzaam_pct"), "waarde"] == 41.5
    assert wijk.loc[("WK999901", "gezondheid18_moeite_rondkomen_pct"), "eenheid"] == (
        "% van 18-plussers"
    )
    assert math.isnan(wijk.loc[("WK999902", "gezondheid65_eenzaam_pct"), "waarde"])
    assert set(wijk["methode"]) == {"geschat"}
    assert wijk["bron"].str.contains("Gezondheidsmonitor 2020").all()
    assert not any(wijk.reset_index()["bron_kolom"].str.startswith("LopenNaar"))


def test_rivm_catalogue_is_geschat_and_prefixed():
    cat = indicator_catalogue()
    rivm = cat[cat["soort"].str.startswith("rivm_")]
    assert set(rivm["methode"]) == {"geschat"}
    assert rivm[rivm.soort == "rivm_65plus"]["indicator"].str.startswith("gezondheid65_").all()
    assert rivm[rivm.soort == "rivm_18plus"]["indicator"].str.startswith("gezondheid18_").all()
