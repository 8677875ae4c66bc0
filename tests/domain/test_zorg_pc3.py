"""PC3 -> buurt: each PC3 total per care category is split over its buurten to the cent, in
proportion to population x the PC3's own cost per insured year per age class; the smallest and
the largest buurt and PC3 are checked against a hand computation; nothing is dropped."""

import pandas as pd
import pytest

from geldstromen.domain import zorg_pc3

KLASSEN = ["0_15", "15_25", "25_45", "45_65", "65plus"]


def _pc3() -> pd.DataFrame:
    """Three PC3s (101 expensive, 102 cheap, 103 without a buurt) and the rest row."""
    rows = []
    for pc3, niveau in (("101", 3.0), ("102", 1.0), ("103", 2.0)):
        for i, k in enumerate(KLASSEN):
            jaren = 1000.0 * (i + 1)
            for cat, basis in (("Farmacie", 100.0), ("Huisartsenzorg", 50.0)):
                bedrag = round(basis * niveau * (i + 1) ** 2 * jaren / 7, 2)  # odd cents
                rows.append((pc3, k, cat, jaren, bedrag))
    rows.append((None, "onbekend", "Farmacie", 11.0, 999.99))
    return pd.DataFrame(
        rows, columns=["postcode3", "leeftijdsklasse", "categorie", "verzekerdejaren", "bedrag_eur"]
    )


def _bevolking() -> pd.DataFrame:
    """PC3 101: a tiny buurt (3 inhabitants, all 65+) and a large young one; PC3 102: one
    buurt with ages and one without (class onbekend)."""
    rows = [("BU01", "Klein", "101", "65plus", 3.0)]
    rows += [
        ("BU02", "Groot", "101", k, n)
        for k, n in zip(KLASSEN, [900, 700, 2500, 1200, 300], strict=True)
    ]
    rows += [("BU03", "Midden", "102", k, 100.0 * (j + 1)) for j, k in enumerate(KLASSEN)]
    rows += [("BU04", "Zonder leeftijd", "102", "onbekend", 400.0)]
    return pd.DataFrame(
        rows, columns=["regio_code", "regio_naam", "postcode3", "klasse", "inwoners"]
    )


def test_pc3_totals_conserved_to_the_cent():
    pc3 = _pc3()
    toegedeeld, niet = zorg_pc3.verdeel_pc3(pc3, _bevolking())
    for (code, cat), groep in toegedeeld.groupby(["postcode3", "categorie"]):
        bron = pc3[(pc3["postcode3"] == code) & (pc3["categorie"] == cat)]["bedrag_eur"].sum()
        assert round(groep["bedrag_eur"].sum() * 100) == round(bron * 100), (code, cat)
    # nothing dropped: allocated + not allocated = the file
    assert toegedeeld["bedrag_eur"].sum() + niet["bedrag_eur"].sum() == pytest.approx(
        pc3["bedrag_eur"].sum(), abs=0.005
    )
    assert set(niet["reden"]) == {"restrij (minder dan 10 personen)", "geen buurt met inwoners"}
    assert set(niet.loc[niet["postcode3"].notna(), "postcode3"]) == {"103"}


def test_smallest_and_largest_buurt_by_hand():
    pc3 = _pc3()
    toegedeeld, _ = zorg_pc3.verdeel_pc3(pc3, _bevolking())
    far = toegedeeld[toegedeeld["categorie"] == "Farmacie"].set_index("regio_code")["bedrag_eur"]
    f101 = pc3[(pc3["postcode3"] == "101") & (pc3["categorie"] == "Farmacie")]
    tarief = dict(
        zip(f101["leeftijdsklasse"], f101["bedrag_eur"] / f101["verzekerdejaren"], strict=True)
    )
    klein = 3 * tarief["65plus"]
    groot = sum(n * tarief[k] for k, n in zip(KLASSEN, [900, 700, 2500, 1200, 300], strict=True))
    totaal = f101["bedrag_eur"].sum()
    assert far["BU01"] == pytest.approx(totaal * klein / (klein + groot), abs=0.01)
    assert far["BU02"] == pytest.approx(totaal * groot / (klein + groot), abs=0.01)
    assert far["BU01"] > 0  # the tiny buurt keeps its share, however small
    # the buurt without ages gets the PC3's average cost per insured year
    f102 = pc3[(pc3["postcode3"] == "102") & (pc3["categorie"] == "Farmacie")]
    gem = f102["bedrag_eur"].sum() / f102["verzekerdejaren"].sum()
    t102 = dict(
        zip(f102["leeftijdsklasse"], f102["bedrag_eur"] / f102["verzekerdejaren"], strict=True)
    )
    midden = sum(100.0 * (j + 1) * t102[k] for j, k in enumerate(KLASSEN))
    zonder = 400 * gem
    assert far["BU04"] == pytest.approx(
        f102["bedrag_eur"].sum() * zonder / (midden + zonder), abs=0.01
    )


def test_pc3_of_a_kwb_postcode():
    assert zorg_pc3.pc3_van("      1012") == "101"
    assert zorg_pc3.pc3_van("9999") == "999"
    assert zorg_pc3.pc3_van(".") is None and zorg_pc3.pc3_van(None) is None
    assert zorg_pc3.pc3_van("0123") is None  # Dutch postcodes start at 1000


def test_combineer_keeps_the_gemeente_total():
    per = pd.DataFrame(
        {
            "regio_code": ["A", "B", "C"],
            "regio_naam": ["A", "B", "C"],
            "categorie": "Farmacie",
            "verwacht_eur": [10.0, 10.0, 10.0],
            "bedrag_eur": [100.0, 100.0, 100.0],
            "leeftijd_bekend": True,
        }
    )
    verwacht = pd.DataFrame(
        {"regio_code": ["A", "B"], "categorie": "Farmacie", "verwacht_eur": [30.0, 10.0]}
    )
    out = zorg_pc3.combineer(per, verwacht).set_index("regio_code")
    assert out["bedrag_eur"].sum() == pytest.approx(300.0)
    assert out.loc["A", "bedrag_eur"] == pytest.approx(300 * 30 / 50)
    assert out.loc["C", "sleutel_opmerking"] == " (geen PC3-sleutel: gemeentetarief)"
    assert out.loc["A", "sleutel_opmerking"] == ""
