"""Gemeente money flows from the store: conservation on both databases and on the real files."""

from __future__ import annotations

import shutil

import pytest

from data_sources.geometrie import SOORT as GEO_SOORT
from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.families import gemeente
from tests.conftest import FIXTURES


def _conserved(engine, gm, niveau, jaar, stuk):
    iv3 = gemeente.iv3_bedragen(engine, gm, jaar, stuk).set_index("taakveld_code")
    for kant in gemeente.KANTEN:
        res = gemeente.toerekening(engine, gm, niveau, jaar, stuk, kant)
        assert not res.flows.empty, res.opmerking
        cents = (res.flows["bedrag_eur"] * 100).round().astype("int64")
        per_tv = cents.groupby(res.flows["taakveld_code"]).sum()
        uit = set(res.uitgesloten["taakveld_code"])
        expected = (iv3[f"{kant}_eur"].dropna() * 100).round().astype("int64")
        expected = expected[~expected.index.isin(uit)]
        assert per_tv.reindex(expected.index).fillna(0).astype("int64").equals(expected), kant
        if niveau == "buurt":
            sub = res.flows[res.flows["niveau"] != "gemeente"]
            assert sub["regio_code"].str.startswith(("BU", "WK")).all()
    return res


def test_conservation_on_fixture_store(database_url, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    engine = db.make_engine(database_url)
    soorten = {"cbs_kwb", "iv3", GEO_SOORT}
    ingest(engine, [b for b in vind_bestanden(data) if b.soort in soorten])
    res = _conserved(engine, "GM9999", "buurt", 2023, "begroting")
    assert set(res.flows["niveau"]) >= {"buurt", "gemeente"}
    res = _conserved(engine, "GM9999", "wijk", 2023, "begroting")
    assert "0.10" in set(res.uitgesloten["taakveld_code"])


@pytest.fixture(scope="module")
def real_engine(shared_data, tmp_path_factory):
    path = tmp_path_factory.mktemp("iv3real") / "real.sqlite"
    engine = db.make_engine(f"sqlite:///{path}")
    soorten = {"cbs_kwb", "iv3", "cbs_gemeentecodes"}
    ingest(engine, [b for b in vind_bestanden(shared_data) if b.soort in soorten])
    return engine


@pytest.mark.parametrize("gm", ["GM0518", "GM0363"])
@pytest.mark.parametrize("niveau", ["wijk", "buurt"])
def test_conservation_real_den_haag_amsterdam(real_engine, gm, niveau):
    for jaar, stuk in [(2023, "jaarrekening"), (2025, "begroting")]:
        res = _conserved(real_engine, gm, niveau, jaar, stuk)
        if niveau == "buurt":
            assert res.indelingsjaar == 2019
