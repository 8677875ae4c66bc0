"""Sankey of one region's money flows: (gemeentefonds, overige middelen) -> gemeente ->
hoofdtaakveld (-> taakveld, on request) -> region; other families (huishoudens, zorg) as van
-> categorie -> naar. Colours are the report's (blue gemeente, green huishoudens, purple zorg)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geldstromen.domain.gemeentefonds import VAN_FONDS, VAN_OVERIG
from geldstromen.domain.opmaak import PLOTLY_SEPARATORS, euro, euro_kort
from geldstromen.domain.taakvelden import HOOFDTAAKVELDEN, HOOFDTAAKVELDEN_KORT, hoofdtaakveld
from geldstromen.rapport.sankey import KLEUREN, METHODE_ALPHA

NODE_FONDS = "Rijk: gemeentefonds"
NODE_OVERIG = "Overige middelen gemeente (eigen baten, belastingen, reserves)"
#: Under the Wijkprofiel sankey: what colours and the default grouping mean.
ONDERSCHRIFT = (
    "Kleur = familie (blauw gemeente, groen huishoudens, paars zorg); lichter = geschat. "
    "Bedragen in euro per jaar bij elk blok; beweeg over een stroom voor sleutel en methode. "
    "Gemeentelasten per hoofdtaakveld (Iv3); zet 'Alle taakvelden tonen' aan voor de taakvelden."
)
NODE_OVERSCHOT = "Gemeentefondsdeel boven de toegerekende lasten"


def _rgba(hexkleur: str, alpha: float) -> str:
    h = hexkleur.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def sankey_figuur(
    gemeente_flows: pd.DataFrame,
    andere_flows: pd.DataFrame,
    regio_label: str,
    kant: str,
    inkomsten: pd.DataFrame | None = None,
    detail: bool = False,
) -> go.Figure:
    """Links from the region's gemeente flows (``taakveld_code`` column), its income rows
    (gemeentefonds per cluster and overige middelen, lasten only) and other families.

    By default the gemeente's money stops at the hoofdtaakveld (the first digit group of the
    Iv3 code, nine at most); ``detail`` adds the taakvelden between hoofdtaakveld and region.
    Every node label carries its amount; colour = family (as in the report), lighter =
    geschat."""
    nodes: dict[str, int] = {}
    familie_van: dict[str, str] = {}
    src, dst, val, hover, kleur = [], [], [], [], []

    def node(label: str, familie: str) -> int:
        familie_van.setdefault(label, familie)
        return nodes.setdefault(label, len(nodes))

    def link(a: str, b: str, v: float, tip: str, familie: str = "gemeente", methode="") -> None:
        if v == 0 or pd.isna(v):
            return
        src.append(node(a, familie))
        dst.append(node(b, familie))
        val.append(abs(float(v)))
        hover.append(f"{a} → {b}<br>{tip}<br>{euro(v)}" + (" (negatief)" if v < 0 else ""))
        alpha = METHODE_ALPHA.get(methode, 0.5)
        kleur.append(_rgba(KLEUREN.get(familie, "#888888"), alpha))

    regio = regio_label
    familie_van[regio] = "regio"
    if not gemeente_flows.empty:
        gm = f"Gemeente ({kant})"
        _inkomsten(inkomsten, gm, link)
        df = gemeente_flows.assign(hoofd=gemeente_flows["taakveld_code"].map(hoofdtaakveld))
        per_cat = _som(df, ["hoofd", "categorie"])
        for hoofd, grp in per_cat.groupby("hoofd", sort=False):
            h = f"{hoofd} {HOOFDTAAKVELDEN.get(hoofd, '')}".strip()
            methode = grp["methode"].iloc[0]
            link(gm, h, grp["bedrag_eur"].sum(), "hoofdtaakveld", methode=methode)
            if not detail:
                link(
                    h,
                    regio,
                    grp["bedrag_eur"].sum(),
                    f"sleutels: {', '.join(sorted(set(grp['sleutel'].dropna().astype(str))))}"
                    f"<br>methode: {methode}",
                    methode=methode,
                )
                continue
            for r in grp.itertuples():
                link(h, r.categorie, r.bedrag_eur, r.categorie, methode=r.methode)
                link(
                    r.categorie,
                    regio,
                    r.bedrag_eur,
                    f"sleutel: {r.sleutel}<br>methode: {r.methode}",
                    methode=r.methode,
                )
    if not andere_flows.empty:
        for r in _som(andere_flows, ["familie", "van", "categorie", "naar"]).itertuples():
            tip = f"{r.familie}: sleutel {r.sleutel}<br>methode {r.methode}"
            zelf = {r.regio_code, r.regio_naam}  # a family names the region by code or name
            a = regio if r.van in zelf else f"{r.familie}: {r.van}"
            b = regio if r.naar in zelf else f"{r.familie}: {r.naar}"
            if r.categorie == r.naar:  # no category node: the receiver is named by it
                link(a, b, r.bedrag_eur, tip, r.familie, r.methode)
                continue
            link(a, f"{r.familie}: {r.categorie}", r.bedrag_eur, tip, r.familie, r.methode)
            link(f"{r.familie}: {r.categorie}", b, r.bedrag_eur, tip, r.familie, r.methode)
    waarde = [0.0] * len(nodes)
    inkomend = [0.0] * len(nodes)
    for a, b, v in zip(src, dst, val, strict=True):
        waarde[a] += v
        inkomend[b] += v
    waarde = [max(u, i) for u, i in zip(waarde, inkomend, strict=True)]
    labels = [f"{kort(toon(n))}: {euro_kort(w)}" for n, w in zip(nodes, waarde, strict=True)]
    node_kleur = [KLEUREN.get(familie_van.get(n, ""), "#333333") for n in nodes]
    fig = go.Figure(
        go.Sankey(
            valueformat=",.0f",
            valuesuffix=" euro",
            arrangement="snap",
            node={
                "label": labels,
                "pad": 18,
                "thickness": 14,
                "color": node_kleur,
                "customdata": list(nodes),
                "hovertemplate": "%{customdata}<br>€ %{value:,.0f}<extra></extra>",
            },
            link={
                "source": src,
                "target": dst,
                "value": val,
                "color": kleur,
                "customdata": hover,
                "hovertemplate": "%{customdata}<extra></extra>",
            },
        )
    )
    fig.update_layout(
        height=max(480, 26 * len(nodes)),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        separators=PLOTLY_SEPARATORS,
        font={"size": 12, "color": "#111111"},
    )
    return fig


#: Clearer names for generic van/naar nodes of the other families.
NAMEN = {"huishoudens": "Huishoudens in de wijk"}


#: Longest name beside a node; longer ones end in "…" (the hover shows the whole name).
MAX_LABEL = 30


def kort(naam: str) -> str:
    """Label text of a node: a hoofdtaakveld by its short name, other names cut at
    :data:`MAX_LABEL` characters, so a column's labels do not run into the next column."""
    code, _, rest = naam.partition(" ")
    if code in HOOFDTAAKVELDEN and rest == HOOFDTAAKVELDEN[code]:
        return f"{code} {HOOFDTAAKVELDEN_KORT[code]}"
    return naam if len(naam) <= MAX_LABEL else naam[: MAX_LABEL - 1].rstrip(" ,") + "…"


def toon(node: str) -> str:
    """Display name of a node: without the ``familie: `` prefix (the colour shows the family;
    the prefix only keeps nodes of different families apart)."""
    for fam in ("huishoudens", "zorg"):
        if node.startswith(f"{fam}: "):
            rest = node[len(fam) + 2 :]
            return NAMEN.get(rest, rest)
    return node


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
