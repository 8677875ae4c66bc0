"""The cached family flows are the flows of the cached family model: a page that shows both
(Wijkprofiel: zorg flows and the Zvw benchmark; Energietransitie and Verbanden: household
energy costs) builds each model once per selection."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS


def _flows(familie: str) -> pd.DataFrame:
    row = ["WK000101", "Wijk 1", "wijk", 2019, familie, "a", "b", "c", 10.0, "geschat", "s", "x"]
    return pd.DataFrame([row], columns=GELDSTROOM_COLUMNS).assign(extra="weg")


@pytest.fixture(autouse=True)
def _leeg(monkeypatch, tmp_path):
    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_zorg_flows_and_model_compute_the_model_once(monkeypatch):
    from geldstromen.cached import zorg as cz
    from geldstromen.families import zorg

    calls = []

    def model(engine, gemeente_code, niveau, jaar, vektis_jaar=None):
        calls.append((gemeente_code, niveau, jaar))
        return zorg.ZorgModel(_flows("zorg"), 2021)

    monkeypatch.setattr(zorg, "zorg_model", model)
    flows = cz.zorg_flows("v1", "GM0001", "wijk", 2019)
    benchmark_model = cz.zorg_model("v1", "GM0001", "wijk", 2019)
    assert calls == [("GM0001", "wijk", 2019)]
    assert list(flows.columns) == GELDSTROOM_COLUMNS
    assert benchmark_model.vektis_jaar == 2021


def test_huishoudens_flows_and_model_compute_the_model_once(monkeypatch):
    from geldstromen.cached import huishoudens as ch
    from geldstromen.families import huishoudens

    calls = []

    def model(engine, gemeente_code, niveau, jaar):
        calls.append((gemeente_code, niveau, jaar))
        return huishoudens.HuishoudensModel(_flows("huishoudens"))

    monkeypatch.setattr(huishoudens, "huishoudens_model", model)
    flows = ch.huishoudens_flows("v1", "GM0001", "wijk", 2019)
    ch.huishoudens_model("v1", "GM0001", "wijk", 2019)
    assert calls == [("GM0001", "wijk", 2019)]
    assert list(flows.columns) == GELDSTROOM_COLUMNS
