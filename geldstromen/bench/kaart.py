"""Map figures for the benchmark: all-NL payload bytes and time to a drawn map in Chromium."""

from __future__ import annotations

import io
import os
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


def render_ms(base_url: str, query: str, timeout_s: float = 60) -> float | None:
    """Milliseconds from navigation to a deck.gl canvas with coloured polygons."""
    if not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(base_url + "kaart?" + query)  # warm-up: server caches, browser assets
        page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(timeout=60_000)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        page.goto(base_url + "kaart?" + query)
        chart = page.locator('[data-testid="stDeckGlJsonChart"]').first
        chart.wait_for(timeout=60_000)
        deadline = time.monotonic() + timeout_s
        while _coloured(chart.screenshot()) < 500:
            if time.monotonic() > deadline:
                return None
            page.wait_for_timeout(50)
        elapsed = (time.perf_counter() - start) * 1000
        browser.close()
    return round(elapsed, 1)


def map_figures(db_url: str, base_url: str) -> dict:
    """Payload sizes for all-NL wijken (2024) and buurten (2015), and render time (NL wijken)."""
    return {
        "map_wijk_nl_bytes": payload_bytes(db_url, "wijk", 2024),
        "map_buurt_nl_bytes": payload_bytes(db_url, "buurt", 2015),
        "map_render_ms": render_ms(base_url, "gemeente=GM0363&niveau=wijk&jaar=2024&heel_nl=1"),
        "map_render_gemeente_ms": render_ms(base_url, "gemeente=GM0363&niveau=wijk&jaar=2024"),
    }


def empty_page_load_ms(env: dict) -> float | None:
    """Baseline: milliseconds from navigation to the text of a one-line page, same browser."""
    if not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    from geldstromen.bench.measure import EMPTY_APP
    from geldstromen.bench.server import streamlit_server

    with streamlit_server(EMPTY_APP, env) as (base, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        samples = []
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            start = time.perf_counter()
            page.goto(base)
            page.get_by_text("Lege pagina").first.wait_for(timeout=60_000)
            samples.append((time.perf_counter() - start) * 1000)
        browser.close()
    return round(sorted(samples)[1], 1)
