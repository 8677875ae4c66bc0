"""The one region-code parser: valid GM/WK/BU codes and hostile input."""

import pytest

from geldstromen.domain import regiocode
from geldstromen.domain.regiocode import OngeldigeRegiocode, Regiocode, ontleed, probeer


def test_three_levels_give_their_parents():
    assert ontleed("GM0518") == Regiocode("GM0518", "gemeente", "GM0518", None)
    assert ontleed("WK051829") == Regiocode("WK051829", "wijk", "GM0518", "WK051829")
    assert ontleed("BU05182901") == Regiocode("BU05182901", "buurt", "GM0518", "WK051829")


def test_spaces_and_lower_case_are_tolerated():
    assert ontleed(" wk036305\n").code == "WK036305"
    assert regiocode.wijk_van("bu03630501") == "WK036305"
    assert regiocode.gemeente_van("BU03630501") == "GM0363"


@pytest.mark.parametrize(
    "tekst",
    [
        "",
        " ",
        "GM",
        "WK",
        "XX051829",
        "NL00",
        "GM051",
        "GM05180",
        "WK0518",
        "WK05182",
        "WK0518290",
        "BU051829",
        "BU0518290",
        "BU051829011",
        "WK05 829",
        "WK0518-9",
        "WK٠٥١٨٢٩",
        "WK０５１８２９",
        "WK051829\x00",
        "GM0518; DROP TABLE x",
        "WK" + "1" * 10_000,
        "<script>",
        "BU0518290１",
    ],
)
def test_hostile_text_is_refused_in_dutch(tekst):
    with pytest.raises(OngeldigeRegiocode, match="Ongeldige regiocode"):
        ontleed(tekst)
    assert probeer(tekst) is None
    assert not regiocode.is_regiocode(tekst)


@pytest.mark.parametrize("waarde", [None, 518, 5.18, b"WK051829", ["WK051829"]])
def test_non_text_is_refused_not_crashed(waarde):
    with pytest.raises(ValueError, match="verwacht GM, WK of BU"):
        ontleed(waarde)
    assert probeer(waarde) is None


def test_message_is_short_for_a_long_input():
    with pytest.raises(OngeldigeRegiocode) as exc:
        ontleed("WK" + "9" * 10_000)
    assert len(str(exc.value)) < 200


def test_wrong_length_names_the_expected_digits():
    with pytest.raises(OngeldigeRegiocode, match="een wijkcode heeft 6 cijfers na WK"):
        ontleed("WK0518")


def test_gemeente_has_no_wijk():
    with pytest.raises(OngeldigeRegiocode, match="gemeentecode"):
        regiocode.wijk_van("GM0518")


def test_is_regiocode_by_level():
    assert regiocode.is_regiocode("WK051829", "wijk")
    assert not regiocode.is_regiocode("WK051829", "buurt")


def test_prefix_only_level_for_published_files():
    assert regiocode.niveau_van_voorvoegsel(" NL00  ") == "land"
    assert regiocode.niveau_van_voorvoegsel("BU1") == "buurt"
    assert regiocode.niveau_van_voorvoegsel("XX") is None
    assert regiocode.niveau_van_voorvoegsel(None) is None


def test_export_names_parties_by_the_one_parser():
    import pandas as pd

    from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS, export_frame

    rij = dict.fromkeys(GELDSTROOM_COLUMNS, "x") | {"familie": "gemeente", "bedrag_eur": 1.0}
    rijen = [
        rij
        | {"regio_code": "WK051829", "regio_naam": "Wijk 29", "van": "GM0518", "naar": "WK051829"},
        rij
        | {
            "regio_code": "BU05182901",
            "regio_naam": float("nan"),
            "van": "GM0518",
            "naar": "BU05182901",
        },
        rij
        | {
            "regio_code": "WK0518",
            "regio_naam": "x",
            "van": "Zorgverzekeraars (WK051829)",
            "naar": "WK0518",
        },
    ]
    out = export_frame(pd.DataFrame(rijen))
    assert out["van"].tolist()[:2] == ["gemeente GM0518", "gemeente GM0518"]
    assert out["naar"].tolist() == ["Wijk 29", "naam onbekend (BU05182901)", "WK0518"]
    assert out["naar_code"].tolist() == ["WK051829", "BU05182901", ""]  # WK0518 is no code
    assert out["van_code"].tolist() == ["GM0518", "GM0518", "WK051829"]  # code in brackets
