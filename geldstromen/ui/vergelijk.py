"""Vergelijk: the most similar wijken/buurten on a profile the user can see and change."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen import cached
from geldstromen.cached import tijd, vergelijk
from geldstromen.domain import per_inwoner
from geldstromen.domain.boodschappen import getal
from geldstromen.domain.similariteit import THEMAS, gewichten_per_kenmerk, profiel, vergelijkbaar
from geldstromen.ui import bezoek, filters, state
from geldstromen.ui.filters import Selectie
from geldstromen.ui.plaatshouder import plaatshouder

BEREIK = {
    "gemeente": "Zelfde gemeente",
    "klasse": "Gemeenten van dezelfde klasse",
    "nl": "Heel Nederland (alle gebieden met gegevens)",
    "eigen": "Zelf gekozen gemeenten",
}


def kies_regio(sel: Selectie, label: str = "Gebied") -> tuple[str, str] | None:
    """Wijk or buurt of the selection (URL key ``regio``); None at gemeente level."""
    if sel.niveau == "gemeente":
        st.info("Kies niveau Wijk of Buurt in de zijbalk.")
        return None
    codes = tijd.codes_per_jaar(sel.version, sel.gemeente_code, sel.niveau)
    codes = codes[codes["jaar"] == sel.jaar]
    if codes.empty:
        st.info("Geen gebieden voor deze keuze.")
        return None
    namen = dict(zip(codes["regio_code"], codes["regio_naam"], strict=True))
    inwoners = cached.indicator_waarden(
        sel.version, sel.gemeente_code, sel.niveau, sel.jaar, "inwoners_aantal"
    )
    regio = bezoek.kies_regio(namen, sel.niveau, inwoners, label)
    return regio, namen[regio]


def _kies_bereik(sel: Selectie) -> tuple[str, ...] | None:
    opties = list(BEREIK)
    bereik = st.radio(
        "Vergelijk met",
        opties,
        index=opties.index(state.lees("bereik", opties, "gemeente")),
        format_func=BEREIK.get,
        horizontal=True,
        key="bereik",
    )
    state.schrijf(bereik=bereik)
    if bereik == "nl":
        state.schrijf(ref=None)
        return None
    if bereik == "gemeente":
        state.schrijf(ref=None)
        return (sel.gemeente_code,)
    if bereik == "klasse":
        state.schrijf(ref=None)
        peers, klasse = vergelijk.klassegenoten(sel.version, sel.gemeente_code)
        if not peers:
            st.info(
                f"Geen gemeenteklasse bekend voor {sel.gemeente_naam}: vergeleken binnen de "
                "gemeente zelf."
            )
            return (sel.gemeente_code,)
        st.caption(
            f"Klasse (CBS gemeentegrootte, stedelijkheid): {klasse}; {len(peers)} gemeenten."
        )
        return tuple(peers)
    gm = cached.gemeenten(sel.version)
    labels = dict(zip(gm["gemeente_code"], gm["gemeente_naam"], strict=True))
    gekozen = st.multiselect(
        "Referentiegemeenten",
        list(labels),
        default=state.lees_lijst("ref", labels) or [sel.gemeente_code],
        format_func=lambda c: f"{labels[c]} ({c})",
        placeholder=plaatshouder(labels, meer=True),
        key="ref",
    )
    state.schrijf(ref=gekozen)
    return tuple(sorted({sel.gemeente_code, *gekozen}))


def _kies_gewichten(info: dict[str, dict]) -> dict[str, float]:
    aanwezig = [t for t in THEMAS if any(v["thema"] == t for v in info.values())]
    uit_url = state.lees_gewichten("gewichten", aanwezig)
    gewichten = {}
    with st.expander("Profiel: welke kenmerken tellen mee, en hoe zwaar", expanded=False):
        cols = st.columns(max(1, len(aanwezig)))
        for col, thema in zip(cols, aanwezig, strict=True):
            start = 1.0 if uit_url is None else uit_url.get(thema, 0.0)
            aan = col.checkbox(THEMAS[thema], value=start > 0, key=f"thema_{thema}")
            w = col.slider(
                "Gewicht", 0.5, 3.0, max(start, 0.5), 0.5, key=f"gewicht_{thema}", disabled=not aan
            )
            gewichten[thema] = w if aan else 0.0
        tabel = pd.DataFrame(
            [
                {
                    "Thema": THEMAS.get(v["thema"], v["thema"]),
                    "Kenmerk": v["label"],
                    "Eenheid": v["eenheid"],
                }
                for v in info.values()
                if v["thema"] in THEMAS
            ]
        )
        st.caption(
            "Aantallen zijn omgerekend naar 'per 1000 inwoners'; elk kenmerk is gestandaardiseerd "
            "(z-score over de vergeleken gebieden). Afstand: euclidisch, gewogen per thema."
        )
        st.dataframe(tabel, hide_index=True, width="stretch")
    state.schrijf(gewichten=state.gewichten_tekst(gewichten))
    return gewichten


def render(sel: Selectie, regio: str, regio_naam: str) -> None:
    """Scope, profile, neighbours, why, values side by side, flows per inhabitant."""
    gemeenten = _kies_bereik(sel)
    long = vergelijk.profielen(sel.version, sel.niveau, sel.jaar, gemeenten)
    wide, info = profiel(long)
    if regio not in wide.index:
        st.warning(f"Geen indicatoren voor {regio_naam} in {sel.jaar}.")
        return
    gewichten = gewichten_per_kenmerk(info, _kies_gewichten(info))
    k = st.slider(
        "Aantal vergelijkbare gebieden", 1, 10, int(state.lees("k", range(1, 11), 5)), key="k"
    )
    state.schrijf(k=k)
    res = vergelijkbaar(wide, regio, gewichten, k=k)
    if res.uitgesloten:
        st.caption(
            "Niet meegeteld: "
            + "; ".join(f"{info[c]['label']} ({reden})" for c, reden in res.uitgesloten.items())
        )
    if res.buren.empty:
        st.info("Geen vergelijkbare gebieden: kies meer thema's of een ruimer bereik.")
        return
    namen = long.drop_duplicates("regio_code").set_index("regio_code")
    st.subheader(f"Gebieden die het meest lijken op {regio_naam} ({sel.jaar})")
    st.caption(f"{len(res.kenmerken)} kenmerken, {len(wide)} gebieden vergeleken.")
    rows = []
    for b in res.buren.itertuples():
        rows.append(
            {
                "Gebied": f"{namen.at[b.regio_code, 'regio_naam']} ({b.regio_code})",
                "Gemeente": namen.at[b.regio_code, "gemeente_code"],
                "Afstand": round(b.afstand, 2),
                "Kenmerken met waarde": f"{b.kenmerken_aantal} van {len(res.kenmerken)}",
                "Lijkt vooral op (kleinste verschil)": ", ".join(
                    info[c]["label"] for c in b.redenen
                ),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    codes = [regio, *res.buren["regio_code"]]
    kop = {c: f"{namen.at[c, 'regio_naam']}" for c in codes}
    zij = wide.loc[codes, res.kenmerken].T
    zij.index = [f"{info[c]['label']} ({info[c]['eenheid']})" for c in zij.index]
    zij = zij.rename(columns=kop).map(getal)
    st.markdown("**Waarden naast elkaar** (— = geen gegevens, niet 0)")
    st.dataframe(zij, width="stretch")
    _geldstromen(sel, codes, namen, wide)


def _geldstromen(sel: Selectie, codes: list[str], namen: pd.DataFrame, wide: pd.DataFrame) -> None:
    gms = tuple(sorted(set(namen.loc[codes, "gemeente_code"])))
    st.markdown("**Geldstromen per inwoner**")
    # the Iv3 year and document every page opens on (filters.kies_iv3), not the year nearest
    # this page's KWB year: one wijk shows one amount per inhabitant on every page
    iv3 = filters.kies_iv3(sel.version, sel.gemeente_code, "vg")
    if iv3 is None:
        st.caption(f"Geen Iv3-gegevens voor {sel.gemeente_naam}: geen geldstromen.")
        return
    som, fouten = vergelijk.geldstromen_per_inwoner(sel.version, gms, sel.niveau, *iv3)
    som = som[som["regio_code"].isin(codes)]
    if som.empty:
        extra = f" ({'; '.join(f'{k}: {v}' for k, v in fouten.items())})" if fouten else ""
        st.caption(
            f"Nog geen geldstromen voor deze gebieden (Iv3 {iv3[1]} {iv3[0]}, gebieden van "
            f"KWB {sel.jaar}){extra}."
        )
        return
    # the inhabitants of the route's KWB year: the year of the regions the flows were built on
    inw = pd.to_numeric(som.drop_duplicates("regio_code").set_index("regio_code")["inwoners"])
    tabel = per_inwoner.tabel(som, inw, codes, lambda v: getal(v, 0))
    tabel = tabel.rename(columns=lambda c: namen.at[c, "regio_naam"])
    st.dataframe(tabel, width="stretch")
    per_familie = som.drop_duplicates("familie").set_index("familie")
    st.caption(
        f"Euro per jaar per inwoner. {per_inwoner.UITLEG} "
        + " ".join(
            f"{fam}: {r.methoden}" + (f" ({r.bronnen})" if fam == "gemeente" else "") + "."
            for fam, r in per_familie.iterrows()
        )
    )
    for regel in sorted(set(som["jaren"].dropna())):
        st.caption(regel)
