"""Per-inhabitant figures of nearly empty areas on the real files (Den Haag): Oostduinen (dunes,
0 inhabitants) and Forepark (business park, 135 in KWB 2019, 145 in KWB 2024) get no value on
any route, with the reason in words; the largest wijk keeps one, recomputed here from the raw
KWB file and the allocated amounts."""

from __future__ import annotations

import csv
import json
import math

import pandas as pd
import pytest

from geldstromen import db
from geldstromen.domain import per_inwoner, sociaal_domein, zorg
from geldstromen.domain.per_inwoner import MIN_INWONERS, TE_WEINIG_INWONERS
from geldstromen.domain.ranking import Criterium, rangschik
from geldstromen.domain.wijkprofiel import per_inwoner_hoofdtaakveld, regio_tabel
from geldstromen.families import gemeente, huishoudens
from geldstromen.families.stromen import Selectie, stromen
from geldstromen.families.zorg import regio_wide
from geldstromen.rapport import maak_pdf, verzamel

GM = "GM0518"
OOSTDUINEN, FOREPARK = "WK051801", "WK051843"
LEEG = [OOSTDUINEN, FOREPARK]


@pytest.fixture(scope="module")
def engine(real_store):
    soorten = {"cbs_kwb", "iv3", "cbs_gemeentecodes", "vektis", "energieprijzen"}
    return db.make_engine(real_store(soorten))


def _raw_2019(shared_data) -> dict[str, dict[str, str]]:
    pad = shared_data / "cbs_kwb" / "kwb2019_84583NED_den_haag_GM0518_gm_wk_bu.csv"
    with open(pad, encoding="utf-8-sig") as f:
        return {r["Codering_3"].strip(): r for r in csv.DictReader(f, delimiter=";")}


def _inwoners_raw(shared_data, jaar: int) -> dict[str, float]:
    if jaar == 2019:
        return {k: float(r["AantalInwoners_5"]) for k, r in _raw_2019(shared_data).items()}
    pad = shared_data / "cbs_kwb" / "kwb2024_85984NED_gemeente_wijk_8vars.json"
    data = json.loads(pad.read_text(encoding="utf-8"))
    return {k: float(v["AantalInwoners_5"]) for k, v in data.items() if k.startswith("WK0518")}


def _grootste(inw: dict[str, float]) -> str:
    return max((k for k in inw if k.startswith("WK")), key=inw.get)


def test_raw_premise(shared_data):
    """The areas are what the rule is about: below the minimum in both KWB years."""
    for jaar in (2019, 2024):
        inw = _inwoners_raw(shared_data, jaar)
        assert inw[OOSTDUINEN] == 0 and 0 < inw[FOREPARK] < MIN_INWONERS
        assert inw[_grootste(inw)] > 40_000


@pytest.mark.parametrize("iv3_jaar", [2023, 2024])
def test_kaart_and_wijkprofiel(engine, shared_data, iv3_jaar):
    res = gemeente.toerekening(engine, GM, "wijk", iv3_jaar, "begroting", "lasten")
    raw = _inwoners_raw(shared_data, int(res.indelingsjaar))
    # Kaart: allocated 2.x Verkeer per inwoner
    kaart = per_inwoner_hoofdtaakveld(res.flows, res.inwoners, "wijk", "2").set_index("regio_code")
    for code in LEEG:
        assert kaart.loc[code, "bedrag_eur"] > 0  # the money is still shown ...
        assert math.isnan(kaart.loc[code, "waarde"])  # ... but not per inhabitant
        assert kaart.loc[code, "toelichting"] == TE_WEINIG_INWONERS
    groot = _grootste(raw)
    f = res.flows
    eigen = f[(f["regio_code"] == groot) & f["taakveld_code"].astype(str).str.startswith("2.")]
    assert kaart.loc[groot, "waarde"] == pytest.approx(eigen["bedrag_eur"].sum() / raw[groot])
    # Wijkprofiel table
    inw_gm = float(res.inwoners.sum())
    for code in LEEG:
        tab = regio_tabel(res.flows, code, res.inwoners.get(code), inw_gm)
        assert tab["per_inwoner_eur"].isna().all()
        assert tab["gemeente_per_inwoner_eur"].notna().any()
    tab = regio_tabel(res.flows, groot, res.inwoners.get(groot), inw_gm)
    totaal = f.loc[f["regio_code"] == groot, "bedrag_eur"].sum()
    assert tab["per_inwoner_eur"].sum() == pytest.approx(totaal / raw[groot])


