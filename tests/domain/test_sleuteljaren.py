"""Key-year pairing: the nearest year that covers the regions by code, never a nearer year of
another indeling whose codes do not match."""

import pandas as pd

from geldstromen.domain.sleuteljaren import gebied


def _long(rows):
    return pd.DataFrame(rows, columns=["regio_code", "regio_naam", "jaar", "indicator", "waarde"])


def test_nearer_key_year_with_other_codes_is_passed_over():
    rows = [(c, c, 2024, "inwoners_aantal", 100.0) for c in ("WK1", "WK2", "WK3")]
    rows += [(c, c, 2019, "bijstand_aantal", 5.0) for c in ("WKX", "WKY", "WKZ")]  # old codes
    rows += [
        ("WK1", "WK1", 2015, "bijstand_aantal", 7.0),
        ("WK2", "WK2", 2015, "bijstand_aantal", 3.0),
    ]
    g = gebied(_long(rows), 2023)
    assert g.sleuteljaren["bijstand_aantal"] == 2015
    assert g.waarden["bijstand_aantal"].tolist()[:2] == [7.0, 3.0]
    assert pd.isna(g.waarden.loc["WK3", "bijstand_aantal"])  # absent in 2015: falls back


def test_key_without_any_matching_code_is_left_out():
    rows = [(c, c, 2024, "inwoners_aantal", 100.0) for c in ("WK1", "WK2")]
    rows += [("WKX", "WKX", 2019, "wmo_clienten_aantal", 5.0)]
    g = gebied(_long(rows), 2023)
    assert "wmo_clienten_aantal" not in g.sleuteljaren
    assert "wmo_clienten_aantal" not in g.waarden


def test_nearest_year_wins_when_both_cover():
    rows = [(c, c, 2024, "inwoners_aantal", 100.0) for c in ("WK1", "WK2")]
    rows += [(c, c, j, "woningen_aantal", 1.0) for c in ("WK1", "WK2") for j in (2015, 2019)]
    assert gebied(_long(rows), 2023).sleuteljaren["woningen_aantal"] == 2019
