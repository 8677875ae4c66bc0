"""Uploads, second round: Excel dimensions and caps, bounded reports, numbers that read two
ways, old line endings and ``sep=``, and codes checked against the store without a gemeente.

Resource use is checked with tracemalloc peaks and row counts, never with wall-clock time."""

from __future__ import annotations

import math
import tracemalloc

import pandas as pd
import pytest
from click.testing import CliRunner

from geldstromen.cli import main
from geldstromen.domain import upload as upload_mod
from geldstromen.domain.upload import MAX_RIJEN, UploadFout, lees_bytes
from geldstromen.domain.validatie import MAX_GETOOND, lees_getal, rapport, valideer
from tests.bad_inputs.maak_corpus import TWINTIG, XKOP, _xlsx, _xlsx_dimensie, _xlsx_verre_cel

REGIOS = {"WK999901", "WK999902"}
MB = 1024 * 1024


def _piek(func):
    """(result or exception, peak traced memory in bytes) of ``func()``."""
    tracemalloc.start()
    try:
        try:
            result = func()
        except UploadFout as exc:
            result = exc
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- item 6: Excel dimensions, caps ---------------------------------------------------------


def test_dimension_bomb_reads_the_real_rows_with_little_memory():
    """``<dimension ref="A1:XFD8000"/>`` and one cell at A8000: before, every row was spelled
    out 16,384 cells wide (check-upload 15 s, 1.2 GB); now the declared size is ignored."""
    data = _xlsx_dimensie([XKOP, ["WK999901", 12]], "A1:XFD8000", "A8000")
    assert len(data) < 10_000
    tabel, piek = _piek(lambda: lees_bytes(data, "bom.xlsx", 20))
    assert tabel.kop == XKOP
    assert [r[0] for r in tabel.rijen] == ["WK999901", "1"]  # the stray cell is a row of its own
    assert piek < 20 * MB, piek


def test_dimension_of_the_whole_sheet_is_ignored():
    data = _xlsx_dimensie([XKOP, ["WK999901", 12]], "A1:XFD1048576")
    tabel, piek = _piek(lambda: lees_bytes(data, "bom.xlsx", 20))
    assert tabel.kop == XKOP and len(tabel.rijen) == 1
    assert piek < 20 * MB, piek


def test_a_stray_cell_far_below_is_refused_after_a_bounded_number_of_empty_rows():
    data = _xlsx_verre_cel([XKOP, ["WK999901", 12]], "A1048576")
    fout, piek = _piek(lambda: lees_bytes(data, "ver.xlsx", 20))
    assert isinstance(fout, UploadFout) and "lege rijen" in str(fout)
    assert piek < 20 * MB, piek


def test_a_cell_in_the_last_column_is_refused_by_the_column_cap():
    data = _xlsx_verre_cel([XKOP, ["WK999901", 12]], "XFD2")
    with pytest.raises(UploadFout, match="te veel kolommen \\(16384, maximaal 500\\)"):
        lees_bytes(data, "breed.xlsx", 20)


def test_too_small_dimension_drops_no_rows():
    """Declared A1:B3 with 20 data rows: before only 2 rows were read ("geldig, 2 waarden")."""
    tabel = lees_bytes(_xlsx_dimensie([XKOP, *TWINTIG], "A1:B3"), "klein.xlsx", 20)
    assert len(tabel.rijen) == 20
    out = valideer(tabel, niveau="wijk")
    assert out.geldig and len(out.waarden) == 20
    assert out.waarden["waarde"].sum() == sum(r[1] for r in TWINTIG)


def test_wide_dimension_and_empty_padded_columns_give_no_phantom_columns():
    """Before: 16,382 (dimension A1:XFD3) or 3 (cells holding '') 'kolom zonder naam'."""
    breed = lees_bytes(
        _xlsx_dimensie([XKOP, ["WK999901", 1], ["WK999902", 2]], "A1:XFD3"), "b.xlsx", 20
    )
    leeg = lees_bytes(_xlsx([XKOP + ["", ""], ["WK999901", 1, "", ""]]), "l.xlsx", 20)
    csv_ = lees_bytes(b"regio_code;bewoners_aantal;;;\nWK999901;1;;;\n", "l.csv", 20)
    for tabel in (breed, leeg, csv_):
        assert tabel.kop == XKOP
        assert valideer(tabel, regios=REGIOS).geldig


