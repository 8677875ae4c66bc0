"""Cached data for the theme pages (Energietransitie, Sociaal domein, Verbanden).

Every frame joins regions on the exact region code; indicators of another year than the chosen
KWB year (RIVM 2020) are paired by code and the number of matched regions is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from geldstromen import cached, queries
from geldstromen.cached import huishoudens as ch
from geldstromen.cached import stromen as cs
from geldstromen.domain import sociaal_domein, zorg
from geldstromen.domain.sleuteljaren import dichtstbij
from geldstromen.domain.toerekening import dekking_zin
from geldstromen.families.stromen import NIVEAUS, Selectie

ENERGIE = [
    "aardgas_m3_per_woning",
    "elektriciteit_kwh_per_woning",
    "stadsverwarming_pct",
    "bouwjaar_voor_2000_pct",
    "koopwoningen_pct",
    "huurwoningen_pct",
    "corporatiewoningen_pct",
    "huish_laag_inkomen_pct",
    "huish_sociaal_minimum_pct",
    "woningen_aantal",
    "inwoners_aantal",
    "huishoudens_aantal",
]
SOCIAAL = [
    "inwoners_aantal",
    "bijstand_aantal",
    "ao_aantal",
    "ww_aantal",
    "aow_aantal",
    "wmo_clienten_aantal",
    "jeugdzorg_aantal",
    "huish_laag_inkomen_pct",
    "huish_sociaal_minimum_pct",
]
RIVM = [
    "gezondheid18_ervaren_goed_pct",
    "gezondheid18_eenzaam_pct",
    "gezondheid18_ernstig_eenzaam_pct",
    "gezondheid18_moeite_rondkomen_pct",
    "gezondheid18_risico_angst_depressie_pct",
    "gezondheid18_langdurige_aandoening_pct",
    "gezondheid18_mantelzorger_pct",
    "gezondheid65_ervaren_goed_pct",
    "gezondheid65_eenzaam_pct",
]


#: The energy burden named exactly: not the energy quote of the 10 % energy-poverty threshold.
ENERGIELAST_LABEL = "Energielast (energiekosten per huishouden / gestandaardiseerd inkomen)"
ENERGIELAST_EENHEID = "% van het gestandaardiseerd besteedbaar huishoudensinkomen"


@dataclass
class Thema:
    """A wide table (one row per region), a column catalogue and notes for the reader."""

    tabel: pd.DataFrame
    kolommen: pd.DataFrame  # kolom, label, eenheid, jaar, methode, bron
    notities: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def _long(gemeente_code: str, niveau: str, ids: list[str]) -> pd.DataFrame:
    return queries.run_query(
        cached.engine(),
        "thema_indicatoren",
        gemeente_code=gemeente_code,
        niveau=niveau,
        indicatoren=ids,
    )


#: Columns of the column catalogue that :func:`wide` returns, also when it is empty.
KOLOMMEN = ["kolom", "label", "eenheid", "methode", "bron", "jaar"]


def wide(long: pd.DataFrame, jaar: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per indicator its year nearest to ``jaar``; wide values and the column catalogue
    (with its columns also when no indicator has a value: a year the selector offers may
    have none of a page's indicators)."""
    if long.empty:
        return pd.DataFrame(columns=["regio_code", "regio_naam"]), pd.DataFrame(columns=KOLOMMEN)
    keuze = {i: dichtstbij(g["jaar"], jaar) for i, g in long.groupby("indicator")}
    sel = long[long["jaar"].astype(int) == long["indicator"].map(keuze)]
    tabel = sel.pivot_table(
        index="regio_code", columns="indicator", values="waarde", aggfunc="first", dropna=False
    )
    tabel.columns.name = None
    namen = sel.sort_values("jaar").drop_duplicates("regio_code", keep="last")
    tabel.insert(0, "regio_naam", namen.set_index("regio_code")["regio_naam"])
    meta = sel.drop_duplicates("indicator")[["indicator", "label", "eenheid", "methode", "bron"]]
    meta = meta.rename(columns={"indicator": "kolom"}).assign(jaar=meta["indicator"].map(keuze))
    return tabel.reset_index(), meta


