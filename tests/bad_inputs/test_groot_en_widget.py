"""Big hostile files made at test time (500 MB sparse, zip bomb, huge field) and the upload
widget of the Eigen data page with every corpus file (AppTest)."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
import streamlit as st
from click.testing import CliRunner

from geldstromen.cli import main
from tests.bad_inputs.conftest import BESTANDEN, manifest
from tests.conftest import REPO


def _check(path) -> tuple[int, str, float]:
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["check-upload", str(path)])
    return result.exit_code, result.output, time.perf_counter() - start


def test_500_mb_sparse_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "groot.csv"
    with open(path, "wb") as fh:
        fh.truncate(500 * 1024 * 1024)
    code, output, seconds = _check(path)
    assert code == 1 and "te groot" in output and "Traceback" not in output
    assert seconds < 2


def _zip_bomb(path, mb: int = 60) -> None:
    chunk = b"0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(mb):
                member.write(chunk)


def test_zip_bomb_is_refused_quickly(tmp_path):
    path = tmp_path / "bom.xlsx"
    _zip_bomb(path)
    assert path.stat().st_size < 2 * 1024 * 1024
    code, output, seconds = _check(path)
    assert code == 1 and "zip-bom" in output and "Traceback" not in output
    assert seconds < 2


def test_huge_field_is_refused(tmp_path):
    path = tmp_path / "veld.csv"
    path.write_text("regio_code;a_eur\nWK999901;" + "9" * 300_000 + "\n", encoding="utf-8")
    code, output, _ = _check(path)
    assert code == 1 and "Traceback" not in output and "Fout:" in output


def _pagina(monkeypatch, url: str, max_mb: int):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", url)
    monkeypatch.setenv("GELDSTROMEN_MAX_UPLOAD_MB", str(max_mb))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app_pages" / "eigen_data.py"), default_timeout=60)
    at.query_params.update({"gemeente": "GM9999", "niveau": "wijk", "jaar": "2019"})
    return at.run()


@pytest.fixture
def pagina(monkeypatch, fixture_db_url):
    return _pagina(monkeypatch, fixture_db_url, 1)


@pytest.fixture
def pagina_20mb(monkeypatch, fixture_db_url):
    return _pagina(monkeypatch, fixture_db_url, 20)


def test_page_refuses_a_million_short_rows_and_bounds_the_report(pagina_20mb):
    """Before: 1,000,000 short rows (under the size limit) took the page about a minute and
    sent a report of tens of MB; now the row cap refuses them, and a file of many rejected
    rows gets the first rejections plus counts per kind."""
    pagina = pagina_20mb
    veel = b"regio_code;bewoners_aantal\n" + b"WK999901;1\n" * 1_000_000
    pagina.file_uploader(key="eigen_upload").set_value(("veel.csv", veel, "text/csv")).run()
    assert not pagina.exception
    assert "te veel rijen" in pagina.error[0].value and "eigen_data" not in pagina.session_state
    n = 40_000
    fout = "regio_code;a_eur\n" + "".join(f"WK{i:06d};1\n" for i in range(n))
    pagina.file_uploader(key="eigen_upload").set_value(("fout.csv", fout.encode(), "text/csv"))
    pagina.run()
    assert not pagina.exception and "Niets ingelezen" in pagina.error[0].value
    verslag = pagina.text[0].value
    assert f"{n} afgewezen" in verslag and f"onbekende code: {n}" in verslag
    assert len(verslag) < 40_000  # before: one line per row, about 3 MB


@pytest.fixture(scope="session")
def fixture_db_url(basis) -> str:
    return f"sqlite:///{basis[0]}"


def test_upload_widget_every_corpus_file(pagina):
    assert not pagina.exception
    for row in [r for r in manifest() if r["doel"] == "upload"]:
        data = (BESTANDEN / row["bestand"]).read_bytes()
        pagina.file_uploader(key="eigen_upload").set_value((row["bestand"], data, "text/csv"))
        pagina.run()
        assert not pagina.exception, (row["bestand"], pagina.exception)
        if row["verwacht"] == "geldig":
            assert pagina.success, row["bestand"]
        elif row["verwacht"] == "weigeren":
            assert pagina.error, row["bestand"]
            assert any(w in pagina.error[0].value for w in ("niet ingelezen", "Niets ingelezen"))
        else:
            assert pagina.warning and "Deels ingelezen" in pagina.warning[0].value
            assert row["tekst"].lower() in pagina.text[0].value.lower()
    big = io.BytesIO(b"regio_code;a_eur\n" + b"WK999901;1\n" * 200_000).getvalue()
    pagina.file_uploader(key="eigen_upload").set_value(("groot.csv", big, "text/csv")).run()
    assert "te groot" in pagina.error[0].value
    assert "eigen_data" not in pagina.session_state


def test_valid_upload_shows_table_chart_and_stays_in_session(pagina):
    # "1.000" alone would read two ways (1000 or 1,000) and is refused; "1.000,50" cannot
    data = "regio_code;naam;jeugd_eur\nWK999901;Noord;1.000,50\nWK999902;Zuid;.\n".encode("cp1252")
    pagina.file_uploader(key="eigen_upload").set_value(("eigen.csv", data, "text/csv")).run()
    assert not pagina.exception and pagina.success
    assert "eigen data" in pagina.caption[0].value and "1 van 2" in pagina.caption[0].value
    assert "totaal" not in pagina.caption[0].value  # one region missing: no derived total
    table = pagina.dataframe[0].value
    assert table["herkomst"].eq("eigen data").all() and len(table) == 2
    assert "eigen_data" in pagina.session_state


def test_widget_refuses_oversize_from_its_size_before_reading(pagina):
    """The page checks the upload's size itself (before ``getvalue``); the reader's own check
    behind it is the second line (``check-upload`` test above)."""
    big = b"regio_code;a_eur\n" + b"WK999901;1\n" * 200_000
    pagina.file_uploader(key="eigen_upload").set_value(("groot.csv", big, "text/csv")).run()
    assert not pagina.exception
    assert pagina.error[0].value.startswith("Het bestand is te groot (")
    assert "maximaal 1 MB). Er is niets ingelezen." in pagina.error[0].value
