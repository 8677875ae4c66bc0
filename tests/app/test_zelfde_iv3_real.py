"""Issue 15 item 12: every page that allocates Iv3 money opens on the same Iv3 year and
document (``filters.kies_iv3`` -> ``families.stromen.standaard_iv3``), so one wijk shows one
amount per inhabitant. Before, the Wijkprofiel opened on the newest Iv3 year and Sociaal
domein and Kaart on the year nearest their KWB year (Den Haag: 2025 against 2024)."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from tests.conftest import REPO

NAMEN = {"GM0518": "'s-Gravenhage"}
PAGINAS = {
    "app_pages/wijkprofiel.py": "wp",
    "app_pages/sociaal_domein.py": "sd",
    "app_pages/kaart.py": "kaart",
}


def _koud(monkeypatch, url, pagina: str, **params):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    app.query_params.update(params)
    app.run()
    at = app.switch_page(pagina).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("gm", ["GM0518"])
def test_every_page_opens_on_the_same_iv3(real_store, shared_data, monkeypatch, gm):
    url = real_store()
    gekozen = {}
    for pagina, prefix in PAGINAS.items():
        extra = {"kleur": "geldstromen"} if prefix == "kaart" else {}
        at = _koud(monkeypatch, url, pagina, gemeente=gm, niveau="wijk", **extra)
        gekozen[pagina] = (
            at.selectbox(key=f"{prefix}_iv3_jaar").value,
            at.radio(key=f"{prefix}_stuk").value,
        )
    assert len(set(gekozen.values())) == 1, gekozen
    # the shared default, recomputed from the raw files: the newest year with rows of this
    # gemeente, jaarrekening before begroting
    rijen = []
    for pad in sorted((shared_data / "iv3").glob("iv3_gemeenten_taakveld_*.csv.gz")):
        raw = pd.read_csv(pad, sep=";", usecols=["Gemeenten"])
        if (raw["Gemeenten"] == NAMEN[gm]).any():
            _, _, _, jaar, stuk = pad.name.split(".")[0].split("_")
            rijen.append((int(jaar), stuk))
    nieuwste = max(j for j, _ in rijen)
    stuk = "jaarrekening" if (nieuwste, "jaarrekening") in rijen else "begroting"
    assert next(iter(gekozen.values())) == (nieuwste, stuk)
