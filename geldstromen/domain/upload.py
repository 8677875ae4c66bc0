"""Reading a gemeente's own figures (CSV or Excel) safely: size, type, encoding, delimiter.

Everything here works on bytes or a path and returns a table of *text* cells (header + rows);
checking the contents is :mod:`geldstromen.domain.validatie`. Every refusal is an
:class:`UploadFout` with a Dutch message; nothing is ever executed or written to disk.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

DELIMITERS = (";", ",", "\t", "|")
#: Longest accepted file name and header (characters).
MAX_NAAM = 200
#: An Excel file may unpack to at most this many times its size (and at most 50 x the limit).
MAX_ZIP_RATIO = 100
#: At most this many data rows (a gemeente has a few hundred buurten; NL about 15,000).
MAX_RIJEN = 50_000
#: At most this many columns with something in them.
MAX_KOLOMMEN = 500
#: At most this many cells read in all (Excel: also the empty cells a row spells out).
MAX_CELLEN = 500_000
#: At most this many characters on one line of a CSV file.
MAX_REGEL = 1_000_000
#: At most this many empty rows in a row (a stray cell far below the data).
MAX_LEGE_RIJEN = 10_000
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


class Getal(str):
    """The text of a number cell of an Excel file: a typed number, never ambiguous."""


@dataclass
class Tabel:
    """A read file: header and rows as text, plus what was detected."""

    kop: list[str]
    rijen: list[list[str]]
    soort: str
    codering: str | None = None
    scheidingsteken: str | None = None
    meldingen: list[str] = field(default_factory=list)
    #: the row number in the file (Excel row, CSV record) of each row of ``rijen``
    nummers: list[int] | None = None

    def nummer(self, n: int) -> int:
        """Row number in the file of ``rijen[n]`` (empty rows are skipped, not renumbered)."""
        return self.nummers[n] if self.nummers else n + 2


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
    """Stream the first sheet: the declared dimension is ignored (it can be wrong or a bomb),
    rows and cells are counted while reading and refused above the caps."""
    from openpyxl import load_workbook

    _check_zip(data, max_mb)
    nummers: list[int] = []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()
            rows = _begrensd(
                (
                    ["" if v is None else _cell_text(v) for v in row]
                    for row in sheet.iter_rows(values_only=True)
                ),
                nummers,
            )
        finally:
            book.close()
    except UploadFout:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise UploadFout(
            f"Excel-bestand kan niet worden gelezen ({korte_naam(str(exc))})."
        ) from exc
    rows = _knip_lege_kolommen(rows, opvullen=True)
    if not rows:
        raise UploadFout("Het Excel-bestand bevat geen gegevens.")
    return Tabel(kop=rows[0], rijen=rows[1:], soort="xlsx", nummers=nummers[1:])


def _begrensd(rows, nummers: list[int], eerste: int = 1) -> list[list[str]]:
    """Non-empty rows of ``rows`` (an iterator), refused as soon as a cap is passed; the row
    number of each kept row (counting from ``eerste``) is appended to ``nummers``."""
    out: list[list[str]] = []
    cellen = leeg = 0
    for nummer, row in enumerate(rows, start=eerste):
        cellen += len(row)
        if cellen > MAX_CELLEN:
            raise UploadFout(
                f"Het bestand heeft te veel cellen (meer dan {MAX_CELLEN:,}); ".replace(",", ".")
                + "splits het of laat lege kolommen en rijen weg."
            )
        if not any(c.strip() for c in row):
            leeg += 1
            if leeg > MAX_LEGE_RIJEN:
                raise UploadFout(
                    f"Meer dan {MAX_LEGE_RIJEN:,} lege rijen achter elkaar; ".replace(",", ".")
                    + "verwijder de lege rijen (of een losse cel ver onder de gegevens)."
                )
            continue
        leeg = 0
        nummers.append(nummer)
        if len(out) > MAX_RIJEN:
            raise UploadFout(
                f"Het bestand heeft te veel rijen (meer dan {MAX_RIJEN:,} gegevensrijen); ".replace(
                    ",", "."
                )
                + "er is niets ingelezen."
            )
        out.append(row)
    return out


def _knip_lege_kolommen(rows: list[list[str]], *, opvullen: bool) -> list[list[str]]:
    """Drop trailing columns that are empty in every row (Excel's padded cells, ``;;;``);
    refuse more than :data:`MAX_KOLOMMEN` used columns. ``opvullen`` pads short rows (Excel
    does not store trailing empty cells; a CSV's short row stays short and is reported)."""
    breedte = 0
    for row in rows:
        for i in range(len(row) - 1, breedte - 1, -1):
            if row[i].strip():
                breedte = i + 1
                break
    if breedte > MAX_KOLOMMEN:
        raise UploadFout(
            f"Het bestand heeft te veel kolommen ({breedte}, maximaal {MAX_KOLOMMEN})."
        )
    out = []
    for row in rows:
        row = row[:breedte] if len(row) > breedte else row
        if opvullen and len(row) < breedte:
            row = row + [""] * (breedte - len(row))
        out.append(row)
    return out


def _cell_text(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return Getal(int(value))
    if isinstance(value, int | float):
        return Getal(repr(value))
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
    lines = [line for line in text[:1_000_000].splitlines()[:200] if line.strip()][:20]
    sample = "\n".join(lines)[:65_536]
    try:
        delim = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        delim = None
    header = lines[0] if lines else ""
    counts = {d: header.count(d) for d in DELIMITERS}
    if delim is None or counts.get(delim, 0) == 0:
        delim = max(DELIMITERS, key=lambda d: counts[d])
    return delim if counts[delim] else ";"


#: Excel's hint line ``sep=;`` (first line of a "CSV (gescheiden door lijstscheidingsteken)").
_SEP_REGEL = re.compile(r'"?sep=(.)"?[ \t]*(\r\n|\r|\n)', re.IGNORECASE)


def _lees_csv(data: bytes) -> Tabel:
    encoding, text = _decode(data)
    if not text.strip():
        raise UploadFout("Het bestand is leeg.")
    meldingen = []
    sep = _SEP_REGEL.match(text)
    if sep and sep.group(1) in DELIMITERS:
        delim, text = sep.group(1), text[sep.end() :]
        meldingen.append("Eerste regel 'sep=' (Excel) gebruikt als scheidingsteken.")
    elif sep:
        raise UploadFout(
            f"De eerste regel noemt een onbekend scheidingsteken ({korte_naam(sep.group(1))!r}); "
            "gebruik ; , tab of |."
        )
    else:
        delim = detecteer_scheidingsteken(text)
    nummers: list[int] = []
    eindes = {e for e in ("\r\n", "\r", "\n") if e in text[:1_000_000]}
    if "\r" in text and "\r\n" not in text:
        meldingen.append("Regeleinden: alleen CR (oud Mac-formaat), gewoon gelezen.")
    elif len(eindes) > 1 and text.replace("\r\n", "").count("\r"):
        meldingen.append("Gemengde regeleinden (CR, LF, CRLF), gewoon gelezen.")
    try:
        rows = _begrensd(csv.reader(_regels(text), delimiter=delim), nummers, 2 if sep else 1)
    except csv.Error as exc:
        raise UploadFout(f"CSV kan niet worden gelezen ({_csv_fout(str(exc))}).") from exc
    rows = _knip_lege_kolommen(rows, opvullen=False)
    if not rows:
        raise UploadFout("Het bestand is leeg.")
    naam = {";": "puntkomma", ",": "komma", "\t": "tab", "|": "verticale streep"}[delim]
    return Tabel(
        kop=rows[0],
        rijen=rows[1:],
        nummers=nummers[1:],
        soort="csv",
        codering=encoding,
        scheidingsteken=delim,
        meldingen=[f"Gelezen als CSV, codering {encoding}, scheidingsteken {naam}.", *meldingen],
    )


_REGEL = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _regels(text: str):
    """Lines with their ending (CR, LF or CRLF: old Mac files too), one at a time, so the csv
    module can join quoted line breaks and nothing is copied whole; a line longer than
    :data:`MAX_REGEL` is refused before the csv module splits it into cells."""
    for nummer, m in enumerate(_REGEL.finditer(text), start=1):
        if m.end() - m.start() > MAX_REGEL:
            raise UploadFout(
                f"Regel {nummer} is te lang ({(m.end() - m.start()):,} tekens, ".replace(",", ".")
                + f"maximaal {MAX_REGEL:,}).".replace(",", ".")
            )
        yield m.group()


def _csv_fout(message: str) -> str:
    """A Dutch reason for the csv module's English errors."""
    if "field larger than field limit" in message:
        return "een veld is te lang (meer dan 131.072 tekens)"
    if "new-line character" in message:
        return "een regeleinde midden in een veld zonder aanhalingstekens"
    if "NUL" in message:
        return "nul-tekens in het bestand"
    return korte_naam(message)
