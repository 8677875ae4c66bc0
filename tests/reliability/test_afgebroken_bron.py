"""A truncated or ragged source file never silently replaces complete data.

Two protections: every reader in ``data_sources`` refuses rows with fewer or more fields than
the header, and a re-ingest that loses more than ``MAX_KRIMP`` of a source's stored rows or
regions is refused unless the user passes ``--accepteer-krimp``. The previous data stays.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from data_sources.base import IngestFout, controleer_velden
from data_sources.ingest import MAX_KRIMP, ingest, vind_bestanden
from geldstromen import db
from geldstromen.cli import main
from tests.bad_inputs.conftest import fixture_store, snapshot

#: One small valid file per reader (path under the data dir -> text): header + three rows.
BESTANDEN = {
    "cbs_kwb/kwb2019_84583NED_test.csv": (
        '"ID";"WijkenEnBuurten";"AantalInwoners_5"\n'
        '0;"GM9999  ";"  100"\n1;"WK999901";"   60"\n2;"WK999902";"   40"\n'
    ),
    "cbs_kwb/kwb2020_derived_provincie_utrecht_buurten.csv": (
        "buurt_code,gm_naam,regio,aantal\n"
        "BU99990101,Test,Noord,5\nBU99990102,Test,Zuid,6\nBU99990103,Test,Oost,7\n"
    ),
    "cbs_regionaal/cbs_82949NED_gemeentecodes_2018.csv": (
        "Code_1;Naam_2\nGM9997;Een\nGM9998;Twee\nGM9999;Drie\n"
    ),
    "cbs_budget/cbs_85419NED_test.csv": (
        "periode;bestedingscategorie;kenmerk_huishoudens;gemiddeld_besteed_bedrag_x1000_eur\n"
        "2020JJ00;Voeding;Totaal;4.1\n2020JJ00;Wonen;Totaal;9.2\n2020JJ00;Kleding;Totaal;1.3\n"
    ),
    "cbs_prijzen/cbs_81309NED_test.csv": (
        "periode;aardgas_transactieprijs_eur_per_gj\n2019JJ00;20.1\n2020JJ00;19.2\n2021JJ00;25.3\n"
    ),
    "gemeentefonds/GF_M2024_2025_per_cluster.csv": (
        ";Gemeenten;Wonen;Totaal\n0;Een;10;10\n1;Twee;20;20\n2;Drie;30;30\n"
    ),
    "iv3/gemeenteklassen_2025.tsv": ("Gemeenten\tgrootte\nEen\tklein\nTwee\tmiddel\nDrie\tgroot\n"),
    "iv3/iv3_gemeenten_taakveld_2023_begroting.csv": (
        "Gemeenten;Taakveld;Lasten;Baten;L1.1 Salarissen en sociale lasten\n"
        "Een;0.1 Bestuur;1;0;1\nTwee;0.1 Bestuur;2;0;1\nDrie;0.1 Bestuur;3;0;1\n"
    ),
    "zorg/rivm_50090NED_test_2020_18plus.csv": (
        "ID;WijkenEnBuurten;Marges;Perioden;Roker_1\n"
        "0;WK999901;MW00000;2020JJ00;20\n1;WK999902;MW00000;2020JJ00;21\n"
        "2;WK999903;MW00000;2020JJ00;22\n"
    ),
    "zorg/vektis2023_derived_municipality_benchmark.csv": (
        "gemeentenaam,insured_years,actual_cost,expected_cost\n"
        "EEN,10.5,1000.25,900\nTWEE,20.5,2000.5,2100\nDRIE,30.5,3000.75,3100\n"
    ),
    "zorg/vektis2023_derived_national_age_sex_rates.csv": (
        "geslacht,leeftijdsklasse,national_actual_cost,national_insured_years\n"
        "M,0 t/m 4 jaar,100,10\nV,0 t/m 4 jaar,90,9\nM,5 t/m 9 jaar,80,8\n"
    ),
    "zorg/vektis_zvw_2015_gemeente.csv.gz": (
        "GESLACHT;LEEFTIJDSKLASSE;GEMEENTENAAM;AANTAL_VERZEKERDEJAREN;KOSTEN_FARMACIE\n"
        "M;0 t/m 4 jaar;EEN;5;50\nV;0 t/m 4 jaar;EEN;6;60\nM;0 t/m 4 jaar;TWEE;7;70\n"
    ),
}


def _schrijf(path, tekst: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = tekst.encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


def _lees(data_dir, rel: str) -> dict:
    (item,) = [b for b in vind_bestanden(data_dir) if b.pad == data_dir / rel]
    return item.lees()


@pytest.mark.parametrize("rel", sorted(BESTANDEN))
def test_every_reader_refuses_short_and_long_rows(rel, tmp_path):
    path = tmp_path / rel
    tekst = BESTANDEN[rel]
    _schrijf(path, tekst)
    assert sum(len(f) for f in _lees(tmp_path, rel).values()) > 0  # the valid file reads
    kop, *rijen = tekst.splitlines()
    sep = "\t" if rel.endswith(".tsv") else ("," if kop.count(",") else ";")
    # cut in the middle of the last line (what a half-copied file looks like)
    kort = "\n".join([kop, *rijen[:-1], rijen[-1].rsplit(sep, 1)[0]])
    _schrijf(path, kort)
    with pytest.raises(IngestFout, match=r"regel 4 heeft \d+ velden, minder velden"):
        _lees(tmp_path, rel)
    # a row with one field too many in the middle
    lang = "\n".join([kop, rijen[0] + sep + "99", *rijen[1:]]) + "\n"
    _schrijf(path, lang)
    with pytest.raises(IngestFout, match=r"regel 2 heeft \d+ velden, meer velden") as exc:
        _lees(tmp_path, rel)
    assert path.name in str(exc.value)


def test_field_check_allows_quotes_blank_lines_and_a_missing_final_newline():
    controleer_velden('a;b;c\n"x;y";2;3\n\n"p\nq";5;6', ";", "f.csv")  # no exception
    with pytest.raises(IngestFout, match=r"f\.csv: regel 3 heeft 2 velden.*3 \(2\)"):
        controleer_velden("a;b;c\n1;2;3\n4;5\n", ";", "f.csv")
    with pytest.raises(IngestFout, match=r"en nog 2"):
        controleer_velden("a;b\n" + "1\n" * 7, ";", "f.csv")


def _rijen(url: str, bron_id: str) -> int:
    engine = db.make_engine(url)
    with engine.connect() as conn:
        n = conn.execute(text("select rijen from bron where bron_id = :b"), {"b": bron_id})
        value = n.scalar()
    engine.dispose()
    return value


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_shrunken_fixture_file_is_refused_then_accepted_explicitly(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    data = fixture_store(url, tmp_path)
    kwb = next((data / "cbs_kwb").glob("kwb2019*.csv"))
    bron_id = kwb.stem
    stored = _rijen(url, bron_id)
    regels = kwb.read_text(encoding="utf-8").splitlines(keepends=True)
    kwb.write_text("".join(regels[: len(regels) // 2]), encoding="utf-8")  # at a line boundary
    before = snapshot(url)
    result = _cli("ingest", "--data-dir", data, "--database-url", url, "--quiet")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert kwb.name in result.output and f"tegen {stored} rijen" in result.output
    assert "--accepteer-krimp" in result.output and "ongewijzigd" in result.output
    assert snapshot(url) == before
    result = _cli(
        "ingest", "--data-dir", data, "--database-url", url, "--quiet", "--accepteer-krimp"
    )
    assert result.exit_code == 0, result.output
    assert "Let op: kleiner ingelezen" in result.output
    assert 0 < _rijen(url, bron_id) < stored * (1 - MAX_KRIMP)


def test_small_changes_and_growth_pass(tmp_path):
    """Losing up to MAX_KRIMP (a region merged away) or growing is an ordinary update."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    data = fixture_store(url, tmp_path)
    gf = data / "gemeentefonds" / "GF_M2024_2025_per_cluster.csv"
    regels = gf.read_text(encoding="utf-8").splitlines(keepends=True)
    gf.write_text("".join(regels + regels[1:]), encoding="utf-8")  # every gemeente twice
    engine = db.make_engine(url)
    assert ingest(engine, vind_bestanden(data)).krimp == []
    engine.dispose()


