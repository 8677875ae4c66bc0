"""Gemeentefonds income side on the real files: per cluster the rows over wijken/buurten (and
the gemeentebreed part) add up to the gemeente's uitkering, to the cent."""

from __future__ import annotations

import pytest

from geldstromen import db
from geldstromen.domain.gemeentefonds import VAN_FONDS, VAN_OVERIG
from geldstromen.families import gemeente


@pytest.fixture(scope="module")
def engine(real_store):
    return db.make_engine(real_store({"cbs_kwb", "iv3", "cbs_gemeentecodes", "gemeentefonds"}))


def _cent(series) -> int:
    return int((series * 100).round().sum())


@pytest.mark.parametrize("gm", ["GM0363", "GM0518"])
@pytest.mark.parametrize(("niveau", "jaar"), [("wijk", 2025), ("buurt", 2024)])
def test_gemeentefonds_conserved_over_regions(engine, gm, niveau, jaar):
    res = gemeente.toerekening(engine, gm, niveau, jaar, "begroting", "lasten")
    alle = gemeente.gemeentefonds(engine, gm)
    rows, fonds, tekst = gemeente.inkomsten(res, alle, gm, jaar)
    assert fonds is not None, tekst
    assert fonds.circulaire == "S2024"  # newest circulaire for 2024 and 2025
    bron = alle[(alle["uitkeringsjaar"] == jaar) & (alle["circulaire"] == fonds.circulaire)]
    bron = bron.set_index("cluster")["bedrag_eur"]
    gf = rows[rows["van"] == VAN_FONDS]
    assert gf["regio_code"].str.startswith(("WK", "BU", gm)).all()
    for cluster, bedrag in bron.drop("Totaal").items():
        got = gf.loc[gf["categorie"] == f"gemeentefonds: {cluster}", "bedrag_eur"]
        assert _cent(got) == round(bedrag * 100), cluster
    assert _cent(gf["bedrag_eur"]) == round(bron["Totaal"] * 100)  # Totaal as published
    # most of the uitkering lands in wijken/buurten, not in the gemeentebreed row
    regio = gf[gf["regio_code"] != gm]["bedrag_eur"].sum()
    assert regio > 0.5 * bron["Totaal"]
    # balance per region: gemeentefonds + overige middelen == allocated lasten
    lasten = (res.flows["bedrag_eur"] * 100).round().groupby(res.flows["regio_code"]).sum()
    ink = rows[rows["van"].isin([VAN_FONDS, VAN_OVERIG])]
    ink = (ink["bedrag_eur"] * 100).round().groupby(ink["regio_code"]).sum()
    assert (ink.reindex(lasten.index).fillna(0) == lasten).all()
    if niveau == "buurt":
        assert (gf["niveau"] == "buurt").any()


def test_year_without_circulaire_is_named(engine):
    res = gemeente.toerekening(engine, "GM0363", "wijk", 2023, "jaarrekening", "lasten")
    rows, fonds, tekst = gemeente.inkomsten(
        res, gemeente.gemeentefonds(engine, "GM0363"), "GM0363", 2023
    )
    assert fonds is None and rows.empty
    assert "uitkeringsjaar 2023" in tekst and "2024, 2025" in tekst
