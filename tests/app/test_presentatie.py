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


def test_household_money_has_no_category_column_whose_labels_overlap_the_receivers():
    """Presentatie sankey: income straight to the households, spending straight to one node per
    category and receiver, so no fourth/fifth column of labels (they overlapped)."""
    import pandas as pd

    from geldstromen.ui.presentatie import zonder_categorie
    from geldstromen.ui.sankey import sankey_figuur

    def rij(van, cat, naar, bedrag):
        return {
            "regio_code": "WK1",
            "regio_naam": "Wijk 1",
            "familie": "huishoudens",
            "van": van,
            "categorie": cat,
            "naar": naar,
            "bedrag_eur": bedrag,
            "methode": "geschat",
            "sleutel": "s",
            "bron": "b",
        }

    hh = pd.DataFrame(
        [
            rij("werk en uitkeringen", "Inkomen (totaal)", "huishoudens", 1000.0),
            rij("huishoudens", "Energie (gas, elektriciteit en warmte)", "energieleveranciers", 80),
            rij("huishoudens", "Voeding", "aanbieders", 150.0),
        ]
    )
    data = sankey_figuur(pd.DataFrame(), zonder_categorie(hh), "Wijk 1", "lasten").data[0]
    namen = list(data.node.customdata)
    assert "huishoudens: Energie (gas, elektriciteit en warmte)" not in namen
    assert "huishoudens: Inkomen (totaal)" not in namen
    assert "huishoudens: Energie (gas, elektriciteit en warmte) (energieleveranciers)" in namen
    # two columns of links: source -> households -> receiver, amounts unchanged
    paren = {
        (namen[s], namen[t]): v
        for s, t, v in zip(data.link.source, data.link.target, data.link.value, strict=True)
    }
    assert paren == {
        ("huishoudens: werk en uitkeringen", "huishoudens: huishoudens"): 1000.0,
        (
            "huishoudens: huishoudens",
            "huishoudens: Energie (gas, elektriciteit en warmte) (energieleveranciers)",
        ): 80.0,
        ("huishoudens: huishoudens", "huishoudens: Voeding (aanbieders)"): 150.0,
    }
