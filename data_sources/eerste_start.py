"""First run: with no data folder and an empty store, fetch what the online path offers.

``make run`` calls ``geldstromen eerste-start`` when ``GELDSTROMEN_DATA_DIR`` is unset. A
quick connectivity check (short timeout) decides: CBS reachable -> ``ingest --online`` with a
progress bar per source and a time estimate (from the size of each kind of source: requests,
megabytes and local processing at an assumed connection, see :data:`OMVANG_PER_SOORT`; the
bars refine it as each source finishes; fetched pages are cached, so an interrupted run
resumes where it stopped); not reachable -> a Dutch explanation of the data-folder route. Either way the
command ends with exit status 0 so the app starts (on its start page when nothing was loaded).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy import Engine, text

from data_sources.base import Bestand, IngestFout
from data_sources.cbs_odata import FEED
from geldstromen import db
from geldstromen.config import Settings

#: The connection the estimate assumes: throughput, and the time one request costs apart
#: from its bytes (latency plus the server composing a page).
MB_PER_S = 2.0
S_PER_VERZOEK = 1.0


@dataclass(frozen=True)
class Omvang:
    """What the first download of one source costs: requests, megabytes, local processing."""

    verzoeken: int
    megabytes: float
    verwerking_s: float = 0.0

    @property
    def seconden(self) -> float:
        return self.verzoeken * S_PER_VERZOEK + self.megabytes / MB_PER_S + self.verwerking_s


#: Per source kind (national size, cache empty):
#: - KWB year: ~17,500 regions (342 gemeenten, ~3,400 wijken, ~13,800 buurten in 2024) of
#:   ~120 columns; the OData JSON repeats every column name (~4.5 kB a row; the CSV of
#:   579 Amsterdam rows x 118 columns is 0.77 MB), so 2 pages of 10,000 rows (~80 MB) plus
#:   TableInfos, DataProperties and 2 pages of the WijkenEnBuurten dimension;
#: - Iv3 year: ~20 pages of 10,000 narrow rows (~0.2 kB) plus 4 dimension documents;
#: - RIVM edition x age group: one row per area (~17,000, ~50 topics, ~2 kB), 2 filtered
#:   pages plus 3 documents;
#: - Vektis: one CSV, gemeente ~3.2 MB (the 2015 file), postcode3 ~7.5 MB (~890 PC3 areas
#:   instead of ~390 gemeenten);
#: - boundaries: see :data:`GRENS_FEATURES` and :data:`GRENS_KB`.
OMVANG_PER_SOORT = {
    "cbs_kwb": Omvang(6, 85.0, 15.0),
    "iv3": Omvang(24, 40.0, 10.0),
    "rivm_18plus": Omvang(5, 35.0, 5.0),
    "rivm_65plus": Omvang(5, 35.0, 5.0),
}
#: Seconds per kind of the CBS-feed sources at the assumed connection (derived from the sizes).
SECONDEN_PER_SOORT = {soort: o.seconden for soort, o in OMVANG_PER_SOORT.items()}
VEKTIS_MB = {"gemeente": 3.2, "postcode3": 7.5}
#: Features per boundary level (incl. the water parts) and kilobytes per feature of the
#: full-resolution polygons as GeoJSON (PDOK serves them unsimplified; ~25 bytes a vertex).
GRENS_FEATURES = {"gemeente": 345, "wijk": 3_400, "buurt": 14_000}
GRENS_KB = {"gemeente": 250.0, "wijk": 40.0, "buurt": 12.0}
#: Local processing (validity, simplification with shared edges) per 1,000 features.
GRENS_VERWERKING_S_PER_1000 = 3.0
ANDERS = Omvang(3, 20.0, 5.0)


def omvang(bestand: Bestand) -> Omvang:
    """The size of one source's first download, from its kind (and level)."""
    niveau = getattr(bestand, "niveau", None)
    if bestand.soort == "geometrie" and niveau in GRENS_FEATURES:
        from data_sources.pdok import PAGINA

        n = GRENS_FEATURES[niveau]
        paginas = -(-n // PAGINA) + 1  # the pages and the freshness check
        return Omvang(paginas, n * GRENS_KB[niveau] / 1000, n / 1000 * GRENS_VERWERKING_S_PER_1000)
    if bestand.soort == "vektis":
        return Omvang(2, VEKTIS_MB.get(str(niveau), VEKTIS_MB["postcode3"]), 2.0)
    return OMVANG_PER_SOORT.get(bestand.soort, ANDERS)


def _heeft_paginas(folder: Path) -> bool:
    return folder.is_dir() and any(p.name != "versie.json" for p in folder.glob("*.json"))


def in_cache(bestand: Bestand, settings: Settings) -> bool:
    """True when an earlier (interrupted) run left this source's download in the cache: then
    it costs only the freshness check. A CBS table counts once any of its pages is there (two
    RIVM age groups share a table), so a resumed estimate may come out a little low."""
    cache = Path(settings.cache_dir)
    niveau = getattr(bestand, "niveau", None)
    if bestand.soort == "geometrie" and niveau and bestand.jaar:
        return _heeft_paginas(cache / "pdok" / str(bestand.jaar) / niveau)
    if bestand.soort == "vektis" and niveau and bestand.jaar:
        return (cache / "vektis" / f"vektis_zvw_{bestand.jaar}_{niveau}.csv").exists()
    if getattr(bestand, "feed", None) is not None and bestand.tabel_id:
        return _heeft_paginas(cache / "cbs_odata" / bestand.tabel_id)
    return False


def _kosten(bestand: Bestand, settings: Settings | None) -> Omvang:
    o = omvang(bestand)
    if settings is not None and in_cache(bestand, settings):
        return Omvang(1, 0.0, o.verwerking_s)  # the check request and reading the cache
    return o


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


def schatting_s(bestanden: list[Bestand], settings: Settings | None = None) -> float:
    """Expected seconds of an online ingest of ``bestanden``: cache empty, or with
    ``settings`` what an earlier run left in the cache costs only its check."""
    return sum(_kosten(b, settings).seconden for b in bestanden)


_GROEPEN = {
    "cbs_kwb": "KWB",
    "iv3": "Iv3",
    "rivm_18plus": "RIVM",
    "rivm_65plus": "RIVM",
    "vektis": "Vektis",
    "geometrie": "kaartgrenzen",
}


def schatting_tekst(bestanden: list[Bestand], settings: Settings | None = None) -> str:
    """Dutch: the total, the download size and the share of each kind of source (with
    ``settings``: sources already in the cache count only their check)."""
    per: dict[str, list[float]] = {}
    al = sum(in_cache(b, settings) for b in bestanden) if settings is not None else 0
    for b in bestanden:
        o = _kosten(b, settings)
        groep = per.setdefault(_GROEPEN.get(b.soort, "overig"), [0, 0.0, 0.0])
        groep[0] += 1
        groep[1] += o.megabytes
        groep[2] += o.seconden
    totaal_mb = sum(g[1] for g in per.values())
    delen = ", ".join(
        f"{naam} {int(g[0])}\u00d7 {_minuten(g[2]).removeprefix('ongeveer ')}"
        for naam, g in sorted(per.items(), key=lambda kv: -kv[1][2])
    )
    grootte = f"{totaal_mb / 1000:.1f} GB" if totaal_mb >= 1000 else f"{totaal_mb:.0f} MB"
    cache = f"{al} al in de cache van een eerdere run; " if al else ""
    return (
        f"{cache}verwachte duur {_minuten(schatting_s(bestanden, settings))}, ongeveer "
        f"{grootte} downloaden "
        f"({delen}; geschat bij {MB_PER_S:g} MB/s, bij een snellere verbinding korter)"
    )


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
            f"{len(lijst)} tabellen op te halen; {schatting_tekst(lijst, settings)}. De "
            "voortgangsbalken verfijnen dit per bron. Onderbreken mag: opgehaalde pagina's "
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
