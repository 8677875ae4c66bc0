"""Report images with matplotlib (Agg): the wijk and its neighbours, and the money flows.

The interactive sankey (plotly) would need kaleido plus a browser to become an image; the
report draws the same flows as a horizontal bar chart per family and category instead.
"""

from __future__ import annotations

import io

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from geldstromen import geo  # noqa: E402
from geldstromen.domain.boodschappen import getal  # noqa: E402

KLEUR_DOEL = "#c0392b"
KLEUR_BUUR = "#f2d7d5"
KLEUR_REST = "#eeeeee"
METHODE_ALPHA = {"waargenomen": 1.0, "toegerekend": 0.7, "geschat": 0.45}


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def teken_kaart(ax, kaart: gpd.GeoDataFrame | None, doel: str, namen: dict, melding) -> None:
    """Target region in colour, its touching neighbours labelled, the rest of the gemeente grey."""
    ax.set_axis_off()
    if kaart is None or doel not in set(kaart["regio_code"]):
        ax.text(0.5, 0.5, melding or "Geen kaart.", ha="center", va="center", wrap=True)
        return
    rd = kaart.to_crs(geo.RD)
    target = rd[rd["regio_code"] == doel]
    touching = rd[rd.intersects(target.geometry.iloc[0].buffer(1)) & (rd["regio_code"] != doel)]
    rd.plot(ax=ax, color=KLEUR_REST, edgecolor="white", linewidth=0.5)
    touching.plot(ax=ax, color=KLEUR_BUUR, edgecolor="white", linewidth=0.8)
    target.plot(ax=ax, color=KLEUR_DOEL, edgecolor="black", linewidth=1.0)
    for row in touching.itertuples():
        p = row.geometry.representative_point()
        ax.annotate(
            str(namen.get(row.regio_code, row.regio_code))[:22],
            (p.x, p.y),
            fontsize=6,
            ha="center",
            color="#333333",
        )
    view = pd.concat([target, touching]).total_bounds
    pad = max(view[2] - view[0], view[3] - view[1]) * 0.15
    ax.set_xlim(view[0] - pad, view[2] + pad)
    ax.set_ylim(view[1] - pad, view[3] + pad)
    if melding:
        ax.set_title(melding, fontsize=7, color="#555555")


def kaart_png(kaart, doel: str, namen: dict, melding: str | None) -> bytes:
    """The map as PNG bytes."""
    fig, ax = plt.subplots(figsize=(6, 5))
    teken_kaart(ax, kaart, doel, namen, melding)
    return _png(fig)


def teken_stromen(ax, stromen: pd.DataFrame, melding: str | None) -> None:
    """Flows as horizontal bars (euro per year), one per family x category; method as opacity."""
    if stromen.empty:
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            melding or "Nog geen geldstromen voor dit gebied.",
            ha="center",
            va="center",
            wrap=True,
            color="#555555",
        )
        return
    data = (
        stromen.groupby(["familie", "categorie", "methode"], as_index=False)["bedrag_eur"]
        .sum(min_count=1)
        .dropna(subset=["bedrag_eur"])
        .sort_values(["familie", "bedrag_eur"])
        .tail(14)
    )
    labels = [f"{r.familie}: {str(r.categorie)[:30]}" for r in data.itertuples()]
    colors = {"gemeente": "#2e86c1", "huishoudens": "#28b463", "zorg": "#af7ac5"}
    ax.barh(
        labels,
        data["bedrag_eur"] / 1e6,
        color=[colors.get(f, "#888888") for f in data["familie"]],
        alpha=None,
    )
    for patch, methode in zip(ax.patches, data["methode"], strict=True):
        patch.set_alpha(METHODE_ALPHA.get(methode, 1.0))
    for y, v in enumerate(data["bedrag_eur"] / 1e6):
        ax.text(v, y, f" {getal(v, 1)}", va="center", fontsize=7)
    ax.set_xlabel("miljoen euro per jaar (licht = toegerekend/geschat)")
    ax.tick_params(axis="y", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)


def stromen_png(stromen: pd.DataFrame, melding: str | None) -> bytes:
    """The flow summary as PNG bytes."""
    fig, ax = plt.subplots(figsize=(6, 3.6))
    teken_stromen(ax, stromen, melding)
    return _png(fig)
