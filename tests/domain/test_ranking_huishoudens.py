"""'Waar beginnen?' with a user-set minimum number of households."""

from __future__ import annotations

import pandas as pd

from geldstromen.domain.ranking import Criterium, rangschik

CRIT = [Criterium("gas", "Aardgas", 1.0)]


def _frame():
    return pd.DataFrame(
        {
            "regio_code": ["A", "B", "C", "D"],
            "inwoners_aantal": [600, 5000, 9000, 8000],
            "huishoudens_aantal": [120, 2400, 4100, None],
            "gas": [3000.0, 1500.0, 1000.0, 2000.0],
        }
    )


def test_small_region_first_without_a_minimum():
    r = rangschik(_frame(), CRIT)
    assert list(r["regio_code"]) == ["A", "D", "B", "C"]


def test_minimum_households_leaves_small_and_unknown_regions_unscored():
    r = rangschik(_frame(), CRIT, min_huishoudens=250)
    assert list(r["regio_code"]) == ["B", "C", "A", "D"]
    gescoord = r.set_index("regio_code")["score"]
    # A (120 households) and D (unknown) do not set the range: B is now the most urgent
    assert gescoord["B"] == 100.0 and gescoord["C"] == 0.0
    assert gescoord[["A", "D"]].isna().all()
    assert r.set_index("regio_code").at["A", "ontbreekt"] == "minder dan 250 huishoudens"
    assert r.set_index("regio_code").at["D", "ontbreekt"] == "minder dan 250 huishoudens"
