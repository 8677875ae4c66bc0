"""``export geldstromen``: gemeentefonds income rows and a user key table (``--sleutels``)."""

from __future__ import annotations

import io
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from data_sources.geometrie import SOORT as GEO_SOORT
from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.cli import main
from geldstromen.domain.gemeentefonds import VAN_FONDS, VAN_OVERIG
from geldstromen.domain.taakvelden import standaard_sleutels
from tests.conftest import FIXTURES

# synthetic circulaire for uitkeringsjaar 2023 (the fixture Iv3 year)
GF_2023 = (
    ";Gemeenten;Participatie;Individuele voorzieningen Jeugd;Onroerendezaakbelasting;Totaal\n"
    "0;Testdorp;300000.25;200000.0;-100000.0;400000.25\n"
)


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli_ink")
    data = tmp / "data"
    shutil.copytree(FIXTURES / "data", data)
    (data / "gemeentefonds" / "GF_M2022_2023_per_cluster.csv").write_text(GF_2023)
    url = f"sqlite:///{tmp / 'x.sqlite'}"
    soorten = {"cbs_kwb", "iv3", "gemeentefonds", GEO_SOORT}
    ingest(db.make_engine(url), [b for b in vind_bestanden(data) if b.soort in soorten])
    return url


def _args(url, *extra):
    return [
        "export", "geldstromen", "--gemeente", "GM9999", "--niveau", "wijk",
        "--jaar", "2023", "--database-url", url, *extra,
    ]  # fmt: skip


def _frame(text):
    return pd.read_csv(io.StringIO(text), comment="#", dtype={"categorie": str})


def test_export_has_gemeentefonds_rows_that_conserve_the_uitkering(url):
    res = CliRunner().invoke(main, _args(url))
    assert res.exit_code == 0, res.output
    assert "meicirculaire 2022, uitkeringsjaar 2023" in res.stdout
    frame = _frame(res.stdout)
    fonds = frame[frame["van"] == VAN_FONDS]
    per = fonds.groupby("categorie")["bedrag_eur"].sum().round(2)
    assert per["gemeentefonds: Participatie"] == 300000.25
    assert per["gemeentefonds: Individuele voorzieningen Jeugd"] == 200000.0
    assert per["gemeentefonds: Onroerendezaakbelasting"] == -100000.0
    assert round(fonds["bedrag_eur"].sum(), 2) == 400000.25  # = Totaal of the circulaire
    assert set(fonds["methode"]) == {"toegerekend"} and set(fonds["naar"]) == {"GM9999"}
    # per region: gemeentefonds + overige middelen == allocated lasten
    lasten = frame[frame["van"] == "GM9999"].groupby("regio_code")["bedrag_eur"].sum()
    ink = frame[frame["van"].isin([VAN_FONDS, VAN_OVERIG])]
    ink = ink.groupby("regio_code")["bedrag_eur"].sum()
    assert (ink.reindex(lasten.index).fillna(0) - lasten).abs().max() < 0.01


def test_export_names_missing_circulaire(url):
    res = CliRunner().invoke(main, _args(url, "--circulaire", "S2030"))
    assert res.exit_code == 0, res.output
    assert "meicirculaire 2022" in res.stdout  # unknown choice falls back to the newest
    assert "circulaire S2030 is er niet voor uitkeringsjaar 2023" in res.stderr


def test_export_with_own_key_table(url, tmp_path):
    tabel = standaard_sleutels()
    tabel.loc[tabel["taakveld_code"] == "6.3", "sleutel"] = "gemeentebreed"
    path = tmp_path / "verdeelsleutels.csv"
    tabel.to_csv(path, index=False)
    res = CliRunner().invoke(main, _args(url, "--sleutels", str(path)))
    assert res.exit_code == 0, res.output
    assert "# verdeelsleutels: eigen tabel uit verdeelsleutels.csv" in res.stdout
    assert "# 6.3,gemeentebreed" in res.stdout
    frame = _frame(res.stdout)
    rows = frame[frame["categorie"].str.startswith("6.3 ") & (frame["van"] == "GM9999")]
    assert set(rows["naar"]) == {"gemeentebreed"}
    out = tmp_path / "g.xlsx"
    res = CliRunner().invoke(
        main, _args(url, "--sleutels", str(path), "--format", "xlsx", "-o", str(out))
    )
    assert res.exit_code == 0, res.output
    sheet = pd.read_excel(out, sheet_name="verdeelsleutels", dtype=str)
    assert sheet.set_index("taakveld_code").at["6.3", "sleutel"] == "gemeentebreed"


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        ("taakveld_code,sleutel\n9.9,inwoners_aantal\n", "onbekend taakveld '9.9'"),
        (
            "taakveld_code,sleutel\n6.3,bestaat_niet_aantal\n",
            "onbekende sleutel 'bestaat_niet_aantal'",
        ),
        ("taakveld,sleutel\n6.3,inwoners_aantal\n", "kolom(men) ontbreken: taakveld_code"),
        ("taakveld_code,sleutel\n6.3,a\n6.3,b\n", "meer dan eens"),
    ],
)
def test_bad_key_table_is_a_clear_dutch_error(url, tmp_path, inhoud, melding):
    path = tmp_path / "sleutels.csv"
    path.write_text(inhoud)
    res = CliRunner().invoke(main, _args(url, "--sleutels", str(path)))
    assert res.exit_code == 1
    assert "Fout: sleutelbestand sleutels.csv is ongeldig" in res.stderr
    assert melding in res.stderr
    assert "Traceback" not in res.output
    assert isinstance(res.exception, SystemExit)


def test_missing_key_file(url, tmp_path):
    res = CliRunner().invoke(main, _args(url, "--sleutels", str(tmp_path / "weg.csv")))
    assert res.exit_code == 1
    assert "is niet te lezen" in res.stderr


def test_help_documents_sleutels():
    res = CliRunner().invoke(main, ["export", "geldstromen", "--help"])
    assert "--sleutels" in res.output and "sleuteleditor" in res.output
    assert "Rijk (gemeentefonds)" in res.output
