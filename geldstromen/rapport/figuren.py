"""Report images with matplotlib (Agg): the wijk and its neighbours, and the money flows.

The flows are drawn as a sankey by ``rapport.sankey`` in matplotlib itself: turning the
app's plotly sankey into an image would need kaleido plus a Chrome/Chromium binary in every
request (and a different picture, or none, on a machine without one). Same flows, no browser.
"""

from __future__ import annotations

import io

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from geldstromen import geo  # noqa: E402
from geldstromen.rapport import sankey  # noqa: E402

KLEUR_DOEL = "#c0392b"
KLEUR_BUUR = "#f2d7d5"
KLEUR_REST = "#eeeeee"


def _png(fig, dpi: int = 150) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
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


def teken_stromen(
    ax, stromen: pd.DataFrame, regio_code: str, regio_naam: str, melding: str | None, **opmaak
) -> pd.DataFrame:
    """The region's flows as a sankey (euro per year); returns the links drawn. PDF and PNG
    both call this with the same grouping (``sankey.MAX_PER_KOLOM`` nodes per column), so
    the same taakvelden end up under 'overige' in both."""
    links = sankey.samenvoegen(sankey.sankey_links(stromen, regio_code, regio_naam))
    if links.empty:
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
        return links
    sankey.teken_sankey(ax, links, **opmaak)
    return links


def sankey_afdruk(g, size) -> tuple[bytes, pd.DataFrame]:
    """Print version of the report's sankey (PNG at 200 dpi) and the links drawn."""
    fig, ax = plt.subplots(figsize=size)
    links = teken_stromen(
        ax,
        g.stromen,
        g.regio_code,
        g.regio_naam,
        g.stromen_melding,
        fontsize=6.5,
        min_hoogte=0.045,
    )
    return _png(fig, dpi=200), links
