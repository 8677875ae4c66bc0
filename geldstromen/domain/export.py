"""Tables to files for researchers: CSV (UTF-8 or Dutch Excel), Excel with metadata, Parquet."""

from __future__ import annotations

import io
import json
import re
import zipfile
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


def gehele_getallen(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns the data package declares integer (``KOLOMMEN``, e.g. ``jaar``) as nullable
    integers when they hold whole numbers only: a float column with a gap (NaN) otherwise
    writes 2018.0, which is no integer for a validator (the Bronnen export did)."""
    uit = frame
    for naam in frame.columns:
        reeks = frame[naam]
        if KOLOMMEN.get(naam, ("",))[0] != "integer" or not pd.api.types.is_float_dtype(reeks):
            continue
        waarden = reeks.dropna()
        if (waarden == waarden.round()).all():
            uit = uit.assign(**{naam: reeks.astype("Int64")})
    return uit


def to_csv_bytes(frame: pd.DataFrame, dutch_excel: bool = False) -> bytes:
    """A plain CSV (RFC 4180: a header row, then data rows, CRLF, no comment lines) as UTF-8;
    ``dutch_excel`` gives ``;`` and a decimal comma with a BOM for Excel. The metadata goes in
    a sidecar (:func:`datapakket`), never above the table."""
    safe = neutralise_formulas(gehele_getallen(frame))
    # CRLF rows: the csv module then also quotes a field holding a bare CR, which a
    # spreadsheet would otherwise read as the start of a new row (a formula row after "\r=")
    if dutch_excel:
        tekst = safe.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
        return tekst.encode("utf-8-sig")
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def csv_tekst(frame: pd.DataFrame) -> str:
    """A table as CSV text for inside one cell (a metadata value), neutralised."""
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")


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


# --- the metadata sidecar: a Frictionless data package (datapackage.json) ----------------------

#: Meaning and unit of the columns the exports share (name -> (Frictionless type, description)).
KOLOMMEN: dict[str, tuple[str, str]] = {
    "regio_code": ("string", "CBS-code van de wijk (WK), buurt (BU) of gemeente (GM)"),
    "regio_naam": ("string", "naam van het gebied (zelfde indelingsjaar als de code)"),
    "niveau": ("string", "gemeente, wijk of buurt"),
    "jaar": ("integer", "jaar van het geld of van de waarde (jaartal)"),
    "familie": ("string", "gemeente (Iv3), huishoudens (geschat) of zorg (Vektis Zvw)"),
    "van": ("string", "naam van de partij die betaalt"),
    "van_code": ("string", "code van de partij die betaalt (GM/WK/BU; leeg voor Rijk)"),
    "naar": ("string", "naam van de partij die ontvangt"),
    "naar_code": ("string", "code van de partij die ontvangt (GM/WK/BU; leeg voor Rijk)"),
    "categorie": ("string", "taakveld (Iv3-code en naam) of kostensoort"),
    "bedrag_eur": ("number", "bedrag in euro (lopende prijzen) per jaar"),
    "methode": (
        "string",
        "waargenomen, toegerekend, geschat, of niet toegerekend (gemeentebreed, geen gebied); "
        "zie docs/methods.md",
    ),
    "sleutel": ("string", "verdeelsleutel met sleuteljaar, of waarom niets is toegerekend"),
    "bron": ("string", "bron met tabel en jaar"),
    "indicator": ("string", "code van de indicator (catalogus)"),
    "bron_kolom": ("string", "kolomnaam in de bron"),
    "waarde": ("number", "waarde; leeg = ontbreekt of geheim (CBS '.'), nooit 0"),
    "eenheid": ("string", "eenheid van de waarde"),
}
_FRICTIONLESS_TYPE = {"i": "integer", "u": "integer", "f": "number", "b": "boolean"}


def _veld(naam: str, reeks: pd.Series) -> dict:
    soort, uitleg = KOLOMMEN.get(naam, (None, ""))
    if soort == "integer" and pd.api.types.is_float_dtype(reeks):
        waarden = reeks.dropna()
        soort = "integer" if (waarden == waarden.round()).all() else "number"
    if soort is None or (soort != "string" and not pd.api.types.is_numeric_dtype(reeks)):
        kind = getattr(reeks.dtype, "kind", "O")
        soort = (
            "string"
            if pd.api.types.is_bool_dtype(reeks)
            else _FRICTIONLESS_TYPE.get(kind, "string")
        )
    veld = {"name": str(veilige_cel(naam)), "type": soort}
    if uitleg:
        veld["description"] = uitleg
    return veld


def _inline(tabel: pd.DataFrame) -> list[list]:
    """A small table as rows of text (header first) for an inline resource."""
    safe = neutralise_formulas(tabel).astype(object).where(tabel.notna(), None)
    return [list(map(str, safe.columns))] + [
        [None if v is None else str(v) for v in rij] for rij in safe.itertuples(index=False)
    ]


def datapakket(
    frame: pd.DataFrame,
    meta: dict[str, str],
    csv_naam: str,
    extra: dict[str, pd.DataFrame] | None = None,
    dutch_excel: bool = False,
) -> dict:
    """The sidecar of a CSV export: a Frictionless data package whose first resource is the
    CSV file ``csv_naam`` (columns with type and meaning), with the metadata (method, years,
    sources, licence, notes) as package properties and the tables of ``extra`` (e.g. the key
    table) as inline resources. Every text goes through :func:`veilige_cel`."""
    rijen = metadata_frame(meta)
    info = {
        str(k): str(veilige_cel(str(v)))
        for k, v in zip(rijen["veld"], rijen["waarde"], strict=True)
    }
    bronnen = sorted(frame["bron"].dropna().astype(str).unique()) if "bron" in frame.columns else []
    hoofd: dict = {
        "name": "gegevens",
        "path": csv_naam,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig" if dutch_excel else "utf-8",
        "schema": {"fields": [_veld(c, frame[c]) for c in frame.columns]},
    }
    if dutch_excel:
        hoofd["dialect"] = {"csv": {"delimiter": ";"}}
        for veld in hoofd["schema"]["fields"]:
            if veld["type"] == "number":
                veld["decimalChar"] = ","
    bronnen_tekst = [str(veilige_cel(b)) for b in bronnen][:200]
    pakket = {
        "name": re.sub(r"[^a-z0-9._-]+", "-", csv_naam.lower().rsplit(".", 1)[0]) or "export",
        "title": str(veilige_cel(str(meta.get("tabel", csv_naam)))),
        "description": "; ".join(f"{k}: {v}" for k, v in info.items()),
        "created": info.get("gegenereerd op", ""),
        "version": __version__,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "CBS en PDOK: CC BY 4.0 (Bron: CBS)",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            },
            {"name": "Vektis-open-data", "title": "Vektis open-data-voorwaarden (bron Vektis)"},
        ],
        "sources": [{"title": b} for b in bronnen_tekst],
        "geldstromen": info,
        "resources": [hoofd],
    }
    for naam, tabel in (extra or {}).items():
        pakket["resources"].append(
            {
                "name": re.sub(r"[^a-z0-9._-]+", "-", naam.lower()),
                "data": _inline(tabel),
                "schema": {
                    "fields": [{"name": str(veilige_cel(str(c))), "type": "string"} for c in tabel]
                },
            }
        )
    return pakket


def datapakket_bytes(pakket: dict) -> bytes:
    """The package as UTF-8 JSON (indented, so it reads in a text editor)."""
    return json.dumps(pakket, ensure_ascii=False, indent=2).encode("utf-8")


def sidecar_naam(csv_naam: str) -> str:
    """``x.csv`` -> ``x.datapackage.json`` (the name Frictionless tools recognise)."""
    stam = csv_naam[:-4] if csv_naam.lower().endswith(".csv") else csv_naam
    return f"{stam}.datapackage.json"


def zip_bytes(
    frame: pd.DataFrame,
    meta: dict[str, str],
    csv_naam: str,
    extra: dict[str, pd.DataFrame] | None = None,
) -> bytes:
    """A zip with the plain CSV and its data package (for a download button)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(csv_naam, to_csv_bytes(frame))
        zf.writestr(
            sidecar_naam(csv_naam), datapakket_bytes(datapakket(frame, meta, csv_naam, extra))
        )
    return buf.getvalue()
