"""Tijdlijn: every indicator of one region code over the years present.

Only the exact code is followed: a wijk whose code changed is a different series, never joined.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geldstromen.cached import tijd
from geldstromen.domain.boodschappen import getal
from geldstromen.ui import indicatorkeuze
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


def as_jaren(reeks: pd.DataFrame, jaren: list[int] | None, afwezig: list[int] | None) -> list[int]:
    """Years on the axis: those with a value for this series, and the years of the level in
    which this code did not exist (``afwezig``, shown as gaps); a year in which only other
    indicators were published is left off instead of taking a slot of the axis."""
    met_waarde = set(
        reeks.loc[pd.to_numeric(reeks["waarde"], errors="coerce").notna(), "jaar"].astype(int)
    )
    weg = set(afwezig or [])
    if jaren:
        weg &= set(jaren)
    return sorted(met_waarde | weg)


def _y_bereik(y: pd.Series) -> list[float] | None:
    """Y range with room around the points (no marker on or under an axis line); from 0 when
    every value is at least 0 and the lowest is near 0."""
    y = y.dropna()
    if y.empty:
        return None
    lo, hi = float(y.min()), float(y.max())
    marge = (hi - lo) * 0.12 if hi > lo else max(abs(hi) * 0.1, 1.0)
    onder = lo - marge
    if lo >= 0 and onder < 0:
        onder = -marge / 2 if lo == 0 else 0.0
    return [onder, hi + marge]


def figuur(
    reeks: pd.DataFrame,
    wijzigingen: list[int],
    titel: str,
    jaren: list[int] | None = None,
    afwezig: list[int] | None = None,
) -> go.Figure:
    """Line with markers over the years of :func:`as_jaren` as equal categories: a year in
    which this code did not exist stays an empty gap; boundary-change years as dashed
    vertical lines. Dutch number format on the axis."""
    as_ = as_jaren(reeks, jaren, afwezig)
    per_jaar = reeks.assign(jaar=reeks["jaar"].astype(int)).drop_duplicates("jaar")
    data = per_jaar.set_index("jaar").reindex(as_)[["waarde"]].rename_axis("jaar").reset_index()
    y = pd.to_numeric(data["waarde"], errors="coerce")
    fig = go.Figure(
        go.Scatter(
            x=[str(j) for j in data["jaar"]],
            y=y,
            mode="lines+markers",
            connectgaps=False,
            cliponaxis=False,
            hovertemplate="%{x}: %{y:,}<extra></extra>",
        )
    )
    for jaar in wijzigingen:
        if jaar in as_:
            fig.add_vline(x=str(jaar), line_dash="dash", line_color="grey")
            fig.add_annotation(
                x=str(jaar), y=1, yref="paper", text="indeling gewijzigd", showarrow=False
            )
    fig.update_layout(
        title=titel,
        height=360,
        margin={"t": 50, "b": 30},
        separators=",.",
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [str(j) for j in as_],
        },
        yaxis={"range": _y_bereik(y), "tickformat": ",", "zeroline": False},
    )
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
    indicator = indicatorkeuze.kies_indicator(
        "Indicator", reeks, key="tijd_indicator", url="indicator", plek=st
    )
    een = reeks[reeks["indicator"] == indicator]
    st.plotly_chart(
        figuur(
            een,
            wijzigingen,
            f"{labels.at[indicator, 'label']} ({labels.at[indicator, 'eenheid']})",
            jaren,
            weg,
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