def test_short_excel_rows_are_padded_short_csv_rows_still_reported():
    xlsx = lees_bytes(_xlsx([[*XKOP, "b_eur"], ["WK999901", 1], ["WK999902", 2, 3]]), "a.xlsx", 20)
    assert [len(r) for r in xlsx.rijen] == [3, 3]
    csv_ = lees_bytes(b"regio_code;a_eur;b_eur\nWK999901;1\nWK999902;2;3\n", "a.csv", 20)
    assert "aantal velden" in rapport(valideer(csv_, regios=REGIOS))


def test_excel_numbers_are_typed_never_ambiguous():
    tabel = lees_bytes(
        _xlsx([["regio_code", "a_eur"], ["WK999901", 1.234], ["WK999902", 0.5]]), "a.xlsx", 20
    )
    out = valideer(tabel, regios=REGIOS)
    assert out.geldig
    assert sorted(out.waarden["waarde"]) == [0.5, 1.234]


# --- item 7: many rows, bounded report --------------------------------------------------------


def test_a_million_short_rows_are_refused_from_the_row_cap():
    """1,000,000 rows (about 11 MB, under the size limit): before every row was read and
    validated and the page got a report of tens of MB; now reading stops after the cap."""
    data = b"regio_code;bewoners_aantal\n" + b"WK999901;1\n" * 1_000_000
    fout, piek = _piek(lambda: lees_bytes(data, "veel.csv", 20))
    assert isinstance(fout, UploadFout) and "te veel rijen" in str(fout)
    assert f"{MAX_RIJEN:,}".replace(",", ".") in str(fout)
    assert piek < 60 * MB, piek  # the decoded text (11 MB) and at most MAX_RIJEN rows


def test_one_endless_line_is_refused_before_it_is_split_into_cells():
    """19 MB of ``;`` on one line: before the line cap the csv module built a row of 19
    million cells (189 MB traced) before the cell cap could see it."""
    data = b"regio_code;a_eur\n" + b";" * 19_000_000 + b"\n"
    fout, piek = _piek(lambda: lees_bytes(data, "lang.csv", 20))
    assert isinstance(fout, UploadFout) and "Regel 2 is te lang" in str(fout)
    assert piek < 60 * MB, piek


def test_cell_cap_counts_every_cell(monkeypatch):
    monkeypatch.setattr(upload_mod, "MAX_CELLEN", 1_000)
    data = b"regio_code;a_eur\n" + b"WK999901;1\n" * 600
    with pytest.raises(UploadFout, match="te veel cellen"):
        lees_bytes(data, "a.csv", 20)


def test_report_lists_the_first_rejections_and_counts_the_rest():
    n = MAX_RIJEN
    data = "regio_code;a_eur\n" + "".join(f"WK{i:06d};x\n" for i in range(n))
    out = valideer(lees_bytes(data.encode(), "a.csv", 20), niveau="wijk", regios=REGIOS)
    assert out.aantal_afgewezen == n and len(out.afgewezen) == MAX_GETOOND
    assert out.per_soort == {"onbekende code": n}
    text = rapport(out, "a.csv")
    assert f"{n} afgewezen" in text and f"onbekende code: {n}" in text
    assert f"en nog {n - MAX_GETOOND} afwijzing(en)" in text
    assert len(text) < 40_000  # before: one line per rejection (about 4 MB here)
    assert text.count("- Afgewezen (") == MAX_GETOOND


# --- item 8: numbers ------------------------------------------------------------------------


