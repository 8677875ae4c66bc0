"""``geldstromen export geldstromen``: money flows of a gemeente's wijken or buurten."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from geldstromen.cli import _engine, _fail, _write, export

FAMILIES = ["gemeente", "huishoudens", "zorg", "alle"]


def _flows(engine, gemeente, niveau, jaar, stuk, familie, sleutels=None, circulaire=None):
    """The selection's flows through ``families.stromen`` (lasten and baten) and the
    gemeentefonds reconciliation; (frame, notes for the metadata, the route's result)."""
    from geldstromen.families import gemeente as fam_gemeente
    from geldstromen.families.stromen import Selectie, stromen

    families = ("gemeente", "huishoudens", "zorg") if familie == "alle" else (familie,)
    sel = Selectie(gemeente, niveau, int(jaar), stuk, "beide", families, sleutels, circulaire)
    res = stromen(engine, sel)
    notes = list(res.notities)
    for kant, toer in res.gemeente.items():
        for r in toer.uitgesloten.itertuples():
            notes.append(f"niet meegeteld ({kant}): {r.categorie} {r.bedrag_eur:.2f} euro")
        pairs = ", ".join(f"{x.indicator}={x.jaar}" for x in toer.sleuteljaren.itertuples())
        notes.append(f"sleuteljaren ({kant}, indeling {toer.indelingsjaar}): {pairs}")
    if res.jaren.iv3_jaar is not None:
        aans = fam_gemeente.fonds_aansluiting(
            engine, gemeente, res.jaren.iv3_jaar, res.jaren.stuk, circulaire
        )
        if aans.tekst and aans.fonds is not None:
            click.echo(f"Let op: {aans.tekst}.", err=True)
        if aans.fonds is not None:
            res.jaren.circulaire = aans.fonds.circulaire
        notes.append(_fonds_noot(aans))
    for naam in ("huishoudens", "zorg"):
        if naam in families and res.familie(naam).empty:
            notes.append(
                f"{naam}: geen stromen voor {niveau} (KWB {res.jaren.kwb_jaar}); deze familie "
                "ontbreekt in de export"
            )
    return res.flows, notes, res


#: Which notes of the route explain an empty family (their first words).
_REDEN = {
    "gemeente": ("Gemeente", "Geen KWB"),
    "huishoudens": ("Huishoudens", "Inkomen", "Energie", "Geen KWB"),
    "zorg": ("Zorg", "Vektis", "Geen KWB"),
}


def ontbrekende_families(res, families) -> dict[str, str]:
    """Requested families without a single row -> why (Dutch, from the route's notes)."""
    uit = {}
    for naam in families:
        if not res.familie(naam).empty:
            continue
        model = getattr(res, naam, None) if naam != "gemeente" else None
        redenen = list(getattr(model, "notities", []) or [])
        redenen += [n for n in res.notities if n.startswith(_REDEN[naam]) and n not in redenen]
        if naam == "gemeente" and res.jaren.iv3_jaar is None and not redenen:
            redenen.append("geen Iv3-gegevens voor deze gemeente in de database")
        if naam == "zorg" and not redenen:
            redenen.append("geen Vektis Zvw-gegevens voor deze gemeente in de database")
        if naam == "huishoudens" and not redenen:
            redenen.append("geen KWB-inkomens- of energiegegevens op dit niveau in de database")
        uit[naam] = " ".join(r.rstrip(".") + "." for r in redenen)
    return uit


def _fonds_noot(aans) -> str:
    """One line: the gemeentefonds as a breakdown of Iv3 0.7, never an extra stream."""
    if aans.fonds is None:
        return f"gemeentefonds: {aans.tekst}"
    tekst = (
        f"gemeentefonds: {aans.fonds.bron}, totaal {aans.totaal_eur:.2f} euro; dit is een "
        "uitsplitsing van de algemene uitkering (Iv3 0.7 baten, van='Rijk (gemeentefonds)'), "
        "geen extra stroom"
    )
    if aans.iv3_07_eur is not None:
        tekst += (
            f"; Iv3 0.7 baten {aans.iv3_07_eur:.2f} euro, verschil {aans.verschil_iv3_eur:.2f} euro"
        )
    if aans.signalen:
        tekst += f"; meer dan 5% veranderd t.o.v. {aans.vorige}: {', '.join(aans.signalen)}"
    return tekst


def _sleutels(path: Path | None) -> tuple[pd.DataFrame, str]:
    """The key table to use: the default, or a checked user CSV (exits with a Dutch error)."""
    from geldstromen.domain.catalogus import indicator_catalogue
    from geldstromen.domain.sleuteltabel import SleutelFout, lees_sleuteltabel
    from geldstromen.domain.taakvelden import standaard_sleutels

    if path is None:
        return standaard_sleutels(), "standaard (geldstromen/domain/sleutels.csv)"
    try:
        tekst = path.read_bytes()
    except OSError as exc:
        _fail(f"sleutelbestand {path} is niet te lezen: {exc.strerror or exc}")
    try:
        tabel = lees_sleuteltabel(tekst, set(indicator_catalogue()["indicator"]))
    except SleutelFout as exc:
        _fail(f"sleutelbestand {path.name} is ongeldig: {exc}")
    return tabel, f"eigen tabel uit {path.name} ({len(tabel)} taakvelden)"


@export.command("geldstromen")
@click.option("--gemeente", required=True, help="Gemeentecode, bv. GM0363.")
@click.option("--niveau", type=click.Choice(["wijk", "buurt"]), default="wijk", show_default=True)
@click.option(
    "--jaar",
    type=int,
    required=True,
    help="Gekozen jaar. Ontbreekt een bron voor dat jaar, dan wordt het dichtstbijzijnde jaar "
    "gebruikt en gemeld; elke rij draagt het jaar van haar geld (kolom jaar).",
)
@click.option("--stuk", type=click.Choice(["begroting", "jaarrekening"]), default="begroting")
@click.option("--familie", type=click.Choice(FAMILIES), default="gemeente", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Uitvoerbestand.")
@click.option(
    "--sleutels",
    "sleutel_pad",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Eigen verdeelsleutels: de CSV die de sleuteleditor op de Wijkprofiel-pagina "
    "downloadt (taakveld_code,sleutel,fallback,sleutel_baten,fallback_baten,toelichting). "
    "Onbekende taakvelden of sleutels geven een foutmelding. Taakvelden die ontbreken "
    "worden niet toegerekend (gemeentebreed).",
)
@click.option(
    "--circulaire",
    help="Gemeentefondscirculaire voor de inkomstenkant, bv. M2024 of S2024 "
    "(standaard de nieuwste met dit uitkeringsjaar).",
)
@click.option(
    "--gedeeltelijk",
    is_flag=True,
    help="Schrijf de export ook als een gevraagde familie geen gegevens heeft (die familie "
    "ontbreekt dan; de reden staat in de metadata). Zonder deze optie is dat een fout.",
)
@click.option(
    "--metadata",
    "metadata_pad",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Waar het metadatabestand (Frictionless data package, JSON) komt; standaard naast "
    "-o als <naam>.datapackage.json.",
)
@click.option("--database-url")
def export_geldstromen(
    gemeente,
    niveau,
    jaar,
    stuk,
    familie,
    fmt,
    output,
    sleutel_pad,
    circulaire,
    gedeeltelijk,
    metadata_pad,
    database_url,
) -> None:
    """Geldstromen (kolommen regio_code ... bron) van de wijken of buurten van een gemeente.

    Familie gemeente: Iv3-lasten en -baten per taakveld, toegerekend met de verdeelsleutels.
    Geld van het Rijk (0.7 algemene uitkering: van='Rijk (gemeentefonds)'; 6.3 BUIG:
    van='Rijk (specifieke uitkeringen)') komt nooit uit een wijk; de gemeentefondsclusters
    van de circulaire zijn een uitsplitsing daarvan (metadata: totaal en verschil met Iv3 0.7),
    geen extra stroom. De instroom naar de gemeente is precies het Iv3-batentotaal. De gebruikte sleuteltabel staat
    in het metadatabestand (CSV: een Frictionless data package <naam>.datapackage.json naast
    het CSV-bestand, dat zelf een kaal CSV-bestand is) of op het blad 'verdeelsleutels' (xlsx);
    niet te koppelen gemeentenamen worden genoemd. Kolommen van en naar bevatten de naam van
    de partij, van_code en naar_code de code. Een gevraagde familie zonder gegevens is een
    fout, tenzij --gedeeltelijk."""
    from geldstromen import db
    from geldstromen.domain.export import (
        datapakket,
        datapakket_bytes,
        sidecar_naam,
        to_csv_bytes,
        to_xlsx_bytes,
    )
    from geldstromen.domain.geldstroom import export_frame
    from geldstromen.families.gemeente import namen_onbekend

    engine = _engine(database_url)
    if not db.is_initialised(engine):
        _fail("de database is leeg; voer eerst `geldstromen ingest` uit.")
    code = gemeente.strip().upper()
    sleutels, sleutel_bron = _sleutels(sleutel_pad)
    frame, notes, res = _flows(engine, code, niveau, jaar, stuk, familie, sleutels, circulaire)
    if frame.empty:
        _fail(f"geen geldstromen voor {code} ({niveau}, {stuk} {jaar}): " + "; ".join(notes))
    families = ("gemeente", "huishoudens", "zorg") if familie == "alle" else (familie,)
    ontbreekt = ontbrekende_families(res, families)
    if ontbreekt:
        wat = "; ".join(f"familie {naam}: {reden}" for naam, reden in ontbreekt.items())
        if not gedeeltelijk:
            _fail(
                f"geen gegevens voor {code} ({niveau}, {jaar}) - {wat} Geef --gedeeltelijk om "
                "de export zonder deze familie/families te schrijven."
            )
        notes.append(f"gedeeltelijke export, ontbreekt: {wat}")
        click.echo(f"Let op: gedeeltelijke export, ontbreekt: {wat}", err=True)
    frame = export_frame(frame)
    for note in [n for n in notes if ": geen stromen voor " in n] + res.vervangen:
        click.echo(f"Let op: {note.rstrip('.')}.", err=True)
    click.echo(res.jaren.regel(), err=True)
    click.echo(f"Verdeelsleutels: {sleutel_bron}.", err=True)
    onbekend = namen_onbekend(engine)
    if len(onbekend):
        notes.append(
            "gemeentenamen zonder code (niet in deze export): "
            + ", ".join(sorted(set(onbekend["naam"])))
        )
        click.echo(
            f"Let op: {len(set(onbekend['naam']))} gemeentenaam/-namen zonder code.", err=True
        )
    meta = {
        "tabel": "geldstromen",
        "gemeente": code,
        "niveau": niveau,
        "jaar": str(jaar),
        "stuk": stuk,
        "familie": familie,
        "jaren": res.jaren.regel(),
        "verdeelsleutels": sleutel_bron,
        "opmerkingen": " | ".join(notes),
    }
    if fmt == "csv":
        payload = to_csv_bytes(frame)
    else:
        payload = to_xlsx_bytes(frame, meta, {"verdeelsleutels": sleutels})
    _write(payload, output, fmt)
    if fmt == "csv" and (output is not None or metadata_pad is not None):
        csv_naam = output.name if output is not None else "geldstromen.csv"
        pad = metadata_pad or output.with_name(sidecar_naam(output.name))
        pakket = datapakket(frame, meta, csv_naam, {"verdeelsleutels": sleutels})
        _write(datapakket_bytes(pakket), pad, "json")
