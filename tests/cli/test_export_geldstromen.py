"""``geldstromen export geldstromen`` on the fixture store: CSV header block and Excel sheets."""

from __future__ import annotations

import shutil

import pandas as pd
from click.testing import CliRunner

from data_sources.geometrie import SOORT as GEO_SOORT
from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.cli import main
from geldstromen.domain.geldstroom import EXPORT_COLUMNS
from tests.conftest import FIXTURES
from tests.support.exportbestand import cli_export


def test_export_geldstromen_csv_and_xlsx(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    soorten = {"cbs_kwb", "iv3", "gemeentefonds", GEO_SOORT}
    ingest(db.make_engine(url), [b for b in vind_bestanden(data) if b.soort in soorten])
    args = [
        "export",
        "geldstromen",
        "--gemeente",
        "GM9999",
        "--niveau",
        "buurt",
        "--jaar",
        "2023",
        "--familie",
        "alle",
        "--database-url",
        url,
    ]
    # no Vektis ingested here: a requested family without data is an error, in Dutch
    res = CliRunner().invoke(main, args)
    assert res.exit_code != 0
    assert "familie zorg:" in res.output and "--gedeeltelijk" in res.output
    res, frame, pakket, text = cli_export([*args, "--gedeeltelijk"], tmp_path)
    assert res.exit_code == 0, res.output
    sleutels = pd.DataFrame(
        pakket["resources"][1]["data"][1:], columns=pakket["resources"][1]["data"][0]
    )
    assert sleutels.set_index("taakveld_code").at["6.3", "sleutel"] == "bijstand_aantal"
    assert "niet meegeteld" in text
    assert list(frame.columns) == EXPORT_COLUMNS
    assert [f["name"] for f in pakket["resources"][0]["schema"]["fields"]] == EXPORT_COLUMNS
    assert set(frame["familie"]) == {"gemeente", "huishoudens"}
    # no KWB 2023: the nearest year with both levels (2019) is used, and said so; a row's
    # jaar is the year of its money (Iv3 2023, household income KWB 2019)
    assert "sleutels uit KWB 2019 (dichtstbijzijnde jaar met beide niveaus" in res.stderr
    assert set(frame.loc[frame["familie"] == "gemeente", "jaar"]) == {2023}
    assert set(frame.loc[frame["familie"] == "huishoudens", "jaar"]) == {2019}
    assert pakket["geldstromen"]["jaren"].startswith(
        "Jaren in dit beeld: gemeente Iv3 begroting 2023"
    )
    # a family without data (no Vektis ingested here) is named, never silently left out
    assert "gedeeltelijke export, ontbreekt: familie zorg" in res.stderr
    assert "zorg: geen stromen voor buurt (KWB 2019)" in text
    lasten = frame[frame["van_code"] == "GM9999"]
    assert round(lasten["bedrag_eur"].sum(), 2) == 5917.0 * 1000  # all lasten but 0.10
    assert "Nergenshuizen" in res.stderr or "zonder code" in res.stderr
    out = tmp_path / "g.xlsx"
    res = CliRunner().invoke(main, args[:-4] + ["--format", "xlsx", "-o", str(out)] + args[-2:])
    assert res.exit_code == 0, res.output
    sheets = pd.read_excel(out, sheet_name=None)
    assert {"gegevens", "metadata", "verdeelsleutels"} <= set(sheets)
