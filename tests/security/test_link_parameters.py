"""Hostile values in a shared link (issue 18 item 5): every parameter the pages read is parsed,
bounded and clamped in one place (domain/linkparameters via ui/state); a value that does not
fit gives the default and a visible Dutch note, never an exception."""

from __future__ import annotations

import math

import pytest
import streamlit as st

from geldstromen.domain import linkparameters as lp
from tests.conftest import REPO

THEMAS = ["bevolking", "inkomen", "wonen", "energie", "sociaal"]


@pytest.mark.parametrize(
    ("ruw", "verwacht"),
    [
        ("bevolking:inf", None),
        ("bevolking:1e400", None),
        ("bevolking:-inf", None),
        ("bevolking:nan", None),
        ("bevolking:Infinity", None),
        ("bevolking:", None),
        ("bevolking:abc", None),
        ("onbekend:2", None),
        ("bevolking:99", {"bevolking": 3.0}),
        ("bevolking:1e300", {"bevolking": 3.0}),
        ("bevolking:0.01", {"bevolking": 0.5}),
        ("bevolking:1.3", {"bevolking": 1.5}),
        ("bevolking:-2,inkomen:2", {"inkomen": 2.0}),
        ("bevolking:0,inkomen:2", {"inkomen": 2.0}),
        ("bevolking:inf,inkomen:2", {"inkomen": 2.0}),
        ("inkomen:2,sociaal:1", {"inkomen": 2.0, "sociaal": 1.0}),
        ("", {}),
        ("bevolking:1," * 200, None),
    ],
)
def test_weights_are_finite_and_within_the_slider(ruw, verwacht):
    gelezen = lp.gewichten(ruw, THEMAS)
    assert gelezen.waarde == verwacht
    for w in (gelezen.waarde or {}).values():
        assert math.isfinite(w) and lp.GEWICHT_MIN <= w <= lp.GEWICHT_MAX
        assert (w / lp.GEWICHT_STAP).is_integer()
    clean = ruw in ("inkomen:2,sociaal:1", "", "bevolking:0,inkomen:2")
    assert (gelezen.probleem is None) == clean, gelezen.probleem


@pytest.mark.parametrize(
    "ruw",
    [
        "9" * 5000,
        "GM0518\x00",
        "GM0518\n",
        "\x7f",
        "2019" + " " * 500,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "[klik](https://example.org)",
        "2019.0",
        " 2019",
        "1e400",
        "-1",
        "GM0518,GM0363",
    ],
)
def test_a_choice_is_one_of_the_options_or_nothing(ruw):
    gelezen = lp.keuze(ruw, [2024, 2020, 2019, 2015, "GM0518"])
    assert gelezen.waarde is None
    assert gelezen.probleem


def test_a_choice_matches_its_string_form():
    assert lp.keuze("2019", [2024, 2019]).waarde == 2019
    assert lp.keuze(None, [2019]) == lp.Gelezen(None, None)  # absent: default, no note


def test_lists_keep_known_items_once_and_at_most_max():
    opties = [f"GM{i:04d}" for i in range(100)]
    assert lp.lijst("GM0001,GM0001,XX,,GM0002", opties).waarde == ["GM0001", "GM0002"]
    veel = lp.lijst(",".join(opties[:55]), opties)  # 384 characters
    assert len(veel.waarde) == lp.MAX_ITEMS and "eerste" in veel.probleem
    assert lp.lijst("x" * (lp.MAX_LENGTE + 1), opties).waarde is None
    assert lp.lijst(None, opties) == lp.Gelezen(None, None)


@pytest.mark.parametrize(
    ("ruw", "aan", "probleem"),
    [
        (None, False, False),
        ("1", True, False),
        ("0", False, False),
        ("true", False, True),
        ("1" * 1000, False, True),
        ("", False, True),
    ],
)
def test_flags(ruw, aan, probleem):
    gelezen = lp.vlag(ruw)
    assert gelezen.waarde is aan and bool(gelezen.probleem) is probleem


# --- the pages ------------------------------------------------------------------------------

