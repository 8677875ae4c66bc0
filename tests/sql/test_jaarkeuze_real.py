"""Default year and region of the pages on the real Den Haag files, checked against the raw KWB
2019 CSV and the KWB 2024 JSON (not through the marts)."""

from __future__ import annotations

import csv
import json

import pytest

from geldstromen import db
from geldstromen.domain.jaarkeuze import NODIG, kies_jaar, meest_inwoners
from geldstromen.queries import run_query


@pytest.fixture(scope="module")
def engine(real_store):
    return db.make_engine(real_store({"cbs_kwb", "cbs_kwb_2015_geo", "pdok_wijken_2024"}))


def _getal(s: str) -> float | None:
    s = (s or "").strip()
    try:
        return float(s)
    except ValueError:
        return None


def test_den_haag_energie_opens_on_2019_kaart_on_2024(engine, shared_data):
    dekking = run_query(engine, "indicator_dekking", gemeente_code="GM0518")
    with open(
        shared_data / "cbs_kwb" / "kwb2019_84583NED_den_haag_GM0518_gm_wk_bu.csv",
        encoding="utf-8-sig",
    ) as f:
        wijken = [
            r for r in csv.DictReader(f, delimiter=";") if r["SoortRegio_2"].strip() == "Wijk"
        ]
    gas = [_getal(r["GemiddeldAardgasverbruikTotaal_55"]) for r in wijken]
    # raw: 2019 has gas for most wijken; the 2024 file has no gas column at all
    assert sum(g is not None for g in gas) >= len(wijken) / 2
    k2024 = json.loads(
        (shared_data / "cbs_kwb" / "kwb2024_85984NED_gemeente_wijk_8vars.json").read_text()
    )
    assert not any("ardgas" in k for k in k2024["WK051838"])
    energie = kies_jaar(dekking, "wijk", NODIG["energietransitie"])
    assert energie.standaard == 2019 and 2024 not in energie.gedekt
    assert kies_jaar(dekking, "wijk", NODIG["sociaal_domein"]).standaard == 2019
    assert kies_jaar(dekking, "wijk", NODIG["vergelijk"]).standaard == 2019
    assert kies_jaar(dekking, "wijk", NODIG["kaart"]).standaard == 2024
    # the raw 2024 file has inhabitants for every Den Haag wijk
    assert all(v["AantalInwoners_5"] is not None for c, v in k2024.items() if c[:6] == "WK0518")


def test_default_region_is_the_most_populous_wijk(engine, shared_data):
    k2024 = json.loads(
        (shared_data / "cbs_kwb" / "kwb2024_85984NED_gemeente_wijk_8vars.json").read_text()
    )
    raw = {c: v["AantalInwoners_5"] for c, v in k2024.items() if c.startswith("WK0518")}
    grootste = max(raw, key=lambda c: raw[c] or -1)
    inwoners = run_query(
        engine,
        "indicator_waarden",
        gemeente_code="GM0518",
        niveau="wijk",
        jaar=2024,
        indicator="inwoners_aantal",
    )
    gekozen = meest_inwoners(inwoners, list(inwoners["regio_code"]))
    assert gekozen == grootste
    assert raw[gekozen] > 40_000  # not Oostduinen (0 inhabitants), the first of the list
    assert raw["WK051801"] == 0
