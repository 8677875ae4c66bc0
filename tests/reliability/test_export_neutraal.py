"""Every cell of every export is neutralised in one place (``domain.export``): data and
metadata sheets, extra sheets, column names, the metadata sidecar (data package); the scenario export (name
from a shared link), ``export geldstromen`` with a key table and the key-table download."""

from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from geldstromen.cli import main
from geldstromen.domain.export import (
    FORMULA_START,
    datapakket,
    datapakket_bytes,
    export_bytes,
    neutralise_formulas,
    to_csv_bytes,
    to_xlsx_bytes,
    veilige_cel,
)
from tests.conftest import FIXTURES, REPO

LINK = '=HYPERLINK("http://x.example","klik")'
DDE = "=cmd|' /C calc'!A0"
PAYLOADS = [LINK, DDE, "+1+1", "@SUM(1)", "-1+cmd", "\t=1", "\r=1", " =1+1", "\n=1"]


def _gevaarlijk(value) -> bool:
    """A text a spreadsheet would run: starts (after spaces) with = + - @ tab CR LF and is
    not a plain number."""
    if not isinstance(value, str):
        return False
    kaal = value.lstrip(" \u00a0")
    return kaal.startswith(FORMULA_START) and not re.fullmatch(r"[+-]?\d+([.,]\d+)?", kaal)


def _cellen_xlsx(data: bytes):
    """(sheet, cell) for every cell of every sheet, formulas as their text."""
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                yield sheet.title, cell


def _assert_xlsx_safe(data: bytes) -> set[str]:
    bladen = set()
    for blad, cell in _cellen_xlsx(data):
        bladen.add(blad)
        assert cell.data_type != "f", (blad, cell.coordinate, cell.value)
        assert not _gevaarlijk(cell.value), (blad, cell.coordinate, cell.value)
    return bladen


def _assert_csv_safe(data: bytes, sep: str = ",") -> None:
    text = data.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep):
        for cell in row:
            assert not _gevaarlijk(cell), cell


def _hostile_frame() -> pd.DataFrame:
    n = len(PAYLOADS)
    return pd.DataFrame(
        {
            "regio_code": ["WK999901"] * n,
            "regio_naam": PAYLOADS,
            "waarde": range(n),
            "soort": pd.Categorical(PAYLOADS),
            LINK: ["-12,5"] * n,  # a hostile column name; a negative number as text stays
        }
    )


def test_veilige_cel_rule():
    assert veilige_cel(LINK) == "'" + LINK
    assert veilige_cel(" =1+1") == "' =1+1"
    assert veilige_cel("-12,5") == "-12,5" and veilige_cel("+3") == "+3"
    assert veilige_cel(-3) == -3 and veilige_cel("Noord") == "Noord"


@pytest.mark.parametrize("fmt", ["csv", "csv-nl", "xlsx"])
def test_every_cell_and_header_of_every_format_is_neutralised(fmt):
    meta = {"scenario": LINK, "regio": f"{DDE} (WK999901)", "opmerkingen": "a\n=1+1"}
    data = export_bytes(_hostile_frame(), fmt, meta)
    if fmt == "xlsx":
        assert _assert_xlsx_safe(data) == {"gegevens", "metadata"}
        meta_sheet = pd.read_excel(io.BytesIO(data), sheet_name="metadata")
        assert "'" + LINK in set(meta_sheet["waarde"])
        gegevens = pd.read_excel(io.BytesIO(data), sheet_name="gegevens")
        assert gegevens["'" + LINK].eq("-12,5").all()  # the number-as-text is untouched
    else:
        _assert_csv_safe(data, ";" if fmt == "csv-nl" else ",")


def _teksten(waarde):
    """Every text in a JSON document (keys and values)."""
    if isinstance(waarde, dict):
        for k, v in waarde.items():
            yield k
            yield from _teksten(v)
    elif isinstance(waarde, list):
        for v in waarde:
            yield from _teksten(v)
    elif isinstance(waarde, str):
        yield waarde


