"""Vektis part of the benchmark (``geldstromen bench --alleen vektis``). No network.

* Indeling check: the names of the real Vektis 2015 gemeente file against the real CBS
  gemeente list (cbs_regionaal), repeated as eleven yearly lists (the size of an online store
  with KWB 2015-2025): the check as shipped (:func:`data_sources.vektis_indeling.bepaal_indeling`)
  against the crosswalk's general matcher called once per year (the first version), as a ratio
  of the best of a few runs.
* PC3 allocation at national size: every PC4 area of NL (postcode/ inhabitants per PC4 and age
  group, 83502NED) stands in for a buurt, its PC3 is its first three digits; costs per PC3 are
  synthetic (inhabitants x a cost per age class, ten care categories). Reported: seconds per
  run, regions and PC3s, and the largest deviation of a PC3 total in cents (must be 0).
"""

from __future__ import annotations

import csv
import gzip
import time
from pathlib import Path

import pandas as pd

from data_sources import gemeentecodes, vektis, vektis_indeling
from geldstromen.domain import zorg, zorg_pc3
from geldstromen.domain.gemeentenamen import match_namen

JAREN = range(2015, 2026)
CATEGORIEEN = [f"Zorgsoort {i}" for i in range(10)]


def _best(fn, herhaal: int) -> tuple[float, object]:
    tijden, out = [], None
    for _ in range(herhaal):
        start = time.perf_counter()
        out = fn()
        tijden.append(time.perf_counter() - start)
    return min(tijden), out


def indeling(data_dir: Path, herhaal: int = 3) -> dict:
    """Seconds per file for the indeling check, shipped vs one general match per year."""
    lijst = next((data_dir / "cbs_regionaal").glob("cbs_*_gemeentecodes_*.csv"))
    regio = gemeentecodes.lees_codelijst(lijst, "ref", 0)["raw_regio"]
    ref = pd.concat(
        [
            regio[["gemeente_code", "gemeente_naam"]].assign(jaar=j)
            for j in JAREN  # same list each year: the work, not the answer, is measured
        ],
        ignore_index=True,
    )
    bestand = next((data_dir / "zorg").glob("vektis_zvw_*_gemeente*.csv*"))
    namen = vektis.lees_ruw(bestand, "bench", 2015)["raw_gemeentenaam"]["naam"]

    def per_jaar():
        return [match_namen(namen, g, int(j)) for j, g in ref.groupby("jaar")]

    snel, uitkomst = _best(lambda: vektis_indeling.bepaal_indeling(namen, ref, 2017), herhaal)
    traag, _ = _best(per_jaar, max(1, herhaal - 1))
    return {
        "indeling_s_per_bestand": round(snel, 4),
        "indeling_match_per_jaar_s": round(traag, 4),
        "indeling_verhouding": round(traag / snel, 1) if snel else None,
        "indeling_lijsten": len(JAREN),
        "indeling_namen": int(uitkomst.namen),
        "indeling_gevonden": int(uitkomst.gevonden),
    }


def _pc4_bevolking(data_dir: Path) -> pd.DataFrame:
    pad = data_dir / "postcode" / "certegis_inwoners_per_postcode_leeftijd.csv.gz"
    rows = []
    with gzip.open(pad, "rt", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if len(r["postcode"]) == 4 and r["inwoners"]:
                rows.append((r["postcode"], zorg.kwb_klasse(r["leeftijd"]), float(r["inwoners"])))
    bev = pd.DataFrame(rows, columns=["regio_code", "klasse", "inwoners"])
    bev = bev.groupby(["regio_code", "klasse"], as_index=False)["inwoners"].sum()
    return bev.assign(regio_naam=bev["regio_code"], postcode3=bev["regio_code"].str[:3])


def pc3(data_dir: Path, herhaal: int = 2) -> dict:
    """National-size PC3 -> area allocation: time and the largest PC3 deviation in cents."""
    bev = _pc4_bevolking(data_dir)
    per = bev.groupby(["postcode3", "klasse"], as_index=False)["inwoners"].sum()
    tarief = {k: 300.0 + 90.0 * i for i, k in enumerate(zorg.KWB_KLASSEN)}
    kosten = pd.concat(
        [
            per.assign(
                categorie=c,
                bedrag_eur=(per["inwoners"] * per["klasse"].map(tarief) * (1 + i / 7)).round(2),
            )
            for i, c in enumerate(CATEGORIEEN)
        ],
        ignore_index=True,
    ).rename(columns={"klasse": "leeftijdsklasse", "inwoners": "verzekerdejaren"})
    tijd, (delen, niet) = _best(lambda: zorg_pc3.verdeel_pc3(kosten, bev), herhaal)
    som = delen.groupby(["postcode3", "categorie"])["bedrag_eur"].sum()
    bron = kosten.groupby(["postcode3", "categorie"])["bedrag_eur"].sum().reindex(som.index)
    afwijking = ((som * 100).round() - (bron * 100).round()).abs().max()
    return {
        "pc3_verdeling_s": round(tijd, 3),
        "pc3_gebieden": int(bev["regio_code"].nunique()),
        "pc3_aantal": int(kosten["postcode3"].nunique()),
        "pc3_niet_toegedeeld": len(niet),
        "pc3_max_afwijking_cent": int(afwijking),
    }


def meet(data_dir: Path) -> dict:
    """Both measurements (see module doc)."""
    return {**indeling(data_dir), **pc3(data_dir)}


def regels(result: dict) -> list[str]:
    """Dutch summary lines for the terminal."""
    return [
        f"Indeling per Vektis-bestand ({result['indeling_lijsten']} lijsten): "
        f"{result['indeling_s_per_bestand']} s, {result['indeling_verhouding']}x sneller dan "
        f"één naamkoppeling per jaar ({result['indeling_match_per_jaar_s']} s)",
        f"PC3-verdeling landelijk ({result['pc3_aantal']} PC3, {result['pc3_gebieden']} "
        f"gebieden, {len(CATEGORIEEN)} zorgsoorten): {result['pc3_verdeling_s']} s, grootste "
        f"afwijking van een PC3-totaal {result['pc3_max_afwijking_cent']} cent",
    ]
