"""Zvw costs next to the social figures: estimated costs per region and the gemeente's
actual-versus-expected benchmark (Vektis), each with its method and source."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geldstromen.cached import zorg as cz
from geldstromen.domain import zorg
from geldstromen.domain.opmaak import PLOTLY_SEPARATORS, euro, getal
from geldstromen.domain.per_inwoner import UITLEG
from geldstromen.families.zorg import ZorgModel
from geldstromen.ui.tabellen import waarde_tabel

KOLOMMEN = {
    "regio_code": "code",
    "regio_naam": "gebied",
    "zorgkosten_eur": "Zvw-kosten (EUR per jaar)",
    "inwoners": "Inwoners",
    "zorgkosten_per_inwoner_eur": "Zvw-kosten per inwoner (EUR)",
    "toelichting": "Per inwoner",
}
UITLEG_VERWACHT = (
    "Verwacht = de landelijke kosten per verzekerdenjaar per leeftijdsklasse en geslacht, "
    "toegepast op de verzekerden van de gemeente (indirecte standaardisatie). Verhouding boven "
    "1: de gemeente kost meer dan haar leeftijds- en geslachtsopbouw doet verwachten; dat zegt "
    "niet waarom (gezondheid, aanbod, inkomen en zorggebruik spelen alle mee)."
)


def toon_benchmark(model: ZorgModel, gemeente_naam: str) -> None:
    """Actual vs expected Zvw costs of the gemeente per care category (bar chart + table)."""
    bench = model.benchmark
    if bench is None or bench.empty:
        st.info(
            "Geen vergelijking werkelijk-verwacht: het Vektis-bestand met verwachte kosten "
            "(2023) bevat deze gemeente niet."
        )
        return
    jaar = int(bench["jaar"].max())
    b = bench[bench["jaar"] == jaar]
    totaal = b[b["zorgsoort"] == "Totaal"]
    st.markdown(f"**{gemeente_naam}: Zvw-kosten tegen de landelijke verwachting (Vektis {jaar})**")
    if not totaal.empty:
        t = totaal.iloc[0]
        verschil = (t["verhouding"] - 1) * 100
        cols = st.columns(3)
        cols[0].metric("Werkelijk per verzekerdenjaar", euro(t["werkelijk_per_verzekerde_eur"]))
        cols[1].metric(
            "Verwacht per verzekerdenjaar", euro(t["verwacht_eur"] / t["verzekerdejaren"])
        )
        cols[2].metric(
            "Verschil met verwachting", ("+" if verschil > 0 else "") + f"{getal(verschil, 1)} %"
        )
    soorten = b[b["zorgsoort"] != "Totaal"].sort_values("verhouding")
    fig = go.Figure(
        go.Bar(
            x=soorten["verhouding"],
            y=soorten["zorgsoort"],
            orientation="h",
            marker_color=["#c0392b" if v > 1 else "#2e86c1" for v in soorten["verhouding"]],
            hovertemplate="%{y}: werkelijk / verwacht = %{x:.2f}<extra></extra>",
        )
    )
    fig.add_vline(x=1, line_dash="dash", annotation_text="landelijk verwacht")
    fig.update_layout(
        height=60 + 32 * len(soorten),
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        xaxis_title="werkelijke / verwachte kosten (1 = landelijk niveau)",
        separators=PLOTLY_SEPARATORS,
    )
    st.plotly_chart(fig, key=f"zorg_benchmark_{gemeente_naam}")
    tabel = b.assign(
        verwacht_per_verzekerde_eur=b["verwacht_eur"] / b["verzekerdejaren"],
        methode_werkelijk="waargenomen",
        methode_verwacht="geschat",
    )[
        [
            "jaar",
            "zorgsoort",
            "werkelijk_eur",
            "verwacht_eur",
            "verhouding",
            "werkelijk_per_verzekerde_eur",
            "verwacht_per_verzekerde_eur",
            "verzekerdejaren",
            "methode_werkelijk",
            "methode_verwacht",
            "bron",
        ]
    ]
    waarde_tabel(
        tabel.round({"verhouding": 3}),
        f"zorg_benchmark_{gemeente_naam}_{jaar}",
        {
            "tabel": "Zvw werkelijk vs verwacht",
            "eenheid": "euro; verhouding zonder eenheid",
            "methode": "werkelijk waargenomen, verwacht geschat (indirecte standaardisatie)",
        },
    )
    st.caption(
        UITLEG_VERWACHT + " De gemeente-indeling die de namen van elk Vektis-bestand volgen, "
        "is bij het inlezen aan de CBS-gemeentelijsten bepaald en staat bij de bron. "
        "Bron: " + "; ".join(sorted(b["bron"].dropna().unique()))
    )


def toon_per_gebied(
    version: str, gemeente_code: str, niveau: str, jaar: int, inwoners: pd.Series
) -> ZorgModel:
    """Estimated Zvw costs per region (geschat), with the pairing notes; returns the model."""
    model = cz.zorg_model(version, gemeente_code, niveau, jaar)
    if model.flows.empty:
        for n in model.notities:
            st.caption(n)
        st.info("Geen geschatte zorgkosten voor deze gebieden.")
        return model
    tabel = zorg.per_gebied(model.flows, inwoners)
    tabel = tabel.rename(columns=KOLOMMEN).round(0)
    waarde_tabel(
        tabel,
        f"zorgkosten_{gemeente_code}_{niveau}_{jaar}",
        {
            "tabel": "Zvw-kosten per gebied",
            "methode": "geschat",
            "eenheid": "euro per jaar",
            "bronnen": "; ".join(sorted(model.flows["bron"].unique())),
        },
    )
    st.caption(
        "Geschat, niet waargenomen, opgeteld tot het gemeentetotaal. "
        + model.schatting
        + " "
        + UITLEG
        + " "
        + " ".join(model.notities)
    )
    return model
