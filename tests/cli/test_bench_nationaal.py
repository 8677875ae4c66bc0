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
