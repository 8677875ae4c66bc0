"""Read and check a user's key table (the CSV the Wijkprofiel key editor downloads).

Columns ``taakveld_code, sleutel[, fallback, sleutel_baten, fallback_baten, toelichting]``.
A key is a special key (gemeentebreed, uitgesloten, pro_rata_direct, rijk), an indicator id of the
catalogue, or a sum (+) of products (*) of indicator ids. Problems are reported in Dutch,
all at once, as :class:`SleutelFout`.
"""

from __future__ import annotations

import codecs
import io

import pandas as pd

from geldstromen.domain.taakvelden import (
    SLEUTEL_KOLOMMEN,
    SPECIALE_SLEUTELS,
    sleutel_indicatoren,
    taakvelden,
)

KOLOMMEN = SLEUTEL_KOLOMMEN + ["toelichting"]


class SleutelFout(ValueError):
    """A key table that cannot be used; the message lists every problem (Dutch)."""


def fouten(tabel: pd.DataFrame, indicatoren: set[str]) -> list[str]:
    """Every problem of a key table: unknown taakveld codes, unknown keys, duplicates."""
    problemen = []
    ontbreekt = [k for k in ("taakveld_code", "sleutel") if k not in tabel.columns]
    if ontbreekt:
        return [f"kolom(men) ontbreken: {', '.join(ontbreekt)} (verwacht: {', '.join(KOLOMMEN)})"]
    onbekend_kol = [c for c in tabel.columns if c not in KOLOMMEN]
    if onbekend_kol:
        problemen.append(f"onbekende kolom(men): {', '.join(map(str, onbekend_kol))}")
    bekend = set(taakvelden()["taakveld_code"])
    codes = tabel["taakveld_code"].astype(str).str.strip()
    for code in codes[~codes.isin(bekend)]:
        problemen.append(f"onbekend taakveld '{code}'")
    for code in sorted(set(codes[codes.duplicated()])):
        problemen.append(f"taakveld '{code}' staat er meer dan eens in")
    toegestaan = set(indicatoren)
    for kol in SLEUTEL_KOLOMMEN[1:]:
        if kol not in tabel.columns:
            continue
        for code, expr in zip(codes, tabel[kol].fillna("").astype(str).str.strip(), strict=True):
            if not expr or expr in SPECIALE_SLEUTELS:
                continue
            slecht = [i for i in sleutel_indicatoren(expr) if i not in toegestaan]
            if slecht:
                problemen.append(
                    f"taakveld {code}, {kol}: onbekende sleutel '{expr}' "
                    f"(onbekend: {', '.join(slecht)})"
                )
    return problemen


def _decodeer(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SleutelFout("ongeldige UTF-16-tekst; sla de tabel op als CSV UTF-8") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SleutelFout(
            f"geen UTF-8-tekst (ongeldige byte op positie {exc.start + 1}); is dit een CSV? "
            "Sla de tabel op als CSV UTF-8."
        ) from None


def lees_sleuteltabel(tekst: str | bytes, indicatoren: set[str]) -> pd.DataFrame:
    """Parse and check a key-table CSV; missing optional columns become empty."""
    if isinstance(tekst, bytes):
        tekst = _decodeer(tekst)
    if "\x00" in tekst:
        raise SleutelFout("geen tekstbestand (bevat NUL-tekens); verwacht een CSV in UTF-8")
    try:
        tabel = pd.read_csv(io.StringIO(tekst), dtype=str, keep_default_na=False, comment="#")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise SleutelFout(f"geen leesbare CSV ({exc})") from None
    tabel.columns = [str(c).strip() for c in tabel.columns]
    problemen = fouten(tabel, indicatoren)
    if problemen:
        raise SleutelFout("; ".join(problemen))
    for kol in KOLOMMEN:
        if kol not in tabel.columns:
            tabel[kol] = ""
    tabel["taakveld_code"] = tabel["taakveld_code"].str.strip()
    return tabel[KOLOMMEN].reset_index(drop=True)
