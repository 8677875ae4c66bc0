"""Real Vektis files: every gemeente name (capitals, ``S GRAVENHAGE``, ``BERGEN NH``,
``NUENEN CA``) gets a GM code of the indeling two years later; none is left unmatched."""

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
