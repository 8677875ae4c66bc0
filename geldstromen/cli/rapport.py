"""``geldstromen report``: the one-page PDF or PNG of one wijk/buurt."""

from __future__ import annotations

from pathlib import Path

import click

from geldstromen import db
from geldstromen.cli import _engine, _fail, main


@main.command("report")
@click.option("--regio", required=True, help="Regiocode, bv. WK051829 (niveau en gemeente volgen).")
@click.option("--jaar", type=int, required=True, help="Jaar (indeling) van de gegevens.")
@click.option(
    "--format", "fmt", type=click.Choice(["pdf", "png"]), default="pdf", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="Uitvoerbestand."
)
@click.option("--database-url")
def report(regio, jaar, fmt, output, database_url) -> None:
    """One A4 landscape page (pdf) or map + flows image (png) for one region."""
    from geldstromen.rapport import maak_rapport
    from geldstromen.rapport.gegevens import GeenGegevens

    engine = _engine(database_url)
    if not db.is_initialised(engine):
        _fail("de database is leeg; voer eerst `geldstromen ingest` uit.")
    try:
        payload = maak_rapport(engine, regio, jaar, fmt)
    except (ValueError, GeenGegevens) as exc:
        _fail(str(exc))
    output.write_bytes(payload)
    click.echo(f"Geschreven: {output}", err=True)
