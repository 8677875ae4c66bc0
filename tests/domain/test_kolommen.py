import pytest

from geldstromen.domain.kolommen import resolve, stem


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("AantalInwoners_5", "AantalInwoners"),
        ("k_0Tot15Jaar_8", "k_0Tot15Jaar"),
        ("HuishOnderOfRondSociaalMinimum_90", "HuishOnderOfRondSociaalMinimum"),
        ("GemiddeldInkomenPerInwoner_83", "GemiddeldInkomenPerInwoner"),
        ("AANT_INW", "AANT_INW"),
        ("WijkenEnBuurten", "WijkenEnBuurten"),
    ],
)
def test_stem_drops_yearly_suffix(key, expected):
    assert stem(key) == expected


def test_resolve_finds_key_across_years():
    keys_2019 = ["AantalInwoners_5", "HuishoudensTotaal_28", "GemiddeldInkomenPerInwoner_72"]
    keys_2024 = ["AantalInwoners_5", "HuishoudensTotaal_29", "GemiddeldInkomenPerInwoner_83"]
    assert resolve(keys_2019, "HuishoudensTotaal") == "HuishoudensTotaal_28"
    assert resolve(keys_2024, "HuishoudensTotaal") == "HuishoudensTotaal_29"
    assert resolve(keys_2024, "WmoClienten") is None


def test_resolve_refuses_ambiguous_stem():
    with pytest.raises(ValueError, match="niet eenduidig"):
        resolve(["Appartement_48", "Appartement_56"], "Appartement")
