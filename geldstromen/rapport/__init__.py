"""One-page wijk report (PDF, PNG) without Streamlit: data, figures, layout.

``maak_rapport(engine, regio_code, jaar, fmt)`` is what the CLI and the Presentatie page call.
"""

from __future__ import annotations

from geldstromen.rapport.gegevens import RapportGegevens, verzamel
from geldstromen.rapport.pdf import maak_pdf, maak_png


def maak_rapport(engine, regio_code: str, jaar: int, fmt: str = "pdf") -> bytes:
    """The report of one region and year as PDF or PNG bytes."""
    gegevens = verzamel(engine, regio_code, jaar)
    return maak_pdf(gegevens) if fmt == "pdf" else maak_png(gegevens)


__all__ = ["RapportGegevens", "maak_pdf", "maak_png", "maak_rapport", "verzamel"]
