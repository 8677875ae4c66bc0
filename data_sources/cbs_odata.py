"""Fetch CBS v3 tables through the ODataFeed: paging, timeout, retries and an on-disk cache.

Each page (``TypedDataSet`` pages chained by ``odata.nextLink``, ``DataProperties``) is cached
as JSON under ``settings.cache_dir`` keyed by its URL, written atomically (temp file +
``os.replace``), and re-used on the next run, so an interrupted run resumes where it stopped.
A damaged cache file is reported (Dutch, in :attr:`CbsFeed.meldingen` and the log) and
fetched again, never a ``JSONDecodeError``.

Freshness: :meth:`CbsFeed.versie` fetches ``TableInfos`` live on every run and compares its
``Modified`` with the copy kept next to the cached pages; when CBS revised the table (income
and energy arrive months after the first release) the table's cached pages are dropped and
fetched again. Failures become an :class:`IngestFout` with a Dutch message.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests
from tenacity import (
    RetryError,
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from data_sources.base import Bestand, IngestFout
from geldstromen.config import Settings

FEED = "https://opendata.cbs.nl/ODataFeed/odata"
#: CBS's service for data of third parties (catalogues such as "IV3" and "RIVM"), same protocol.
FEED_DERDEN = "https://dataderden.cbs.nl/ODataFeed/odata"
LOG = logging.getLogger(__name__)


class _Tijdelijk(Exception):
    """A failure worth retrying (timeout, connection reset, 5xx/429, truncated page)."""


def _tabel_map(cache_dir: Path, tabel: str) -> Path:
    return cache_dir / "cbs_odata" / tabel


def _cache_pad(cache_dir: Path, tabel: str, url: str) -> Path:
    return _tabel_map(cache_dir, tabel) / f"{hashlib.sha256(url.encode()).hexdigest()}.json"


def _schrijf_atomisch(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _parse(text: str, tabel: str, url: str) -> dict:
    """A page as dict with a ``value`` list; raises _Tijdelijk for a truncated page."""
    stripped = text.lstrip("\ufeff \r\n\t")
    if stripped.startswith("<"):
        soort = "Atom-XML" if "<feed" in stripped[:500] or "<?xml" in stripped[:50] else "HTML/XML"
        raise IngestFout(
            f"CBS {tabel}: antwoord is {soort}, geen geldige JSON, bij {url} "
            "(de service negeerde $format=json of gaf een foutpagina)"
        )
    try:
        data = json.loads(text)
    except ValueError as exc:
        stripped = text.strip()
        if stripped.startswith("{") and not stripped.endswith("}"):
            raise _Tijdelijk(f"pagina is afgebroken (onvolledige JSON) bij {url}") from exc
        raise IngestFout(f"CBS {tabel}: antwoord is geen geldige JSON bij {url}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("value"), list):
        raise IngestFout(f"CBS {tabel}: onverwacht antwoord (geen 'value'-lijst) bij {url}")
    return data


class CbsFeed:
    """Read collections of CBS v3 tables through the bulk ODataFeed."""

    def __init__(
        self,
        settings: Settings,
        *,
        base_url: str = FEED,
        session: requests.Session | None = None,
        wacht_s: float = 1.0,
    ) -> None:
        self.settings = settings
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.wacht_s = wacht_s
        #: Dutch notes for the user (damaged cache files, a freshness check that failed).
        self.meldingen: list[str] = []

    def _meld(self, tekst: str) -> None:
        self.meldingen.append(tekst)
        LOG.warning(tekst)

    def _haal(self, url: str, tabel: str) -> tuple[str, dict]:
        timeout = self.settings.http_timeout_s

        @retry(
            retry=retry_if_exception_type(_Tijdelijk),
            stop=stop_after_attempt(max(1, self.settings.http_retries)),
            wait=wait_exponential(multiplier=self.wacht_s, max=60 * self.wacht_s),
            reraise=False,
        )
        def poging() -> tuple[str, dict]:
            try:
                resp = self.session.get(url, timeout=timeout)
            except requests.Timeout as exc:
                raise _Tijdelijk(f"geen antwoord binnen {timeout:g} s van {url}") from exc
            except requests.ConnectionError as exc:
                raise _Tijdelijk(f"verbinding met {url} mislukt ({exc})") from exc
            if resp.status_code == 429 or resp.status_code >= 500:
                raise _Tijdelijk(f"HTTP {resp.status_code} van {url}")
            if resp.status_code >= 400:
                raise IngestFout(f"CBS {tabel}: HTTP {resp.status_code} bij {url}")
            try:
                text = resp.text
            except requests.RequestException as exc:
                raise _Tijdelijk(f"pagina afgebroken tijdens het lezen van {url}") from exc
            return text, _parse(text, tabel, url)

        try:
            return poging()
        except RetryError as exc:
            reden = exc.last_attempt.exception()
            raise IngestFout(
                f"CBS {tabel}: ophalen mislukt na {self.settings.http_retries} pogingen: {reden}"
            ) from reden

    def pagina(self, url: str, tabel: str) -> tuple[str, dict]:
        """One page (text and parsed JSON), from the cache when present."""
        pad = _cache_pad(self.settings.cache_dir, tabel, url)
        if pad.exists():
            try:
                text = pad.read_text(encoding="utf-8")
                return text, _parse(text, tabel, url)
            except (IngestFout, _Tijdelijk, UnicodeDecodeError, OSError):
                self._meld(
                    f"CBS {tabel}: cachebestand {pad.name} is beschadigd; de pagina wordt "
                    "opnieuw opgehaald"
                )
                pad.unlink(missing_ok=True)
        text, data = self._haal(url, tabel)
        _schrijf_atomisch(pad, text)
        return text, data

    def verzameling(self, tabel: str, naam: str, query: str = "") -> tuple[list[dict], str]:
        """All rows of a collection (following ``odata.nextLink``) and a sha256 of the pages."""
        url: str | None = f"{self.base_url}/{tabel}/{naam}?$format=json{query}"
        rows: list[dict] = []
        digest = hashlib.sha256()
        seen: set[str] = set()
        while url:
            if url in seen:
                raise IngestFout(f"CBS {tabel}: odata.nextLink verwijst terug naar {url}")
            seen.add(url)
            text, data = self.pagina(url, tabel)
            digest.update(text.encode("utf-8"))
            rows.extend(data["value"])
            url = data.get("odata.nextLink")
        return rows, digest.hexdigest()

    def versie(self, tabel: str) -> dict:
        """``Modified`` of ``tabel`` at CBS and when its cached pages were fetched.

        TableInfos is fetched live (never from the cache); a changed ``Modified`` drops the
        table's cached pages so they are fetched again. Without an answer from CBS the cached
        version is used (with a Dutch note); without either the failure is raised.
        """
        folder = _tabel_map(self.settings.cache_dir, tabel)
        versie_pad = folder / "versie.json"
        oud: dict | None = None
        if versie_pad.exists():
            try:
                oud = json.loads(versie_pad.read_text(encoding="utf-8"))
                if not isinstance(oud, dict):
                    raise ValueError("geen object")
            except (ValueError, OSError, UnicodeDecodeError):
                self._meld(f"CBS {tabel}: versiebestand in de cache is beschadigd; opnieuw ophalen")
                oud = None
        url = f"{self.base_url}/{tabel}/TableInfos?$format=json"
        try:
            _, data = self._haal(url, tabel)
        except IngestFout as exc:
            if oud is None:
                raise
            self._meld(
                f"CBS {tabel}: niet gecontroleerd of er een nieuwere versie is ({exc}); de "
                f"opgeslagen versie van {oud.get('gewijzigd_op')} wordt gebruikt"
            )
            return oud
        info = data["value"][0] if data["value"] else {}
        modified = info.get("Modified")
        if oud is not None and oud.get("gewijzigd_op") == modified:
            return oud
        if oud is not None or folder.exists():
            if oud is not None:
                self._meld(
                    f"CBS {tabel} is gewijzigd ({oud.get('gewijzigd_op')} -> {modified}); "
                    "de tabel wordt opnieuw opgehaald"
                )
            shutil.rmtree(folder, ignore_errors=True)
        nieuw = {
            "gewijzigd_op": modified,
            "opgehaald_op": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        _schrijf_atomisch(versie_pad, json.dumps(nieuw))
        return nieuw


@dataclass
class OnlineTabel(Bestand):
    """One CBS table fetched through a :class:`CbsFeed`: the version check (fetched and
    modified dates), the collections named in ``verzamelingen`` (fetched in that order, from
    the page cache when present) and one sha256 over their pages, then ``omzetten`` turns
    ``{collection name: rows}`` into the raw tables (``filters`` adds query options, such as
    a ``$filter`` on one age group, to a collection's URL). Fetched once; ``lees`` is ``ophalen``.
    The feed's notes about this table (damaged cache, failed freshness check) are appended
    to ``opmerking``."""

    feed: CbsFeed | None = None
    verzamelingen: tuple[str, ...] = ()
    #: Query options per collection (``&$filter=...``, URL-encoded), e.g. one age group.
    filters: dict[str, str] = field(default_factory=dict)
    omzetten: Callable[[OnlineTabel, dict[str, list[dict]]], dict] | None = None
    _tabellen: dict | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.lees = self.ophalen

    def ophalen(self) -> dict:
        """Fetch (or read from the cache) the collections and convert them, once."""
        if self._tabellen is None:
            if self.feed is None or not self.tabel_id or not self.jaar or self.omzetten is None:
                raise IngestFout(f"{self.bron_id}: geen CBS-tabel om op te halen")
            versie = self.feed.versie(self.tabel_id)
            self.opgehaald_op = versie.get("opgehaald_op")
            self.bron_gewijzigd_op = versie.get("gewijzigd_op")
            delen: dict[str, list[dict]] = {}
            digest = hashlib.sha256()
            for naam in self.verzamelingen:
                rows, h = self.feed.verzameling(self.tabel_id, naam, self.filters.get(naam, ""))
                delen[naam] = rows
                digest.update(h.encode())
            self.sha256 = digest.hexdigest()
            self._tabellen = self.omzetten(self, delen)
            eigen = [m for m in self.feed.meldingen if m.startswith(f"CBS {self.tabel_id}")]
            if eigen:
                notes = "; ".join(dict.fromkeys(eigen))
                self.opmerking = f"{self.opmerking}; {notes}" if self.opmerking else notes
        return self._tabellen

    def checksum(self) -> str:
        """sha256 of the fetched content (fetches on first use)."""
        self.ophalen()
        return str(self.sha256)
