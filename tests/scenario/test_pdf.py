"""Scenario PDF pages (CLI `--format pdf` and the page) and the before/after tab, on the
fixture store; the text is read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from geldstromen.cli import main
from geldstromen.scenario.link import codeer
from tests.conftest import FIXTURES
from tests.scenario.test_pagina import CONFIG, _open

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext ontbreekt")


def _tekst(pdf: bytes, tmp_path) -> str:
    pad = tmp_path / "s.pdf"
    pad.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_cli_pdf_has_title_label_result_flows_and_sources(fixture_db_url, tmp_path):
    out = tmp_path / "s.pdf"
    res = CliRunner().invoke(
        main,
        [
            "scenario",
            "--database-url",
            fixture_db_url,
            "--regio",
            "WK999901",
            "--jaar",
            "2019",
            "--config",
            str(FIXTURES / "scenario_buurtsportcoach.yaml"),
            "--format",
            "pdf",
            "-o",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    tekst = _tekst(out.read_bytes(), tmp_path)
    assert out.read_bytes().startswith(b"%PDF")
    assert "Scenario:" in tekst and "(WK999901)" in tekst and "wijkgegevens 2019" in tekst
    assert "SCENARIO: alle bedragen" in tekst and "methode 'scenario'" in tekst
    assert "Zorgverzekeraar" in tekst and "€ 120.000" in tekst  # 4 x 2 x 100 x 150
    assert "geldstromen voor en na" in tekst
    assert "Scenario: Buurtsportcoach (uitvoering)" in tekst
    assert "aannames en bronnen" in tekst and "Combinatiefuncties" in tekst


def test_cli_pdf_needs_an_output_file(fixture_db_url):
    res = CliRunner().invoke(
        main,
        [
            "scenario",
            "--database-url",
            fixture_db_url,
            "--regio",
            "WK999901",
            "--jaar",
            "2019",
            "--config",
            str(FIXTURES / "scenario_buurtsportcoach.yaml"),
            "--format",
            "pdf",
        ],
    )
    assert res.exit_code == 1 and "-o" in res.output


def test_page_offers_the_pdf_and_the_before_after_table(app, tmp_path):
    at = _open(app, scenario=codeer(CONFIG))
    assert not at.exception
    tabellen = [d.value for d in at.dataframe if "Verschil (€)" in getattr(d.value, "columns", [])]
    assert tabellen, "geen verschiltabel voor en na"
    verschil = tabellen[0]
    scenario = verschil[verschil["Methode"] == "scenario"]
    assert (scenario["Voor (€)"] == 0).all() and len(scenario) >= 1
    assert (verschil.loc[verschil["Methode"] != "scenario", "Verschil (€)"] == 0).all()
    knoppen = [b.proto.label for b in at.get("download_button")]
    assert "Download PDF (scenariopagina's)" in knoppen, knoppen
