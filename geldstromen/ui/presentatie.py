"""Presentatie: one wijk's story in large type for a projector (headline figures, map, sankey,
three messages, sources), with PDF/PNG downloads."""

from __future__ import annotations

import functools
import html

import pandas as pd
import streamlit as st

from geldstromen.cached import vergelijk
from geldstromen.domain import opmaak
from geldstromen.rapport import figuren
from geldstromen.rapport import sankey as rapport_sankey
from geldstromen.rapport.pdf import (
    ATTRIBUTIE,
    METHODEN,
    alleen_inwoners_tekst,
    sankey_onderschrift,
    vergelijkbaar_tekst,
)
from geldstromen.rapport.sankey import beperk_categorieen
from geldstromen.ui import sankey, state
from geldstromen.ui.filters import Selectie

#: Page-scoped CSS (injected only on this page): no sidebar, large type.
CSS = """
<style>
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
button[data-testid="stExpandSidebarButton"] {display: none;}
.block-container {max-width: 1400px; padding-top: 1.5rem;}
.gw-kop {font-size: 3rem !important; font-weight: 700; line-height: 1.1; margin: 0;}
.gw-sub {font-size: 1.5rem !important; color: #555; margin: 0 0 1rem 0;}
.gw-boodschap {font-size: 1.6rem !important; line-height: 1.35; margin: 0.4rem 0;}
.gw-klein {font-size: 0.8rem; color: #666;}
div[data-testid="stMetricValue"] {font-size: 2.6rem;}
div[data-testid="stMetricLabel"] p {font-size: 1.1rem;}
.block-container h3 {font-size: 2rem;}
div[data-testid="stCaptionContainer"] p {font-size: 1rem;}
</style>
"""


def presentatiemodus() -> bool:
    """Toggle (URL key ``presentatie``); when on, the page hides the sidebar."""
    aan = st.toggle(
        "Presentatiemodus (grote letters, zonder zijbalk)",
        value=state.lees_vlag("presentatie"),
        key="presentatie",
    )
    state.schrijf(presentatie="1" if aan else None)
    return aan


def sankey_van(g, groot: bool):
    """The Wijkprofiel sankey (plotly) of the report's flows: gemeente money per hoofdtaakveld,
    the other families' largest categories, type sized for a projector."""
    eigen = g.stromen[g.stromen["familie"] == "gemeente"]
    eigen = eigen[eigen["naar"] == g.regio_code]
    hh = g.stromen[g.stromen["familie"] == "huishoudens"]
    zorg = g.stromen[g.stromen["familie"] == "zorg"]
    # household money without category columns (income straight to the households, spending
    # straight to 'category (receiver)'), two blocks per receiver: a fourth and fifth column
    # of labels ran into each other (category labels over the receivers' labels)
    andere = pd.concat([zonder_categorie(beperk_categorieen(hh, 2)), beperk_categorieen(zorg, 4)])
    fig = sankey.sankey_figuur(eigen, andere, g.regio_naam, "lasten")
    n = len(fig.data[0].node.label)
    fig.update_layout(
        font={"size": 20 if groot else 14, "color": "#111111"},
        height=max(600, (32 if groot else 26) * n),
    )
    return fig


def zonder_categorie(hh: pd.DataFrame) -> pd.DataFrame:
    """Household rows that ``sankey.sankey_figuur`` draws without a category node: income
    goes straight to the households, spending to one node per category and receiver
    ('Energie (gas, elektriciteit en warmte) (energieleveranciers)'). Amounts unchanged."""
    if hh.empty:
        return hh
    hh = hh.copy()
    uitgave = hh["van"] == "huishoudens"
    hh.loc[uitgave, "naar"] = hh.loc[uitgave, "categorie"] + " (" + hh.loc[uitgave, "naar"] + ")"
    hh["categorie"] = hh["naar"]
    return hh


def _sankey(g, groot: bool) -> None:
    st.markdown(f"### Geldstromen van en naar {html.escape(g.regio_naam)}")
    if g.stromen.empty:
        st.info(g.stromen_melding or "Nog geen geldstromen voor dit gebied.")
        return
    st.plotly_chart(sankey_van(g, groot), key="pres_sankey", width="stretch")
    links = rapport_sankey.sankey_links(g.stromen, g.regio_code, g.regio_naam)
    st.caption(sankey_onderschrift(g, links))


def tegel_label(k) -> str:
    """Tile label: short name and unit ('Gemeentegeld in het gebied per inwoner')."""
    return k.kort if k.eenheid.startswith("%") else f"{k.kort} per inwoner"


