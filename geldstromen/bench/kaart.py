"""Map figures for the benchmark: all-NL payload bytes and time to a drawn map in Chromium."""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from geldstromen.bench.server import AgentSession
from geldstromen.config import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pages(base_url: str) -> list[str]:
    """url_paths of every page the app offers."""
    return [p["url_path"] for p in AgentSession(base_url).snapshot.get("pages", [])]


def payload_bytes(db_url: str, niveau: str, jaar: int) -> int:
    """Bytes of the deck.gl JSON for an all-NL choropleth (what the browser receives).

    Runs ``geldstromen.bench.payload`` in a subprocess: it builds the deck with the app's own
    code (which imports Streamlit), while the CLI itself stays free of Streamlit.
    """
    out = subprocess.run(
        [sys.executable, "-m", "geldstromen.bench.payload", niveau, str(jaar)],
        env={**os.environ, "GELDSTROMEN_DATABASE_URL": db_url},
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    return int(out.stdout.strip().splitlines()[-1])


def _coloured(png: bytes) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").reduce(4)
    return sum(n for n, (r, g, b) in image.getcolors(1 << 20) if max(r, g, b) - min(r, g, b) > 40)


#: The map views the benchmark loads: one gemeente, and all of NL at wijk level.
GEMEENTE_QUERY = "gemeente=GM0363&niveau=wijk&jaar=2024"
NL_QUERY = GEMEENTE_QUERY + "&heel_nl=1"


def _new_page(browser):
    """A page in a fresh context (no HTTP cache or session shared with earlier loads)."""
    return browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()


def _map_ms(browser, url: str, timeout_s: float = 60) -> float | None:
    """Milliseconds from navigation to a deck.gl canvas with coloured polygons."""
    page = _new_page(browser)
    try:
        start = time.perf_counter()
        page.goto(url)
        chart = page.locator('[data-testid="stDeckGlJsonChart"]').first
        chart.wait_for(timeout=60_000)
        deadline = time.monotonic() + timeout_s
        while _coloured(chart.screenshot()) < 500:
            if time.monotonic() > deadline:
                return None
            page.wait_for_timeout(50)
        return (time.perf_counter() - start) * 1000
    finally:
        page.context.close()


def _empty_ms(browser, url: str) -> float:
    """Milliseconds from navigation to the text of the one-line page."""
    page = _new_page(browser)
    try:
        start = time.perf_counter()
        page.goto(url)
        page.get_by_text("Lege pagina").first.wait_for(timeout=60_000)
        return (time.perf_counter() - start) * 1000
    finally:
        page.context.close()


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 1) if known else None


def render_rounds(base_url: str, empty_url: str, rounds: int = 3) -> dict:
    """Empty page, one gemeente and all-NL wijken loaded in turn, ``rounds`` times, in one
    headless Chromium: medians and the median of each round's ratio to the empty page (a busy
    machine slows the three loads of a round alike)."""
    if not CHROMIUM.exists():
        return {}
    from playwright.sync_api import sync_playwright

    gemeente = base_url + "kaart?" + GEMEENTE_QUERY
    nl = base_url + "kaart?" + NL_QUERY
    samples: dict[str, list] = {"leeg": [], "gemeente": [], "nl": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        _empty_ms(browser, empty_url)  # warm-up: server caches, first browser start
        _map_ms(browser, gemeente)
        _map_ms(browser, nl)
        for _ in range(rounds):
            samples["leeg"].append(_empty_ms(browser, empty_url))
            samples["gemeente"].append(_map_ms(browser, gemeente))
            samples["nl"].append(_map_ms(browser, nl))
        browser.close()

    def ratios(key: str) -> list[float | None]:
        return [
            None if m is None else m / e for m, e in zip(samples[key], samples["leeg"], strict=True)
        ]

    return {
        "empty_page_load_ms": _median(samples["leeg"]),
        "map_render_gemeente_ms": _median(samples["gemeente"]),
        "map_render_ms": _median(samples["nl"]),
        "map_ratio_gemeente": _ratio(ratios("gemeente")),
        "map_ratio_nl": _ratio(ratios("nl")),
        "map_rounds": rounds,
        "map_samples_ms": {
            k: [None if v is None else round(v) for v in s] for k, s in samples.items()
        },
    }


def _ratio(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 2) if known else None


def map_figures(db_url: str, base_url: str, env: dict, rounds: int = 3) -> dict:
    """Payload sizes for all-NL wijken (2024) and buurten (2015), and load times (one gemeente,
    all-NL wijken) against the empty page, measured in turn."""
    from geldstromen.bench.measure import EMPTY_APP
    from geldstromen.bench.server import streamlit_server

    with streamlit_server(EMPTY_APP, env) as (empty_url, _):
        times = render_rounds(base_url, empty_url, rounds)
    return {
        "map_wijk_nl_bytes": payload_bytes(db_url, "wijk", 2024),
        "map_buurt_nl_bytes": payload_bytes(db_url, "buurt", 2015),
        **times,
    }


def run_kaart(data_dir: Path | None, database_url: str | None, rounds: int = 3) -> dict:
    """Only the map figures (``geldstromen bench --alleen kaart``): on ``database_url`` as it
    is, or on a fresh SQLite store ingested from ``data_dir``."""
    import tempfile

    from geldstromen.bench.measure import APP
    from geldstromen.bench.run import _ingest, machine
    from geldstromen.bench.server import streamlit_server

    with tempfile.TemporaryDirectory() as tmp:
        url = database_url
        if url is None:
            url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
            _ingest(data_dir, url)
        env = {"GELDSTROMEN_DATABASE_URL": url}
        with streamlit_server(APP, env) as (base, _):
            return {"machine": machine(), **map_figures(url, base, env, rounds)}
