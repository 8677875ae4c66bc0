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


#: Wijk switch: the Wijkprofiel rerun at most this many times the empty-page rerun (issue 16).
RERUN_MAX = 2
#: Compute only: the store path (selection -> flows) at least this many times faster than a
#: recompute of the same selection from the raw files.
COMPUTE_MIN = 3


def checks(result: dict) -> list[tuple[str, str, str, bool | None]]:
    """(figure, measured, target, met) rows."""
    rerun = _get(result, "rerun_ms", "median")
    empty = _get(result, "empty_rerun_ms", "median")
    # the median of the per-block ratios (blocks alternate, so both saw the same load);
    # older results have only the two medians
    ratio = _get(result, "rerun_ratio", "median")
    if ratio is None and None not in (rerun, empty):
        ratio = round(rerun / empty, 2)
    store = _get(result, "compute_store_ms", "median")
    raw = _get(result, "compute_raw_ms", "median")
    rows = []

    def add(name, value, target, ok):
        rows.append((name, "n.v.t." if value is None else str(value), target, ok))

    add("empty_rerun_ms (vloer)", empty, "baseline", None)
    add("rerun_ms (wijkwissel, mediaan)", rerun, f"≤ {RERUN_MAX} × empty_rerun_ms", None)
    add(
        "rerun / empty_rerun",
        ratio,
        f"≤ {RERUN_MAX}",
        None if ratio is None else ratio <= RERUN_MAX,
    )
    add("compute_store_ms (selectie → stromen)", store, "baseline: store", None)
    add("compute_raw_ms (uit ruwe bestanden)", raw, "baseline: ruw", None)
    add(
        "compute raw / store",
        None if None in (store, raw) else round(raw / store, 1),
        f"≥ {COMPUTE_MIN}",
        None if None in (store, raw) else raw / store >= COMPUTE_MIN,
    )
    for key, limit in (("map_wijk_nl_bytes", 1_500_000), ("map_buurt_nl_bytes", 6_000_000)):
        val = result.get(key)
        add(key, val, f"≤ {limit:,}".replace(",", " "), _le(val, limit))
    add("map_render_gemeente_ms", result.get("map_render_gemeente_ms"), "zie ratio", None)
    add("map_render_ms (heel NL, wijken)", result.get("map_render_ms"), "zie ratio", None)
    for key, label, limit in (
        ("map_ratio_gemeente", "map_render gemeente / lege pagina", 2),
        ("map_ratio_nl", "map_render heel NL wijken / lege pagina", 3),
    ):
        add(label, result.get(key), f"≤ {limit}", _le(result.get(key), limit))
    add("empty_page_load_ms (vloer)", result.get("empty_page_load_ms"), "baseline", None)
    add("ingest_s", result.get("ingest_s"), "≤ 60", _le(result.get("ingest_s"), 60))
    add("reingest_s", result.get("reingest_s"), "≤ 5", _le(result.get("reingest_s"), 5))
    add("rss_mb", result.get("rss_mb"), "≤ 500", _le(result.get("rss_mb"), 500))
    for setup in ("concurrent_sqlite", "concurrent_team"):
        p95 = _get(result, setup, "p95")
        errors = _get(result, setup, "errors")
        sessions = _get(result, setup, "sessions")
        add(f"{setup} p95_ms ({sessions} sessies)", p95, "≤ 1000", _le(p95, 1000))
        add(f"{setup} errors", errors, "0", None if errors is None else errors == 0)
        client = _get(result, setup, "client_cpu_share")
        add(f"{setup} client_cpu_share", client, "meting (1.0 = één core)", None)
    if "nationaal" in result:
        from geldstromen.bench.nationaal import doelen

        rows += doelen(result["nationaal"])
    return rows


