"""``geldstromen proxy-config``: the nginx config of the multi-user set-up (docs/deployment.md)."""

from __future__ import annotations

from pathlib import Path

import click

from geldstromen.cli import _fail, main


@main.command("proxy-config")
@click.option(
    "--app",
    "apps",
    multiple=True,
    required=True,
    help="host:poort van een app-proces (herhaal voor elk proces).",
)
@click.option("--luister", default="80", show_default=True, help="Adres:poort of poort van nginx.")
@click.option(
    "--werkmap",
    required=True,
    type=click.Path(path_type=Path),
    help="Map voor pid, foutlog en tijdelijke bestanden van nginx.",
)
@click.option("--gebruiker", default=None, help="Gebruiker van de nginx-worker (bv. www-data).")
@click.option(
    "--uit", type=click.Path(path_type=Path), help="Schrijf naar dit bestand (anders stdout)."
)
def proxy_config(apps, luister, werkmap, gebruiker, uit) -> None:
    """Print nginx.conf for these app processes (deploy/nginx.conf.template): sticky
    sessions on a route cookie, websockets, the app's upload limit."""
    from geldstromen.bench.proxy import nginx_config

    for app in apps:
        host, _, poort = app.rpartition(":")
        if not host or not poort.isdigit():
            _fail(f"--app {app!r}: verwacht host:poort, bv. 127.0.0.1:8501.")
    tekst = nginx_config(luister, list(apps), werkmap, gebruiker)
    if uit is None:
        click.echo(tekst, nl=False)
        return
    try:
        uit.write_text(tekst, encoding="utf-8")
    except OSError as exc:
        _fail(f"kan {uit} niet schrijven: {exc.strerror}.")
    click.echo(f"Geschreven: {uit}")
