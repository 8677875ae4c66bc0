"""Class comparison: the user chooses which class dimensions define "the same class"."""

from __future__ import annotations

import pandas as pd

from geldstromen.domain.wijkprofiel import klasse_dimensies, vergelijking


def _frame():
    rows = []
    gemeenten = {
        # code: (grootte, stedelijkheid, centrumfunctie, sociale_structuur, lasten 6.3, inwoners)
        "GM1": ("groot", "sterk", "Sterk", "Zwak", 1_000_000.0, 10_000),
        "GM2": ("groot", "sterk", "Sterk", "Zwak", 3_000_000.0, 10_000),
        "GM3": ("groot", "sterk", "Weinig", "Goed", 5_000_000.0, 10_000),
        "GM4": ("klein", "niet", "Weinig", "Goed", 7_000_000.0, 10_000),
    }
    for code, (gr, st, cf, ss, lasten, inw) in gemeenten.items():
        rows.append([code, f"naam {code}", "6.3", lasten, gr, st, cf, ss, inw])
        rows.append([code, f"naam {code}", "0.10", 99999.0, gr, st, cf, ss, inw])
    cols = [
        "gemeente_code",
        "gemeente_naam",
        "taakveld_code",
        "lasten_eur",
        "gemeentegrootte",
        "stedelijkheid",
        "centrumfunctie",
        "sociale_structuur",
        "inwoners",
    ]
    return pd.DataFrame(rows, columns=cols)


def test_all_dimensions_narrow_the_group():
    tab, groep = vergelijking(_frame(), "GM1", {"0.10"})
    assert list(groep["gemeente_code"]) == ["GM1", "GM2"]
    row = tab.set_index("hoofdtaakveld").loc["6"]
    assert row["per_inwoner_eur"] == 100.0
    assert row["klasse_mediaan_per_inwoner_eur"] == 200.0  # median of 100 and 300
    assert row["klasse_gemeenten_aantal"] == 2
    assert "Centrumfunctie: Sterk" in row["klasse"]
    assert "0" not in set(tab["hoofdtaakveld"])  # excluded taakveld left out


def test_fewer_dimensions_widen_the_group():
    tab, groep = vergelijking(_frame(), "GM1", set(), ("gemeentegrootte", "stedelijkheid"))
    assert list(groep["gemeente_code"]) == ["GM1", "GM2", "GM3"]
    assert tab.set_index("hoofdtaakveld").at["6", "klasse_mediaan_per_inwoner_eur"] == 300.0
    _, alle = vergelijking(_frame(), "GM1", set(), ())
    assert len(alle) == 4


def test_missing_class_value_is_not_used_and_said():
    frame = _frame()
    frame.loc[frame["gemeente_code"] == "GM1", "centrumfunctie"] = None
    tab, groep = vergelijking(frame, "GM1", set())
    assert "geen waarde voor deze gemeente in de bron: Centrumfunctie" in tab["klasse"].iloc[0]
    assert list(groep["gemeente_code"]) == ["GM1", "GM2"]


def test_dimensions_present():
    frame = _frame().assign(provincie=None)
    assert klasse_dimensies(frame) == [
        "gemeentegrootte",
        "stedelijkheid",
        "centrumfunctie",
        "sociale_structuur",
    ]
