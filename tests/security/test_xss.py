"""Script/HTML payloads in region names and uploaded cells never become live HTML: map
tooltips and legend, every page's HTML-enabled markdown/HTML elements, the PDF report and the
CSV export. (The same data in a real Chromium: ``tests/browser/test_xss_namen.py``.)"""

from __future__ import annotations

import html
import json
import shutil
import subprocess

import pandas as pd
import pytest
import streamlit as st
from click.testing import CliRunner
from sqlalchemy import text

from geldstromen import db
from geldstromen.cli import main
from geldstromen.queries import run_query
from geldstromen.ui.kaart import choropleth, legenda_html
from tests.conftest import IN_CI, REPO
from tests.security.xss_data import FORMULE, IMG, NAMEN, PAYLOADS, SCRIPT, UPLOAD_CSV, xss_store

LINK = {"gemeente": "GM9999", "niveau": "wijk", "jaar": "2019", "regio": "WK999901"}
PAGES = [
    ("kaart.py", {}),
    ("kaart.py", {"kleur": "geldstromen"}),
    ("kaart.py", {"niveau": "buurt"}),
    ("wijkprofiel.py", {}),
    ("vergelijk.py", {}),
    ("tijdlijn.py", {}),
    ("presentatie.py", {}),
    ("presentatie.py", {"presentatie": "1", "niveau": "buurt", "regio": "BU99990201"}),
    ("energietransitie.py", {}),
    ("sociaal_domein.py", {}),
    ("verbanden.py", {}),
    ("scenario.py", {}),
    ("bronnen.py", {}),
]


@pytest.fixture(scope="module")
def xss_url(tmp_path_factory) -> str:
    return xss_store(tmp_path_factory.mktemp("xss"))


def _live(fragment: str) -> list[str]:
    """Payloads present as raw (unescaped) HTML in ``fragment``."""
    return [p for p in PAYLOADS if p in fragment]


def test_names_are_stored_verbatim(xss_url):
    engine = db.make_engine(xss_url)
    with engine.connect() as conn:
        sql = "select distinct regio_code, regio_naam from stg_regio__namen"
        rows = {code: naam for code, naam in conn.execute(text(sql))}
    engine.dispose()
    assert rows == NAMEN  # nothing stripped or mangled at ingest: escaping is the UI's job


def _kaart_frames(xss_url: str, niveau: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    engine = db.make_engine(xss_url)
    waarden = run_query(
        engine,
        "indicator_waarden",
        gemeente_code="GM9999",
        niveau=niveau,
        jaar=2019,
        indicator="inwoners_aantal",
    )
    with engine.connect() as conn:
        geo = pd.read_sql_query(
            text("select regio_code, regio_naam, geometrie_geojson from mart_geometrie_mat"), conn
        )
    engine.dispose()
    return waarden, geo


@pytest.mark.parametrize("niveau", ["wijk", "buurt"])
def test_map_tooltip_template_and_legend_escape_text(xss_url, niveau):
    """Text written into the tooltip template and the legend is escaped here; the feature
    properties stay raw because Streamlit escapes every value it interpolates into an ``html``
    tooltip (escaping twice would show ``&amp;``); the browser test checks that part."""
    waarden, geo = _kaart_frames(xss_url, niveau)
    assert any(_live(n) for n in waarden["regio_naam"])  # the payload really is in the data
    info = {"label": f"Label {SCRIPT}", "eenheid": IMG, "bron": SCRIPT, "methode": IMG}
    pdeck = choropleth(waarden, geo, info)
    tooltip = pdeck._tooltip["html"]
    assert not _live(tooltip), tooltip
    assert html.escape(SCRIPT) in tooltip and "{naam}" in tooltip
    features = json.loads(pdeck.to_json())["layers"][0]["data"]["features"]
    assert set(waarden["regio_naam"]) <= {f["properties"]["naam"] for f in features}
    legend = legenda_html(waarden, geo, info)
    assert not _live(legend) and html.escape(IMG) in legend


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _html_elements(at) -> list[tuple[str, str]]:
    """(type, content) of every element whose content the browser renders as HTML."""
    found = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is None:
            continue
        if kind == "html":
            found.append((kind, proto.body))
        elif kind == "deck_gl_json_chart":
            found.append((kind, proto.tooltip))  # the template; values are escaped by Streamlit
        elif getattr(proto, "allow_html", False):
            found.append((kind, proto.body))
    return found


def _app(monkeypatch, url: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60)


@pytest.mark.parametrize(("page", "extra"), PAGES, ids=[f"{p}{e}" for p, e in PAGES])
def test_pages_never_emit_names_as_live_html(xss_url, monkeypatch, page, extra):
    app = _app(monkeypatch, xss_url)
    app.query_params.update({**LINK, **extra})
    app.run()
    at = app.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    for kind, content in _html_elements(at):
        assert not _live(content), (page, kind, content[:300])


def test_presentation_shows_the_name_as_text(xss_url, monkeypatch):
    app = _app(monkeypatch, xss_url)
    app.query_params.update(LINK)
    app.run()
    at = app.switch_page("app_pages/presentatie.py").run()
    kop = [m.value for m in at.markdown if "gw-kop" in m.value]
    assert kop and html.escape(NAMEN["WK999901"]) in kop[0]


def test_uploaded_cells_are_never_live_html(xss_url, monkeypatch):
    app = _app(monkeypatch, xss_url)
    app.query_params.update(LINK)
    app.run()
    at = app.switch_page("app_pages/eigen_data.py").run()
    upload = ("hostile.csv", UPLOAD_CSV.encode(), "text/csv")
    at.file_uploader(key="eigen_upload").set_value(upload).run()
    assert not at.exception, at.exception
    assert at.dataframe  # the upload was read, so its cells did reach the page
    for kind, content in _html_elements(at):
        assert not _live(content), (kind, content[:300])


def test_pdf_report_shows_names_as_literal_text(xss_url, tmp_path):
    if shutil.which("pdftotext") is None:
        if IN_CI:
            pytest.fail("CI=true maar pdftotext (poppler-utils) ontbreekt")
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    out = tmp_path / "r.pdf"
    args = ["report", "--regio", "WK999901", "--jaar", "2019", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--database-url", xss_url])
    assert result.exit_code == 0, result.output
    body = out.read_bytes()
    assert b"/JavaScript" not in body and b"/JS" not in body and b"/Launch" not in body
    pdf_text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert NAMEN["WK999901"] in pdf_text and NAMEN["GM9999"] in pdf_text
    assert "&lt;" not in pdf_text  # literal, not double-escaped


def test_export_neutralises_a_formula_name(xss_url):
    args = ["export", "indicatoren", "--gemeente", "GM9999", "--niveau", "buurt"]
    result = CliRunner().invoke(main, [*args, "--jaar", "2019", "--database-url", xss_url])
    assert result.exit_code == 0, result.output
    cells = [c for line in result.output.splitlines() for c in line.split(",")]
    assert not any(c.lstrip('"').startswith("=") for c in cells)
    assert "'=HYPERLINK" in result.output and FORMULE[1:10] in result.output
