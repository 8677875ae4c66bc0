"""Sociaal domein shows estimated Zvw costs per wijk and the gemeente's actual-versus-expected
benchmark, on a synthetic store with Vektis 2023-style derived files for PROEFSTAD (GM9998)."""

from __future__ import annotations

import shutil

import pytest
import streamlit as st

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from tests.conftest import FIXTURES, REPO

BREAKDOWN = """gemeentenaam,care_category,actual_cost,expected_cost,insured_years
PROEFSTAD,Pharmacy,1200000,1000000,8000
PROEFSTAD,General practice,900000,1000000,8000
ANDERDORP,Pharmacy,10,10,1
"""
BENCHMARK = """rank_by_scr,gemeentenaam,insured_years,actual_cost,expected_cost,scr
1,PROEFSTAD,8000,2100000,2000000,1.05
"""
RATES = "geslacht,leeftijdsklasse,national_actual_cost,national_insured_years\n" + "".join(
    f"{s},{k},{(1 + i) * 1000 * 100},100\n"
    for i, k in enumerate(["0 t/m  4 jaar", "25 t/m 29 jaar", "65 t/m 69 jaar", "80 t/m 84 jaar"])
    for s in ("M", "V")
)


@pytest.fixture(scope="module")
def zorg_db_url(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("zorgdb")
    data = path / "data"
    shutil.copytree(FIXTURES / "thema_data", data)
    zorg = data / "zorg"
    (zorg / "vektis2023_derived_category_breakdown_gemeente.csv").write_text(BREAKDOWN)
    (zorg / "vektis2023_derived_municipality_benchmark.csv").write_text(BENCHMARK)
    (zorg / "vektis2023_derived_national_age_sex_rates.csv").write_text(RATES)
    url = f"sqlite:///{path / 'zorg.sqlite'}"
    ingest(db.make_engine(url), vind_bestanden(data))
    return url


@pytest.fixture
def zorg_app(monkeypatch, zorg_db_url):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", zorg_db_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60)


def test_sociaal_domein_shows_zorgkosten_and_benchmark(zorg_app):
    at = zorg_app
    at.query_params.update({"gemeente": "GM9998", "niveau": "wijk", "jaar": "2019"})
    at.run()
    at.switch_page("app_pages/sociaal_domein.py").run()
    assert not at.exception, at.exception
    tabellen = [d.value for d in at.dataframe]
    zorg = next(t for t in tabellen if "Zvw-kosten per inwoner (EUR)" in t.columns)
    # the two synthetic categories (2.1 M) are spread over the wijken and add up again
    assert zorg["Zvw-kosten (EUR per jaar)"].sum() == pytest.approx(2_100_000, abs=2)
    per = zorg.set_index("code")["Zvw-kosten per inwoner (EUR)"]
    assert per["WK999801"] > per["WK999802"]  # the older wijk costs more per inhabitant
    bench = next(t for t in tabellen if "verhouding" in t.columns)
    rij = bench.set_index("zorgsoort")
    assert rij.loc["Farmacie", "verhouding"] == pytest.approx(1.2)
    assert rij.loc["Huisartsenzorg", "verhouding"] == pytest.approx(0.9)
    assert rij.loc["Totaal", "verhouding"] == pytest.approx(1.05)
    assert set(bench["methode_verwacht"]) == {"geschat"}
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Verschil met verwachting"] == "+5,0 %"
    captions = " ".join(c.value for c in at.caption)
    assert "Geschat, niet waargenomen" in captions and "gemeente-indeling 2025" in captions
