"""Without postcode areas in the store the Kaart says so instead of offering a search that
cannot work (the search itself: tests/data_sources/test_postcode.py)."""

from __future__ import annotations


def test_without_postcode_areas_the_kaart_says_so(app):
    app.query_params.update({"gemeente": "GM9999", "niveau": "wijk"})
    app.run()
    at = app.switch_page("app_pages/kaart.py").run()
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "geen postcodegebieden ingelezen" in captions and "BAG" in captions
    assert not [t for t in at.text_input if t.key == "postcode"]
