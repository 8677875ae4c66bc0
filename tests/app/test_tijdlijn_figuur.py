"""Tijdlijn chart: one slot per year with a value (or in which the code did not exist, a gap);
no point on or under an axis line."""

from __future__ import annotations

import math

import pandas as pd

from geldstromen.ui.tijdlijn import as_jaren, figuur


def test_years_without_the_code_stay_empty_gaps():
    reeks = pd.DataFrame({"jaar": [2020, 2019], "waarde": ["4700", "4640"]})
    fig = figuur(reeks, [2019], "Inwoners (aantal)", [2015, 2019, 2020], afwezig=[2015])
    lijn = fig.data[0]
    assert list(lijn.x) == ["2015", "2019", "2020"]
    assert math.isnan(lijn.y[0]) and list(lijn.y[1:]) == [4640.0, 4700.0]
    assert lijn.connectgaps is False
    assert fig.layout.xaxis.type == "category"
    assert any(s.x0 == "2019" for s in fig.layout.shapes)  # boundary change marked


def test_years_with_only_other_indicators_take_no_slot():
    # Laakkwartier: inhabitants in 2015, 2019, 2024; the level also has 2020 (RIVM only)
    reeks = pd.DataFrame({"jaar": [2015, 2019, 2024], "waarde": [39955, 42260, 44735]})
    assert as_jaren(reeks, [2015, 2019, 2020, 2024], afwezig=[]) == [2015, 2019, 2024]
    fig = figuur(reeks, [], "Inwoners (aantal)", [2015, 2019, 2020, 2024], afwezig=[])
    assert list(fig.data[0].x) == ["2015", "2019", "2024"]
    assert not any(math.isnan(v) for v in fig.data[0].y)


def test_every_point_lies_inside_the_y_range():
    for waarden in ([39955, 42260, 44735], [0, 5, 12], [7, 7, 7], [-3, 4, 2]):
        reeks = pd.DataFrame({"jaar": [2015, 2019, 2024], "waarde": waarden})
        fig = figuur(reeks, [], "x", [2015, 2019, 2024])
        lo, hi = fig.layout.yaxis.range
        assert lo < min(waarden) and max(waarden) < hi, (waarden, lo, hi)
        if min(waarden) > 0:
            assert lo >= 0  # no negative axis for a positive series
    assert fig.layout.separators == ",."
