"""The one-page report: PDF text (title, date, method labels, attribution), PNG, CLI."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from click.testing import CliRunner

from geldstromen import db
from geldstromen.cli import main
from geldstromen.rapport import maak_pdf, maak_png, verzamel
from geldstromen.rapport.gegevens import GeenGegevens, ontleed_code
from geldstromen.rapport.pdf import schoon


def _pdftotext(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    src = tmp_path / "r.pdf"
    src.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(src), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_code_gives_level_and_gemeente():
    assert ontleed_code(" wk051829 ") == ("WK051829", "wijk", "GM0518")
    assert ontleed_code("BU03630501")[1:] == ("buurt", "GM0363")
    with pytest.raises(ValueError):
        ontleed_code("XX12")


def test_pdf_has_title_date_methods_attribution(fixture_db_url, tmp_path):
    gegevens = verzamel(db.make_engine(fixture_db_url), "WK999901", 2019)
    pdf = maak_pdf(gegevens, vandaag=date(2025, 3, 4))
    assert pdf.startswith(b"%PDF")
    text = _pdftotext(pdf, tmp_path)
    assert "Wijkprofiel Wijk 01 Oud Testdorp (WK999901)" in text
    assert "4 maart 2025" in text
    for needle in ("waargenomen", "toegerekend", "geschat", "CC BY 4.0", "Vektis", "PDOK"):
        assert needle in text
    assert "Geld in het gebied tegenover de gemeente" in text
    assert "Gemeentegeld in het gebied" in text
    # income per inwoner 28.0 (x1000) against the gemeente's 31.5 (x1000), Dutch format
    assert "28.000" in text and "31.500" in text
    pages = subprocess.run(["pdfinfo", str(tmp_path / "r.pdf")], capture_output=True, text=True)
    info = dict(line.split(":", 1) for line in pages.stdout.splitlines() if ":" in line)
    assert info["Pages"].strip() == "1"
    assert info["Page size"].strip().startswith("841.89 x 595.28")  # A4 landscape


def test_messages_compare_with_gemeente(fixture_db_url):
    gegevens = verzamel(db.make_engine(fixture_db_url), "WK999901", 2019)
    assert len(gegevens.boodschappen) == 3
    # what stands out is about money: the headline figures that differ most from the gemeente
    assert gegevens.boodschappen[0].startswith("Taakveld 6.3 Inkomensregelingen ligt 25% hoger")
    assert all("gemeente" in z and "€" in z for z in gegevens.boodschappen)
    assert gegevens.kop[0].sleutel == "gemeente_per_inwoner"
    from geldstromen.rapport.pdf import kopregel

    # the PNG's headline line: money first, each with the gemeente's value
    assert kopregel(gegevens).startswith("Gemeentegeld in het gebied per inwoner € 655 (gemeente")


def test_png_is_an_image(fixture_db_url):
    png = maak_png(verzamel(db.make_engine(fixture_db_url), "WK999902", 2019))
    assert png.startswith(b"\x89PNG")


def test_unknown_region_is_an_error(fixture_db_url):
    with pytest.raises(GeenGegevens):
        verzamel(db.make_engine(fixture_db_url), "WK999977", 2019)


def test_text_is_cleaned():
    assert schoon("a\x00b\n\tc  d") == "a b c d"
    assert len(schoon("x" * 1000, 50)) == 50


def test_cli_report_pdf_and_png(fixture_db_url, tmp_path):
    runner = CliRunner()
    for fmt, magic in (("pdf", b"%PDF"), ("png", b"\x89PNG")):
        out = tmp_path / f"r.{fmt}"
        res = runner.invoke(
            main,
            [
                "report",
                "--regio",
                "WK999901",
                "--jaar",
                "2019",
                "--format",
                fmt,
                "-o",
                str(out),
                "--database-url",
                fixture_db_url,
            ],
        )
        assert res.exit_code == 0, res.output
        assert out.read_bytes().startswith(magic)
    res = runner.invoke(
        main,
        [
            "report",
            "--regio",
            "WK999901",
            "--jaar",
            "1999",
            "-o",
            str(tmp_path / "x.pdf"),
            "--database-url",
            fixture_db_url,
        ],
    )
    assert res.exit_code == 1 and "geen gegevens" in res.output
