"""Kaart coloured by the gemeente's allocated lasten per inwoner for one hoofdtaakveld."""

from __future__ import annotations

import streamlit as st

from geldstromen.cached import kaart as cached_kaart
from geldstromen.cached import stromen as cs
from geldstromen.domain.per_inwoner import UITLEG
from geldstromen.domain.taakvelden import HOOFDTAAKVELDEN, standaard_sleutels
from geldstromen.domain.wijkprofiel import per_inwoner_hoofdtaakveld
from geldstromen.families.stromen import Selectie as Route
from geldstromen.ui import filters, sleutels, state, verantwoording
from geldstromen.ui.filters import Selectie
from geldstromen.ui.kaart import toon_kaart
from geldstromen.ui.plaatshouder import plaatshouder
from geldstromen.ui.tabellen import waarde_tabel


def render(sel: Selectie) -> None:
    """Choose Iv3 year, document and hoofdtaakveld; map and table of lasten per inwoner."""
    if sel.niveau == "gemeente":
        st.info("Kies niveau wijk of buurt: toegerekende lasten bestaan per wijk of buurt.")
        return
    iv3 = filters.kies_iv3(sel.version, sel.gemeente_code, "kaart")
    if iv3 is None:
        st.info(f"Geen Iv3-gegevens voor {sel.gemeente_naam}.")
        return
    jaar, stuk = iv3
    codes = list(HOOFDTAAKVELDEN)
    hoofd = st.sidebar.selectbox(
        "Hoofdtaakveld",
        codes,
        index=codes.index(state.lees("hoofdtaakveld", codes, "6")),
        format_func=lambda c: f"{c} {HOOFDTAAKVELDEN[c]}",
        key="kaart_hoofdtaakveld",
        placeholder=plaatshouder(codes),
    )
    state.schrijf(hoofdtaakveld=hoofd)
    tabel = sleutels.sessie_sleutels()
    eigen = not tabel.equals(standaard_sleutels())
    keuze = Route(sel.gemeente_code, sel.niveau, int(jaar), stuk, "lasten", ("gemeente",), tabel)
    route = cs.stromen(sel.version, keuze)
    res = route.gemeente.get("lasten")
    if res is None or res.flows.empty:
        reden = res.opmerking if res is not None else "; ".join(route.notities)
        st.warning(f"Geen toerekening mogelijk: {reden}.")
        return
    waarden = per_inwoner_hoofdtaakveld(res.flows, res.inwoners, sel.niveau, hoofd)
    indeling = res.indelingsjaar or sel.jaar
    bron = f"CBS Iv3 {stuk} {jaar}, toegerekend met KWB-sleutels (indeling {indeling})"
    waarden = waarden.assign(jaar=int(jaar), methode="toegerekend", bron=bron)
    info = {
        "label": f"Lasten {hoofd} {HOOFDTAAKVELDEN[hoofd]}",
        "eenheid": "euro per inwoner",
        "methode": "toegerekend",
        "jaar": int(jaar),
        "bron": bron,
    }
    st.subheader(f"{info['label']} per inwoner, per {sel.niveau}, {sel.gemeente_naam}")
    keys = "uw eigen verdeelsleutels (deze sessie)" if eigen else "de standaardverdeelsleutels"
    st.caption(
        f"Methode: toegerekend (Iv3-lasten verdeeld met {keys}; aan te passen op de Wijkprofiel-"
        f"pagina). Gebieden uit de KWB-indeling {indeling}. {UITLEG}"
    )
    st.caption(route.jaren.regel())
    # how this hoofdtaakveld's money was placed: intended key, fallback, inhabitants only
    eigen_tv = res.flows[res.flows["taakveld_code"].astype(str).str.split(".").str[0] == hoofd]
    if zin := verantwoording.dekking_zin(eigen_tv):
        st.caption(zin)
    geometrie, koppeling = cached_kaart.geometrie(
        sel.version, sel.gemeente_code, sel.niveau, int(indeling), tuple(waarden["regio_code"])
    )
    toon_kaart(waarden, geometrie, koppeling, info)
    waarde_tabel(waarden, f"lasten_{hoofd}_per_inwoner_{sel.gemeente_code}_{sel.niveau}_{jaar}")
