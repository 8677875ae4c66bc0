"""Theme pages (Energietransitie, Sociaal domein, Verbanden) on synthetic fixture stores:
GM9999 Testdorp (few columns) and GM9998 Proefstad (energy, income, benefits, prices)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import streamlit as st

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from tests.conftest import FIXTURES, REPO


@pytest.fixture(scope="module")
def thema_db_url(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("themadb")
    shutil.copytree(FIXTURES / "data", path / "data")
    shutil.copytree(FIXTURES / "thema_data", path / "data", dirs_exist_ok=True)
    url = f"sqlite:///{path / 'thema.sqlite'}"
    ingest(db.make_engine(url), vind_bestanden(path / "data"))
    return url


@pytest.fixture
def thema_app(monkeypatch, thema_db_url):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", thema_db_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60)


def _open(app, page: str, gemeente: str = "GM9999", niveau: str = "wijk"):
    app.query_params.update({"gemeente": gemeente, "niveau": niveau, "jaar": "2019"})
    app.run()
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, app.exception
    return app


def _text(at) -> str:
    parts = [c.value for c in at.caption] + [m.value for m in at.markdown]
    parts += [s.value for s in at.subheader] + [w.value for w in at.warning]
    parts += [i.value for i in at.info]
    return " ".join(str(p) for p in parts)


def test_energietransitie_without_energy_data_marks_all_missing(app):
    at = _open(app, "energietransitie")
    energie, _, rang = (d.value for d in at.dataframe[:3])
    assert "Aardgas (m³/woning)" in energie.columns
    assert energie["Aardgas (m³/woning)"].isna().all()  # missing stays missing, never 0
    assert rang["score"].isna().all()
    assert rang["rang"].isna().all()  # no numbered list of dashes
    assert rang["ontbreekt"].str.startswith("⚠ ontbreekt").all()
    assert "Geen gebied heeft alle gekozen criteria" in _text(at)


def test_energietransitie_ranking_chart_and_column_info(thema_app):
    at = _open(thema_app, "energietransitie", "GM9998", "buurt")
    energie, info, rang = (d.value for d in at.dataframe[:3])
    assert energie.loc[0, "Energiekosten (EUR/woning/jaar, geschat)"] == pytest.approx(
        1500 * 20.0 * 0.03517 + 2400 * 0.2, rel=1e-3
    )
    assert {"eenheid", "jaar", "methode", "bron"} <= set(info.columns)
    assert "geschat" in set(info["methode"]) and "waargenomen" in set(info["methode"])
    assert rang["score"].notna().tolist() == [True, False, False]  # missing gas ranked last
    assert rang["rang"].tolist()[0] == 1 and rang["rang"].iloc[1:].isna().all()  # no rank
    assert len(at.get("plotly_chart")) == 1
    for key in ("aardgas_m3_per_woning", "huish_laag_inkomen_pct", "corporatiewoningen_pct"):
        at.checkbox(key=f"eb_{key}").uncheck().run()
    assert not at.exception
    assert "minstens één criterium" in _text(at)


def test_sociaal_domein_counts_spending_and_rivm_label(thema_app):
    at = _open(thema_app, "sociaal_domein", "GM9998", "wijk")
    aantallen = at.dataframe[0].value
    assert "Bijstand (per 1000 inwoners)" in aantallen.columns
    per = aantallen["Bijstand (per 1000 inwoners)"]
    assert (
        per.dropna()
        == (1000 * aantallen["Bijstand (aantal)"] / aantallen["Inwoners"]).round(1).dropna()
    ).all()
    text = _text(at)
    assert "RIVM-schatting" in text and "geen meting" in text


def test_sociaal_domein_at_gemeente_level_says_allocation_is_per_region(app):
    """The one route allocates to wijken and buurten only: at gemeente level the page raised
    ``ValueError: onbekend niveau 'gemeente'`` (found by tests/browser/test_alle_keuzes.py)."""
    at = _open(app, "sociaal_domein", niveau="gemeente")
    assert "Toegerekende uitgaven 6.x: alleen per wijk of buurt." in _text(at)


def test_sociaal_domein_with_iv3_shows_allocated_spending(app):
    at = _open(app, "sociaal_domein")
    text = _text(at)
    assert "toegerekend" in text
    geld = at.dataframe[1].value
    assert "Inkomensregelingen (6.3): EUR per bijstand" in geld.columns
    assert "gebieden gekoppeld aan de toerekening" in text
    assert "Uitgaven 6.x — Sleuteldekking:" in text and "met de bedoelde sleutel" in text


def test_verbanden_scatter_correlation_and_caution(thema_app):
    at = _open(thema_app, "verbanden", "GM9998", "buurt")
    assert at.selectbox(key="vb_x").value == "huish_laag_inkomen_pct"
    assert at.selectbox(key="vb_y").value == "zorgkosten_per_inwoner_eur"
    assert "Dit is samenhang, geen oorzaak" in _text(at)
    n = at.metric[0].value
    assert "gekoppeld op exacte gebiedscode" in _text(at)
    at.selectbox(key="vb_y").set_value("aardgas_m3_per_woning").run()
    at.selectbox(key="vb_z").set_value("(geen)").run()
    assert not at.exception
    assert at.metric[0].value == "1"  # only BU99980101 has both low income and gas use
    assert at.metric[1].value == "–"  # too few pairs: no coefficient, never a made-up one
    at.checkbox(key="vb_nl").check().run()
    assert not at.exception
    assert "Nederland" in _text(at) and n is not None


def test_verbanden_wijken_with_chart(thema_app):
    at = _open(thema_app, "verbanden", "GM9999", "wijk")
    at.selectbox(key="vb_x").set_value("inwoners_aantal").run()
    at.selectbox(key="vb_y").set_value("woningen_aantal").run()
    assert not at.exception
    assert at.metric[0].value == "2"
    assert len(at.get("plotly_chart")) == 1


def test_energie_year_without_any_energy_indicator(monkeypatch, thema_db_url):
    """Issue 18 item 2: a year the selector offers but in which none of the page's KWB
    indicators is published (KWB 2015 had none of them before ``inwoners_aantal`` joined the
    list) while the household model has regions: the table shows the regions with every value
    missing instead of raising ``KeyError: 'jaar' not found in columns``."""
    from geldstromen.cached import thema

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", thema_db_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    from geldstromen import cached

    monkeypatch.setattr(thema, "ENERGIE", ["aardgas_m3_per_woning_nooit_gepubliceerd"])
    uit = thema.energie(cached.data_version(), "GM9998", "wijk", 2019)
    assert len(uit.tabel) > 0
    assert uit.tabel["aardgas_m3_per_woning_nooit_gepubliceerd"].isna().all()
    assert {"kolom", "label", "eenheid", "methode", "bron", "jaar"} <= set(uit.kolommen.columns)
    st.cache_data.clear()


def test_wide_of_nothing_has_the_catalogue_columns():
    from geldstromen.cached.thema import wide

    tabel, meta = wide(
        pd.DataFrame(
            columns=[
                "regio_code",
                "regio_naam",
                "indicator",
                "jaar",
                "waarde",
                "label",
                "eenheid",
                "methode",
                "bron",
            ]
        ),
        2015,
    )
    assert list(tabel.columns) == ["regio_code", "regio_naam"]
    assert list(meta.columns) == ["kolom", "label", "eenheid", "methode", "bron", "jaar"]


def test_verbanden_zorgkosten_at_gemeente_level(thema_app):
    """Zorgkosten per inwoner come from the route (wijk/buurt only): at gemeente level the
    page raised ``ValueError: onbekend niveau 'gemeente'`` (the Chromium page sweep)."""
    at = _open(thema_app, "verbanden", "GM9998", "gemeente")
    assert not at.exception
    at.selectbox(key="vb_y").set_value("zorgkosten_per_inwoner_eur").run()
    assert not at.exception, at.exception
