"""Wijkprofiel: the gemeente's Iv3 money allocated to one wijk or buurt, with its keys."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geldstromen import cached
from geldstromen.cached import gemeente as cg
from geldstromen.cached import huishoudens as ch
from geldstromen.cached import zorg as cz
from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS
from geldstromen.domain.wijkprofiel import regio_tabel
from geldstromen.ui import sankey, sleutels
from geldstromen.ui.tabellen import waarde_tabel

FAMILIES = {"gemeente": "Gemeente (Iv3)", "huishoudens": "Huishoudens", "zorg": "Zorg (Zvw)"}


def _keuzes():
    version = cached.data_version()
    gm = cached.gemeenten(version)
    if gm.empty:
        st.warning("Er zijn nog geen gegevens ingelezen.")
        return None
    labels = {r.gemeente_code: f"{r.gemeente_naam} ({r.gemeente_code})" for r in gm.itertuples()}
    codes = list(labels)
    start = st.query_params.get("gemeente", "GM0518")
    code = st.sidebar.selectbox(
        "Gemeente",
        codes,
        index=codes.index(start) if start in codes else 0,
        format_func=labels.get,
        key="wp_gemeente",
    )
    avail = cg.iv3_beschikbaar(version, code)
    if avail.empty:
        st.info(f"Geen Iv3-gegevens voor {labels[code]}.")
        return None
    niveau = st.sidebar.radio("Niveau", ["wijk", "buurt"], horizontal=True, key="wp_niveau")
    jaren = sorted(avail["jaar"].astype(int).unique(), reverse=True)
    jaar = st.sidebar.selectbox("Jaar (Iv3)", jaren, key="wp_jaar")
    stukken = sorted(avail.loc[avail["jaar"] == jaar, "stuk"])
    stuk = st.sidebar.radio("Stuk", stukken, horizontal=True, key="wp_stuk")
    kant = st.sidebar.radio("Kant", ["lasten", "baten"], horizontal=True, key="wp_kant")
    fams = st.sidebar.multiselect(
        "Families", list(FAMILIES), default=["gemeente"], format_func=FAMILIES.get, key="wp_fam"
    )
    st.query_params["gemeente"] = code
    return version, code, labels[code], niveau, int(jaar), stuk, kant, fams


def render() -> None:
    """The whole page."""
    keuze = _keuzes()
    if keuze is None:
        return
    version, code, label, niveau, jaar, stuk, kant, fams = keuze
    with st.expander("Verdeelsleutels (per taakveld, alleen voor deze sessie)"):
        tabel = sleutels.editor()
    res = cg.toerekening(version, code, niveau, jaar, stuk, kant, tabel)
    if res.flows.empty:
        st.warning(f"Geen toerekening mogelijk voor {label} op {niveau}niveau: {res.opmerking}.")
        return
    regios = res.flows[res.flows["niveau"] == niveau][["regio_code", "regio_naam"]]
    regios = regios.drop_duplicates().sort_values("regio_code")
    names = dict(zip(regios["regio_code"], regios["regio_naam"], strict=True))
    regio = st.selectbox(
        f"{niveau.capitalize()}",
        list(names),
        format_func=lambda c: f"{names[c]} ({c})",
        key="wp_regio",
    )
    inw = res.inwoners.get(regio) if len(res.inwoners) else None
    inw_gm = float(res.inwoners.sum()) if len(res.inwoners) else float("nan")
    st.caption(
        f"{label}, {stuk} {jaar}, {kant}; gebieden uit KWB-indeling {res.indelingsjaar}. "
        f"Sleuteljaren: "
        + ", ".join(f"{r.indicator} {r.jaar}" for r in res.sleuteljaren.itertuples())
        + ". Bedragen zijn toegerekend (geschat met een sleutel), niet waargenomen."
    )
    eigen = res.flows[res.flows["regio_code"] == regio] if "gemeente" in fams else res.flows[:0]
    andere = _andere(version, code, niveau, jaar, fams, regio)
    st.plotly_chart(sankey.sankey_figuur(eigen, andere, f"{names[regio]}", kant), key="wp_sankey")
    tab = regio_tabel(res.flows, regio, inw, inw_gm)
    totaal = tab["bedrag_eur"].sum()
    per = f"; € {totaal / inw:,.0f} per inwoner" if inw and inw > 0 else ""
    st.metric(f"Toegerekend aan {names[regio]}", f"€ {totaal:,.0f}{per}".replace(",", "."))
    if not res.uitgesloten.empty:
        st.caption(
            "Niet meegeteld (geen uitgaven van het jaar): "
            + "; ".join(
                f"{r.categorie} € {r.bedrag_eur:,.0f}" for r in res.uitgesloten.itertuples()
            )
        )
    meta = {
        "tabel": "wijkprofiel",
        "gemeente": code,
        "jaar": str(jaar),
        "stuk": stuk,
        "sleutels": tabel.to_csv(index=False),
    }
    waarde_tabel(tab, f"wijkprofiel_{regio}_{jaar}_{stuk}_{kant}", meta)
    if not andere.empty:
        st.subheader("Andere families")
        waarde_tabel(andere[GELDSTROOM_COLUMNS], f"families_{regio}_{jaar}")
    with st.expander(f"Alle geldstromen van de gemeente ({len(res.flows)} rijen)"):
        waarde_tabel(res.flows[GELDSTROOM_COLUMNS], f"geldstromen_{code}_{niveau}_{jaar}", meta)
    _vergelijking(version, code, jaar, stuk, set(res.uitgesloten.get("taakveld_code", [])))
    _onbekend(version)


def _andere(version, code, niveau, jaar, fams, regio) -> pd.DataFrame:
    parts = []
    if "huishoudens" in fams:
        parts.append(ch.huishoudens_flows(version, code, niveau, jaar))
    if "zorg" in fams:
        parts.append(cz.zorg_flows(version, code, niveau, jaar))
    parts = [p[p["regio_code"] == regio] for p in parts if not p.empty]
    if not parts:
        if set(fams) - {"gemeente"}:
            st.caption("Geen huishoudens- of zorgstromen voor deze keuze.")
        return pd.DataFrame(columns=GELDSTROOM_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def _vergelijking(version, code, jaar, stuk, uitgesloten) -> None:
    st.subheader("Vergelijking met gemeenten van dezelfde klasse")
    tab = cg.klassevergelijking(version, code, jaar, stuk, tuple(sorted(uitgesloten)))
    if tab.empty:
        st.info("Geen klasse of inwonertal bekend voor deze gemeente.")
        return
    st.caption(f"Klasse: {tab['klasse'].iloc[0]}; lasten per inwoner, {stuk} {jaar}.")
    fig = go.Figure(
        [
            go.Bar(x=tab["per_inwoner_eur"], y=tab["naam"], name="deze gemeente", orientation="h"),
            go.Bar(
                x=tab["klasse_mediaan_per_inwoner_eur"], y=tab["naam"],
                name="mediaan klasse", orientation="h",
            ),
        ]
    )  # fmt: skip
    fig.update_layout(barmode="group", height=420, xaxis_title="euro per inwoner")
    st.plotly_chart(fig, key="wp_vergelijking")
    waarde_tabel(tab, f"vergelijking_{code}_{jaar}_{stuk}")


def _onbekend(version) -> None:
    onbekend = cg.namen_onbekend(version)
    with st.expander(f"Gemeentenamen zonder code ({len(onbekend)})"):
        st.caption(
            "Namen uit Iv3, gemeentefonds en gemeenteklassen die niet aan een "
            "GM-code te koppelen zijn; hun bedragen staan niet in dit profiel."
        )
        st.dataframe(onbekend, hide_index=True)
