"""Zvw costs observed per 3-digit postcode (Vektis PC3) brought to buurten (pure pandas).

The relation postcode -> buurt is the one CBS publishes in the KWB: each buurt's most common
4-digit postcode (``MeestVoorkomendePostcode``); its first three digits name the buurt's PC3.
A buurt that straddles two PC3 areas counts wholly in the PC3 of its most common postcode.

Two uses, both ``geschat`` (method visible in the flows):

* :func:`verdeel_pc3`: each PC3's published cost per care category is split over the buurten
  of that PC3 in proportion to their expected cost at the PC3's own cost per insured year per
  KWB age class (indirect age standardisation within the PC3), in whole cents by largest
  remainder: the buurten of a PC3 add up to its total to the cent. Costs of a PC3 without a
  buurt and of the rest row are returned separately, never dropped.
* :func:`verwacht_per_regio`: a region's expected cost at the rates of its PC3, the key the
  zorg family uses to split a gemeente's observed total over its wijken/buurten: local cost
  levels (the PC3's) instead of one rate for the whole gemeente.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from geldstromen.domain.zorg import ONBEKEND

_PC4 = re.compile(r"^\s*([1-9]\d{2})\d\s*$")


def pc3_van(postcode) -> str | None:
    """PC3 of a 4-digit postcode as KWB writes it (``'      1012'`` -> ``'101'``)."""
    if postcode is None or (isinstance(postcode, float) and np.isnan(postcode)):
        return None
    m = _PC4.match(str(postcode))
    return m.group(1) if m else None


def tarieven(pc3: pd.DataFrame) -> pd.DataFrame:
    """Cost per insured year per PC3 x KWB class x category, plus the PC3 average over all
    classes under class ``onbekend`` (for regions without an age breakdown)."""
    rows = pc3[pc3["postcode3"].notna()]
    jaren = rows.drop_duplicates(["postcode3", "leeftijdsklasse"])
    per = rows.groupby(["postcode3", "leeftijdsklasse", "categorie"], as_index=False)[
        "bedrag_eur"
    ].sum()
    per = per.merge(
        jaren[["postcode3", "leeftijdsklasse", "verzekerdejaren"]],
        on=["postcode3", "leeftijdsklasse"],
    )
    tot = per.groupby(["postcode3", "categorie"], as_index=False)["bedrag_eur"].sum()
    tot = tot.merge(
        jaren.groupby("postcode3", as_index=False)["verzekerdejaren"].sum(), on="postcode3"
    ).assign(leeftijdsklasse=ONBEKEND)
    per = per[per["leeftijdsklasse"] != ONBEKEND]
    alle = pd.concat([per, tot], ignore_index=True)
    alle = alle[alle["verzekerdejaren"] > 0]
    alle["tarief_eur"] = alle["bedrag_eur"] / alle["verzekerdejaren"]
    return alle[["postcode3", "leeftijdsklasse", "categorie", "tarief_eur"]]


def verwacht_per_regio(bevolking: pd.DataFrame, pc3: pd.DataFrame) -> pd.DataFrame:
    """Expected cost per region x category at the rates of the region's PC3.

    ``bevolking``: regio_code, regio_naam, postcode3, klasse, inwoners (klasse ``onbekend``
    for a region without ages); ``pc3``: ``raw_vektis_pc3`` rows of one year. Regions whose
    PC3 is unknown or absent from the file are left out (the caller falls back).
    """
    tar = tarieven(pc3).rename(columns={"leeftijdsklasse": "klasse"})
    exp = bevolking.dropna(subset=["postcode3"]).merge(tar, on=["postcode3", "klasse"])
    exp["verwacht_eur"] = exp["tarief_eur"] * exp["inwoners"]
    return exp.groupby(["regio_code", "regio_naam", "postcode3", "categorie"], as_index=False)[
        "verwacht_eur"
    ].sum()


def verdeel_pc3(pc3: pd.DataFrame, bevolking: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split every PC3 total per category over its buurten (see module doc), in cents.

    Largest remainder per PC3 x category, as :func:`geldstromen.domain.allocatie.verdeel_centen`
    does for one total, done for all groups at once. Returns (toegedeeld: regio_code,
    regio_naam, postcode3, categorie, verwacht_eur, bedrag_eur) and (niet_toegedeeld:
    postcode3, categorie, bedrag_eur, reden).
    """
    sleutel = ["postcode3", "categorie"]
    totalen = pc3.groupby(sleutel, dropna=False, as_index=False)["bedrag_eur"].sum()
    rest = totalen[totalen["postcode3"].isna()].assign(reden="restrij (minder dan 10 personen)")
    totalen = totalen[totalen["postcode3"].notna()]
    exp = verwacht_per_regio(bevolking, pc3)
    exp = exp[exp["verwacht_eur"] > 0]
    zonder = totalen.merge(exp[sleutel].drop_duplicates(), on=sleutel, how="left", indicator=True)
    zonder = zonder[zonder["_merge"] == "left_only"].drop(columns="_merge")
    rest = pd.concat([rest, zonder.assign(reden="geen buurt met inwoners")], ignore_index=True)
    cent = (totalen.set_index(sleutel)["bedrag_eur"] * 100).round().astype("int64")
    exp = exp.join(cent.rename("totaal_cent"), on=sleutel, how="inner")
    som = exp.groupby(sleutel)["verwacht_eur"].transform("sum")
    exact = exp["totaal_cent"] * (exp["verwacht_eur"] / som)
    basis = np.floor(exact).astype("int64")
    over = exp["totaal_cent"] - basis.groupby([exp[k] for k in sleutel]).transform("sum")
    volgorde = (
        (exact - basis).groupby([exp[k] for k in sleutel]).rank(method="first", ascending=False)
    )
    exp["bedrag_eur"] = (basis + (volgorde <= over).astype("int64")) / 100
    kolommen = ["regio_code", "regio_naam", "postcode3", "categorie", "verwacht_eur", "bedrag_eur"]
    niet = rest[["postcode3", "categorie", "bedrag_eur", "reden"]].reset_index(drop=True)
    return exp[kolommen].reset_index(drop=True), niet


def combineer(per: pd.DataFrame, verwacht: pd.DataFrame) -> pd.DataFrame:
    """Replace the gemeente key by the PC3 key where a region x category has one.

    ``per``: :func:`geldstromen.domain.zorg.standaardiseer` output (its ``bedrag_eur`` adds up
    to the gemeente total per category); ``verwacht``: :func:`verwacht_per_regio` summed per
    region x category. The gemeente total per category is split again in proportion to the
    key, so it is kept exactly; ``sleutel_opmerking`` marks rows that kept the gemeente key.
    """
    pc3 = verwacht[["regio_code", "categorie", "verwacht_eur"]].rename(
        columns={"verwacht_eur": "verwacht_pc3"}
    )
    out = per.merge(pc3, on=["regio_code", "categorie"], how="left")
    heeft = out["verwacht_pc3"].notna()
    out["verwacht_eur"] = out["verwacht_pc3"].where(heeft, out["verwacht_eur"])
    out["sleutel_opmerking"] = np.where(heeft, "", " (geen PC3-sleutel: gemeentetarief)")
    totaal = out.groupby("categorie")["bedrag_eur"].transform("sum")
    som = out.groupby("categorie")["verwacht_eur"].transform("sum")
    out["bedrag_eur"] = totaal * out["verwacht_eur"] / som
    return out.drop(columns="verwacht_pc3")
