"""The money headline on the real files (Den Haag, KWB 2019): figures recomputed from the raw
KWB file, not through the headline code; the smallest and the largest wijk."""

from __future__ import annotations

import csv

import pytest

from geldstromen import db
from geldstromen.rapport import verzamel

SOORTEN = {
    "cbs_kwb",
    "iv3",
    "cbs_gemeentecodes",
    "vektis",
    "energieprijzen",
    "budgetonderzoek",
    "gemeentefonds",
}
KWB = "cbs_kwb/kwb2019_84583NED_den_haag_GM0518_gm_wk_bu.csv"


def _getal(tekst: str) -> float | None:
    tekst = tekst.strip()
    return None if tekst in ("", ".") else float(tekst)


@pytest.fixture(scope="module")
def wijken(shared_data) -> dict[str, dict]:
    """Raw KWB 2019 wijken of Den Haag: inhabitants and income per inwoner (x 1000 euro)."""
    with open(shared_data / KWB, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    return {
        r["Codering_3"].strip(): {
            "inwoners": _getal(r["AantalInwoners_5"]),
            "inkomen": _getal(r["GemiddeldInkomenPerInwoner_72"]),
        }
        for r in rows
        if r["SoortRegio_2"].strip() == "Wijk"
    }


@pytest.fixture(scope="module")
def engine(real_store):
    return db.make_engine(real_store(SOORTEN))


def test_schildersbuurt_headline_from_the_raw_file(engine, wijken):
    g = verzamel(engine, "WK051829", 2019)
    kop = {k.sleutel: k for k in g.kop}
    assert [k.sleutel for k in g.kop][0] == "gemeente_per_inwoner"
    # income per inwoner: the raw KWB figure, and the gemeente as the inhabitant-weighted mean
    # of its wijken (the same way as the wijk), both from the raw file
    ink = kop["inkomen_per_inwoner"]
    assert ink.regio == pytest.approx(wijken["WK051829"]["inkomen"] * 1000, rel=1e-6)
    paren = [(w["inkomen"], w["inwoners"]) for w in wijken.values() if w["inkomen"] is not None]
    verwacht = sum(i * n for i, n in paren) / sum(n for _, n in paren) * 1000
    assert ink.gemeente == pytest.approx(verwacht, rel=1e-6)
    assert ink.jaar == 2019 and ink.methode == "geschat"
    # allocated gemeente money per inwoner: the wijk's allocated rows over its raw inhabitants
    gm = g.stromen[(g.stromen["familie"] == "gemeente") & (g.stromen["naar"] == "WK051829")]
    per = gm["bedrag_eur"].sum() / wijken["WK051829"]["inwoners"]
    assert kop["gemeente_per_inwoner"].regio == pytest.approx(per, rel=1e-9)
    assert kop["gemeente_per_inwoner"].jaar == 2023  # the Iv3 year the route paired
    # the three largest taakvelden are the wijk's three largest allocated categories, leaving
    # out those whose money came mainly by inhabitants (their own key, or no wijk key matched):
    # their amount per inhabitant is the same in every wijk, so it says nothing about this one
    per_inw = gm["sleutel"].astype(str).str.startswith("inwoners_aantal") | (
        gm.get("sleutel_soort", "") == "alleen inwoners"
    )
    totaal = gm.groupby("categorie")["bedrag_eur"].sum()
    aandeel = gm[per_inw].groupby("categorie")["bedrag_eur"].sum().reindex(totaal.index).fillna(0)
    grootste = totaal[aandeel / totaal <= 0.5].nlargest(3).index.tolist()
    assert len(grootste) == 3 and not any(c.startswith("6.1") for c in grootste)  # per inwoner
    assert [k.kort for k in g.kop[1:4]] == grootste
    # every headline figure has a gemeente value; similar wijken are of the same gemeente
    assert all(k.gemeente > 0 for k in g.kop)
    assert g.vergelijkbaar and all(c.startswith("WK0518") for c in g.vergelijkbaar)
    assert "WK051829" not in g.vergelijkbaar


def test_smallest_and_largest_wijk(engine, wijken):
    bewoond = {c: w for c, w in wijken.items() if w["inwoners"] is not None}
    kleinste = min(bewoond, key=lambda c: bewoond[c]["inwoners"])
    grootste = max(bewoond, key=lambda c: bewoond[c]["inwoners"])
    klein = {k.sleutel: k for k in verzamel(engine, kleinste, 2019).kop}
    # Oostduinen (0 inhabitants): no per-inhabitant value, the gemeente's still there
    assert klein["gemeente_per_inwoner"].regio != klein["gemeente_per_inwoner"].regio  # NaN
    assert klein["gemeente_per_inwoner"].gemeente > 0
    groot = {k.sleutel: k for k in verzamel(engine, grootste, 2019).kop}
    assert 0 < groot["gemeente_per_inwoner"].regio < 50_000
    assert groot["gemeente_per_inwoner"].gemeente == pytest.approx(
        klein["gemeente_per_inwoner"].gemeente
    )  # one gemeente figure, whichever wijk is shown
