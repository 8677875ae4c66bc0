"""Default year per page and default region: pure functions on small frames."""

from __future__ import annotations

import pandas as pd

from geldstromen.domain.jaarkeuze import (
    NODIG,
    aangeboden,
    jaren_tekst,
    kies_jaar,
    meest_inwoners,
    ontbrekend,
    verwante_regio,
)


def _dekking(rows):
    return pd.DataFrame(rows, columns=["niveau", "jaar", "indicator", "met_waarde", "regio_aantal"])


DEKKING = _dekking(
    [
        ("wijk", 2024, "inwoners_aantal", 10, 10),
        ("wijk", 2024, "aardgas_m3_per_woning", 2, 10),  # too few regions: not covered
        ("wijk", 2019, "inwoners_aantal", 10, 10),
        ("wijk", 2019, "aardgas_m3_per_woning", 9, 10),
        ("wijk", 2019, "huish_laag_inkomen_pct", 5, 10),  # exactly half: covered
        ("wijk", 2019, "corporatiewoningen_pct", 8, 10),
        ("wijk", 2015, "aardgas_m3_per_woning", 10, 10),
        ("buurt", 2024, "aardgas_m3_per_woning", 50, 50),
    ]
)


def test_page_opens_on_newest_year_with_its_indicators():
    energie = kies_jaar(DEKKING, "wijk", NODIG["energietransitie"])
    assert energie.jaren == [2024, 2019, 2015]
    assert energie.gedekt == [2019]
    assert energie.standaard == 2019
    kaart = kies_jaar(DEKKING, "wijk", NODIG["kaart"])
    assert kaart.gedekt == [2024, 2019] and kaart.standaard == 2024


def test_level_is_separate():
    # buurt 2024 has gas but not the other two indicators
    k = kies_jaar(DEKKING, "buurt", NODIG["energietransitie"])
    assert k.gedekt == [] and k.standaard == 2024
    assert ontbrekend(DEKKING, "buurt", 2024, NODIG["energietransitie"]) == [
        "huish_laag_inkomen_pct",
        "corporatiewoningen_pct",
    ]


def test_without_a_covered_year_the_year_with_most_of_the_indicators():
    d = _dekking(
        [
            ("buurt", 2020, "aardgas_m3_per_woning", 9, 10),
            ("buurt", 2019, "aardgas_m3_per_woning", 9, 10),
            ("buurt", 2019, "huish_laag_inkomen_pct", 9, 10),
            ("buurt", 2015, "aardgas_m3_per_woning", 9, 10),
            ("buurt", 2015, "huish_laag_inkomen_pct", 9, 10),
        ]
    )
    k = kies_jaar(d, "buurt", NODIG["energietransitie"])
    assert k.gedekt == [] and k.standaard == 2019


def test_no_years_gives_none():
    assert kies_jaar(DEKKING, "gemeente", NODIG["kaart"]).standaard is None


def test_missing_indicators_named_per_year():
    assert ontbrekend(DEKKING, "wijk", 2024, NODIG["energietransitie"]) == [
        "aardgas_m3_per_woning",
        "huish_laag_inkomen_pct",
        "corporatiewoningen_pct",
    ]


def test_years_text():
    assert jaren_tekst([2024, 2019, 2020, 2021, 2015]) == "2015, 2019-2021, 2024"
    assert jaren_tekst([]) == "geen"


def test_most_populous_region_and_missing_values():
    inw = pd.DataFrame({"regio_code": ["WK01", "WK02", "WK03"], "waarde": [0, None, 300]})
    assert meest_inwoners(inw, ["WK01", "WK02", "WK03"]) == "WK03"
    assert meest_inwoners(inw, ["WK01", "WK02"]) == "WK01"
    assert meest_inwoners(inw.iloc[0:0], ["WK09", "WK01"]) == "WK09"
    assert meest_inwoners(inw, []) is None


def test_related_region_across_levels():
    assert verwante_regio("BU05180101", ["WK051801", "WK051802"]) == "WK051801"
    assert verwante_regio("WK051802", ["BU05180101", "BU05180201", "BU05180202"]) == "BU05180201"
    assert verwante_regio("WK051803", ["BU05180101"]) is None
    assert verwante_regio(None, ["WK051801"]) is None


def test_pages_that_need_their_data_offer_only_the_years_that_have_it():
    energie = kies_jaar(DEKKING, "wijk", NODIG["energietransitie"])
    assert aangeboden(energie.jaren, energie.gedekt) == [2019]
    # no covered year: every year stays, so the page can say what is missing
    buurt = kies_jaar(DEKKING, "buurt", NODIG["energietransitie"])
    assert buurt.gedekt == [] and aangeboden(buurt.jaren, buurt.gedekt) == [2024]
