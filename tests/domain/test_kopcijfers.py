"""The money headline (domain.kopcijfers): each figure against the gemeente, computed by hand
on small synthetic flows; regions under the minimum population give no value."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS
from geldstromen.domain.kopcijfers import alleen_inwoners, kopcijfers, opvallend
from geldstromen.domain.opmaak import euro, euro_kort, getal, jaar, procent


def _rij(regio, familie, van, naar, categorie, bedrag, methode="toegerekend", j=2023):
    return dict(
        zip(
            GELDSTROOM_COLUMNS,
            [
                regio,
                regio,
                "wijk",
                j,
                familie,
                van,
                naar,
                categorie,
                bedrag,
                methode,
                "s",
                "b",
            ],
            strict=True,
        )
    )


def _flows() -> pd.DataFrame:
    rows = [
        _rij("WK1", "gemeente", "GM1", "WK1", "6.3 Inkomensregelingen", 3000.0),
        _rij("WK1", "gemeente", "GM1", "WK1", "2.1 Verkeer en vervoer", 1000.0),
        _rij("WK1", "gemeente", "GM1", "WK1", "0.4 Overhead", 500.0),
        _rij("WK1", "gemeente", "GM1", "WK1", "5.4 Musea", 100.0),
        _rij("WK2", "gemeente", "GM1", "WK2", "6.3 Inkomensregelingen", 1000.0),
        _rij("WK2", "gemeente", "GM1", "WK2", "2.1 Verkeer en vervoer", 3000.0),
        _rij("WK3", "gemeente", "GM1", "WK3", "6.3 Inkomensregelingen", 9999.0),  # 10 inw.
        # the gemeentebreed rest is nobody's: never in a region's or the gemeente's figure
        _rij("WK1", "gemeente", "GM1", "gemeentebreed", "0.4 Overhead", 1e6),
        _rij(
            "WK1",
            "huishoudens",
            "werk en uitkeringen",
            "huishoudens",
            "Inkomen (totaal)",
            20000.0,
            "geschat",
            2019,
        ),
        _rij(
            "WK1",
            "huishoudens",
            "huishoudens",
            "energieleveranciers",
            "Energie (gas, elektriciteit en warmte)",
            1000.0,
            "geschat",
            2019,
        ),
        _rij(
            "WK2",
            "huishoudens",
            "werk en uitkeringen",
            "huishoudens",
            "Inkomen (totaal)",
            60000.0,
            "geschat",
            2019,
        ),
        _rij(
            "WK2",
            "huishoudens",
            "huishoudens",
            "energieleveranciers",
            "Energie (gas, elektriciteit en warmte)",
            1200.0,
            "geschat",
            2019,
        ),
        _rij("WK1", "zorg", "zorgverzekeraars", "Wijk 1", "GGZ", 2000.0, "geschat"),
        _rij("WK2", "zorg", "zorgverzekeraars", "Wijk 2", "GGZ", 2000.0, "geschat"),
    ]
    return pd.DataFrame(rows)


# inhabitants at the minimum (500) so per-inhabitant values exist; WK3 is below it
INWONERS = pd.Series({"WK1": 1000.0, "WK2": 3000.0, "WK3": 10.0})


def _per(cijfers):
    return {k.sleutel: k for k in cijfers}


def test_money_leads_and_every_figure_has_a_gemeente_value():
    cijfers = kopcijfers(_flows(), INWONERS * 1, "WK1", ["WK2"])
    sleutels = [k.sleutel for k in cijfers]
    assert sleutels[0] == "gemeente_per_inwoner"
    assert sleutels[1:4] == [
        "taakveld:6.3 Inkomensregelingen",
        "taakveld:2.1 Verkeer en vervoer",
        "taakveld:0.4 Overhead",
    ]
    assert sleutels[4:] == ["inkomen_per_inwoner", "energielast", "zorgkosten_per_inwoner"]
    assert all(pd.notna(k.gemeente) for k in cijfers)


def test_a_taakveld_placed_by_inhabitants_only_is_no_largest_taakveld():
    """6.1 spread per inhabitant (no wijk key) has the same amount per inhabitant everywhere:
    it is left out of the largest taakvelden (the next one takes its place) and named."""
    flows = _flows().assign(sleutel_soort="bedoeld")
    zes = [
        {**_rij(r, "gemeente", "GM1", r, "6.1 Samenkracht", 313.0 * n), "sleutel_soort": s}
        for r, n, s in [
            ("WK1", 1000, "alleen inwoners"),
            ("WK2", 3000, "alleen inwoners"),
            ("WK3", 10, "alleen inwoners"),
        ]
    ]
    # a taakveld with a little inhabitants-only money (under half) stays
    gemengd = [
        {
            **_rij("WK1", "gemeente", "GM1", "WK1", "5.4 Musea", 40.0),
            "sleutel_soort": "alleen inwoners",
        }
    ]
    flows = pd.concat([flows, pd.DataFrame(zes + gemengd)], ignore_index=True)
    sleutels = [k.sleutel for k in kopcijfers(flows, INWONERS, "WK1", ["WK2"])]
    assert "taakveld:6.1 Samenkracht" not in sleutels
    assert sleutels[1:4] == [
        "taakveld:6.3 Inkomensregelingen",
        "taakveld:2.1 Verkeer en vervoer",
        "taakveld:0.4 Overhead",
    ]
    assert alleen_inwoners(flows, "WK1") == ["6.1 Samenkracht"]
    assert alleen_inwoners(flows.drop(columns=["sleutel_soort", "sleutel"]), "WK1") == []


def test_a_taakveld_with_inhabitants_as_its_own_key_is_no_largest_taakveld_either():
    """Den Haag 6.1: the intended key is inwoners_aantal (sleutel_soort 'bedoeld'), so it shows
    EUR 313 per inhabitant for the wijk, the gemeente and similar wijken alike."""
    flows = _flows()
    zes = pd.DataFrame(
        [
            {
                **_rij(r, "gemeente", "GM1", r, "6.1 Samenkracht", 313.0 * n),
                "sleutel": "inwoners_aantal (KWB 2019)",
                "sleutel_soort": "bedoeld",
            }
            for r, n in [("WK1", 1000), ("WK2", 3000)]
        ]
    )
    flows = pd.concat([flows, zes], ignore_index=True)
    sleutels = [k.sleutel for k in kopcijfers(flows, INWONERS, "WK1", ["WK2"])]
    assert "taakveld:6.1 Samenkracht" not in sleutels
    assert alleen_inwoners(flows, "WK1") == ["6.1 Samenkracht"]
    # a key that merely contains inhabitants is another key
    anders = flows.assign(
        sleutel=flows["sleutel"].replace(
            "inwoners_aantal (KWB 2019)", "inwoners_aantal * 2 (KWB 2019)"
        )
    )
    assert alleen_inwoners(anders, "WK1") == []


def test_values_by_hand():
    k = _per(kopcijfers(_flows(), INWONERS, "WK1", ["WK2"]))
    gm = k["gemeente_per_inwoner"]
    assert gm.regio == pytest.approx(4600 / 1000)
    # WK3 (10 inhabitants) still counts in the gemeente total: money / all inhabitants
    assert gm.gemeente == pytest.approx((4600 + 4000 + 9999) / 4010)
    assert gm.vergelijkbaar == pytest.approx(4000 / 3000)
    assert gm.methode == "toegerekend" and gm.jaar == 2023
    t = k["taakveld:6.3 Inkomensregelingen"]
    assert t.regio == pytest.approx(3.0) and t.gemeente == pytest.approx(13999 / 4010)
    # a taakveld a region has no money for counts as 0 there, not as absent
    o = k["taakveld:0.4 Overhead"]
    assert o.regio == pytest.approx(0.5) and o.gemeente == pytest.approx(500 / 4010)
    assert o.vergelijkbaar == pytest.approx(0.0)
    assert k["inkomen_per_inwoner"].regio == pytest.approx(20.0)
    assert k["inkomen_per_inwoner"].gemeente == pytest.approx(80000 / 4000)
    e = k["energielast"]
    assert e.regio == pytest.approx(5.0) and e.gemeente == pytest.approx(2200 / 80000 * 100)
    assert e.vergelijkbaar == pytest.approx(2.0) and e.methode == "geschat"
    assert k["zorgkosten_per_inwoner"].gemeente == pytest.approx(4000 / 4000)


def test_small_region_has_no_value_but_the_gemeente_has():
    k = _per(kopcijfers(_flows(), INWONERS, "WK3"))
    assert math.isnan(k["gemeente_per_inwoner"].regio)
    assert pd.notna(k["gemeente_per_inwoner"].gemeente)
    assert math.isnan(k["gemeente_per_inwoner"].vergelijkbaar)  # none given


def test_no_flows_no_headline():
    assert kopcijfers(_flows()[:0], INWONERS, "WK1") == []


def test_what_stands_out_names_both_values_and_method():
    zinnen = opvallend(kopcijfers(_flows(), INWONERS, "WK1", ["WK2"]))
    assert len(zinnen) == 3
    # 0.4 Overhead 0,50 against 0,12 (x4), zorg 2 against 1 (x2), energy 5,0% against 2,75%
    assert zinnen[0].startswith("Taakveld 0.4 Overhead is 4,0 keer zo hoog")
    assert zinnen[1].startswith("Zorgkosten (Zvw) per inwoner is 2,0 keer zo hoog")
    assert "(5,0% tegen 2,8%; geschat)" in zinnen[2]
    assert all("gemeente" in z for z in zinnen)


def test_dutch_number_format():
    assert getal(1722000) == "1.722.000"
    assert getal(2.297, 3) == "2,297"
    assert getal(30800) == "30.800"
    assert euro(7443.4) == "€ 7.443"
    assert euro_kort(233_600_000) == "€ 233,6 mln"
    assert euro_kort(2_532_000_000) == "€ 2,5 mld"
    assert procent(3.44) == "3,4%"
    assert jaar(2026.0) == "2026"
    assert getal(float("nan")) == "—" and euro(None) == "—"


def test_no_doubled_words():
    from geldstromen.domain.opmaak import met_kop

    assert met_kop("Bron", "CBS 84583NED") == "Bron: CBS 84583NED"
    assert met_kop("Bron", "Bron: CBS") == "Bron: CBS"
    assert met_kop("Scenario", "Scenario buurtsportcoach") == "Scenario buurtsportcoach"
    assert met_kop("Scenario", "Twee sportcoaches") == "Scenario: Twee sportcoaches"


def test_placeholders_are_dutch():
    from geldstromen.ui.plaatshouder import GEEN, plaatshouder

    assert plaatshouder([]) == GEEN == "Geen keuzes beschikbaar"
    assert plaatshouder(["a"], meer=True) == "Kies een of meer"
