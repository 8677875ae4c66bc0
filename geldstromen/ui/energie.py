"""Energietransitie: energy use, housing and estimated energy costs per region, and a
transparent 'Waar beginnen?' ranking with criteria and weights chosen by the user."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from geldstromen.cached import thema
from geldstromen.domain.opmaak import PLOTLY_SEPARATORS, getal
from geldstromen.domain.per_inwoner import (
    INWONERS_ONBEKEND,
    MIN_INWONERS,
    TE_WEINIG_INWONERS,
)
from geldstromen.domain.ranking import Criterium, rangschik
from geldstromen.ui import state
from geldstromen.ui.filters import Selectie
from geldstromen.ui.tabellen import waarde_tabel

KOPPEN = {
    "aardgas_m3_per_woning": "Aardgas (m³/woning)",
    "elektriciteit_kwh_per_woning": "Elektriciteit (kWh/woning)",
    "stadsverwarming_pct": "Stadsverwarming (% woningen)",
    "bouwjaar_voor_2000_pct": "Bouwjaar voor 2000 (% woningen)",
    "koopwoningen_pct": "Koop (% woningen)",
    "huurwoningen_pct": "Huur (% woningen)",
    "corporatiewoningen_pct": "Corporatie (% woningen)",
    "huish_laag_inkomen_pct": "Laag inkomen (% huishoudens)",
    "energiekosten_per_woning_eur": "Energiekosten (EUR/woning/jaar, geschat)",
    "energiekosten_eur": "Energiekosten totaal (EUR/jaar, geschat)",
    "warmtekosten_eur": "waarvan stadsverwarming (EUR/jaar, geschat)",
    "energielast_pct": "Energielast (% van gestandaardiseerd inkomen, geschat)",
}
#: criterion -> (default on, default weight, high is urgent)
CRITERIA = {
    "aardgas_m3_per_woning": (True, 3, True),
    "huish_laag_inkomen_pct": (True, 2, True),
    "corporatiewoningen_pct": (True, 2, True),
    "energielast_pct": (False, 1, True),
    "bouwjaar_voor_2000_pct": (False, 1, True),
    "stadsverwarming_pct": (False, 1, False),
    "huish_sociaal_minimum_pct": (False, 1, True),
}
REDENEN = {TE_WEINIG_INWONERS, INWONERS_ONBEKEND}
LABELS = {
    **KOPPEN,
    "huish_sociaal_minimum_pct": "Sociaal minimum (% huishoudens)",
    "huishoudens_aantal": "Huishoudens (aantal)",
}


def _kolominfo(kolommen: pd.DataFrame) -> pd.DataFrame:
    k = kolommen[kolommen["kolom"].isin(KOPPEN)].copy()
    k.insert(0, "kolom in tabel", k["kolom"].map(KOPPEN))
    return k[["kolom in tabel", "eenheid", "jaar", "methode", "bron"]]


def _criteria(sel: Selectie) -> list[Criterium]:
    st.markdown("**Kies criteria en gewichten** (0 = telt niet mee)")
    gekozen = []
    for kolom, (aan, gewicht, hoog) in CRITERIA.items():
        richting = "hoog" if hoog else "laag"
        c1, c2 = st.columns([3, 2])
        if c1.checkbox(f"{LABELS[kolom]}: {richting} = urgenter", value=aan, key=f"eb_{kolom}"):
            w = c2.slider("Gewicht", 0, 5, gewicht, key=f"ew_{kolom}", label_visibility="collapsed")
            gekozen.append(Criterium(kolom, LABELS[kolom], float(w), hoog))
    return gekozen


#: Choices of the minimum number of households for a score (URL key ``min_hh``).
MIN_HUISHOUDENS = [0, 100, 250, 500, 1000, 2500, 5000]


def _min_huishoudens() -> int:
    opties = MIN_HUISHOUDENS
    gekozen = st.select_slider(
        "Minimaal aantal huishoudens voor een score",
        opties,
        value=state.lees("min_hh", opties, 250),
        format_func=lambda n: getal(n, 0),
        key="min_hh",
        help="Een begin in een gebied met een paar dozijn woningen bereikt bijna niemand; "
        "kleinere gebieden staan onderaan zonder score.",
    )
    state.schrijf(min_hh=gekozen)
    return int(gekozen)


def _ranglijst(tabel: pd.DataFrame, criteria: list[Criterium], sel: Selectie) -> None:
    actief = [c for c in criteria if c.gewicht > 0]
    if not actief:
        st.info("Kies minstens één criterium met een gewicht groter dan 0.")
        return
    min_hh = _min_huishoudens()
    uitleg = " + ".join(
        f"{c.gewicht:g} x {c.label} ({'hoog' if c.hoog_is_urgent else 'laag'})" for c in actief
    )
    st.caption(
        f"Score = gewogen gemiddelde van {uitleg}, elk min-max geschaald binnen "
        f"{sel.gemeente_naam} (0 = minst, 100 = meest urgent). Gebieden met een ontbrekend "
        "criterium krijgen geen score, staan onderaan en zijn gemarkeerd; gebieden met minder "
        f"dan {MIN_INWONERS} inwoners (bedrijventerrein, park, duin) ook: '{TE_WEINIG_INWONERS}'"
        + (f", en gebieden met minder dan {min_hh} huishoudens." if min_hh else ".")
    )
    r = rangschik(tabel, actief, min_hh)
    kolommen = ["rang", "regio_code", "regio_naam", "score", "ontbreekt", "huishoudens_aantal"] + [
        c.kolom for c in actief
    ]
    out = r[kolommen].rename(columns={**LABELS, "regio_code": "code", "regio_naam": "gebied"})
    out["score"] = out["score"].round(1)
    # a rank only for a region with a score: no numbered list of dashes
    out["rang"] = out["rang"].where(out["score"].notna()).astype("Int64")
    out["ontbreekt"] = out["ontbreekt"].map(
        lambda s: (
            ""
            if not s
            else f"⚠ {s}"
            if s in REDENEN or s.startswith("minder dan")
            else f"⚠ ontbreekt: {s}"
        )
    )
    waarde_tabel(
        out,
        f"waar_beginnen_{sel.gemeente_code}_{sel.niveau}_{sel.jaar}",
        {"tabel": "Waar beginnen?", "score": uitleg},
    )
    top = r[r["score"].notna()].head(10)
    if top.empty:
        st.info("Geen gebied heeft alle gekozen criteria.")
        return
    delen = top.melt(
        id_vars=["regio_naam", "score"],
        value_vars=[f"deel_{c.kolom}" for c in actief],
        var_name="criterium",
        value_name="bijdrage",
    )
    delen["criterium"] = delen["criterium"].str.removeprefix("deel_").map(LABELS)
    fig = px.bar(
        delen,
        x="bijdrage",
        y="regio_naam",
        color="criterium",
        orientation="h",
        labels={"bijdrage": "Bijdrage aan score (0-100)", "regio_naam": ""},
        title=f"Top {len(top)}: waar beginnen? ({sel.gemeente_naam}, {sel.niveau} {sel.jaar})",
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(top["regio_naam"])[::-1])
    fig.update_layout(
        legend={"orientation": "h", "y": -0.2},
        height=480,
        margin={"l": 10},
        separators=PLOTLY_SEPARATORS,
    )
    st.plotly_chart(fig, width="stretch")


def render(sel: Selectie) -> None:
    """The page body for one selection."""
    t = thema.energie(sel.version, sel.gemeente_code, sel.niveau, sel.jaar)
    if t.tabel.empty:
        st.info(f"Geen gegevens voor {sel.niveau} in {sel.jaar}.")
        return
    st.subheader(f"Energie en wonen per {sel.niveau} ({sel.gemeente_naam}, KWB {sel.jaar})")
    tabel = t.tabel[["regio_code", "regio_naam", *KOPPEN]].rename(
        columns={**KOPPEN, "regio_code": "code", "regio_naam": "gebied"}
    )
    waarde_tabel(tabel.round(1), f"energie_{sel.gemeente_code}_{sel.niveau}_{sel.jaar}")
    st.caption(
        "Energielast = energiekosten per huishouden (gas, elektriciteit en geschatte warmte "
        "van woningen op stadsverwarming tegen het ACM-maximumtarief) gedeeld door het "
        "gemiddeld gestandaardiseerd besteedbaar huishoudensinkomen (CBS: besteedbaar inkomen "
        "gedeeld door de equivalentiefactor). Dit is niet de energiequote van de 10%-grens voor "
        "energiearmoede: voor huishoudens van meer personen ligt deze verhouding hoger dan hun "
        "werkelijke energiequote. Vergelijk gebieden onderling, niet met 10%."
    )
    with st.expander("Eenheid, jaar, methode en bron per kolom", expanded=True):
        st.dataframe(_kolominfo(t.kolommen), hide_index=True, width="stretch")
        for n in t.notities:
            st.caption(n)
    st.subheader("Waar beginnen?")
    _ranglijst(t.tabel, _criteria(sel), sel)
