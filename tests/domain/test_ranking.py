"""'Waar beginnen?' ranking: min-max within the frame, weights, missing criteria last."""

import math

import pandas as pd
import pytest

from geldstromen.domain.ranking import Criterium, minmax, rangschik

FRAME = pd.DataFrame(
    {
        "regio_code": ["WK01", "WK02", "WK03", "WK04"],
        "gas": [1000.0, 2000.0, 1500.0, None],
        "laag": [30.0, 10.0, 20.0, 50.0],
    }
)


def test_minmax_scales_and_keeps_missing():
    s = minmax(FRAME["gas"])
    assert s.tolist()[:3] == [0.0, 1.0, 0.5] and math.isnan(s[3])
    assert minmax(FRAME["gas"], hoog_is_urgent=False).tolist()[:3] == [1.0, 0.0, 0.5]
    assert minmax(pd.Series([5.0, 5.0])).tolist() == [0.0, 0.0]


def test_missing_criterion_ranked_last_and_marked_not_zero():
    r = rangschik(FRAME, [Criterium("gas", "Gas", 1), Criterium("laag", "Laag inkomen", 1)])
    assert r["regio_code"].iloc[-1] == "WK04"  # highest low-income share, but gas missing
    assert math.isnan(r["score"].iloc[-1])
    assert r["ontbreekt"].iloc[-1] == "Gas"
    assert (r["ontbreekt"].iloc[:3] == "").all()
    assert r["rang"].tolist() == [1, 2, 3, 4]


def test_weights_change_the_order():
    gas = rangschik(FRAME, [Criterium("gas", "Gas", 5), Criterium("laag", "Laag", 1)])
    laag = rangschik(FRAME, [Criterium("gas", "Gas", 1), Criterium("laag", "Laag", 5)])
    assert gas["regio_code"].iloc[0] == "WK02"
    assert laag["regio_code"].iloc[0] == "WK01"
    # WK02: gas 1.0, laag 0.0 -> 100 x 5/6
    assert gas.set_index("regio_code").loc["WK02", "score"] == pytest.approx(100 * 5 / 6)
    parts = gas.filter(like="deel_").sum(axis=1)
    assert parts.iloc[:3].tolist() == pytest.approx(gas["score"].iloc[:3].tolist())


def test_zero_weight_is_left_out_and_direction_low_urgent():
    r = rangschik(FRAME, [Criterium("gas", "Gas", 0), Criterium("laag", "Laag", 1, False)])
    assert "deel_gas" not in r
    assert r["regio_code"].iloc[0] == "WK02"  # lowest share is 'urgent' when reversed
    assert r["score"].notna().all()  # gas (weight 0) does not count, so WK04 is complete
    with pytest.raises(ValueError):
        rangschik(FRAME, [Criterium("gas", "Gas", 0)])
