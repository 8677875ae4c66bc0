"""Scenario arithmetic: hand-computed cash flows, discounting, payback, conservation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geldstromen.scenario.model import (
    PARTIJEN,
    Effect,
    Interventie,
    Scenario,
    gevoeligheid,
    kasstromen,
    per_partij_per_jaar,
    samenvatting,
    terugverdienjaar,
)


def _isolatie(**kw) -> Interventie:
    basis = dict(
        id="iso",
        label="Isolatie",
        eenheden=10,
        kosten_eenmalig_per_eenheid_eur=1000,
        kosten_jaarlijks_per_eenheid_eur=0,
        kostenverdeling_pct={"rijk": 30, "huishoudens": 70},
        startjaar=2025,
        looptijd_jaar=4,
        effecten=(Effect("gas", "Minder aardgas", 250, 1.0, "huishoudens"),),
    )
    return Interventie(**{**basis, **kw})


def test_hand_computed_flows_per_party_and_year():
    # 10 woningen x 1000 = 10000 once in 2025: rijk 3000, huishoudens 7000;
    # 10 x 250 m3 x 1.00 euro = 2500 per year for huishoudens in 2025..2028.
    res = per_partij_per_jaar(Scenario("t", (_isolatie(),), 0)).set_index(["partij", "jaar"])
    assert res.at[("rijk", 2025), "kosten_eur"] == 3000
    assert res.at[("rijk", 2026), "kosten_eur"] == 0
    assert res.at[("huishoudens", 2025), "netto_eur"] == 2500 - 7000
    assert res.at[("huishoudens", 2028), "cumulatief_eur"] == 4 * 2500 - 7000
    assert res.at[("gemeente", 2027), "netto_eur"] == 0
    assert sorted(res.reset_index()["jaar"].unique()) == [2025, 2026, 2027, 2028]


def test_discounting_to_the_start_year():
    # 10% rate: 2500 + 2500/1.1 + 2500/1.21 + 2500/1.331 - 7000
    sam = samenvatting(Scenario("t", (_isolatie(),), 10)).set_index("partij")
    expected = 2500 * (1 + 1 / 1.1 + 1 / 1.21 + 1 / 1.331) - 7000
    assert sam.at["huishoudens", "netto_contant_eur"] == pytest.approx(expected)
    assert sam.at["huishoudens", "netto_eur"] == pytest.approx(3000)
    assert sam.at["rijk", "netto_contant_eur"] == pytest.approx(-3000)


def test_payback_years():
    sam = samenvatting(Scenario("t", (_isolatie(),), 10)).set_index("partij")
    # nominal: -4500, -2000, +500 (2027); discounted: -4500, -2227.3, -161.2, +1717 (2028)
    assert sam.at["huishoudens", "terugverdienjaar"] == 2027
    assert sam.at["huishoudens", "terugverdienjaar_contant"] == 2028
    assert sam.isna().at["rijk", "terugverdienjaar"]  # only costs: never earned back
    assert sam.at["gemeente", "terugverdienjaar"] == 2025  # nothing to earn back


def test_payback_is_the_year_it_stays_positive():
    import pandas as pd

    jaren = pd.Series([2020, 2021, 2022, 2023])
    assert terugverdienjaar(pd.Series([-1, 1, -1, 2]), jaren) == 2023
    assert terugverdienjaar(pd.Series([-1, -1, -1, -1]), jaren) is None


def test_yearly_costs_fall_in_every_year():
    i = _isolatie(
        kosten_eenmalig_per_eenheid_eur=0,
        kosten_jaarlijks_per_eenheid_eur=100,
        kostenverdeling_pct={"gemeente": 100},
        effecten=(),
    )
    flows = kasstromen(Scenario("t", (i,), 0))
    assert list(flows["jaar"]) == [2025, 2026, 2027, 2028]
    assert (flows["bedrag_eur"] == -1000).all()
    assert set(flows["methode"]) == {"scenario"}


def test_transfer_is_conserved():
    # a transfer: what the payer loses the receiver gains, in every year
    eff = Effect("eb", "Energiebelasting", 100, 0.5, "huishoudens", betaler="rijk")
    i = _isolatie(kosten_eenmalig_per_eenheid_eur=0, effecten=(eff,))
    flows = kasstromen(Scenario("t", (i,), 3))
    per_jaar = flows.groupby("jaar")["bedrag_eur"].sum()
    assert (per_jaar.abs() < 1e-9).all()
    assert flows.loc[flows["partij"] == "rijk", "bedrag_eur"].sum() == -4 * 10 * 100 * 0.5


bedrag = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    eenheden=st.floats(min_value=0, max_value=1e4, allow_nan=False),
    eenmalig=bedrag,
    jaarlijks=bedrag,
    aandelen=st.lists(st.integers(0, 10), min_size=5, max_size=5).filter(lambda a: sum(a) > 0),
    looptijd=st.integers(1, 30),
    voet=st.floats(min_value=0, max_value=15),
    ontvanger=st.sampled_from(PARTIJEN),
)
def test_zero_effect_changes_only_by_cost(
    eenheden, eenmalig, jaarlijks, aandelen, looptijd, voet, ontvanger
):
    som = sum(aandelen)
    verdeling = {p: 100 * a / som for p, a in zip(PARTIJEN, aandelen, strict=True)}
    i = _isolatie(
        eenheden=eenheden,
        kosten_eenmalig_per_eenheid_eur=eenmalig,
        kosten_jaarlijks_per_eenheid_eur=jaarlijks,
        kostenverdeling_pct=verdeling,
        looptijd_jaar=looptijd,
        effecten=(Effect("nul", "Geen effect", 0.0, 123.0, ontvanger),),
    )
    sam = samenvatting(Scenario("t", (i,), voet)).set_index("partij")
    kosten = eenheden * (eenmalig + jaarlijks * looptijd)
    for partij in PARTIJEN:
        verwacht = -kosten * verdeling[partij] / 100
        assert sam.at[partij, "netto_eur"] == pytest.approx(verwacht, rel=1e-9, abs=1e-6)
        assert sam.at[partij, "baten_eur"] == 0


def test_sensitivity_moves_each_assumption():
    gev = gevoeligheid(Scenario("t", (_isolatie(),), 0), 0.25).set_index(["aanname", "partij"])
    units = gev.loc[("Isolatie: aantal eenheden", "huishoudens")]
    # net 3000 scales linearly with the units
    assert units["laag_eur"] == pytest.approx(2250)
    assert units["hoog_eur"] == pytest.approx(3750)
    gas = gev.loc[("Isolatie: Minder aardgas (effect)", "rijk")]
    assert gas["bereik_eur"] == 0  # the rijk does not receive the gas saving


def _drie_energiebesparingen() -> Scenario:
    def item(n: int) -> Interventie:
        gas = Effect("gas", "Minder gas", 250, 1.2, "huishoudens", belasting_eur=0.58, btw_pct=21)
        zorg = Effect("z", "Zorg", 1, 100, "zorgverzekeraar")
        huur = Effect("t", "Huur", 1, 10, "woningcorporatie", "huishoudens")
        return _isolatie(
            id=f"i{n}",
            label=f"I{n}",
            eenheden=100,
            kosten_jaarlijks_per_eenheid_eur=50,
            kostenverdeling_pct={"rijk": 30, "huishoudens": 40, "gemeente": 30},
            startjaar=2025 + n,
            looptijd_jaar=15,
            effecten=(gas, zorg, huur),
        )

    return Scenario("t", tuple(item(n) for n in range(3)), 3.5)


def test_sensitivity_base_is_the_summary_discounted_net():
    scenario = _drie_energiebesparingen()
    gev = gevoeligheid(scenario)
    sam = samenvatting(scenario).set_index("partij")["netto_contant_eur"]
    for partij, basis in gev.groupby("partij")["basis_eur"].first().items():
        assert basis == pytest.approx(sam[partij], rel=1e-12, abs=1e-6)


def test_tax_assumption_moves_households_and_rijk_by_the_same_amount():
    # A saved m3 is worth (supply + tax) x (1 + btw) to the household; everything above the
    # supply price is tax the Rijk loses. A higher tax therefore raises the households' saving
    # and the Rijk's loss by exactly the same amount; other parties do not move.
    gev = gevoeligheid(_drie_energiebesparingen())
    belasting = gev[gev["aanname"].str.endswith("(belasting)")].set_index(["aanname", "partij"])
    for aanname in belasting.index.get_level_values(0).unique():
        hh, rijk = belasting.loc[(aanname, "huishoudens")], belasting.loc[(aanname, "rijk")]
        assert hh["bereik_eur"] > 0
        assert hh["bereik_eur"] == pytest.approx(rijk["bereik_eur"], rel=1e-9)
        assert belasting.loc[(aanname, "gemeente"), "bereik_eur"] == 0
