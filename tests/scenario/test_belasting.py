"""Energy-tax transfer (huishoudens <- Rijk) and the before/after flow links of a scenario."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from geldstromen.domain.opmaak import euro
from geldstromen.families.stromen import kies_iv3
from geldstromen.scenario.belasting import (
    pad,
    pad_tekst,
    prijs_incl,
    tarief,
    tarief_in,
    tarieftabel,
)
from geldstromen.scenario.config import naar_config, scenario_uit, standaard, toepassen
from geldstromen.scenario.gegevens import aannames
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

# supply price 1.00 euro per m3 excl. btw; taxes 0.30 per m3 and 21% btw:
# the household saves (1.00 + 0.30) x 1.21 = 1.573 per m3, of which 0.573 is tax.
GAS = Effect("aardgas", "Minder aardgas", 100, 1.0, "huishoudens", belasting_eur=0.3, btw_pct=21)
BESPAARD, BELAST = 1.3 * 1.21, 1.3 * 1.21 - 1.0


def _iso(*effecten, kosten=0.0) -> Interventie:
    return Interventie("iso", "Isolatie", 10, kosten, 0, {"gemeente": 100}, 2025, 3, effecten)


def test_tax_part_is_a_transfer_from_the_rijk_hand_computed():
    # 10 woningen x 100 m3 = 1000 m3 per year; the households save 1000 x 1.573 = 1573 a year,
    # of which 1000 x 0.573 = 573 is energiebelasting + btw the Rijk no longer gets.
    sam = samenvatting(Scenario("t", (_iso(GAS),), 0)).set_index("partij")
    assert sam.at["huishoudens", "netto_eur"] == pytest.approx(3 * 1573)
    assert sam.at["rijk", "netto_eur"] == pytest.approx(-3 * 573)
    assert prijs_incl(1.0, 0.3, 21) == pytest.approx(1.573)


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
    assert baten.groupby("jaar")["bedrag_eur"].sum().tolist() == pytest.approx([1573] * 3)


def test_no_tax_split_without_tax_assumptions_or_for_a_transfer():
    plain = Effect("aardgas", "Minder aardgas", 100, 1.0, "huishoudens")
    assert "rijk" not in set(kasstromen(Scenario("t", (_iso(plain),), 0))["partij"])
    overdracht = Effect(
        "x", "X", 100, 1.0, "huishoudens", betaler="gemeente", belasting_eur=0.3, btw_pct=21
    )
    flows = kasstromen(Scenario("t", (_iso(overdracht),), 0))
    assert "rijk" not in set(flows["partij"])
    assert abs(flows["bedrag_eur"].sum()) < 1e-9


def test_per_post_shows_the_transfer_per_party():
    posten = per_post(Scenario("t", (_iso(GAS),), 0))
    b = posten[posten["post"].str.endswith(BELASTING_POST)].set_index("partij")
    assert b.at["rijk", "tegenpartij"] == "huishoudens"
    assert b.at["rijk", "bedrag_eur"] == pytest.approx(-b.at["huishoudens", "bedrag_eur"])
    # 3 years x 10 units x 100 m3 x 0.573 euro tax per m3
    assert belastingderving(posten) == pytest.approx(3 * 10 * 100 * BELAST)
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
    for drager in ("aardgas", "elektriciteit"):
        jaren = sorted(t.loc[t["drager"] == drager, "jaar"])
        assert jaren == list(range(2019, 2026))
    gas = tarief("aardgas", 2019)
    assert gas["belasting"]["waarde"] == pytest.approx(0.29313 + 0.0524)
    assert gas["btw_pct"]["waarde"] == 21
    assert "2019" in gas["belasting"]["bron"]
    assert tarief("aardgas", 1990) is None


def test_2025_rates_are_the_belastingplan_2025_rates():
    # Belastingplan 2025: gas 0-1.000 m3 lowered to 0.57816 euro per m3 (was 0.58301 in 2024);
    # electricity 0-2.900 kWh 0.10154 euro per kWh; ODE is part of the energiebelasting.
    gas, stroom = tarief("aardgas", 2025), tarief("elektriciteit", 2025)
    assert gas["belasting"]["waarde"] == 0.57816 and stroom["belasting"]["waarde"] == 0.10154
    assert gas["btw_pct"]["waarde"] == stroom["btw_pct"]["waarde"] == 21
    assert "2025" in gas["belasting"]["bron"] and "Belastingplan 2025" in gas["belasting"]["bron"]


def test_each_scenario_year_has_its_own_rates_and_later_years_say_carried_forward():
    assert pad("aardgas", range(2023, 2028)) == [
        (2023, 0.4898, 21.0),
        (2024, 0.58301, 21.0),
        (2025, 0.57816, 21.0),
        (2026, 0.57816, 21.0),
        (2027, 0.57816, 21.0),
    ]
    later = tarief_in("aardgas", 2031)
    assert later["belasting"]["waarde"] == 0.57816
    assert "tarief 2025 voor 2031: doorgetrokken" in later["belasting"]["bron"]
    assert "doorgetrokken" not in tarief_in("aardgas", 2024)["belasting"]["bron"]
    assert "eerste bekende jaar" in tarief_in("aardgas", 2010)["btw_pct"]["bron"]
    assert pad_tekst("aardgas", range(2025, 2040)) == (
        "2025: 0.57816 euro + 21% btw; 2026–2039: tarief 2025 doorgetrokken "
        "(0.57816 euro + 21% btw)"
    )


def test_an_intervention_running_2025_2039_is_taxed_at_2025_rates_not_2019():
    # the review's case: 15 years from 2025 were priced with the 2019 tax (0.34553 per m3)
    item = standaard("isolatie_koop_laag_inkomen", {}, {}, 2025)
    b = item["effecten"][0]["belasting"]
    assert b["belasting_eur"]["waarde"] == 0.57816 and b["per_jaar"]
    item["eenheden"]["waarde"] = 1
    item["kosten_eenmalig_per_eenheid_eur"]["waarde"] = 0
    item["startjaar"]["waarde"], item["looptijd_jaar"]["waarde"] = 2025, 15
    item["kostenverdeling_pct"]["waarden"] = {"rijk": 100}
    item["effecten"][0]["per_eenheid"]["waarde"] = 100
    item["effecten"][0]["prijs"]["waarde"] = 0.5
    flows = kasstromen(scenario_uit([item], "x", 0))
    rijk = flows[flows["partij"] == "rijk"].groupby("jaar")["bedrag_eur"].sum()
    assert list(rijk.index) == list(range(2025, 2040))
    # 100 m3 x ((0.5 + 0.57816) x 1.21 - 0.5) in every year, never the 2019 rate
    assert rijk.tolist() == pytest.approx([-100 * ((0.5 + 0.57816) * 1.21 - 0.5)] * 15)


def test_defaults_fill_the_tax_of_the_start_year_and_a_typed_rate_holds_every_year():
    item = standaard("isolatie_koop_laag_inkomen", {}, {}, 2020)
    b = item["effecten"][0]["belasting"]
    assert b["belasting_eur"]["waarde"] == pytest.approx(0.33307 + 0.0775)
    assert "Belastingdienst" in b["btw_pct"]["bron"]
    eerder = standaard("isolatie_koop_laag_inkomen", {}, {}, 2010)["effecten"][0]["belasting"]
    assert eerder["belasting_eur"]["waarde"] == pytest.approx(0.34553)  # first known year
    assert "eerste bekende jaar" in eerder["belasting_eur"]["bron"]
    eigen = toepassen(
        standaard("isolatie_koop_laag_inkomen", {}, {}, 2025),
        {
            "id": "isolatie_koop_laag_inkomen",
            "startjaar": 2025,
            "looptijd_jaar": 3,
            "eenheden": 1,
            "kosten_eenmalig_per_eenheid_eur": 0,
            "kostenverdeling_pct": {"rijk": 100},
            "effecten": {
                "aardgas": {"per_eenheid": 1, "prijs": 1, "belasting_eur": 0.5, "btw_pct": 21}
            },
        },
    )
    assert not eigen["effecten"][0]["belasting"]["per_jaar"]
    e = scenario_uit([eigen], "x", 0).interventies[0].effecten[0]
    assert e.belasting_per_jaar == () and e.belasting_in(2027) == (0.5, 21)


def test_tax_assumptions_round_trip_and_export_with_source():
    item = standaard("isolatie_koop_laag_inkomen", {}, {}, 2019)
    config = naar_config([item], "x", 0)
    eff = config["interventies"][0]["effecten"]["aardgas"]
    assert eff["belasting_eur"] == pytest.approx(0.34553) and eff["btw_pct"] == 21
    item["looptijd_jaar"]["waarde"] = 10
    rijen = aannames([item], {"waarde": 0, "bron": "x"})
    btw = rijen[rijen["grootheid"] == "Minder aardgas (btw in de prijs)"].iloc[0]
    assert btw["partij"] == "huishoudens <- rijk" and "Belastingdienst" in btw["bron"]
    assert "2026–2028: tarief 2025 doorgetrokken" in btw["bron"]


def test_tariffs_match_cbs_84672ned_2022(shared_data):
    # CBS publishes the 2022 rates incl. btw per month: 21% until June, 9% from July.
    frame = pd.read_csv(next((shared_data / "cbs_prijzen").glob("cbs_84672NED_*.csv")), sep=";")
    for r in frame.itertuples():
        btw = 1.21 if int(r.periode.split()[0]) == 2022 and r.Index < 6 else 1.09
        t = tarieftabel().set_index(["jaar", "drager"])
        for drager, eb, ode in (
            ("aardgas", r.aardgas_energiebelasting_eur_per_m3, r.aardgas_ode_eur_per_m3),
            (
                "elektriciteit",
                r.elektriciteit_energiebelasting_eur_per_kwh,
                r.elektriciteit_ode_eur_per_kwh,
            ),
        ):
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
    assert (
        extra["van"].str.startswith("Scenario:")
        | extra["naar"].str.startswith("Scenario:")
        | extra["van"].isin(["Rijk", "Gemeente", "Huishoudens"])
    ).all()
    rijk = extra[(extra["van"] == "Rijk") & (extra["naar"] == "Huishoudens")]
    assert rijk["bedrag_eur"].sum() == pytest.approx(1000 * BELAST)
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
    assert notities == [
        "Gemeente (lasten, standaardsleutels): Iv3 jaarrekening 2023 ....",
        "Geen gemeentestromen voor WK1 in 2020.",
    ]


def test_iv3_choice_is_the_closest_year_jaarrekening_first():
    # the scenario's "voor" flows pair the data year with Iv3 through families.stromen
    b = pd.DataFrame(
        {
            "jaar": [2023, 2023, 2024, 2025],
            "stuk": ["begroting", "jaarrekening", "begroting", "begroting"],
        }
    )
    assert kies_iv3(b, 2019) == (2023, "jaarrekening")
    assert kies_iv3(b, 2025) == (2025, "begroting")
    assert kies_iv3(b.iloc[:0], 2019) is None


def test_scenario_from_items_carries_the_tax_of_each_year():
    item = standaard("isolatie_koop_laag_inkomen", {}, {}, 2024)
    item["eenheden"]["waarde"] = 10
    item["kosten_eenmalig_per_eenheid_eur"]["waarde"] = 0
    item["startjaar"]["waarde"], item["looptijd_jaar"]["waarde"] = 2024, 3
    item["kostenverdeling_pct"]["waarden"] = {"rijk": 100}
    item["effecten"][0]["per_eenheid"]["waarde"] = 100
    item["effecten"][0]["prijs"]["waarde"] = 1.0
    e = scenario_uit([item], "x", 0).interventies[0].effecten[0]
    assert e.belasting_per_jaar == (
        (2024, 0.58301, 21.0),
        (2025, 0.57816, 21.0),
        (2026, 0.57816, 21.0),
    )


def test_real_gas_saving_uses_the_variable_price_and_the_taxes_of_each_year(
    real_store, shared_data
):
    """Real CBS files: the default gas price is the 2022 variable supply price excl. btw
    (84672NED), recomputed here from the raw file, and a saving in 2026-2030 adds the taxes of
    those years (2025 carried forward), not the 2019 average price incl. fixed charges."""
    from geldstromen import db
    from geldstromen.scenario import opslag
    from geldstromen.scenario.gegevens import prijzen_voor

    engine = db.make_engine(real_store(["energieprijzen"]))
    prijzen = prijzen_voor(opslag.energietarieven(engine))
    map_ = shared_data / "cbs_prijzen"
    raw = pd.read_csv(next(map_.glob("cbs_84672NED_*.csv")), sep=";")
    # 2022: btw 21% January-June, 9% from July (the temporary lower rate on energy)
    btw = [
        1.21 if m in ("januari", "februari", "maart", "april", "mei", "juni") else 1.09
        for m in raw["periode"].str.split().str[-1]
    ]
    verwacht = (raw["aardgas_variabel_leveringstarief_eur_per_m3"] / btw).mean()
    assert len(raw) == 10 and raw["periode"].str.startswith("2022").all()
    gas = prijzen["aardgasprijs"]
    assert gas["waarde"] == pytest.approx(verwacht, abs=1e-4) and gas["jaar"] == 2022
    assert "10 maanden (januari–oktober)" in gas["bron"] and "doorgetrokken" in gas["bron"]
    gemiddeld = pd.read_csv(next(map_.glob("cbs_81309NED_*.csv")), sep=";")
    jaar_2019 = gemiddeld[gemiddeld["periode"] == "2019"]
    oud = float(jaar_2019["aardgas_huishoudens_20_200gj_eur_per_gj"].iloc[0]) * 0.03517
    assert oud == pytest.approx(0.9217, abs=1e-4)  # what the scenario used before
    item = standaard("isolatie_koop_laag_inkomen", {}, prijzen, 2026)
    item["eenheden"]["waarde"], item["kosten_eenmalig_per_eenheid_eur"]["waarde"] = 1, 0
    item["startjaar"]["waarde"], item["looptijd_jaar"]["waarde"] = 2026, 5
    item["kostenverdeling_pct"]["waarden"] = {"rijk": 100}
    item["effecten"][0]["per_eenheid"]["waarde"] = 100
    flows = kasstromen(scenario_uit([item], "x", 0))
    hh = flows[flows["partij"] == "huishoudens"].groupby("jaar")["bedrag_eur"].sum()
    assert hh.tolist() == pytest.approx([100 * (verwacht + 0.57816) * 1.21] * 5, abs=0.01)


@pytest.mark.parametrize("regio", ["WK051829", "WK036300", "WK036311"])
def test_real_every_catalogue_intervention_computes_without_typing(real_store, regio):
    """Real KWB 2019 and CBS prices: a chosen intervention has every value with a source for
    Den Haag and Amsterdam wijken (before: "Isolatie koopwoningen" missed five values). The one
    gap left is data CBS does not publish: stadsverwarming_pct is suppressed for WK051829 and
    WK036300 in 2019, so the warmtenet's units are named as missing there, not invented."""
    from geldstromen import db
    from geldstromen.scenario import opslag
    from geldstromen.scenario.config import catalogus, ontbrekend
    from geldstromen.scenario.gegevens import indicatoren_voor, prijzen_voor
    from geldstromen.scenario.model import samenvatting

    engine = db.make_engine(real_store(["cbs_kwb", "energieprijzen"]))
    ind = indicatoren_voor(opslag.regio_indicatoren(engine, regio), 2019)
    prijzen = prijzen_voor(opslag.energietarieven(engine))
    for iid in catalogus()["interventies"]:
        item = standaard(iid, ind, prijzen, 2026)
        stadsverwarming = ind["stadsverwarming_pct"]["waarde"]
        if iid == "warmtenet" and pd.isna(stadsverwarming):
            assert ontbrekend(item) == ["aantal eenheden"]
            assert item["eenheden"]["ontbreekt"] == "stadsverwarming_pct"
            continue
        assert ontbrekend(item) == [], (iid, ontbrekend(item))
        sam = samenvatting(scenario_uit([item], iid, 2.25)).set_index("partij")
        assert (sam["kosten_eur"].sum() > 0) == (item["eenheden"]["waarde"] > 0), iid
    iso = standaard("isolatie_koop_laag_inkomen", ind, prijzen, 2026)
    gas = ind["aardgas_m3_per_woning"]["waarde"]
    assert iso["effecten"][0]["per_eenheid"]["waarde"] == pytest.approx(0.2 * gas, abs=0.01)
    verwacht = round(
        ind["woningen_aantal"]["waarde"]
        * ind["koopwoningen_pct"]["waarde"]
        / 100
        * ind["bouwjaar_voor_2000_pct"]["waarde"]
        / 100
        * ind["huish_laag_inkomen_pct"]["waarde"]
        / 100
    )
    assert iso["eenheden"]["waarde"] == verwacht
