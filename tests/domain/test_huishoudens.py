"""Household flows on the synthetic Proefstad fixture: income, energy, spending, notes."""

import shutil

import pytest

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.domain import energie
from geldstromen.families import huishoudens
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("hh")
    shutil.copytree(FIXTURES / "thema_data", path / "data")
    eng = db.make_engine(f"sqlite:///{path / 'hh.sqlite'}")
    ingest(eng, vind_bestanden(path / "data"))
    return eng


def test_energy_income_and_missing_gas(engine):
    model = huishoudens.huishoudens_model(engine, "GM9998", "buurt", 2019)
    f = model.flows
    assert model.tarief["gas_eur_m3"] == pytest.approx(20.0 * energie.GJ_PER_M3)
    en = f[f["categorie"] == "Energie (gas, elektriciteit en warmte)"].set_index("regio_code")
    assert list(en.index) == ["BU99980101"]  # gas use suppressed elsewhere: no row, a note
    assert en.loc["BU99980101", "bedrag_eur"] == pytest.approx(
        1500 * 1600 * 20.0 * 0.03517 + 2400 * 1600 * 0.200
    )
    assert any("2 van 3 gebieden zonder gas" in n for n in model.notities)
    ink = f[f["categorie"] == "Inkomen (totaal)"].set_index("regio_code")["bedrag_eur"]
    assert ink["BU99980101"] == pytest.approx(30000 * 3000) and "BU99980202" not in ink
    assert set(f["methode"]) == {"geschat"} and set(f["familie"]) == {"huishoudens"}


def test_spending_mixes_income_classes_and_names_missing(engine):
    model = huishoudens.huishoudens_model(engine, "GM9998", "wijk", 2019)
    f = model.flows
    voed = f[f["categorie"].str.startswith("Voedingsmidd")].set_index("regio_code")["bedrag_eur"]
    assert voed["WK999801"] == pytest.approx(1500 * (0.07 * 3000 + 0.93 * 5000))
    assert any("040000" in n for n in model.notities)
    assert not (f["categorie"].str.contains("Huisvesting")).any()
