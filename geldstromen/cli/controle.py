"""``geldstromen controle``: reconcile a gemeente's money model with its sources."""

from __future__ import annotations

import sys

import click
import pandas as pd

from geldstromen import db
from geldstromen.cli import _engine, _fail, main
from geldstromen.domain.per_inwoner import MIN_INWONERS


def _bedrag(value) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{value:,.2f}".replace(",", " ")


def _tabel(frame: pd.DataFrame, euro: list[str] | None = None) -> str:
    if frame.empty:
        return "  (geen)"
    frame = frame.copy()
    for col in euro or []:
        if col in frame:
            frame[col] = frame[col].map(_bedrag)
    for col in frame.columns:
        if frame[col].dtype.kind == "f" and col not in (euro or []):
            frame[col] = frame[col].map(lambda v: "—" if pd.isna(v) else f"{v:.1f}")
    return frame.to_string(index=False)


def _kop(titel: str) -> None:
    click.echo(f"\n== {titel}")


def rapport(c) -> None:
    """Print a :class:`~geldstromen.domain.controle.Controle` to the terminal."""
    click.echo(
        f"Verantwoording {c.gemeente_naam} ({c.gemeente_code}), {c.stuk} {c.jaar}, "
        f"niveau {c.niveau}"
    )
    _kop("Invarianten")
    for r in c.invarianten.itertuples():
        click.echo(f"  [{'OK' if r.ok else 'FOUT'}] {r.invariant}: {r.toelichting}")
    _kop("Jaren in dit beeld")
    click.echo(_tabel(c.jaren))
    _kop("Bron (Iv3) tegen export per taakveld, euro")
    kol = [
        "taakveld_code",
        "iv3_lasten",
        "export_lasten",
        "niet_meegeteld_lasten",
        "verschil_lasten",
        "iv3_baten",
        "export_baten",
        "niet_meegeteld_baten",
        "verschil_baten",
    ]
    euro = kol[1:]
    totaal = c.bronnen[euro].sum().to_frame().T.assign(taakveld_code="totaal")
    click.echo(_tabel(pd.concat([c.bronnen[kol], totaal[kol]], ignore_index=True), euro))
    _kop("Totalen per familie in de export (euro)")
    click.echo(_tabel(c.families, ["bedrag_eur", "bron_eur", "verschil_eur"]))
    _kop("Sleuteldekking: geld per soort sleutel (euro, aandeel in %)")
    click.echo(_tabel(c.dekking, ["bedrag_eur"]))
    _kop("Taakvelden niet (helemaal) met hun bedoelde sleutel, of met een oude sleutel")
    s = c.sleutels
    if not s.empty:
        nb = [k for k in ("terugval", "alleen inwoners") if k in s.columns]
        mis = s[(s[nb].abs().sum(axis=1) > 0) | s["verouderd"]] if nb else s[s["verouderd"]]
        click.echo(_tabel(mis, [k for k in s.columns if k in nb + ["bedoeld"]]))
    _kop("Gemeentefonds: uitsplitsing van Iv3 0.7, tegen de vorige circulaire")
    f = c.fonds
    if f is None or f.fonds is None:
        click.echo(f"  {f.tekst if f else 'geen gemeentefonds'}")
    else:
        click.echo(f"  {f.fonds.bron}; vorige: {f.vorige or 'geen'}")
        click.echo(_tabel(f.tabel, ["bedrag_eur", "vorige_eur", "verschil_eur"]))
        click.echo(
            f"  Iv3 0.7 baten: {_bedrag(f.iv3_07_eur)}; circulaire totaal: "
            f"{_bedrag(f.totaal_eur)}; verschil: {_bedrag(f.verschil_iv3_eur)}"
        )
        if f.signalen:
            click.echo(f"  Meer dan 5% veranderd: {', '.join(f.signalen)}")
    _kop(f"Gebieden onder de inwonergrens van {MIN_INWONERS} (geen bedragen per inwoner)")
    click.echo(_tabel(c.klein))
    for note in c.opmerkingen:
        click.echo(f"  Let op: {note}")


@main.command("controle")
@click.option("--gemeente", required=True, help="Gemeentecode, bv. GM0518.")
@click.option("--jaar", type=int, required=True, help="Begrotings- of rekeningjaar (Iv3).")
@click.option("--stuk", type=click.Choice(["begroting", "jaarrekening"]), default="begroting")
@click.option("--niveau", type=click.Choice(["wijk", "buurt"]), default="wijk", show_default=True)
@click.option("--circulaire", help="Gemeentefondscirculaire, bv. M2024 (standaard de nieuwste).")
@click.option("--database-url")
def controle(gemeente, jaar, stuk, niveau, circulaire, database_url) -> None:
    """Verantwoording: bron tegen export per familie en taakveld, de gebruikte jaren, de
    invarianten tegen dubbeltellen, de sleuteldekking (bedoeld / terugval / alleen inwoners)
    en de gebieden onder de inwonergrens. Exitcode 1 als een invariant niet klopt."""
    from geldstromen.families.verantwoording import GeenToerekening, verantwoording

    engine = _engine(database_url)
    if not db.is_initialised(engine):
        _fail("de database is leeg; voer eerst `geldstromen ingest` uit.")
    code = gemeente.strip().upper()
    try:
        c = verantwoording(engine, code, jaar, stuk, niveau, circulaire=circulaire)
    except GeenToerekening as exc:
        _fail(f"{exc}.")
    if c is None:
        _fail(f"geen Iv3-gegevens voor {code} ({stuk} {jaar}).")
    rapport(c)
    if not c.ok:
        click.echo("Fout: invariant(en) geschonden:\n  " + "\n  ".join(c.fouten), err=True)
        sys.exit(1)
    click.echo("\nAlle invarianten kloppen.")
