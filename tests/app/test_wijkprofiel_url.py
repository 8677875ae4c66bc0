"""Wijkprofiel: every selection restored from and written to the URL; heavy table on request;
class comparison with a chosen set of class dimensions."""

from __future__ import annotations


def _run(app, **params):
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("app_pages/wijkprofiel.py").run()
    assert not app.exception, app.exception
    return app


def test_selections_come_from_the_url_and_go_back(app):
    at = _run(
        app,
        gemeente="GM9999",
        niveau="buurt",
        kant="baten",
        fam="gemeente,zorg",
        regio="BU99990201",
    )
    assert at.selectbox(key="gemeente").value == "GM9999"
    assert at.radio(key="wp_niveau").value == "buurt"
    assert at.radio(key="wp_kant").value == "baten"
    assert at.multiselect(key="wp_fam").value == ["gemeente", "zorg"]
    assert at.selectbox(key="wp_regio").value == "BU99990201"
    at.radio(key="wp_kant").set_value("lasten").run()
    assert not at.exception
    assert _qp(at, "kant") == "lasten" and _qp(at, "regio") == "BU99990201"
    assert _qp(at, "iv3_jaar") == "2023" and _qp(at, "fam") == "gemeente,zorg"
    assert _qp(at, "niveau") == "buurt" and _qp(at, "stuk") == "begroting"


def test_unknown_url_values_fall_back(app):
    at = _run(app, gemeente="GM9999", niveau="provincie", regio="WK0000", fam="onzin")
    assert at.radio(key="wp_niveau").value == "wijk"
    assert at.multiselect(key="wp_fam").value == []
    assert at.selectbox(key="wp_regio").value.startswith("WK9999")


def _qp(at, key):
    value = at.query_params[key]
    return value[0] if isinstance(value, list) else value


def test_income_side_absent_for_a_year_without_circulaire_is_said(app):
    at = _run(app, gemeente="GM9999")
    text = " ".join(c.value for c in at.caption)
    assert "geen gemeentefonds voor uitkeringsjaar 2023" in text
    assert "wel voor 2025" in text


def test_full_table_only_on_request(app):
    at = _run(app, gemeente="GM9999")
    before = len(at.dataframe)
    at.toggle(key="wp_alle").set_value(True).run()
    assert not at.exception
    assert len(at.dataframe) == before + 1


def test_class_dimensions_choice_and_group(app):
    at = _run(app, gemeente="GM9999", klasse="gemeentegrootte")
    assert at.multiselect(key="wp_klasse").value == ["gemeentegrootte"]
    text = " ".join(c.value for c in at.caption)
    assert "Vergelijkingsgroep: 1 gemeenten" in text
    assert any("Gemeenten in de vergelijkingsgroep (1)" in e.label for e in at.expander)
    assert _qp(at, "klasse") == "gemeentegrootte"


def test_iv3_year_and_document_shared_by_kaart_and_sociaal_domein(app):
    """One Iv3 selector (filters.kies_iv3): the chosen year and document are in the URL on
    every page that allocates Iv3 money, not only on the Wijkprofiel."""
    app.query_params.update({"gemeente": "GM9999", "niveau": "wijk", "kleur": "geldstromen"})
    app.run()
    assert not app.exception, app.exception
    assert app.selectbox(key="kaart_iv3_jaar").value == 2023
    assert _qp(app, "iv3_jaar") == "2023" and _qp(app, "stuk") == "begroting"
    at = app.switch_page("app_pages/sociaal_domein.py").run()
    assert not at.exception, at.exception
    assert at.radio(key="sd_stuk").value == "begroting"
    assert _qp(at, "iv3_jaar") == "2023" and _qp(at, "stuk") == "begroting"


def test_secondary_parts_only_when_opened(app):
    """Sleuteldekking per taakveld, the comparison group and the names without a code are
    built and sent only while their expander is open (a wijk switch does not pay for them)."""
    at = _run(app, gemeente="GM9999", klasse="gemeentegrootte")
    before = len(at.dataframe)
    text = " ".join(c.value for c in at.caption)
    assert "Per taakveld hoeveel euro" not in text
    for n, key in enumerate(("wp_dekking", "wp_groep", "wp_onbekend"), start=1):
        at.session_state[key] = True
        at.run()
        assert not at.exception, at.exception
        assert len(at.dataframe) == before + n, key
    text = " ".join(c.value for c in at.caption)
    assert "Per taakveld hoeveel euro" in text and "GM-code te koppelen" in text
    dekking = [d.value for d in at.dataframe if "taakveld_code" in d.value.columns]
    assert dekking and not dekking[-1].empty  # one row per taakveld, euro per key kind
    at.session_state["wp_dekking"] = False
    at.run()
    assert len(at.dataframe) == before + 2  # closed again: not sent