def test_extra_sheets_and_the_metadata_sidecar_are_neutralised():
    sleutels = pd.DataFrame({"taakveld_code": ["6.3"], "sleutel": [LINK], "toelichting": [DDE]})
    data = to_xlsx_bytes(_hostile_frame(), {"tabel": LINK}, {"verdeelsleutels": sleutels})
    assert _assert_xlsx_safe(data) == {"gegevens", "metadata", "verdeelsleutels"}
    meta = {"gemeente": "GM9999", "opmerkingen": f"x\n{LINK}, namen: a, {DDE};  =1+1"}
    pakket = datapakket(_hostile_frame(), meta, "x.csv", {"verdeelsleutels": sleutels})
    teksten = list(_teksten(json.loads(datapakket_bytes(pakket))))
    assert "'" + LINK in teksten and "'" + DDE in teksten
    assert not [t for t in teksten if _gevaarlijk(t)]
    # the CSV itself is plain: a header row first, no comment lines
    tekst = to_csv_bytes(_hostile_frame()).decode("utf-8")
    assert tekst.startswith("regio_code,") and "\r\n#" not in tekst


def test_no_export_writer_outside_domain_export():
    """The one place: no other module writes CSV/Excel itself (before: the key-table download,
    the extra Excel sheet and the CSV header block of ``export geldstromen`` did)."""
    allowed = {"geldstromen/domain/export.py", "geldstromen/domain/upload.py"}
    pattern = re.compile(r"\.to_csv\(|\.to_excel\(|ExcelWriter|openpyxl|csv\.writer")
    offenders = [
        str(p.relative_to(REPO))
        for p in sorted((REPO / "geldstromen").rglob("*.py"))
        if str(p.relative_to(REPO)) not in allowed and pattern.search(p.read_text())
    ]
    assert offenders == []


def test_scenario_name_from_a_link_is_no_formula_in_the_excel_download(fixture_db_url, tmp_path):
    """A scenario ``naam`` of ``=HYPERLINK(...)`` (as a shared link or config carries it):
    before, it landed as a live formula in the metadata sheet."""
    config = yaml.safe_load((FIXTURES / "scenario_buurtsportcoach.yaml").read_text())
    config["naam"] = LINK
    pad = tmp_path / "s.yaml"
    pad.write_text(yaml.safe_dump(config))
    out = tmp_path / "s.xlsx"
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
            str(pad),
            "--format",
            "xlsx",
            "-o",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    _assert_xlsx_safe(data)
    meta = pd.read_excel(io.BytesIO(data), sheet_name="metadata").set_index("veld")["waarde"]
    assert meta["scenario"] == "'" + LINK


def test_export_geldstromen_with_a_hostile_key_table(fixture_db_url, tmp_path):
    from geldstromen.domain.taakvelden import standaard_sleutels

    tabel = standaard_sleutels()
    tabel["toelichting"] = tabel["toelichting"].astype(str)
    tabel.loc[tabel.index[0], "toelichting"] = LINK
    tabel.loc[tabel.index[1], "toelichting"] = "regel\n" + DDE
    pad = tmp_path / "sleutels.csv"
    tabel.to_csv(pad, index=False)
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"g.{fmt}"
        res = CliRunner().invoke(
            main,
            [
                "export",
                "geldstromen",
                "--gemeente",
                "GM9999",
                "--niveau",
                "wijk",
                "--jaar",
                "2023",
                "--sleutels",
                str(pad),
                "--format",
                fmt,
                "-o",
                str(out),
                "--database-url",
                fixture_db_url,
            ],
        )
        assert res.exit_code == 0, res.output
        if fmt == "csv":
            _assert_csv_safe(out.read_bytes())
            pakket = json.loads(out.with_name("g.datapackage.json").read_text(encoding="utf-8"))
            teksten = list(_teksten(pakket))
            assert "'" + LINK in teksten and not [t for t in teksten if _gevaarlijk(t)]
        else:
            assert "verdeelsleutels" in _assert_xlsx_safe(out.read_bytes())


def test_key_table_download_is_neutralised(monkeypatch):
    """The Wijkprofiel key editor's download goes through the same writer."""
    import streamlit as st

    from geldstromen.ui import sleutels

    captured = {}
    monkeypatch.setattr(st, "download_button", lambda label, data, **kw: captured.update(data=data))
    monkeypatch.setattr(st, "data_editor", lambda tabel, **kw: tabel)
    monkeypatch.setattr(st, "button", lambda *a, **kw: False)
    monkeypatch.setattr(sleutels.cg, "indicator_ids", lambda: [])
    tabel = neutralise_formulas(pd.DataFrame())  # empty frames pass through
    assert tabel.empty
    hostile = pd.DataFrame({"taakveld_code": ["6.3"], "sleutel": [LINK], "toelichting": [DDE]})
    monkeypatch.setitem(st.session_state, sleutels.STATE_KEY, hostile)
    sleutels.editor()
    _assert_csv_safe(captured["data"])
    assert ("'" + LINK.replace('"', '""')).encode() in captured["data"]
