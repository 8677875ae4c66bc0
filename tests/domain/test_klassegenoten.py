"""'Gemeenten van dezelfde klasse' for Vergelijk: same size and urbanity, latest year."""

from __future__ import annotations

import pandas as pd

from geldstromen.domain.similariteit import klassegenoten


def _rows(code, grootte, stedelijk, jaar=2025):
    return [
        {"gemeente_code": code, "jaar": jaar, "kenmerk": "gemeentegrootte", "waarde": grootte},
        {"gemeente_code": code, "jaar": jaar, "kenmerk": "stedelijkheid", "waarde": stedelijk},
    ]


def test_same_size_and_urbanity_only():
    klassen = pd.DataFrame(
        _rows("GM0001", "groot", "zeer sterk")
        + _rows("GM0002", "groot", "zeer sterk")
        + _rows("GM0003", "groot", "sterk")  # other urbanity
        + _rows("GM0004", "klein", "zeer sterk")  # other size
        + _rows("GM0005", "klein", "zeer sterk", 2020)  # older year, overruled below
        + _rows("GM0005", "groot", "zeer sterk", 2025)
    )
    peers, klasse = klassegenoten(klassen, "GM0002")
    assert peers == ["GM0001", "GM0002", "GM0005"]
    assert klasse == "groot, zeer sterk"


def test_unknown_or_incomplete_class_gives_nothing():
    klassen = pd.DataFrame(_rows("GM0001", "groot", None) + _rows("GM0002", "groot", "sterk"))
    assert klassegenoten(klassen, "GM0001") == ([], None)
    assert klassegenoten(klassen, "GM0009") == ([], None)
    assert klassegenoten(klassen.iloc[:0], "GM0001") == ([], None)
