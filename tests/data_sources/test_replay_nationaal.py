"""The national replay (``scripts/replay_nationaal.py``) on a few gemeenten in the same shapes:
every source and level arrives, values are the generator's, nothing is counted twice. The
national size itself runs in ``geldstromen bench --nationaal`` only."""

from __future__ import annotations

import importlib.util
import json

import pandas as pd
import pytest
from sqlalchemy import text

from geldstromen import db
from geldstromen.config import REPO_ROOT
from tests.support.kwb_replay import metadata, regios_nl, waarde

KWB, IV3, VEKTIS, RIVM = [2023, 2024], [2024], [2022], [2022]
#: one year PDOK serves through its WFS, one through its OGC API
GRENZEN = [2019, 2024]


@pytest.fixture(scope="module")
def replay_module():
    spec = importlib.util.spec_from_file_location(
        "replay_nationaal", REPO_ROOT / "scripts" / "replay_nationaal.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def uitkomst(replay_module, tmp_path_factory):
    folder = tmp_path_factory.mktemp("replay")
    return replay_module.draai(folder, KWB, IV3, VEKTIS, gemeenten=3, rivm=RIVM, grenzen=GRENZEN)


def test_year_lists(replay_module):
    assert replay_module.jaren("2015-2017,2024") == [2015, 2016, 2017, 2024]
    assert replay_module.jaren("") == []


def test_every_source_and_level_arrives(uitkomst):
    engine = db.make_engine(f"sqlite:///{uitkomst['store']}")
    gebieden = regios_nl(gemeenten=3)
    with engine.connect() as conn:
        levels = pd.read_sql_query(
            text(
                "select jaar, niveau, count(distinct regio_code) as n from mart_indicator_mat "
                "group by jaar, niveau"
            ),
            conn,
        )
        iv3 = conn.execute(
            text("select count(*), count(distinct gemeente_code) from mart_iv3_taakveld_mat")
        ).one()
        vektis = pd.read_sql_query(
            text(
                "select jaar, koppeling, count(distinct gemeente_code) as n, count(*) as rijen "
                "from mart_vektis_kosten_mat group by jaar, koppeling"
            ),
            conn,
        )
    soorten = pd.Series([s for _, _, s in gebieden]).value_counts()
    for jaar in KWB:
        per = levels[levels.jaar == jaar].set_index("niveau")["n"].to_dict()
        assert per == {
            "land": 1,
            "gemeente": soorten["Gemeente"],
            "wijk": soorten["Wijk"],
            "buurt": soorten["Buurt"],
        }
    # RIVM 2022 (both age groups) for every gemeente, wijk and buurt
    rivm = levels[levels.jaar == 2022].set_index("niveau")["n"].to_dict()
    assert rivm == {
        "land": 1,
        "gemeente": soorten["Gemeente"],
        "wijk": soorten["Wijk"],
        "buurt": soorten["Buurt"],
    }
    assert uitkomst["rivm_jaren"] == RIVM
    # 3 gemeenten x 70 taakvelden x begroting and jaarrekening, all with a GM code
    assert iv3 == (3 * 70 * 2, 3)
    exact = vektis[vektis.koppeling == "exact"]
    assert exact["n"].tolist() == [3]
    # 2 sexes x 19 age classes x 3 gemeenten x 22 cost columns; the rest row once per column
    assert exact["rijen"].tolist() == [2 * 19 * 3 * 22]
    assert uitkomst["store_bytes"] > 0 and uitkomst["bytes_per_tabel"]
    assert json.dumps(uitkomst)  # the figures the bench writes are plain JSON


def test_values_are_the_generators_and_counted_once(uitkomst):
    """Inhabitants of every buurt of 2024, recomputed with the generator (not the store)."""
    props, _ = metadata()
    prop = next(p for p in props if p.get("Key", "").startswith("AantalInwoners_"))
    gebieden = [("NL00", "Nederland", "Land"), *regios_nl(gemeenten=3)[1:]]
    verwacht = {
        code: waarde(prop, code, soort, i)
        for i, (code, _, soort) in enumerate(gebieden)
        if soort == "Buurt"
    }
    engine = db.make_engine(f"sqlite:///{uitkomst['store']}")
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "select regio_code, waarde from mart_indicator_mat "
                "where indicator = 'inwoners_aantal' and niveau = 'buurt' and jaar = 2024"
            )
        ).all()
    gevonden = dict(rows)
    assert len(rows) == len(gevonden)  # one row per buurt
    assert gevonden == {c: (None if v is None else float(v)) for c, v in verwacht.items()}


def test_boundaries_of_every_year_and_level_carry_the_kwb_codes(uitkomst):
    """Boundaries come through both PDOK services (2019 WFS, 2024 OGC API), one shape per
    region of the KWB replay, per year and level."""
    assert uitkomst["grens_jaren"] == GRENZEN
    engine = db.make_engine(f"sqlite:///{uitkomst['store']}")
    with engine.connect() as conn:
        rows = conn.execute(text("select niveau, jaar, regio_code from raw_geometrie")).all()
    engine.dispose()
    regios = regios_nl(gemeenten=3)
    soort = {"Gemeente": "gemeente", "Wijk": "wijk", "Buurt": "buurt"}
    verwacht = {soort[s]: {c for c, _, t in regios if t == s} for s in soort}
    for jaar in GRENZEN:
        for niveau, codes in verwacht.items():
            found = [c for n, j, c in rows if n == niveau and j == jaar]
            assert sorted(found) == sorted(codes), (niveau, jaar)
