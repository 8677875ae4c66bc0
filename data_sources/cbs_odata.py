"""Fetch CBS v3 tables through the ODataFeed: paging, timeout, retries and an on-disk cache.

Each page (``TypedDataSet`` pages chained by ``odata.nextLink``, ``DataProperties``) is cached
as JSON under ``settings.cache_dir`` keyed by its URL, written atomically, and re-used on the
next run. Failures become an :class:`IngestFout` with a Dutch message.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import requests
from tenacity import (
    RetryError,
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from data_sources.base import IngestFout
from geldstromen.config import Settings

FEED = "https://opendata.cbs.nl/ODataFeed/odata"


class _Tijdelijk(Exception):
    """A failure worth retrying (timeout, connection reset, 5xx/429, truncated page)."""


def _cache_pad(cache_dir: Path, tabel: str, url: str) -> Path:
    return cache_dir / "cbs_odata" / tabel / f"{hashlib.sha256(url.encode()).hexdigest()}.json"


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
            text = pad.read_text(encoding="utf-8")
            try:
                return text, _parse(text, tabel, url)
            except (IngestFout, _Tijdelijk):
                pad.unlink(missing_ok=True)  # a damaged cache file: fetch again
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
