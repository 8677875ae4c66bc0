"""``check-upload`` and ``import-lokaal``: a gemeente's own figures, validated first.

Both print the Dutch report and exit 1 on any problem; never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geldstromen import db
from geldstromen.cli import NIVEAUS, _engine, main
from geldstromen.config import get_settings
from geldstromen.domain.upload import UploadFout, lees_pad
from geldstromen.domain.validatie import (
    CODE_PATROON,
    EENHEDEN,
    Codes,
    Uitkomst,
    indeling,
    rapport,
    valideer,
)


def _regios(database_url, gemeente, niveau, jaar) -> tuple[set[str], dict[str, list[int]]]:
    from geldstromen.queries import run_query

    engine = _engine(database_url)
    if not db.is_initialised(engine):
        raise UploadFout("de database is leeg; voer eerst `geldstromen ingest` uit.")
    codes = run_query(engine, "lokaal_regios", gemeente_code=gemeente, niveau=niveau)
    huidig, oude = indeling(codes, jaar)
    if not huidig:
        raise UploadFout(f"geen {niveau}-indeling voor {gemeente} in {jaar} in de database.")
    return huidig, oude


def _alle_regios(database_url, niveau, jaar) -> tuple[Codes, dict[str, list[int]]]:
    """Without a gemeente: every known code of the level(s) in the store, of ``jaar`` (codes
    only known in other years are named as old codes) or of any year when no year is given."""
    import pandas as pd

    from geldstromen.queries import run_query

    engine = _engine(database_url)
    if not db.is_initialised(engine):
        raise UploadFout(
            "de database is leeg, dus de regiocodes kunnen niet worden gecontroleerd; voer "
            "eerst `geldstromen ingest` uit."
        )
    niveaus = [niveau] if niveau else list(CODE_PATROON)
    codes = pd.concat([run_query(engine, "lokaal_regios_niveau", niveau=n) for n in niveaus])
    if jaar is None:
        huidig, oude = set(codes["regio_code"].astype(str).str.strip()), {}
        bereik = "in de database (in geen enkele gebiedsindeling)"
    else:
        huidig, oude = indeling(codes, jaar)
        if not huidig:
            raise UploadFout(f"geen gebiedsindeling {jaar} in de database.")
        bereik = f"in de gebiedsindeling {jaar} van de database"
    regios = Codes(huidig)
    regios.bereik = bereik
    return regios, oude


def controleer(path, gemeente, niveau, jaar, eenheid, database_url) -> Uitkomst:
    """Read and validate a file: every code is checked against the codes in the store (of the
    gemeente's indeling when a gemeente is given, else of all gemeenten)."""
    tabel = lees_pad(Path(path), get_settings().max_upload_mb)
    if gemeente:
        regios, oude = _regios(database_url, gemeente, niveau, jaar)
    else:
        regios, oude = _alle_regios(database_url, niveau, jaar)
    uitkomst = valideer(tabel, niveau=niveau, regios=regios, oude=oude, eenheid=eenheid)
    uitkomst.meldingen[:0] = tabel.meldingen
    return uitkomst


def _run(path, gemeente, niveau, jaar, eenheid, database_url) -> Uitkomst:
    if gemeente and jaar is None:
        _stop("geef ook --jaar (de gebiedsindeling) bij --gemeente.")
    try:
        uitkomst = controleer(path, gemeente, niveau, jaar, eenheid, database_url)
    except UploadFout as exc:
        _stop(str(exc))
    except Exception as exc:  # noqa: BLE001 - any surprise becomes a Dutch message, not a traceback
        _stop(f"het bestand kan niet worden gecontroleerd ({type(exc).__name__}).")
    click.echo(rapport(uitkomst, Path(path).name))
    if not uitkomst.geldig:
        sys.exit(1)
    return uitkomst


def _stop(message: str) -> None:
    click.echo(f"Fout: {message}\nEr is niets ingelezen.", err=True)
    sys.exit(1)


_EENHEID = click.option(
    "--eenheid",
    type=click.Choice(sorted(set(EENHEDEN.values()))),
    help="Eenheid voor kolommen zonder _eur/_aantal/_pct in de naam.",
)


@main.command("check-upload")
@click.argument("bestand", type=click.Path(path_type=Path))
@click.option("--gemeente", help="Gemeentecode; controleert de codes tegen de gebiedsindeling.")
@click.option(
    "--niveau", type=click.Choice(NIVEAUS), help="Niveau (standaard: wijk bij --gemeente)."
)
@click.option("--jaar", type=int, help="Jaar van de gebiedsindeling.")
@_EENHEID
@click.option("--database-url")
def check_upload(bestand, gemeente, niveau, jaar, eenheid, database_url) -> None:
    """Validate a CSV/Excel file with own figures without importing (exit 0 = valid)."""
    gemeente = gemeente.strip().upper() if gemeente else None
    niveau = niveau or ("wijk" if gemeente else None)
    _run(bestand, gemeente, niveau, jaar, eenheid, database_url)


@main.command("import-lokaal")
@click.argument("bestand", type=click.Path(path_type=Path))
@click.option("--gemeente", required=True, help="Gemeentecode, bv. GM0363.")
@click.option("--niveau", type=click.Choice(NIVEAUS), default="wijk", show_default=True)
@click.option("--jaar", type=int, required=True, help="Jaar van de gebiedsindeling.")
@_EENHEID
@click.option("--database-url")
def import_lokaal(bestand, gemeente, niveau, jaar, eenheid, database_url) -> None:
    """Validate, then store own figures as 'eigen data' (all or nothing, one transaction)."""
    from data_sources.base import sha256_file
    from data_sources.lokaal import importeer

    gemeente = gemeente.strip().upper()
    uitkomst = _run(bestand, gemeente, niveau, jaar, eenheid, database_url)
    try:
        n = importeer(
            _engine(database_url),
            uitkomst.waarden,
            pad=Path(bestand),
            sha256=sha256_file(Path(bestand)),
            gemeente=gemeente,
            niveau=niveau,
            jaar=jaar,
        )
    except Exception as exc:  # noqa: BLE001
        _stop(f"opslaan mislukt: {db.foutmelding(exc)} De database is ongewijzigd.")
    click.echo(f"Ingelezen als 'eigen data': {n} waarde(n) voor {gemeente} ({niveau}, {jaar}).")