def _waarden(text: str, regios=REGIOS) -> tuple[dict, str]:
    out = valideer(lees_bytes(text.encode(), "a.csv", 20), regios=regios)
    return out.waarden.set_index("regio_code")["waarde"].to_dict(), rapport(out)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the column shows the decimal separator: read accordingly
        ("regio_code;a_eur\nWK999901;0.125\nWK999902;1\n", {"WK999901": 0.125, "WK999902": 1}),
        ("regio_code;a_eur\nWK999901;1.234\nWK999902;7,5\n", {"WK999901": 1234, "WK999902": 7.5}),
        ("regio_code;a_eur\nWK999901;1.234\nWK999902;0.5\n", {"WK999901": 1.234, "WK999902": 0.5}),
        (
            'regio_code,a_eur\nWK999901,"1,234"\nWK999902,"2,345,678"\n',
            {"WK999901": 1234, "WK999902": 2345678},
        ),
        (
            "regio_code;a_eur\nWK999901;1 234\nWK999902;€ 12,50\n",
            {"WK999901": 1234, "WK999902": 12.5},
        ),
        ("regio_code;a_eur\nWK999901;12 EUR\nWK999902;-€ 3\n", {"WK999901": 12, "WK999902": -3}),
        ("regio_code;a_pct\nWK999901;0\nWK999902;100%\n", {"WK999901": 0, "WK999902": 100}),
    ],
)
def test_numbers_read_one_way_only(text, expected):
    values, report = _waarden(text)
    assert values == pytest.approx(expected), report
    assert "Afgewezen" not in report


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ('"1.234"', "dubbelzinnig"),  # in a , file: 1234 or 1.234? (before: 1.234)
        ("1 2 3", "geen getal"),  # before: 123
        ("1EUR2", "geen getal"),  # before: 12
        ("\u0661\u0662", "0-9"),  # Arabic-Indic digits (before: 12)
        ("\uff11\uff12", "0-9"),  # full-width digits (before: 12)
        ("12.34.5", "geen getal"),
        ('"1,2345,678"', "geen getal"),
    ],
)
def test_numbers_that_read_two_ways_or_not_at_all_are_refused(cell, reason):
    values, report = _waarden(f"regio_code,a_eur\nWK999901,1\nWK999902,{cell}\n")
    assert values == {"WK999901": 1}, report
    assert reason in report


def test_ambiguous_in_a_semicolon_file_too():
    """Before, a ; file meant 'decimal comma' and 0.125 became 125, 1.234 became 1234."""
    values, report = _waarden("regio_code;a_eur\nWK999901;1\nWK999902;1.234\n")
    assert values == {"WK999901": 1} and "dubbelzinnig getal '1.234'" in report


def test_a_value_against_the_columns_majority_is_refused():
    regios = {"WK999901", "WK999902", "WK999903"}
    values, report = _waarden(
        "regio_code;a_eur\nWK999901;7,5\nWK999902;8,25\nWK999903;0.125\n", regios
    )
    assert values == {"WK999901": 7.5, "WK999902": 8.25}
    assert "ander decimaalteken" in report


@pytest.mark.parametrize("value", ["-10", "250", "100,5"])
def test_percentages_outside_0_100_are_refused(value):
    values, report = _waarden(f"regio_code;aandeel_pct\nWK999901;50\nWK999902;{value}\n")
    assert values == {"WK999901": 50} and "buiten 0-100" in report


def test_negative_and_large_amounts_in_euro_stay_allowed():
    values, _ = _waarden("regio_code;saldo_eur\nWK999901;-1.500,25\nWK999902;2.000.000\n")
    assert values == {"WK999901": -1500.25, "WK999902": 2_000_000}


def test_lees_getal_without_column_evidence():
    assert lees_getal("0,125", None) == 0.125
    assert lees_getal("1234", None) == 1234
    assert lees_getal("1.5e3", None) == 1500
    assert math.isinf(lees_getal("1" + "0" * 400, None))


