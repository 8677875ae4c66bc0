"""Vektis Open Databestand Zvw per gemeente (raw files) and tables derived from it.

Raw yearly files (``zorg/vektis_zvw_<jaar>_gemeente.csv[.gz]``) are ``;``-separated, cp1252 in
older years, names in capitals, one row per sex x 5-year age class x gemeente with
``AANTAL_VERZEKERDEJAREN`` and ``KOSTEN_*`` columns in euro. Derived tables
(``zorg/vektis<jaar>_derived_*``) give costs per care category, actual vs expected per
gemeente and national rates per age class and sex. The names go to ``raw_gemeentenaam`` with
the indeling year the file states (``_indeling<YYYY>``, else jaar + 2); at ingest
:mod:`data_sources.vektis_indeling` checks that year against the CBS gemeente lists in the
store and replaces it by the year whose list the names match.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, IngestFout, lees_tabel
from geldstromen.domain.zorg import ONBEKEND, kwb_klasse, zorgcategorie

LICENTIE = "Vektis open-data-voorwaarden (geen CC; niet commercieel)"
ATTRIBUTIE = "Bron: Vektis, Open Databestand Zorgverzekeringswet"
#: Vektis gemeente files follow the gemeente indeling of this many years later.
INDELING_VERSCHUIVING = 2

_INDELING = re.compile(r"indeling[_-]?(\d{4})", re.IGNORECASE)
_RAW = re.compile(r"vektis_zvw_(\d{4})_gemeente(?:_indeling\d{4})?\.csv(\.gz)?$", re.IGNORECASE)
_PC3 = re.compile(r"vektis_zvw_(\d{4})_postcode3\.csv(\.gz)?$", re.IGNORECASE)
_PC3_CODE = re.compile(r"^[1-9]\d{2}$")
_DERIVED = re.compile(
    r"vektis(\d{4})_derived_(category_breakdown_gemeente|municipality_benchmark|"
    r"national_age_sex_rates)(?:_indeling\d{4})?\.csv(\.gz)?$",
    re.IGNORECASE,
)


def _read_csv(path: Path, sep: str) -> pd.DataFrame:
    return lees_tabel(path, sep=sep, encodings=("utf-8-sig", "cp1252"))


def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.str.strip().replace({"": None, ".": None}), errors="coerce")


def _num_streng(series: pd.Series, kolom: str, bron_id: str) -> pd.Series:
    """Like :func:`_num`, but a filled cell that is no number (a decimal comma, text) is a Dutch
    error naming the column, instead of a silently missing amount."""
    out = _num(series)
    fout = series[out.isna() & ~series.str.strip().isin(["", "."])]
    if not fout.empty:
        raise IngestFout(
            f"{bron_id}: kolom {kolom} bevat {len(fout)} waarden die geen getal zijn "
            f"(bijv. {fout.iloc[0]!r}); Vektis schrijft bedragen met een decimale punt"
        )
    return out


def indeling_jaar(path: Path, jaar: int) -> int:
    """The gemeente indeling a file's names follow: ``indeling<YYYY>`` in the file name when
    present (e.g. ``vektis_zvw_2015_gemeente_indeling2017.csv``), else ``jaar`` plus
    :data:`INDELING_VERSCHUIVING`."""
    m = _INDELING.search(path.name)
    return int(m.group(1)) if m else jaar + INDELING_VERSCHUIVING


def _namen(names: pd.Series, bron_id: str, indeling: int) -> pd.DataFrame:
    names = names[names.str.strip() != ""].drop_duplicates()
    return pd.DataFrame({"bron_id": bron_id, "naam": names.values, "jaar_indeling": indeling})


def lees_ruw(path: Path, bron_id: str, jaar: int) -> dict[str, pd.DataFrame]:
    """Raw Vektis gemeente file -> long cost rows per sex x age class x gemeente x column."""
    frame = _read_csv(path, ";")
    frame.columns = [c.strip().upper() for c in frame.columns]
    need = {"GESLACHT", "LEEFTIJDSKLASSE", "GEMEENTENAAM", "AANTAL_VERZEKERDEJAREN"}
    if not need <= set(frame.columns):
        raise IngestFout(f"{bron_id}: kolommen {sorted(need - set(frame.columns))} ontbreken")
    kosten = [c for c in frame.columns if c.startswith("KOSTEN_")]
    for kolom in ["AANTAL_VERZEKERDEJAREN", *kosten]:
        _num_streng(frame[kolom], kolom, bron_id)  # refuse, do not blank, a non-number
    frame["GEMEENTENAAM"] = frame["GEMEENTENAAM"].str.strip()
    long = frame.melt(
        id_vars=["GESLACHT", "LEEFTIJDSKLASSE", "GEMEENTENAAM", "AANTAL_VERZEKERDEJAREN"],
        value_vars=kosten,
        var_name="kostenpost",
        value_name="bedrag",
    )
    out = pd.DataFrame(
        {
            "bron_id": bron_id,
            "jaar": jaar,
            # the rest row (cells under 10 persons) has no name: kept, marked as rest
            "gebied": "gemeente",
            "gemeentenaam": long["GEMEENTENAAM"].replace("", None),
            "geslacht": long["GESLACHT"].str.strip(),
            "leeftijdsklasse": long["LEEFTIJDSKLASSE"].str.strip(),
            "kostenpost": long["kostenpost"],
            "verzekerdejaren": _num(long["AANTAL_VERZEKERDEJAREN"]),
            "bedrag_eur": _num(long["bedrag"]),
            "jaar_indeling": indeling_jaar(path, jaar),
        }
    )
    return {
        "raw_vektis_kosten": out,
        "raw_gemeentenaam": _namen(frame["GEMEENTENAAM"], bron_id, indeling_jaar(path, jaar)),
    }


def lees_pc3_frame(frame: pd.DataFrame, bron_id: str, jaar: int) -> pd.DataFrame:
    """A Vektis ``postcode3`` file (text cells) -> ``raw_vektis_pc3`` rows: cost per PC3 x KWB
    age class x care category, both sexes summed; the rest row (no postcode) kept as NULL."""
    frame = frame.copy()
    frame.columns = [c.strip().upper() for c in frame.columns]
    need = {"GESLACHT", "LEEFTIJDSKLASSE", "POSTCODE_3", "AANTAL_VERZEKERDEJAREN"}
    if not need <= set(frame.columns):
        raise IngestFout(f"{bron_id}: kolommen {sorted(need - set(frame.columns))} ontbreken")
    kosten = [c for c in frame.columns if c.startswith("KOSTEN_")]
    if not kosten:
        raise IngestFout(f"{bron_id}: geen KOSTEN_-kolommen")
    pc3 = frame["POSTCODE_3"].str.strip().str.replace(r"\.0$", "", regex=True)
    fout = pc3[(pc3 != "") & ~pc3.str.match(_PC3_CODE)]
    if not fout.empty:
        raise IngestFout(
            f"{bron_id}: POSTCODE_3 {sorted(fout.unique())[:5]} is geen driecijferige postcode"
        )
    frame["POSTCODE_3"] = pc3.replace("", None)
    frame["klasse"] = frame["LEEFTIJDSKLASSE"].map(kwb_klasse).fillna(ONBEKEND)
    for kolom in ["AANTAL_VERZEKERDEJAREN", *kosten]:
        frame[kolom] = _num_streng(frame[kolom], kolom, bron_id)
    sleutel = ["POSTCODE_3", "klasse"]
    jaren = frame.groupby(sleutel, dropna=False, as_index=False)["AANTAL_VERZEKERDEJAREN"].sum(
        min_count=1
    )
    long = frame.melt(id_vars=sleutel, value_vars=kosten, var_name="post", value_name="bedrag")
    long["categorie"] = long["post"].map(zorgcategorie)
    per = long.groupby([*sleutel, "categorie"], dropna=False, as_index=False)["bedrag"].sum(
        min_count=1
    )
    per = per.merge(jaren, on=sleutel, how="left")
    return pd.DataFrame(
        {
            "bron_id": bron_id,
            "jaar": jaar,
            "postcode3": per["POSTCODE_3"].astype(object).where(per["POSTCODE_3"].notna(), None),
            "leeftijdsklasse": per["klasse"],
            "categorie": per["categorie"],
            "verzekerdejaren": per["AANTAL_VERZEKERDEJAREN"],
            "bedrag_eur": per["bedrag"],
        }
    )


def lees_pc3(path: Path, bron_id: str, jaar: int) -> dict[str, pd.DataFrame]:
    """Vektis ``postcode3`` file -> ``raw_vektis_pc3``."""
    return {"raw_vektis_pc3": lees_pc3_frame(_read_csv(path, ";"), bron_id, jaar)}


def lees_afgeleid(path: Path, bron_id: str, jaar: int, soort: str) -> dict[str, pd.DataFrame]:
    """Derived tables (category breakdown, benchmark, national rates) -> raw_vektis_kosten."""
    frame = _read_csv(path, ",")
    frame.columns = [c.strip().lower() for c in frame.columns]
    base = {"bron_id": bron_id, "jaar": jaar, "jaar_indeling": indeling_jaar(path, jaar)}
    if soort == "national_age_sex_rates":
        out = pd.DataFrame(
            {
                **base,
                "gebied": "nederland",
                "gemeentenaam": None,
                "geslacht": frame["geslacht"].str.strip(),
                "leeftijdsklasse": frame["leeftijdsklasse"].str.strip(),
                "kostenpost": "TOTAAL",
                "verzekerdejaren": _num(frame["national_insured_years"]),
                "bedrag_eur": _num(frame["national_actual_cost"]),
            }
        )
        return {"raw_vektis_kosten": out}
    names = frame["gemeentenaam"].str.strip()
    post = frame["care_category"].str.strip() if "care_category" in frame else "TOTAAL"
    out = pd.DataFrame(
        {
            **base,
            "gebied": "gemeente",
            "gemeentenaam": names,
            "kostenpost": post,
            "verzekerdejaren": _num(frame["insured_years"]),
            "bedrag_eur": _num(frame["actual_cost"]),
            "verwacht_eur": _num(frame["expected_cost"]),
        }
    )
    indeling = indeling_jaar(path, jaar)
    return {"raw_vektis_kosten": out, "raw_gemeentenaam": _namen(names, bron_id, indeling)}


def vind(data_dir: Path) -> list[Bestand]:
    """Vektis files under ``data_dir/zorg``."""
    found = []
    for path in sorted((data_dir / "zorg").glob("vektis*")):
        if m := _PC3.search(path.name):
            jaar = int(m.group(1))
            bron_id = f"vektis_zvw_{jaar}_postcode3"
            lees = partial(lees_pc3, path, bron_id, jaar)
            opm = "Per driecijferige postcode; opgeteld over geslacht, KWB-leeftijdsklasse, zorgsoort."
        elif m := _RAW.search(path.name):
            jaar = int(m.group(1))
            bron_id = f"vektis_zvw_{jaar}_gemeente"
            lees = partial(lees_ruw, path, bron_id, jaar)
            opm = "Gemeenten op naam gekoppeld."
        elif m := _DERIVED.search(path.name):
            jaar, soort = int(m.group(1)), m.group(2).lower()
            bron_id = f"vektis_zvw_{jaar}_{soort}"
            lees = partial(lees_afgeleid, path, bron_id, jaar, soort)
            opm = f"Afgeleid van Vektis Zvw {jaar} door derden; auteur vermelden."
        else:
            continue
        found.append(
            Bestand(
                bron_id=bron_id,
                soort="vektis",
                lees=lees,
                pad=path,
                tabel_id="Vektis Zvw",
                jaar=jaar,
                licentie=LICENTIE,
                attributie=ATTRIBUTIE,
                opmerking=opm,
            )
        )
    return found
