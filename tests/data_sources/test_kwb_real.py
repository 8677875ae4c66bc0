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


def test_real_den_haag_2019_file_and_replayed_online_table_once(shared_data, tmp_path):
    """The lab KWB files plus a replayed online 2019 table (synthetic values for Den Haag's
    codes and a made-up gemeente): Den Haag's wijken have the file's inhabitants, once each,
    recomputed from the CSV itself; the made-up gemeente comes from the online table."""
    import json
    from urllib.parse import urlsplit

    import pandas as pd
    import responses

    from data_sources.cbs_odata import CbsFeed
    from data_sources.online import kwb_online
    from geldstromen.config import get_settings
    from tests.support.kwb_replay import replay

    base = "https://cbs.invalid/ODataFeed/odata"
    pad = shared_data / "cbs_kwb" / "kwb2019_84583NED_den_haag_GM0518_gm_wk_bu.csv"
    csv = pd.read_csv(pad, sep=";", dtype=str, encoding="utf-8-sig")
    codes = [c.strip() for c in csv["WijkenEnBuurten"]]
    soort = {"GM": "Gemeente", "WK": "Wijk", "BU": "Buurt"}
    gebieden = [("NL00", "Nederland", "Land"), ("GM9999", "Testdorp", "Gemeente")]
    gebieden += [(c, c, soort[c[:2]]) for c in codes]
    # the committed 2024 metadata served as the 2019 table (values are synthetic anyway)
    pages = {
        u.replace("85984NED", "84583NED"): b.replace("85984NED", "84583NED")
        for u, b in replay(base, gebieden=gebieden).items()
    }
    online = [r for u, b in pages.items() if "TypedDataSet" in u for r in json.loads(b)["value"]]
    settings = get_settings({"GELDSTROMEN_VAR_DIR": str(tmp_path / "var")})
    engine = db.make_engine(f"sqlite:///{tmp_path / 'beide.sqlite'}")
    with responses.RequestsMock() as rsps:
        for url, body in pages.items():
            rsps.get(
                url.split("?")[0],
                body=body,
                content_type="application/json",
                match=[responses.matchers.query_string_matcher(urlsplit(url).query)],
            )
        bestanden = [b for b in vind_bestanden(shared_data) if b.soort == "cbs_kwb"]
        feed = CbsFeed(settings, base_url=base, wacht_s=0.001)
        ingest(engine, bestanden + kwb_online(settings, [2019], feed=feed))
    wijken = run_query(
        engine, "export_indicatoren", gemeente_code="GM0518", niveau="wijk", jaar=2019
    )
    assert not wijken.duplicated(["regio_code", "indicator"]).any()
    inw = wijken[wijken["indicator"] == "inwoners_aantal"].set_index("regio_code")
    uit_csv = {
        c.strip(): float(v)
        for c, v in zip(csv["WijkenEnBuurten"], csv["AantalInwoners_5"], strict=True)
        if c.strip().startswith("WK")
    }
    assert len(uit_csv) == 44 and inw["waarde"].to_dict() == uit_csv
    assert inw["waarde"].sum() == sum(uit_csv.values())
    assert inw["bron"].str.endswith("bestand " + pad.name).all()
    # the replay has other (synthetic) counts: had both been kept, the sum would differ
    assert sum(r["AantalInwoners_5"] for r in online if r["WijkenEnBuurten"].startswith("WK")) != (
        sum(uit_csv.values())
    )
    testdorp = run_query(
        engine, "export_indicatoren", gemeente_code="GM9999", niveau="gemeente", jaar=2019
    )
    assert len(testdorp) and testdorp["bron"].str.endswith(", online").all()
    assert run_query(engine, "indicator_dubbel", gemeente_code="GM0518").empty
