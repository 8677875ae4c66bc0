"""docs/performance.md from a benchmark result: every figure, its baseline and its target."""

from __future__ import annotations

from pathlib import Path


def _get(result: dict, *path, default=None):
    node = result
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return default
        node = node[key]
    return node


def checks(result: dict) -> list[tuple[str, str, str, bool | None]]:
    """(figure, measured, target, met) rows."""
    rerun = _get(result, "rerun_ms", "median")
    empty = _get(result, "empty_rerun_ms", "median")
    naive = _get(result, "naive_ms", "median")
    rows = []

    def add(name, value, target, ok):
        rows.append((name, "n.v.t." if value is None else str(value), target, ok))

    add("rerun_ms (mediaan)", rerun, "≤ 3 × empty_rerun_ms",
        None if None in (rerun, empty) else rerun <= 3 * empty)  # fmt: skip
    add("rerun / empty_rerun", None if None in (rerun, empty) else round(rerun / empty, 2),
        "≤ 3", None if None in (rerun, empty) else rerun / empty <= 3)  # fmt: skip
    add("naive / rerun", None if None in (rerun, naive) else round(naive / rerun, 1),
        "≥ 20", None if None in (rerun, naive) else naive / rerun >= 20)  # fmt: skip
    for key, limit in (("map_wijk_nl_bytes", 1_500_000), ("map_buurt_nl_bytes", 6_000_000)):
        val = result.get(key)
        add(key, val, f"≤ {limit:,}".replace(",", " "), None if val is None else val <= limit)
    val = result.get("map_render_ms")
    add("map_render_ms (heel NL, wijken)", val, "≤ 2500", None if val is None else val <= 2500)
    val = result.get("map_render_gemeente_ms")
    add("map_render_gemeente_ms", val, "≤ 2500", None if val is None else val <= 2500)
    add("empty_page_load_ms (vloer)", result.get("empty_page_load_ms"), "baseline", None)
    add("ingest_s", result.get("ingest_s"), "≤ 60", _le(result.get("ingest_s"), 60))
    add("reingest_s", result.get("reingest_s"), "≤ 5", _le(result.get("reingest_s"), 5))
    add("rss_mb", result.get("rss_mb"), "≤ 500", _le(result.get("rss_mb"), 500))
    for setup in ("concurrent_sqlite", "concurrent_postgres"):
        p95 = _get(result, setup, "p95")
        errors = _get(result, setup, "errors")
        add(f"{setup} p95_ms", p95, "≤ 1000", _le(p95, 1000))
        add(f"{setup} errors", errors, "0", None if errors is None else errors == 0)
    return rows


def _le(value, limit):
    return None if value is None else value <= limit


def write_markdown(result: dict, path: Path) -> None:
    """Write the performance report."""
    m = result.get("machine", {})
    lines = [
        "# Performance",
        "",
        "Written by `geldstromen bench` (`make bench`); every figure is measured in the same run,",
        "next to its baseline. Do not edit by hand: rerun the benchmark.",
        "",
        f"Machine: {m.get('cores')} cores, {m.get('memory_gib')} GiB, Python {m.get('python')}, "
        f"{m.get('date')}. Benchmark took {result.get('bench_s')} s.",
        "",
        "| figure | measured | target | met |",
        "|---|---|---|---|",
    ]
    for name, value, target, ok in checks(result):
        mark = "n.v.t." if ok is None else ("ja" if ok else "**nee**")
        lines.append(f"| {name} | {value} | {target} | {mark} |")
    lines += ["", "## Raw figures", "", "```json"]
    import json

    lines.append(json.dumps(result, indent=2, ensure_ascii=False))
    lines += ["```", ""]
    notes = result.get("notes")
    if notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
