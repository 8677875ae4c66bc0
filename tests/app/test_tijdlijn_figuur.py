"""Tijdlijn chart: every year of the level on the axis; a year without this code is a gap."""

from __future__ import annotations

import math

import pandas as pd

from geldstromen.ui.tijdlijn import figuur


def test_years_without_the_code_stay_empty_gaps():
    reeks = pd.DataFrame({"jaar": [2020, 2019], "waarde": ["4700", "4640"]})
    fig = figuur(reeks, [2019], "Inwoners (aantal)", [2015, 2019, 2020])
    lijn = fig.data[0]
    assert list(lijn.x) == [2015, 2019, 2020]
    assert math.isnan(lijn.y[0]) and list(lijn.y[1:]) == [4640.0, 4700.0]
    assert lijn.connectgaps is False
    assert tuple(fig.layout.xaxis.range) == (2014.5, 2020.5)
    assert any(s.x0 == 2019 for s in fig.layout.shapes)  # boundary change marked
