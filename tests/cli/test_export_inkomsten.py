"""``export geldstromen``: gemeentefonds income rows and a user key table (``--sleutels``)."""

from __future__ import annotations

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
from tests.support.exportbestand import cli_export

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
        "export",
        "geldstromen",
        "--gemeente",
        "GM9999",
        "--niveau",
        "wijk",
        "--jaar",
        "2023",
        "--database-url",
        url,
        *extra,
    ]


def _iv3_bron() -> pd.DataFrame:
    """The fixture Iv3 file read directly (thousands of euro), Testdorp only."""
    raw = pd.read_csv(
        FIXTURES / "data" / "iv3" / "iv3_gemeenten_taakveld_2023_begroting.csv", sep=";"
    )
    raw = raw[raw["Gemeenten"] == "Testdorp"]
    raw["code"] = raw["Taakveld"].str.split(" ").str[0]
    return raw


def test_export_counts_the_algemene_uitkering_once(url, tmp_path):
    res, frame, pakket, meta = cli_export(_args(url), tmp_path)
    assert res.exit_code == 0, res.output
    bron = _iv3_bron()
    # the circulaire is named as a breakdown of Iv3 0.7, with the difference, not as rows
    assert "meicirculaire 2022, uitkeringsjaar 2023" in meta
    assert "totaal 400000.25 euro" in meta
    b07 = bron.loc[bron["code"] == "0.7", "Baten"].sum() * 1000
    assert f"verschil {b07 - 400000.25:.2f} euro" in meta
    assert not frame["categorie"].str.startswith("gemeentefonds").any()
    assert not frame["van"].isin([VAN_OVERIG]).any()
    # 0.7 arrives from the Rijk at the gemeente itself, never from a wijk
    fonds = frame[frame["van"] == VAN_FONDS]
    assert set(fonds["regio_code"]) == {"GM9999"} and set(fonds["naar_code"]) == {"GM9999"}
    assert set(fonds["methode"]) == {"waargenomen"} and fonds["van_code"].isna().all()
    assert round(fonds["bedrag_eur"].sum(), 2) == b07
    wijk = frame["van_code"].fillna("").str.startswith("WK")
    assert not frame.loc[wijk, "categorie"].str.startswith("0.7").any()
    # van and naar hold names only; codes have their own columns
    assert not frame["van"].str.fullmatch(r"(GM|WK|BU)\d+").any()
    assert not frame["naar"].str.fullmatch(r"(GM|WK|BU)\d+").any()
    # total inflow to the gemeente = Iv3 baten without 0.10/0.11, exactly once
    meegeteld = bron[~bron["code"].isin(["0.10", "0.11"])]
    instroom = frame.loc[frame["naar_code"] == "GM9999", "bedrag_eur"].sum()
    assert round(instroom, 2) == round(meegeteld["Baten"].sum() * 1000, 2)


def test_export_names_missing_circulaire(url, tmp_path):
    res, _, _, meta = cli_export(_args(url, "--circulaire", "S2030"), tmp_path)
    assert res.exit_code == 0, res.output
    assert "meicirculaire 2022" in meta  # unknown choice falls back to the newest
    assert "circulaire S2030 is er niet" in res.stderr
    assert "circulaire S2030 is er niet voor uitkeringsjaar 2023" in res.stderr


def test_export_with_own_key_table(url, tmp_path):
    tabel = standaard_sleutels()
    tabel.loc[tabel["taakveld_code"] == "6.3", "sleutel"] = "gemeentebreed"
    path = tmp_path / "verdeelsleutels.csv"
    tabel.to_csv(path, index=False)
    res, frame, pakket, _ = cli_export(_args(url, "--sleutels", str(path)), tmp_path)
    assert res.exit_code == 0, res.output
    assert pakket["geldstromen"]["verdeelsleutels"].startswith(
        "eigen tabel uit verdeelsleutels.csv"
    )
    data = pakket["resources"][1]["data"]
    sleutels = pd.DataFrame(data[1:], columns=data[0]).set_index("taakveld_code")
    assert sleutels.at["6.3", "sleutel"] == "gemeentebreed"
    rows = frame[frame["categorie"].str.startswith("6.3 ") & (frame["van_code"] == "GM9999")]
    assert set(rows["naar"]) == {"gemeente als geheel (geen wijk of buurt)"}
    # not placed in any wijk: not 'toegerekend' (docs/methods.md, export columns)
    assert set(rows["methode"]) == {"niet toegerekend"}
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
    tekst = " ".join(res.output.split())
    assert "Rijk (gemeentefonds)" in tekst and "geen extra stroom" in tekst
