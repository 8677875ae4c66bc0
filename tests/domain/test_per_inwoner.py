"""The one per-inhabitant function: missing (never 0 or inf) below the minimum population."""

from __future__ import annotations

import math

import pandas as pd

from geldstromen.domain.per_inwoner import (
    INWONERS_ONBEKEND,
    MIN_INWONERS,
    TE_WEINIG_INWONERS,
    genoeg_inwoners,
    per_inwoner,
    reden,
    tabel,
)


def test_scalar_rule_at_the_boundary():
    assert per_inwoner(1000.0, MIN_INWONERS) == 1000.0 / MIN_INWONERS
    assert math.isnan(per_inwoner(1000.0, MIN_INWONERS - 1))
    assert math.isnan(per_inwoner(1000.0, 0))  # never inf
    assert math.isnan(per_inwoner(1000.0, None))
    assert math.isnan(per_inwoner(float("nan"), 10_000))  # a missing amount stays missing
    assert per_inwoner(3.0, 1500, per=1000) == 2.0
    assert reden(0) == TE_WEINIG_INWONERS and reden(None) == INWONERS_ONBEKEND
    assert reden(MIN_INWONERS) == ""


def test_series_aligned_and_never_zero_or_inf():
    bedrag = pd.Series({"a": 10_000.0, "b": 500.0, "c": 7.0, "d": 1.0})
    inw = pd.Series({"a": 1000, "b": 0, "c": 145, "d": None})
    out = per_inwoner(bedrag, inw)
    assert out["a"] == 10.0
    assert out[["b", "c", "d"]].isna().all()
    assert not (out == 0).any() and not out.isin([math.inf, -math.inf]).any()
    assert list(genoeg_inwoners(inw)) == [True, False, False, False]
    assert list(reden(inw)) == ["", TE_WEINIG_INWONERS, TE_WEINIG_INWONERS, INWONERS_ONBEKEND]


def test_tabel_names_the_reason_per_region():
    som = pd.DataFrame(
        {
            "regio_code": ["A", "A", "B", "B"],
            "familie": ["gemeente", "zorg", "gemeente", "zorg"],
            "bedrag_eur": [2_000_000.0, float("nan"), 9_000_000.0, 1.0],
        }
    )
    inw = pd.Series({"A": 1000, "B": 145})
    out = tabel(som, inw, ["A", "B"], lambda v: "—" if pd.isna(v) else f"{v:.0f}")
    assert out.loc["gemeente", "A"] == "2000"
    assert out.loc["zorg", "A"] == "—"  # missing amount: not 0
    assert set(out["B"]) == {TE_WEINIG_INWONERS}
