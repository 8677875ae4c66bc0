"""``geldstromen bench --alleen nationaal``: the part is offered and its targets are judged from
the figures (synthetic figures here; the national replay itself runs only in the bench)."""

from __future__ import annotations

from click.testing import CliRunner

from geldstromen.bench import nationaal
from geldstromen.cli import main


def test_nationaal_is_offered_as_a_part():
    res = CliRunner().invoke(main, ["bench", "--alleen", "onzin"])
    assert res.exit_code != 0 and "nationaal" in res.output


def _figuren(ingest_s, store_bytes, nat_ms, lab_ms, rss):
    return {
        "nationaal": {"ingest_s": ingest_s, "store_bytes": store_bytes, "bytes_per_tabel": {}},
        "nationaal_rerun": {"tweede_rerun_ms": {"median": nat_ms}, "rss_mb": rss},
        "lab_rerun": {"tweede_rerun_ms": {"median": lab_ms}},
        "rerun_ratio_nationaal_lab": round(nat_ms / lab_ms, 2),
    }


def test_targets_are_judged_on_each_figure():
    goed = {d[0]: d[3] for d in nationaal.doelen(_figuren(540, 1.9e9, 110, 100, 480))}
    assert goed == {
        "nationaal ingest": True,
        "nationaal store": True,
        "rerun nationaal/lab": True,
        "RSS app (nationaal)": True,
    }
    fout = {d[0]: d[3] for d in nationaal.doelen(_figuren(660, 2.1e9, 130, 100, 520))}
    assert not any(fout.values())
    onbekend = nationaal.doelen({"nationaal": {"ingest_s": 10, "store_bytes": 1}})
    assert [d[3] for d in onbekend][2:] == [None, None]  # not measured: no verdict
    assert any("NIET GEHAALD" in r for r in nationaal.regels(_figuren(660, 2.1e9, 130, 100, 520)))


def test_a_full_run_with_the_national_part_reports_its_targets(tmp_path):
    """`geldstromen bench --met-nationaal`: the national targets are rows of
    docs/performance.md, a missed one with its reason and next step."""
    from geldstromen.bench.report import checks, write_markdown

    result = {"machine": {}, "nationaal": _figuren(660, 2.1e9, 110, 100, 480)}
    rijen = {r[0]: r[3] for r in checks(result)}
    assert rijen["nationaal store"] is False and rijen["rerun nationaal/lab"] is True
    pad = tmp_path / "performance.md"
    write_markdown(result, pad)
    tekst = pad.read_text(encoding="utf-8")
    assert "| nationaal store | 2.10 GB | <= 2 GB | **nee** |" in tekst
    assert "**nationaal store** = 2.10 GB: Bytes per table" in tekst
    assert "--met-nationaal" in CliRunner().invoke(main, ["bench", "--help"]).output
