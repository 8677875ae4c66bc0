"""Layout of the one-page A4 landscape PDF (fpdf2) and the PNG version (matplotlib)."""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from fpdf import FPDF

from geldstromen.domain.boodschappen import getal
from geldstromen.rapport import figuren
from geldstromen.rapport.gegevens import RapportGegevens

MAANDEN = "januari februari maart april mei juni juli augustus september oktober november december"
METHODEN = (
    "Methode: waargenomen = door de bron gepubliceerd voor dit gebied; toegerekend = een "
    "waargenomen totaal verdeeld met een sleutel; geschat = gemodelleerd. Ontbrekende waarden "
    "(CBS '.') staan als '—' en zijn geen 0. Aantallen zijn omgerekend naar per 1000 inwoners."
)
ATTRIBUTIE = (
    "Bronnen: CBS Kerncijfers wijken en buurten en andere CBS-tabellen (CC BY 4.0, 'Bron: CBS'); "
    "Zvw-kosten: Vektis open data (voorwaarden Vektis: bronvermelding, geen commercieel gebruik); "
    "kaartgrenzen: CBS/Kadaster via PDOK (CC BY 4.0). Gemaakt met Geldstromen in de wijk."
)
MAX_KERN = 10


def schoon(text: object, limit: int = 400) -> str:
    """Printable text only: no control characters, collapsed spaces, bounded length."""
    raw = "" if text is None else str(text)
    kept = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw)
    kept = " ".join(kept.split())
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"


def datum_nl(dag: date) -> str:
    """e.g. '3 maart 2025'."""
    return f"{dag.day} {MAANDEN.split()[dag.month - 1]} {dag.year}"


def titel(g: RapportGegevens) -> str:
    """Report title."""
    soort = {"wijk": "Wijkprofiel", "buurt": "Buurtprofiel"}.get(g.niveau, "Gebiedsprofiel")
    return schoon(f"{soort} {g.regio_naam} ({g.regio_code})", 120)


def _fonts(pdf: FPDF) -> None:
    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdf.add_font("DejaVu", "", str(ttf / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(ttf / "DejaVuSans-Bold.ttf"))


def maak_pdf(g: RapportGegevens, vandaag: date | None = None) -> bytes:
    """One A4 landscape page: title, date, map, flows, key figures vs gemeente, sources."""
    vandaag = vandaag or date.today()
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(12, 10, 12)
    _fonts(pdf)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(0, 9, titel(g), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(80, 80, 80)
    pdf.cell(
        0,
        6,
        schoon(
            f"{g.gemeente_naam} ({g.gemeente_code}) · gegevens {g.jaar} · gemaakt op "
            f"{datum_nl(vandaag)}"
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    namen = {g.regio_code: g.regio_naam}
    kaart = figuren.kaart_png(g.kaart, g.regio_code, g.namen | namen, g.kaart_melding)
    pdf.image(io.BytesIO(kaart), x=12, y=28, w=120, h=95, keep_aspect_ratio=True)
    stromen = figuren.stromen_png(g.stromen, g.stromen_melding)
    pdf.image(io.BytesIO(stromen), x=12, y=126, w=120, h=58, keep_aspect_ratio=True)
    pdf.set_xy(140, 28)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, "Kerncijfers tegenover de gemeente", new_x="LMARGIN", new_y="NEXT")
    _kern_tabel(pdf, g)
    pdf.set_x(140)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 8, "Wat valt op", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9.5)
    for zin in g.boodschappen or ["Geen opvallende verschillen met de gemeente gevonden."]:
        pdf.set_x(140)
        pdf.multi_cell(145, 5, "• " + schoon(zin), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(186)
    pdf.set_font("DejaVu", "", 6.5)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(0, 3, schoon(METHODEN, 600), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 3, schoon(ATTRIBUTIE, 600), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 3, schoon("Tabellen: " + "; ".join(g.bronnen), 500))
    return bytes(pdf.output())


def _kern_tabel(pdf: FPDF, g: RapportGegevens) -> None:
    kern = g.kern.dropna(subset=["regio"]).head(MAX_KERN)
    pdf.set_font("DejaVu", "", 8.5)
    soort = {"wijk": "Wijk", "buurt": "Buurt"}.get(g.niveau, "Gebied")
    rows = [["Kenmerk", "Eenheid", soort, "Gemeente"]]
    rows += [
        [schoon(r.label, 60), schoon(r.eenheid, 30), getal(r.regio), getal(r.gemeente)]
        for r in kern.itertuples()
    ]
    pdf.set_x(140)
    with pdf.table(
        rows,
        width=145,
        col_widths=(62, 35, 24, 24),
        align="LEFT",
        line_height=4.6,
        text_align=("LEFT", "LEFT", "RIGHT", "RIGHT"),
        borders_layout="HORIZONTAL_LINES",
    ):
        pass
    pdf.ln(2)


def maak_png(g: RapportGegevens, vandaag: date | None = None) -> bytes:
    """Map and flows side by side with title and attribution, as one PNG."""
    vandaag = vandaag or date.today()
    fig, (links, rechts) = plt.subplots(1, 2, figsize=(13, 6.2), width_ratios=(1, 1.2))
    fig.suptitle(f"{titel(g)} · {schoon(g.gemeente_naam)} · gegevens {g.jaar}", fontsize=14)
    figuren.teken_kaart(links, g.kaart, g.regio_code, g.namen, g.kaart_melding)
    figuren.teken_stromen(rechts, g.stromen, g.stromen_melding)
    fig.text(
        0.01,
        0.01,
        f"Gemaakt op {datum_nl(vandaag)}. {ATTRIBUTIE}",
        fontsize=6,
        wrap=True,
        color="#555555",
    )
    return figuren._png(fig)
