"""Wijkprofiel on the real store: the dekking of a wijk's lasten (gemeentefonds share and
overige middelen, a model) is summed per source in one line, its table per cluster opens on
request, and together they cover exactly the wijk's allocated lasten (nothing lost or counted
twice)."""

from __future__ import annotations

import pytest
import streamlit as st

from geldstromen.domain.opmaak import euro
from tests.conftest import REPO

pytestmark = pytest.mark.shared_data


def test_dekking_line_and_table_cover_the_wijk_lasten(real_store, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", real_store())
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    app.query_params.update({"gemeente": "GM0363", "iv3_jaar": "2024", "regio": "WK0363AA"})
    app.run()
    at = app.switch_page("app_pages/wijkprofiel.py").run()
    assert not at.exception, at.exception
    assert any(s.value == "Dekking van de lasten (model, toegerekend)" for s in at.subheader)
    n = len(at.dataframe)
    at.session_state["wp_dekking_tabel"] = True
    at.run()
    assert not at.exception, at.exception
    assert len(at.dataframe) == n + 1
    tabellen = [d.value for d in at.dataframe]
    dekking = next(t for t in tabellen if "Van" in t.columns)
    lasten = next(t for t in tabellen if "Hoofdtaakveld" in t.columns)
    assert set(dekking["Methode"]) == {"toegerekend"}
    assert dekking["Bron"].str.contains("septembercirculaire 2024").all()
    # the dekking is a model of the lasten: together exactly the wijk's allocated lasten
    assert dekking["Bedrag (€)"].sum() == pytest.approx(lasten["Bedrag (€)"].sum(), abs=0.01)
    per_bron = dekking.groupby("Van")["Bedrag (€)"].sum()
    assert len(per_bron) == 2 and (per_bron > 0).all()
    regel = next(c.value for c in at.caption if "samen de toegerekende lasten" in c.value)
    for van, bedrag in per_bron.items():
        assert f"{van}: {euro(bedrag)}" in regel
