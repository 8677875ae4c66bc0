"""Age standardisation of Zvw costs: conservation and age effect (synthetic numbers)."""

import pandas as pd
import pytest

from geldstromen.domain import zorg


def test_kwb_klasse_sums_vektis_classes():
    assert zorg.kwb_klasse(" 0 t/m  4 jaar") == "0_15"
    assert zorg.kwb_klasse("10 t/m 14 jaar") == "0_15"
    assert zorg.kwb_klasse("15 t/m 19 jaar") == "15_25"
    assert zorg.kwb_klasse("60 t/m 64 jaar") == "45_65"
    assert zorg.kwb_klasse("90+") == "65plus"
    assert zorg.kwb_klasse("onbekend") is None


def test_categories():
    assert zorg.zorgcategorie("KOSTEN_HUISARTS_CONSULT") == "Huisartsenzorg"
    assert zorg.zorgcategorie("KOSTEN_SPECIALISTISCHE_GGZ") == "GGZ"
    assert zorg.zorgcategorie("KOSTEN_EERSTELIJNS_ONDERSTEUNING") == "Overige Zvw-zorg"
    assert zorg.zorgcategorie("Pharmacy") == "Farmacie"


def _inputs():
    tarieven = pd.DataFrame(
        {
            "klasse": list(zorg.KWB_KLASSEN) * 2,
            "categorie": ["Farmacie"] * 5 + ["GGZ"] * 5,
            "tarief_eur": [100, 150, 200, 400, 1200, 10, 200, 150, 100, 20],
        }
    )
    totalen = pd.DataFrame({"categorie": ["Farmacie", "GGZ"], "bedrag_eur": [1e6, 3e5]})
    ind = pd.DataFrame(
        {
            "regio_code": ["WK1", "WK2", "WK3"],
            "regio_naam": ["Oud", "Jong", "Onbekend"],
            "inwoners_aantal": [1000, 1000, 50],
            "inwoners_0_15_aantal": [100, 300, None],
            "inwoners_15_25_aantal": [100, 200, None],
            "inwoners_25_45_aantal": [100, 300, None],
            "inwoners_45_65_aantal": [200, 150, None],
            "inwoners_65plus_aantal": [500, 50, None],
        }
    )
    return tarieven, totalen, zorg.leeftijdsopbouw(ind)


def test_conservation_per_category_and_older_costs_more():
    tarieven, totalen, bev = _inputs()
    out = zorg.standaardiseer(tarieven, totalen, bev)
    sums = out.groupby("categorie")["bedrag_eur"].sum()
    assert sums["Farmacie"] == pytest.approx(1e6, rel=1e-12)
    assert sums["GGZ"] == pytest.approx(3e5, rel=1e-12)
    farm = out[out["categorie"] == "Farmacie"].set_index("regio_naam")["bedrag_eur"]
    assert farm["Oud"] > 1.5 * farm["Jong"]  # same population, older wijk costs more
    ggz = out[out["categorie"] == "GGZ"].set_index("regio_naam")["bedrag_eur"]
    assert ggz["Jong"] > ggz["Oud"]  # a category that peaks in young adults goes the other way
    assert not out.set_index("regio_naam").loc["Onbekend", "leeftijd_bekend"].any()


def test_pct_columns_used_when_counts_missing():
    ind = pd.DataFrame(
        {
            "regio_code": ["WK1"],
            "regio_naam": ["A"],
            "inwoners_aantal": [200],
            **{f"inwoners_{k}_pct": [20.0] for k in zorg.KWB_KLASSEN},
        }
    )
    bev = zorg.leeftijdsopbouw(ind)
    assert list(bev["inwoners"]) == [40.0] * 5


def test_per_gebied_per_inhabitant_and_missing_population():
    flows = pd.DataFrame(
        {
            "regio_code": ["WK1", "WK1", "WK2", "WK2"],
            "regio_naam": ["Oud", "Oud", "Leeg", "Leeg"],
            "categorie": ["Farmacie", "GGZ", "Farmacie", "GGZ"],
            "bedrag_eur": [300.0, 100.0, 50.0, 50.0],
        }
    )
    inw = pd.Series({"WK1": 2000, "WK2": 0})
    out = zorg.per_gebied(flows, inw, top=1).set_index("regio_code")
    assert (
        out.loc["WK1", "zorgkosten_eur"] == 400
        and out.loc["WK1", "zorgkosten_per_inwoner_eur"] == 0.2
    )
    assert out.loc["WK1", "Farmacie per inwoner (EUR)"] == 0.15
    assert "GGZ per inwoner (EUR)" not in out
    assert pd.isna(out.loc["WK2", "zorgkosten_per_inwoner_eur"])  # no inhabitants: no figure
    assert out.loc["WK2", "toelichting"] == "te weinig inwoners"
    klein = zorg.per_gebied(flows, pd.Series({"WK1": 2, "WK2": 0}), top=1).set_index("regio_code")
    assert klein["zorgkosten_per_inwoner_eur"].isna().all()  # 2 inhabitants: below the minimum
