"""One euro format for the UI and reports: Dutch thousands dots, missing stays visible."""

import math

from geldstromen.domain.opmaak import euro


def test_euro_uses_dutch_thousands_separator_and_whole_euros():
    assert euro(1_234_567.4) == "€ 1.234.567"
    assert euro(-1_234.6) == "€ -1.235"
    assert euro(0) == "€ 0"


def test_missing_amount_is_a_dash_not_nan_or_zero():
    assert euro(None) == "—"
    assert euro(math.nan) == "—"


def test_gebied_label_names_the_code_once():
    from geldstromen.domain.opmaak import gebied

    assert gebied("Wijk 29 Schildersbuurt", "WK051829") == "Wijk 29 Schildersbuurt (WK051829)"
    assert gebied("naam onbekend (WK036300)", "WK036300") == "naam onbekend (WK036300)"
    assert gebied(None, "WK036300") == "WK036300" and gebied("WK036300", "WK036300") == "WK036300"
