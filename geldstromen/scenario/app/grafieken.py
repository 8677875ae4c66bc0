"""Plotly figures of the Scenario page (every figure is titled as a scenario)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geldstromen.domain.opmaak import PLOTLY_SEPARATORS, euro, euro_kort
from geldstromen.scenario.model import PARTIJ_KLEUREN, PARTIJ_LABELS

KOSTEN, BATEN, NETTO = "#c0392b", "#2e86c1", "#1e1e1e"


def _layout(fig: go.Figure, titel: str, hoogte: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": titel, "font": {"size": 16}},
        height=hoogte,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        separators=",.",
        template="plotly_white",
    )
    fig.update_yaxes(tickprefix="€ ", tickformat=",.0f")
    return fig


def per_partij(samenvatting: pd.DataFrame, contant: bool) -> go.Figure:
    """Costs, benefits and net per party over the horizon."""
    s = samenvatting
    x = [PARTIJ_LABELS[p] for p in s["partij"]]
    netto = s["netto_contant_eur"] if contant else s["netto_eur"]
    fig = go.Figure(
        [
            go.Bar(name="Kosten", x=x, y=-s["kosten_eur"], marker_color=KOSTEN),
            go.Bar(name="Baten", x=x, y=s["baten_eur"], marker_color=BATEN),
            go.Scatter(
                name="Netto" + (" (contant)" if contant else ""),
                x=x,
                y=netto,
                mode="markers",
                marker={"symbol": "diamond", "size": 14, "color": NETTO},
            ),
        ]
    )
    fig.update_layout(barmode="relative")
    # the bars are always nominal; only the net marker follows the toggle (the title said
    # "nominaal" while the toggle read "Netto contant")
    netto_tekst = "netto contant (gedisconteerd)" if contant else "netto nominaal"
    return _layout(
        fig,
        "SCENARIO: kosten en baten per partij over de hele looptijd "
        f"(staven nominaal; ruit: {netto_tekst})",
    )


def cumulatief(per_jaar: pd.DataFrame, contant: bool) -> go.Figure:
    """Cumulative net per party per year; crossing zero = payback."""
    kolom = "cumulatief_contant_eur" if contant else "cumulatief_eur"
    fig = go.Figure()
    for partij, g in per_jaar.groupby("partij", sort=False):
        if (g["kosten_eur"].abs().sum() + g["baten_eur"].abs().sum()) == 0:
            continue
        fig.add_trace(
            go.Scatter(
                x=g["jaar"],
                y=g[kolom],
                name=PARTIJ_LABELS[partij],
                mode="lines+markers",
                line={"color": PARTIJ_KLEUREN[partij]},
            )
        )
    fig.add_hline(y=0, line_color="#888", line_dash="dot")
    soort = "contant (gedisconteerd)" if contant else "nominaal"
    fig.update_xaxes(dtick=1 if per_jaar["jaar"].nunique() <= 20 else None, tickformat="d")
    return _layout(fig, f"SCENARIO: cumulatief netto-effect per partij, {soort}")


def tornado(gev: pd.DataFrame, partij: str, delta: float) -> go.Figure:
    """Tornado: discounted net of one party when each assumption moves -/+ delta."""
    g = gev[gev["partij"] == partij].sort_values("bereik_eur")
    g = g[g["bereik_eur"] > 0]
    basis = float(gev.loc[gev["partij"] == partij, "basis_eur"].iloc[0]) if len(gev) else 0.0
    pct = f"{delta:.0%}"
    fig = go.Figure(
        [
            go.Bar(
                name=f"aanname {teken}{pct}",
                y=g["aanname"],
                x=g[kolom] - basis,
                base=basis,
                orientation="h",
                marker_color=kleur,
            )
            for teken, kolom, kleur in (("-", "laag_eur", "#e59866"), ("+", "hoog_eur", "#5dade2"))
        ]
    )
    fig.add_vline(x=basis, line_color="#333", line_dash="dot")
    fig.update_layout(barmode="overlay")
    fig = _layout(
        fig,
        f"SCENARIO: gevoeligheid van het netto-effect (contant) voor {PARTIJ_LABELS[partij]}",
        hoogte=max(300, 70 + 45 * len(g)),
    )
    fig.update_yaxes(tickprefix="", tickformat="")
    fig.update_xaxes(tickprefix="€ ", tickformat=",.0f")
    return fig


METHODE_KLEUR = {
    "waargenomen": "rgba(90, 90, 90, 0.55)",
    "toegerekend": "rgba(46, 134, 193, 0.40)",
    "geschat": "rgba(160, 160, 160, 0.35)",
    "scenario": "rgba(230, 126, 34, 0.85)",
}


def sankey(links: pd.DataFrame, titel: str) -> go.Figure:
    """Sankey of links (van, naar, bedrag_eur, methode); scenario links orange and labelled."""
    links = links[links["bedrag_eur"].abs() > 0]
    nodes: dict[str, int] = {}
    for a, b in zip(links["van"], links["naar"], strict=True):
        nodes.setdefault(a, len(nodes))
        nodes.setdefault(b, len(nodes))
    tips = [
        f"{r.van} → {r.naar}<br>{euro(r.bedrag_eur)}<br>methode: {r.methode}<br>{r.bron}"
        for r in links.itertuples()
    ]
    kleur = [METHODE_KLEUR.get(m.split(";")[0], METHODE_KLEUR["geschat"]) for m in links["methode"]]
    node_kleur = ["#e67e22" if n.startswith("Scenario:") else "#7f8c8d" for n in nodes]
    waarde = dict.fromkeys(nodes, 0.0)
    for kant in ("van", "naar"):
        som = links.groupby(kant)["bedrag_eur"].apply(lambda s: s.abs().sum())
        for n, v in som.items():
            waarde[n] = max(waarde[n], float(v))
    labels = [f"{n}<br>{euro_kort(waarde[n])}" for n in nodes]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": labels, "pad": 10, "thickness": 12, "color": node_kleur},
            link={
                "source": [nodes[a] for a in links["van"]],
                "target": [nodes[b] for b in links["naar"]],
                "value": links["bedrag_eur"].abs().tolist(),
                "color": kleur,
                "customdata": tips,
                "hovertemplate": "%{customdata}<extra></extra>",
            },
        )
    )
    fig.update_layout(
        title={"text": titel, "font": {"size": 14}},
        height=max(480, 20 * len(nodes)),
        margin={"l": 5, "r": 5, "t": 50, "b": 5},
        font={"size": 11},
        separators=PLOTLY_SEPARATORS,
    )
    return fig