def test_vergelijk_sociaal_zorg_ranking(engine, shared_data):
    raw = _inwoners_raw(shared_data, 2019)
    groot = _grootste(raw)
    # Vergelijk: every family's flows per region and inhabitant (KWB 2019 regions)
    flows = stromen(engine, Selectie(GM, "wijk", 2019)).flows
    flows = flows[(flows["familie"] != "gemeente") | (flows["regio_code"] == flows["naar"])]
    gm, zf = flows[flows["familie"] == "gemeente"], flows[flows["familie"] == "zorg"]
    som = flows.groupby(["regio_code", "familie"], as_index=False)["bedrag_eur"].sum()
    inw = regio_wide(engine, GM, "wijk", 2019, ["inwoners_aantal"])
    inw = inw.set_index("regio_code")["inwoners_aantal"]
    codes = [groot, *LEEG]
    tabel = per_inwoner.tabel(som, inw, codes, lambda v: v)
    assert set(tabel.index) == {"gemeente", "zorg", "huishoudens"}
    for code in LEEG:
        assert set(tabel[code]) == {TE_WEINIG_INWONERS}
    for fam in tabel.index:
        verwacht = flows.loc[
            (flows["regio_code"] == groot) & (flows["familie"] == fam), "bedrag_eur"
        ].sum()
        assert tabel.loc[fam, groot] == pytest.approx(verwacht / raw[groot])
    # Zorgkosten per gebied (Sociaal domein, Verbanden)
    pg = zorg.per_gebied(zf, inw).set_index("regio_code")
    assert pg.loc[LEEG, "zorgkosten_per_inwoner_eur"].isna().all()
    verwacht = zf.loc[zf["regio_code"] == groot, "bedrag_eur"].sum() / raw[groot]
    assert pg.loc[groot, "zorgkosten_per_inwoner_eur"] == pytest.approx(verwacht)
    # Sociaal domein: counts per 1000 and allocated 6.x per inwoner
    wide = regio_wide(engine, GM, "wijk", 2019, ["inwoners_aantal", *sociaal_domein.AANTALLEN])
    for col in sociaal_domein.AANTALLEN:
        if col not in wide:
            wide[col] = float("nan")
    sd = sociaal_domein.per_1000(wide)
    sd, _ = sociaal_domein.sociaal_geld(gm, "", sd)
    sd = sd.set_index("regio_code")
    assert sd.loc[LEEG, ["bijstand_per_1000", "sociaal_domein_per_inwoner_eur"]].isna().all().all()
    assert set(sd.loc[LEEG, "per_inwoner_toelichting"]) == {TE_WEINIG_INWONERS}
    bijstand = float(_raw_2019(shared_data)[groot]["PersonenPerSoortUitkeringBijstand_83"])
    assert sd.loc[groot, "bijstand_per_1000"] == pytest.approx(1000 * bijstand / raw[groot])
    zes = gm[(gm["regio_code"] == groot) & gm["taakveld_code"].astype(str).str.startswith("6.")]
    assert sd.loc[groot, "sociaal_domein_per_inwoner_eur"] == pytest.approx(
        zes["bedrag_eur"].sum() / raw[groot]
    )
    # 'Waar beginnen?': nearly empty areas get no score and say why
    energie = huishoudens.huishoudens_model(engine, GM, "wijk", 2019).energie
    r = rangschik(energie, [Criterium("stadsverwarming_pct", "Stadsverwarming", 1.0)])
    r = r.set_index("regio_code")
    assert r.loc[LEEG, "score"].isna().all()
    assert set(r.loc[LEEG, "ontbreekt"]) == {TE_WEINIG_INWONERS}
    assert pd.notna(r.loc[groot, "score"]) or r.loc[groot, "ontbreekt"] == "Stadsverwarming"


def test_rapport_profile(engine, shared_data):
    raw = _raw_2019(shared_data)
    for code in LEEG:
        g = verzamel(engine, code, 2019)
        per1000 = g.kern[g.kern["eenheid"] == "per 1000 inwoners"]
        assert not per1000.empty and per1000["regio"].isna().all()
        assert per1000["gemeente"].notna().any()
        inw = float(raw[code]["AantalInwoners_5"])
        assert g.per_inwoner_melding.startswith(f"Per 1000 inwoners: {TE_WEINIG_INWONERS} ")
        assert f"({inw:.0f})" in g.per_inwoner_melding
        assert len(maak_pdf(g)) > 1000  # the report still renders with the note
    groot = _grootste(_inwoners_raw(shared_data, 2019))
    g = verzamel(engine, groot, 2019)
    assert g.per_inwoner_melding is None
    kern = g.kern.set_index("indicator")
    inw = float(raw[groot]["AantalInwoners_5"])
    bijstand = float(raw[groot]["PersonenPerSoortUitkeringBijstand_83"])
    assert kern.loc["bijstand_aantal", "regio"] == pytest.approx(1000 * bijstand / inw)
