"""The ``geldstromen`` command line: ingest, export, and more."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click
from sqlalchemy.exc import SQLAlchemyError

from geldstromen import db
from geldstromen.config import get_settings

NIVEAUS = ["gemeente", "wijk", "buurt"]


def _engine(database_url: str | None):
    settings = get_settings()
    return db.make_engine(database_url or settings.database_url)


def _fail(message: str) -> None:
    click.echo(f"Fout: {message}", err=True)
    sys.exit(1)


class _Groep(click.Group):
    """The command group: database errors of any command become one Dutch ``Fout:`` line."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (SQLAlchemyError, sqlite3.Error, db.BezetFout) as exc:
            extra = ""
            if ctx.invoked_subcommand in ("ingest", "import-lokaal"):
                extra = "\nDe vorige gegevens zijn ongewijzigd en blijven bruikbaar."
            _fail(db.foutmelding(exc) + extra)


@click.group(cls=_Groep, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Geldstromen in de wijk: ingest CBS/PDOK/Vektis data and export tables."""


@main.command()
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    help="Map met bronbestanden (standaard: GELDSTROMEN_DATA_DIR).",
)
@click.option(
    "--online", is_flag=True, help="Haal de tabellen bij CBS, PDOK en Vektis op (internet nodig)."
)
@click.option(
    "--database-url", help="SQLAlchemy-URL (standaard: GELDSTROMEN_DATABASE_URL of SQLite)."
)
@click.option("--force", is_flag=True, help="Lees alles opnieuw in, ook ongewijzigde bestanden.")
@click.option(
    "--accepteer-krimp",
    is_flag=True,
    help="Lees ook een bron in die veel kleiner is dan de opgeslagen versie (>10% minder rijen "
    "of regio's); zonder deze optie wordt zo'n bron geweigerd.",
)
@click.option("--quiet", is_flag=True, help="Geen voortgangsbalken.")
def ingest(data_dir, online, database_url, force, accepteer_krimp, quiet) -> None:
    """Load source files into the store (idempotent, atomic)."""
    from data_sources.base import IngestFout
    from data_sources.ingest import ingest as run_ingest
    from data_sources.ingest import vind_bestanden

    settings = get_settings()
    data_dir = data_dir or settings.data_dir
    engine = _engine(database_url)
    try:
        if online:
            from data_sources.online import online_bestanden

            bestanden = online_bestanden(settings)
        elif data_dir is None:
            _fail(
                "geen gegevensmap: geef --data-dir of zet GELDSTROMEN_DATA_DIR, of gebruik --online."
            )
        else:
            bestanden = vind_bestanden(Path(data_dir))
        result = run_ingest(
            engine, bestanden, progress=not quiet, force=force, accepteer_krimp=accepteer_krimp
        )
    except IngestFout as exc:
        _fail(f"{exc}\nDe vorige gegevens zijn ongewijzigd en blijven bruikbaar.")
    except KeyboardInterrupt:
        _fail("onderbroken. De vorige gegevens zijn ongewijzigd en blijven bruikbaar.")
    for melding in result.krimp:
        click.echo(f"Let op: kleiner ingelezen (--accepteer-krimp): {melding}", err=True)
    click.echo(
        f"Klaar: {len(result.nieuw)} bestand(en) ingelezen ({result.rijen} rijen), "
        f"{len(result.overgeslagen)} ongewijzigd overgeslagen."
        + (" Views en naamkoppeling opnieuw opgebouwd." if result.model_herbouwd else "")
    )


@main.command("eerste-start")
@click.option(
    "--database-url", help="SQLAlchemy-URL (standaard: GELDSTROMEN_DATABASE_URL of SQLite)."
)
@click.option("--quiet", is_flag=True, help="Geen voortgangsbalken.")
def eerste_start(database_url, quiet) -> None:
    """First run without a data folder: ingest online when CBS is reachable, otherwise explain
    the data-folder route. Always exits 0 so ``make run`` starts the app."""
    from data_sources.eerste_start import eerste_start as run

    try:
        run(_engine(database_url), get_settings(), echo=click.echo, progress=not quiet)
    except KeyboardInterrupt:
        click.echo(
            "Onderbroken. Opgehaalde pagina's blijven bewaard: `make run` gaat verder waar het "
            "stopte. De app start op de startpagina."
        )


@main.group()
def export() -> None:
    """Export tables (CSV to stdout without -o)."""


@export.command("indicatoren")
@click.option("--gemeente", required=True, help="Gemeentecode, bv. GM0363.")
@click.option("--niveau", type=click.Choice(NIVEAUS), default="wijk", show_default=True)
@click.option("--jaar", type=int, required=True, help="Jaar (indeling) van de gegevens.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "csv-nl", "xlsx", "parquet"]),
    default="csv",
    show_default=True,
    help="csv-nl: ; en decimale komma voor Excel.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Uitvoerbestand.")
@click.option("--database-url")
def export_indicatoren(gemeente, niveau, jaar, fmt, output, database_url) -> None:
    """One row per region x indicator: regio_code, regio_naam, niveau, jaar, indicator,
    bron_kolom, waarde (empty = suppressed/unknown), eenheid, methode, bron."""
    from geldstromen.domain.export import (
        datapakket,
        datapakket_bytes,
        export_bytes,
        sidecar_naam,
    )
    from geldstromen.queries import run_query

    engine = _engine(database_url)
    if not db.is_initialised(engine):
        _fail("de database is leeg; voer eerst `geldstromen ingest` uit.")
    frame = run_query(
        engine,
        "export_indicatoren",
        gemeente_code=gemeente.strip().upper(),
        niveau=niveau,
        jaar=jaar,
    )
    if frame.empty:
        _fail(f"geen gegevens voor {gemeente} op niveau {niveau} in {jaar}.")
    meta = {
        "tabel": "indicatoren",
        "gemeente": gemeente,
        "niveau": niveau,
        "jaar": str(jaar),
        "bronnen": "; ".join(sorted(frame["bron"].dropna().unique())),
    }
    _write(export_bytes(frame, fmt, meta), output, fmt)
    if fmt in ("csv", "csv-nl") and output is not None:
        pakket = datapakket(frame, meta, output.name, dutch_excel=fmt == "csv-nl")
        _write(datapakket_bytes(pakket), output.with_name(sidecar_naam(output.name)), "json")


def _write(payload: bytes, output: Path | None, fmt: str) -> None:
    if output is None:
        if fmt not in ("csv", "csv-nl"):
            _fail(f"formaat {fmt} is binair; geef -o BESTAND.")
        sys.stdout.buffer.write(payload)
        return
    try:
        output.write_bytes(payload)
    except OSError as exc:
        _fail(f"{output} kan niet worden geschreven: {exc.strerror or exc}")
    click.echo(f"Geschreven: {output}", err=True)


# Further commands live in their own modules and attach themselves to ``main``/``export``.
# One import line per module (keep this block at the end of the file).
from geldstromen.cli import _registry  # noqa: E402,F401

if __name__ == "__main__":  # pragma: no cover
    main()
