"""Every page for a sample of the gemeente/level/year combinations its selectors offer on the
real store, in Chromium (issue 18 item 2): no exception box, content shown, and no request to
any host but the app's own (item 16). One server, one tab, many URLs.

The sample (at least ten per page, drawn per page with a fixed seed) holds 2015, 2019, 2020
and 2024, buurt and gemeente level, Amsterdam, Den Haag and gemeenten outside them. "Content"
is a data element (table, chart, map, metric, upload field); where a selection has nothing to
show, the page must say why in an alert. A selection that only explains is counted and
printed; every page shows data for most of its sample.
"""

from __future__ import annotations

import contextlib
import random
from urllib.parse import urlencode, urlparse

import pytest
import sqlalchemy as sa
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from geldstromen import db
from geldstromen.ui.fouten import MELDING

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

PAGINAS = [
    "kaart",
    "vergelijk",
    "tijdlijn",
    "presentatie",
    "scenario",
    "eigen-data",
    "wijkprofiel",
    "energietransitie",
    "sociaal-domein",
    "verbanden",
    "bronnen",
]
PER_PAGINA = 10
GROTE = ("GM0363", "GM0518")
DATA = ", ".join(
    f'[data-testid="stMain"] [data-testid="{t}"]'
    for t in (
        "stDataFrame",
        "stTable",
        "stPlotlyChart",
        "stDeckGlJsonChart",
        "stMetric",
        "stFileUploader",
        "stVegaLiteChart",
        "stImage",
        "stDataEditor",
        "stArrowVegaLiteChart",
    )
)
KLAAR = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _aanbod(url: str) -> list[tuple[str, str, int]]:
    """(gemeente, niveau, jaar) the selectors offer: the levels and years with indicators per
    gemeente (the ``beschikbaarheid`` query behind ``filters.kies_gebied``)."""
    engine = db.make_engine(url)
    with engine.connect() as con:
        rows = con.execute(
            sa.text(
                "select distinct gemeente_code, niveau, jaar from mart_indicator_mat "
                "where niveau in ('gemeente', 'wijk', 'buurt')"
            )
        ).fetchall()
    engine.dispose()
    return sorted((g, n, int(j)) for g, n, j in rows)


def steekproef(aanbod: list[tuple[str, str, int]], pagina: str) -> list[tuple[str, str, int]]:
    """At least :data:`PER_PAGINA` offered combinations for ``pagina``: one per year, buurt,
    gemeente level, each large city, the rest random outside them (seeded by the page)."""
    rnd = random.Random(f"keuzes-{pagina}")
    gekozen: list[tuple[str, str, int]] = []

    def neem(filter_, liefst=lambda c: True) -> None:
        kandidaten = [c for c in aanbod if filter_(c) and c not in gekozen]
        beter = [c for c in kandidaten if liefst(c)]
        if beter or kandidaten:
            gekozen.append(rnd.choice(beter or kandidaten))

    for jaar in sorted({j for _, _, j in aanbod}):
        neem(lambda c, jaar=jaar: c[2] == jaar and c[1] != "gemeente", lambda c: c[0] not in GROTE)
    neem(lambda c: c[1] == "buurt" and c[0] not in GROTE)
    neem(lambda c: c[1] == "gemeente")
    for code in GROTE:
        neem(lambda c, code=code: c[0] == code and c[1] != "gemeente")
    while len(gekozen) < PER_PAGINA:
        neem(lambda c: c[1] != "gemeente")
    return gekozen


def _extern(url: str, basis: str) -> bool:
    host = urlparse(url).hostname
    return (
        url.split(":", 1)[0] not in ("data", "blob", "about") and host != urlparse(basis).hostname
    )


def test_every_page_for_a_sample_of_offered_selections(
    browser, app_warm, streamlit_server, browser_db_url
):
    aanbod = _aanbod(browser_db_url)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    extern: list[str] = []
    context.on(
        "request", lambda r: extern.append(r.url) if _extern(r.url, streamlit_server) else None
    )
    page = context.new_page()
    page.set_default_timeout(120_000)
    fouten, alleen_uitleg, met_data, geopend = [], [], {}, 0
    try:
        for pagina in PAGINAS:
            sample = steekproef(aanbod, pagina)
            jaren = {j for _, _, j in sample}
            assert {2015, 2019, 2020, 2024} <= jaren, (pagina, sample)
            assert any(n == "buurt" for _, n, _ in sample)
            assert all(any(g == code for g, _, _ in sample) for code in GROTE)
            assert sum(g not in GROTE for g, _, _ in sample) >= 3
            met_data[pagina] = 0
            for gemeente, niveau, jaar in sample:
                query = urlencode({"gemeente": gemeente, "niveau": niveau, "jaar": jaar})
                page.goto(f"{streamlit_server}/{pagina}?{query}")
                page.locator(KLAAR).wait_for()
                page.wait_for_timeout(300)
                page.locator(KLAAR).wait_for()
                geopend += 1
                waar = f"/{pagina}?{query}"
                main = page.locator('[data-testid="stMain"]')
                if page.locator('[data-testid="stException"]').count():
                    fouten.append(
                        (waar, page.locator('[data-testid="stException"]').first.inner_text()[:300])
                    )
                    continue
                if MELDING in main.inner_text() or page.get_by_text("Page not found").count():
                    fouten.append((waar, "foutmelding of Page not found"))
                    continue
                if not page.locator(DATA).count():  # (chart and map code loads lazily)
                    with contextlib.suppress(PlaywrightTimeout):
                        page.locator(DATA).first.wait_for(state="attached", timeout=6000)
                if page.locator(DATA).count():
                    met_data[pagina] += 1
                    continue
                uitleg = page.locator('[data-testid="stMain"] [data-testid="stAlert"]')
                tekst = uitleg.first.inner_text() if uitleg.count() else ""
                if len(tekst) < 20:
                    fouten.append((waar, "lege pagina: geen gegevens en geen uitleg"))
                else:
                    alleen_uitleg.append((waar, tekst[:120]))
    finally:
        context.close()
    print(
        f"\n{geopend} pagina x keuze geopend; {len(fouten)} fouten; "
        f"{len(alleen_uitleg)} alleen uitleg; met gegevens per pagina: {met_data}"
    )
    for waar, tekst in alleen_uitleg:
        print("  uitleg:", waar, "|", tekst.replace("\n", " "))
    assert geopend >= PER_PAGINA * len(PAGINAS)
    assert fouten == [], fouten
    assert extern == [], sorted(set(extern))[:10]
    for pagina, n in met_data.items():
        assert n >= PER_PAGINA // 2, (pagina, n)
