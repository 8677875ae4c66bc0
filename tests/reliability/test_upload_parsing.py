"""Reading and validating own figures: encodings, delimiters, numbers, markers, codes."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest

from geldstromen.domain.upload import UploadFout, lees_bytes
from geldstromen.domain.validatie import indeling, lees_getal, rapport, valideer
from geldstromen.domain.validatie_privacy import onthulbare_cellen, veilige_som

REGIOS = {"WK999901", "WK999902"}
TEXT = "regio_code;naam;uitgaven_eur\nWK999901;Café Noord €;1.234,50\nWK999902;Zuid;.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings(encoding):
    text = TEXT if encoding != "latin-1" else TEXT.replace("€", "")
    tabel = lees_bytes(text.encode(encoding), "a.csv", 20)
    assert tabel.rijen[0][1].startswith("Café Noord")
    assert ("€" in tabel.rijen[0][1]) == (encoding != "latin-1")
    out = valideer(tabel, niveau="wijk", regios=REGIOS)
    assert out.geldig
    assert out.waarden.set_index("regio_code")["waarde"]["WK999901"] == 1234.5


@pytest.mark.parametrize("delim", [";", ",", "\t", "|"])
def test_delimiters(delim):
    text = f"regio_code{delim}bewoners_aantal{delim}aandeel_pct\nWK999901{delim}12{delim}5\n"
    tabel = lees_bytes(text.encode(), "a.csv", 20)
    assert tabel.scheidingsteken == delim
    assert valideer(tabel, regios=REGIOS).geldig


@pytest.mark.parametrize(
    ("text", "dec", "value"),
    [
        ("1.234,5", ",", 1234.5),
        ("1,234.5", ".", 1234.5),
        ("€ 12,50", ",", 12.5),
        ("1 234 567", ",", 1234567),
        ("-3", ".", -3),
        ("12,5%", ",", 12.5),
    ],
)
def test_numbers(text, dec, value):
    assert lees_getal(text, dec) == value


def test_comma_decimal_inferred_in_comma_separated_file():
    text = 'regio_code,uitgaven_eur\nWK999901,"1.234,56"\nWK999902,"7,5"\n'
    out = valideer(lees_bytes(text.encode(), "a.csv", 20), regios=REGIOS)
    assert sorted(out.waarden["waarde"]) == [7.5, 1234.56]


@pytest.mark.parametrize("marker", [".", "x", "-", ""])
def test_suppression_markers_are_missing_not_zero(marker):
    text = f"regio_code;bewoners_aantal\nWK999901;{marker}\nWK999902;4\n"
    out = valideer(lees_bytes(text.encode(), "a.csv", 20), regios=REGIOS)
    values = out.waarden.set_index("regio_code")["waarde"]
    assert math.isnan(values["WK999901"]) and values["WK999902"] == 4
    assert out.geldig


def test_rejections_are_reported_per_row_in_dutch():
    text = (
        "regio_code;bewoners_aantal;score\n"
        ' wk999901 ;-5;1\nWK999902;=HYPERLINK("http://x");2\nWK123456;3;3\n'
        "WK999902;<script>alert(1)</script>;4\n"
    )
    out = valideer(
        lees_bytes(text.encode(), "a.csv", 20),
        niveau="wijk",
        regios=REGIOS,
        oude={"WK123456": [2017]},
    )
    report = rapport(out, "a.csv")
    assert "negatief aantal" in report and "oude code" in report
    assert "dubbel" in report and "eenheid onbekend" in report
    assert "genormaliseerd" in report
    assert not out.geldig and out.waarden.empty


def test_header_only_and_empty():
    assert "alleen een kopregel" in rapport(valideer(lees_bytes(b"regio_code;x_eur\n", "a", 20)))
    with pytest.raises(UploadFout, match="leeg"):
        lees_bytes(b"", "a.csv", 20)


def test_xlsx_formula_cell_is_refused_not_evaluated():
    buf = io.BytesIO()
    frame = pd.DataFrame({"regio_code": ["WK999901", "WK999902"], "uitgaven_eur": [1.5, 2]})
    frame.to_excel(buf, index=False)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(buf.getvalue()))
    book.active["B3"] = '=HYPERLINK("http://x","klik")'
    buf = io.BytesIO()
    book.save(buf)
    out = valideer(lees_bytes(buf.getvalue(), "a.xlsx", 20), regios=REGIOS)
    assert out.waarden["waarde"].tolist() == [1.5]
    assert "formule" in rapport(out)


def test_indeling_splits_current_and_old_codes():
    codes = pd.DataFrame({"regio_code": ["WK1", "WK2", "WK3"], "jaar": [2019, 2019, 2017]})
    assert indeling(codes, 2019) == ({"WK1", "WK2"}, {"WK3": [2017]})


def test_privacy_rule_derived_sum_and_revealing_total():
    assert math.isnan(veilige_som(pd.Series([1.0, None, 3.0])))
    assert veilige_som(pd.Series([1.0, 2.0])) == 3.0
    leden = pd.DataFrame(
        {
            "groep": ["W1", "W1", "W2", "W2", "W2"],
            "regio_code": list("abcde"),
            "waarde": [5.0, None, None, None, 1.0],
        }
    )
    found = onthulbare_cellen(leden, pd.Series({"W1": 9.0, "W2": 9.0}))
    assert found["regio_code"].tolist() == ["b"]  # W2 hides two: neither is recoverable alone
    assert onthulbare_cellen(leden, pd.Series({"W1": math.nan})).empty
