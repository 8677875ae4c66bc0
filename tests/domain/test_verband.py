"""Correlation on regions with both values (exact codes)."""

import pandas as pd
import pytest

from geldstromen.domain.verband import samenhang, sterkte


def test_pearson_spearman_and_n():
    x = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, None])
    y = pd.Series([1.0, 4.0, 9.0, 16.0, 100.0, 7.0])
    s = samenhang(x, y)
    assert s.n == 5
    assert s.spearman == pytest.approx(1.0)  # monotone
    assert s.pearson == pytest.approx(
        pd.Series([1, 2, 3, 4, 5]).corr(pd.Series([1, 4, 9, 16, 100]))
    )
    assert s.pearson < 0.95


def test_too_few_or_constant_gives_none():
    assert samenhang(pd.Series([1.0, 2.0]), pd.Series([2.0, 1.0])).pearson is None
    s = samenhang(pd.Series([1.0, 2.0, 3.0]), pd.Series([5.0, 5.0, 5.0]))
    assert s.n == 3 and s.pearson is None and s.spearman is None


def test_sterkte_words():
    assert sterkte(None) == "niet te berekenen"
    assert sterkte(0.05) == "(vrijwel) geen samenhang"
    assert sterkte(-0.6) == "sterke negatieve samenhang"
    assert sterkte(0.35) == "matige positieve samenhang"
