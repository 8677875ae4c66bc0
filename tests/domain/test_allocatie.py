"""Allocation: hand-computed cases and property tests (conservation to the cent, fallbacks)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from geldstromen.domain.allocatie import keten, verdeel_centen, verdeel_met_keten
from geldstromen.domain.taakvelden import sleutel_rij, standaard_sleutels, taakvelden
from geldstromen.domain.toerekening import Context, Gebied, sleuteldekking, toerekenen


def test_largest_remainder_hand_case():
    # 100 cents over 1:1:1 -> 34, 33, 33 (the first largest remainder gets the extra cent)
    assert verdeel_centen(100, [1, 1, 1]).tolist() == [34, 33, 33]
    assert verdeel_centen(-100, [1, 1, 1]).sum() == -100
    assert verdeel_centen(7, [0, 3, 1]).tolist() == [0, 5, 2]


def test_fallback_for_missing_key_hand_case():
    # key bijstand missing for B; fallback inwoners: B's group gets 1/4 of 1000 = 250,
    # A and C split 750 as 10:30 -> 187.5 / 562.5 -> 188 / 562 (largest remainder, tie first)
    waarden = pd.DataFrame(
        {"bijstand": [10, np.nan, 30], "inwoners": [1, 1, 2]}, index=["A", "B", "C"]
    )
    out = verdeel_met_keten(1000, ["A", "B", "C"], ["bijstand", "inwoners"], waarden)
    got = out.set_index("regio_code")
    assert got["cent"].to_dict() == {"A": 188, "B": 250, "C": 562}
    assert got.at["B", "gebruikt"] == "inwoners"
    assert "bijstand" in got.at["B", "opmerking"]


def test_region_without_any_value_gets_nothing_and_says_so():
    waarden = pd.DataFrame({"k": [1, np.nan], "inwoners_aantal": [1, np.nan]}, index=["A", "B"])
    out = verdeel_met_keten(500, ["A", "B"], keten("k", ""), waarden).set_index("regio_code")
    assert out["cent"].to_dict() == {"A": 500, "B": 0}
    assert "geen sleutelwaarde" in out.at["B", "opmerking"]


def test_every_taakveld_has_a_key_and_special_codes():
    tabel = standaard_sleutels()
    for code in taakvelden()["taakveld_code"]:
        assert sleutel_rij(code, tabel)["toelichting"], code
    assert sleutel_rij("0.10", tabel)["sleutel"] == "uitgesloten"
    assert sleutel_rij("0.1", tabel)["sleutel"] == "inwoners_aantal"
    assert sleutel_rij("6.751", tabel)["geerfd_van"] == "6.72"
    assert len(set(taakvelden()["taakveld_code"])) == len(taakvelden())


def _gebied(inw, bijstand):
    codes = [f"WK99990{i}" for i in range(len(inw))]
    regios = pd.DataFrame({"regio_code": codes, "regio_naam": codes})
    waarden = pd.DataFrame({"inwoners_aantal": inw, "bijstand_aantal": bijstand}, index=codes)
    return Gebied(regios, waarden, {"inwoners_aantal": 2024, "bijstand_aantal": 2019})


def test_toerekenen_hand_case_with_overhead_and_exclusion():
    bedragen = pd.DataFrame(
        {
            "taakveld_code": ["0.1", "6.3", "1.2", "0.4", "0.10", "0.5"],
            "taakveld_naam": ["Bestuur", "Inkomen", "OOV", "Overhead", "Mutaties", "Treasury"],
            "bedrag_eur": [300.0, 400.0, 90.0, 70.0, 99.0, 5.0],
        }
    )
    ctx = Context("GM9999", "Testdorp", 2023, "lasten", "CBS Iv3 begroting 2023")
    flows, uit = toerekenen(bedragen, standaard_sleutels(), ctx, _gebied([1, 2], [3, 1]))
    per = flows.pivot_table(index="naar", columns="taakveld_code", values="bedrag_eur")
    assert per.at["WK999900", "0.1"] == 100 and per.at["WK999901", "0.1"] == 200
    assert per.at["WK999900", "6.3"] == 300 and per.at["WK999901", "6.3"] == 100
    # 1.2 by inhabitants 1:2 -> 30 / 60. Overhead follows the direct lasten without the
    # income transfers of 6.3 (they would give 300+30 : 100+60): only 1.2, 30:60
    assert per.at["WK999900", "1.2"] == 30 and per.at["WK999901", "1.2"] == 60
    assert per.at["WK999900", "0.4"] == 23.33 and per.at["WK999901", "0.4"] == 46.67
    soort = flows.set_index(["naar", "taakveld_code"])["sleutel_soort"]
    assert soort[("WK999900", "6.3")] == "bedoeld" and soort[("gemeentebreed", "0.5")] == (
        "niet toegerekend"
    )
    assert per.at["gemeentebreed", "0.5"] == 5
    assert uit["taakveld_code"].tolist() == ["0.10"]
    assert set(flows["methode"]) == {"toegerekend"} and set(flows["familie"]) == {"gemeente"}
    assert flows.loc[flows["taakveld_code"] == "6.3", "sleutel"].str.contains("2019").all()


def test_rijk_baten_never_come_from_a_region():
    bedragen = pd.DataFrame(
        {
            "taakveld_code": ["0.7", "6.3", "0.63", "7.3"],
            "taakveld_naam": ["Algemene uitkering", "Inkomen", "Parkeerbelasting", "Afval"],
            "bedrag_eur": [1000.0, 400.0, 50.0, 30.0],
        }
    )
    gebied = _gebied([1, 2], [3, 1])
    gebied.waarden["woningen_aantal"] = [1, 2]
    ctx = Context("GM9999", "Testdorp", 2023, "baten", "CBS Iv3 begroting 2023")
    flows, _ = toerekenen(bedragen, standaard_sleutels(), ctx, gebied)
    per = flows.set_index("taakveld_code")
    rijk = flows[flows["van"].str.startswith("Rijk")]
    assert set(rijk["regio_code"]) == {"GM9999"} and set(rijk["naar"]) == {"GM9999"}
    assert per.at["0.7", "van"] == "Rijk (gemeentefonds)" and per.at["0.7", "bedrag_eur"] == 1000
    assert per.at["6.3", "van"] == "Rijk (specifieke uitkeringen)"
    assert set(rijk["sleutel_soort"]) == {"Rijk"}
    # parking tax is paid by visitors: not allocated to residents' cars
    assert per.at["0.63", "van"] == "gemeentebreed"
    afval = flows[flows["taakveld_code"] == "7.3"].set_index("van")["bedrag_eur"]
    assert afval["WK999900"] == 10 and afval["WK999901"] == 20
    # the inflow is the baten total exactly once
    assert flows.loc[flows["naar"] == "GM9999", "bedrag_eur"].sum() == 1480


def test_sleuteldekking_sorts_money_by_key_kind():
    bedragen = pd.DataFrame(
        {"taakveld_code": ["6.3"], "taakveld_naam": ["Inkomen"], "bedrag_eur": [400.0]}
    )
    ctx = Context("GM9999", "Testdorp", 2023, "lasten", "b")
    # bijstand missing for the second wijk: its share goes by the next keys (fallback
    # huishoudens x sociaal minimum is absent, so by inhabitants only)
    flows, _ = toerekenen(bedragen, standaard_sleutels(), ctx, _gebied([1, 3], [3, np.nan]))
    d = sleuteldekking(flows).set_index("sleutel_soort")["bedrag_eur"]
    assert d["bedoeld"] == 100 and d["alleen inwoners"] == 300
    per = sleuteldekking(flows, per="taakveld_code").set_index("taakveld_code")
    assert per.at["6.3", "alleen inwoners"] == 300


waarde = st.one_of(st.none(), st.integers(min_value=0, max_value=10_000))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(waarde, waarde), min_size=1, max_size=12),
    st.integers(min_value=-(10**11), max_value=10**11),
)
def test_conservation_property(vectors, cent):
    """Whatever NULLs the keys hold, regions + gemeentebreed add up to the amount exactly."""
    inw = [np.nan if a is None else a for a, _ in vectors]
    bij = [np.nan if b is None else b for _, b in vectors]
    gebied = _gebied(inw, bij)
    bedragen = pd.DataFrame(
        {
            "taakveld_code": ["6.3", "0.4"],
            "taakveld_naam": ["x", "y"],
            "bedrag_eur": [cent / 100] * 2,
        }
    )
    ctx = Context("GM9999", "T", 2023, "lasten", "b")
    flows, _ = toerekenen(bedragen, standaard_sleutels(), ctx, gebied)
    sums = (flows["bedrag_eur"] * 100).round().astype("int64").groupby(flows["taakveld_code"]).sum()
    assert sums.to_dict() == {"6.3": cent, "0.4": cent}
    # a region with no key value never silently gets money from a NULL
    nul = flows[flows["sleutel"].str.contains("niets toegerekend")]
    assert (nul["bedrag_eur"] == 0).all()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.floats(0, 1e6)), min_size=1, max_size=15),
    st.integers(-(10**9), 10**9),
)
def test_buurten_add_up_to_their_wijk(keys, cent):
    codes = [f"BU99990{i % 3}{i:02d}" for i in range(len(keys))]
    regios = pd.DataFrame({"regio_code": codes, "regio_naam": codes})
    regios["wijk_code"] = ["WK" + c[2:8] for c in codes]
    vals = pd.DataFrame(
        {"inwoners_aantal": [np.nan if k is None else k for k in keys]}, index=codes
    )
    buurten = Gebied(regios, vals, {"inwoners_aantal": 2019})
    wcodes = sorted(set(regios["wijk_code"]))
    wijken = Gebied(
        pd.DataFrame({"regio_code": wcodes, "regio_naam": wcodes}),
        pd.DataFrame({"inwoners_aantal": [1.0] * len(wcodes)}, index=wcodes),
        {"inwoners_aantal": 2019},
    )
    bedragen = pd.DataFrame(
        {"taakveld_code": ["0.1"], "taakveld_naam": ["B"], "bedrag_eur": [cent / 100]}
    )
    ctx = Context("GM9999", "T", 2023, "lasten", "b")
    flows, _ = toerekenen(bedragen, standaard_sleutels(), ctx, wijken, buurten)
    cents = (flows["bedrag_eur"] * 100).round().astype("int64")
    assert cents.sum() == cent
    wijk_van = flows["regio_code"].str.replace("^BU", "WK", regex=True).str[:8]
    per_wijk = cents.groupby(wijk_van).sum()
    expected = verdeel_centen(cent, [1.0] * len(wcodes))
    assert per_wijk.reindex(wcodes).fillna(0).astype("int64").tolist() == expected.tolist()
