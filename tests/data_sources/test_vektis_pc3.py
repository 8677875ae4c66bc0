"""Vektis costs per 3-digit postcode: read in the published shape (synthetic values), stored per
PC3 x KWB age class x care category without losing a euro, and used as the zorg family's wijk
key when the KWB gives the regions' most common postcode. Expectations are recomputed here
from the CSV files with the csv module, not through the code under test."""

import csv
import shutil
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from data_sources.base import IngestFout
from data_sources.ingest import ingest, vind_bestanden
from data_sources.vektis import lees_pc3
from geldstromen import db
from geldstromen.families import zorg as zorg_familie
from tests.conftest import FIXTURES
from tests.support import vektis_replay as rp

KWB = "kwb2019_84583NED_proefstad_GM9998_gm_wk_bu.csv"
POSTCODES = {"BU99980101": "9991", "BU99980201": "9981", "BU99980202": "9982"}
POSTCODES |= {"WK999801": "9991", "WK999802": "9981"}
KWB_KLASSEN = [(0, "k_0Tot15Jaar_8"), (15, "k_15Tot25Jaar_9"), (25, "k_25Tot45Jaar_10")]
KWB_KLASSEN += [(45, "k_45Tot65Jaar_11"), (65, "k_65JaarOfOuder_12")]


