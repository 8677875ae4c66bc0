"""KWB columns across years: stems resolve ``_28`` (2019 CSV) and ``_29`` (2024 JSON with
DataProperties), titles/units come from DataProperties, padding and suppression are cleaned."""

from __future__ import annotations

import json
import math
import shutil

from sqlalchemy import text

from data_sources.cbs_kwb import lees_csv, lees_json, vind
from data_sources.ingest import ingest
from geldstromen import db
from geldstromen.domain.kolommen import resolve
from tests.conftest import FIXTURES

CSV_2019 = FIXTURES / "data" / "cbs_kwb" / "kwb2019_84583NED_testdorp_GM9999_gm_wk_bu.csv"
PROPS = [
    {"Type": "GeoDetail", "Key": "WijkenEnBuurten", "Title": "Wijken en buurten"},
    {"Type": "Topic", "Key": "Gemeentenaam_1", "Title": "Gemeentenaam", "Datatype": "String"},
    {
        "Type": "Topic",
        "Key": "AantalInwoners_5",
        "Title": "Aantal inwoners",
        "Unit": "aantal",
        "Datatype": "Long",
    },
    {
        "Type": "Topic",
        "Key": "HuishoudensTotaal_29",
        "Title": "Huishoudens totaal",
        "Unit": "aantal",
        "Datatype": "Long",
    },
]
DATA_2024 = {
    "GM9999    ": {
        "Gemeentenaam_1": "Testdorp  ",
        "AantalInwoners_5": 10400,
        "HuishoudensTotaal_29": 4700,
    },
    "WK999901  ": {
        "Gemeentenaam_1": "Testdorp  ",
        "AantalInwoners_5": 6300,
        "HuishoudensTotaal_29": None,
    },
}


def _write_2024(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kwb2024_85984NED_gemeente_wijk_test.json").write_text(json.dumps(DATA_2024))
    (folder / "kwb2024_85984NED_DataProperties.json").write_text(json.dumps(PROPS))


def test_stem_resolver_across_years(tmp_path):
    _write_2024(tmp_path)
    k2019 = lees_csv(CSV_2019, "a", 2019)["raw_cbs_kolom"]
    k2024 = lees_json(
        tmp_path / "kwb2024_85984NED_gemeente_wijk_test.json",
        "b",
        2024,
        tmp_path / "kwb2024_85984NED_DataProperties.json",
    )["raw_cbs_kolom"]
    assert resolve(k2019["kolom"], "HuishoudensTotaal") == "HuishoudensTotaal_28"
    assert resolve(k2024["kolom"], "HuishoudensTotaal") == "HuishoudensTotaal_29"
    assert resolve(k2024["kolom"], "Woningvoorraad") is None
    row = k2024.set_index("kolom").loc["HuishoudensTotaal_29"]
    assert (row["stem"], row["titel"], row["eenheid"]) == (
        "HuishoudensTotaal",
        "Huishoudens totaal",
        "aantal",
    )
    assert k2024.set_index("kolom").loc["Gemeentenaam_1", "is_numeriek"] == 0


def test_views_strip_padding_keep_year_and_null_suppression(tmp_path):
    folder = tmp_path / "cbs_kwb"
    _write_2024(folder)
    shutil.copy(CSV_2019, folder / CSV_2019.name)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'k.sqlite'}")
    ingest(engine, vind(tmp_path))
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "select regio_code, niveau, gemeente_code, jaar, bron_kolom, waarde "
                "from mart_indicator_mat where indicator = 'huishoudens_aantal' "
                "order by jaar, regio_code"
            )
        ).all()
    by_key = {(r.regio_code, r.jaar): r for r in rows}
    assert by_key[("GM9999", 2019)].waarde == 4500  # from HuishoudensTotaal_28
    assert by_key[("GM9999", 2024)].waarde == 4700  # from HuishoudensTotaal_29
    assert {r.bron_kolom for r in rows} == {"HuishoudensTotaal"}
    wk = by_key[("WK999901", 2024)]
    assert (wk.niveau, wk.gemeente_code) == ("wijk", "GM9999")  # padded "WK999901  "
    assert wk.waarde is None or math.isnan(wk.waarde)  # null in typed JSON = suppressed
    assert {r.niveau for r in rows if r.regio_code.startswith("BU")} == {"buurt"}
    assert {r.jaar for r in rows} == {2019, 2024}  # indeling year per row
