"""Scenario page, tab "Voor en na": the region's money flows before and, in a chosen year,
with the scenario's changes as separate orange links (methode ``scenario``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen.scenario.app import cache as cached_scenario
from geldstromen.scenario.app import grafieken as grafiek
from geldstromen.scenario.model import Scenario
from geldstromen.scenario.stromen import scenario_laag, standaardjaar, verschil
from geldstromen.ui.tabellen import opgemaakt

UITLEG = (
    "Voor: de geldstromen van dit gebied zoals in het wijkrapport (gemeente: "
    "toegerekend; huishoudens en zorg: geschat). Na: dezelfde stromen plus, in oranje, wat het "
    "scenario in het gekozen jaar toevoegt (methode scenario). De bestaande stromen worden niet "
    "aangepast: het scenario staat er als aparte laag naast."
)


WEERGAVEN = ("Na (met scenario-laag)", "Voor", "Naast elkaar")


def jaarkeuzes(scenario: Scenario) -> dict[int, str]:
    """Each year of the horizon with a label; the steady state is the first year after the
    last start year (no investments left, every intervention running)."""
    start, eind = scenario.start(), scenario.eind()
    stabiel = min(max(i.startjaar for i in scenario.interventies) + 1, eind)
    return {
        j: f"jaar {j - start + 1} ({j})" + (" · stabiel" if j == stabiel else "")
        for j in range(start, eind + 1)
    }


def render(version: str, scenario: Scenario, regio: str, regio_naam: str, data_jaar: int) -> None:
    """The before/after sankeys and the table of differences per link."""
    keuzes = jaarkeuzes(scenario)
    jaar = st.select_slider(
        "Jaar van het scenario",
        list(keuzes),
        value=standaardjaar(scenario),
        format_func=keuzes.get,
        key="sc_voorna_jaar",
    )
    voor, notities = cached_scenario.voor_links(version, regio, regio_naam, data_jaar)
    extra = scenario_laag(scenario, int(jaar))
    st.caption(UITLEG + " " + " ".join(notities))
    weergave = st.radio("Weergave", WEERGAVEN, horizontal=True, key="sc_voorna_weergave")
    voor_fig = grafiek.sankey(voor, "Voor: geldstromen zonder scenario")
    na_fig = grafiek.sankey(
        pd.concat([voor, extra], ignore_index=True),
        f"Na: dezelfde stromen + de SCENARIO-laag (oranje) in {keuzes[int(jaar)]}",
    )
    if weergave == WEERGAVEN[2]:
        links_kol, rechts_kol = st.columns(2)
        links_kol.plotly_chart(voor_fig, width="stretch", key="sc_sankey_voor")
        rechts_kol.plotly_chart(na_fig, width="stretch", key="sc_sankey_na")
    else:
        fig = na_fig if weergave == WEERGAVEN[0] else voor_fig
        st.plotly_chart(fig, width="stretch", key="sc_sankey")
    if weergave != WEERGAVEN[1] and not extra.empty:
        st.plotly_chart(
            grafiek.sankey(extra, f"Uitvergroot: alleen de scenario-laag in {keuzes[int(jaar)]}"),
            width="stretch",
            key="sc_sankey_laag",
        )
    st.caption(
        "Oranje = scenario. Naast de bestaande stromen is de scenario-laag dun; daarom staat "
        "ze hierboven ook apart, op eigen schaal. De bedragen staan in de tabel."
    )
    st.markdown("**Verschil per stroom** (euro per jaar; de scenario-stromen bovenaan)")
    tabel = verschil(voor, extra)
    st.dataframe(
        opgemaakt(
            tabel.rename(
                columns={
                    "van": "Van",
                    "naar": "Naar",
                    "familie": "Familie",
                    "voor_eur": "Voor (€)",
                    "na_eur": "Na (€)",
                    "verschil_eur": "Verschil (€)",
                    "methode": "Methode",
                    "bron": "Bron",
                }
            )
        ),
        hide_index=True,
        width="stretch",
    )
