"""Real Vektis files: every gemeente name (capitals, ``S GRAVENHAGE``, ``BERGEN NH``,
``NUENEN CA``) gets a GM code of the indeling its names follow; none is left unmatched."""

import pandas as pd
import pytest

from geldstromen import db
from geldstromen.families import zorg as zorg_familie


@pytest.fixture(scope="module")
def vektis_engine(real_store):
    return db.make_engine(real_store({"vektis", "cbs_gemeentecodes", "cbs_kwb", "geometrie"}))


def test_every_vektis_name_is_matched(vektis_engine):
    assert zorg_familie.ongekoppelde_namen(vektis_engine).empty
    status = pd.read_sql_query(
        "select gemeentenaam, koppeling, gemeente_code, jaar from mart_vektis_kosten "
        "where gebied = 'gemeente' group by gemeentenaam, koppeling, gemeente_code, jaar",
        vektis_engine,
    )
    codes = status.set_index(["jaar", "gemeentenaam"])["gemeente_code"]
    assert codes[(2015, "'S-GRAVENHAGE")] == "GM0518"
    assert codes[(2015, "NUENEN CA")] == "GM0820"
    assert codes[(2015, "BERGEN NH")] == "GM0373" and codes[(2015, "BERGEN LB")] == "GM0893"
    assert codes[(2023, "NUENEN CA")] == "GM0820"
    assert status.groupby("jaar")["gemeentenaam"].nunique().to_dict() == {2015: 388, 2023: 342}


def test_den_haag_benchmark_actual_vs_expected(vektis_engine):
    rows = pd.read_sql_query(
        "select * from mart_vektis_kosten where gemeente_code = 'GM0518'", vektis_engine
    )
    bench = zorg_familie.benchmark(rows)
    totaal = bench[(bench["jaar"] == 2023) & (bench["zorgsoort"] == "Totaal")].iloc[0]
    # Vektis 2023 benchmark file: Den Haag costs about 7.5 % above the age/sex expectation
    assert totaal["verhouding"] == pytest.approx(1.0755, abs=0.001)
    assert totaal["verzekerdejaren"] > 500_000


def test_indeling_read_from_the_names(vektis_engine):
    """The lab store has national gemeente lists for 2015, 2018 (the 2015 codes) and 2024: the
    derived 2023 files match the 2024 list name for name; the 2015 file (388 names: the 2017
    indeling, whose list the store lacks) matches no list exactly and keeps jaar + 2."""
    opm = pd.read_sql_query(
        "select bron_id, opmerking from bron where soort = 'vektis'", vektis_engine
    ).set_index("bron_id")["opmerking"]
    jaren = pd.read_sql_query(
        "select distinct bron_id, jaar_indeling from raw_gemeentenaam where bron_id like 'vektis%'",
        vektis_engine,
    ).set_index("bron_id")["jaar_indeling"]
    afgeleid = "vektis_zvw_2023_municipality_benchmark"
    assert jaren[afgeleid] == 2024
    assert "indeling 2024 bepaald op naam: 342 van 342 namen (100%)" in opm[afgeleid]
    assert jaren["vektis_zvw_2015_gemeente"] == 2017
    # BERG EN DAL, DE FRYSKE MARREN, GOOISE MEREN and MEIERIJSTAD are newer than 2015
    assert "2017 aangehouden (niet bevestigd)" in opm["vektis_zvw_2015_gemeente"]
    assert "384 van 388 namen (99%)" in opm["vektis_zvw_2015_gemeente"]
