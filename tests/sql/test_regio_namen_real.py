"""Names of areas on the real files: KWB 2019 of Amsterdam and Den Haag has no names. A name of
another year is only shown when the code denotes the same area (total area within 20 %, see
sql/views/intermediate/int_regio__naam.sql); else the code with 'naam onbekend'. Checked
against the raw 2015 wijk/buurt files and the raw KWB 2019 files, not through the views."""

from __future__ import annotations

import csv
import gzip
import json

import pytest
from sqlalchemy import text

from geldstromen import db
from geldstromen.queries import run_query


@pytest.fixture(scope="module")
def engine(real_store):
    return db.make_engine(real_store({"cbs_kwb", "cbs_kwb_2015_geo", "pdok_wijken_2024"}))


def _kwb_2019(shared_data, stad: str) -> dict[str, dict]:
    pad = shared_data / "cbs_kwb" / f"kwb2019_84583NED_{stad}_gm_wk_bu.csv"
    with open(pad, encoding="utf-8-sig") as f:
        return {r["Codering_3"].strip(): r for r in csv.DictReader(f, delimiter=";")}


def _geo_2015(shared_data, niveau: str) -> dict[str, dict]:
    pad = shared_data / "cbs_kwb_2015_geo" / f"cbs_{niveau}_2015_kwb.geojson.gz"
    sleutel = {"wijk": "WK", "buurt": "BU"}[niveau]
    with gzip.open(pad, "rt", encoding="utf-8") as f:
        features = json.load(f)["features"]
    return {p[f"{sleutel}_CODE"]: p for p in (x["properties"] for x in features)}


def _namen_2019(engine, gemeente_code: str, niveau: str) -> dict[str, str]:
    rows = run_query(
        engine,
        "indicator_waarden",
        gemeente_code=gemeente_code,
        niveau=niveau,
        jaar=2019,
        indicator="inwoners_aantal",
    )
    return dict(zip(rows["regio_code"], rows["regio_naam"], strict=True))


def _zelfde(ha_a: float, ha_b: float) -> bool:
    return abs(ha_a - ha_b) <= max(2.0, 0.2 * max(ha_a, ha_b))


@pytest.mark.parametrize("niveau", ["wijk", "buurt"])
def test_amsterdam_2019_never_shows_the_name_of_another_area(engine, shared_data, niveau):
    raw = _kwb_2019(shared_data, "amsterdam_GM0363")
    oud = _geo_2015(shared_data, niveau)
    namen = _namen_2019(engine, "GM0363", niveau)
    prefix = "WK" if niveau == "wijk" else "BU"
    codes = [c for c in raw if c.startswith(prefix)]
    assert len(namen) == len(codes) > 90
    hergebruikt = [c for c in codes if c in oud]  # codes of 2015 used again in 2019
    assert hergebruikt, "premise: Amsterdam re-used 2015 codes in 2019"
    for code in codes:
        naam = namen[code]
        if code in oud:  # premise: a re-used code covers another area (total and land)
            assert not _zelfde(float(raw[code]["OppervlakteTotaal_110"]), oud[code]["OPP_TOT"])
            assert not _zelfde(float(raw[code]["OppervlakteLand_111"]), oud[code]["OPP_LAND"])
        # no 2019 name in the file and no year with the same area: the code, 'naam onbekend'
        assert naam == f"naam onbekend ({code})", (code, naam)
    if niveau == "wijk":
        assert float(raw["WK036300"]["AantalInwoners_5"]) == 4295
        assert oud["WK036300"]["AANT_INW"] == 86360  # 'Stadsdeel Centrum' in 2015
        assert "Centrum" not in namen["WK036300"]


def test_den_haag_2019_keeps_names_of_the_same_areas(engine, shared_data):
    raw = _kwb_2019(shared_data, "den_haag_GM0518")
    for niveau, prefix in (("wijk", "WK"), ("buurt", "BU")):
        oud = _geo_2015(shared_data, niveau)
        namen = _namen_2019(engine, "GM0518", niveau)
        codes = [c for c in raw if c.startswith(prefix)]
        for code in codes:
            ha = float(raw[code]["OppervlakteTotaal_110"])
            assert code in oud and _zelfde(ha, oud[code]["OPP_TOT"]), code
            if niveau == "buurt":  # buurt names exist only in 2015: nearest year with a name
                assert namen[code] == oud[code]["BU_NAAM"], code
            else:  # wijk names of 2015 (nearest) and 2024
                assert namen[code] == oud[code]["WK_NAAM"], code
    # coastal buurt whose beach grew 13 % between 2015 and 2019 stays the same area
    assert _namen_2019(engine, "GM0518", "buurt")["BU05181591"] == "Kijkduin"


def test_every_shown_name_comes_from_a_year_with_the_same_area(engine):
    """Inside the store: for every region and year the chosen name year has the same area
    (or is the year itself), computed here from the raw values table."""
    sql = text(
        "select n.regio_code, n.jaar, n.naam_jaar from int_regio__naam n "
        "where n.naam_jaar <> n.jaar and substr(n.regio_code, 1, 2) <> 'GM'"
    )
    with engine.connect() as conn:
        rows = conn.execute(sql).all()
        ha = {
            (c, int(j), i): float(w)
            for c, j, i, w in conn.execute(
                text(
                    "select regio_code, jaar, indicator, waarde from int_indicator__waarden "
                    "where indicator in ('oppervlakte_totaal_ha', 'oppervlakte_land_ha') "
                    "and waarde is not null"
                )
            )
        }
    assert len(rows) >= 158  # Den Haag 2019: 44 wijken and 114 buurten
    for code, jaar, naam_jaar in rows:
        bewijs = [
            j
            for (c, j, i), w in ha.items()
            if c == code and (code, naam_jaar, i) in ha and _zelfde(w, ha[(code, naam_jaar, i)])
        ]
        assert any(min(j, naam_jaar) <= jaar <= max(j, naam_jaar) for j in bewijs), (code, jaar)
