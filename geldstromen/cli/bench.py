"""``geldstromen bench``: measure performance against baselines; writes docs/performance.md."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import click

from geldstromen.bench.run import ONDERDELEN
from geldstromen.cli import _fail, main
from geldstromen.config import get_settings

#: Parts with their own module in geldstromen.bench (``meet`` or ``run``, and ``regels``),
#: printed and written to --json on their own.
LOSSE_DELEN = ("grenzen", "vektis", "nationaal")


@main.command()
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Schrijf ook JSON.")
@click.option("--data-dir", type=click.Path(path_type=Path), help="Standaard GELDSTROMEN_DATA_DIR.")
@click.option(
    "--sessions",
    default=25,
    show_default=True,
    help="Gelijktijdige gebruikers op de teamopstelling (één SQLite-proces: 10).",
)
@click.option(
    "--seconds", default=30.0, show_default=True, help="Duur van de gelijktijdige meting."
)
@click.option("--switches", default=30, show_default=True, help="Wisselingen voor rerun_ms.")
@click.option(
    "--herhalingen",
    default=3,
    show_default=True,
    help="Blokken wijkwissel en lege pagina om en om (de verhouding per blok).",
)
@click.option(
    "--alleen",
    multiple=True,
    type=click.Choice(sorted([*ONDERDELEN, *LOSSE_DELEN])),
    help="Meet alleen dit deel (herhaalbaar; team: gelijktijdige gebruikers, grenzen: online "
    "pad tegen bestandspad, opslaggrootte, wijkwissel: wijkwissel tegen lege pagina en "
    "rekentijd store tegen ruwe bestanden; vektis: indelingscontrole en landelijke "
    "PC3-verdeling; nationaal: landelijke replay van alle jaren, opslag per tabel, rerun "
    "tegen de labstore, RSS, SQLite tegen DuckDB; kaart: een gemeente en heel NL tegen de "
    "lege pagina, om en om); schrijft alleen --json, niet docs/performance.md.",
)
@click.option(
    "--met-nationaal",
    is_flag=True,
    help="Volledige meting inclusief de landelijke replay (opslaggrootte, inname, rerun, RSS) "
    "in docs/performance.md.",
)
@click.option(
    "--database-url",
    help="Met --alleen kaart: meet op deze bestaande store in plaats van een verse inname.",
)
def bench(
    json_path,
    data_dir,
    sessions,
    seconds,
    switches,
    herhalingen,
    met_nationaal,
    alleen,
    database_url,
) -> None:
    """Measure rerun, map payload, ingest, memory and concurrency figures with baselines.

    Runs on loopback only; starts its own app processes, a throwaway PostgreSQL and nginx.
    """
    from geldstromen.bench.report import checks
    from geldstromen.bench.run import run_and_write, run_parts

    data_dir = data_dir or get_settings().data_dir
    if data_dir is None and not (set(alleen) == {"kaart"} and database_url):
        _fail("geen gegevensmap: geef --data-dir of zet GELDSTROMEN_DATA_DIR.")
    for naam in alleen:
        if naam not in LOSSE_DELEN:
            continue
        deel = importlib.import_module(f"geldstromen.bench.{naam}")
        if naam == "nationaal":
            result = {naam: deel.run(Path(data_dir), switches=switches)}
        else:
            result = {naam: deel.meet(Path(data_dir))}
        for regel in deel.regels(result[naam]):
            click.echo(regel)
        if json_path is not None:
            json_path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    delen = [naam for naam in alleen if naam not in LOSSE_DELEN]
    if delen:
        result = run_parts(
            Path(data_dir) if data_dir else None,
            delen,
            json_path,
            sessions=sessions,
            seconds=seconds,
            switches=switches,
            herhalingen=herhalingen,
            database_url=database_url,
        )
        for name, value, target, ok in checks(result):
            if value != "n.v.t.":
                mark = "?" if ok is None else ("ok" if ok else "NIET GEHAALD")
                click.echo(f"{name:32} {value:>14}  doel {target:22} {mark}")
    if alleen:
        return
    result = run_and_write(
        Path(data_dir),
        json_path,
        sessions=sessions,
        seconds=seconds,
        switches=switches,
        herhalingen=herhalingen,
        nationaal=met_nationaal,
    )
    for name, value, target, ok in checks(result):
        mark = "?" if ok is None else ("ok" if ok else "NIET GEHAALD")
        click.echo(f"{name:32} {value:>14}  doel {target:22} {mark}")
    click.echo("Geschreven: docs/performance.md")
