"""A printable sankey of one region's money flows, drawn with matplotlib (no browser needed).

The flows are those of the Wijkprofiel sankey (``geldstromen.ui.sankey``): gemeente lasten
gemeente -> hoofdtaakveld -> region, other families van -> categorie -> naar. For paper the
gemeente flows stop at the hoofdtaakveld (the app shows the taakvelden) and a column with more
than ``MAX_PER_KOLOM`` nodes keeps its largest ones and merges the rest into "overige (n)".
Every link keeps its family and method label; colour = family, opacity = method.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path

from geldstromen.domain.opmaak import euro_kort
from geldstromen.domain.taakvelden import HOOFDTAAKVELDEN, hoofdtaakveld

KLEUREN = {"gemeente": "#2e86c1", "huishoudens": "#28b463", "zorg": "#8e44ad"}
METHODE_ALPHA = {"waargenomen": 0.75, "toegerekend": 0.5, "geschat": 0.3}
MAX_PER_KOLOM = 12
#: Clearer labels for generic van/naar names.
NAMEN = {"huishoudens": "Huishoudens in de wijk"}
LINK_KOLOMMEN = ["van", "naar", "bedrag_eur", "familie", "methode"]


def _id(familie: str, label: str) -> str:
    return f"{familie}|{label}"


def label(node: str) -> str:
    """Display label of a node id (``familie|label``)."""
    return node.split("|", 1)[1]


def sankey_links(stromen: pd.DataFrame, regio_code: str, regio_naam: str) -> pd.DataFrame:
    """Links (van, naar, bedrag_eur, familie, methode) of one region; gemeente lasten only.

    Non-positive or missing amounts are left out (a sankey cannot draw them)."""
    regio = _id("regio", regio_naam)
    rows = []
    eigen = stromen[stromen["regio_code"] == regio_code]
    gm = eigen[(eigen["familie"] == "gemeente") & (eigen["naar"] == regio_code)]
    if not gm.empty and "taakveld_code" in gm:
        bron = _id("gemeente", "Gemeente (lasten)")
        for hoofd, grp in gm.groupby(gm["taakveld_code"].map(hoofdtaakveld)):
            h = _id("gemeente", f"{hoofd} {HOOFDTAAKVELDEN.get(hoofd, '')}".strip())
            methode = grp["methode"].mode().iloc[0]
            som = grp["bedrag_eur"].sum(min_count=1)
            rows += [(bron, h, som, "gemeente", methode), (h, regio, som, "gemeente", methode)]
    andere = eigen[eigen["familie"] != "gemeente"]
    zelf = {regio_code, regio_naam}  # families name the region by code or by name
    for (fam, van, cat, naar), sub in andere.groupby(["familie", "van", "categorie", "naar"]):
        a = regio if van in zelf else _id(fam, NAMEN.get(str(van), str(van)))
        b = regio if naar in zelf else _id(fam, NAMEN.get(str(naar), str(naar)))
        c = _id(fam, str(cat))
        som, methode = sub["bedrag_eur"].sum(min_count=1), sub["methode"].mode().iloc[0]
        rows += [(a, c, som, fam, methode), (c, b, som, fam, methode)]
    links = pd.DataFrame(rows, columns=LINK_KOLOMMEN)
    links = links[pd.to_numeric(links["bedrag_eur"], errors="coerce") > 0]
    return links.reset_index(drop=True)


def kolommen(links: pd.DataFrame) -> dict[str, int]:
    """Column of every node: the longest path from a node without incoming links."""
    nodes = list(dict.fromkeys([*links["van"], *links["naar"]]))
    kolom = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes)):  # a DAG settles within len(nodes) passes; a cycle stops here
        changed = False
        for van, naar in zip(links["van"], links["naar"], strict=True):
            if kolom[naar] < kolom[van] + 1:
                kolom[naar] = kolom[van] + 1
                changed = True
        if not changed:
            break
    return kolom


def _node_waarde(links: pd.DataFrame) -> pd.Series:
    uit = links.groupby("van")["bedrag_eur"].sum()
    naar = links.groupby("naar")["bedrag_eur"].sum()
    return pd.concat([uit, naar], axis=1).max(axis=1)


def samenvoegen(links: pd.DataFrame, max_per_kolom: int = MAX_PER_KOLOM) -> pd.DataFrame:
    """Merge the smallest nodes of a crowded column into one 'overige (n)' node per family.

    Merging nodes keeps every amount: links into and out of the merged nodes are summed."""
    if links.empty:
        return links
    kolom, waarde = kolommen(links), _node_waarde(links)
    bron = set(links["van"]) - set(links["naar"])
    doel = set(links["naar"]) - set(links["van"])
    nieuw: dict[str, str] = {}
    for k in sorted(set(kolom.values())):
        nodes = [n for n in kolom if kolom[n] == k and n not in bron | doel]
        if len(nodes) <= max_per_kolom:
            continue
        weg = sorted(nodes, key=lambda n: waarde[n], reverse=True)[max_per_kolom - 1 :]
        for fam in {n.split("|", 1)[0] for n in weg}:
            groep = [n for n in weg if n.startswith(fam + "|")]
            naam = _id(fam, f"overige ({len(groep)})") if len(groep) > 1 else groep[0]
            nieuw |= dict.fromkeys(groep, naam)
    if not nieuw:
        return links
    out = links.assign(van=links["van"].replace(nieuw), naar=links["naar"].replace(nieuw))
    return out.groupby(["van", "naar", "familie", "methode"], as_index=False, sort=False)[
        "bedrag_eur"
    ].sum()[LINK_KOLOMMEN]


def _band(ax, x0, y0, x1, y1, h, kleur, alpha) -> None:
    """A band of height ``h`` from (x0, y0..y0+h) to (x1, y1..y1+h) with S-shaped edges."""
    xm = (x0 + x1) / 2
    verts = [
        (x0, y0),
        (xm, y0),
        (xm, y1),
        (x1, y1),
        (x1, y1 + h),
        (xm, y1 + h),
        (xm, y0 + h),
        (x0, y0 + h),
        (x0, y0),
    ]
    codes = [Path.MOVETO, *[Path.CURVE4] * 3, Path.LINETO, *[Path.CURVE4] * 3, Path.CLOSEPOLY]
    ax.add_patch(PathPatch(Path(verts, codes), facecolor=kleur, edgecolor="none", alpha=alpha))


def teken_sankey(
    ax,
    links: pd.DataFrame,
    fontsize: float = 7.0,
    min_hoogte: float = 0.03,
    label_ruimte: float = 0.16,
    max_tekens: int = 22,
) -> None:
    """Draw ``links`` on ``ax`` (axis units 0..1); node labels show euro per year."""
    ax.set_axis_off()
    kolom, waarde = kolommen(links), _node_waarde(links)
    n_kol = max(kolom.values()) + 1
    per_kol = {k: [n for n in kolom if kolom[n] == k] for k in range(n_kol)}
    volgorde = list(KLEUREN) + ["regio"]
    for k, nodes in per_kol.items():
        per_kol[k] = sorted(
            nodes,
            key=lambda n: (
                volgorde.index(n.split("|", 1)[0]) if n.split("|", 1)[0] in volgorde else 9,
                -waarde[n],
            ),
        )
    pad = 0.012
    # one scale for all columns, with a minimum height per node so labels stay readable
    schaal = min(
        (1 - pad * (len(ns) - 1) - min_hoogte * len(ns)) / max(sum(waarde[n] for n in ns), 1)
        for ns in per_kol.values()
    )
    schaal = max(schaal, 0.0)
    breedte, pos, rechts = 0.008, {}, 1 - label_ruimte
    for k, nodes in per_kol.items():
        x = 0.005 + k * (rechts - 0.005 - breedte) / max(n_kol - 1, 1)
        hoogtes = [max(waarde[n] * schaal, min_hoogte) for n in nodes]
        y = 1 - (1 - sum(hoogtes) - pad * (len(nodes) - 1)) / 2
        for n, h in zip(nodes, hoogtes, strict=True):
            y -= h
            pos[n] = [x, y, h, y + h, y + h]  # x, bottom, height, next out-top, next in-top
            y -= pad
    for r in links.sort_values("bedrag_eur", ascending=False).itertuples():
        h = r.bedrag_eur * schaal
        a, b = pos[r.van], pos[r.naar]
        a[3] -= h
        b[4] -= h
        kleur = KLEUREN.get(r.familie, "#888888")
        _band(ax, a[0] + breedte, a[3], b[0], b[4], h, kleur, METHODE_ALPHA.get(r.methode, 0.5))
    for n, (x, y, h, *_rest) in pos.items():
        fam = n.split("|", 1)[0]
        ax.add_patch(Rectangle((x, y), breedte, h, color=KLEUREN.get(fam, "#333333")))
        naam = label(n) if len(label(n)) <= max_tekens else label(n)[: max_tekens - 1] + "…"
        ax.text(
            x + breedte + 0.003,
            y + h / 2,
            f"{naam}  {euro_kort(waarde[n])}",
            ha="left",
            va="center",
            fontsize=fontsize,
            fontweight="bold" if fam == "regio" else "normal",
            bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 0.2},
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)


def legenda(links: pd.DataFrame) -> str:
    """One line naming each family with its method label(s), for under the figure."""
    delen = []
    for fam, grp in links.groupby("familie", sort=False):
        delen.append(f"{fam}: {', '.join(sorted(set(grp['methode'])))}")
    return "; ".join(delen)


def beperk_taakvelden(gemeente_flows: pd.DataFrame, max_n: int = 10) -> pd.DataFrame:
    """Gemeente flows with only the ``max_n`` largest taakvelden kept; the others are summed
    per hoofdtaakveld into 'overige taakvelden <h>' (taakveld_code ``<h>.x``). Amounts stay."""
    if gemeente_flows.empty or "taakveld_code" not in gemeente_flows:
        return gemeente_flows
    som = gemeente_flows.groupby("taakveld_code")["bedrag_eur"].sum().abs()
    houden = set(som.sort_values(ascending=False).index[:max_n])
    rest = ~gemeente_flows["taakveld_code"].isin(houden)
    hoofd = gemeente_flows.loc[rest, "taakveld_code"].map(hoofdtaakveld)
    out = gemeente_flows.copy()
    out.loc[rest, "taakveld_code"] = hoofd + ".x"
    out.loc[rest, "categorie"] = "overige taakvelden " + hoofd
    keys = [c for c in out.columns if c != "bedrag_eur"]
    return out.groupby(keys, as_index=False, dropna=False, sort=False)["bedrag_eur"].sum()


def beperk_categorieen(flows: pd.DataFrame, max_n: int = 6) -> pd.DataFrame:
    """Per family and (van, naar) keep the ``max_n`` largest categories; sum the others into
    'overige (k)'. Amounts stay the same."""
    if flows.empty:
        return flows
    delen = []
    for _, grp in flows.groupby(["familie", "van", "naar"], sort=False):
        som = grp.groupby("categorie")["bedrag_eur"].sum().abs().sort_values(ascending=False)
        if len(som) <= max_n:
            delen.append(grp)
            continue
        rest = grp["categorie"].isin(som.index[max_n - 1 :])
        grp = grp.copy()
        grp.loc[rest, "categorie"] = f"overige ({int(rest.sum())})"
        keys = [c for c in grp.columns if c not in ("bedrag_eur", "sleutel", "bron")]
        delen.append(
            grp.groupby(keys, as_index=False, dropna=False, sort=False).agg(
                bedrag_eur=("bedrag_eur", "sum"),
                sleutel=("sleutel", "first"),
                bron=("bron", "first"),
            )
        )
    return pd.concat(delen, ignore_index=True)