# --- item 9: line endings, sep= ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"regio_code;a_eur\rWK999901;1,5\rWK999902;2\r",  # old Excel "CSV (Macintosh)"
        b"regio_code;a_eur\rWK999901;1,5\r\nWK999902;2\n",  # mixed
        b"sep=;\r\nregio_code;a_eur\r\nWK999901;1,5\r\nWK999902;2\r\n",  # Excel's hint line
        b'\xef\xbb\xbf"sep=;"\nregio_code;a_eur\nWK999901;1,5\nWK999902;2\n',
        b'regio_code;a_eur\r"WK999901";"1,5"\r"WK999902";"2"',
    ],
    ids=["cr", "gemengd", "sep", "sep-bom-quoted", "cr-quoted-no-final"],
)
def test_old_line_endings_and_sep_line_are_read(data):
    tabel = lees_bytes(data, "mac.csv", 20)
    out = valideer(tabel, regios=REGIOS)
    assert out.geldig, rapport(out)
    assert out.waarden.set_index("regio_code")["waarde"].to_dict() == {
        "WK999901": 1.5,
        "WK999902": 2,
    }


def test_quoted_line_break_in_a_cr_file_stays_in_its_field():
    tabel = lees_bytes(b'regio_code;naam;a_eur\rWK999901;"Noord\rOost";1\r', "a.csv", 20)
    assert tabel.rijen == [["WK999901", "Noord\rOost", "1"]]


def test_unknown_sep_line_is_refused_in_dutch():
    with pytest.raises(UploadFout, match="onbekend scheidingsteken"):
        lees_bytes(b"sep=#\nregio_code#a_eur\nWK999901#1\n", "a.csv", 20)


# --- item 10: codes checked against the store without a gemeente ------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    from tests.support.stores import fixture_store

    tmp = tmp_path_factory.mktemp("codes")
    url = f"sqlite:///{tmp / 'codes.sqlite'}"
    fixture_store(url, tmp)
    return url


def _check(path, *args):
    return CliRunner().invoke(main, ["check-upload", str(path), *map(str, args)])


def test_check_upload_without_gemeente_checks_codes_against_the_store(store, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("regio_code;a_eur\nWK999901;1\nWK990000;2\nBU99990101;3\nBU99999999;4\n")
    result = _check(path, "--database-url", store)
    assert result.exit_code == 1, result.output
    assert "WK990000 is onbekend in de database" in result.output
    assert "BU99999999 is onbekend" in result.output
    assert "2 waarde(n) voor 2 gebied(en) geaccepteerd, 2 afgewezen" in result.output


def test_check_upload_without_gemeente_with_level_and_year(store, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("regio_code;a_eur\nWK999901;1\nWK999902;2\n")
    assert (
        _check(path, "--niveau", "wijk", "--jaar", "2019", "--database-url", store).exit_code == 0
    )
    result = _check(path, "--niveau", "wijk", "--jaar", "2031", "--database-url", store)
    assert result.exit_code == 1 and "geen gebiedsindeling 2031" in result.output


def test_check_upload_without_gemeente_needs_a_store(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("regio_code;a_eur\nWK999901;1\n")
    result = _check(path, "--database-url", f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "database is leeg" in result.output


def test_lokaal_regios_niveau_query_matches_the_raw_codes(store):
    """The codes the check uses, recomputed from the fixture KWB file itself."""
    from geldstromen import db
    from geldstromen.queries import run_query
    from tests.conftest import FIXTURES

    raw = pd.read_csv(
        FIXTURES / "data" / "cbs_kwb" / "kwb2019_84583NED_testdorp_GM9999_gm_wk_bu.csv",
        sep=";",
        dtype=str,
    )
    kolom = next(c for c in raw.columns if "WijkenEnBuurten" in c or c.lower() == "gwb_code")
    codes = {c.strip() for c in raw[kolom] if str(c).strip().startswith("WK")}
    got = run_query(db.make_engine(store), "lokaal_regios_niveau", niveau="wijk")
    assert set(got.loc[got["jaar"] == 2019, "regio_code"].str.strip()) == codes
