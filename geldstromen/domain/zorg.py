"""Zvw costs from gemeente to wijk/buurt by indirect age standardisation (pure pandas).

Per care category, the gemeente's cost per insured year per age class (Vektis raw files) or the
national cost per insured year per age class (derived 2023 tables, the same rate for every
category) is applied to a region's inhabitants per KWB age class; the expected amounts are then
scaled so that the regions of a gemeente add up exactly to the gemeente's published total per
category. KWB has no age x sex counts, so sex is not used. Regions with inhabitants but without
age counts get the gemeente's average rate (said in ``sleutel``).
"""

from __future__ import annotations

import re

import pandas as pd

from geldstromen.domain.per_inwoner import per_inwoner, reden

#: KWB age classes (lower bounds) in order.
KWB_KLASSEN = {"0_15": 0, "15_25": 15, "25_45": 25, "45_65": 45, "65plus": 65}
ONBEKEND = "onbekend"

#: Vektis cost column (prefix, after ``KOSTEN_``) -> care category; first match wins.
_CATEGORIE_PREFIX = [
    ("MEDISCH_SPECIALISTISCHE", "Medisch-specialistische zorg"),
    ("HUISARTS", "Huisartsenzorg"),
    ("FARMACIE", "Farmacie"),
    ("MONDZORG", "Mondzorg"),
    ("HULPMIDDELEN", "Hulpmiddelen"),
    ("PARAMEDISCHE", "Paramedische zorg"),
    ("ZIEKENVERVOER", "Ziekenvervoer"),
    ("KRAAMZORG", "Geboortezorg"),
    ("VERLOSKUNDIGE", "Geboortezorg"),
    ("INTEGRALE_GEBOORTEZORG", "Geboortezorg"),
    ("EERSTELIJNS_PSYCHOLOGISCHE", "GGZ"),
    ("VERPLEGING_EN_VERZORGING", "Wijkverpleging, revalidatie en eerstelijnsverblijf"),
    ("GERIATRISCHE_REVALIDATIE", "Wijkverpleging, revalidatie en eerstelijnsverblijf"),
    ("EERSTELIJNSVERBLIJF", "Wijkverpleging, revalidatie en eerstelijnsverblijf"),
    ("EERSTELIJNS_VERBLIJF", "Wijkverpleging, revalidatie en eerstelijnsverblijf"),
]
#: Categories of the derived 2023 tables (English) -> the same Dutch categories.
CATEGORIE_2023 = {
    "Medical specialist care": "Medisch-specialistische zorg",
    "General practice": "Huisartsenzorg",
    "Pharmacy": "Farmacie",
    "Dental care": "Mondzorg",
    "Medical devices": "Hulpmiddelen",
    "Paramedical care": "Paramedische zorg",
    "Patient transport": "Ziekenvervoer",
    "Maternity care": "Geboortezorg",
    "Mental health (GGZ)": "GGZ",
    "Nursing, rehabilitation and short-stay care": (
        "Wijkverpleging, revalidatie en eerstelijnsverblijf"
    ),
    "Other Zvw care": "Overige Zvw-zorg",
}


def zorgcategorie(kostenpost: str) -> str:
    """Care category of a Vektis cost column or a derived-table category."""
    if kostenpost in CATEGORIE_2023:
        return CATEGORIE_2023[kostenpost]
    post = re.sub(r"^KOSTEN_", "", str(kostenpost).upper())
    if "GGZ" in post:
        return "GGZ"
    for prefix, categorie in _CATEGORIE_PREFIX:
        if post.startswith(prefix):
            return categorie
    return "Overige Zvw-zorg"


def kwb_klasse(leeftijdsklasse: str) -> str | None:
    """KWB age class of a Vektis 5-year class (`` 0 t/m  4 jaar`` -> ``0_15``, ``90+`` -> 65plus)."""
    m = re.search(r"\d+", str(leeftijdsklasse))
    if m is None:
        return None
    lower = int(m.group())
    return [k for k, start in KWB_KLASSEN.items() if lower >= start][-1]


def tarieven_uit_vektis(rows: pd.DataFrame) -> pd.DataFrame:
    """Raw Vektis rows of one gemeente -> cost and insured years per KWB class x category.

    Vektis 5-year classes are summed into KWB classes; both sexes are summed.
    """
    rows = rows.assign(
        klasse=rows["leeftijdsklasse"].map(kwb_klasse),
        categorie=rows["kostenpost"].map(zorgcategorie),
    ).dropna(subset=["klasse"])
    kosten = rows.groupby(["klasse", "categorie"], as_index=False)["bedrag_eur"].sum()
    jaren = (
        rows.drop_duplicates(["geslacht", "leeftijdsklasse"])
        .groupby("klasse", as_index=False)["verzekerdejaren"]
        .sum()
    )
    out = kosten.merge(jaren, on="klasse")
    out["tarief_eur"] = out["bedrag_eur"] / out["verzekerdejaren"]
    return out


def landelijke_tarieven(rows: pd.DataFrame, categorieen: list[str]) -> pd.DataFrame:
    """National total cost per insured year per KWB class, the same for every category."""
    rows = rows.assign(klasse=rows["leeftijdsklasse"].map(kwb_klasse)).dropna(subset=["klasse"])
    per = rows.groupby("klasse", as_index=False)[["bedrag_eur", "verzekerdejaren"]].sum()
    per["tarief_eur"] = per["bedrag_eur"] / per["verzekerdejaren"]
    return per[["klasse", "tarief_eur"]].merge(
        pd.DataFrame({"categorie": categorieen}), how="cross"
    )