def _regios(gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    long = _long(gemeente_code, niveau, ["inwoners_aantal", "woningen_aantal"])
    long = long[long["jaar"].astype(int) == jaar]
    return long.drop_duplicates("regio_code")[["regio_code", "regio_naam"]]


@st.cache_data(**cached.SELECTION)
def energie(version: str, gemeente_code: str, niveau: str, jaar: int) -> Thema:
    """Energy indicators and the household model's energy costs and burden per region."""
    basis = _regios(gemeente_code, niveau, jaar)
    long = _long(gemeente_code, niveau, ENERGIE)
    tabel, meta = wide(long[long["jaar"].astype(int) == jaar], jaar)
    tabel = basis.merge(tabel.drop(columns="regio_naam"), on="regio_code", how="left")
    model = ch.huishoudens_model(version, gemeente_code, niveau, jaar)
    notities = list(model.notities)
    afgeleid = [
        "energiekosten_per_woning_eur",
        "energiekosten_eur",
        "warmtekosten_eur",
        "energielast_pct",
    ]
    if model.energie.empty:
        for col in afgeleid:
            tabel[col] = float("nan")
    else:
        tabel = tabel.merge(model.energie[["regio_code", *afgeleid]], on="regio_code", how="left")
        t = model.tarief
        w = model.warmte or {"jaar": "?"}
        bron = f"CBS KWB {jaar}; CBS energieprijzen {t['jaar']}; ACM warmtetarief {w['jaar']}"
        rijen = [
            (
                "energiekosten_per_woning_eur",
                "Energiekosten per woning (gas, elektriciteit, warmte)",
                "euro per woning per jaar",
            ),
            ("energiekosten_eur", "Energiekosten alle woningen", "euro per jaar"),
            ("warmtekosten_eur", "Warmtekosten woningen op stadsverwarming", "euro per jaar"),
            ("energielast_pct", ENERGIELAST_LABEL, ENERGIELAST_EENHEID),
        ]
        extra = pd.DataFrame(
            [
                {
                    "kolom": k,
                    "label": lab,
                    "eenheid": e,
                    "methode": "geschat",
                    "bron": bron,
                    "jaar": f"{jaar} (prijzen {t['jaar']})",
                }
                for k, lab, e in rijen
            ]
        )
        meta = pd.concat([meta.astype({"jaar": str}), extra], ignore_index=True)
        notities.insert(0, f"Prijs: {t['uitleg']}.")
    for col in ENERGIE:
        if col not in tabel:
            tabel[col] = float("nan")
    return Thema(tabel, meta, notities)


@st.cache_data(**cached.SELECTION)
def sociaal(
    version: str, gemeente_code: str, niveau: str, jaar: int, iv3_jaar: int | None, stuk: str
) -> Thema:
    """Social indicators, allocated 6.x spending and RIVM estimates per region."""
    basis = _regios(gemeente_code, niveau, jaar)
    long = _long(gemeente_code, niveau, SOCIAAL)
    tabel, meta = wide(long[long["jaar"].astype(int) == jaar], jaar)
    tabel = basis.merge(tabel.drop(columns="regio_naam"), on="regio_code", how="left")
    for col in SOCIAAL:
        if col not in tabel:
            tabel[col] = float("nan")
    tabel = sociaal_domein.per_1000(tabel)
    notities: list[str] = []
    if iv3_jaar is not None and niveau not in NIVEAUS:
        notities.append("Toegerekende uitgaven 6.x: alleen per wijk of buurt.")
    elif iv3_jaar is not None:
        route = cs.stromen(
            version, Selectie(gemeente_code, niveau, iv3_jaar, stuk, "lasten", ("gemeente",))
        )
        toer = route.gemeente.get("lasten")
        flows = toer.flows if toer is not None else route.flows
        opmerking = toer.opmerking if toer is not None else "; ".join(route.notities)
        tabel, n = sociaal_domein.sociaal_geld(flows, opmerking, tabel)
        notities += n
        if "taakveld_code" in flows:  # how the 6.x money was placed (intended key or not)
            zes = flows[flows["taakveld_code"].astype(str).str.startswith("6.")]
            if zin := dekking_zin(zes):
                notities.append(f"Uitgaven 6.x — {zin}")
    rlong = _long(gemeente_code, niveau, RIVM)
    rivm, rmeta = wide(rlong, jaar)
    n_r = len(set(rivm["regio_code"]) & set(tabel["regio_code"]))
    rivm = tabel[["regio_code", "regio_naam"]].merge(
        rivm.drop(columns="regio_naam"), on="regio_code", how="left"
    )
    rj = sorted({int(j) for j in rmeta.get("jaar", [])})
    if rj:
        notities.append(
            # each RIVM edition uses the indeling of its own year (50090NED 2020, 50120NED 2022)
            f"RIVM-schattingen ({', '.join(f'{j} (indeling {j})' for j in rj)}) gekoppeld op exacte "
            f"code aan KWB {jaar}: {n_r} van {len(tabel)} gebieden gevonden."
        )
    return Thema(tabel, meta, notities, {"rivm": rivm, "rivm_kolommen": rmeta})


@st.cache_data(**cached.SELECTION)
def indicator_jaren(version: str, gemeente_code: str, niveau: str) -> pd.DataFrame:
    """Indicators with values for a gemeente and level, per year."""
    return queries.run_query(
        cached.engine(), "thema_indicator_jaren", gemeente_code=gemeente_code, niveau=niveau
    )


#: Money flows per inhabitant or dwelling offered on the Verbanden page (one gemeente only).
STROMEN = {
    "zorgkosten_per_inwoner_eur": ("Zorgkosten Zvw per inwoner (geschat)", "euro per inwoner"),
    "energiekosten_per_woning_eur": ("Energiekosten per woning (geschat)", "euro per woning"),
    "energielast_pct": (f"{ENERGIELAST_LABEL} (geschat)", ENERGIELAST_EENHEID),
}


def verband_keuzes(jaren: pd.DataFrame, jaar: int, met_stromen: bool) -> pd.DataFrame:
    """Per indicator the year nearest to ``jaar`` (id, label, eenheid, methode, jaar)."""
    j = jaren[jaren["met_waarde"] > 0]
    keuze = j.groupby("indicator")["jaar"].agg(lambda s: dichtstbij(s, jaar))
    out = j[j["jaar"].astype(int) == j["indicator"].map(keuze)]
    out = out.rename(columns={"indicator": "id"})[["id", "label", "eenheid", "methode", "jaar"]]
    if met_stromen:
        extra = [
            {"id": k, "label": lab, "eenheid": e, "methode": "geschat", "jaar": jaar}
            for k, (lab, e) in STROMEN.items()
        ]
        out = pd.concat([out, pd.DataFrame(extra)], ignore_index=True)
    return out.reset_index(drop=True)


def _stromen(
    version: str, gemeente_code: str, niveau: str, jaar: int, ids: list[str]
) -> pd.DataFrame:
    parts = []
    if "zorgkosten_per_inwoner_eur" in ids and niveau in NIVEAUS:  # (the route: wijk/buurt)
        route = cs.stromen(version, Selectie(gemeente_code, niveau, jaar, families=("zorg",)))
        f = route.flows
        # inhabitants of the KWB year the route spread the Zvw costs over (same population)
        kwb = route.jaren.kwb_jaar or jaar
        inw = _long(gemeente_code, niveau, ["inwoners_aantal"])
        inw = inw[inw["jaar"].astype(int) == kwb].set_index("regio_code")["waarde"]
        if not f.empty:
            tot = zorg.per_gebied(f, inw, top=0)  # the Sociaal domein table's figure
            tot = tot.rename(columns={"zorgkosten_per_inwoner_eur": "waarde"})
            parts.append(tot.assign(id="zorgkosten_per_inwoner_eur"))
    energie_ids = [i for i in ("energiekosten_per_woning_eur", "energielast_pct") if i in ids]
    if energie_ids:
        e = ch.huishoudens_model(version, gemeente_code, niveau, jaar).energie
        for i in energie_ids if not e.empty else []:
            parts.append(
                e[["regio_code", "regio_naam", i]].rename(columns={i: "waarde"}).assign(id=i)
            )
    cols = ["regio_code", "regio_naam", "id", "waarde"]
    return pd.concat([p[cols] for p in parts], ignore_index=True) if parts else pd.DataFrame()


@st.cache_data(**cached.SELECTION)
def verband_waarden(
    version: str, gemeente_code: str | None, niveau: str, keuzes: tuple[tuple[str, int], ...]
) -> pd.DataFrame:
    """Long values (regio_code, regio_naam, gemeente_code, id, waarde) of the chosen
    (indicator, year) pairs; ``gemeente_code`` None = every gemeente (indicators only)."""
    ind = [(i, j) for i, j in keuzes if i not in STROMEN]
    parts = []
    if ind:
        ids, jaren = sorted({i for i, _ in ind}), sorted({int(j) for _, j in ind})
        if gemeente_code is None:
            long = queries.run_query(
                cached.engine(), "thema_indicatoren_nl", niveau=niveau, jaren=jaren, indicatoren=ids
            )
        else:
            long = _long(gemeente_code, niveau, ids)
        for i, j in ind:
            sel = long[(long["indicator"] == i) & (long["jaar"].astype(int) == int(j))]
            parts.append(sel.rename(columns={"indicator": "id"}))
    stromen = [(i, j) for i, j in keuzes if i in STROMEN]
    if stromen and gemeente_code is not None:
        parts.append(
            _stromen(version, gemeente_code, niveau, int(stromen[0][1]), [i for i, _ in stromen])
        )
    cols = ["regio_code", "regio_naam", "id", "waarde"]
    parts = [p[cols] for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
