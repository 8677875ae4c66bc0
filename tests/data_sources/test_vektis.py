"""Vektis ingest on both databases: names via the crosswalk, unmatched names reported, zorg
flows conserve the gemeente total per category (synthetic fixtures for fictional gemeenten)."""

import shutil

import pandas as pd
import pytest

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.families import zorg as zorg_familie
from tests.conftest import FIXTURES


@pytest.fixture
def thema_engine(database_url, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "thema_data", data)
    engine = db.make_engine(database_url)
    ingest(engine, vind_bestanden(data))
    return engine


def test_unmatched_names_reported_not_dropped(thema_engine):
    namen = zorg_familie.ongekoppelde_namen(thema_engine)
    assert list(namen["gemeentenaam"]) == ["NERGENSHUIZEN ÂÉ"]  # cp1252 read correctly
    assert set(namen["jaar_indeling"]) == {2017}


@pytest.mark.parametrize("niveau", ["wijk", "buurt"])
def test_zorg_flows_conserve_gemeente_total(thema_engine, niveau):
    model = zorg_familie.zorg_model(thema_engine, "GM9998", niveau, 2019)
    flows = model.flows
    assert model.vektis_jaar == 2015 and set(flows["methode"]) == {"geschat"}
    assert set(flows["familie"]) == {"zorg"} and set(flows["van"]) == {"zorgverzekeraars"}
    # gemeente total per category from the synthetic file: PROEFSTAD rows only (M + V)
    farmacie = sum((100 + 15 * 5 * i) * 200.0 * 2 for i in range(19))
    per_cat = flows.groupby("categorie")["bedrag_eur"].sum()
    assert per_cat["Farmacie"] == pytest.approx(farmacie, rel=1e-9)
    assert "Vektis 2015" in flows["sleutel"].iloc[0] and "KWB 2019" in flows["sleutel"].iloc[0]
    if niveau == "wijk":
        inwoners = pd.Series({"WK999801": 3000, "WK999802": 5000})
        per_inw = flows.groupby("regio_code")["bedrag_eur"].sum() / inwoners
        assert per_inw["WK999801"] > per_inw["WK999802"]  # older wijk, higher cost per inhabitant
    else:
        assert any("zonder leeftijdsopbouw" in n for n in model.notities)


def test_indeling_year_is_a_property_of_each_file(database_url, tmp_path):
    """A file that states its indeling (``_indeling<YYYY>`` in its name) is linked on that
    year's names, the bron record says so, and a file without it keeps jaar + 2."""
    from pathlib import Path

    from data_sources.vektis import indeling_jaar

    assert indeling_jaar(Path("vektis_zvw_2015_gemeente.csv"), 2015) == 2017
    assert indeling_jaar(Path("vektis_zvw_2015_gemeente_indeling2019.csv.gz"), 2015) == 2019
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "thema_data", data)
    zorg = data / "zorg"
    (zorg / "vektis_zvw_2015_gemeente.csv").rename(
        zorg / "vektis_zvw_2015_gemeente_indeling2019.csv"
    )
    engine = db.make_engine(database_url)
    ingest(engine, vind_bestanden(data))
    with engine.connect() as conn:
        jaren = (
            conn.exec_driver_sql("SELECT DISTINCT jaar_indeling FROM stg_vektis__kosten")
            .scalars()
            .all()
        )
        opm = conn.exec_driver_sql(
            "SELECT opmerking FROM bron WHERE bron_id = 'vektis_zvw_2015_gemeente'"
        ).scalar_one()
        namen = (
            conn.exec_driver_sql(
                "SELECT DISTINCT jaar_indeling FROM raw_gemeentenaam "
                "WHERE bron_id = 'vektis_zvw_2015_gemeente'"
            )
            .scalars()
            .all()
        )
    assert jaren == [2019] and namen == [2019]
    # the thema fixtures hold no national gemeente list: the stated year stays, unchecked
    assert "gemeente-indeling 2019 aangehouden (niet gecontroleerd" in opm
