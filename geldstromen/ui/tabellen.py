"""Tables with their downloads (CSV, Dutch-Excel CSV, Excel with metadata)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geldstromen.domain.export import export_bytes, zip_bytes


def _lazy(frame: pd.DataFrame, fmt: str, meta: dict, naam: str = ""):
    """Build the file only when the button is clicked (keeps reruns fast); ``zip``: the plain
    CSV with its Frictionless data package."""
    if fmt == "zip":
        return lambda: zip_bytes(frame, meta, f"{naam}.csv")
    return lambda: export_bytes(frame, fmt, meta)


def met_methode_en_bron(frame: pd.DataFrame, methode: str | None, bron: str | None) -> pd.DataFrame:
    """The download carries ``methode`` and ``bron`` columns: kept when the table has them,
    else filled with the table's one method and source (when known)."""
    extra = {}
    if "methode" not in frame.columns and methode:
        extra["methode"] = methode
    if "bron" not in frame.columns and bron:
        extra["bron"] = bron
    return frame.assign(**extra) if extra else frame


#: Above this many rows the table is sent lazily (only the rows in view) and unstyled.
MAX_OPGEMAAKTE_RIJEN = 1_000
LEEG = "–"


def opgemaakt(frame: pd.DataFrame):
    """Dutch number display (1.234.567,8), a dash for missing values instead of 'None', and
    years/codes without thousands separators; the underlying numbers stay sortable."""
    if len(frame) > MAX_OPGEMAAKTE_RIJEN or not frame.columns.is_unique:
        return frame
    styler = frame.style.format(na_rep=LEEG)
    for kolom, decimalen in kolom_decimalen(frame).items():
        styler = styler.format(
            na_rep=LEEG, precision=decimalen, thousands=".", decimal=",", subset=[kolom]
        )
    for kolom in frame.columns:  # a year column with a gap is float: 2018, not 2018.000000
        if _jaarkolom(kolom) and pd.api.types.is_float_dtype(frame[kolom]):
            styler = styler.format("{:.0f}", na_rep=LEEG, subset=[kolom])
    return styler


def _jaarkolom(kolom) -> bool:
    return "jaar" in str(kolom).lower() and "per" not in str(kolom).lower()


def kolom_decimalen(frame: pd.DataFrame) -> dict[str, int]:
    """Decimals per numeric column: none for large or whole numbers, more for small ratios;
    year columns are left out (2.019 would be wrong)."""
    out = {}
    for kolom in frame.columns:
        reeks = frame[kolom]
        if not pd.api.types.is_numeric_dtype(reeks) or pd.api.types.is_bool_dtype(reeks):
            continue
        if _jaarkolom(kolom):
            continue
        waarden = reeks.dropna().abs()
        if waarden.empty or (waarden % 1 == 0).all() or waarden.max() >= 1000:
            out[kolom] = 0
        else:
            out[kolom] = 1 if waarden.max() >= 10 else 2
    return out


#: Readable Dutch headers for the columns of money tables (display only; files keep the ids).
KOPPEN = {
    "hoofdtaakveld": "Hoofdtaakveld",
    "taakveld_code": "Taakveld",
    "categorie": "Omschrijving",
    "bedrag_eur": "Bedrag (€)",
    "per_inwoner_eur": "Per inwoner (€)",
    "gemeente_per_inwoner_eur": "Gemeente per inwoner (€)",
    "gemeente_eur": "Gemeente totaal (€)",
    "aandeel_pct": "Aandeel (%)",
    "sleutel": "Sleutel",
    "methode": "Methode",
    "bron": "Bron",
    "regio_code": "Code",
    "regio_naam": "Gebied",
    "familie": "Familie",
    "van": "Van",
    "naar": "Naar",
    "jaar": "Jaar",
    "niveau": "Niveau",
}


def waarde_tabel(
    frame: pd.DataFrame,
    bestandsnaam: str,
    meta: dict | None = None,
    methode: str | None = None,
    bron: str | None = None,
    koppen: dict | None = None,
) -> None:
    """Show a table and offer it as CSV, Dutch-Excel CSV, Excel (metadata sheet) and a zip of
    the CSV with its data package (generated on click, not on every rerun). The downloads carry
    ``methode`` and ``bron`` columns (``methode``/``bron`` here, or ``meta['methode']`` and
    ``meta['bronnen']``, when the table has no such column). ``koppen`` renames columns on
    screen only (e.g. :data:`KOPPEN`); the files keep the ids."""
    groot = len(frame) > MAX_OPGEMAAKTE_RIJEN
    scherm = frame.rename(columns=koppen) if koppen else frame
    st.dataframe(
        opgemaakt(scherm), hide_index=True, width="stretch", placeholder=LEEG, lazy=groot or None
    )
    if frame.isna().to_numpy().any():
        st.caption(f"{LEEG} = geen waarde (ontbreekt in de bron of door CBS geheimgehouden).")
    meta = dict(meta or {"tabel": bestandsnaam})
    frame = met_methode_en_bron(
        frame, methode or meta.get("methode"), bron or meta.get("bron") or meta.get("bronnen")
    )
    if methode:
        meta.setdefault("methode", methode)
    if "bron" in frame.columns:
        meta.setdefault("bronnen", "; ".join(sorted(frame["bron"].dropna().astype(str).unique())))
    cols = st.columns(4)
    cols[0].download_button(
        "CSV",
        _lazy(frame, "csv", meta),
        f"{bestandsnaam}.csv",
        "text/csv",
        key=f"csv_{bestandsnaam}",
        on_click="ignore",
    )
    cols[1].download_button(
        "CSV (Excel NL)",
        _lazy(frame, "csv-nl", meta),
        f"{bestandsnaam}_nl.csv",
        "text/csv",
        key=f"csvnl_{bestandsnaam}",
        on_click="ignore",
    )
    cols[2].download_button(
        "Excel",
        _lazy(frame, "xlsx", meta),
        f"{bestandsnaam}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{bestandsnaam}",
        on_click="ignore",
    )
    cols[3].download_button(
        "CSV + metadata (zip)",
        _lazy(frame, "zip", meta, bestandsnaam),
        f"{bestandsnaam}.zip",
        "application/zip",
        key=f"zip_{bestandsnaam}",
        help="Kaal CSV-bestand met een Frictionless data package (kolommen, eenheden, methode, "
        "bronnen, licentie, jaren) dat pandas, R en andere programma's lezen.",
        on_click="ignore",
    )
