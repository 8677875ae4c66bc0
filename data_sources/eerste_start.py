"""First run: with no data folder and an empty store, fetch what the online path offers.

``make run`` calls ``geldstromen eerste-start`` when ``GELDSTROMEN_DATA_DIR`` is unset. A
quick connectivity check (short timeout) decides: CBS reachable -> ``ingest --online`` with a
progress bar per source and a time estimate (from the number of tables, refined by the bars
as each source finishes; fetched pages are cached, so an interrupted run resumes where it
stopped); not reachable -> a Dutch explanation of the data-folder route. Either way the
command ends with exit status 0 so the app starts (on its start page when nothing was loaded).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import requests
from sqlalchemy import Engine, text

from data_sources.base import Bestand, IngestFout
from data_sources.cbs_odata import FEED
from geldstromen import db
from geldstromen.config import Settings

#: Rough seconds per source at a typical connection: a KWB year is 2-3 pages of 10,000 rows
#: plus metadata; an Iv3 year about 20 pages; a RIVM edition x age group 2 filtered pages of
#: 10,000 rows; a PDOK layer a few hundred features per page.
SECONDEN_PER_SOORT = {
    "cbs_kwb": 45.0,
    "iv3": 90.0,
    "rivm_18plus": 40.0,
    "rivm_65plus": 40.0,
    "vektis": 15.0,
}
SECONDEN_ANDERS = 30.0

GEEN_INTERNET = (
    "Geen verbinding met CBS ({url}): de gegevens kunnen nu niet online worden opgehaald.\n"
    "De app start op de startpagina. Twee manieren om gegevens in te lezen:\n"
    "  1. Met internet: start later opnieuw met `make run` (of `geldstromen ingest --online`).\n"
    "  2. Zonder internet: zet GELDSTROMEN_DATA_DIR op een map met gedownloade bestanden\n"
    "     (cbs_kwb/, geo/, iv3/, zorg/, gemeentefonds/, ...; zie de README) en start opnieuw\n"
    "     met `make run`, of lees ze in met `geldstromen ingest --data-dir MAP`."
)

ONLINE_BRONNEN = (
    "Online beschikbaar: CBS Kerncijfers wijken en buurten (KWB) 2015-2025 met regionamen, "
    "Iv3-gemeentefinanciën 2017-2026 (begroting en jaarrekening), RIVM-gezondheid per wijk en "
    "buurt 2020 en 2022 (18+ en 65+), PDOK-grenzen van gemeenten, wijken en buurten "
    "2015-2025 en Vektis-zorgkosten (Zvw) 2011-2023 per gemeente en per driecijferige "
    "postcode (downloadadressen niet door Vektis bevestigd). Nog alleen via bestanden: het "
    "gemeentefonds (de circulaires hebben geen API), de CBS-energieprijzen, het "
    "Budgetonderzoek, de gemeenteklassen en de Vektis-vergelijking met verwachte kosten."
)


@dataclass
class Uitkomst:
    """What the first run did: ``'gegevens'`` (store already filled), ``'geen_internet'``,
    ``'ingelezen'`` or ``'mislukt'``; the lines it printed."""

    toestand: str
    regels: list[str] = field(default_factory=list)


def bereikbaar(url: str = FEED, timeout_s: float = 3.0, session=None) -> bool:
    """True when ``url`` answers at all (any HTTP status below 500) within ``timeout_s``."""
    get = (session or requests).get
    try:
        resp = get(url, timeout=timeout_s, stream=True)
    except (requests.RequestException, OSError):
        return False
    try:
        return resp.status_code < 500
    finally:
        resp.close()


def heeft_gegevens(engine: Engine) -> bool:
    """True when the store holds at least one ingested source."""
    if not db.is_initialised(engine):
        return False
    with engine.connect() as conn:
        return conn.execute(text("SELECT COUNT(*) FROM bron")).scalar_one() > 0


def schatting_s(bestanden: list[Bestand]) -> float:
    """Expected seconds for a first online ingest of ``bestanden`` (cache empty)."""
    return sum(SECONDEN_PER_SOORT.get(b.soort, SECONDEN_ANDERS) for b in bestanden)


def _minuten(seconden: float) -> str:
    minuten = max(1, round(seconden / 60))
    return "ongeveer 1 minuut" if minuten == 1 else f"ongeveer {minuten} minuten"


def eerste_start(
    engine: Engine,
    settings: Settings,
    bestanden: Callable[[Settings], list[Bestand]] | None = None,
    echo: Callable[[str], None] = print,
    url: str = FEED,
    timeout_s: float = 3.0,
    progress: bool = True,
) -> Uitkomst:
    """Decide and run the first ingest; never raises on a network or source failure."""
    from data_sources.ingest import ingest

    regels: list[str] = []

    def zeg(tekst: str) -> None:
        regels.append(tekst)
        echo(tekst)

    if heeft_gegevens(engine):
        zeg("Er zijn al gegevens ingelezen; bijwerken kan met `geldstromen ingest --online`.")
        return Uitkomst("gegevens", regels)
    if not bereikbaar(url, timeout_s):
        zeg(GEEN_INTERNET.format(url=url))
        return Uitkomst("geen_internet", regels)
    if bestanden is None:
        from data_sources.online import online_bestanden as bestanden
    zeg(
        "Eerste start: geen gegevensmap (GELDSTROMEN_DATA_DIR) en een lege database, "
        "dus de gegevens worden online opgehaald."
    )
    zeg(ONLINE_BRONNEN)
    try:
        lijst = bestanden(settings)
        zeg(
            f"{len(lijst)} tabellen op te halen; verwachte duur {_minuten(schatting_s(lijst))} "
            "(de voortgangsbalken verfijnen dit per bron). Onderbreken mag: opgehaalde pagina's "
            "blijven bewaard en `make run` gaat verder waar het stopte."
        )
        result = ingest(engine, lijst, progress=progress)
    except IngestFout as exc:
        zeg(
            f"Online inlezen mislukt: {exc}\nDe app start op de startpagina; probeer het later "
            "opnieuw met `make run` (opgehaalde pagina's blijven bewaard)."
        )
        return Uitkomst("mislukt", regels)
    except requests.RequestException as exc:
        zeg(
            f"Online inlezen mislukt (verbinding): {exc}\nDe app start op de startpagina; "
            "probeer het later opnieuw met `make run`."
        )
        return Uitkomst("mislukt", regels)
    zeg(f"Klaar: {len(result.nieuw)} bron(nen) ingelezen ({result.rijen} rijen).")
    return Uitkomst("ingelezen", regels)
