"""KWB catalogue coverage per year: every catalogue indicator is found in each year's published
columns, or the alias table says why it is absent. A topic CBS renames or drops without an
entry in ``indicatoren/aliassen/cbs_kwb.csv`` makes this fail (no silent holes).

The column lists in ``tests/fixtures/kwb_kolommen`` are the published keys (metadata, no
values): 2019 from the header of the 84583NED CSV, 2024 from the 85984NED DataProperties, 2025
from a public column list of 86165NED.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from data_sources.base import IngestFout
from data_sources.cbs_kwb import kolommen_frame, lees_json
from geldstromen.domain.catalogus import indicator_catalogue
from geldstromen.domain.kwb_aliassen import aliassen, catalogus_stam, dekking

KOLOMMEN = Path(__file__).parents[1] / "fixtures" / "kwb_kolommen"
JAREN = sorted(KOLOMMEN.glob("kwb*.txt"))


def _keys(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split()


@pytest.mark.parametrize("path", JAREN, ids=lambda p: p.stem)
def test_every_catalogue_indicator_is_found_or_explained(path):
    jaar = int(path.name[3:7])
    cover = dekking(_keys(path), jaar)
    cat = indicator_catalogue()
    assert len(cover) == (cat["soort"] == "cbs_kwb").sum()
    onverklaard = cover[cover["status"] == "onverklaard"]
    assert onverklaard.empty, f"KWB {jaar}: {onverklaard['bron_kolom'].tolist()}"
    gevonden = cover[cover["status"].isin(["gevonden", "hernoemd"])]
    stems = {k.rsplit("_", 1)[0] if k.rsplit("_", 1)[-1].isdigit() else k for k in _keys(path)}
    # recomputed without the code under test: the published stem is really in that year
    assert set(gevonden["gepubliceerd"]) <= stems
    absent = cover[cover["status"] == "niet_gepubliceerd"]
    assert not (set(absent["bron_kolom"]) & stems), "marked absent but published"
    assert (absent["reden"] != "").all()


def test_the_2024_renames_are_mapped():
    cover = dekking(_keys(KOLOMMEN / "kwb2024_85984NED.txt"), 2024).set_index("bron_kolom")
    assert cover.loc["GemiddeldeWoningwaarde", "gepubliceerd"] == "GemiddeldeWOZWaardeVanWoningen"
    assert cover.loc["GemiddeldElektriciteitsverbruikTotaal", "status"] == "hernoemd"
    assert cover.loc["BouwjaarVoor2000", "status"] == "niet_gepubliceerd"
    assert cover.loc["BouwjaarAfgelopenTienJaar", "status"] == "gevonden"
    assert cover.loc["AardgasvrijeWoningen", "status"] == "niet_gepubliceerd"  # from 2025


def test_a_silent_drop_is_caught():
    keys = [k for k in _keys(KOLOMMEN / "kwb2024_85984NED.txt") if "Wmo" not in k]
    cover = dekking(keys, 2024)
    assert set(cover.loc[cover["status"] == "onverklaard", "bron_kolom"]) == {
        "WmoClienten",
        "WmoClientenRelatief",
    }


def test_a_rename_never_doubles_a_topic():
    both = catalogus_stam(["GemiddeldeWoningwaarde", "GemiddeldeWOZWaardeVanWoningen"])
    assert both == {
        "GemiddeldeWoningwaarde": "GemiddeldeWoningwaarde",
        "GemiddeldeWOZWaardeVanWoningen": "GemiddeldeWOZWaardeVanWoningen",
    }
    frame = kolommen_frame("b", ["GemiddeldeWOZWaardeVanWoningen_39"], soort="cbs_kwb")
    assert frame.loc[0, "kolom"] == "GemiddeldeWOZWaardeVanWoningen_39"
    assert frame.loc[0, "stem"] == "GemiddeldeWoningwaarde"


def test_alias_table_is_explicit():
    frame = aliassen()
    cat = set(indicator_catalogue().query("soort == 'cbs_kwb'")["bron_kolom"])
    assert set(frame["bron_kolom"]) <= cat  # no alias for an unknown indicator


ROWS = [
    {
        "ID": 0,
        "WijkenEnBuurten": "GM9999    ",
        "Gemeentenaam_1": "Testdorp  ",
        "AantalInwoners_5": 10300,
        "GemiddeldeWOZWaardeVanWoningen_39": 301,
    },
    {
        "ID": 1,
        "WijkenEnBuurten": "BU99990101",
        "Gemeentenaam_1": "Testdorp  ",
        "AantalInwoners_5": 4100,
        "GemiddeldeWOZWaardeVanWoningen_39": None,
    },
]


@pytest.mark.parametrize(
    "shape",
    [
        {"odata.metadata": "https://cbs.invalid/odata/99999NED/$metadata#X", "value": ROWS},
        ROWS,
        {
            r["WijkenEnBuurten"].strip(): {
                k: v for k, v in r.items() if k not in ("ID", "WijkenEnBuurten")
            }
            for r in ROWS
        },
    ],
    ids=["feed-pagina", "cbsodata-lijst", "object-per-regio"],
)
def test_json_file_accepts_the_real_shapes(tmp_path, shape):
    path = tmp_path / "kwb2024_85984NED_test.json"
    path.write_text(json.dumps(shape), encoding="utf-8")
    tables = lees_json(path, "b", 2024, None)
    long = tables["raw_cbs_waarde"]
    kolommen = tables["raw_cbs_kolom"].set_index("kolom")
    assert kolommen.loc["GemiddeldeWOZWaardeVanWoningen_39", "stem"] == "GemiddeldeWoningwaarde"
    woz = long[long["kolom"] == "GemiddeldeWOZWaardeVanWoningen_39"]
    woz = woz.set_index(woz["regio_code"].str.strip())["waarde"]
    assert float(woz["GM9999"]) == 301
    assert pd.isna(woz["BU99990101"])  # null = suppressed, kept as missing


@pytest.mark.parametrize("text", ["[]", "[1, 2]", '{"value": "x"}', "{", '[{"a": 1}]'])
def test_json_file_wrong_shape_is_a_dutch_message(tmp_path, text):
    path = tmp_path / "kwb2024_85984NED_test.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IngestFout, match="verwacht|geen geldige JSON"):
        lees_json(path, "b", 2024, None)


#: Some published keys of KWB 2023 (85618NED), from public clients of that table (a partial
#: list: enough to check that the 2023 names resolve, not a full coverage check).
KWB2023_DEEL = [
    "GemiddeldeWOZWaardeVanWoningen_36",
    "BouwjaarVoor2000_46",
    "BouwjaarVanaf2000_47",
    "GemiddeldeElektriciteitsleveringTotaal_48",
    "GemiddeldAardgasverbruikTotaal_56",
    "PercentageWoningenMetStadsverwarming_64",
    "GemiddeldInkomenPerInwoner_81",
    "GemGestandaardiseerdInkomenVanHuish_84",
    "HuishOnderOfRondSociaalMinimum_88",
]


def test_known_2023_keys_resolve():
    cover = dekking(KWB2023_DEEL, 2023).set_index("bron_kolom")
    assert cover.loc["GemiddeldeWoningwaarde", "status"] == "hernoemd"
    assert cover.loc["GemiddeldElektriciteitsverbruikTotaal", "status"] == "hernoemd"
    for kolom in (
        "BouwjaarVoor2000",
        "BouwjaarVanaf2000",
        "GemGestandaardiseerdInkomenVanHuish",
        "HuishOnderOfRondSociaalMinimum",
        "PercentageWoningenMetStadsverwarming",
    ):
        assert cover.loc[kolom, "status"] == "gevonden"  # still published in 2023
    assert cover.loc["BouwjaarAfgelopenTienJaar", "status"] == "niet_gepubliceerd"
