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
    assert "Taakveld 6.3 Inkomensregelingen ligt 25% hoger dan in de gemeente" in html
    assert "CC BY 4.0" in html and "Vektis" in html
    # money leads: the first tile is the allocated gemeente money, against the gemeente
    labels = [m.label for m in at.metric]
    assert labels[0] == "Gemeentegeld in het gebied per inwoner"
    assert labels[1] == "Inkomen huishoudens per inwoner"
    assert at.metric[0].value == "€ 655"
    assert all(str(m.delta).startswith("gemeente €") for m in at.metric), at.metric
    assert at.metric[1].value == "€ 28.000" and "€ 31.200" in at.metric[1].delta
    tekst = " ".join([html, *labels, *(str(m.delta) for m in at.metric)])
    assert "None" not in tekst and "Oppervlakte" not in tekst
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
