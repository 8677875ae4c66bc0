"""Geometries of the real data: join coverage of KWB regions and the all-NL payload size."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db

pytestmark = pytest.mark.shared_data
MODULES = ("data_sources.cbs_kwb", "data_sources.kwb_2015", "data_sources.geometrie")
MB = 1_000_000


@pytest.fixture(scope="module")
def kaart(shared_data, tmp_path_factory):
    """The cached map service on a store with KWB and geometries."""
    url = f"sqlite:///{tmp_path_factory.mktemp('geo') / 'geo.sqlite'}"
    ingest(db.make_engine(url), vind_bestanden(shared_data, MODULES))
    mp = pytest.MonkeyPatch()
    mp.setenv("GELDSTROMEN_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    from geldstromen.cached import kaart as cached_kaart

    yield cached_kaart
    st.cache_resource.clear()
    mp.undo()


def _codes(kaart, niveau: str, jaar: int) -> pd.DataFrame:
    sql = "select distinct regio_code, gemeente_code from mart_indicator_mat where niveau = ? and jaar = ?"
    with kaart.engine().connect() as conn:
        return pd.read_sql_query(sql, conn.connection.driver_connection, params=(niveau, jaar))


def test_kwb_wijken_find_a_polygon(kaart):
    shares = {}
    for jaar in (2015, 2019, 2024):
        codes = _codes(kaart, "wijk", jaar)
        found = 0
        for gm, group in codes.groupby("gemeente_code"):
            geometrie, _ = kaart.koppel_geometrie(gm, "wijk", jaar, group["regio_code"].tolist())
            found += group["regio_code"].isin(geometrie["regio_code"]).sum()
        shares[jaar] = found / len(codes)
        print(f"KWB wijken {jaar}: {found}/{len(codes)} met kaartvlak ({shares[jaar]:.1%})")
    assert shares[2024] >= 0.99 and shares[2015] >= 0.99
    assert shares[2019] > 0.25  # Den Haag (2015 grenzen, zelfde codes); Amsterdam 2019 niet


def test_pairing_den_haag_and_amsterdam(kaart):
    _, den_haag = kaart.kaart_gegevens("t", "GM0518", "buurt", 2019, "inwoners_aantal")[1:]
    assert den_haag["melding"] == "Kaartgrenzen 2015 gebruikt voor gegevens 2019 (zelfde codes)."
    geometrie, amsterdam = kaart.kaart_gegevens("t", "GM0363", "buurt", 2019, "inwoners_aantal")[1:]
    assert amsterdam["jaar"] is None and geometrie.empty
    assert "De cijfers staan in de tabel" in amsterdam["melding"]


@pytest.mark.parametrize(
    ("niveau", "jaar", "limiet"), [("wijk", 2024, 1.5 * MB), ("buurt", 2015, 6 * MB)]
)
def test_all_nl_payload_small_enough(kaart, niveau, jaar, limiet):
    from geldstromen.ui.kaart import choropleth

    waarden, geometrie, koppeling = kaart.kaart_gegevens(
        "t", kaart.HEEL_NL, niveau, jaar, "inwoners_aantal"
    )
    assert koppeling["jaar"] == jaar and len(geometrie) > 2500
    size = len(
        choropleth(waarden, geometrie, {"label": "Inwoners", "eenheid": "aantal"})
        .to_json()
        .encode()
    )
    print(f"Heel Nederland {niveau} {jaar}: {len(geometrie)} vlakken, {size / MB:.2f} MB JSON")
    assert size <= limiet
