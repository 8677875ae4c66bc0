import pandas as pd
import pytest

from geldstromen.domain.onderdrukking import niveau_from_code, to_number


def test_suppressed_cells_become_missing_not_zero():
    out = to_number(pd.Series(["   10", "     .", "", " 3.5", "-99999999", "0"]))
    assert out.tolist()[0] == 10
    assert pd.isna(out[1]) and pd.isna(out[2]) and pd.isna(out[4])
    assert out[3] == 3.5
    assert out[5] == 0  # a published zero stays zero


def test_garbage_is_refused_with_the_cell():
    with pytest.raises(ValueError, match="'12abc'"):
        to_number(pd.Series(["1", "12abc"]))


@pytest.mark.parametrize(
    ("code", "niveau"),
    [
        ("GM0363", "gemeente"),
        ("WK036305  ", "wijk"),
        ("BU03630501", "buurt"),
        ("NL01", "land"),
        ("XX1", None),
    ],
)
def test_niveau_from_code_prefix(code, niveau):
    assert niveau_from_code(code) == niveau
