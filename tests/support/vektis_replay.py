"""Synthetic Vektis open-data files and CBS gemeente lists in the real shapes (values made up).

Shapes as published: Vektis ``;``-separated, a header ``GESLACHT;LEEFTIJDSKLASSE;
GEMEENTENAAM;AANTAL_BSN;AANTAL_VERZEKERDEJAREN;KOSTEN_...`` (``POSTCODE_3`` instead of
``GEMEENTENAAM`` in the PC3 files), gemeente names in capitals, a first rest row with an empty
region, decimal point; CBS 82949NED code lists with ``Code_1``/``Naam_2`` padded. Two
indelingen: in :data:`JAAR_NIEUW` the gemeenten 1 and 2 merged into ``SAMENDORP``.
"""

from __future__ import annotations

import csv
from pathlib import Path

#: Synthetic national size: complete lists take part in the indeling check (MIN_LIJST).
AANTAL = 320
JAAR_OUD, JAAR_NIEUW = 2017, 2021
KLASSEN = [f"{lo:>2} t/m {lo + 4:>2} jaar" for lo in range(0, 90, 5)] + ["90+"]
KOSTEN = ["KOSTEN_MEDISCH_SPECIALISTISCHE_ZORG", "KOSTEN_FARMACIE", "KOSTEN_HUISARTS_CONSULT"]


def gemeenten(jaar: int) -> list[tuple[str, str]]:
    """(GM code, name) of the synthetic indeling of ``jaar``."""
    rows = [(f"GM{7000 + i:04d}", f"Testgemeente {i:03d}") for i in range(1, AANTAL + 1)]
    if jaar >= JAAR_NIEUW:
        rows = rows[2:] + [(f"GM{7000 + AANTAL + 1:04d}", "Samendorp")]
    return rows


def schrijf_codelijst(path: Path, jaar: int) -> Path:
    """A CBS 82949NED-shaped code list (``cbs_82949NED_gemeentecodes_<jaar>.csv``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_ALL)
        out.writerow(["ID", "RegioS", "Code_1", "Naam_2", "SorteringNaam_3"])
        for i, (code, naam) in enumerate(gemeenten(jaar)):
            out.writerow([i, f"{code:<10}", f"{code:<10}", f"{naam:<50}", f"{naam:<50}"])
    return path


def kosten(regio_nr: int, klasse_nr: int, kolom_nr: int) -> float:
    """The synthetic cost of one cell (deterministic: rises with age, and each region's cost
    level is half a step above the previous region's)."""
    return round((1000.0 + 37.5 * klasse_nr**2 + 100 * kolom_nr) * (1 + 0.5 * regio_nr), 2)


def vektis_regels(regios: list[str], kolom: str) -> list[list[str]]:
    """Rows of a Vektis file: the rest row first, then sex x age class x region."""
    header = ["GESLACHT", "LEEFTIJDSKLASSE", kolom, "AANTAL_BSN", "AANTAL_VERZEKERDEJAREN"]
    rows = [header + KOSTEN, ["", "", "", "12", "11.50"] + ["1234.56"] * len(KOSTEN)]
    for g in ("M", "V"):
        for k, klasse in enumerate(KLASSEN):
            for r, regio in enumerate(regios):
                jaren = 100 + 3 * r + k
                bedragen = [f"{kosten(r, k, c):.2f}" for c in range(len(KOSTEN))]
                rows.append([g, klasse, regio, str(jaren + 2), f"{jaren:.2f}", *bedragen])
    return rows


def schrijf_vektis(path: Path, regios: list[str], kolom: str = "GEMEENTENAAM") -> Path:
    """A Vektis open-data CSV (cp1252, ``;``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, delimiter=";", lineterminator="\r\n").writerows(vektis_regels(regios, kolom))
    return path


def vektis_gemeente(path: Path, indeling: int) -> Path:
    """A Vektis gemeente file whose names follow the indeling of ``indeling``."""
    return schrijf_vektis(path, [naam.upper() for _, naam in gemeenten(indeling)])


def vektis_pc3(path: Path, pc3s: list[str]) -> Path:
    """A Vektis ``postcode3`` file for the given 3-digit postcodes (in this order)."""
    return schrijf_vektis(path, pc3s, kolom="POSTCODE_3")
