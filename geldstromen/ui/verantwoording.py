"""Verantwoording in the app: key coverage next to an allocation, the gemeentefonds against
the previous circulaire and Iv3 0.7, and the full reconciliation on the Bronnen page. The
numbers come from ``domain.controle`` / ``domain.gemeentefonds``, the same functions as
``geldstromen controle``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geldstromen.domain.gemeentefonds import SIGNAAL_PCT, circulaire_label
from geldstromen.domain.opmaak import euro
from geldstromen.domain.per_inwoner import MIN_INWONERS
from geldstromen.domain.toerekening import dekking_zin, sleuteldekking
from geldstromen.ui.tabellen import waarde_tabel

METHODS_FILE = Path(__file__).resolve().parents[2] / "docs" / "methods.md"


def dekking_tekst(flows: pd.DataFrame, regio: str, naam: str) -> str:
    """The coverage of the gemeente and of one region in one caption ('' without keys)."""
    if flows.empty or "sleutel_soort" not in flows:
        return ""
    eigen = flows[flows["regio_code"] == regio]
    return f"Gemeente — {dekking_zin(flows)} {naam} — {dekking_zin(eigen)}"


def toon_dekking_tabel(flows: pd.DataFrame, sleutel: str = "wp") -> None:
    """Per taakveld how much money went with the intended key, the fallback or inhabitants
    only (the content of the Wijkprofiel's 'Sleuteldekking per taakveld')."""
    if flows.empty or "sleutel_soort" not in flows:
        return
    st.caption(
        "Per taakveld hoeveel euro met de bedoelde sleutel, met de terugvalsleutel of "
        "alleen naar inwoners is verdeeld (als een sleutelwaarde in het KWB-jaar ontbreekt). "
        "Zie Bronnen > Verantwoording en docs/methods.md."
    )
    per = sleuteldekking(flows, per="taakveld_code")
    waarde_tabel(per, f"sleuteldekking_{sleutel}")


def toon_fonds(aans, key: str | None = None) -> None:
    """The chosen circulaire per cluster against the previous one and against Iv3 0.7; with
    ``key`` the expander's content is built only while it is open (opening reruns)."""
    if aans is None or aans.fonds is None:
        return
    vorige = circulaire_label(aans.vorige) if aans.vorige else "geen eerdere circulaire"
    label = (
        f"Gemeentefonds per cluster: {circulaire_label(aans.fonds.circulaire)} tegen "
        f"{vorige} en tegen Iv3 0.7"
    )
    blok = st.expander(label, key=key, on_change="rerun") if key else st.expander(label)
    with blok:
        if blok.open is False:
            return
        st.caption(
            "De clusters zijn een uitsplitsing van de algemene uitkering die de gemeente op "
            "taakveld 0.7 boekt; ze komen niet bovenop 0.7. Verschil met Iv3 0.7: "
            f"{euro(aans.verschil_iv3_eur)} (Iv3 0.7 baten {euro(aans.iv3_07_eur)}, "
            f"circulaire {euro(aans.totaal_eur)}; o.a. integratie- en decentralisatie-"
            "uitkeringen en het moment waarop de begroting is gemaakt)."
        )
        if aans.signalen:
            st.warning(
                f"Meer dan {SIGNAAL_PCT:.0f}% veranderd tegen {vorige}: " + ", ".join(aans.signalen)
            )
        waarde_tabel(aans.tabel, f"gemeentefonds_{aans.fonds.gemeente_code}_{aans.fonds.jaar}")


def toon(c) -> None:
    """The full reconciliation report (:class:`~geldstromen.domain.controle.Controle`)."""
    if c.ok:
        st.success("Alle invarianten kloppen (op de cent).")
    else:
        st.error("Invariant(en) geschonden: " + "; ".join(c.fouten))
    st.markdown("**Invarianten tegen dubbeltellen**")
    st.dataframe(c.invarianten, hide_index=True, width="stretch")
    st.markdown(
        "**Jaren in dit beeld**: "
        + ", ".join(f"{r.onderdeel} {r.jaar}" for r in c.jaren.itertuples())
    )
    st.markdown("**Bron (Iv3) tegen export per taakveld**")
    waarde_tabel(c.bronnen, f"verantwoording_{c.gemeente_code}_{c.jaar}_{c.stuk}")
    st.markdown("**Totalen per familie in de export**")
    st.dataframe(c.families, hide_index=True, width="stretch")
    st.markdown("**Sleuteldekking** (bedoelde sleutel, terugval, alleen inwoners)")
    st.dataframe(c.dekking, hide_index=True, width="stretch")
    waarde_tabel(c.sleutels, f"sleutels_{c.gemeente_code}_{c.jaar}_{c.stuk}")
    toon_fonds(c.fonds)
    st.markdown(f"**Gebieden onder {MIN_INWONERS} inwoners** (geen bedragen per inwoner)")
    st.dataframe(c.klein, hide_index=True, width="stretch")


def methoden() -> None:
    """docs/methods.md (every method with its assumptions and limitations) in an expander."""
    if not METHODS_FILE.exists():
        return
    with st.expander("Methoden, aannames en beperkingen (docs/methods.md)"):
        st.markdown(METHODS_FILE.read_text(encoding="utf-8"))
