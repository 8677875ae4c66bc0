"""``geldstromen scenario``: run a saved scenario for one region without the UI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from geldstromen import db
from geldstromen.cli import _engine, _fail, _write, main


def _lees_config(pad: Path) -> dict:
    """The config file, read within limits (size, depth, no YAML aliases) and validated."""
    from geldstromen.scenario.config import ScenarioFout, valideer
    from geldstromen.scenario.schema import MAX_BYTES, TE_GROOT, laad_json, laad_yaml

    soort = pad.suffix.lower()
    if soort not in (".json", ".yaml", ".yml"):
        _fail(f"{pad.name}: gebruik een .yaml-, .yml- of .json-bestand.")
    try:
        if pad.stat().st_size > MAX_BYTES:
            raise ScenarioFout([TE_GROOT.format(n=f"{MAX_BYTES:,}".replace(",", "."))])
        try:
            tekst = pad.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise ScenarioFout([f"{pad.name} is geen tekstbestand in UTF-8."]) from None
        wat = pad.name
        config = laad_json(tekst, wat) if soort == ".json" else laad_yaml(tekst, wat)
        return valideer(config)
    except ScenarioFout as exc:
        _fail("het scenario klopt niet:\n- " + "\n- ".join(exc.meldingen))


@main.command("scenario")
@click.option("--regio", required=True, help="Wijk- of buurtcode, bv. WK051829.")
@click.option("--jaar", type=int, required=True, help="Jaar van de wijkgegevens.")
@click.option(
    "--config",
    "config_pad",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Scenario als YAML of JSON (zie docs/scenario.md).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx", "pdf"]), default="csv", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Uitvoerbestand (verplicht voor pdf)."
)
@click.option(
    "--voor-na-jaar",
    type=int,
    default=None,
    help="pdf: jaar van het scenario voor de geldstromen voor/na (standaard jaar 5).",
)
@click.option("--database-url")
def scenario_cmd(regio, jaar, config_pad, fmt, output, voor_na_jaar, database_url) -> None:
    """Every assumption (with source) and the costs, benefits and net effect per party and
    year of a scenario (csv/xlsx), or the scenario pages of the PDF report (pdf: result per
    party, cumulative chart, flows before/after, assumptions). Labelled `scenario`; never
    written to the database."""
    from geldstromen.domain.export import export_bytes
    from geldstromen.scenario import opslag as fam
    from geldstromen.scenario.config import ScenarioFout, ontbrekend, scenario_uit
    from geldstromen.scenario.gegevens import (
        export_meta,
        export_tabel,
        indicatoren_voor,
        invullen,
        prijzen_voor,
    )

    if fmt == "pdf" and output is None:
        _fail("geef met -o een bestand voor de pdf.")
    config = _lees_config(config_pad)
    engine = _engine(database_url)
    if not db.is_initialised(engine):
        _fail("de database is leeg; voer eerst `geldstromen ingest` uit.")
    regio = regio.strip().upper()
    frame = fam.regio_indicatoren(engine, regio)
    indicatoren = indicatoren_voor(frame, jaar)
    if not indicatoren:
        _fail(f"geen wijkgegevens voor {regio} in {jaar}.")
    prijzen = prijzen_voor(fam.energietarieven(engine))
    try:
        items, voet = invullen(config, indicatoren, prijzen, date.today().year, "config-bestand")
    except ScenarioFout as exc:
        _fail("het scenario klopt niet:\n- " + "\n- ".join(exc.meldingen))
    missen = [f"{i['label']}: {', '.join(ontbrekend(i))}" for i in items if ontbrekend(i)]
    if voet["waarde"] is None:
        missen.append("disconteringsvoet")
    if missen:
        _fail(
            "vul deze waarden in het scenario in (geen bron beschikbaar):\n- " + "\n- ".join(missen)
        )
    naam = str(config.get("naam") or config_pad.stem)
    scenario = scenario_uit(items, naam, voet["waarde"])
    tabel = export_tabel(scenario, items, voet)
    regio_naam = str(frame["regio_naam"].iloc[0])
    if fmt == "pdf":
        from geldstromen.scenario.rapport import scenario_pdf, verzamel

        if voor_na_jaar is not None and not scenario.start() <= voor_na_jaar <= scenario.eind():
            _fail(f"--voor-na-jaar moet tussen {scenario.start()} en {scenario.eind()} liggen.")
        aannames = tabel[tabel["onderdeel"] == "aanname"]
        rapport = verzamel(engine, scenario, aannames, regio, regio_naam, jaar, voor_na_jaar)
        output.write_bytes(scenario_pdf(rapport))
        click.echo(f"Geschreven: {output}", err=True)
        return
    _write(export_bytes(tabel, fmt, export_meta(naam, regio, regio_naam, jaar)), output, fmt)
