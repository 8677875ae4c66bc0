"""Scenario page inputs: every assumption of an intervention editable, with its source."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from geldstromen.domain.opmaak import met_kop
from geldstromen.scenario.config import (
    BELASTING_LABELS,
    BELASTINGVELDEN,
    GETALVELDEN,
    catalogus,
    ontbrekend,
    standaard,
    toepassen,
)
from geldstromen.scenario.model import PARTIJ_LABELS, PARTIJEN
from geldstromen.scenario.schema import GRENZEN

ONTBREEKT = "⚠️ geen bron beschikbaar: vul dit zelf in"
_PARTIJ_OPTIES = ["", *PARTIJEN]


def _leeg(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _bron(waarde: dict) -> str:
    return met_kop("Bron", waarde["bron"]) if waarde.get("bron") else ONTBREEKT


def _uitleg(waarde, std: dict, leeg: str = ONTBREEKT) -> str:
    """Where the value shown came from: the default's source, the user, or missing."""
    if waarde is None:
        return leeg
    if std.get("waarde") is not None and float(waarde) == float(std["waarde"]):
        return _bron(std)
    return "✏️ ingevuld door gebruiker" + (
        f" (standaard {std['waarde']:g})" if std.get("waarde") is not None else ""
    )


def _getal(
    label: str, key: str, start, veld: str, *, geheel: bool = False, fmt: str = "%.2f", bron=""
):
    """A number input that may be empty, within the schema's bounds of ``veld``; ``start``
    only seeds it the first time (a start outside the bounds leaves it empty)."""
    lo, hi = GRENZEN[veld]
    if key not in st.session_state:
        ok = not _leeg(start) and lo <= float(start) <= hi
        st.session_state[key] = (int(start) if geheel else float(start)) if ok else None
    if geheel:
        return st.number_input(
            label, min_value=int(lo), max_value=int(hi), step=1, key=key, help=bron or None
        )
    return st.number_input(
        label, min_value=float(lo), max_value=float(hi), format=fmt, key=key, help=bron or None
    )


def zet_uit_config(regio: str, config: dict) -> None:
    """Seed the widgets from a loaded config (shared link or saved scenario)."""
    st.session_state["sc_interventies"] = [i["id"] for i in config["interventies"]]
    if config.get("naam"):
        st.session_state["sc_naam"] = config["naam"]
    if config.get("disconteringsvoet_pct") is not None:
        st.session_state["sc_voet"] = float(config["disconteringsvoet_pct"])
    for item in config["interventies"]:
        pre = f"sc_{regio}_{item['id']}"
        for veld in GETALVELDEN:
            if item.get(veld) is not None:
                geheel = veld in ("startjaar", "looptijd_jaar")
                st.session_state[f"{pre}_{veld}"] = int(item[veld]) if geheel else float(item[veld])
        st.session_state[f"{pre}_url"] = item
        for eid, waarden in (item.get("effecten") or {}).items():
            for k in BELASTINGVELDEN:
                if (waarden or {}).get(k) is not None:
                    st.session_state[f"{pre}_{eid}_{k}"] = float(waarden[k])
        for key in (f"{pre}_verdeling", f"{pre}_effecten"):
            st.session_state.pop(key, None)


def _verdeling(pre: str, std: dict, uit_url: dict | None) -> dict[str, float]:
    waarden = dict(std["kostenverdeling_pct"]["waarden"])
    if uit_url and uit_url.get("kostenverdeling_pct") is not None:
        waarden = {p: uit_url["kostenverdeling_pct"].get(p) for p in PARTIJEN}
    frame = pd.DataFrame(
        {
            "Partij": [PARTIJ_LABELS[p] for p in PARTIJEN],
            "Aandeel in de kosten (%)": [waarden.get(p) for p in PARTIJEN],
        }
    )
    st.markdown("**Wie betaalt de kosten?**")
    st.caption(_bron(std["kostenverdeling_pct"]))
    bewerkt = st.data_editor(
        frame,
        key=f"{pre}_verdeling",
        hide_index=True,
        disabled=["Partij"],
        column_config={
            "Aandeel in de kosten (%)": st.column_config.NumberColumn(min_value=0, max_value=100)
        },
        width="stretch",
    )
    return {
        p: (None if _leeg(v) else float(v))
        for p, v in zip(PARTIJEN, bewerkt["Aandeel in de kosten (%)"], strict=True)
    }


def _effecten(pre: str, std: dict, uit_url: dict | None) -> dict:
    url_eff = (uit_url or {}).get("effecten") or {}
    rows = []
    for e in std["effecten"]:
        u = url_eff.get(e["id"]) or {}
        rows.append(
            {
                "Effect": e["label"],
                "Per eenheid": u.get("per_eenheid", e["per_eenheid"]["waarde"]),
                "Eenheid": e["hoeveelheid"],
                "Prijs": u.get("prijs", e["prijs"]["waarde"]),
                "Prijseenheid": e["prijs_eenheid"],
                "Ontvangt": u.get("ontvanger", e["ontvanger"]) or "",
                "Betaalt": u.get("betaler", e["betaler"]) or "",
                "Bron (standaard)": "; ".join(
                    b for b in (e["per_eenheid"]["bron"], e["prijs"]["bron"]) if b
                )
                or "geen: vul in",
            }
        )
    if not rows:
        return {}
    st.markdown("**Effecten per eenheid per jaar, en wie ze ontvangt**")
    for e in std["effecten"]:
        if e.get("context"):
            st.caption(f"Ter vergelijking, {e['label'].lower()}: {e['context']}")
    partij = st.column_config.SelectboxColumn(options=_PARTIJ_OPTIES)
    bewerkt = st.data_editor(
        pd.DataFrame(rows),
        key=f"{pre}_effecten",
        hide_index=True,
        disabled=["Effect", "Eenheid", "Prijseenheid", "Bron (standaard)"],
        column_config={
            "Per eenheid": st.column_config.NumberColumn(
                min_value=0, max_value=GRENZEN["per_eenheid"][1]
            ),
            "Prijs": st.column_config.NumberColumn(
                min_value=0, max_value=GRENZEN["prijs"][1], format="%.4f"
            ),
            "Ontvangt": partij,
            "Betaalt": partij,
        },
        width="stretch",
    )
    uit = {}
    for e, r in zip(std["effecten"], bewerkt.to_dict("records"), strict=True):
        uit[e["id"]] = {
            "per_eenheid": None if _leeg(r["Per eenheid"]) else float(r["Per eenheid"]),
            "prijs": None if _leeg(r["Prijs"]) else float(r["Prijs"]),
            "ontvanger": r["Ontvangt"] or None,
            "betaler": r["Betaalt"] or None,
            **_belasting(pre, e),
        }
    return uit


