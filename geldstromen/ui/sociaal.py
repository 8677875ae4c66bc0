"""Sociaal domein: benefits, care clients and low incomes per region, the gemeente's 6.x
spending allocated to the region (and per client), and RIVM health estimates."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen.cached import thema
from geldstromen.domain.per_inwoner import UITLEG
from geldstromen.domain.sociaal_domein import GROEPEN
from geldstromen.ui import filters, zorgkosten
from geldstromen.ui.filters import Selectie
from geldstromen.ui.tabellen import waarde_tabel

AANTALLEN = {
    "bijstand": "Bijstand",
    "ao": "AO-uitkering",
    "ww": "WW",
    "aow": "AOW",
    "wmo_clienten": "Wmo-cliënten",
    "jeugdzorg": "Jeugdzorg (jongeren)",
}


def kies_iv3(sel: Selectie) -> tuple[int | None, str]:
    """Iv3 year and document in the sidebar (the default every page shares, filters.kies_iv3)."""
    return filters.kies_iv3(sel.version, sel.gemeente_code, "sd") or (None, "begroting")


def _aantallen(t: pd.DataFrame) -> pd.DataFrame:
    cols = {"regio_code": "code", "regio_naam": "gebied", "inwoners_aantal": "Inwoners"}
    for k, lab in AANTALLEN.items():
        cols[f"{k}_aantal"] = f"{lab} (aantal)"
        cols[f"{k}_per_1000"] = f"{lab} (per 1000 inwoners)"
    cols["huish_laag_inkomen_pct"] = "Laag inkomen (% huishoudens)"
    cols["huish_sociaal_minimum_pct"] = "Rond sociaal minimum (% huishoudens)"
    cols["per_inwoner_toelichting"] = "Per 1000 inwoners"
    return t[list(cols)].rename(columns=cols).round(1)


def _geld(t: pd.DataFrame) -> pd.DataFrame | None:
    if "sociaal_domein_eur" not in t:
        return None
    cols = {"regio_code": "code", "regio_naam": "gebied"}
    for g, (lab, teller) in GROEPEN.items():
        cols[f"{g}_eur"] = f"{lab}: EUR"
        cols[f"{g}_per_inwoner_eur"] = f"{lab}: EUR per inwoner"
        if teller:
            cols[f"{g}_per_client_eur"] = f"{lab}: EUR per {AANTALLEN[teller[:-7]].lower()}"
    cols["per_inwoner_toelichting"] = "Per inwoner"
    return t[list(cols)].rename(columns=cols).round(0)


def render(sel: Selectie, iv3_jaar: int | None, stuk: str) -> None:
    """The page body for one selection."""
    t = thema.sociaal(sel.version, sel.gemeente_code, sel.niveau, sel.jaar, iv3_jaar, stuk)
    if t.tabel.empty:
        st.info(f"Geen gegevens voor {sel.niveau} in {sel.jaar}.")
        return
    naam = f"{sel.gemeente_code}_{sel.niveau}_{sel.jaar}"
    st.subheader(f"Uitkeringen, zorg en inkomen per {sel.niveau} (KWB {sel.jaar}, waargenomen)")
    bron_kwb = "; ".join(sorted(t.kolommen["bron"].dropna().unique()))
    waarde_tabel(_aantallen(t.tabel), f"sociaal_{naam}", methode="waargenomen", bron=bron_kwb)
    st.caption(
        "Bron: "
        + bron_kwb
        + ". Per 1000 inwoners = aantal / inwoners x 1000 (zelfde KWB-jaar). "
        + UITLEG
    )
    st.subheader("Gemeentelijke uitgaven sociaal domein (Iv3 lasten, toegerekend)")
    geld = _geld(t.tabel)
    leeg = geld is not None and not geld.filter(like=": EUR").notna().to_numpy().any()
    if geld is None or iv3_jaar is None:
        st.info("Geen Iv3-gegevens van deze gemeente: uitgaven per gebied niet beschikbaar.")
    elif leeg:
        st.warning(
            f"Geen uitgaven per {sel.niveau} te tonen (dus ook geen download): de Iv3-lasten "
            f"6.x ({stuk} {iv3_jaar}) zijn aan geen enkel gebied van KWB {sel.jaar} "
            "gekoppeld. " + " ".join(t.notities)
        )
    else:
        st.caption(
            f"CBS Iv3 {stuk} {iv3_jaar}, lasten per taakveld 6.x verdeeld over de gebieden met "
            "verdeelsleutels (methode toegerekend, geen waarneming). Let op: een taakveld dat "
            "met het aantal cliënten is verdeeld (zoals 6.3 met bijstand) geeft per cliënt "
            "overal (bijna) hetzelfde bedrag; verschillen per cliënt zeggen dan niets over de wijk."
        )
        waarde_tabel(
            geld,
            f"sociaal_uitgaven_{naam}",
            methode="toegerekend",
            bron=f"CBS Iv3 {stuk} {iv3_jaar} (taakvelden 6.x), verdeelsleutels KWB",
        )
    for n in t.notities:
        st.caption(n)
    _zorgkosten(sel, t.tabel)
    st.subheader("Gezondheid en welzijn (RIVM-schatting, geen meting)")
    rivm, meta = t.extra["rivm"], t.extra["rivm_kolommen"]
    editie = "".join(f" {int(j)}" for j in sorted(set(meta.get("jaar", []))))
    st.warning(
        "Modelschattingen van RIVM op basis van de Gezondheidsmonitor Volwassenen en Ouderen"
        f"{editie} (RIVM, GGD'en, CBS): per gebied geschat met een statistisch model, geen "
        "telling. Kleine verschillen tussen buurten zijn onzeker."
    )
    if meta.empty:
        st.info("Geen RIVM-schattingen voor deze gebieden.")
        return
    labels = dict(zip(meta["kolom"], meta["label"], strict=True))
    cols = ["regio_code", "regio_naam", *[k for k in labels if k in rivm]]
    out = rivm[cols].rename(columns={**labels, "regio_code": "code", "regio_naam": "gebied"})
    waarde_tabel(
        out.round(1),
        f"gezondheid_{naam}",
        {
            "tabel": "RIVM-schattingen",
            "methode": "geschat",
            "bronnen": "; ".join(meta["bron"].unique()),
        },
    )


def _zorgkosten(sel: Selectie, tabel: pd.DataFrame) -> None:
    st.subheader(f"Zorgkosten (Zvw) per {sel.niveau} (geschat) en de gemeente tegen landelijk")
    inwoners = tabel.set_index("regio_code")["inwoners_aantal"]
    model = zorgkosten.toon_per_gebied(
        sel.version, sel.gemeente_code, sel.niveau, sel.jaar, inwoners
    )
    zorgkosten.toon_benchmark(model, sel.gemeente_naam)
