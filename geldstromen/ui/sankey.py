"""Sankey of one region's money flows: (gemeentefonds, overige middelen) -> gemeente ->
hoofdtaakveld -> taakveld -> region; other families (huishoudens, zorg) as van -> categorie
-> naar."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geldstromen.domain.gemeentefonds import VAN_FONDS, VAN_OVERIG
from geldstromen.domain.opmaak import euro
from geldstromen.domain.taakvelden import HOOFDTAAKVELDEN, hoofdtaakveld

NODE_FONDS = "Rijk: gemeentefonds"
NODE_OVERIG = "Overige middelen gemeente (eigen baten, belastingen, reserves)"
NODE_OVERSCHOT = "Gemeentefondsdeel boven de toegerekende lasten"


def sankey_figuur(
    gemeente_flows: pd.DataFrame,
    andere_flows: pd.DataFrame,
    regio_label: str,
    kant: str,
    inkomsten: pd.DataFrame | None = None,
) -> go.Figure:
    """Links from the region's gemeente flows (``taakveld_code`` column), its income rows
    (gemeentefonds per cluster and overige middelen, lasten only) and other families."""
    nodes: dict[str, int] = {}
    src, dst, val, hover = [], [], [], []

    def node(label: str) -> int:
        return nodes.setdefault(label, len(nodes))

    def link(a: str, b: str, v: float, tip: str) -> None:
        if v == 0 or pd.isna(v):
            return
        src.append(node(a))
        dst.append(node(b))
        val.append(abs(float(v)))
        hover.append(f"{tip}<br>{euro(v)}" + (" (negatief)" if v < 0 else ""))

    regio = regio_label
    if not gemeente_flows.empty:
        gm = f"Gemeente ({kant})"
        _inkomsten(inkomsten, gm, link)
        df = gemeente_flows.assign(hoofd=gemeente_flows["taakveld_code"].map(hoofdtaakveld))
        for hoofd, grp in df.groupby("hoofd"):
            h = f"{hoofd} {HOOFDTAAKVELDEN.get(hoofd, '')}"
            link(gm, h, grp["bedrag_eur"].sum(), "hoofdtaakveld")
            for cat, sub in grp.groupby("categorie"):
                link(h, cat, sub["bedrag_eur"].sum(), cat)
                tip = f"sleutel: {sub['sleutel'].iloc[0]}<br>methode: {sub['methode'].iloc[0]}"
                link(cat, regio, sub["bedrag_eur"].sum(), tip)
    for fam, grp in andere_flows.groupby("familie") if not andere_flows.empty else []:
        for (van, cat, naar), sub in grp.groupby(["van", "categorie", "naar"]):
            tip = f"{fam}: sleutel {sub['sleutel'].iloc[0]}<br>methode {sub['methode'].iloc[0]}"
            zelf = {sub["regio_code"].iloc[0], sub["regio_naam"].iloc[0]}  # code or name
            a = regio if van in zelf else f"{fam}: {van}"
            b = regio if naar in zelf else f"{fam}: {naar}"
            link(a, f"{fam}: {cat}", sub["bedrag_eur"].sum(), tip)
            link(f"{fam}: {cat}", b, sub["bedrag_eur"].sum(), tip)
    fig = go.Figure(
        go.Sankey(
            valueformat=",.0f",
            valuesuffix=" euro",
            arrangement="snap",
            node={"label": list(nodes), "pad": 12, "thickness": 14},
            link={
                "source": src,
                "target": dst,
                "value": val,
                "customdata": hover,
                "hovertemplate": "%{customdata}<extra></extra>",
            },
        )
    )
    fig.update_layout(height=max(450, 18 * len(nodes)), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def _inkomsten(rows: pd.DataFrame | None, gm: str, link) -> None:
    """Income links into the gemeente node; a negative balance becomes an outgoing link."""
    if rows is None or rows.empty:
        return
    fonds = rows[rows["van"] == VAN_FONDS]
    if not fonds.empty:
        per = fonds.groupby("categorie")["bedrag_eur"].sum().sort_values(ascending=False)
        regels = "<br>".join(f"{c.split(': ', 1)[-1]}: {euro(v)}" for c, v in per.items())
        tip = f"{fonds['bron'].iloc[0]}<br>methode: toegerekend (per cluster)<br>{regels}"
        link(NODE_FONDS, gm, fonds["bedrag_eur"].sum(), tip)
    rest = rows.loc[rows["van"] == VAN_OVERIG, "bedrag_eur"].sum()
    tip = "saldo: toegerekende lasten min gemeentefondsdeel<br>methode: toegerekend"
    if rest > 0:
        link(NODE_OVERIG, gm, rest, tip)
    elif rest < 0:
        link(gm, NODE_OVERSCHOT, -rest, tip)
