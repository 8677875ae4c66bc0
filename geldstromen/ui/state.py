"""URL state: every selection lives in ``st.query_params`` so a copied link reopens the view.

Values are plain strings; lists are comma-separated; weights are ``thema:gewicht`` pairs.
Every parameter a page reads goes through this module, which parses, bounds and clamps it
with :mod:`geldstromen.domain.linkparameters`: a value that does not fit gives the page's
default, and the page shows a Dutch note (:func:`toon_meldingen`, called once per run by the
page handler) unless the value is one this session wrote itself (a previous choice that no
longer fits after the user changed another selection is not the link's fault).
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from geldstromen.domain import linkparameters as lp
from geldstromen.ui.tekst import letterlijk

#: session_state: notes of the current run, and the values this session wrote to the URL.
MELDINGEN = "_link_meldingen"
GESCHREVEN = "_link_geschreven"


def _ruw(key: str) -> str | None:
    return st.query_params.get(key)


def _noteer(key: str, ruw: str | None, gelezen: lp.Gelezen, gebruikt=None) -> None:
    """Remember a note for a value of the link that was not used as written."""
    if gelezen.probleem is None or ruw is None:
        return
    if st.session_state.get(GESCHREVEN, {}).get(key) == ruw:
        return
    standaard = "" if gebruikt is None else f"; getoond: {gebruikt}"
    melding = f"{lp.naam(key)}: {gelezen.probleem}{standaard}"
    meldingen = st.session_state.setdefault(MELDINGEN, [])
    if melding not in meldingen:
        meldingen.append(melding)


def lees(key: str, options: Iterable, fallback):
    """The option whose string form is in the URL under ``key``, else ``fallback``."""
    options = list(options)
    ruw = _ruw(key)
    gelezen = lp.keuze(ruw, options)
    if gelezen.waarde is None:
        _noteer(key, ruw, gelezen, fallback)
        return fallback
    return gelezen.waarde


def lees_lijst(key: str, options: Iterable | None = None) -> list[str] | None:
    """Comma-separated list from the URL (None when absent or unusable); unknown items are
    dropped."""
    ruw = _ruw(key)
    gelezen = lp.lijst(ruw, options)
    _noteer(key, ruw, gelezen)
    return gelezen.waarde


def lees_gewichten(key: str, themas: Iterable[str]) -> dict[str, float] | None:
    """``{thema: gewicht}`` from ``a:1,b:2`` in the URL (None when absent or unusable); every
    weight finite and within the slider's range."""
    ruw = _ruw(key)
    gelezen = lp.gewichten(ruw, themas)
    _noteer(key, ruw, gelezen)
    return gelezen.waarde


def lees_vlag(key: str) -> bool:
    """A ``1``/``0`` switch from the URL (off when absent or unusable)."""
    ruw = _ruw(key)
    gelezen = lp.vlag(ruw)
    _noteer(key, ruw, gelezen)
    return bool(gelezen.waarde)


def gewichten_tekst(gewichten: dict[str, float]) -> str:
    """The URL form of a weight mapping (only positive weights)."""
    return ",".join(f"{k}:{v:g}" for k, v in gewichten.items() if v > 0)


def schrijf(**values) -> None:
    """Write values to the URL; None removes a key, lists are joined with commas."""
    geschreven = st.session_state.setdefault(GESCHREVEN, {})
    for key, value in values.items():
        if value is None:
            geschreven.pop(key, None)
            if key in st.query_params:
                del st.query_params[key]
            continue
        if isinstance(value, list | tuple):
            value = ",".join(str(v) for v in value)
        geschreven[key] = str(value)
        st.query_params[key] = str(value)


def begin_run() -> None:
    """Forget the notes of the previous run (the page handler calls this first)."""
    st.session_state[MELDINGEN] = []


def meldingen() -> list[str]:
    """The notes of this run so far."""
    return list(st.session_state.get(MELDINGEN, []))


def toon_meldingen(plek) -> None:
    """One Dutch note in ``plek`` (a container) listing every link value that was not used."""
    items = meldingen()
    if items:
        plek.warning(
            "Niet alles uit de link kon worden gebruikt zoals het er staat:\n\n"
            + "\n".join(f"- {letterlijk(m)}" for m in items)
        )
