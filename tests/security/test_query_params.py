"""Arbitrary URL query parameters never raise on the pages (AppTest on the page files)."""

from __future__ import annotations

import pytest
import streamlit as st

from tests.conftest import REPO

HOSTILE = ["<script>alert(1)</script>", "' OR 1=1 --", "GM9999\x00", "9" * 5000]


@pytest.mark.parametrize("page", ["kaart.py", "eigen_data.py"])
def test_hostile_query_params_never_raise(monkeypatch, tmp_path_factory, page):
    from streamlit.testing.v1 import AppTest

    from tests.bad_inputs.conftest import fixture_store

    tmp = tmp_path_factory.mktemp("qp")
    url = f"sqlite:///{tmp / 'qp.sqlite'}"
    fixture_store(url, tmp)
    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", url)
    for value in HOSTILE:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)  # (pages link pages)
        at.query_params.update(
            {"gemeente": value, "niveau": value, "jaar": value, "indicator": value}
        )
        at.switch_page(f"app_pages/{page}")
        at.run()
        assert not at.exception, (value[:20], at.exception)
