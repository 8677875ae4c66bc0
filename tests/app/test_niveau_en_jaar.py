"""Pages about one wijk or buurt do not offer the level Gemeente; Vergelijk takes the visit's
Iv3 year and document (``filters.kies_iv3``) like every other page (issue 15)."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES

EEN_WIJK = ["vergelijk", "presentatie", "scenario", "tijdlijn"]


def _open(app, page: str, **params):
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("page", EEN_WIJK)
def test_a_page_about_one_wijk_does_not_offer_the_gemeente_level(app, page):
    """A visit (or link) on the level Gemeente opens these pages on Wijk, with a region."""
    at = _open(app, page, gemeente="GM9999", niveau="gemeente")
    assert at.radio(key="niveau").options == ["Wijk", "Buurt"]
    assert at.radio(key="niveau").value == "wijk"
    assert at.selectbox(key="regio").value.startswith("WK")
    assert not any("Kies niveau Wijk of Buurt" in i.value for i in at.info)


@pytest.mark.parametrize("page", ["kaart", "energietransitie", "sociaal_domein"])
def test_pages_about_the_whole_gemeente_keep_the_gemeente_level(app, page):
    at = _open(app, page, gemeente="GM9999")
    assert "Gemeente" in at.radio(key="niveau").options


def test_vergelijk_takes_the_iv3_year_every_page_opens_on(app):
    """The default recomputed from the fixture's raw Iv3 file names: the newest year,
    jaarrekening before begroting (the fixture has one file, so the selector must exist and
    name it, and the caption must say the pairing)."""
    rijen = []
    for pad in sorted((FIXTURES / "data" / "iv3").glob("iv3_gemeenten_taakveld_*.csv*")):
        _, _, _, jaar, stuk = pad.name.split(".")[0].split("_")
        rijen.append((int(jaar), stuk))
    nieuwste = max(j for j, _ in rijen)
    stuk = "jaarrekening" if (nieuwste, "jaarrekening") in rijen else "begroting"
    at = _open(app, "vergelijk", gemeente="GM9999", niveau="buurt", jaar="2019")
    assert at.selectbox(key="vg_iv3_jaar").value == nieuwste
    assert at.radio(key="vg_stuk").value == stuk
    captions = " ".join(c.value for c in at.caption)
    assert f"Iv3 {stuk} {nieuwste}" in captions, captions
    wp = at.switch_page("app_pages/wijkprofiel.py").run()
    assert wp.selectbox(key="wp_iv3_jaar").value == nieuwste