def _belasting(pre: str, e: dict) -> dict:
    """Tax assumptions of an energy saving: the part of the bill that the Rijk loses."""
    if not e.get("belasting"):
        return {}
    b = e["belasting"]
    st.markdown(f"**{e['label']}: belastingdeel van de besparing** (huishoudens ← Rijk)")
    st.caption(
        "Van elke bespaarde eenheid is de energiebelasting (+ ODE) en de btw geen besparing op "
        "de leverancier maar minder belastinginkomsten voor het Rijk: een overdracht van het Rijk "
        "naar wie de rekening betaalt. Standaard rekent elk jaar van het scenario met de tarieven "
        "van dat jaar (na het laatst bekende jaar doorgetrokken; hieronder het startjaar). Een "
        "eigen waarde geldt voor alle jaren."
    )
    uit = {}
    for col, k in zip(st.columns(len(BELASTINGVELDEN)), BELASTINGVELDEN, strict=True):
        with col:
            uit[k] = _getal(
                BELASTING_LABELS[k].capitalize(),
                f"{pre}_{e['id']}_{k}",
                b[k]["waarde"],
                k,
                fmt="%.5f" if k == "belasting_eur" else "%.1f",
            )
            st.caption(_uitleg(uit[k], b[k]))
    return uit


def interventie(regio: str, iid: str, indicatoren: dict, prijzen: dict, startjaar: int) -> dict:
    """Inputs of one intervention; returns it filled in (values + sources)."""
    std = standaard(iid, indicatoren, prijzen, startjaar)
    spec = catalogus()["interventies"][iid]
    pre = f"sc_{regio}_{iid}"
    uit_url = st.session_state.get(f"{pre}_url")
    with st.expander(f"{std['label']} (eenheid: {std['eenheid']})", expanded=True):
        st.caption(spec.get("toelichting", ""))
        leeg = ONTBREEKT
        if std["eenheden"].get("ontbreekt"):
            leeg = f"⚠️ {std['eenheden']['ontbreekt']} ontbreekt in de wijkgegevens: vul zelf in"
        c1, c2, c3 = st.columns(3)
        with c1:
            eenheden = _getal(
                f"Aantal {std['eenheid']}",
                f"{pre}_eenheden",
                std["eenheden"]["waarde"],
                "eenheden",
                fmt="%.0f",
            )
            st.caption(_uitleg(eenheden, std["eenheden"], leeg))
        with c2:
            eenmalig = _getal(
                "Investering per eenheid (euro)",
                f"{pre}_kosten_eenmalig_per_eenheid_eur",
                std["kosten_eenmalig_per_eenheid_eur"]["waarde"],
                "kosten_eenmalig_per_eenheid_eur",
            )
            st.caption(_uitleg(eenmalig, std["kosten_eenmalig_per_eenheid_eur"]))
        with c3:
            jaarlijks = _getal(
                "Jaarlijkse kosten per eenheid (euro)",
                f"{pre}_kosten_jaarlijks_per_eenheid_eur",
                std["kosten_jaarlijks_per_eenheid_eur"]["waarde"],
                "kosten_jaarlijks_per_eenheid_eur",
            )
            st.caption(_uitleg(jaarlijks, std["kosten_jaarlijks_per_eenheid_eur"]))
        c4, c5, _ = st.columns(3)
        with c4:
            start = _getal("Startjaar", f"{pre}_startjaar", startjaar, "startjaar", geheel=True)
            st.caption(_uitleg(start, std["startjaar"]))
        with c5:
            looptijd = _getal(
                "Looptijd (jaren)",
                f"{pre}_looptijd_jaar",
                std["looptijd_jaar"]["waarde"],
                "looptijd_jaar",
                geheel=True,
            )
            st.caption(_uitleg(looptijd, std["looptijd_jaar"]))
        verdeling = _verdeling(pre, std, uit_url)
        effecten = _effecten(pre, std, uit_url)
    item = {
        "id": iid,
        "eenheden": eenheden,
        "kosten_eenmalig_per_eenheid_eur": eenmalig,
        "kosten_jaarlijks_per_eenheid_eur": jaarlijks,
        "startjaar": start,
        "looptijd_jaar": looptijd,
        "kostenverdeling_pct": {p: v for p, v in verdeling.items() if v is not None} or None,
        "effecten": effecten,
    }
    gevuld = toepassen(std, item, leeg=True)  # a cleared input is missing, not the default
    gevuld["ontbreekt"] = ontbrekend(gevuld)
    return gevuld
