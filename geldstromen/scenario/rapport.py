"""The scenario in the PDF report: result per party, cumulative chart, flows before/after and
every assumption with its source; everything labelled ``scenario`` (fpdf2 + matplotlib).

``voeg_scenario_toe(pdf, rapport)`` adds the pages to any FPDF (same fonts and style as the
one-page wijk report); ``scenario_pdf(rapport)`` makes a stand-alone PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from fpdf import FPDF  # noqa: E402
from sqlalchemy import Engine  # noqa: E402

from geldstromen.domain.opmaak import euro, met_kop  # noqa: E402
from geldstromen.rapport.pdf import datum_nl, schoon  # noqa: E402
from geldstromen.scenario import opslag as fam  # noqa: E402
from geldstromen.scenario.model import (  # noqa: E402
    METHODE,
    PARTIJ_KLEUREN,
    PARTIJ_LABELS,
    Scenario,
    belastingderving,
    per_partij_per_jaar,
    per_post,
    samenvatting,
    terugverdiend,
)
from geldstromen.scenario.stromen import (  # noqa: E402
    scenario_laag,
    standaardjaar,
    verschil,
    voor_links,
)

LABEL = (
    "SCENARIO: alle bedragen op deze pagina's zijn een doorrekening van aannames (methode "
    "'scenario'), geen waarneming. Ze zijn nooit opgeteld bij de waargenomen, toegerekende of "
    "geschatte geldstromen en nooit in de database bewaard."
)
MAX_STROMEN = 30


@dataclass
class ScenarioRapport:
    """Everything the scenario pages show."""

    scenario: Scenario
    regio_code: str
    regio_naam: str
    data_jaar: int
    aannames: pd.DataFrame  # export_tabel rows with onderdeel == "aanname"
    stromen: pd.DataFrame  # scenario_stromen.verschil
    stromen_jaar: int
    notities: list[str] = field(default_factory=list)


def verzamel(
    engine: Engine,
    scenario: Scenario,
    aannames: pd.DataFrame,
    regio_code: str,
    regio_naam: str,
    data_jaar: int,
    jaar: int | None = None,
) -> ScenarioRapport:
    """The report content, with the region's flows read from the store (read-only)."""
    jaar = jaar or standaardjaar(scenario)
    flows, notities = fam.regio_stromen(engine, regio_code, data_jaar)
    tabel = verschil(voor_links(flows, regio_code, regio_naam), scenario_laag(scenario, jaar))
    return ScenarioRapport(
        scenario, regio_code, regio_naam, data_jaar, aannames, tabel, jaar, notities
    )


