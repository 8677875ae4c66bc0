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
        per_cat = _som(df, ["hoofd", "categorie"])
        for hoofd, grp in per_cat.groupby("hoofd", sort=False):
            h = f"{hoofd} {HOOFDTAAKVELDEN.get(hoofd, '')}"
            link(gm, h, grp["bedrag_eur"].sum(), "hoofdtaakveld")
            for r in grp.itertuples():
                link(h, r.categorie, r.bedrag_eur, r.categorie)
                link(r.categorie, regio, r.bedrag_eur,
                     f"sleutel: {r.sleutel}<br>methode: {r.methode}")  # fmt: skip
    if not andere_flows.empty:
        for r in _som(andere_flows, ["familie", "van", "categorie", "naar"]).itertuples():
            tip = f"{r.familie}: sleutel {r.sleutel}<br>methode {r.methode}"
            zelf = {r.regio_code, r.regio_naam}  # a family names the region by code or name
            a = regio if r.van in zelf else f"{r.familie}: {r.van}"
            b = regio if r.naar in zelf else f"{r.familie}: {r.naar}"
            link(a, f"{r.familie}: {r.categorie}", r.bedrag_eur, tip)
            link(f"{r.familie}: {r.categorie}", b, r.bedrag_eur, tip)
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


def _som(flows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per group: summed amount, and the first row's key, method and region."""
    firsts = {c: (c, "first") for c in ("sleutel", "methode", "regio_code", "regio_naam")}
    return flows.groupby(keys, as_index=False).agg(bedrag_eur=("bedrag_eur", "sum"), **firsts)


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
