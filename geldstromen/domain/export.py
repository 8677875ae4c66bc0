"""Tables to files for researchers: CSV (UTF-8 or Dutch Excel), Excel with metadata, Parquet."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pandas as pd

from geldstromen import __version__

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LICENCE_NOTE = (
    "CBS-gegevens: CC BY 4.0, Bron: CBS. Vektis-gegevens: Vektis open-data-voorwaarden "
    "(bron Vektis vermelden, geen commercieel gebruik). Gebiedsindelingen: CBS/Kadaster via PDOK."
)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with a quote."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            text = out[col].astype("string")
            risky = text.str.startswith(FORMULA_START, na=False) & ~text.str.fullmatch(
                r"-?\d+([.,]\d+)?", na=False
            )
            out[col] = text.where(~risky, "'" + text)
    return out


def to_csv_bytes(frame: pd.DataFrame, dutch_excel: bool = False) -> bytes:
    """CSV as UTF-8; ``dutch_excel`` gives ``;`` and a decimal comma with a BOM for Excel."""
    safe = neutralise_formulas(frame)
    if dutch_excel:
        return safe.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    return safe.to_csv(index=False).encode("utf-8")


def metadata_frame(meta: dict[str, str]) -> pd.DataFrame:
    """The metadata sheet: what, from where, how, under which licence, when, by which version."""
    rows = dict(meta)
    rows.setdefault("licentie en bronvermelding", LICENCE_NOTE)
    rows["gegenereerd op"] = datetime.now(UTC).isoformat(timespec="seconds")
    rows["app-versie"] = f"geldstromen {__version__}"
    return pd.DataFrame({"veld": list(rows), "waarde": list(rows.values())})


def to_xlsx_bytes(frame: pd.DataFrame, meta: dict[str, str]) -> bytes:
    """Excel workbook: sheet ``gegevens`` (codes as text) and sheet ``metadata``."""
    buf = io.BytesIO()
    safe = neutralise_formulas(frame)
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name="gegevens", index=False)
        metadata_frame(meta).to_excel(writer, sheet_name="metadata", index=False)
        sheet = writer.sheets["gegevens"]
        for idx, col in enumerate(safe.columns, start=1):
            if col.endswith("_code") or col == "regio_code":
                for cell in sheet.iter_cols(min_col=idx, max_col=idx, min_row=2):
                    for c in cell:
                        c.number_format = "@"
    return buf.getvalue()


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Parquet (types kept)."""
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def export_bytes(frame: pd.DataFrame, fmt: str, meta: dict[str, str]) -> bytes:
    """Dispatch on ``fmt``: csv, csv-nl, xlsx or parquet."""
    if fmt == "csv":
        return to_csv_bytes(frame)
    if fmt == "csv-nl":
        return to_csv_bytes(frame, dutch_excel=True)
    if fmt == "xlsx":
        return to_xlsx_bytes(frame, meta)
    if fmt == "parquet":
        return to_parquet_bytes(frame)
    raise ValueError(f"Onbekend formaat: {fmt}")
