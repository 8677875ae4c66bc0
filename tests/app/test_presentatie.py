"""Presentatie page: large-type story from a link, sidebar hidden, PDF and PNG downloads."""

from __future__ import annotations

LINK = {"gemeente": "GM9999", "niveau": "wijk", "jaar": "2019", "regio": "WK999901"}


def test_presentation_from_link(app):
    for key, value in {**LINK, "presentatie": "1"}.items():
        app.query_params[key] = value
    app.run()
    at = app.switch_page("app_pages/presentatie.py").run()
    assert not at.exception, at.exception
    assert at.toggle(key="presentatie").value is True
    html = " ".join(m.value for m in at.markdown)
    assert 'section[data-testid="stSidebar"]' in html  # sidebar hidden on this page only
    assert "Wijk 01 Oud Testdorp" in html
    assert "Personen met bijstand ligt 25% hoger dan het gemeentelijk gemiddelde" in html
    assert "CC BY 4.0" in html and "Vektis" in html
    labels = [m.label for m in at.metric]
    assert labels[0] == "Gemiddeld inkomen per inwoner (euro)"
    assert at.metric[0].value == "28 000"
    buttons = at.get("download_button")
    assert len(buttons) == 2


def test_without_presentation_mode_no_css(app):
    for key, value in LINK.items():
        app.query_params[key] = value
    app.run()
    at = app.switch_page("app_pages/presentatie.py").run()
    assert not at.exception, at.exception
    assert at.toggle(key="presentatie").value is False
    assert not any("stSidebar" in m.value for m in at.markdown)
