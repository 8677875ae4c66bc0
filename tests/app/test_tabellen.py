"""Table display: Dutch number format, a dash for missing values, years without separators."""

import numpy as np
import pandas as pd

from geldstromen.ui.tabellen import kolom_decimalen, opgemaakt


def test_dutch_format_dash_for_missing_and_plain_years():
    frame = pd.DataFrame(
        {
            "code": ["WK1", "WK2"],
            "jaar": [2019, 2019],
            "bedrag_eur": [27996033.4, np.nan],
            "verhouding": [1.0755, 0.9],
            "per 1000 inwoners": [12.34, 56.78],
        }
    )
    assert kolom_decimalen(frame) == {"bedrag_eur": 0, "verhouding": 2, "per 1000 inwoners": 1}
    text = opgemaakt(frame).to_string()
    assert "27.996.033" in text and "1,08" in text and "12,3" in text
    assert "2019" in text and "2.019" not in text
    assert "–" in text and "nan" not in text.lower()


def test_large_tables_are_not_styled():
    frame = pd.DataFrame({"x": np.arange(5_000, dtype=float)})
    assert opgemaakt(frame) is frame