#: Why a target can be missed here and what to do next (printed for every missed target).
NEXT_STEPS = {
    "compute": "Profile of the store path (cProfile, 's-Gravenhage and Amsterdam, 10 "
    "selections): about 40% choosing regions and key years in pandas (sleuteljaren.gebied 31%, "
    "kwb_indelingsjaar 12%), 25% the allocation (domain.toerekening), 23% SQL (eight queries, "
    "mostly sqlite execute); the lab's raw KWB files are small per-gemeente extracts, which "
    "flatters the raw path. Next: the regions, inhabitants and key values of a gemeente's KWB "
    "year as one materialised table read in one query, so gebied() does no year choice per "
    "selection.",
    "rerun": "What remains of a wijk switch with the region's view cached (cProfile of the page "
    "script, 20 switches): about 40% the one table shown by default (per taakveld, a pandas "
    "Styler for Dutch numbers; Streamlit's marshall_styler writes display values per cell), "
    "20% the sidebar choices (gemeente selectbox over every gemeente, Iv3 year), 15% the class "
    "comparison (plotly JSON, multiselect), the rest the sankey's JSON and small elements; the "
    "snapshot of the agent API is under 5 ms. Next: put the region part (wijk picker in the "
    "main body, sankey, metric, table) in an st.fragment so a wijk switch reruns only that "
    "part, and cache the table's display strings per selection.",
    "map_render": "Without a GPU Chromium runs WebGL on SwiftShader: the first deck.gl frame "
    "waits for the software rasteriser (Chromium trace: GLES2::ReadPixels inside the "
    "compositor Commit on the renderer's main thread). First-frame wait per layer for one "
    "gemeente (Amsterdam wijken, busy machine): polygons only 0.2-0.3 s, name labels "
    "(TextLayer, its own shader) +0.7-1 s, path outlines +0.8-1.1 s (now drawn as polygon "
    "bands, same shader as the fill); all-NL wijken with path outlines took 8 s more than "
    "without (now none at that scale). What remains for one gemeente: the labels' shader, "
    "evaluating Streamlit's deck.gl chunk (about 0.5 s of JavaScript) and the rest of the "
    "page (sidebar, table); with polygons only the Kaart page still loaded in about 3x the "
    "empty page. Next: labels on request (a toggle) or baked into a raster layer, and the "
    "first view as a server-rendered image with the deck.gl map loaded on interaction; "
    "measure on a machine with a GPU.",
    "ingest_s": "Measured while other processes shared the 2 cores; about 26 s goes to "
    "materialising the marts. Next: materialise only the marts a changed source feeds.",
    "nationaal store": "Bytes per table are in the raw figures (nationaal.bytes_per_tabel, "
    "from SQLite's dbstat). After the CBS values were normalised (series and region ids, "
    "WITHOUT ROWID), the largest remaining tables are raw_cbs_waarde, raw_vektis_kosten "
    "(bron, cost column, age class and sex as text on every row) and the indicator mart with "
    "its index. Next: Vektis as series x region like the CBS values.",
    "nationaal ingest": "The replay's ingest time includes building the replay pages "
    "(replay_genereren_s) and materialising every mart once. Next: materialise only the marts "
    "a changed source feeds, and stream the online tables to the store per page instead of "
    "holding all of them until one write transaction.",
    "rss": "Peak RSS (VmHWM) of one app process on the lab store after every page for five "
    "gemeenten; resident size per page measured on 2026-11-29 (VmRSS before and after each "
    "page's five views, lab store): start 219 MB, Vergelijk +113 MB (its comparison tables "
    "cached per gemeente), Presentatie +123 MB of which 65 MB is freed again (the PDF and PNG "
    "report are drawn with matplotlib on every view, because the download buttons need the "
    "bytes), every other page +0-25 MB; a second round adds under 10 MB. Next: draw the "
    "report files only when asked (a button), and cache Vergelijk's national comparison "
    "frame once per process instead of per gemeente.",
    "concurrent": "A switch costs the app process CPU under one GIL (cpu_share in the raw "
    "figures); when the users' switches need more CPU than the cores give, they queue. "
    "Next: a cheaper Wijkprofiel rerun (see rerun), then more cores per app process.",
}


def _next_step(name: str) -> str | None:
    for prefix, text in NEXT_STEPS.items():
        if name.startswith(prefix) or prefix in name:
            return text
    return None


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
    rows = checks(result)
    for name, value, target, ok in rows:
        mark = "n.v.t." if ok is None else ("ja" if ok else "**nee**")
        lines.append(f"| {name} | {value} | {target} | {mark} |")
    lines += ["", "## Raw figures", "", "```json"]
    import json

    lines.append(json.dumps(result, indent=2, ensure_ascii=False))
    lines += ["```", ""]
    missed = [(n, v) for n, v, _t, ok in rows if ok is False]
    if missed:
        lines += ["## Targets not met: reason and next step", ""]
        for name, value in missed:
            lines.append(f"- **{name}** = {value}: {_next_step(name) or 'see the raw figures.'}")
        lines.append("")
    notes = result.get("notes")
    if notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