def vergelijking(k) -> str:
    """'gemeente € 5.488 · vergelijkbare wijken € 6.776' (the latter only when known)."""
    tekst = f"gemeente {k.tekst(k.gemeente)}"
    if pd.notna(k.vergelijkbaar):
        tekst += f" · vergelijkbaar {k.tekst(k.vergelijkbaar)}"
    return tekst


def _kop(g) -> None:
    """Money first: four tiles (allocated gemeente money, income, energy burden, zorgkosten),
    each against the gemeente and similar regions, then the three largest taakvelden."""
    if not g.kop:
        st.info(g.stromen_melding or "Nog geen geldstromen voor dit gebied.")
        return
    tegels = [k for k in g.kop if not k.sleutel.startswith("taakveld:")]
    # two tiles per row: four in a row cut the labels and the comparison off ('vergelijkbaar €…')
    kolommen = [c for _ in range(0, len(tegels), 2) for c in st.columns(2)]
    for col, k in zip(kolommen, tegels, strict=False):
        col.metric(
            tegel_label(k),
            k.tekst(k.regio),
            vergelijking(k),
            delta_color="off",
            delta_arrow="off",
            help=f"Methode: {k.methode}. {opmaak.met_kop('Bron', k.bron)}",
        )
    taakvelden = [k for k in g.kop if k.sleutel.startswith("taakveld:")]
    if taakvelden:
        soort = {"wijk": "Wijk", "buurt": "Buurt"}.get(g.niveau, "Gebied")
        tabel = pd.DataFrame(
            {
                "Grootste taakvelden (euro per inwoner)": [k.kort for k in taakvelden],
                soort: [k.tekst(k.regio) for k in taakvelden],
                "Gemeente": [k.tekst(k.gemeente) for k in taakvelden],
                "Vergelijkbaar": [k.tekst(k.vergelijkbaar) for k in taakvelden],
                "Methode": [k.methode for k in taakvelden],
            }
        )
        st.dataframe(tabel, hide_index=True, width="stretch")
    st.caption(f"{vergelijkbaar_tekst(g)} {alleen_inwoners_tekst(g)}".strip())


def render(sel: Selectie, regio: str, groot: bool) -> None:
    """Headline figures vs gemeente, map, flows, three key messages, downloads, sources."""
    g = vergelijk.rapport_gegevens(sel.version, regio, sel.jaar)
    if groot:
        st.markdown(CSS, unsafe_allow_html=True)
    st.markdown(
        f'<p class="gw-kop">{html.escape(g.regio_naam)}</p>'
        f'<p class="gw-sub">{html.escape(g.gemeente_naam)} · {g.niveau} · gegevens {g.jaar}</p>',
        unsafe_allow_html=True,
    )
    _kop(g)
    if g.per_inwoner_melding:
        st.caption(g.per_inwoner_melding)
    links, rechts = st.columns([1, 1])
    with links:
        st.image(
            figuren.kaart_png(g.kaart, g.regio_code, g.namen, g.kaart_melding),
            caption="Het gebied (rood) en de aangrenzende gebieden",
        )
    with rechts:
        st.markdown("### Wat valt op")
        zinnen = g.boodschappen or ["Geen opvallende verschillen met de gemeente gevonden."]
        st.markdown(
            "".join(f'<p class="gw-boodschap">• {html.escape(z)}</p>' for z in zinnen),
            unsafe_allow_html=True,
        )
    _sankey(g, groot)
    a, b = st.columns(2)
    # the files are drawn when the button is clicked, not on every view of the page (drawing
    # both with matplotlib cost each view most of its time and a 120 MB memory peak)
    naam = f"wijkrapport_{g.regio_code}_{g.jaar}"
    a.download_button(
        "Download rapport (PDF)",
        functools.partial(vergelijk.rapport_bestand, sel.version, regio, sel.jaar, "pdf"),
        file_name=f"{naam}.pdf",
        mime="application/pdf",
        key="download_pdf",
        on_click="ignore",
    )
    b.download_button(
        "Download kaart en sankey (PNG)",
        functools.partial(vergelijk.rapport_bestand, sel.version, regio, sel.jaar, "png"),
        file_name=f"{naam}.png",
        mime="image/png",
        key="download_png",
        on_click="ignore",
    )
    bronnen = "; ".join(g.bronnen)
    st.markdown(
        f'<p class="gw-klein">{html.escape(METHODEN)}<br>{html.escape(ATTRIBUTIE)}<br>'
        f"Tabellen: {html.escape(bronnen)}</p>",
        unsafe_allow_html=True,
    )