def cumulatief_png(per_jaar: pd.DataFrame) -> bytes:
    """Cumulative net per party (nominal, ``per_partij_per_jaar``), labelled as scenario."""
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for partij, g in per_jaar.groupby("partij", sort=False):
        if (g["kosten_eur"].abs().sum() + g["baten_eur"].abs().sum()) == 0:
            continue
        ax.plot(
            g["jaar"],
            g["cumulatief_eur"],
            marker="o",
            ms=3,
            label=PARTIJ_LABELS[partij],
            color=PARTIJ_KLEUREN[partij],
        )
    ax.axhline(0, color="#888888", ls=":", lw=1)
    ax.set_title("SCENARIO: cumulatief netto-effect per partij (nominaal, euro)", fontsize=9)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}".replace(",", "."))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=7, frameon=False)
    ax.grid(alpha=0.3)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=160, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _fonts(pdf: FPDF) -> None:
    if "dejavu" in pdf.fonts:
        return
    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdf.add_font("DejaVu", "", str(ttf / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(ttf / "DejaVuSans-Bold.ttf"))


def _kop(pdf: FPDF, r: ScenarioRapport, titel: str, vandaag: date) -> None:
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 8, schoon(titel, 140), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9.5)
    pdf.set_text_color(80, 80, 80)
    pdf.cell(
        0,
        5,
        schoon(
            f"{r.regio_naam} ({r.regio_code}) · wijkgegevens {r.data_jaar} · "
            f"gemaakt op {datum_nl(vandaag)}"
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(150, 70, 0)
    pdf.set_font("DejaVu", "B", 8.5)
    pdf.multi_cell(0, 4.2, LABEL, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1.5)


def _tabel(pdf: FPDF, rows: list[list[str]], widths: tuple, align: tuple, size: float = 8) -> None:
    pdf.set_font("DejaVu", "", size)
    with pdf.table(
        rows,
        width=sum(widths),
        col_widths=widths,
        align="LEFT",
        line_height=4.4,
        text_align=align,
        borders_layout="HORIZONTAL_LINES",
    ):
        pass
    pdf.ln(2)


def _uitkomst(pdf: FPDF, r: ScenarioRapport) -> None:
    per_jaar = per_partij_per_jaar(r.scenario)
    sam = samenvatting(r.scenario, per_jaar)
    rows = [
        [
            "Partij",
            "Kosten",
            "Baten",
            "Netto",
            "Netto contant",
            "Terugverdiend",
            "Terugverdiend (contant)",
        ]
    ]
    for s in sam.itertuples():
        rows.append(
            [
                PARTIJ_LABELS[s.partij],
                euro(s.kosten_eur),
                euro(s.baten_eur),
                euro(s.netto_eur),
                euro(s.netto_contant_eur),
                terugverdiend(s.kosten_eur, s.terugverdienjaar),
                terugverdiend(s.kosten_eur, s.terugverdienjaar_contant),
            ]
        )
    pdf.set_font("DejaVu", "B", 11)
    sc = r.scenario
    pdf.cell(
        0,
        6,
        f"Wie betaalt, wie profiteert: {sc.start()}–{sc.eind()}, disconteringsvoet "
        f"{sc.disconteringsvoet_pct:g}% (euro, methode scenario)",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    _tabel(pdf, rows, (34, 27, 27, 27, 27, 27, 33), ("LEFT",) + ("RIGHT",) * 6)
    rijk = belastingderving(per_post(sc))
    if rijk:
        pdf.set_font("DejaVu", "", 8.5)
        pdf.multi_cell(
            0,
            4.2,
            schoon(
                f"Energiebelasting, ODE en btw: het Rijk ontvangt over de looptijd {euro(rijk)} minder "
                "belasting; precies het belastingdeel van de lagere energierekening van de huishoudens "
                "(overdracht huishoudens <- Rijk; tarieven en bron bij de aannames)."
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.image(io.BytesIO(cumulatief_png(per_jaar)), x=pdf.l_margin, y=pdf.get_y() + 2, h=80)


def _stromen(pdf: FPDF, r: ScenarioRapport) -> None:
    t = r.stromen
    sc = t[t["methode"] == METHODE]
    rest = t[t["methode"] != METHODE].sort_values("voor_eur", ascending=False)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.multi_cell(
        0,
        4.2,
        schoon(
            "Voor = de geldstromen van dit gebied zoals in het wijkrapport (gemeente: "
            "toegerekend; huishoudens en zorg: geschat). Na = dezelfde stromen, ongewijzigd, plus de "
            "scenario-stromen van dit jaar als aparte regels (methode scenario). "
            + " ".join(r.notities),
            900,
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(1)
    rows = [["Van", "Naar", "Methode", "Voor", "Na", "Verschil"]]
    shown = pd.concat([sc, rest.head(max(MAX_STROMEN - len(sc), 0))])
    for s in shown.itertuples():
        rows.append(
            [
                schoon(s.van, 45),
                schoon(s.naar, 60),
                s.methode,
                euro(s.voor_eur),
                euro(s.na_eur),
                euro(s.verschil_eur),
            ]
        )
    _tabel(
        pdf,
        rows,
        (60, 85, 30, 30, 30, 30),
        ("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        size=7.5,
    )
    if len(shown) < len(t):
        pdf.set_font("DejaVu", "", 7.5)
        pdf.cell(
            0,
            4,
            f"{len(t) - len(shown)} kleinere waargenomen/geschatte stromen niet getoond "
            "(ongewijzigd).",
            new_x="LMARGIN",
            new_y="NEXT",
        )


def _aannames(pdf: FPDF, r: ScenarioRapport) -> None:
    rows = [["Interventie", "Aanname", "Partij", "Waarde", "Eenheid", "Bron"]]
    for a in r.aannames.itertuples():
        waarde = "—" if a.waarde is None or pd.isna(a.waarde) else f"{a.waarde:g}"
        rows.append(
            [
                schoon(a.interventie, 40),
                schoon(a.grootheid, 60),
                schoon(a.partij, 30),
                waarde,
                schoon(a.eenheid, 40),
                schoon(a.bron if isinstance(a.bron, str) else "ONTBREEKT", 300),
            ]
        )
    _tabel(
        pdf,
        rows,
        (38, 52, 28, 18, 36, 101),
        ("LEFT", "LEFT", "LEFT", "RIGHT", "LEFT", "LEFT"),
        size=7,
    )


def voeg_scenario_toe(pdf: FPDF, r: ScenarioRapport, vandaag: date | None = None) -> None:
    """Add the scenario pages (A4 landscape) to ``pdf``."""
    vandaag = vandaag or date.today()
    _fonts(pdf)
    pdf.set_auto_page_break(True, margin=12)
    naam = r.scenario.naam
    _kop(pdf, r, met_kop("Scenario", naam), vandaag)
    _uitkomst(pdf, r)
    jaar = r.stromen_jaar - r.scenario.start() + 1
    _kop(pdf, r, f"Scenario: geldstromen voor en na (jaar {jaar}, {r.stromen_jaar})", vandaag)
    _stromen(pdf, r)
    _kop(pdf, r, "Scenario: aannames en bronnen", vandaag)
    _aannames(pdf, r)


def scenario_pdf(r: ScenarioRapport, vandaag: date | None = None) -> bytes:
    """A stand-alone PDF of the scenario pages."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_margins(12, 10, 12)
    pdf.set_title(schoon(f"Scenario {r.scenario.naam} - {r.regio_naam}", 120))
    voeg_scenario_toe(pdf, r, vandaag)
    return bytes(pdf.output())
