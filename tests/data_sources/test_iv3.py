"""Iv3, gemeentefonds and gemeenteklassen ingest on the synthetic fixtures (both databases)."""

from __future__ import annotations

import shutil

import pytest

from data_sources.geometrie import SOORT as GEO_SOORT
from data_sources.ingest import ingest, vind_bestanden
from data_sources.iv3 import split_taakveld
from geldstromen import db
from geldstromen.families import gemeente
from geldstromen.queries import run_query
from tests.conftest import FIXTURES


@pytest.fixture
def engine(database_url, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    soorten = {"cbs_kwb", "iv3", "gemeentefonds", "gemeenteklasse", GEO_SOORT}
    eng = db.make_engine(database_url)
    ingest(eng, [b for b in vind_bestanden(data) if b.soort in soorten])
    return eng


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("0.10 Mutaties reserves", "0.10"),
        ("0.1 Bestuur", "0.1"),
        ("6.71a Huishoudelijke hulp (WMO)", "6.71a"),
        ("6.751 Jeugdhulp ambulant lokaal", "6.751"),
        ("0.11 Resultaat van de rekening van bat..", "0.11"),
    ],
)
def test_split_taakveld_keeps_codes_as_text(label, code):
    assert split_taakveld(label)[0] == code


def test_iv3_in_euro_with_code_and_unknown_name_visible(engine):
    frame = run_query(engine, "iv3_taakveld", gemeente_code="GM9999", jaar=2023, stuk="begroting")
    tv = frame.set_index("taakveld_code")
    assert tv.at["0.1", "lasten_eur"] == 1_000_000
    assert tv.at["0.10", "lasten_eur"] == 40_000
    assert {"0.1", "0.10"} <= set(tv.index)
    assert tv.at["0.10", "taakveld_naam"] == "Mutaties reserves"
    onbekend = run_query(engine, "iv3_namen_onbekend")
    assert "Nergenshuizen" in set(onbekend["naam"])
    assert "Testdorp" not in set(onbekend["naam"])
    assert set(onbekend.loc[onbekend["naam"] == "Nergenshuizen", "soort"]) == {
        "iv3",
        "gemeentefonds",
    }


def test_gemeentefonds_and_klassen(engine):
    gf = run_query(engine, "gemeentefonds_cluster", gemeente_code="GM9999")
    assert set(gf["uitkeringsjaar"]) == {2025}
    assert gf.set_index("cluster").at["Totaal", "bedrag_eur"] == pytest.approx(2500000.5)
    vergelijk = gemeente.gemeentevergelijking(engine, jaar=2023, stuk="begroting")
    assert set(vergelijk["gemeentegrootte"]) == {"20000 tot 50000 inwoners"}  # readable


def test_gemeentevergelijking_one_row_per_taakveld_with_two_class_years(database_url, tmp_path):
    """Class files of two years: each taakveld once (lasten not multiplied by class rows),
    classes of the newest file."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    (data / "iv3" / "gemeenteklassen_2024.tsv").write_text(
        "Gemeenten\tProvincie\tGemeentegrootte\tStedelijkheid\tInwonertal\n"
        "Testdorp\tTestland\t10000tot20000inwoners\tNietstedelijk\t9000\n",
        encoding="utf-8",
    )
    eng = db.make_engine(database_url)
    soorten = {"cbs_kwb", "iv3", "gemeentefonds", "gemeenteklasse", GEO_SOORT}
    ingest(eng, [b for b in vind_bestanden(data) if b.soort in soorten])
    frame = gemeente.gemeentevergelijking(eng, 2023, "begroting")
    eigen = frame[frame["gemeente_code"] == "GM9999"]
    iv3 = run_query(eng, "iv3_taakveld", gemeente_code="GM9999", jaar=2023, stuk="begroting")
    assert len(iv3) and not eigen["taakveld_code"].duplicated().any()
    assert eigen["lasten_eur"].sum() == pytest.approx(iv3["lasten_eur"].sum())
    assert set(eigen["gemeentegrootte"]) == {"20000 tot 50000 inwoners"}