def _met_postcode(path: Path) -> None:
    """Add the KWB column MeestVoorkomendePostcode (4 digits, space padded) to a KWB file."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    rows[0].append("MeestVoorkomendePostcode_113")
    for row in rows[1:]:
        row.append(f"{POSTCODES.get(row[1].strip(), '.'):>10}")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";", quoting=csv.QUOTE_ALL).writerows(rows)


@pytest.fixture
def pc3_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "thema_data", data)
    _met_postcode(data / "cbs_kwb" / KWB)
    # PC3 998 (index 0) is the cheaper area, 999 (index 1) costs 1.5 times as much
    rp.vektis_pc3(data / "zorg" / "vektis_zvw_2015_postcode3.csv", ["998", "999"])
    return data


def _csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="cp1252", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def _klasse(label: str) -> int | None:
    digits = "".join(ch if ch.isdigit() else " " for ch in label).split()
    if not digits:
        return None
    return max(lo for lo, _ in KWB_KLASSEN if int(digits[0]) >= lo)


def test_pc3_file_stored_without_losing_a_euro(pc3_data):
    path = pc3_data / "zorg" / "vektis_zvw_2015_postcode3.csv"
    tabel = lees_pc3(path, "pc3", 2015)["raw_vektis_pc3"]
    verwacht: dict = defaultdict(float)
    for row in _csv_rows(path):
        for kolom, waarde in row.items():
            if kolom.startswith("KOSTEN_"):
                verwacht[row["POSTCODE_3"] or None] += float(waarde)
    per = tabel.groupby(tabel["postcode3"].fillna("rest"))["bedrag_eur"].sum()
    assert per["998"] == pytest.approx(verwacht["998"], abs=0.005)
    assert per["999"] == pytest.approx(verwacht["999"], abs=0.005)
    assert per["rest"] == pytest.approx(verwacht[None], abs=0.005)  # rest row kept
    assert set(tabel["leeftijdsklasse"].dropna()) >= {"0_15", "65plus"}
    jaren = tabel.drop_duplicates(["postcode3", "leeftijdsklasse"])
    assert jaren.loc[jaren["postcode3"] == "998", "verzekerdejaren"].sum() == pytest.approx(
        sum(float(r["AANTAL_VERZEKERDEJAREN"]) for r in _csv_rows(path) if r["POSTCODE_3"] == "998")
    )


def test_truncated_or_foreign_pc3_file_refused(tmp_path):
    pad = rp.vektis_pc3(tmp_path / "vektis_zvw_2015_postcode3.csv", ["998"])
    tekst = pad.read_text(encoding="cp1252")
    pad.write_text(tekst[: len(tekst) - 40], encoding="cp1252")  # cut in the middle of a line
    with pytest.raises(IngestFout, match="velden"):
        lees_pc3(pad, "pc3", 2015)
    rp.vektis_pc3(pad, ["1234"])
    with pytest.raises(IngestFout, match="geen driecijferige postcode"):
        lees_pc3(pad, "pc3", 2015)
    rp.vektis_pc3(pad, ["998"])
    komma = pad.read_text(encoding="cp1252").replace("1234.56", "1234,56")
    pad.write_text(komma, encoding="cp1252")  # the rest row with a decimal comma
    with pytest.raises(IngestFout, match="geen getal"):
        lees_pc3(pad, "pc3", 2015)


def _tarieven(path: Path, categorie_kolom: str) -> dict:
    """Cost per insured year per PC3 x KWB class for one cost column, and per PC3 overall."""
    kosten: dict = defaultdict(float)
    jaren: dict = defaultdict(float)
    for row in _csv_rows(path):
        if not row["POSTCODE_3"] or _klasse(row["LEEFTIJDSKLASSE"]) is None:
            continue
        key = (row["POSTCODE_3"], _klasse(row["LEEFTIJDSKLASSE"]))
        kosten[key] += float(row[categorie_kolom])
        jaren[key] += float(row["AANTAL_VERZEKERDEJAREN"])
    out = {k: kosten[k] / jaren[k] for k in kosten}
    for pc3 in {k[0] for k in kosten}:
        out[(pc3, None)] = sum(v for k, v in kosten.items() if k[0] == pc3) / sum(
            v for k, v in jaren.items() if k[0] == pc3
        )
    return out


def test_wijk_estimate_uses_the_pc3_key(pc3_data, database_url):
    engine = db.make_engine(database_url)
    ingest(engine, vind_bestanden(pc3_data))
    model = zorg_familie.zorg_model(engine, "GM9998", "wijk", 2019)
    assert model.sleutel == "pc3" and "driecijferige postcode (2015)" in model.schatting
    flows = model.flows
    assert set(flows["methode"]) == {"geschat"}
    far = flows[flows["categorie"] == "Farmacie"].set_index("regio_code")["bedrag_eur"]
    # the gemeente total (PROEFSTAD rows of the gemeente file) is kept exactly
    gm = _csv_rows(pc3_data / "zorg" / "vektis_zvw_2015_gemeente.csv")
    totaal = sum(float(r["KOSTEN_FARMACIE"]) for r in gm if r["GEMEENTENAAM"] == "PROEFSTAD")
    assert far.sum() == pytest.approx(totaal, abs=0.01)
    # by hand: buurt inhabitants per KWB class x the rate of the buurt's PC3, summed per wijk
    tar = _tarieven(pc3_data / "zorg" / "vektis_zvw_2015_postcode3.csv", "KOSTEN_FARMACIE")
    kwb = {r["WijkenEnBuurten"].strip(): r for r in _csv_rows_utf8(pc3_data / "cbs_kwb" / KWB)}

    def sleutel(buurt: str) -> float:
        pc3 = POSTCODES[buurt][:3]
        rij = kwb[buurt]
        if all(rij[k].strip() not in (".", "") for _, k in KWB_KLASSEN):
            return sum(float(rij[k]) * tar[(pc3, lo)] for lo, k in KWB_KLASSEN)
        return float(rij["AantalInwoners_5"]) * tar[(pc3, None)]

    w1 = sleutel("BU99980101")
    w2 = sleutel("BU99980201") + sleutel("BU99980202")
    assert far["WK999801"] == pytest.approx(totaal * w1 / (w1 + w2), rel=1e-9)
    assert far["WK999802"] == pytest.approx(totaal * w2 / (w1 + w2), rel=1e-9)
    assert "driecijferige postcode (Vektis PC3 2015" in flows["sleutel"].iloc[0]
    # without the PC3 file the same wijk gets the gemeente-rate share: the key changed it
    (pc3_data / "zorg" / "vektis_zvw_2015_postcode3.csv").unlink()
    kaal = db.make_engine(f"sqlite:///{pc3_data.parent / 'kaal.sqlite'}")
    ingest(kaal, vind_bestanden(pc3_data))
    oud = zorg_familie.zorg_model(kaal, "GM9998", "wijk", 2019)
    assert oud.sleutel == "gemeente" and "één tarief" in oud.schatting
    oud_far = oud.flows[oud.flows["categorie"] == "Farmacie"].set_index("regio_code")["bedrag_eur"]
    assert far["WK999801"] > oud_far["WK999801"]  # PC3 999 is the dearer area


def _csv_rows_utf8(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def test_no_pc3_key_without_postcodes(pc3_data):
    """A KWB year without MeestVoorkomendePostcode: the gemeente key, said on the page."""
    shutil.copy(FIXTURES / "thema_data" / "cbs_kwb" / KWB, pc3_data / "cbs_kwb" / KWB)
    engine = db.make_engine(f"sqlite:///{pc3_data.parent / 'zonder.sqlite'}")
    ingest(engine, vind_bestanden(pc3_data))
    model = zorg_familie.zorg_model(engine, "GM9998", "buurt", 2019)
    assert model.sleutel == "gemeente" and not model.flows.empty
    assert pd.notna(model.schatting) and "één tarief" in model.schatting
