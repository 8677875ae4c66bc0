"""``geldstromen bench``: the wijk-switch part on its own (``--alleen wijkwissel``) and the
report's wijk-switch and compute-only checks (no timing here: the figures are synthetic)."""

from __future__ import annotations

from click.testing import CliRunner

from geldstromen.bench.report import COMPUTE_MIN, RERUN_MAX, checks
from geldstromen.cli import main


def test_wijkwissel_is_a_part_of_its_own():
    from geldstromen.bench.run import ONDERDELEN

    assert "wijkwissel" in ONDERDELEN
    res = CliRunner().invoke(main, ["bench", "--alleen", "onzin"])
    assert res.exit_code != 0 and "wijkwissel" in res.output  # the choices are listed


def _rij(rows, naam):
    return next(r for r in rows if r[0] == naam)


def test_rerun_ratio_is_the_median_of_the_blocks_and_compute_is_raw_over_store():
    result = {
        "empty_rerun_ms": {"median": 100.0},
        "rerun_ms": {"median": 150.0},
        "rerun_ratio": {"median": RERUN_MAX + 0.5, "per_herhaling": [1.4, 2.5, 2.6]},
        "compute_store_ms": {"median": 100.0},
        "compute_raw_ms": {"median": 100.0 * COMPUTE_MIN},
    }
    rows = checks(result)
    # the per-block ratio counts, not the ratio of the two overall medians (1.5 here)
    assert _rij(rows, "rerun / empty_rerun")[1:] == (str(RERUN_MAX + 0.5), f"≤ {RERUN_MAX}", False)
    assert _rij(rows, "compute raw / store")[1] == str(float(COMPUTE_MIN))
    assert _rij(rows, "compute raw / store")[3] is True
    del result["rerun_ratio"]  # an older result: the two medians
    assert _rij(checks(result), "rerun / empty_rerun")[1:] == ("1.5", f"≤ {RERUN_MAX}", True)
    assert not [r for r in rows if "naive" in r[0]]