def leeftijdsopbouw(ind: pd.DataFrame) -> pd.DataFrame:
    """Wide indicators per region -> inhabitants per KWB class (long).

    Uses ``inwoners_<k>_aantal`` when present, else ``inwoners_<k>_pct`` x ``inwoners_aantal``.
    Regions without any age data get one row with class ``onbekend`` and all inhabitants.
    """
    rows = []
    for rec in ind.to_dict("records"):
        totaal = rec.get("inwoners_aantal")
        parts = {}
        for k in KWB_KLASSEN:
            aantal, pct = rec.get(f"inwoners_{k}_aantal"), rec.get(f"inwoners_{k}_pct")
            if pd.notna(aantal):
                parts[k] = float(aantal)
            elif pd.notna(pct) and pd.notna(totaal):
                parts[k] = float(pct) * float(totaal) / 100
        if len(parts) < len(KWB_KLASSEN):
            parts = {ONBEKEND: float(totaal)} if pd.notna(totaal) and totaal > 0 else {}
        for k, n in parts.items():
            rows.append(
                {
                    "regio_code": rec["regio_code"],
                    "regio_naam": rec["regio_naam"],
                    "klasse": k,
                    "inwoners": n,
                }
            )
    return pd.DataFrame(rows, columns=["regio_code", "regio_naam", "klasse", "inwoners"])


def standaardiseer(
    tarieven: pd.DataFrame, totalen: pd.DataFrame, bevolking: pd.DataFrame
) -> pd.DataFrame:
    """Allocate gemeente totals per category to regions by expected cost.

    ``tarieven``: klasse, categorie, tarief_eur (cost per insured year); ``totalen``: categorie,
    bedrag_eur (gemeente total); ``bevolking``: regio_code, regio_naam, klasse, inwoners.
    Returns regio_code, regio_naam, categorie, verwacht_eur, bedrag_eur, leeftijd_bekend.
    """
    tarieven = tarieven[["klasse", "categorie", "tarief_eur"]]
    gemiddeld = tarieven.merge(
        bevolking[bevolking["klasse"] != ONBEKEND]
        .groupby("klasse", as_index=False)["inwoners"]
        .sum(),
        on="klasse",
    )
    gemiddeld = gemiddeld.assign(w=gemiddeld["tarief_eur"] * gemiddeld["inwoners"])
    sums = gemiddeld.groupby("categorie")[["w", "inwoners"]].sum()
    gem = (sums["w"] / sums["inwoners"]).dropna()
    if gem.empty:  # no region with ages: plain average of the class rates
        gem = tarieven.groupby("categorie")["tarief_eur"].mean()
    onbekend = pd.DataFrame({"categorie": gem.index, "tarief_eur": gem.values, "klasse": ONBEKEND})
    alle = pd.concat([tarieven, onbekend], ignore_index=True)
    exp = bevolking.merge(alle, on="klasse")
    exp["verwacht_eur"] = exp["tarief_eur"] * exp["inwoners"]
    exp["leeftijd_bekend"] = exp["klasse"] != ONBEKEND
    per = exp.groupby(["regio_code", "regio_naam", "categorie"], as_index=False).agg(
        verwacht_eur=("verwacht_eur", "sum"), leeftijd_bekend=("leeftijd_bekend", "all")
    )
    per = per.merge(
        totalen[["categorie", "bedrag_eur"]].rename(columns={"bedrag_eur": "tot"}), on="categorie"
    )
    som = per.groupby("categorie")["verwacht_eur"].transform("sum")
    per["bedrag_eur"] = per["tot"] * per["verwacht_eur"] / som
    return per.drop(columns="tot")


def per_gebied(flows: pd.DataFrame, inwoners: pd.Series, top: int = 4) -> pd.DataFrame:
    """Estimated Zvw costs per region: total, per inhabitant and the ``top`` largest categories.

    ``flows``: zorg flows (regio_code, regio_naam, categorie, bedrag_eur); ``inwoners``: region
    code -> inhabitants. Below the minimum population (:mod:`geldstromen.domain.per_inwoner`)
    a region gets no per-inhabitant figure (never 0) and ``toelichting`` says why.
    """
    if flows.empty:
        return pd.DataFrame(columns=["regio_code", "regio_naam", "zorgkosten_eur"])
    wide = flows.pivot_table(
        index=["regio_code", "regio_naam"], columns="categorie", values="bedrag_eur", aggfunc="sum"
    )
    grootste = wide.sum().sort_values(ascending=False).index[:top]
    out = pd.DataFrame({"zorgkosten_eur": wide.sum(axis=1)})
    inw = pd.to_numeric(
        inwoners.reindex(wide.index.get_level_values("regio_code")), errors="coerce"
    ).to_numpy(dtype=float)
    out["inwoners"] = inw
    out["zorgkosten_per_inwoner_eur"] = per_inwoner(out["zorgkosten_eur"], out["inwoners"])
    for cat in grootste:
        out[f"{cat} per inwoner (EUR)"] = per_inwoner(wide[cat], out["inwoners"])
    out["toelichting"] = reden(out["inwoners"])
    return out.reset_index()
