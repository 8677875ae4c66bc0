"""The handler around every page: an unexpected error never shows a traceback (file paths,
database host and port) to a visitor. The visitor sees a Dutch message with a short reference;
the full traceback goes to the server log under the same reference.

With ``client.showErrorDetails = "none"`` in ``.streamlit/config.toml`` Streamlit itself also
shows no details for anything that escapes this handler (e.g. a widget callback).
"""

from __future__ import annotations

import logging
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from geldstromen.ui import state

LOG = logging.getLogger("geldstromen.pagina")
if not LOG.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOG.addHandler(_handler)
    LOG.setLevel(logging.INFO)
    LOG.propagate = False

#: The start of the visitor's message (tests look for it).
MELDING = "Er ging iets mis bij het maken van deze pagina"


def referentie() -> str:
    """A short random reference for one error (8 hex digits)."""
    return secrets.token_hex(4)


class PaginaFout(Exception):
    """What the visitor sees instead of the error: only the Dutch message, shown as "Fout"."""

    alternate_name = "Fout"


def toon_fout(ref: str) -> None:
    """The visitor's Dutch message for an error with reference ``ref``, in Streamlit's error
    box (so every test that looks for an exception box still sees it) without a traceback:
    the exception shown is a new one that was never raised."""
    st.exception(
        PaginaFout(
            f"{MELDING}. Probeer een andere keuze of laad de pagina opnieuw. Blijft het "
            f"misgaan, meld dan referentie {ref} aan de beheerder van deze site."
        )
    )


@contextmanager
def pagina() -> Iterator[None]:
    """Run a page: notes about the link above it, and any error as a Dutch message with a
    reference (traceback to the log). Streamlit's own control flow (rerun, stop, page switch)
    derives from ``BaseException`` and passes through."""
    state.begin_run()
    boven = st.container()
    try:
        yield
    except Exception:
        ref = referentie()
        LOG.exception("Fout op een pagina (referentie %s)", ref)
        toon_fout(ref)
    state.toon_meldingen(boven)
