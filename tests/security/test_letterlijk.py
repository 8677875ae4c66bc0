"""Uploaded names are plain text everywhere (issue 18 item 11): a column header
``[klik hier](https://...)_aantal`` was rendered by the Eigen data subheader as a live link."""

from __future__ import annotations

import pytest
import streamlit as st
from markdown_it import MarkdownIt

from geldstromen.ui.tekst import letterlijk
from tests.conftest import REPO

#: CommonMark with raw HTML allowed: the strictest test (Streamlit's renderer adds GFM).
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

VIJANDIG = [
    "[klik hier](https://example.org)_aantal",
    "<https://example.org>",
    "![x](https://example.org/p.png)",
    "<img src=x onerror=alert(1)>",
    "# kop",
    "**vet**_aantal",
    "~~weg~~",
    "- lijst",
    "1. lijst",
    "> citaat",
    "`code`",
    "a\\b",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    ":red[rood]",
    "$x^2$",
    "[x][1]\n\n[1]: https://example.org",
]


@pytest.mark.parametrize("tekst", VIJANDIG)
def test_escaped_text_renders_as_itself(tekst):
    html = MD.render(letterlijk(tekst))
    assert "<a " not in html and "<img" not in html and "<h1" not in html
    assert "<strong" not in html and "<ul" not in html and "<ol" not in html
    assert "<code" not in html and "<table" not in html and "<s>" not in html
    assert "<blockquote" not in html
    if "\n" not in tekst:
        zichtbaar = html.removeprefix("<p>").removesuffix("</p>\n")
        zichtbaar = zichtbaar.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        assert zichtbaar.replace("&quot;", '"') == tekst


def test_upload_header_is_no_link(monkeypatch, fixture_db_url):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", fixture_db_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app_pages" / "eigen_data.py"), default_timeout=60)
    at.query_params.update({"gemeente": "GM9999", "niveau": "wijk", "jaar": "2019"})
    at.run()
    data = b"regio_code;[klik hier](https://example.org)_aantal\nWK999901;5\nWK999902;7\n"
    at.file_uploader(key="eigen_upload").set_value(("eigen.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    koppen = [s.value for s in at.subheader]
    assert koppen, "the upload was accepted and shown"
    for element in [*koppen, *(e.value for e in at.error), *(c.value for c in at.caption)]:
        assert "<a " not in MD.render(element), element
    assert "[klik hier](https://example.org)_aantal" in MD.render(koppen[0])
