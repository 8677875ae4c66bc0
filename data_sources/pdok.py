"""Online polygons: PDOK OGC API Features "wijken en buurten <jaar>" (CBS/Kadaster).

Pages of 1,000 features are followed through their ``next`` links, with a timeout, retries with
backoff and an on-disk cache (``settings.cache_dir/pdok``), so a second ingest needs no network.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import geopandas as gpd
import requests
from tenacity import (
    RetryError,
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from data_sources.base import Bestand, IngestFout
from data_sources.geometrie import ATTRIBUTIE, SOORT, verwerk
from geldstromen.config import Settings
from geldstromen.geo import WGS84

BASIS_URL = "https://api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1/collections/{collectie}/items"
COLLECTIES = {"gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten"}
JAAR = 2024
MAX_PAGINAS = 100


class _Tijdelijk(Exception):
    """A failure worth retrying (timeout, connection, 429/5xx)."""


def _haal_op(session: requests.Session, url: str, params: dict | None, settings: Settings) -> dict:
    @retry(
        retry=retry_if_exception_type(_Tijdelijk),
        stop=stop_after_attempt(max(1, settings.http_retries)),
        wait=wait_exponential(multiplier=0.5, max=8),
        reraise=False,
    )
    def once() -> dict:
        try:
            resp = session.get(url, params=params, timeout=settings.http_timeout_s)
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise _Tijdelijk(str(exc)) from exc
        if resp.status_code == 429 or resp.status_code >= 500:
            raise _Tijdelijk(f"HTTP {resp.status_code}")
        if resp.status_code != 200:
            raise IngestFout(f"PDOK gaf HTTP {resp.status_code} voor {resp.url}")
        try:
            return resp.json()
        except ValueError as exc:
            raise IngestFout(f"PDOK gaf geen JSON voor {resp.url}") from exc

    try:
        return once()
    except RetryError as exc:
        reden = exc.last_attempt.exception()
        raise IngestFout(
            f"PDOK niet bereikbaar na {settings.http_retries} pogingen ({reden}); "
            "controleer de internetverbinding of gebruik een gegevensmap (--data-dir)."
        ) from exc


def features(niveau: str, jaar: int, settings: Settings, session=None) -> list[dict]:
    """All features of one collection, from the cache or from PDOK (following ``next``)."""
    cache = Path(settings.cache_dir) / "pdok" / f"{COLLECTIES[niveau]}_{jaar}.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    session = session or requests.Session()
    url = BASIS_URL.format(jaar=jaar, collectie=COLLECTIES[niveau])
    params: dict | None = {"f": "json", "limit": 1000}
    found: list[dict] = []
    for _ in range(MAX_PAGINAS):
        page = _haal_op(session, url, params, settings)
        if not isinstance(page.get("features"), list):
            raise IngestFout(f"PDOK-antwoord voor {COLLECTIES[niveau]} {jaar} heeft geen features")
        found.extend(page["features"])
        nxt = next((lnk["href"] for lnk in page.get("links", []) if lnk.get("rel") == "next"), None)
        if not nxt or not page["features"]:
            break
        url, params = nxt, None
    else:
        raise IngestFout(f"PDOK: meer dan {MAX_PAGINAS} pagina's voor {COLLECTIES[niveau]} {jaar}")
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(found), encoding="utf-8")
    return found


def _lees(found: list[dict], niveau: str, jaar: int, bron_id: str) -> dict:
    frame = gpd.GeoDataFrame.from_features(found, crs=WGS84)
    return verwerk(frame, niveau=niveau, jaar=jaar, bron_id=bron_id, naam=f"PDOK {niveau} {jaar}")


def online_bestanden(
    settings: Settings, jaar: int = JAAR, niveaus=("gemeente", "wijk"), session=None
) -> list[Bestand]:
    """Gemeenten and wijken (optionally buurten) of ``jaar`` from PDOK as Bestanden."""
    out = []
    for niveau in niveaus:
        found = features(niveau, jaar, settings, session)
        bron_id = f"geometrie_{niveau}_{jaar}"
        url = BASIS_URL.format(jaar=jaar, collectie=COLLECTIES[niveau])
        out.append(
            Bestand(
                bron_id=bron_id,
                soort=SOORT,
                url=url,
                jaar=jaar,
                lees=lambda f=found, n=niveau, b=bron_id: _lees(f, n, jaar, b),
                attributie=ATTRIBUTIE,
                opmerking=f"{niveau}grenzen {jaar} via PDOK OGC API, vereenvoudigd",
                sha256=hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest(),
            )
        )
    return out
