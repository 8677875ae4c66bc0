"""Key messages: wijk against gemeente, headline indicators first, area never."""

from __future__ import annotations

import pandas as pd

from geldstromen.domain.boodschappen import boodschappen, getal, kerncijfers


def _wide():
    wide = pd.DataFrame(
        {
            "huish_laag_inkomen_pct": [26.4, 12.4],
            "oppervlakte_water_ha": [1.0, 1568.0],
            "woz_gem_eur": [140000.0, 241000.0],
            "aardgas_m3_per_woning": [1000.0, 1010.0],
            "jeugdzorg_pct": [None, 10.0],
        },
        index=["WK000101", "GM0001"],
    )
    info = {
        "huish_laag_inkomen_pct": {
            "label": "Huishoudens met een laag inkomen",
            "eenheid": "%",
            "thema": "inkomen",
        },
        "oppervlakte_water_ha": {"label": "Oppervlakte water", "eenheid": "ha", "thema": "bodem"},
        "woz_gem_eur": {"label": "Gemiddelde WOZ-waarde", "eenheid": "euro", "thema": "wonen"},
        "aardgas_m3_per_woning": {"label": "Aardgas", "eenheid": "m³", "thema": "energie"},
        "jeugdzorg_pct": {"label": "Jeugdzorg", "eenheid": "%", "thema": "sociaal"},
    }
    return wide, info


def test_messages_name_ratio_and_skip_area_small_and_missing():
    wide, info = _wide()
    kern = kerncijfers(wide, info, "WK000101", "GM0001")
    zinnen = boodschappen(kern)
    assert zinnen[0] == (
        "Huishoudens met een laag inkomen is 2,1x het gemeentelijk gemiddelde (26,4 tegen 12,4 %)."
    )
    assert "42% lager" in zinnen[1]
    assert len(zinnen) == 2  # water is area, gas differs by 1%, jeugdzorg missing


def test_getal_is_dutch_and_missing_is_a_dash():
    assert getal(15400.0) == "15.400"
    assert getal(9.94) == "9,9"
    assert getal(float("nan")) == "—"
