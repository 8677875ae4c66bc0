"""One selection for the whole visit (fixture store): a region, level and year chosen on one
page open on the next page even when the browser drops the URL parameters; a cold start opens
each page on the newest year that has that page's data."""

from __future__ import annotations


def _wis_url(app) -> None:
    for key in list(app.query_params):
        del app.query_params[key]


def test_region_and_level_survive_a_page_change_without_url(app):
    app.query_params["gemeente"] = "GM9999"
    app.run()
    app.switch_page("app_pages/vergelijk.py").run()
    assert not app.exception, app.exception
    app.radio(key="niveau").set_value("wijk").run()
    app.selectbox(key="regio").set_value("WK999902").run()
    assert not app.exception, app.exception
    _wis_url(app)
    app.switch_page("app_pages/tijdlijn.py").run()
    assert not app.exception, app.exception
    assert app.selectbox(key="gemeente").value == "GM9999"
    assert app.radio(key="niveau").value == "wijk"
    assert app.selectbox(key="regio").value == "WK999902"
    _wis_url(app)
    app.switch_page("app_pages/wijkprofiel.py").run()
    assert not app.exception, app.exception
    assert app.radio(key="wp_niveau").value == "wijk"
    assert app.selectbox(key="wp_regio").value == "WK999902"
    assert app.query_params["regio"] in ("WK999902", ["WK999902"])


def test_buurt_chosen_then_wijk_level_opens_its_wijk(app):
    app.query_params["gemeente"] = "GM9999"
    app.run()
    app.switch_page("app_pages/vergelijk.py").run()
    app.radio(key="niveau").set_value("buurt").run()
    app.selectbox(key="jaar").set_value(2019).run()
    app.selectbox(key="regio").set_value("BU99990201").run()
    app.radio(key="niveau").set_value("wijk").run()
    assert not app.exception, app.exception
    assert app.selectbox(key="regio").value == "WK999902"


def test_cold_start_year_per_page(app):
    # the fixture's KWB 2024 has inhabitants (Kaart's need) but no energy columns in any year
    app.run()
    assert not app.exception, app.exception
    assert app.selectbox(key="jaar").value == 2024
    assert any(not d.value.empty for d in app.dataframe)
    _wis_url(app)  # the browser's page menu drops the URL parameters
    app.switch_page("app_pages/energietransitie.py").run()
    assert not app.exception, app.exception
    tekst = " ".join(c.value for c in app.sidebar.caption)
    assert "Jaren met de gegevens van deze pagina (wijk, Testdorp): geen." in tekst
    info = " ".join(i.value for i in app.sidebar.info)
    assert "aardgasverbruik" in info.lower() and "geen jaar heeft ze allemaal" in info


def test_year_without_the_pages_data_is_named_not_blamed_on_secrecy(app):
    app.run()
    _wis_url(app)
    app.switch_page("app_pages/energietransitie.py").run()
    app.selectbox(key="jaar").set_value(2024).run()
    assert not app.exception, app.exception
    info = " ".join(i.value for i in app.sidebar.info)
    assert "In 2024 ontbreekt voor deze pagina" in info
    assert "niet gepubliceerd of niet ingelezen" in info and "geheim" not in info
