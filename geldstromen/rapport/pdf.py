"""Layout of the one-page A4 landscape PDF (fpdf2) and the PNG version (matplotlib)."""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from fpdf import FPDF

from geldstromen.domain.boodschappen import KERN
from geldstromen.domain.opmaak import getal
from geldstromen.rapport import figuren, sankey
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
MAX_KERN = 3
GELD_KOP = "Geld in het gebied tegenover de gemeente"
SANKEY_KOP = "Geldstromen van en naar het gebied (sankey), euro per jaar"


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
    pdf.image(io.BytesIO(kaart), x=12, y=26, w=88, h=76, keep_aspect_ratio=True)
    pdf.set_xy(102, 26)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(110, 6, GELD_KOP, new_x="LMARGIN", new_y="NEXT")
    _geld_tabel(pdf, g, x=102, w=118)
    _kern_tabel(pdf, g, x=102, w=118)
    pdf.set_xy(224, 26)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(61, 6, "Wat valt op", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8)
    for zin in g.boodschappen or ["Geen opvallende verschillen met de gemeente gevonden."]:
        pdf.set_x(224)
        pdf.multi_cell(61, 4.0, "• " + schoon(zin), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    _sankey(pdf, g)
    pdf.set_y(max(pdf.get_y() + 1, 190))
    pdf.set_font("DejaVu", "", 6.5)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(0, 3, schoon(METHODEN, 600), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 3, schoon(ATTRIBUTIE, 600), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 3, schoon("Tabellen: " + "; ".join(g.bronnen), 500))
    return bytes(pdf.output())


def _sankey(pdf: FPDF, g: RapportGegevens) -> None:
    """Full-width sankey of the region's flows with its method labels and year pairing."""
    pdf.set_xy(12, 104)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(0, 6, SANKEY_KOP, new_x="LMARGIN", new_y="NEXT")
    png, links = figuren.sankey_afdruk(g, size=(273 / 25.4, 72 / 25.4))
    pdf.image(io.BytesIO(png), x=12, y=110, w=273, h=72, keep_aspect_ratio=True)
    pdf.set_xy(12, 182)
    pdf.set_font("DejaVu", "", 7.5)
    pdf.set_text_color(60, 60, 60)
    pdf.multi_cell(0, 3.4, schoon(sankey_onderschrift(g, links), 600))
    pdf.set_text_color(0, 0, 0)


def sankey_onderschrift(g: RapportGegevens, links) -> str:
    """Method label per family, the Iv3/KWB pairing and what is missing, in one sentence."""
    delen = [f"Methode: {sankey.legenda(links)}." if len(links) else ""]
    if g.jaren:
        delen.append(g.jaren)
    if g.koppeling:
        delen.append(f"Gemeente: {g.koppeling}.")
    if g.stromen_melding:
        delen.append(g.stromen_melding)
    delen.append(
        "Kleur = familie (blauw gemeente, groen huishoudens, paars zorg); lichter = geschat. "
        "Gemeentelasten per hoofdtaakveld (per taakveld in de app, Wijkprofiel)."
    )
    return " ".join(d for d in delen if d)


def vergelijkbaar_tekst(g: RapportGegevens) -> str:
    """Which regions 'vergelijkbaar' is the median of, in one sentence."""
    if not g.vergelijkbaar:
        return "Geen vergelijkbare gebieden in de gemeente gevonden."
    namen = ", ".join(g.namen.get(c, c) for c in g.vergelijkbaar)
    soort = {"wijk": "wijken", "buurt": "buurten"}.get(g.niveau, "gebieden")
    return (
        f"Vergelijkbaar = mediaan van de {len(g.vergelijkbaar)} {soort} van de gemeente met "
        f"het meest gelijke profiel (als op Vergelijk): {namen}."
    )


def alleen_inwoners_tekst(g: RapportGegevens) -> str:
    """Which taakvelden the largest ones leave out, and why ('' when none)."""
    if not g.kop_alleen_inwoners:
        return ""
    namen = g.kop_alleen_inwoners[:3]  # largest first
    rest = len(g.kop_alleen_inwoners) - len(namen)
    return (
        "Niet bij de grootste taakvelden: "
        + "; ".join(namen)
        + (f" en {rest} andere" if rest else "")
        + " (naar inwoners verdeeld, dus per inwoner overal gelijk: zegt niets over dit "
        "gebied)."
    )


def kopregel(g: RapportGegevens) -> str:
    """The money headline in one line (tiles of the Presentatie): value and gemeente value."""
    delen = [
        f"{k.kort}{'' if k.eenheid.startswith('%') else ' per inwoner'} {k.tekst(k.regio)} "
        f"(gemeente {k.tekst(k.gemeente)})"
        for k in g.kop
        if not k.sleutel.startswith("taakveld:")
    ]
    return " · ".join(delen)


def geld_rijen(g: RapportGegevens) -> list[list[str]]:
    """The money headline as table rows (header first): figure, area, gemeente, similar."""
    soort = {"wijk": "Wijk", "buurt": "Buurt"}.get(g.niveau, "Gebied")
    rows = [["Euro per inwoner", soort, "Gemeente", "Vergelijkbaar", "Methode"]]
    rows += [
        [
            schoon(k.kort, 70),
            k.tekst(k.regio),
            k.tekst(k.gemeente),
            k.tekst(k.vergelijkbaar),
            schoon(k.methode, 30),
        ]
        for k in g.kop
    ]
    return rows


def _geld_tabel(pdf: FPDF, g: RapportGegevens, x: float, w: float) -> None:
    if not g.kop:
        pdf.set_x(x)
        pdf.set_font("DejaVu", "", 8)
        pdf.multi_cell(w, 4, schoon(g.stromen_melding or "Geen geldstromen voor dit gebied."))
        return
    pdf.set_font("DejaVu", "", 7)
    pdf.set_x(x)
    with pdf.table(
        geld_rijen(g),
        width=w,
        col_widths=(42, 15, 18, 22, 21),
        align="LEFT",
        line_height=3.6,
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
        borders_layout="HORIZONTAL_LINES",
    ):
        pass
    pdf.set_x(x)
    pdf.set_font("DejaVu", "", 6)
    noot = f"{vergelijkbaar_tekst(g)} {alleen_inwoners_tekst(g)}".strip()
    pdf.multi_cell(w, 2.8, schoon(noot, 600), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _kern_tabel(pdf: FPDF, g: RapportGegevens, x: float, w: float) -> None:
    kern = g.kern[g.kern["indicator"].isin(KERN)].dropna(subset=["regio", "gemeente"])
    kern = kern.head(MAX_KERN)
    if kern.empty:
        return
    pdf.set_font("DejaVu", "", 7)
    soort = {"wijk": "Wijk", "buurt": "Buurt"}.get(g.niveau, "Gebied")
    rows = [["Wie er wonen", "Eenheid", soort, "Gemeente"]]
    rows += [
        [schoon(r.label, 60), schoon(r.eenheid, 30), getal(r.regio), getal(r.gemeente)]
        for r in kern.itertuples()
    ]
    pdf.set_x(x)
    with pdf.table(
        rows,
        width=w,
        col_widths=(46, 31, 19, 22),
        align="LEFT",
        line_height=3.4,
        text_align=("LEFT", "LEFT", "RIGHT", "RIGHT"),
        borders_layout="HORIZONTAL_LINES",
    ):
        pass
    if g.per_inwoner_melding:
        pdf.set_x(x)
        pdf.set_font("DejaVu", "", 6.5)
        pdf.multi_cell(w, 3.2, schoon(g.per_inwoner_melding, 400))
    pdf.ln(2)


def maak_png(g: RapportGegevens, vandaag: date | None = None) -> bytes:
    """Map and sankey side by side with title, method labels and attribution, as one PNG."""
    vandaag = vandaag or date.today()
    fig, (links, rechts) = plt.subplots(1, 2, figsize=(17, 7.4), width_ratios=(1, 2.5))
    fig.suptitle(f"{titel(g)} · {schoon(g.gemeente_naam)} · gegevens {g.jaar}", fontsize=15)
    if g.kop:
        fig.text(0.5, 0.915, schoon(kopregel(g), 400), ha="center", fontsize=9, color="#222222")
    figuren.teken_kaart(links, g.kaart, g.regio_code, g.namen, g.kaart_melding)
    drawn = figuren.teken_stromen(
        rechts, g.stromen, g.regio_code, g.regio_naam, g.stromen_melding, fontsize=8
    )
    rechts.set_title(SANKEY_KOP, fontsize=11, loc="left")
    fig.text(
        0.01,
        0.01,
        f"{sankey_onderschrift(g, drawn)}\nGemaakt op {datum_nl(vandaag)}. {ATTRIBUTIE}",
        fontsize=7,
        wrap=True,
        color="#444444",
    )
    fig.subplots_adjust(bottom=0.1, top=0.84)
    return figuren._png(fig)
