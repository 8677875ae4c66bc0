"""The long money-flow table every family produces (see DESIGN.md section 2)."""

from __future__ import annotations

import re

import pandas as pd

from geldstromen.domain import regiocode

#: Columns of a money-flow frame, in export order.
GELDSTROOM_COLUMNS = [
    "regio_code",
    "regio_naam",
    "niveau",
    "jaar",
    "familie",
    "van",
    "naar",
    "categorie",
    "bedrag_eur",
    "methode",
    "sleutel",
    "bron",
]
FAMILIES = ("gemeente", "huishoudens", "zorg")
#: waargenomen: published for this region; toegerekend: a total allocated down with a key;
#: geschat: modelled. ``scenario`` and ``eigen data`` never mix with these.
METHODES = ("waargenomen", "toegerekend", "geschat")


def empty_flows() -> pd.DataFrame:
    """An empty money-flow frame with the right columns."""
    return pd.DataFrame({col: pd.Series(dtype="object") for col in GELDSTROOM_COLUMNS}).astype(
        {"bedrag_eur": "float64", "jaar": "Int64"}
    )


def check_flows(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate a money-flow frame: columns present, known family and method; returns it ordered."""
    missing = [c for c in GELDSTROOM_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"Geldstroom mist kolommen: {missing}")
    bad_family = set(frame["familie"]) - set(FAMILIES)
    if bad_family:
        raise ValueError(f"Onbekende familie: {sorted(bad_family)}")
    bad_method = set(frame["methode"]) - set(METHODES)
    if bad_method:
        raise ValueError(f"Onbekende methode: {sorted(bad_method)}")
    return frame[GELDSTROOM_COLUMNS + [c for c in frame.columns if c not in GELDSTROOM_COLUMNS]]


#: Columns of a money-flow export: ``van``/``naar`` hold a party name, the code has its own column.
EXPORT_COLUMNS = [
    "regio_code",
    "regio_naam",
    "niveau",
    "jaar",
    "familie",
    "van",
    "van_code",
    "naar",
    "naar_code",
    "categorie",
    "bedrag_eur",
    "methode",
    "sleutel",
    "bron",
]
#: methode of a row that stays with the gemeente as a whole (no key, or no key value):
#: the Iv3 amount of the gemeente, not placed in any wijk or buurt.
NIET_TOEGEREKEND = "niet toegerekend"
_ACHTERAAN = re.compile(r".*\(([^()]*)\)")


def _code(tekst: str) -> str | None:
    """``tekst`` when it is exactly a region code (``domain.regiocode``), else None."""
    r = regiocode.probeer(tekst)
    return tekst if r is not None and r.code == tekst else None


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A money-flow frame as exported (:data:`EXPORT_COLUMNS`): ``van`` and ``naar`` become
    party names (a region or gemeente code is replaced by its name and moved to
    ``van_code``/``naar_code``; 'gemeentebreed' reads 'gemeente als geheel'); rows that are not
    allocated to any region (``sleutel`` 'gemeentebreed: niet toegerekend' or 'niet toe te
    rekenen: ...') get methode 'niet toegerekend'; money from the Rijk to the gemeente (Iv3,
    published for the gemeente) gets 'waargenomen'."""
    out = frame.copy()
    namen = dict(zip(out["regio_code"].astype(str), out["regio_naam"].astype(str), strict=True))

    def partij(waarde, regio_code, regio_naam) -> tuple[str, str]:
        if not isinstance(waarde, str):
            return waarde, ""
        if _code(waarde):
            naam = namen.get(waarde)
            if naam is None or pd.isna(naam) or naam == "nan":
                gemeente = regiocode.ontleed(waarde).niveau == "gemeente"
                naam = f"gemeente {waarde}" if gemeente else f"naam onbekend ({waarde})"
            return naam, waarde
        if waarde == "gemeentebreed":
            return "gemeente als geheel (geen wijk of buurt)", ""
        if waarde == regio_naam:
            return waarde, regio_code
        m = _ACHTERAAN.fullmatch(waarde)
        return waarde, ((_code(m.group(1)) if m else None) or "")

    for kolom in ("van", "naar"):
        paren = [
            partij(w, str(c), n)
            for w, c, n in zip(out[kolom], out["regio_code"], out["regio_naam"], strict=True)
        ]
        out[kolom] = [p[0] for p in paren]
        out[f"{kolom}_code"] = [p[1] for p in paren]
    sleutel = out["sleutel"].astype(str)
    breed = sleutel.str.startswith("gemeentebreed") | sleutel.str.startswith("niet toe te rekenen")
    rijk = sleutel.str.startswith("betaald door het Rijk")
    out.loc[breed & (out["familie"] == "gemeente"), "methode"] = NIET_TOEGEREKEND
    out.loc[rijk & (out["familie"] == "gemeente"), "methode"] = "waargenomen"
    return out[EXPORT_COLUMNS]
