import pandas as pd

from geldstromen.domain.gemeentenamen import match_namen, naam_sleutel

REF = pd.DataFrame(
    {
        "gemeente_code": ["GM0518", "GM0373", "GM0893", "GM1900", "GM0164", "GM0738", "GM1959"],
        "gemeente_naam": [
            "'s-Gravenhage",
            "Bergen (NH.)",
            "Bergen (L.)",
            "Súdwest-Fryslân",
            "Hengelo (O.)",
            "Aalburg",
            "Altena",
        ],
        "jaar": [2024, 2024, 2024, 2024, 2024, 2018, 2024],
    }
)


def test_normalisation_reconciles_spellings():
    assert naam_sleutel("'s-Gravenhage (gemeente)") == naam_sleutel("S GRAVENHAGE")
    assert naam_sleutel("SÚDWEST-FRYSLÂN") == naam_sleutel("Súdwest-Fryslân")
    assert naam_sleutel("Bergen (NH.)") == "BERGEN NH"


def test_match_handles_homonyms_aliases_and_reports_unknown():
    namen = pd.Series(
        [
            "S GRAVENHAGE",
            "BERGEN NH",
            "BERGEN LB",
            "Bergen (L.)",
            "Hengelo",
            "SUDWEST-FRYSLAN",
            "AALBURG",
            "Atlantis",
        ]
    )
    out = match_namen(namen, REF, jaar=2017).set_index("naam")
    assert out.loc["S GRAVENHAGE", "gemeente_code"] == "GM0518"
    assert out.loc["BERGEN NH", "gemeente_code"] == "GM0373"
    assert out.loc["BERGEN LB", "gemeente_code"] == "GM0893"
    assert out.loc["Bergen (L.)", "status"] == "exact"
    assert out.loc["Hengelo", "gemeente_code"] == "GM0164"
    assert out.loc["Hengelo", "status"] == "zonder_provincie"
    assert out.loc["SUDWEST-FRYSLAN", "gemeente_code"] == "GM1900"
    assert out.loc["AALBURG", "gemeente_code"] == "GM0738"  # merged gemeente: old code kept
    assert out.loc["Atlantis", "status"] == "onbekend"
    assert pd.isna(out.loc["Atlantis", "gemeente_code"])
    assert len(out) == len(namen)  # nothing dropped


def test_bare_name_does_not_match_ambiguous_homonyms():
    out = match_namen(pd.Series(["Bergen"]), REF, jaar=2024)
    assert out["status"].tolist() == ["onbekend"]
