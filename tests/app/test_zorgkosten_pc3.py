"""Sociaal domein says which Zvw estimate per wijk it shows: with Vektis costs per 3-digit
postcode and KWB postcodes the PC3 key, without them one rate for the whole gemeente; the
wijken add up to the gemeente total of the file either way (the split itself is checked by
hand in tests/data_sources/test_vektis_pc3.py)."""

from __future__ import annotations

import csv
import shutil

import pytest
import streamlit as st

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from tests.conftest import FIXTURES, REPO
from tests.data_sources.test_vektis_pc3 import KWB, _met_postcode
from tests.support import vektis_replay as rp


def _store(path, met_pc3: bool) -> str:
    data = path / "data"
    shutil.copytree(FIXTURES / "thema_data", data)
    if met_pc3:
        _met_postcode(data / "cbs_kwb" / KWB)
        rp.vektis_pc3(data / "zorg" / "vektis_zvw_2015_postcode3.csv", ["998", "999"])
    url = f"sqlite:///{path / 'zorg.sqlite'}"
    ingest(db.make_engine(url), vind_bestanden(data))
    return url


@pytest.mark.parametrize(
    ("met_pc3", "tekst"),
    [
        (True, "Schatting met Vektis-cijfers per driecijferige postcode (2015)"),
        (False, "Schatting met één tarief voor de hele gemeente"),
    ],
)
def test_page_names_the_estimate(monkeypatch, tmp_path, met_pc3, tekst):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", _store(tmp_path, met_pc3))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params.update({"gemeente": "GM9998", "niveau": "wijk", "jaar": "2019"})
    at.run()
    at.switch_page("app_pages/sociaal_domein.py").run()
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Geschat, niet waargenomen" in captions and tekst in captions
    zorg = next(t for t in (d.value for d in at.dataframe) if "Zvw-kosten (EUR per jaar)" in t)
    # the gemeente total of the file (PROEFSTAD rows, all cost columns) is kept either way
    pad = FIXTURES / "thema_data" / "zorg" / "vektis_zvw_2015_gemeente.csv"
    with open(pad, encoding="cp1252", newline="") as fh:
        rijen = [r for r in csv.DictReader(fh, delimiter=";") if r["GEMEENTENAAM"] == "PROEFSTAD"]
    totaal = sum(float(v) for r in rijen for k, v in r.items() if k.startswith("KOSTEN_"))
    assert zorg["Zvw-kosten (EUR per jaar)"].sum() == pytest.approx(totaal, abs=2)
