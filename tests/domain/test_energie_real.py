"""Energy burden on the real files (Den Haag, KWB 2019): Ypenburg (79 % stadsverwarming) had
the lowest burden of the city because district heat was left out and the denominator was gross
personal income. Recomputed here from the raw KWB 2019 file, the raw CBS price file and the ACM
tariff table, not through the model."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from geldstromen import db
from geldstromen.domain.energie import WARMTE_FILE
from geldstromen.domain.per_inwoner import MIN_INWONERS
from geldstromen.families import huishoudens

YPENBURG = "WK051842"


@pytest.fixture(scope="module")
def engine(real_store):
    return db.make_engine(real_store({"cbs_kwb", "energieprijzen", "budgetonderzoek"}))


def _getal(tekst: str) -> float:
    tekst = tekst.strip()
    return float("nan") if tekst in (".", "") else float(tekst)


@pytest.fixture(scope="module")
def raw(shared_data) -> dict[str, dict[str, float]]:
    pad = shared_data / "cbs_kwb" / "kwb2019_84583NED_den_haag_GM0518_gm_wk_bu.csv"
    kolommen = {
        "inw": "AantalInwoners_5",
        "hh": "HuishoudensTotaal_28",
        "won": "Woningvoorraad_34",
        "elek": "GemiddeldElektriciteitsverbruikTotaal_47",
        "gas": "GemiddeldAardgasverbruikTotaal_55",
        "sv": "PercentageWoningenMetStadsverwarming_63",
        "ink_inw": "GemiddeldInkomenPerInwoner_72",
        "std": "GemGestandaardiseerdInkomenVanHuish_75",
    }
    with open(pad, encoding="utf-8-sig") as f:
        rows = {r["Codering_3"].strip(): r for r in csv.DictReader(f, delimiter=";")}
    return {c: {k: _getal(r[v]) for k, v in kolommen.items()} for c, r in rows.items()}


def _prijzen(shared_data) -> tuple[float, float]:
    pad = shared_data / "cbs_prijzen" / "cbs_81309NED_energieprijzen_huishoudens_2019_2021.csv"
    with open(pad, encoding="utf-8") as f:
        rij = next(r for r in csv.DictReader(f, delimiter=";") if r["periode"] == "2019")
    gas = float(rij["aardgas_huishoudens_20_200gj_eur_per_gj"]) * 0.03517
    return gas, float(rij["elektriciteit_huishoudens_2_5_5mwh_eur_per_kwh"])


def test_ypenburg_burden_recomputed_with_district_heat(engine, raw, shared_data):
    gas_p, elek_p = _prijzen(shared_data)
    acm = pd.read_csv(WARMTE_FILE).set_index("jaar").loc[2019]
    vast = acm["vastrecht_eur"] + acm["meettarief_eur"]  # no separate afleverset before 2020
    y, gm = raw[YPENBURG], raw["GM0518"]
    assert y["sv"] > 50  # mostly district heat: the gemeente's gas-heated dwellings as reference
    gj = gm["gas"] / (1 - gm["sv"] / 100) * 0.03517 * 0.9
    warmte = y["won"] * y["sv"] / 100 * (vast + acm["gj_prijs_eur"] * gj)
    kosten = y["gas"] * y["won"] * gas_p + y["elek"] * y["won"] * elek_p + warmte
    last = 100 * kosten / y["hh"] / (y["std"] * 1000)
    model = huishoudens.huishoudens_model(engine, "GM0518", "wijk", 2019)
    e = model.energie.set_index("regio_code")
    assert e.loc[YPENBURG, "warmtekosten_eur"] == pytest.approx(warmte)
    assert e.loc[YPENBURG, "energiekosten_eur"] == pytest.approx(kosten)
    assert e.loc[YPENBURG, "energielast_pct"] == pytest.approx(last)
    assert model.warmte["jaar"] == 2019 and "ACM" in model.warmte["uitleg"]
    energie = model.flows[model.flows["categorie"].str.startswith("Energie")]
    assert "ACM-maximumtarief warmte 2019" in energie["sleutel"].iloc[0]


def test_ypenburg_no_longer_the_lowest_burden(engine, raw):
    bewoond = [c for c, r in raw.items() if c.startswith("WK") and r["inw"] >= MIN_INWONERS]
    # the old ratio: gas + electricity over gross personal income x inhabitants
    oud = {}
    for c in bewoond:
        r = raw[c]
        oud[c] = (r["gas"] * 0.9 + r["elek"] * 0.2) * r["won"] / (r["ink_inw"] * r["inw"])
    oud = pd.Series(oud).dropna()
    assert oud.idxmin() == YPENBURG  # premise: the defect the issue describes
    e = huishoudens.huishoudens_model(engine, "GM0518", "wijk", 2019).energie
    nieuw = e.set_index("regio_code").loc[bewoond, "energielast_pct"].dropna()
    assert nieuw.idxmin() != YPENBURG
    assert nieuw.rank()[YPENBURG] > len(nieuw) / 3  # no longer among the cheapest third
