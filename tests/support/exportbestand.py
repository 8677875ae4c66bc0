"""Run a CSV export of the CLI into a file and read it as a researcher's tool would:
``pandas.read_csv`` with its defaults, and the Frictionless data package beside it validated."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner


def valideer_pakket(pad: Path) -> dict:
    """Validate a data package (descriptor and every row of its CSV against the schema);
    returns the descriptor. Fails the test with frictionless's own report."""
    from frictionless import Package

    rapport = Package(str(pad)).validate()
    assert rapport.valid, rapport.flatten(["rowNumber", "fieldName", "type", "note"])
    return json.loads(pad.read_text(encoding="utf-8"))


def cli_export(args: list[str], map_: Path, naam: str = "export.csv"):
    """(result, frame, descriptor, metadata text) of ``args`` written to ``map_/naam``;
    frame and descriptor are None when the command failed."""
    from geldstromen.cli import main

    uit = map_ / naam
    res = CliRunner().invoke(main, [*args, "-o", str(uit)])
    if res.exit_code != 0:
        return res, None, None, ""
    tekst = uit.read_text(encoding="utf-8")
    assert not tekst.startswith("#"), "CSV begint met commentaarregels"
    frame = pd.read_csv(uit)  # defaults: what a researcher types
    pad = uit.with_name(uit.name[:-4] + ".datapackage.json")
    pakket = valideer_pakket(pad)
    return res, frame, pakket, pad.read_text(encoding="utf-8")
