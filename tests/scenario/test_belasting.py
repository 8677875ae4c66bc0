"""Energy-tax transfer (huishoudens <- Rijk) and the before/after flow links of a scenario."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from geldstromen.domain.opmaak import euro
from geldstromen.rapport.koppeling import kies_iv3
from geldstromen.scenario.belasting import belastingdeel, tarief, tarieftabel
from geldstromen.scenario.config import naar_config, ontbrekend, scenario_uit, standaard
from geldstromen.scenario.gegevens import aannames, tarieven_voor
from geldstromen.scenario.model import (
    BELASTING_POST,
    Effect,
    Interventie,
    Scenario,
    belastingderving,
    kasstromen,
    per_post,
    samenvatting,
    terugverdiend,
)
from geldstromen.scenario.stromen import samenvoegen, scenario_links, verschil, voor_links

GAS = Effect("aardgas", "Minder aardgas", 100, 1.0, "huishoudens", belasting_eur=0.3, btw_pct=21)


def _iso(*effecten, kosten=0.0) -> Interventie:
    return Interventie("iso", "Isolatie", 10, kosten, 0, {"gemeente": 100}, 2025, 3, effecten)


def test_tax_part_is_a_transfer_from_the_rijk_hand_computed():
    # 10 woningen x 100 m3 x 1.00 euro = 1000 per year saved by the households;
    # tax per m3 = 0.30 + 1.00 x 21/121 = 0.473554; x 1000 m3 = 473.55 the Rijk no longer gets.
    sam = samenvatting(Scenario("t", (_iso(GAS),), 0)).set_index("partij")
    assert sam.at["huishoudens", "netto_eur"] == pytest.approx(3 * 1000)
    assert sam.at["rijk", "netto_eur"] == pytest.approx(-3 * 1000 * (0.3 + 21 / 121))
    assert belastingdeel(1.0, 0.3, 21) == pytest.approx(0.473554, abs=1e-6)


def test_conservation_rijk_loses_exactly_the_households_tax_part():
    flows = kasstromen(Scenario("t", (_iso(GAS, kosten=500),), 2))
    post = f"Minder aardgas: {BELASTING_POST}"
    belasting = flows[flows["post"] == post]
    per_jaar = belasting.groupby("jaar")["bedrag_eur"].sum()
    assert (per_jaar.abs() < 1e-9).all()  # huishoudens + rijk = 0 in every year
    hh = belasting[belasting["partij"] == "huishoudens"]
    assert set(hh["tegenpartij"]) == {"rijk"}
    rijk = belasting[belasting["partij"] == "rijk"]["bedrag_eur"].sum()
    assert -rijk == pytest.approx(hh["bedrag_eur"].sum())
    # the households' whole saving is unchanged: bill part + tax part = quantity x price
    baten = flows[(flows["partij"] == "huishoudens") & (flows["soort"] == "baten")]
    assert baten.groupby("jaar")["bedrag_eur"].sum().tolist() == pytest.approx([1000] * 3)


def test_no_tax_split_without_tax_assumptions_or_for_a_transfer():
    plain = Effect("aardgas", "Minder aardgas", 100, 1.0, "huishoudens")
    assert "rijk" not in set(kasstromen(Scenario("t", (_iso(plain),), 0))["partij"])
    overdracht = Effect("x", "X", 100, 1.0, "huishoudens", betaler="gemeente", belasting_eur=0.3,
                        btw_pct=21)  # fmt: skip
    flows = kasstromen(Scenario("t", (_iso(overdracht),), 0))
    assert "rijk" not in set(flows["partij"])
    assert abs(flows["bedrag_eur"].sum()) < 1e-9


def test_per_post_shows_the_transfer_per_party():
    posten = per_post(Scenario("t", (_iso(GAS),), 0))
    b = posten[posten["post"].str.endswith(BELASTING_POST)].set_index("partij")
    assert b.at["rijk", "tegenpartij"] == "huishoudens"
    assert b.at["rijk", "bedrag_eur"] == pytest.approx(-b.at["huishoudens", "bedrag_eur"])
    # 3 years x 10 units x 100 m3 x (0.30 + 1.00 x 21/121) euro tax per m3
    assert belastingderving(posten) == pytest.approx(3 * 10 * 100 * belastingdeel(1.0, 0.3, 21))
    zonder = per_post(Scenario("t", (_iso(replace(GAS, belasting_eur=0, btw_pct=0)),), 0))
    assert belastingderving(zonder) == 0


def test_amount_and_payback_texts():
    assert euro(1234567.4) == "€ 1.234.567"
    assert euro(float("nan")) == "—"
    assert terugverdiend(0, 2027) == "geen kosten"
    assert terugverdiend(100, pd.NA) == "niet binnen looptijd"
    assert terugverdiend(100, 2027) == "2027"


def test_tariff_table_has_sources_and_no_gaps_in_a_listed_year():
    t = tarieftabel()
    assert t["bron"].str.contains("Belastingdienst").all()
    assert not t[["energiebelasting_eur", "ode_eur", "btw_pct"]].isna().any().any()
    gas = tarief("aardgas", 2019)
    assert gas["belasting"]["waarde"] == pytest.approx(0.29313 + 0.0524)
    assert gas["btw_pct"]["waarde"] == 21
    assert "2019" in gas["belasting"]["bron"]
    assert tarief("aardgas", 1990) is None


def test_defaults_fill_the_tax_of_the_data_year_or_leave_it_missing():
    leeg = pd.DataFrame(columns=["drager", "eenheid", "periode", "waarde", "bron"])
    item = standaard("isolatie_koop_laag_inkomen", {}, tarieven_voor(leeg, 2020), 2025)
    b = item["effecten"][0]["belasting"]
    assert b["belasting_eur"]["waarde"] == pytest.approx(0.33307 + 0.0775)
    assert "Belastingdienst" in b["btw_pct"]["bron"]
    zonder = standaard("isolatie_koop_laag_inkomen", {}, tarieven_voor(leeg, 1990), 2025)
    mis = ontbrekend(zonder)
    assert any("energiebelasting + ODE" in m for m in mis) and any("btw" in m for m in mis)


def test_tax_assumptions_round_trip_and_export_with_source():
    leeg = pd.DataFrame(columns=["drager", "eenheid", "periode", "waarde", "bron"])
    item = standaard("isolatie_koop_laag_inkomen", {}, tarieven_voor(leeg, 2019), 2025)
    config = naar_config([item], "x", 0)
    eff = config["interventies"][0]["effecten"]["aardgas"]
    assert eff["belasting_eur"] == pytest.approx(0.34553) and eff["btw_pct"] == 21
    rijen = aannames([item], {"waarde": 0, "bron": "x"})
    btw = rijen[rijen["grootheid"] == "Minder aardgas (btw in de prijs)"].iloc[0]
    assert btw["partij"] == "huishoudens <- rijk" and "Belastingdienst" in btw["bron"]


def test_tariffs_match_cbs_84672ned_2022(shared_data):
    # CBS publishes the 2022 rates incl. btw per month: 21% until June, 9% from July.
    frame = pd.read_csv(next((shared_data / "cbs_prijzen").glob("cbs_84672NED_*.csv")), sep=";")
    for r in frame.itertuples():
        btw = 1.21 if int(r.periode.split()[0]) == 2022 and r.Index < 6 else 1.09
        t = tarieftabel().set_index(["jaar", "drager"])
        for drager, eb, ode in (
            ("aardgas", r.aardgas_energiebelasting_eur_per_m3, r.aardgas_ode_eur_per_m3),
            ("elektriciteit", r.elektriciteit_energiebelasting_eur_per_kwh,
             r.elektriciteit_ode_eur_per_kwh),
        ):  # fmt: skip
            assert t.at[(2022, drager), "energiebelasting_eur"] * btw == pytest.approx(eb, abs=6e-5)
            assert t.at[(2022, drager), "ode_eur"] * btw == pytest.approx(ode, abs=6e-5)


# --- before/after links -----------------------------------------------------------------


FLOWS = pd.DataFrame(
    {
        "regio_code": ["WK1", "WK1", "WK1"],
        "regio_naam": ["Wijk 1"] * 3,
        "familie": ["gemeente", "huishoudens", "zorg"],
        "van": ["GM1", "huishoudens", "zorgverzekeraars"],
        "naar": ["WK1", "energieleveranciers", "Wijk 1"],
        "categorie": ["6.1 Samenkracht", "Energie", "GGZ"],
        "taakveld_code": ["6.1", None, None],
        "bedrag_eur": [1000.0, 500.0, 300.0],
        "methode": ["toegerekend", "geschat", "geschat"],
        "bron": ["Iv3", "KWB", "Vektis"],
    }
)


def test_before_links_keep_the_flows_and_the_scenario_is_a_separate_layer():
    voor = voor_links(FLOWS, "WK1", "Wijk 1")
    assert voor["bedrag_eur"].sum() == 1800
    assert set(voor["methode"]) == {"toegerekend", "geschat"}
    sc = Scenario("t", (_iso(GAS, kosten=200),), 0)
    extra = scenario_links(kasstromen(sc), 2025, {"iso": "Isolatie"}, "scenario t")
    assert set(extra["methode"]) == {"scenario"}
    assert (extra["van"].str.startswith("Scenario:") | extra["naar"].str.startswith("Scenario:")
            | extra["van"].isin(["Rijk", "Gemeente", "Huishoudens"])).all()  # fmt: skip
    rijk = extra[(extra["van"] == "Rijk") & (extra["naar"] == "Huishoudens")]
    assert rijk["bedrag_eur"].sum() == pytest.approx(1000 * (0.3 + 21 / 121))
    kosten = extra[extra["naar"] == "Scenario: Isolatie (uitvoering)"]
    assert kosten["bedrag_eur"].sum() == pytest.approx(2000)  # 10 x 200, start year only
    tabel = verschil(voor, extra)
    obs = tabel[tabel["methode"] != "scenario"]
    assert (obs["verschil_eur"] == 0).all() and obs["voor_eur"].sum() == 1800
    assert tabel.loc[tabel["methode"] == "scenario", "voor_eur"].eq(0).all()
    later = scenario_links(kasstromen(sc), 2026, {"iso": "Isolatie"}, "scenario t")
    assert "Scenario: Isolatie (uitvoering)" not in set(later["naar"])


def test_a_region_without_gemeente_flows_is_said_not_skipped():
    # the region is not in the allocation (e.g. another year's indeling): say so
    andere = FLOWS.assign(regio_code="WK2")
    flows, notities = samenvoegen("WK1", 2020, "Iv3 jaarrekening 2023 ...", {"gemeente": andere})
    assert flows.empty
    assert notities == ["Gemeente (lasten, standaardsleutels): Iv3 jaarrekening 2023 ....",
                        "Geen gemeentestromen voor WK1 in 2020."]  # fmt: skip


def test_iv3_choice_is_the_closest_year_jaarrekening_first():
    # the scenario's "voor" flows pair the data year with Iv3 through rapport.koppeling
    b = pd.DataFrame({"jaar": [2023, 2023, 2024, 2025],
                      "stuk": ["begroting", "jaarrekening", "begroting", "begroting"]})  # fmt: skip
    assert kies_iv3(b, 2019) == (2023, "jaarrekening")
    assert kies_iv3(b, 2025) == (2025, "begroting")
    assert kies_iv3(b.iloc[:0], 2019) is None


def test_scenario_from_items_carries_the_tax():
    leeg = pd.DataFrame(columns=["drager", "eenheid", "periode", "waarde", "bron"])
    item = standaard("isolatie_koop_laag_inkomen", {}, tarieven_voor(leeg, 2019), 2025)
    item["eenheden"]["waarde"] = 10
    item["kosten_eenmalig_per_eenheid_eur"]["waarde"] = 0
    item["looptijd_jaar"]["waarde"] = 2
    item["kostenverdeling_pct"]["waarden"] = {"rijk": 100}
    item["effecten"][0]["per_eenheid"]["waarde"] = 100
    item["effecten"][0]["prijs"]["waarde"] = 1.0
    e = scenario_uit([item], "x", 0).interventies[0].effecten[0]
    assert e.belasting_eur == pytest.approx(0.34553) and e.btw_pct == 21
