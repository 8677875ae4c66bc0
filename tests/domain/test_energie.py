"""Energy costs with estimated district heat, and the burden on the standardised income."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geldstromen.domain import energie

TARIEF = {"gas_eur_m3": 1.0, "elek_eur_kwh": 0.2}
WARMTE = {"jaar": 2019, "vast_eur": 300.0, "gj_eur": 30.0, "uitleg": "test"}


def _ind(**kw) -> pd.DataFrame:
    basis = {
        "regio_code": ["A"],
        "aardgas_m3_per_woning": [400.0],
        "elektriciteit_kwh_per_woning": [2000.0],
        "woningen_aantal": [100.0],
        "huishoudens_aantal": [100.0],
        "stadsverwarming_pct": [50.0],
        "gestandaardiseerd_inkomen_eur": [30_000.0],
    }
    basis.update({k: [v] for k, v in kw.items()})
    return pd.DataFrame(basis)


def test_heat_of_district_heated_dwellings_is_added():
    out = energie.energiekosten(_ind(), TARIEF, WARMTE).iloc[0]
    # half the dwellings on gas use 400 / 0.5 = 800 m3 each; heat = 800 x 0.03517 x 0.9 GJ
    gj = 800 * 0.03517 * 0.9
    assert out["warmte_gj_per_woning"] == pytest.approx(gj)
    assert out["warmtekosten_eur"] == pytest.approx(50 * (300 + 30 * gj))
    totaal = 400 * 100 * 1.0 + 2000 * 100 * 0.2 + 50 * (300 + 30 * gj)
    assert out["energiekosten_eur"] == pytest.approx(totaal)
    assert out["energielast_pct"] == pytest.approx(100 * totaal / 100 / 30_000)


def test_mostly_district_heat_uses_the_gemeente_and_unknown_share_adds_nothing():
    gm = {"aardgas_m3_per_woning": 900.0, "stadsverwarming_pct": 10.0}
    out = energie.energiekosten(_ind(stadsverwarming_pct=80.0), TARIEF, WARMTE, gm).iloc[0]
    assert out["warmte_gj_per_woning"] == pytest.approx(1000 * 0.03517 * 0.9)
    zonder = energie.energiekosten(_ind(stadsverwarming_pct=80.0), TARIEF, WARMTE).iloc[0]
    assert math.isnan(zonder["warmtekosten_eur"])  # no gemeente figure: no estimate, not 0
    onbekend = energie.energiekosten(_ind(stadsverwarming_pct=None), TARIEF, WARMTE, gm).iloc[0]
    assert math.isnan(onbekend["warmtekosten_eur"])
    assert onbekend["energiekosten_eur"] == pytest.approx(400 * 100 + 2000 * 100 * 0.2)
    geen = energie.energiekosten(_ind(stadsverwarming_pct=0.0), TARIEF, WARMTE).iloc[0]
    assert geen["warmtekosten_eur"] == 0


def test_acm_tariff_table_and_nearest_year():
    tabel = energie.warmtetarieven()
    assert tabel["jaar"].is_unique and tabel["bron"].str.contains("ACM").all()
    t2019 = energie.kies_warmtetarief(2019)
    assert t2019["vast_eur"] == pytest.approx(318.95 + 25.89) and t2019["gj_eur"] == 28.47
    # Dutch decimals in the explanation: "28,47 euro per GJ", never "28.47" (reads as 2847)
    assert "vast 344,84 euro" in t2019["uitleg"] and "28,47 euro per GJ" in t2019["uitleg"]
    t2020 = energie.kies_warmtetarief(2020)  # 2019 and 2021 equally near: the later
    assert t2020["jaar"] == 2021 and "tariefjaar 2021 gebruikt voor 2020" in t2020["uitleg"]
    assert energie.kies_warmtetarief(2024)["vast_eur"] == pytest.approx(618.82 + 31.68 + 145.38)
