"""The postcode-to-buurt relation of the PC3 estimate on real data: KWB 2019 buurten of
Amsterdam and Den Haag grouped by the PC3 of their most common postcode hold about the
inhabitants CBS counts per PC3 (postcode/certegis_postcodes.csv, 1-1-2021); and a PC3 split
over those real buurten keeps every PC3 total to the cent, the smallest buurt included.
The PC3 costs are synthetic (no real Vektis PC3 file in the data folder): real inhabitants per
PC3 and age group (83502NED) x a made-up cost per inhabitant per age class."""

import csv
import gzip

import pandas as pd
import pytest

from geldstromen import db, queries
from geldstromen.domain import zorg, zorg_pc3
from geldstromen.families import zorg as zorg_familie


@pytest.fixture(scope="module")
def engine(real_store):
    return db.make_engine(real_store({"vektis", "cbs_gemeentecodes", "cbs_kwb", "geometrie"}))


def _buurten(engine, gm: str) -> pd.DataFrame:
    pcs = queries.run_query(engine, "zorg_regio_postcode", jaar=2019, prefix=f"BU{gm[2:]}%")
    pcs["postcode3"] = pcs["postcode"].map(zorg_pc3.pc3_van)
    ind = zorg_familie.regio_wide(engine, gm, "buurt", 2019, zorg_familie.LEEFTIJD_INDICATOREN)
    return zorg.leeftijdsopbouw(ind).merge(pcs[["regio_code", "postcode3"]], on="regio_code")


def _certegis_pc3(shared_data) -> dict[str, float]:
    with open(shared_data / "postcode" / "certegis_postcodes.csv", encoding="utf-8") as fh:
        return {r["postcode"]: float(r["inwoners"]) for r in csv.DictReader(fh) if r["inwoners"]}


@pytest.mark.parametrize(("gm", "marge", "pc3s"), [("GM0363", 0.05, 10), ("GM0518", 0.20, 10)])
def test_buurten_per_pc3_hold_the_pc3_inhabitants(engine, shared_data, gm, marge, pc3s):
    bu = _buurten(engine, gm)
    kwb = bu.groupby("postcode3")["inwoners"].sum()
    cbs = _certegis_pc3(shared_data)
    assert len(kwb) == pc3s
    groot = [p for p in kwb.index if cbs[p] >= 10_000]  # leaves out Amsterdam's port (104)
    for p in groot:
        assert kwb[p] / cbs[p] == pytest.approx(1, abs=marge), p
    totaal = kwb[groot].sum() / sum(cbs[p] for p in groot)
    assert totaal == pytest.approx(1, abs=0.03)


def _pc3_kosten(shared_data, pc3s: list[str]) -> pd.DataFrame:
    """Real inhabitants per PC3 x age group as insured years, synthetic costs per age."""
    rows = []
    pad = shared_data / "postcode" / "certegis_inwoners_per_postcode_leeftijd.csv.gz"
    with gzip.open(pad, "rt", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["postcode"] not in pc3s:
                continue
            klasse = zorg.kwb_klasse(r["leeftijd"])
            n = float(r["inwoners"])
            niveau = 1 + pc3s.index(r["postcode"]) / 10
            rows.append((r["postcode"], klasse, "Farmacie", n, round(n * 311.17 * niveau, 2)))
    frame = pd.DataFrame(
        rows, columns=["postcode3", "leeftijdsklasse", "categorie", "verzekerdejaren", "bedrag_eur"]
    )
    return frame.groupby(["postcode3", "leeftijdsklasse", "categorie"], as_index=False).sum()


def test_real_buurten_conserve_every_pc3_to_the_cent(engine, shared_data):
    bu = _buurten(engine, "GM0363")
    pc3s = sorted(bu["postcode3"].unique())
    kosten = _pc3_kosten(shared_data, pc3s)
    delen, niet = zorg_pc3.verdeel_pc3(kosten, bu)
    assert niet.empty
    per = delen.groupby("postcode3")["bedrag_eur"].sum()
    bron = kosten.groupby("postcode3")["bedrag_eur"].sum()
    for p in pc3s:
        assert round(per[p] * 100) == round(bron[p] * 100), p
    # smallest buurt with inhabitants and the largest PC3, by hand
    inw = bu.groupby("regio_code")["inwoners"].sum()
    klein = inw[inw > 0].idxmin()
    grootste = bron.idxmax()
    for code in (klein, bu.loc[bu["postcode3"] == grootste, "regio_code"].iloc[0]):
        p = bu.loc[bu["regio_code"] == code, "postcode3"].iloc[0]
        k = kosten[kosten["postcode3"] == p]
        tarief = dict(
            zip(k["leeftijdsklasse"], k["bedrag_eur"] / k["verzekerdejaren"], strict=True)
        )
        tarief[zorg.ONBEKEND] = k["bedrag_eur"].sum() / k["verzekerdejaren"].sum()
        eigen = bu[bu["regio_code"] == code]
        alle = bu[bu["postcode3"] == p]
        sleutel = sum(r.inwoners * tarief[r.klasse] for r in eigen.itertuples())
        som = sum(r.inwoners * tarief[r.klasse] for r in alle.itertuples())
        hier = delen.loc[delen["regio_code"] == code, "bedrag_eur"].sum()
        assert hier == pytest.approx(bron[p] * sleutel / som, abs=0.01)


def test_bench_part_national_pc3_split_and_indeling(shared_data):
    """``geldstromen bench --alleen vektis`` on the real folder: every PC4 area of NL as a
    region, no PC3 total off by a cent; the 2015 file's names against the real code list."""
    from geldstromen.bench import vektis as bench_vektis

    pc3 = bench_vektis.pc3(shared_data, herhaal=1)
    assert pc3["pc3_max_afwijking_cent"] == 0 and pc3["pc3_niet_toegedeeld"] == 0
    assert pc3["pc3_aantal"] > 790 and pc3["pc3_gebieden"] > 4000
    ind = bench_vektis.indeling(shared_data, herhaal=1)
    assert (ind["indeling_namen"], ind["indeling_gevonden"]) == (388, 384)
