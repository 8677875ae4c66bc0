"""The Eigen data page: upload own figures, see the Dutch report, a table and a bar chart.

Uploaded data stays in ``st.session_state`` (private to the browser session): it is never
cached, written to the database or to disk.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from geldstromen.cached import upload as cached_upload
from geldstromen.config import get_settings
from geldstromen.domain.opmaak import getal
from geldstromen.domain.upload import MAX_KOLOMMEN, MAX_RIJEN, UploadFout, lees_bytes
from geldstromen.domain.validatie import LABEL, Uitkomst, indeling, rapport, valideer
from geldstromen.domain.validatie_privacy import veilige_som
from geldstromen.ui import indicatorkeuze
from geldstromen.ui.filters import Selectie
from geldstromen.ui.plaatshouder import plaatshouder
from geldstromen.ui.tekst import letterlijk

SLEUTEL = "eigen_data"
_EENHEDEN = {
    "(uit kolomnaam: _eur, _aantal, _pct)": None,
    "euro": "euro",
    "aantal": "aantal",
    "%": "%",
}


def _controleer(sel: Selectie, naam: str, data: bytes, eenheid: str | None) -> Uitkomst:
    tabel = lees_bytes(data, naam, get_settings().max_upload_mb)
    codes = cached_upload.lokaal_regios(sel.version, sel.gemeente_code, sel.niveau)
    regios, oude = indeling(codes, sel.jaar)
    uitkomst = valideer(tabel, niveau=sel.niveau, regios=regios, oude=oude, eenheid=eenheid)
    uitkomst.meldingen[:0] = tabel.meldingen
    names = codes[codes["jaar"].astype(int) == sel.jaar].set_index("regio_code")["regio_naam"]
    uitkomst.waarden["regio_naam"] = uitkomst.waarden["regio_code"].map(names)
    return uitkomst


def _upload(sel: Selectie) -> Uitkomst | None:
    """Read the widget; the result is kept per file and selection in session_state."""
    max_mb = get_settings().max_upload_mb
    keuze = st.selectbox(
        "Eenheid van kolommen zonder eenheid in de naam",
        list(_EENHEDEN),
        key="eigen_eenheid",
        placeholder=plaatshouder(_EENHEDEN),
    )
    bestand = st.file_uploader(
        "CSV of Excel met een kolom regiocode en per kolom een cijfer (max. "
        f"{max_mb} MB, {MAX_RIJEN:_} rijen, {MAX_KOLOMMEN} kolommen)".replace("_", "."),
        key="eigen_upload",
        help="Sleep het bestand op het vak of klik op de knop ernaast om het te kiezen (de "
        "teksten in het vak zelf zijn van Streamlit en Engels). De grootte daar is dezelfde "
        "grens als hier.",
    )
    if bestand is None:
        st.session_state.pop(SLEUTEL, None)
        return None
    if bestand.size > max_mb * 1024 * 1024:
        st.session_state.pop(SLEUTEL, None)
        st.error(
            f"Het bestand is te groot ({getal(bestand.size / 1024 / 1024, 1)} MB, maximaal "
            f"{max_mb} MB). Er is niets ingelezen."
        )
        return None
    data = bestand.getvalue()
    key = (sel.gemeente_code, sel.niveau, sel.jaar, keuze, hashlib.sha256(data).hexdigest())
    saved = st.session_state.get(SLEUTEL)
    if saved is None or saved["key"] != key:
        try:
            uitkomst = _controleer(sel, bestand.name, data, _EENHEDEN[keuze])
        except UploadFout as exc:
            st.session_state.pop(SLEUTEL, None)
            st.error(f"Het bestand is niet ingelezen: {letterlijk(exc)}")
            return None
        except Exception as exc:  # noqa: BLE001 - never a traceback for a user's file
            st.session_state.pop(SLEUTEL, None)
            st.error(f"Het bestand kan niet worden gelezen ({type(exc).__name__}).")
            return None
        saved = {"key": key, "naam": bestand.name, "uitkomst": uitkomst}
        st.session_state[SLEUTEL] = saved
    return saved["uitkomst"]


def _verslag(uitkomst: Uitkomst, naam: str) -> None:
    text = rapport(uitkomst, naam)
    if uitkomst.waarden.empty:
        st.error("Niets ingelezen: er is geen enkele geldige waarde gevonden.")
    elif uitkomst.aantal_afgewezen:
        st.warning(
            f"Deels ingelezen: {uitkomst.aantal_afgewezen} rij(en)/kolom(men)/cel(len) "
            "afgewezen; zie het verslag."
        )
    else:
        st.success("Alle rijen en kolommen zijn geaccepteerd.")
    with st.expander("Controleverslag", expanded=bool(uitkomst.aantal_afgewezen)):
        st.text(text)


def _toon(sel: Selectie, uitkomst: Uitkomst) -> None:
    waarden = uitkomst.waarden
    labels = waarden.drop_duplicates("indicator").set_index("indicator")
    indicator = indicatorkeuze.kies_indicator(
        "Indicator (eigen data)",
        waarden,
        key="eigen_indicator",
        label_kolom="kolom",
        standaard=labels.index[0],
        plek=st,
    )
    rows = waarden[waarden["indicator"] == indicator].copy()
    rows["regio_naam"] = rows["regio_naam"].fillna(rows["regio_code"])
    eenheid = labels.loc[indicator, "eenheid"]
    st.subheader(f"{letterlijk(labels.loc[indicator, 'kolom'])} per {sel.niveau} ({LABEL})")
    totaal = veilige_som(rows["waarde"]) if eenheid != "%" else float("nan")
    st.caption(
        f"Herkomst: {LABEL} (niet van CBS, alleen zichtbaar in deze sessie) · eenheid: "
        f"{eenheid} · {int(rows['waarde'].notna().sum())} van {len(rows)} gebieden met een waarde"
        + ("" if pd.isna(totaal) else f" · totaal {getal(totaal, 0)}")
    )
    st.bar_chart(rows.set_index("regio_naam")["waarde"], horizontal=True)
    tabel = rows[["regio_code", "regio_naam", "waarde", "eenheid"]].assign(herkomst=LABEL)
    st.dataframe(tabel, hide_index=True, width="stretch")


def render(sel: Selectie) -> None:
    """Upload widget, report, table and bar chart for the selection."""
    st.markdown(
        "Laad eigen cijfers van de gemeente per wijk of buurt (CSV of Excel). Ze worden "
        "gecontroleerd tegen de gebiedsindeling van het gekozen jaar en blijven **alleen in "
        "deze sessie**: niets wordt opgeslagen of gedeeld."
    )
    uitkomst = _upload(sel)
    if uitkomst is None:
        return
    _verslag(uitkomst, st.session_state[SLEUTEL]["naam"])
    if not uitkomst.waarden.empty:
        _toon(sel, uitkomst)