#: Every parameter a page reads (ui/state is the only reader; grep for state.lees).
PARAMETERS = [
    "gemeente",
    "niveau",
    "jaar",
    "indicator",
    "regio",
    "bereik",
    "ref",
    "gewichten",
    "k",
    "iv3_jaar",
    "stuk",
    "kleur",
    "hoofdtaakveld",
    "kant",
    "fam",
    "circulaire",
    "klasse",
    "presentatie",
    "heel_nl",
    "taakvelden",
]
PAGINAS = [
    "kaart",
    "vergelijk",
    "tijdlijn",
    "presentatie",
    "scenario",
    "eigen_data",
    "wijkprofiel",
    "energietransitie",
    "sociaal_domein",
    "verbanden",
    "bronnen",
]
HOSTILE = [
    "inf",
    "1e400",
    "-1",
    "nan",
    "9" * 5000,
    "x\x00",
    "[klik hier](https://example.org)",
    "<img src=x onerror=alert(1)>",
    ",,,,",
    "bevolking:inf",
]


def _app(monkeypatch, url: str, page: str, params: dict, leeg: bool = True):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", url)
    if leeg:
        st.cache_data.clear()
        st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params.update(params)
    at.switch_page(f"app_pages/{page}.py")
    return at.run()


def _notes(at) -> str:
    return " ".join(w.value for w in at.warning if "Niet alles uit de link" in w.value)


@pytest.mark.parametrize("waarde", ["bevolking:inf", "bevolking:1e400", "inkomen:1e400,sociaal:2"])
def test_vergelijk_with_non_finite_weight(monkeypatch, fixture_db_url, waarde):
    """Before: `max_value` (inf) must be <= 1.797e+308 (StreamlitAPIException)."""
    link = {
        "gemeente": "GM9999",
        "niveau": "buurt",
        "jaar": "2019",
        "regio": "BU99990102",
        "gewichten": waarde,
    }
    at = _app(monkeypatch, fixture_db_url, "vergelijk", link)
    assert not at.exception, at.exception
    for thema in ("inkomen", "sociaal", "bevolking"):
        slider = at.slider(key=f"gewicht_{thema}")
        assert lp.GEWICHT_MIN <= slider.value <= lp.GEWICHT_MAX
    assert "geen eindig getal" in _notes(at)
    assert at.dataframe, "the page still compares"


@pytest.mark.parametrize("page", PAGINAS)
def test_every_parameter_hostile_on_every_page(monkeypatch, fixture_db_url, page):
    """All parameters at once with each hostile value: no exception, a note names them."""
    for i, waarde in enumerate(HOSTILE):
        at = _app(monkeypatch, fixture_db_url, page, dict.fromkeys(PARAMETERS, waarde), i == 0)
        assert not at.exception, (page, waarde[:30], at.exception)
        notes = _notes(at)
        if page != "bronnen":  # (reads no parameter)
            assert "gemeente" in notes and "jaar" in notes, (page, waarde[:30], notes)
        assert "example.org" not in " ".join(m.value for m in at.markdown)


def test_a_stale_own_value_is_no_note(monkeypatch, fixture_db_url):
    """A value this session wrote that no longer fits (another gemeente chosen) is replaced
    silently: it is not the link's fault."""
    at = _app(
        monkeypatch,
        fixture_db_url,
        "tijdlijn",
        {"gemeente": "GM9999", "niveau": "wijk", "jaar": "2019", "regio": "WK999901"},
    )
    assert not _notes(at)
    at.radio(key="niveau").set_value("buurt").run()
    assert not at.exception
    assert not _notes(at), _notes(at)


def test_a_foreign_value_is_a_note(monkeypatch, fixture_db_url):
    at = _app(
        monkeypatch,
        fixture_db_url,
        "tijdlijn",
        {"gemeente": "GM9999", "niveau": "wijk", "jaar": "2031", "regio": "WK999901"},
    )
    assert not at.exception
    assert "jaar: niet beschikbaar voor deze keuze; getoond: 2024" in _notes(at).replace("\\", "")
