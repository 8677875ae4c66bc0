"""Reading a gemeente's own figures (CSV or Excel) safely: size, type, encoding, delimiter.

Everything here works on bytes or a path and returns a table of *text* cells (header + rows);
checking the contents is :mod:`geldstromen.domain.validatie`. Every refusal is an
:class:`UploadFout` with a Dutch message; nothing is ever executed or written to disk.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

DELIMITERS = (";", ",", "\t", "|")
#: Longest accepted file name and header (characters).
MAX_NAAM = 200
#: An Excel file may unpack to at most this many times its size (and at most 50 x the limit).
MAX_ZIP_RATIO = 100
_BINARY_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG-afbeelding",
    b"\xff\xd8\xff": "JPEG-afbeelding",
    b"GIF8": "GIF-afbeelding",
    b"\x1f\x8b": "gzip-archief",
    b"7z\xbc\xaf": "7z-archief",
    b"Rar!": "RAR-archief",
    b"\x7fELF": "programma",
    b"MZ": "programma",
    b"\xd0\xcf\x11\xe0": "oud Excel-formaat (.xls)",
}


class UploadFout(Exception):
    """A file that cannot be read at all; the message is Dutch."""


@dataclass
class Tabel:
    """A read file: header and rows as text, plus what was detected."""

    kop: list[str]
    rijen: list[list[str]]
    soort: str
    codering: str | None = None
    scheidingsteken: str | None = None
    meldingen: list[str] = field(default_factory=list)


def korte_naam(naam: str) -> str:
    """A file or column name fit for a report (shortened, no control characters)."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in str(naam))
    return clean if len(clean) <= 60 else clean[:57] + "..."


def lees_pad(path: Path, max_mb: int) -> Tabel:
    """Read a file from disk; the size is checked before a single byte is read."""
    path = Path(path)
    if not path.exists():
        raise UploadFout(f"Bestand bestaat niet: {korte_naam(str(path))}")
    if not path.is_file():
        raise UploadFout(f"Geen bestand (maar een map of iets anders): {korte_naam(str(path))}")
    check_grootte(path.stat().st_size, max_mb)
    return lees_bytes(path.read_bytes(), path.name, max_mb)


def check_grootte(size: int, max_mb: int) -> None:
    """Refuse a file above ``max_mb`` megabytes, and an empty file."""
    if size > max_mb * 1024 * 1024:
        raise UploadFout(
            f"Bestand is te groot: {size / 1024 / 1024:.1f} MB (maximaal {max_mb} MB)."
        )
    if size == 0:
        raise UploadFout("Het bestand is leeg.")


def lees_bytes(data: bytes, naam: str, max_mb: int) -> Tabel:
    """Read uploaded bytes (CSV/TXT or XLSX) into a :class:`Tabel`."""
    if len(naam) > MAX_NAAM:
        raise UploadFout(f"Bestandsnaam is te lang ({len(naam)} tekens, maximaal {MAX_NAAM}).")
    check_grootte(len(data), max_mb)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _lees_xlsx(data, max_mb)
    for magic, soort in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UploadFout(f"Dit is geen CSV- of Excel-bestand maar een {soort}.")
    return _lees_csv(data)


def _check_zip(data: bytes, max_mb: int) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadFout(f"Beschadigd zip-/Excel-bestand ({korte_naam(str(exc))}).") from exc
    total = sum(i.file_size for i in infos)
    limit = min(len(data) * MAX_ZIP_RATIO, max_mb * 50 * 1024 * 1024)
    if total > limit or len(infos) > 10_000:
        raise UploadFout(
            "Het Excel-/zip-bestand pakt uit tot een verdacht grote omvang "
            f"({total / 1024 / 1024:.0f} MB); het wordt niet gelezen (mogelijke zip-bom)."
        )
    if "[Content_Types].xml" not in archive.namelist():
        raise UploadFout("Dit is een zip-archief, geen Excel-bestand (.xlsx); pak het eerst uit.")
    return archive


def _lees_xlsx(data: bytes, max_mb: int) -> Tabel:
    from openpyxl import load_workbook

    _check_zip(data, max_mb)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        rows = [
            ["" if v is None else _cell_text(v) for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise UploadFout(
            f"Excel-bestand kan niet worden gelezen ({korte_naam(str(exc))})."
        ) from exc
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise UploadFout("Het Excel-bestand bevat geen gegevens.")
    return Tabel(kop=rows[0], rijen=rows[1:], soort="xlsx")


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def detecteer_codering(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM), else charset-normalizer's best guess."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise UploadFout("Dit lijkt een binair bestand, geen CSV (nul-bytes gevonden).")
    best = from_bytes(data[:200_000], cp_isolation=["cp1252", "latin_1", "utf_16"]).best()
    if best is None:
        raise UploadFout("De tekstcodering van het bestand is niet te herkennen (binair bestand?).")
    return "cp1252" if best.encoding in ("cp1252", "latin_1") else best.encoding


def _decode(data: bytes) -> tuple[str, str]:
    encoding = detecteer_codering(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "latin-1", data.decode("latin-1")
    controls = sum(1 for ch in text[:20_000] if ord(ch) < 32 and ch not in "\r\n\t")
    if "\x00" in text or controls > max(5, len(text[:20_000]) // 100):
        raise UploadFout("Dit lijkt een binair bestand, geen CSV (onleesbare tekens).")
    return encoding, text


def detecteer_scheidingsteken(text: str) -> str:
    """csv.Sniffer on the first lines; falls back to the most frequent of ``; , tab |``."""
    lines = [line for line in text.splitlines() if line.strip()][:20]
    sample = "\n".join(lines)
    try:
        delim = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        delim = None
    header = lines[0] if lines else ""
    counts = {d: header.count(d) for d in DELIMITERS}
    if delim is None or counts.get(delim, 0) == 0:
        delim = max(DELIMITERS, key=lambda d: counts[d])
    return delim if counts[delim] else ";"


def _lees_csv(data: bytes) -> Tabel:
    encoding, text = _decode(data)
    if not text.strip():
        raise UploadFout("Het bestand is leeg.")
    delim = detecteer_scheidingsteken(text)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delim))
    except csv.Error as exc:
        raise UploadFout(f"CSV kan niet worden gelezen ({korte_naam(str(exc))}).") from exc
    rows = [r for r in rows if any(c.strip() for c in r)]
    naam = {";": "puntkomma", ",": "komma", "\t": "tab", "|": "verticale streep"}[delim]
    return Tabel(
        kop=rows[0],
        rijen=rows[1:],
        soort="csv",
        codering=encoding,
        scheidingsteken=delim,
        meldingen=[f"Gelezen als CSV, codering {encoding}, scheidingsteken {naam}."],
    )
