"""Online boundaries of gemeenten, wijken and buurten for every year (CBS/Kadaster, via PDOK).

Three sources, tried in order per year and level:

- the OGC API Features "CBS Wijken en Buurten <jaar>"
  (``api.pdok.nl/cbs/wijken-en-buurten-<jaar>/ogc/v1``, collections ``gemeenten``, ``wijken``,
  ``buurten``) for the recent years: pages of ``limit`` features (GeoJSON, WGS84 lon/lat by
  default) chained by the ``links`` entry with ``rel`` ``next`` (a cursor); ``numberReturned``
  counts a page, ``numberMatched`` (optional in the standard) the whole collection;
- the WFS "wijkenbuurten/<jaar>" (``service.pdok.nl/cbs/wijkenbuurten/<jaar>/wfs/v1_0``) for
  older years and as the fallback when the OGC API of a year does not exist (HTTP 404): the
  feature type of each level is read from ``GetCapabilities`` (the names differ per year), the
  features come as GeoJSON in RD New (EPSG:28992) in pages of ``count`` from ``startIndex``
  (continued after what each page returned, as the server may cap ``count``, until an empty
  page or ``numberMatched``).
- CBS's "wijk- en buurtkaart" download of the year (a zip with shapefiles ``gem_<jaar>``,
  ``wijk_<jaar>``, ``buurt_<jaar>`` or one GeoPackage, RD New) for the older years PDOK has no
  WFS for (HTTP 404); the zip stays in the cache until the three levels are read.

Every page is cached on disk (``settings.cache_dir/pdok/<jaar>/<niveau>/``), written atomically
and in a compact form (only the code, name, gemeente, water and inhabitants properties;
coordinates rounded to 0.1 m), so an interrupted run resumes where it stopped and a second
ingest needs no network. A damaged cache page is reported in Dutch and fetched again. The
polygons are then simplified for the web by :func:`data_sources.geometrie.verwerk` (valid,
shared edges kept, WGS84, coordinates rounded) and stored per year.

Freshness: PDOK and CBS revise a year's boundaries now and then. Every run makes one cheap
check per service and year (memoised for the run): the OGC API collection document
(``collections/<collectie>``), the WFS ``GetCapabilities`` (also read for the feature types) or
a ``HEAD`` on the wijk- en buurtkaart download. Its ``Last-Modified``, ``ETag`` and (for the
documents) the sha256 of the body are kept beside the level's pages (``versie.json``); when
one of them differs from the cached copy's, that level's pages are dropped and fetched again.
Without an answer the cached pages are used (with a Dutch note); nothing is refetched when
nothing changed.

``GELDSTROMEN_ONLINE_GRENZEN_JAREN`` (e.g. ``2019,2024``) chooses the years, default
2015-2025; ``GELDSTROMEN_ONLINE_GRENZEN_NIVEAUS`` (e.g. ``gemeente,wijk``) the levels, default
all three.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import geopandas as gpd
import numpy as np
import requests
import shapely
from tenacity import (
    RetryError,
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)
from tqdm import tqdm

from data_sources.base import Bestand, IngestFout, http_datum_iso, jaren_uit_env
from data_sources.cbs_odata import _schrijf_atomisch
from data_sources.geometrie import ATTRIBUTIE, SOORT, verwerk
from geldstromen.config import Settings
from geldstromen.geo import RD, WGS84

LOG = logging.getLogger(__name__)

OGC_COLLECTIE_URL = (
    "https://api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1/collections/{collectie}"
)
OGC_URL = OGC_COLLECTIE_URL + "/items"
WFS_URL = "https://service.pdok.nl/cbs/wijkenbuurten/{jaar}/wfs/v1_0"
COLLECTIES = {"gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten"}
NIVEAUS = tuple(COLLECTIES)
#: Years with a wijk- en buurtkaart on PDOK, and the default selection.
BEKENDE_JAREN = tuple(range(2015, 2027))
STANDAARD_JAREN = tuple(range(2015, 2026))
#: CBS's wijk- en buurtkaart downloads, used when PDOK has no WFS for the year (HTTP 404).
KAART_DOWNLOADS = {
    2015: "https://www.cbs.nl/-/media/_pdf/2017/36/buurt_2015.zip",
    2016: "https://www.cbs.nl/-/media/cbs/dossiers/nederland-regionaal/wijk-en-buurtstatistieken/shape-2016-versie-30.zip",
    2017: "https://www.cbs.nl/-/media/cbs/dossiers/nederland-regionaal/wijk-en-buurtstatistieken/wijkbuurtkaart_2017_v3.zip",
    2018: "https://www.cbs.nl/-/media/cbs/dossiers/nederland-regionaal/wijk-en-buurtstatistieken/wijkbuurtkaart_2018_v3.zip",
    2019: "https://www.cbs.nl/-/media/cbs/dossiers/nederland-regionaal/wijk-en-buurtstatistieken/wijkbuurtkaart_2019_v2.zip",
    2020: "https://www.cbs.nl/-/media/cbs/dossiers/nederland-regionaal/wijk-en-buurtstatistieken/wijkbuurtkaart_2020_v1.zip",
}
#: Years whose OGC API Features is tried first (the WFS is the fallback on HTTP 404).
OGC_JAREN = frozenset(range(2022, 2027))
PAGINA = 1000
MAX_PAGINAS = 1000
#: Properties kept in the cache (lower case): code, name, gemeente, water, inhabitants.
_BEWAAR = frozenset(
    {
        "gemeentecode",
        "gemeentenaam",
        "gm_code",
        "gm_naam",
        "statcode",
        "statnaam",
        "wijkcode",
        "wijknaam",
        "wk_code",
        "wk_naam",
        "buurtcode",
        "buurtnaam",
        "bu_code",
        "bu_naam",
        "water",
        "aantal_inwoners",
        "aantalinwoners",
        "aant_inw",
    }
)
#: Decimals kept in the cache: 6 in degrees (~0.1 m), 1 in RD metres.
_CACHE_DECIMALEN = {WGS84: 6, RD: 1}
_TYPE_NAAM = re.compile(r"<(?:[\w.-]+:)?Name>\s*([^<\s]+)\s*</(?:[\w.-]+:)?Name>")


def grens_jaren(env: Mapping[str, str] | None = None) -> list[int]:
    """The boundary years to fetch: ``GELDSTROMEN_ONLINE_GRENZEN_JAREN`` or 2015-2025."""
    return jaren_uit_env(
        "GELDSTROMEN_ONLINE_GRENZEN_JAREN",
        STANDAARD_JAREN,
        BEKENDE_JAREN,
        "grenzen",
        os.environ if env is None else env,
    )


def grens_niveaus(env: Mapping[str, str] | None = None) -> list[str]:
    """The levels to fetch: ``GELDSTROMEN_ONLINE_GRENZEN_NIVEAUS`` or all three."""
    value = (os.environ if env is None else env).get("GELDSTROMEN_ONLINE_GRENZEN_NIVEAUS", "")
    if not value.strip():
        return list(NIVEAUS)
    niveaus = [n.strip().lower() for n in value.replace(";", ",").split(",") if n.strip()]
    onbekend = [n for n in niveaus if n not in COLLECTIES]
    if onbekend:
        raise IngestFout(
            f"GELDSTROMEN_ONLINE_GRENZEN_NIVEAUS: onbekend niveau {onbekend}; "
            f"kies uit {', '.join(NIVEAUS)}"
        )
    return niveaus


class _Tijdelijk(Exception):
    """A failure worth retrying (timeout, connection, 429/5xx, truncated page)."""


class NietGevonden(IngestFout):
    """HTTP 404: this service has no such year or collection."""


def _parse_json(text: str, url: str) -> dict:
    stripped = text.lstrip("\ufeff \r\n\t")
    if stripped.startswith("<"):
        soort = "een HTML-pagina" if "<html" in stripped[:500].lower() else "XML"
        raise IngestFout(
            f"PDOK gaf {soort} in plaats van GeoJSON bij {url} (storing of foutpagina); "
            "probeer het later opnieuw"
        )
    try:
        data = json.loads(text)
    except ValueError as exc:
        if stripped.startswith("{") and not stripped.rstrip().endswith("}"):
            raise _Tijdelijk(f"pagina afgebroken (onvolledige JSON) bij {url}") from exc
        raise IngestFout(f"PDOK gaf geen geldige JSON bij {url}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise IngestFout(f"PDOK-antwoord zonder 'features'-lijst bij {url}")
    return data


def _rond(geometry: dict | None, decimalen: int) -> dict | None:
    if not geometry:
        return None
    geom = shapely.geometry.shape(geometry)
    geom = shapely.transform(geom, lambda xy: np.round(xy, decimalen))
    return shapely.geometry.mapping(geom)


def _compact(features: list[dict], crs: str) -> list[dict]:
    """Only the properties the store uses, coordinates rounded (cache size)."""
    out = []
    for feat in features:
        props = feat.get("properties") or {}
        keep = {k: v for k, v in props.items() if k.lower() in _BEWAAR}
        geom = _rond(feat.get("geometry"), _CACHE_DECIMALEN[crs])
        out.append({"type": "Feature", "properties": keep, "geometry": geom})
    return out


@dataclass
class Collectie:
    """All features of one level and year, as fetched (compact) and where they came from."""

    features: list[dict]
    crs: str
    url: str
    sha256: str
    opgehaald_op: str | None = None
    #: True when PDOK publishes no such level and year (HTTP 404 on both services).
    ontbreekt: bool = False
    dienst: str = "PDOK OGC API Features"
    #: ``Last-Modified`` of the service's check document when it sends one.
    gewijzigd_op: str | None = None


class PdokGrenzen:
    """Fetch boundary collections from PDOK with retries, paging and a page cache."""

    def __init__(
        self, settings: Settings, session: requests.Session | None = None, wacht_s: float = 0.5
    ) -> None:
        self.settings = settings
        self.session = session or requests.Session()
        self.wacht_s = wacht_s
        #: Dutch notes for the user (damaged cache pages, a fallback service).
        self.meldingen: list[str] = []
        self._typen: dict[int, list[str]] = {}
        #: Freshness checks of this run: URL -> (HTTP status or None, signature, text).
        self._controles: dict[str, tuple[int | None, dict | None, str | None]] = {}
        #: Years whose wijk- en buurtkaart zip was found changed (and removed) in this run.
        self._nieuwe_zips: set[int] = set()

    def _meld(self, tekst: str) -> None:
        self.meldingen.append(tekst)
        LOG.warning(tekst)

    def _een_keer(self, url: str) -> str:
        """One GET; a failure worth retrying raises :class:`_Tijdelijk`."""
        timeout = self.settings.http_timeout_s
        try:
            resp = self.session.get(url, timeout=timeout)
        except requests.Timeout as exc:
            raise _Tijdelijk(f"geen antwoord binnen {timeout:g} s van {url}") from exc
        except requests.ConnectionError as exc:
            raise _Tijdelijk(f"verbinding met {url} mislukt ({exc})") from exc
        if resp.status_code == 429 or resp.status_code >= 500:
            raise _Tijdelijk(f"HTTP {resp.status_code} van {url}")
        if resp.status_code == 404:
            raise NietGevonden(f"PDOK gaf HTTP 404 voor {url}")
        if resp.status_code != 200:
            raise IngestFout(f"PDOK gaf HTTP {resp.status_code} voor {url}")
        try:
            return resp.text
        except requests.RequestException as exc:
            raise _Tijdelijk(f"pagina afgebroken tijdens het lezen van {url}") from exc

    def _opnieuw(self, poging):
        """Run ``poging`` with retries and backoff; a Dutch :class:`IngestFout` at the end."""
        herhaal = retry(
            retry=retry_if_exception_type(_Tijdelijk),
            stop=stop_after_attempt(max(1, self.settings.http_retries)),
            wait=wait_exponential(multiplier=self.wacht_s, max=60 * self.wacht_s),
            reraise=False,
        )(poging)
        try:
            return herhaal()
        except RetryError as exc:
            reden = exc.last_attempt.exception()
            raise IngestFout(
                f"PDOK niet bereikbaar na {self.settings.http_retries} pogingen ({reden}); "
                "controleer de internetverbinding of gebruik een gegevensmap (--data-dir). "
                "Opgehaalde pagina's blijven bewaard: opnieuw starten gaat verder waar het stopte."
            ) from exc

    def _haal(self, url: str) -> str:
        return self._opnieuw(lambda: self._een_keer(url))

    def _pagina_json(self, url: str) -> dict:
        """One page parsed; a truncated page is retried like a network failure."""
        return self._opnieuw(lambda: _parse_json(self._een_keer(url), url))

    def _controle(
        self, url: str, methode: str = "GET"
    ) -> tuple[int | None, dict | None, str | None]:
        """One cheap request (once per run and URL, no retries): the HTTP status, the version
        signature ``{gewijzigd_op, etag, kenmerk}`` on HTTP 200 and the text of a GET."""
        if url not in self._controles:
            try:
                resp = self.session.request(
                    methode, url, timeout=self.settings.http_timeout_s, allow_redirects=True
                )
                status = resp.status_code
                tekst = resp.text if methode == "GET" and status == 200 else None
            except requests.RequestException as exc:
                LOG.info("PDOK-controle %s mislukt: %s", url, exc)
                self._controles[url] = (None, None, None)
                return self._controles[url]
            handtekening = None
            if status == 200:
                handtekening = {
                    "gewijzigd_op": resp.headers.get("Last-Modified"),
                    "etag": resp.headers.get("ETag"),
                    "kenmerk": hashlib.sha256(tekst.encode()).hexdigest()
                    if tekst is not None
                    else None,
                }
            self._controles[url] = (status, handtekening, tekst)
        return self._controles[url]

    def versie(self, jaar: int, niveau: str, dienst: str, url: str, methode: str = "GET") -> dict:
        """The version of a level's cached pages, checked against the service (see module
        doc); drops the pages when the service's signature changed."""
        folder = Path(self.settings.cache_dir) / "pdok" / str(jaar) / niveau
        pad = folder / "versie.json"
        oud: dict | None = None
        if pad.exists():
            try:
                oud = json.loads(pad.read_text(encoding="utf-8"))
                if not isinstance(oud, dict):
                    raise ValueError("geen object")
            except (ValueError, OSError, UnicodeDecodeError):
                self._meld(f"PDOK {niveau} {jaar}: versiebestand in de cache is beschadigd")
                oud = None
        if oud is not None and oud.get("dienst") != dienst:
            oud = None
        paginas = [p for p in folder.glob("*.json") if p.name != pad.name]
        _, nieuw, _ = self._controle(url, methode)
        if nieuw is None:
            if paginas:
                self._meld(
                    f"PDOK {niveau} {jaar}: niet gecontroleerd of er een nieuwere versie is "
                    f"({url} gaf geen antwoord); de bewaarde grenzen worden gebruikt"
                )
            return oud or {}
        if oud is not None and paginas:
            verschil = [
                k for k in ("gewijzigd_op", "etag", "kenmerk") if oud.get(k) and nieuw.get(k)
            ]
            if not any(oud[k] != nieuw[k] for k in verschil):
                return oud
            wanneer = f" ({oud.get('gewijzigd_op')} -> {nieuw.get('gewijzigd_op')})"
            self._meld(
                f"PDOK {niveau} {jaar} is gewijzigd bij de bron"
                + (wanneer if oud.get("gewijzigd_op") and nieuw.get("gewijzigd_op") else "")
                + "; de grenzen worden opnieuw opgehaald"
            )
            if methode == "HEAD" and jaar not in self._nieuwe_zips:
                # one zip holds the three levels: drop all their pages and the zip, once
                for ander in NIVEAUS:
                    for pagina in (folder.parent / ander).glob("*.json"):
                        if pagina.name != pad.name:
                            pagina.unlink(missing_ok=True)
                (folder.parent / "wijkbuurtkaart.zip").unlink(missing_ok=True)
                self._nieuwe_zips.add(jaar)
            for pagina in paginas:
                pagina.unlink(missing_ok=True)
        record = {
            "dienst": dienst,
            "url": url,
            **nieuw,
            "gecontroleerd_op": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        _schrijf_atomisch(pad, json.dumps(record))
        return record

    def _cache(self, jaar: int, niveau: str, url: str) -> Path:
        naam = hashlib.sha256(url.encode()).hexdigest()[:32]
        return Path(self.settings.cache_dir) / "pdok" / str(jaar) / niveau / f"{naam}.json"

    def pagina(self, jaar: int, niveau: str, url: str, crs: str, volgende) -> dict:
        """A compact page ``{features, next, crs, opgehaald_op}``, from the cache if present.

        ``volgende(data, url)`` gives the next page's URL (or None) of a fetched page.
        """
        pad = self._cache(jaar, niveau, url)
        if pad.exists():
            try:
                page = json.loads(pad.read_text(encoding="utf-8"))
                if isinstance(page, dict) and isinstance(page.get("features"), list):
                    return page
                raise ValueError("geen pagina")
            except (ValueError, OSError, UnicodeDecodeError):
                self._meld(
                    f"PDOK {niveau} {jaar}: cachebestand {pad.name} is beschadigd; de pagina "
                    "wordt opnieuw opgehaald"
                )
                pad.unlink(missing_ok=True)
        data = self._pagina_json(url)
        page = {
            "features": _compact(data["features"], crs),
            "next": volgende(data, url),
            "crs": crs,
            "aantal_totaal": data.get("numberMatched"),
            "opgehaald_op": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        returned = data.get("numberReturned")
        if isinstance(returned, int) and returned != len(data["features"]):
            raise IngestFout(
                f"PDOK {niveau} {jaar}: pagina meldt {returned} objecten maar bevat er "
                f"{len(data['features'])} bij {url}"
            )
        _schrijf_atomisch(pad, json.dumps(page, separators=(",", ":")))
        return page

    def _alle(self, jaar: int, niveau: str, url: str | None, crs: str, volgende) -> Collectie:
        features: list[dict] = []
        digest = hashlib.sha256()
        eerste = url
        opgehaald = None
        totaal = None
        seen: set[str] = set()
        for _ in range(MAX_PAGINAS):
            if url is None:
                break
            if url in seen:
                raise IngestFout(f"PDOK {niveau} {jaar}: volgende pagina verwijst terug ({url})")
            seen.add(url)
            page = self.pagina(jaar, niveau, url, crs, volgende)
            digest.update(json.dumps(page["features"], sort_keys=True).encode())
            features.extend(page["features"])
            opgehaald = opgehaald or page.get("opgehaald_op")
            totaal = totaal if totaal is not None else page.get("aantal_totaal")
            url = page.get("next") if page["features"] else None
        else:
            raise IngestFout(f"PDOK: meer dan {MAX_PAGINAS} pagina's voor {niveau} {jaar}")
        if isinstance(totaal, int) and totaal != len(features):
            raise IngestFout(
                f"PDOK {niveau} {jaar}: {len(features)} objecten opgehaald, maar de dienst meldt "
                f"{totaal}; onvolledige download, probeer opnieuw"
            )
        return Collectie(features, crs, str(eerste), digest.hexdigest(), opgehaald)

    def ogc(self, niveau: str, jaar: int) -> Collectie:
        """A collection of the OGC API Features of ``jaar``, following ``next`` links."""
        base = OGC_URL.format(jaar=jaar, collectie=COLLECTIES[niveau])
        url = f"{base}?{urlencode({'f': 'json', 'limit': PAGINA})}"
        meta = OGC_COLLECTIE_URL.format(jaar=jaar, collectie=COLLECTIES[niveau]) + "?f=json"
        versie = self.versie(jaar, niveau, "ogc", meta)

        def volgende(data: dict, _url: str) -> str | None:
            links = data.get("links") or []
            return next((lnk.get("href") for lnk in links if lnk.get("rel") == "next"), None)

        col = self._alle(jaar, niveau, url, WGS84, volgende)
        col.gewijzigd_op = versie.get("gewijzigd_op")
        return col

    def wfs_type(self, niveau: str, jaar: int) -> str:
        """The WFS feature type of a level in ``jaar`` from GetCapabilities."""
        if jaar not in self._typen:
            base = WFS_URL.format(jaar=jaar)
            url = f"{base}?{urlencode({'service': 'WFS', 'request': 'GetCapabilities'})}"
            pad = Path(self.settings.cache_dir) / "pdok" / str(jaar) / "wfs_typen.json"
            namen = None
            status, _, tekst = self._controles.get(url, (None, None, None))
            if status == 200 and tekst is not None and "<html" not in tekst[:500].lower():
                namen = _TYPE_NAAM.findall(tekst)  # read by this run's freshness check
                _schrijf_atomisch(pad, json.dumps(namen))
            elif pad.exists():
                try:
                    namen = json.loads(pad.read_text(encoding="utf-8"))
                except (ValueError, OSError, UnicodeDecodeError):
                    pad.unlink(missing_ok=True)
            if not isinstance(namen, list):
                text = self._haal(url)
                if "<html" in text[:500].lower():
                    raise IngestFout(f"PDOK gaf een HTML-pagina in plaats van capabilities: {url}")
                namen = _TYPE_NAAM.findall(text)
                _schrijf_atomisch(pad, json.dumps(namen))
            self._typen[jaar] = namen
        return kies_type(self._typen[jaar], niveau, jaar)

    def wfs(self, niveau: str, jaar: int) -> Collectie:
        """A level of the WFS of ``jaar`` as GeoJSON in RD New, pages by ``startIndex``."""
        base = WFS_URL.format(jaar=jaar)
        caps = f"{base}?{urlencode({'service': 'WFS', 'request': 'GetCapabilities'})}"
        versie = self.versie(jaar, niveau, "wfs", caps)
        if self._controles[caps][0] == 404:
            raise NietGevonden(f"PDOK gaf HTTP 404 voor {caps}")
        typenaam = self.wfs_type(niveau, jaar)

        def pagina_url(start: int) -> str:
            params = {
                "service": "WFS",
                "version": "2.0.0",
                "request": "GetFeature",
                "typeNames": typenaam,
                "outputFormat": "application/json",
                "srsName": "EPSG:28992",
                "count": PAGINA,
                "startIndex": start,
            }
            return f"{base}?{urlencode(params)}"

        def volgende(data: dict, url: str) -> str | None:
            # the server may return fewer than ``count`` (its own maximum): continue after
            # what came, until an empty page or the announced total
            start = int(re.search(r"startIndex=(\d+)", url).group(1)) + len(data["features"])
            totaal = data.get("numberMatched")
            if not data["features"] or (isinstance(totaal, int) and start >= totaal):
                return None
            return pagina_url(start)

        col = self._alle(jaar, niveau, pagina_url(0), RD, volgende)
        col.dienst = "PDOK WFS"
        col.gewijzigd_op = versie.get("gewijzigd_op")
        return col

    def collectie(self, niveau: str, jaar: int) -> Collectie:
        """OGC API for the recent years, the WFS otherwise or when the OGC API is absent."""
        geen_ogc = Path(self.settings.cache_dir) / "pdok" / str(jaar) / niveau / "geen_ogc"
        if jaar in OGC_JAREN and not geen_ogc.exists():
            try:
                return self.ogc(niveau, jaar)
            except NietGevonden:
                _schrijf_atomisch(geen_ogc, "HTTP 404")  # remembered: the next run asks the WFS
        if jaar in OGC_JAREN:
            self._meld(f"PDOK: geen OGC API voor {niveau} {jaar}; de WFS wordt gebruikt")
        geen_wfs = geen_ogc.with_name("geen_wfs")
        if jaar not in KAART_DOWNLOADS or not geen_wfs.exists():
            try:
                return self.wfs(niveau, jaar)
            except NietGevonden:
                if jaar not in KAART_DOWNLOADS:
                    raise
                _schrijf_atomisch(geen_wfs, "HTTP 404")
        self._meld(
            f"PDOK: geen WFS voor {niveau} {jaar}; de wijk- en buurtkaart van CBS wordt gebruikt"
        )
        return self.kaart(niveau, jaar)

    def _download(self, url: str, pad: Path) -> Path:
        """Download ``url`` to ``pad`` (streamed, renamed when complete; kept for a rerun)."""
        if pad.exists():
            return pad
        pad.parent.mkdir(parents=True, exist_ok=True)
        tmp = pad.with_suffix(".part")
        timeout = self.settings.http_timeout_s

        def poging() -> Path:
            try:
                with self.session.get(url, timeout=timeout, stream=True) as resp:
                    if resp.status_code == 429 or resp.status_code >= 500:
                        raise _Tijdelijk(f"HTTP {resp.status_code} van {url}")
                    if resp.status_code == 404:
                        raise NietGevonden(f"CBS gaf HTTP 404 voor {url}")
                    if resp.status_code != 200:
                        raise IngestFout(f"CBS gaf HTTP {resp.status_code} voor {url}")
                    totaal = int(resp.headers.get("Content-Length") or 0) or None
                    balk = tqdm(  # only on a terminal (disable=None)
                        total=totaal,
                        unit="B",
                        unit_scale=True,
                        leave=False,
                        disable=None,
                        desc=f"wijk- en buurtkaart {pad.parent.name}",
                    )
                    geschreven = 0
                    with open(tmp, "wb") as fh, balk:
                        for blok in resp.iter_content(1 << 20):
                            fh.write(blok)
                            geschreven += len(blok)
                            balk.update(len(blok))
                    if totaal is not None and geschreven < totaal:
                        raise _Tijdelijk(f"download afgebroken na {geschreven} van {totaal} bytes")
            except requests.Timeout as exc:
                raise _Tijdelijk(f"geen antwoord binnen {timeout:g} s van {url}") from exc
            except requests.ConnectionError as exc:
                raise _Tijdelijk(f"verbinding met {url} mislukt ({exc})") from exc
            except requests.RequestException as exc:
                raise _Tijdelijk(f"download afgebroken van {url} ({exc})") from exc
            if not zipfile.is_zipfile(tmp):
                tmp.unlink(missing_ok=True)
                raise IngestFout(
                    f"CBS gaf geen zip-bestand voor {url} (een foutpagina?); probeer het later"
                )
            os.replace(tmp, pad)
            return pad

        return self._opnieuw(poging)

    def kaart(self, niveau: str, jaar: int) -> Collectie:
        """A level of CBS's wijk- en buurtkaart download of ``jaar`` (zip with shapefiles or a
        GeoPackage, RD New), kept in the page cache as one compact page."""
        url = KAART_DOWNLOADS[jaar]
        versie = self.versie(jaar, niveau, "kaart", url, "HEAD")
        pagina = self._cache(jaar, niveau, f"{url}#{niveau}")
        try:
            json.loads(pagina.read_text(encoding="utf-8"))["features"]
        except FileNotFoundError:
            pass
        except (ValueError, KeyError, TypeError, OSError, UnicodeDecodeError):
            self._meld(
                f"wijk- en buurtkaart {jaar}: cache van {niveau} beschadigd; opnieuw gelezen"
            )
            pagina.unlink(missing_ok=True)
        if not pagina.exists():
            zip_pad = Path(self.settings.cache_dir) / "pdok" / str(jaar) / "wijkbuurtkaart.zip"
            zip_pad = self._download(url, zip_pad)
            with zipfile.ZipFile(zip_pad) as zf:
                namen = zf.namelist()
            laag = kies_kaartlaag(namen, niveau, jaar)
            if laag.lower().endswith(".gpkg"):
                frame = gpd.read_file(f"/vsizip/{zip_pad}/{laag}", layer=COLLECTIES[niveau])
            else:
                frame = gpd.read_file(f"/vsizip/{zip_pad}/{laag}")
            frame = (frame.set_crs(RD) if frame.crs is None else frame).to_crs(RD)
            features = json.loads(frame.to_json(drop_id=True))["features"]
            page = {
                "features": _compact(features, RD),
                "next": None,
                "crs": RD,
                "aantal_totaal": len(features),
                "opgehaald_op": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            _schrijf_atomisch(pagina, json.dumps(page, separators=(",", ":")))
            if all(self._cache(jaar, n, f"{url}#{n}").exists() for n in COLLECTIES):
                zip_pad.unlink(missing_ok=True)  # every level is in the page cache now
        col = self._alle(jaar, niveau, f"{url}#{niveau}", RD, lambda _d, _u: None)
        col.url = url
        col.dienst = "de wijk- en buurtkaart van CBS (download)"
        col.gewijzigd_op = versie.get("gewijzigd_op")
        return col


def kies_kaartlaag(namen: Iterable[str], niveau: str, jaar: int) -> str:
    """The file of ``niveau`` in a wijk- en buurtkaart zip: ``gem_2016.shp``,
    ``wijk_2017_v3.shp``, ``buurt_2018_V3.shp``, ... or the one GeoPackage (layers
    ``gemeenten``, ``wijken``, ``buurten``)."""
    namen = list(namen)
    stam = {
        "gemeente": "(gem|gemeente|gemeenten)",
        "wijk": "(wijk|wijken)",
        "buurt": "(buurt|buurten)",
    }
    patroon = re.compile(rf"^{stam[niveau]}_{jaar}(_v\d+)?\.shp$", re.I)
    passend = sorted(n for n in namen if patroon.match(n.rsplit("/", 1)[-1]))
    if passend:
        return passend[-1]
    gpkg = [n for n in namen if n.lower().endswith(".gpkg")]
    if len(gpkg) == 1:
        return gpkg[0]
    raise NietGevonden(
        f"wijk- en buurtkaart {jaar}: geen bestand voor {niveau} in de zip ({', '.join(namen[:20])})"
    )


def kies_type(namen: Iterable[str], niveau: str, jaar: int) -> str:
    """The feature type of ``niveau`` among WFS type names (``wijkenbuurten:buurten``,
    ``cbs_buurten_2019``, ...); generalised variants only when nothing else fits."""
    namen = list(namen)
    patroon = re.compile(rf"^(cbs_)?{niveau}(n|en)?(_\d{{4}})?(_gegeneraliseerd)?$", re.I)
    passend = [n for n in namen if patroon.match(n.split(":")[-1])]
    if not passend:
        raise NietGevonden(
            f"PDOK WFS {jaar}: geen laag voor {niveau} gevonden (lagen: {', '.join(namen)})"
        )
    return sorted(passend, key=lambda n: ("gegeneraliseerd" in n.lower(), len(n)))[0]


@dataclass
class OnlineGrenzen(Bestand):
    """One level and year of boundaries fetched online; nothing is fetched until used."""

    niveau: str = "gemeente"
    bron: PdokGrenzen | None = None
    _collectie: Collectie | None = field(default=None, repr=False)

    def ophalen(self) -> Collectie:
        """Fetch (or read from the page cache) once; keeps the provenance, not the features
        (an ingest checks every year and level before reading any: the features of eleven
        years would not fit in memory at once)."""
        if self._collectie is None:
            if self.bron is None or self.jaar is None:
                raise IngestFout(f"{self.bron_id}: geen PDOK-bron om op te halen")
            eerder = len(self.bron.meldingen)
            try:
                col = self.bron.collectie(self.niveau, self.jaar)
            except NietGevonden as exc:
                self.bron._meld(
                    f"PDOK publiceert geen {self.niveau}grenzen {self.jaar} ({exc}); kaarten "
                    f"van {self.jaar} gebruiken de grenzen van het dichtstbijzijnde jaar"
                )
                leeg = hashlib.sha256(f"ontbreekt {self.bron_id}".encode()).hexdigest()
                col = Collectie([], WGS84, str(self.url), leeg, ontbreekt=True)
            self._collectie = Collectie(
                [],
                col.crs,
                col.url,
                col.sha256,
                col.opgehaald_op,
                col.ontbreekt,
                col.dienst,
                col.gewijzigd_op,
            )
            self.sha256 = col.sha256
            self.url = col.url
            self.opgehaald_op = col.opgehaald_op
            self.bron_gewijzigd_op = http_datum_iso(col.gewijzigd_op)
            notes = [f"{self.niveau}grenzen {self.jaar} via {col.dienst}, vereenvoudigd"]
            if col.ontbreekt:
                notes = []
            notes.extend(self.bron.meldingen[eerder:])
            self.opmerking = "; ".join(dict.fromkeys(notes))
        return self._collectie

    def checksum(self) -> str:
        return self.ophalen().sha256

    def lees_tabellen(self) -> dict:
        """The simplified polygons and names; the features come from the page cache again."""
        if self.ophalen().ontbreekt:
            return {}
        col = self.bron.collectie(self.niveau, int(self.jaar))
        if col.sha256 != self.sha256:
            raise IngestFout(
                f"PDOK {self.niveau} {self.jaar}: de pagina's veranderden tijdens het inlezen; "
                "start opnieuw"
            )
        if not col.features:
            raise IngestFout(f"PDOK {self.niveau} {self.jaar}: de dienst gaf geen objecten")
        frame = gpd.GeoDataFrame.from_features(col.features, crs=col.crs)
        return verwerk(
            frame,
            niveau=self.niveau,
            jaar=int(self.jaar),
            bron_id=self.bron_id,
            naam=f"PDOK {self.niveau} {self.jaar}",
        )


def online_bestanden(
    settings: Settings,
    jaren: Iterable[int] | None = None,
    niveaus: Iterable[str] | None = None,
    session: requests.Session | None = None,
    bron: PdokGrenzen | None = None,
) -> list[Bestand]:
    """One lazily fetched :class:`OnlineGrenzen` per year and level (environment defaults)."""
    bron = bron or PdokGrenzen(settings, session)
    out: list[Bestand] = []
    for jaar in grens_jaren() if jaren is None else jaren:
        for niveau in grens_niveaus() if niveaus is None else niveaus:
            item = OnlineGrenzen(
                bron_id=f"geometrie_{niveau}_{jaar}",
                soort=SOORT,
                lees=dict,
                url=OGC_URL.format(jaar=jaar, collectie=COLLECTIES[niveau])
                if jaar in OGC_JAREN
                else WFS_URL.format(jaar=jaar),
                jaar=jaar,
                attributie=ATTRIBUTIE,
                opmerking=f"{niveau}grenzen {jaar} via PDOK, vereenvoudigd",
                niveau=niveau,
                bron=bron,
            )
            item.lees = item.lees_tabellen
            out.append(item)
    return out
