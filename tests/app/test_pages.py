"""Every page renders without exceptions on the fixture store."""

from __future__ import annotations

import pytest
import streamlit as st

from tests.conftest import REPO

PAGES = sorted(p.name for p in (REPO / "app_pages").glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("page", [p for p in PAGES if p != "start.py"])
def test_page_renders(app, page):
    app.run()
    app.switch_page(f"app_pages/{page}").run()
    assert not app.exception, app.exception


def test_kaart_shows_values_with_missing_marked(app):
    app.query_params["gemeente"] = "GM9999"
    app.run()
    assert not app.exception
    assert app.selectbox(key="gemeente").value == "GM9999"
    app.radio(key="niveau").set_value("buurt").run()
    app.selectbox(key="jaar").set_value(2019).run()
    app.selectbox(key="indicator").set_value("inkomen_per_inwoner_eur").run()
    assert not app.exception
    captions = " ".join(c.value for c in app.caption)
    assert "2 van 3 gebieden met een waarde" in captions
    assert "niet 0" in captions


def test_empty_store_shows_start_page(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "GELDSTROMEN_DATA_DIR" in text


def test_bronnen_shows_sources_and_default_keys(app):
    app.run()
    app.switch_page("app_pages/bronnen.py").run()
    assert not app.exception
    assert "Standaard verdeelsleutels" in " ".join(s.value for s in app.subheader)
    frames = [d.value for d in app.dataframe]
    assert any("taakveld_code" in f.columns for f in frames)
    assert any("sha256" in f.columns for f in frames)
    assert any("Kaartgrenzen in de opslag:** gemeente 2024" in m.value for m in app.markdown)
    # the Verantwoording of the chosen gemeente: invariants hold, methods are linked
    assert "Verantwoording: bron tegen geldstromen" in " ".join(s.value for s in app.subheader)
    assert any("invariant" in f.columns for f in frames)
    assert all("Invariant(en) geschonden" not in e.value for e in app.error)
    assert any("Alle invarianten kloppen" in s.value for s in app.success)
    assert any("docs/methods.md" in e.label for e in app.expander)
