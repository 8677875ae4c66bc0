"""Tables to files for researchers: CSV (UTF-8 or Dutch Excel), Excel with metadata, Parquet."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pandas as pd

from geldstromen import __version__

#: A spreadsheet runs a cell that starts with one of these as a formula (or DDE command).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_GETAL = re.compile(r"[+-]?\d+([.,]\d+)?")
LICENCE_NOTE = (
    "CBS-gegevens: CC BY 4.0, Bron: CBS. Vektis-gegevens: Vektis open-data-voorwaarden "
    "(bron Vektis vermelden, geen commercieel gebruik). Gebiedsindelingen: CBS/Kadaster via PDOK."
)


def veilige_cel(value):
    """A text that a spreadsheet would run as a formula gets a leading quote (also after
    leading spaces); numbers written as text (``-12,5``) and every non-text value stay as is.
    The one rule for every cell of every export (data, metadata, key tables, headers)."""
    if not isinstance(value, str):
        return value
    kaal = value.lstrip(" \u00a0")
    if kaal.startswith(FORMULA_START) and not _GETAL.fullmatch(kaal.strip()):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and every column name through :func:`veilige_cel`."""
    out = frame.copy()
    for col in out.columns:
        reeks = out[col]
        if (
            reeks.dtype == object
            or pd.api.types.is_string_dtype(reeks)
            or isinstance(reeks.dtype, pd.CategoricalDtype)
        ):
            if isinstance(reeks.dtype, pd.CategoricalDtype):
                reeks = reeks.astype(object)
            out[col] = reeks.map(veilige_cel)
    out.columns = [veilige_cel(c) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame, dutch_excel: bool = False, kop: str = "") -> bytes:
    """CSV as UTF-8; ``dutch_excel`` gives ``;`` and a decimal comma with a BOM for Excel;
    ``kop`` is a block of comment lines above the table (see :func:`kopblok`)."""
    safe = neutralise_formulas(frame)
    # CRLF rows: the csv module then also quotes a field holding a bare CR, which a
    # spreadsheet would otherwise read as the start of a new row (a formula row after "\r=")
    if dutch_excel:
        tekst = safe.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
        return (kop + tekst).encode("utf-8-sig")
    return (kop + safe.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def _per_veld(tekst: str) -> str:
    """:func:`veilige_cel` on every piece a spreadsheet may split a comment line into."""
    return "".join(veilige_cel(p) for p in re.split(r"([,;\t])", tekst))


def csv_tekst(frame: pd.DataFrame) -> str:
    """A table as CSV text for inside one cell (a metadata value), neutralised."""
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")


def kopblok(meta: dict[str, str], tabel: pd.DataFrame | None = None, titel: str = "") -> str:
    """``# key: value`` lines, then optionally ``# titel (columns):`` and the rows of ``tabel``.
    A value with line breaks stays on its one line (a break would start a spreadsheet row
    outside the comment); every part goes through :func:`veilige_cel`."""
    regels = [
        f"# {_per_veld(str(k))}: {_per_veld(' | '.join(str(v).splitlines()))}\n"
        for k, v in meta.items()
    ]
    if tabel is not None:
        rijen = csv_tekst(tabel).splitlines()
        regels.append(f"# {titel} ({rijen[0]}):\n")
        regels += [f"# {r}\n" for r in rijen[1:]]
    return "".join(regels)


def metadata_frame(meta: dict[str, str]) -> pd.DataFrame:
    """The metadata sheet: what, from where, how, under which licence, when, by which version."""
    rows = dict(meta)
    rows.setdefault("licentie en bronvermelding", LICENCE_NOTE)
    rows["gegenereerd op"] = datetime.now(UTC).isoformat(timespec="seconds")
    rows["app-versie"] = f"geldstromen {__version__}"
    return pd.DataFrame({"veld": list(rows), "waarde": list(rows.values())})


def to_xlsx_bytes(
    frame: pd.DataFrame, meta: dict[str, str], extra: dict[str, pd.DataFrame] | None = None
) -> bytes:
    """Excel workbook: sheet ``gegevens`` (codes as text), sheet ``metadata`` and the sheets of
    ``extra`` (name -> table); every cell of every sheet through :func:`neutralise_formulas`."""
    buf = io.BytesIO()
    safe = neutralise_formulas(frame)
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name="gegevens", index=False)
        neutralise_formulas(metadata_frame(meta)).to_excel(
            writer, sheet_name="metadata", index=False
        )
        for naam, tabel in (extra or {}).items():
            neutralise_formulas(tabel).to_excel(writer, sheet_name=naam[:31], index=False)
        sheet = writer.sheets["gegevens"]
        for idx, col in enumerate(safe.columns, start=1):
            if str(col).endswith("_code"):
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
