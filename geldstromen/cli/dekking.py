"""``geldstromen dekking``: year x indicator x level coverage of the store, no silent holes.

Every catalogue indicator is listed for every year and level in the store: how many regions
have a value, or ``ontbreekt`` with the reason where it is known (not published that year,
every cell empty, level missing, or ``onverklaard``).
"""

from __future__ import annotations

import click
import pandas as pd

from geldstromen import db
from geldstromen.cli import NIVEAUS, _engine, _fail, main
from geldstromen.domain.catalogus import indicator_catalogue
from geldstromen.domain.dekking import dekkingstabel, samenvatting
from geldstromen.domain.export import to_csv_bytes


def dekking_van(engine, gemeente: str | None = None) -> pd.DataFrame:
    """The coverage table of the store behind ``engine`` (optionally for one gemeente)."""
    from geldstromen.queries import run_query

    waarden = run_query(engine, "dekking_waarden", gemeente_code=gemeente)
    regios = run_query(engine, "dekking_regios", gemeente_code=gemeente)
    kolommen = run_query(engine, "dekking_kolommen")
    return dekkingstabel(waarden, regios, kolommen, indicator_catalogue())


@main.command("dekking")
@click.option("--database-url", default=None, help="Database-URL (standaard uit de instellingen).")
@click.option("--gemeente", default=None, help="Alleen de gebieden van deze gemeente (GM-code).")
@click.option("--jaar", type=int, default=None, help="Alleen dit jaar.")
@click.option("--niveau", type=click.Choice(NIVEAUS), default=None, help="Alleen dit niveau.")
@click.option(
    "--format",
    "formaat",
    type=click.Choice(["tabel", "csv", "samenvatting"]),
    default="tabel",
    show_default=True,
)
def dekking(database_url, gemeente, jaar, niveau, formaat) -> None:
    """Dekking van de database: per jaar, indicator en niveau hoeveel gebieden een waarde
    hebben; wat ontbreekt staat er als 'ontbreekt' met de reden."""
    engine = _engine(database_url)
    if not db.is_initialised(engine):
        _fail("de database is leeg; voer eerst `geldstromen ingest` uit.")
    if gemeente is not None:
        gemeente = gemeente.strip().upper()
    tabel = dekking_van(engine, gemeente)
    if jaar is not None:
        tabel = tabel[tabel["jaar"] == jaar]
    if niveau is not None:
        tabel = tabel[tabel["niveau"] == niveau]
    if tabel.empty:
        _fail("geen gegevens voor deze keuze in de database.")
    if formaat == "csv":
        click.echo(to_csv_bytes(tabel).decode("utf-8"), nl=False)
        return
    if formaat == "samenvatting":
        click.echo(samenvatting(tabel).to_string(index=False))
        return
    for (j, n), deel in tabel.groupby(["jaar", "niveau"], sort=True):
        kop = f"== {j} {n} ({int(deel['regios'].max())} gebieden)"
        click.echo(f"\n{kop}")
        click.echo(deel[["indicator", "dekking", "reden"]].to_string(index=False))
