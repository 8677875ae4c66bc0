"""Tijdlijn: every indicator of one region code over the years present.

Only the exact code is followed: a wijk whose code changed is a different series, never joined.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geldstromen.cached import tijd
from geldstromen.domain.boodschappen import getal
from geldstromen.ui import state
from geldstromen.ui.filters import Selectie


def indelingswijzigingen(codes: pd.DataFrame) -> list[int]:
    """Years whose set of region codes differs from the previous year present."""
    jaren = sorted(codes["jaar"].astype(int).unique())
    sets = {j: set(codes.loc[codes["jaar"] == j, "regio_code"]) for j in jaren}
    return [b for a, b in zip(jaren, jaren[1:], strict=False) if sets[a] != sets[b]]


def afwezig(codes: pd.DataFrame, regio: str) -> list[int]:
    """Years with data for the level where this exact code does not occur."""
    jaren = set(codes["jaar"].astype(int))
    aanwezig = set(codes.loc[codes["regio_code"] == regio, "jaar"].astype(int))
    return sorted(jaren - aanwezig)


def figuur(
    reeks: pd.DataFrame, wijzigingen: list[int], titel: str, jaren: list[int] | None = None
) -> go.Figure:
    """Line with markers over every year of the level (``jaren``): a year without a value for
    this code stays an empty gap; boundary-change years as dashed vertical lines."""
    data = reeks.sort_values("jaar")
    if jaren:
        per_jaar = data.assign(jaar=data["jaar"].astype(int)).drop_duplicates("jaar")
        data = per_jaar.set_index("jaar").reindex(jaren)[["waarde"]].rename_axis("jaar")
        data = data.reset_index()
    fig = go.Figure(
        go.Scatter(
            x=data["jaar"],
            y=pd.to_numeric(data["waarde"], errors="coerce"),
            mode="lines+markers",
            connectgaps=False,
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    for jaar in wijzigingen:
        fig.add_vline(x=jaar, line_dash="dash", line_color="grey")
        fig.add_annotation(x=jaar, y=1, yref="paper", text="indeling gewijzigd", showarrow=False)
    xaxis = {"dtick": 1}
    if jaren:
        xaxis["range"] = [min(jaren) - 0.5, max(jaren) + 0.5]
    fig.update_layout(title=titel, height=360, margin={"t": 50, "b": 30}, xaxis=xaxis)
    return fig


def render(sel: Selectie, regio: str, regio_naam: str) -> None:
    """Table of all indicators x years, and a chart of the chosen indicator."""
    codes = tijd.codes_per_jaar(sel.version, sel.gemeente_code, sel.niveau)
    reeks = tijd.regio_reeks(sel.version, regio)
    wijzigingen = indelingswijzigingen(codes)
    st.subheader(f"{regio_naam} ({regio}) door de jaren")
    jaren = sorted(codes["jaar"].astype(int).unique())
    st.caption(
        "Jaren met gegevens op dit niveau: "
        + ", ".join(str(j) for j in jaren)
        + (
            ". Gebiedsindeling gewijzigd in: " + ", ".join(str(j) for j in wijzigingen)
            if wijzigingen
            else ". Geen wijziging van de gebiedsindeling gezien."
        )
    )
    weg = afwezig(codes, regio)
    if weg:
        st.warning(
            f"Code {regio} komt niet voor in {', '.join(str(j) for j in weg)} (andere "
            "gebiedsindeling). Die jaren blijven leeg: er wordt niet gekoppeld aan een gebied "
            "met een andere code."
        )
    if reeks.empty:
        st.info("Geen gegevens voor deze code.")
        return
    labels = reeks.drop_duplicates("indicator").set_index("indicator")
    ids = list(labels.index)
    default = "inwoners_aantal" if "inwoners_aantal" in ids else ids[0]
    indicator = st.selectbox(
        "Indicator",
        ids,
        index=ids.index(state.lees("indicator", ids, default)),
        format_func=lambda i: f"{labels.at[i, 'label']} ({labels.at[i, 'eenheid']})",
        key="tijd_indicator",
    )
    state.schrijf(indicator=indicator)
    een = reeks[reeks["indicator"] == indicator]
    st.plotly_chart(
        figuur(
            een,
            wijzigingen,
            f"{labels.at[indicator, 'label']} ({labels.at[indicator, 'eenheid']})",
            jaren,
        ),
        width="stretch",
    )
    st.caption("Bron: " + "; ".join(sorted(set(een["bron"].dropna()))))
    tabel = (
        reeks.assign(waarde=pd.to_numeric(reeks["waarde"], errors="coerce"))
        .groupby(["label", "eenheid", "jaar"], dropna=False)["waarde"]
        .first()
        .unstack("jaar")
    )
    tabel = tabel.reindex(columns=jaren)
    st.markdown("**Alle indicatoren** (— = geen gegevens of code bestond niet)")
    st.dataframe(tabel.map(getal), width="stretch")