# --- the two cases of the review, on copies of the real files ------------------------------

VEKTIS = "zorg/vektis2023_derived_municipality_benchmark.csv"
KWB = "cbs_kwb/kwb2019_84583NED_amsterdam_GM0363_gm_wk_bu.csv"


@pytest.fixture
def echte_kopie(shared_data, tmp_path):
    """A store with only the real Vektis benchmark and KWB 2019 Amsterdam files ingested."""
    data = tmp_path / "data"
    for rel in (VEKTIS, KWB):
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shared_data / rel, data / rel)
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    result = _cli("ingest", "--data-dir", data, "--database-url", url, "--quiet")
    assert result.exit_code == 0, result.output
    return data, url


def test_real_vektis_cut_in_half_is_refused(echte_kopie):
    data, url = echte_kopie
    path = data / VEKTIS
    raw = path.read_bytes()
    # independent count: the data lines of the file, twice (costs and gemeente names)
    assert _rijen(url, "vektis_zvw_2023_municipality_benchmark") == 2 * (raw.count(b"\n") - 1)
    path.write_bytes(raw[: len(raw) // 2])
    before = snapshot(url)
    result = _cli("ingest", "--data-dir", data, "--database-url", url, "--quiet")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert path.name in result.output and "Fout:" in result.output
    assert snapshot(url) == before
    assert _rijen(url, "vektis_zvw_2023_municipality_benchmark") == 684


def test_real_kwb_cut_at_a_line_boundary_is_refused(echte_kopie):
    data, url = echte_kopie
    path = data / KWB
    with open(path, encoding="utf-8-sig", newline="") as fh:
        kop, *rijen = list(csv.reader(fh, delimiter=";"))
    # independent count: non-empty value cells plus one column row per value column
    cellen = sum(1 for rij in rijen for waarde in rij[2:] if waarde != "")
    assert cellen + len(kop) - 2 == 67187 == _rijen(url, path.stem)
    regels = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(regels[: len(regels) // 2]))
    before = snapshot(url)
    result = _cli("ingest", "--data-dir", data, "--database-url", url, "--quiet")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert path.name in result.output and "tegen 67187 rijen" in result.output
    assert snapshot(url) == before
    result = _cli(
        "ingest", "--data-dir", data, "--database-url", url, "--quiet", "--accepteer-krimp"
    )
    assert result.exit_code == 0, result.output
    assert 0 < _rijen(url, path.stem) < 67187 * 0.6


# --- other shapes of damage, on the synthetic fixtures ---------------------------------------

KWB_FIXTURE = "cbs_kwb/kwb2019_84583NED_testdorp_GM9999_gm_wk_bu.csv"


def _alleen_kopregel(data):
    path = data / KWB_FIXTURE
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def _regios_samengevallen(data):
    """Same rows and fields, but every row carries the gemeente code (a broken export)."""
    path = data / KWB_FIXTURE
    regels = path.read_text(encoding="utf-8").splitlines()
    kop, rijen = regels[0], regels[1:]
    rijen = [";".join([r.split(";")[0], '"GM9999    "', *r.split(";")[2:]]) for r in rijen]
    path.write_text("\n".join([kop, *rijen]) + "\n", encoding="utf-8")


def _geojson_helft(data):
    """A FeatureCollection re-closed after its first feature: valid JSON, fewer regions."""
    path = data / "geo" / "pdok_cbs_buurten_2015_testdorp.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:1]
    path.write_text(json.dumps(doc), encoding="utf-8")


def _gzip_afgebroken(data):
    path = data / "geo" / "pdok_cbs_wijken_2024_simplified.geojson.gz"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])


SCHADE = {
    "alleen-kopregel": (_alleen_kopregel, "tegen"),
    "regios-samengevallen": (_regios_samengevallen, "1 regio's"),
    "geojson-een-van-vier": (_geojson_helft, "tegen"),
    "gzip-afgebroken": (_gzip_afgebroken, "pdok_cbs_wijken_2024"),
}


@pytest.mark.parametrize("naam", sorted(SCHADE))
def test_other_damage_is_refused_and_changes_nothing(naam, tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    data = fixture_store(url, tmp_path)
    schade, tekst = SCHADE[naam]
    schade(data)
    before = snapshot(url)
    result = _cli("ingest", "--data-dir", data, "--database-url", url, "--quiet")
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Fout:" in result.output and tekst in result.output, result.output
    assert snapshot(url) == before
    assert "vcpkg" not in result.output and ".cpp" not in result.output  # no library paths


def test_crlf_copy_and_removed_file_keep_the_data(tmp_path):
    """Windows line endings are the same data (no shrink); a file that disappears from the
    data folder leaves its stored rows in place (an ingest never deletes a source)."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    data = fixture_store(url, tmp_path)
    path = data / KWB_FIXTURE
    stored = _rijen(url, path.stem)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = _cli("ingest", "--data-dir", data, "--database-url", url, "--quiet")
    assert result.exit_code == 0 and "1 bestand(en) ingelezen" in result.output, result.output
    assert _rijen(url, path.stem) == stored
    path.unlink()
    result = _cli("ingest", "--data-dir", data, "--database-url", url, "--quiet")
    assert result.exit_code == 0, result.output
    assert _rijen(url, path.stem) == stored
