"""The one indicator picker: Dutch label and unit (never the id), URL start and write-back,
defaults, an empty choice and details."""

from streamlit.testing.v1 import AppTest


def _app(url=None, standaard=None, leeg=None, details=()):
    import pandas as pd
    import streamlit as st

    from geldstromen.ui.indicatorkeuze import kies_indicator

    keuzes = pd.DataFrame(
        {
            "indicator": ["woz_eur", "inwoners_aantal", "woz_eur"],
            "label": ["WOZ-waarde", "Inwoners", "WOZ-waarde"],
            "eenheid": ["euro", "aantal", "euro"],
            "jaar": [2023.0, 2024.0, 2023.0],
            "methode": ["waargenomen"] * 3,
        }
    )
    gekozen = kies_indicator(
        "Indicator", keuzes, key="ind", url=url, standaard=standaard, leeg=leeg, details=details
    )
    st.write(f"gekozen={gekozen}")


def _run(**kwargs) -> AppTest:
    return AppTest.from_function(_app, kwargs=kwargs, default_timeout=30)


def test_label_and_unit_never_the_id_and_inwoners_by_default():
    at = _run().run()
    box = at.sidebar.selectbox(key="ind")
    assert box.value == "inwoners_aantal"
    assert box.options == ["WOZ-waarde (euro)", "Inwoners (aantal)"]  # duplicates once


def test_url_start_and_write_back():
    at = _run(url="indicator")
    at.query_params["indicator"] = "woz_eur"
    at.run()
    assert at.sidebar.selectbox(key="ind").value == "woz_eur"
    at.sidebar.selectbox(key="ind").set_value("inwoners_aantal").run()
    assert at.query_params["indicator"] == "inwoners_aantal"


def test_unknown_url_value_falls_back():
    at = _run(url="indicator")
    at.query_params["indicator"] = "bestaat_niet"
    at.run()
    assert at.sidebar.selectbox(key="ind").value == "inwoners_aantal"
    assert not at.exception


def test_empty_choice_and_details():
    at = _run(leeg="(geen)", standaard="(geen)", details=("jaar", "methode")).run()
    box = at.sidebar.selectbox(key="ind")
    assert box.value == "(geen)"
    assert box.options == [
        "(geen)",
        "WOZ-waarde (euro, 2023, waargenomen)",
        "Inwoners (aantal, 2024, waargenomen)",
    ]
