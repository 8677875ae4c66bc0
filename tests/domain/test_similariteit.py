"""Nearest neighbours on the standardised profile: tiny hand-made frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geldstromen.domain.similariteit import gewichten_per_kenmerk, profiel, vergelijkbaar


def _long(rows: dict[str, dict[str, float]]) -> pd.DataFrame:
    meta = {
        "inwoners_aantal": ("Inwoners", "aantal", "bevolking"),
        "bijstand_aantal": ("Bijstand", "aantal", "sociaal"),
        "inkomen_per_inwoner_eur": ("Inkomen", "euro", "inkomen"),
        "koopwoningen_pct": ("Koopwoningen", "% van woningen", "wonen"),
    }
    out = []
    for code, values in rows.items():
        for ind, val in values.items():
            label, eenheid, thema = meta[ind]
            out.append((code, ind, val, label, eenheid, thema))
    return pd.DataFrame(
        out, columns=["regio_code", "indicator", "waarde", "label", "eenheid", "thema"]
    )


REGIOS = {
    "WK000101": {
        "inwoners_aantal": 1000,
        "bijstand_aantal": 100,
        "inkomen_per_inwoner_eur": 20000,
        "koopwoningen_pct": 20,
    },
    "WK000102": {
        "inwoners_aantal": 10000,
        "bijstand_aantal": 1000,
        "inkomen_per_inwoner_eur": 21000,
        "koopwoningen_pct": 22,
    },
    "WK000103": {
        "inwoners_aantal": 1000,
        "bijstand_aantal": 10,
        "inkomen_per_inwoner_eur": 40000,
        "koopwoningen_pct": 80,
    },
    "WK000104": {
        "inwoners_aantal": 2000,
        "bijstand_aantal": 30,
        "inkomen_per_inwoner_eur": 38000,
        "koopwoningen_pct": 75,
    },
    "WK000105": {
        "inwoners_aantal": 3000,
        "bijstand_aantal": np.nan,
        "inkomen_per_inwoner_eur": 30000,
        "koopwoningen_pct": 50,
    },
}


def test_counts_become_per_1000_and_size_is_dropped():
    wide, info = profiel(_long(REGIOS))
    assert "inwoners_aantal" not in wide
    assert wide.at["WK000101", "bijstand_aantal"] == pytest.approx(100.0)
    assert wide.at["WK000102", "bijstand_aantal"] == pytest.approx(100.0)
    assert info["bijstand_aantal"]["eenheid"] == "per 1000 inwoners"
    assert np.isnan(wide.at["WK000105", "bijstand_aantal"])


def test_nearest_is_the_same_structure_not_the_same_size():
    wide, info = profiel(_long(REGIOS))
    w = gewichten_per_kenmerk(info, {"sociaal": 1, "inkomen": 1, "wonen": 1})
    res = vergelijkbaar(wide, "WK000101", w, k=2)
    assert list(res.buren["regio_code"])[0] == "WK000102"
    assert "WK000101" not in set(res.buren["regio_code"])
    assert res.buren["afstand"].is_monotonic_increasing
    assert res.buren.iloc[0]["redenen"][0] == "bijstand_aantal"  # equal per 1000


def test_feature_missing_for_target_is_excluded_and_reported():
    wide, info = profiel(_long(REGIOS))
    w = gewichten_per_kenmerk(info, {"sociaal": 1, "inkomen": 1, "wonen": 1})
    res = vergelijkbaar(wide, "WK000105", w, k=3)
    assert res.uitgesloten == {"bijstand_aantal": "ontbreekt voor dit gebied"}
    assert "bijstand_aantal" not in res.kenmerken
    assert len(res.buren) == 3


def test_weights_change_the_answer():
    wide, info = profiel(_long(REGIOS))
    only_income = vergelijkbaar(wide, "WK000105", gewichten_per_kenmerk(info, {"inkomen": 1}), k=1)
    assert only_income.kenmerken == ["inkomen_per_inwoner_eur"]
    zero = vergelijkbaar(wide, "WK000105", gewichten_per_kenmerk(info, {}), k=1)
    assert zero.buren.empty and zero.kenmerken == []


def test_unknown_target_raises():
    wide, _ = profiel(_long(REGIOS))
    with pytest.raises(KeyError):
        vergelijkbaar(wide, "WK999999", {}, k=1)
