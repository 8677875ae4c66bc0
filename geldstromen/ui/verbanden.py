"""Verbanden: two indicators or money flows across the regions of a gemeente (or all NL),
as a scatter with Pearson and Spearman correlation and a plain-Dutch caution."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from geldstromen.cached import thema
from geldstromen.domain.opmaak import PLOTLY_SEPARATORS, getal
from geldstromen.domain.verband import samenhang, sterkte
from geldstromen.ui import indicatorkeuze
from geldstromen.ui.filters import Selectie

GEEN = "(geen)"
VOORKEUR = ["huish_laag_inkomen_pct", "zorgkosten_per_inwoner_eur", "aardgas_m3_per_woning"]


def _kies(keuzes: pd.DataFrame) -> tuple[str, str, str]:
    ids = list(keuzes["id"])

    def kies(titel: str, key: str, n: int, leeg: str | None = None) -> str:
        standaard = VOORKEUR[n] if VOORKEUR[n] in ids else (leeg or ids[min(n, len(ids) - 1)])
        return indicatorkeuze.kies_indicator(
            titel,
            keuzes,
            key=key,
            id_kolom="id",
            details=("jaar", "methode"),
            standaard=standaard,
            leeg=leeg,
        )

    x = kies("X-as", "vb_x", 0)
    y = kies("Y-as", "vb_y", 1)
    z = kies("Bolgrootte en kleur (optioneel)", "vb_z", 2, leeg=GEEN)
    return x, y, z


def _namen(long: pd.DataFrame) -> pd.Series:
    """One name per region code: a known name before 'naam onbekend (...)' (an indicator of
    another year may lack the name that the year of the other indicator has)."""
    onbekend = long["regio_naam"].astype(str).str.startswith("naam onbekend")
    beste = long.assign(_onbekend=onbekend).sort_values("_onbekend", kind="stable")
    return beste.drop_duplicates("regio_code").set_index("regio_code")["regio_naam"]


def render(sel: Selectie) -> None:
    """The page body for one selection."""
    heel_nl = st.sidebar.checkbox("Heel Nederland (alleen indicatoren)", key="vb_nl")
    jaren = thema.indicator_jaren(sel.version, sel.gemeente_code, sel.niveau)
    keuzes = thema.verband_keuzes(jaren, sel.jaar, met_stromen=not heel_nl)
    if len(keuzes) < 2:
        st.info("Te weinig indicatoren voor deze keuze.")
        return
    x, y, z = _kies(keuzes)
    rows = keuzes.set_index("id")
    gekozen = [i for i in dict.fromkeys([x, y, z]) if i != GEEN]
    paren = tuple((i, int(rows.loc[i, "jaar"])) for i in gekozen)
    long = thema.verband_waarden(
        sel.version, None if heel_nl else sel.gemeente_code, sel.niveau, paren
    )
    wide = long.pivot_table(
        index="regio_code", columns="id", values="waarde", aggfunc="first"
    ).reset_index()
    wide.insert(1, "regio_naam", wide["regio_code"].map(_namen(long)))
    for i in gekozen:
        if i not in wide:
            wide[i] = float("nan")
    paar = wide.dropna(subset=[x, y]) if x != y else wide.dropna(subset=[x])
    gebied = "Nederland" if heel_nl else sel.gemeente_naam
    s = samenhang(paar[x], paar[y])
    lab = {i: f"{rows.loc[i, 'label']} ({rows.loc[i, 'eenheid']})" for i in gekozen}
    c = st.columns(3)
    c[0].metric("Gebieden met beide waarden (n)", s.n, help=f"van {len(wide)} gebieden")
    c[1].metric("Pearson r", "–" if s.pearson is None else getal(s.pearson, 2))
    c[2].metric("Spearman ρ", "–" if s.spearman is None else getal(s.spearman, 2))
    st.caption(
        f"{sel.niveau.capitalize()}en in {gebied}, gekoppeld op exacte gebiedscode: {s.n} van "
        f"{len(wide)} gebieden hebben beide waarden. Samenhang volgens Spearman: "
        f"{sterkte(s.spearman)}."
    )
    if paar.empty:
        st.info("Geen gebieden met beide waarden: niets te tekenen.")
    else:
        plot = paar.copy()
        maat = None
        if z != GEEN:
            plot = plot[plot[z].notna()]
            maat = plot[z].clip(lower=0) if (plot[z] >= 0).all() else None
        fig = px.scatter(
            plot,
            x=x,
            y=y,
            size=maat,
            color=z if z != GEEN else None,
            hover_name="regio_naam",
            hover_data={"regio_code": True},
            labels={**lab, "regio_naam": "gebied", "regio_code": "code"},
            title=f"{rows.loc[y, 'label']} tegen {rows.loc[x, 'label']} ({gebied})",
        )
        kleur = "" if z == GEEN else f"{rows.loc[z, 'label']}<br>({rows.loc[z, 'eenheid']})"
        fig.update_layout(
            height=560,
            coloraxis_colorbar={"title": {"text": kleur}, "tickformat": ",~r"},
            separators=PLOTLY_SEPARATORS,
        )
        fig.update_xaxes(tickformat=",~r")
        fig.update_yaxes(tickformat=",~r")
        st.plotly_chart(fig, width="stretch")
        if z != GEEN and len(plot) < len(paar):
            st.caption(
                f"{len(paar) - len(plot)} gebieden zonder {rows.loc[z, 'label']} niet getekend."
            )
    st.warning(
        "Dit is samenhang, geen oorzaak: twee cijfers die samen op- en neergaan hoeven elkaar "
        "niet te veroorzaken. Vaak speelt een derde factor (leeftijd, woningtype, inkomen), en "
        "geschatte of toegerekende bedragen zijn met kenmerken als inwoners of cliënten verdeeld, "
        "zodat een verband soms in de rekenmethode zit. Kleine gebieden schommelen sterk."
    )
    bronnen = "; ".join(
        f"{lab[i]}: {rows.loc[i, 'methode']}, {int(rows.loc[i, 'jaar'])}" for i in gekozen
    )
    st.caption(f"Gebruikte cijfers: {bronnen}.")
