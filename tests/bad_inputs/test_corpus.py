"""Every hostile/broken file of the corpus through every entry point that reads files."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from geldstromen import db
from geldstromen.cli import main
from tests.bad_inputs.conftest import BESTANDEN, fixture_store, manifest, snapshot

UPLOADS = [r for r in manifest() if r["doel"] == "upload"]
REFUSED = [r for r in UPLOADS if r["verwacht"] != "geldig"]
INGEST = [r for r in manifest() if r["doel"] != "upload"]
SEL = ["--gemeente", "GM9999", "--niveau", "wijk", "--jaar", "2019"]
INGEST_DOEL = {
    "kwb_csv": "cbs_kwb/kwb2019_84583NED_testdorp_GM9999_gm_wk_bu.csv",
    "kwb_json": "cbs_kwb/kwb2024_85984NED_gemeente_wijk_testdorp.json",
    "geojson": "geo/cbs_gemeenten_2019_test.geojson",
}


def _cli(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def _assert_clean_refusal(result, tekst: str) -> None:
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 1, output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in output
    assert tekst.lower() in output.lower(), output
    assert "Fout:" in output or "Afgewezen" in output  # Dutch message


def test_manifest_lists_every_file_and_at_least_50():
    names = {r["bestand"] for r in manifest()}
    assert names == {p.name for p in BESTANDEN.iterdir()}
    assert len(names) >= 50
    assert all(p.stat().st_size < 100_000 for p in BESTANDEN.iterdir())


@pytest.mark.parametrize("row", UPLOADS, ids=lambda r: r["bestand"])
def test_check_upload_refuses(row, basis):
    """Refused files exit 1 with the reason; the good files of the corpus (odd but valid:
    wrong Excel dimensions, CR line endings, a ``sep=`` line, padded empty columns) exit 0."""
    url = f"sqlite:///{basis[0]}"
    result = _cli("check-upload", BESTANDEN / row["bestand"], *SEL, "--database-url", url)
    if row["verwacht"] == "geldig":
        assert result.exit_code == 0, result.output
        assert ": geldig." in result.output and row["tekst"].lower() in result.output.lower()
        assert "Afgewezen" not in result.output
        return
    _assert_clean_refusal(result, row["tekst"])
    accepted = "0 waarde(n)" in result.output or "Fout:" in result.output
    assert accepted == (row["verwacht"] == "weigeren"), result.output


def test_check_upload_missing_file_and_directory(tmp_path):
    _assert_clean_refusal(_cli("check-upload", tmp_path / "bestaat_niet.csv"), "bestaat niet")
    _assert_clean_refusal(_cli("check-upload", tmp_path), "map")


def test_import_lokaal_refused_files_change_nothing(database_url, tmp_path):
    fixture_store(database_url, tmp_path)
    good = tmp_path / "goed.csv"
    good.write_text("regio_code;bewoners_aantal\nWK999901;5\nWK999902;7\n", encoding="utf-8")
    assert _cli("import-lokaal", good, *SEL, "--database-url", database_url).exit_code == 0
    before = snapshot(database_url)
    for row in REFUSED:
        result = _cli(
            "import-lokaal", BESTANDEN / row["bestand"], *SEL, "--database-url", database_url
        )
        _assert_clean_refusal(result, row["tekst"])
    assert snapshot(database_url) == before
    engine = db.make_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(text("select count(*) from mart_lokaal_indicator_mat")).scalar()
    engine.dispose()
    assert rows == 2


@pytest.mark.parametrize("row", INGEST, ids=lambda r: r["bestand"])
def test_ingest_refuses_broken_source_file(row, basis, tmp_path):
    from data_sources.ingest import vind_bestanden

    path = tmp_path / "db.sqlite"
    shutil.copy(basis[0], path)
    data = tmp_path / "data"
    shutil.copytree(basis[1], data)
    target = data / INGEST_DOEL[row["doel"]]
    target.parent.mkdir(exist_ok=True)
    shutil.copy(BESTANDEN / row["bestand"], target)
    if not any(b.pad == target for b in vind_bestanden(data)):
        pytest.skip(f"geen bronmodule leest {INGEST_DOEL[row['doel']]}")
    url = f"sqlite:///{path}"
    before = snapshot(url)
    result = _cli("ingest", "--data-dir", data, "--database-url", url, "--quiet")
    if row["verwacht"] == "herstel_of_weigeren" and result.exit_code == 0:
        _assert_geometries_valid(url)
        return
    _assert_clean_refusal(result, row["tekst"])
    assert "ongewijzigd" in result.output
    assert snapshot(url) == before


def _assert_geometries_valid(url: str) -> None:
    import shapely

    engine = db.make_engine(url)
    with engine.connect() as conn:
        shapes = conn.execute(text("select geometrie_geojson from raw_geometrie")).scalars().all()
    engine.dispose()
    for shape in shapes:
        geom = shapely.from_geojson(shape)
        assert geom.is_valid
        xmin, ymin, xmax, ymax = geom.bounds
        assert 3 < xmin and xmax < 8 and 50 < ymin and ymax < 54  # WGS84 inside NL
