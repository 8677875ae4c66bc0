"""``geldstromen export geldstromen`` on the fixture store: CSV header block and Excel sheets."""

from __future__ import annotations

import io
import shutil

import pandas as pd
from click.testing import CliRunner

from data_sources.geometrie import SOORT as GEO_SOORT
from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.cli import main
from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS
from tests.conftest import FIXTURES


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
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    text = res.stdout
    assert "# 6.3,bijstand_aantal" in text and "niet meegeteld" in text
    frame = pd.read_csv(io.StringIO(text), comment="#", dtype={"categorie": str})
    assert list(frame.columns) == GELDSTROOM_COLUMNS
    assert set(frame["familie"]) == {"gemeente", "huishoudens"}
    # no KWB 2023: the nearest year with both levels (2019) is used, and said so; a row's
    # jaar is the year of its money (Iv3 2023, household income KWB 2019)
    assert "sleutels uit KWB 2019 (dichtstbijzijnde jaar met beide niveaus" in res.stderr
    assert set(frame.loc[frame["familie"] == "gemeente", "jaar"]) == {2023}
    assert set(frame.loc[frame["familie"] == "huishoudens", "jaar"]) == {2019}
    assert "# jaren: Jaren in dit beeld: gemeente Iv3 begroting 2023" in text
    # a family without data (no Vektis ingested here) is named, never silently left out
    assert "zorg: geen stromen voor buurt (KWB 2019)" in res.stderr
    assert "zorg: geen stromen voor buurt (KWB 2019)" in text
    lasten = frame[frame["van"] == "GM9999"]
    assert round(lasten["bedrag_eur"].sum(), 2) == 5917.0 * 1000  # all lasten but 0.10
    assert "Nergenshuizen" in res.stderr or "zonder code" in res.stderr
    out = tmp_path / "g.xlsx"
    res = CliRunner().invoke(main, args[:-4] + ["--format", "xlsx", "-o", str(out)] + args[-2:])
    assert res.exit_code == 0, res.output
    sheets = pd.read_excel(out, sheet_name=None)
    assert {"gegevens", "metadata", "verdeelsleutels"} <= set(sheets)
