"""KWB on the real files in ../shared/data (skips locally without them, fails on CI)."""

from __future__ import annotations

import math

from data_sources.ingest import ingest, vind_bestanden
from geldstromen import db
from geldstromen.queries import run_query


def test_real_kwb_2019_den_haag(shared_data, tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'kwb.sqlite'}")
    bestanden = [b for b in vind_bestanden(shared_data) if b.soort == "cbs_kwb"]
    ingest(engine, bestanden)
    gm = run_query(
        engine,
        "indicator_waarden",
        gemeente_code="GM0518",
        niveau="gemeente",
        jaar=2019,
        indicator="inwoners_aantal",
    )
    assert gm["waarde"].tolist() == [537833]
    wijken = run_query(
        engine, "export_indicatoren", gemeente_code="GM0518", niveau="wijk", jaar=2019
    )
    assert wijken["regio_code"].nunique() == 44
    assert set(wijken["bron_kolom"]) >= {
        "AantalInwoners",
        "GemiddeldInkomenPerInwoner",
        "PersonenPerSoortUitkeringBijstand",
    }
    # WK051801 has no inhabitants: its income is suppressed, so missing rather than 0
    income = wijken[
        (wijken.regio_code == "WK051801") & (wijken.indicator == "inkomen_per_inwoner_eur")
    ]
    assert math.isnan(income["waarde"].iloc[0])
    wk2024 = run_query(
        engine, "export_indicatoren", gemeente_code="GM0363", niveau="wijk", jaar=2024
    )
    assert wk2024["regio_code"].nunique() > 90
