"""What every source module returns: files found, with their provenance and a reader."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

CBS_LICENTIE = "CC BY 4.0"
CBS_ATTRIBUTIE = "Bron: CBS (Centraal Bureau voor de Statistiek), CC BY 4.0"


class IngestFout(Exception):
    """A source file that cannot be ingested; the message is Dutch and names the file."""


@dataclass
class Bestand:
    """One source file (or online table) and how to read it into raw tables."""

    bron_id: str
    soort: str
    lees: Callable[[], dict[str, pd.DataFrame]]
    pad: Path | None = None
    url: str | None = None
    tabel_id: str | None = None
    jaar: int | None = None
    licentie: str = CBS_LICENTIE
    attributie: str = CBS_ATTRIBUTIE
    opmerking: str | None = None
    sha256: str | None = field(default=None)
    #: Online sources: when the cached copy was fetched and when the publisher last changed it
    #: (CBS ``TableInfos.Modified``); both ISO 8601 text, shown on the Bronnen page.
    opgehaald_op: str | None = None
    bron_gewijzigd_op: str | None = None

    def checksum(self) -> str:
        """sha256 of the file (cached); online tables set ``sha256`` themselves."""
        if self.sha256 is None:
            if self.pad is None:
                raise IngestFout(f"{self.bron_id}: geen bestand en geen checksum")
            self.sha256 = sha256_file(self.pad)
        return self.sha256


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


#: How many deviating lines a field-count refusal names.
_TOON_REGELS = 5


def lees_tabel(
    path: Path,
    *,
    sep: str,
    encodings: tuple[str, ...] = ("utf-8-sig",),
    naam: str | None = None,
) -> pd.DataFrame:
    """Read a delimited text file (optionally gzipped) as text cells.

    Every row must have as many fields as the header: a row with fewer fields is what a file
    cut off in the middle of a line looks like, a row with more is a shifted row. Both are
    refused with a Dutch :class:`IngestFout` naming the file and the lines, instead of being
    read as empty or shifted cells. The first encoding that decodes the file is used.
    """
    naam = naam or path.name
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        data = fh.read()
    for encoding in encodings[:-1]:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode(encodings[-1])  # the last one's error names the byte
    controleer_velden(text, sep, naam)
    return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, quotechar='"')


def controleer_velden(text: str, sep: str, naam: str) -> None:
    """Refuse rows with fewer or more fields than the header (blank lines are skipped)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"')
    try:
        header = next((row for row in reader if row), None)
        if header is None:
            return  # empty file: the reader says so
        afwijkend = []
        for row in reader:
            if row and len(row) != len(header):
                afwijkend.append((reader.line_num, len(row)))
    except csv.Error as exc:
        raise IngestFout(f"{naam}: regel {reader.line_num} is geen geldige CSV ({exc})") from exc
    if not afwijkend:
        return
    regel, velden = afwijkend[0]
    soort = "minder" if velden < len(header) else "meer"
    lijst = ", ".join(f"{r} ({v})" for r, v in afwijkend[:_TOON_REGELS])
    meer = f" en nog {len(afwijkend) - _TOON_REGELS}" if len(afwijkend) > _TOON_REGELS else ""
    raise IngestFout(
        f"{naam}: regel {regel} heeft {velden} velden, {soort} velden dan de kopregel "
        f"({len(header)}); is het bestand afgebroken of verschoven? "
        f"Afwijkende regels (velden): {lijst}{meer}."
    )


def long_cbs(
    frame: pd.DataFrame,
    *,
    bron_id: str,
    jaar: int,
    code_col: str,
    skip: tuple[str, ...] = (),
    keep_null: bool = False,
) -> pd.DataFrame:
    """Melt a wide CBS table to ``raw_cbs_waarde`` rows; values stay the published text.

    Empty text cells are left out (as CBS OData v4 does); ``.`` stays. With ``keep_null``
    (typed OData, where ``null`` means suppressed) null cells stay as NULL rows.
    """
    value_cols = [c for c in frame.columns if c != code_col and c not in skip]
    long = frame.melt(
        id_vars=[code_col], value_vars=value_cols, var_name="kolom", value_name="waarde"
    )
    long = long.rename(columns={code_col: "regio_code"})
    long["waarde"] = long["waarde"].astype("string")
    empty = long["waarde"].str.len() == 0
    long = long[~empty.fillna(False)] if keep_null else long[long["waarde"].notna() & ~empty]
    long.insert(0, "bron_id", bron_id)
    long.insert(1, "jaar", jaar)
    return long.reset_index(drop=True)


def gemeenten_lang(frame: pd.DataFrame, var_name: str, value_name: str) -> pd.DataFrame:
    """A file with one row per gemeente *name* (column ``Gemeenten``) as long rows
    ``gemeente_naam, <var_name>, <value_name>``; names stripped, values as read."""
    frame = frame.assign(Gemeenten=frame["Gemeenten"].str.strip())
    long = frame.melt(id_vars=["Gemeenten"], var_name=var_name, value_name=value_name)
    return long.rename(columns={"Gemeenten": "gemeente_naam"})


def gemeentenamen(bron_id: str, namen: pd.Series, jaar_indeling: int) -> pd.DataFrame:
    """``raw_gemeentenaam`` rows: the distinct gemeente names of a source file, with the
    indeling year the crosswalk matches them in."""
    return pd.DataFrame(
        {"bron_id": bron_id, "naam": namen.str.strip().unique(), "jaar_indeling": jaar_indeling}
    )


def jaren_uit_env(
    naam: str, standaard: Iterable[int], bekend: Iterable[int], soort: str, env: Mapping[str, str]
) -> list[int]:
    """Years from the environment variable ``naam`` (``2019,2024`` or ``2019;2024``), else
    ``standaard``; a year outside ``bekend`` (the tables known for ``soort``) is a Dutch error."""
    value = env.get(naam, "")
    if not value.strip():
        return list(standaard)
    try:
        jaren = [int(j) for j in value.replace(";", ",").split(",") if j.strip()]
    except ValueError as exc:
        raise IngestFout(f"{naam} is geen lijst van jaren: {value!r}") from exc
    onbekend = [j for j in jaren if j not in set(bekend)]
    if onbekend:
        raise IngestFout(
            f"Geen {soort}-tabel bekend voor jaar {onbekend}; kies uit {sorted(bekend)}"
        )
    return jaren


def http_datum_iso(waarde: str | None) -> str | None:
    """An HTTP date (``Last-Modified``: ``Tue, 01 Oct 2024 10:00:00 GMT``) as ISO 8601 text
    like CBS's ``Modified`` (``2024-10-01T10:00:00+00:00``); other text is kept as is."""
    if not waarde:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(waarde).isoformat(timespec="seconds")
    except (TypeError, ValueError, IndexError):
        return waarde
