"""``ingest --online``: the Vektis Open Databestanden Zorgverzekeringswet as CSV downloads.

Vektis publishes one ``;``-separated CSV per year and level (``gemeente``, ``postcode3``) as a
plain file on its website; there is no API and no catalogue with stable identifiers. The
addresses below are the ones the files had when last checked (they appear in several public
download scripts); Vektis has moved files before (older years under ``Oud/`` or
``Gemeentebestanden 2011-2016/``, 2020 republished as ``_versie2``), so every year has a short
list of candidate addresses tried in order, and **no address is confirmed by the publisher**.
When none answers, the error says so and names the file-path route
(``zorg/vektis_zvw_<jaar>_<niveau>.csv`` in the data folder), which stays available.

Years: 2011-2023 by default (the years whose addresses were found); set
``GELDSTROMEN_ONLINE_VEKTIS_JAREN`` (e.g. ``2019,2023``) and
``GELDSTROMEN_ONLINE_VEKTIS_NIVEAUS`` (``gemeente``, ``postcode3`` or both) to choose.

Downloads go to ``<cache_dir>/vektis/`` (atomic write, temp file + ``os.replace``) with the
address, fetch time, ``Last-Modified`` and ``ETag`` beside it, so an interrupted run resumes with
the files it already has. Freshness: a cached file is checked once per run with one ``HEAD`` on
its address; when Vektis answers with another ``Last-Modified`` or ``ETag`` the file is fetched
again (the old copy stays until the new one is complete and checked). Without an answer, or
without either header, the cached copy is used (with a Dutch note when the check failed). A download is checked before it is kept: a Vektis header
(``GESLACHT``, ``LEEFTIJDSKLASSE``), the announced length and every row as many fields as the
header; a cut-off or HTML answer is fetched again (timeouts and 5xx likewise, with backoff),
a damaged cached file is reported and fetched again. The gemeente indeling of each file is
determined at ingest from its names (:mod:`data_sources.vektis_indeling`).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
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

from data_sources.base import (
    Bestand,
    IngestFout,
    controleer_velden,
    http_datum_iso,
    jaren_uit_env,
    sha256_file,
)
from data_sources.vektis import ATTRIBUTIE, LICENTIE, lees_pc3, lees_ruw
from geldstromen.config import Settings

BASIS = "https://www.vektis.nl/uploads/Docs%20per%20pagina/Open%20Data%20Bestanden"
NIVEAUS = ("gemeente", "postcode3")
STANDAARD_JAREN = tuple(range(2011, 2024))
LOG = logging.getLogger(__name__)


def _bestandsnaam(jaar: int, niveau: str, versie: str = "") -> str:
    return f"Vektis%20Open%20Databestand%20Zorgverzekeringswet%20{jaar}%20-%20{niveau}{versie}.csv"


def adressen(jaar: int, niveau: str, basis: str = BASIS) -> list[str]:
    """Candidate download addresses of one year and level, most likely first."""
    if niveau == "gemeente":
        mappen = ["Gemeentebestanden%202011-2016", str(jaar)]
        if jaar >= 2017:
            mappen.reverse()
    else:
        mappen = ["Oud", str(jaar)] if jaar <= 2016 else [str(jaar), "Oud"]
    versies = ["_versie2", ""] if jaar == 2020 else [""]
    return [f"{basis}/{m}/{_bestandsnaam(jaar, niveau, v)}" for m in mappen for v in versies]


def vektis_jaren(env: Mapping[str, str] | None = None) -> list[int]:
    """The Vektis years to fetch: ``GELDSTROMEN_ONLINE_VEKTIS_JAREN`` or 2011-2023."""
    return jaren_uit_env(
        "GELDSTROMEN_ONLINE_VEKTIS_JAREN",
        STANDAARD_JAREN,
        STANDAARD_JAREN,
        "Vektis",
        os.environ if env is None else env,
    )


def vektis_niveaus(env: Mapping[str, str] | None = None) -> list[str]:
    """``GELDSTROMEN_ONLINE_VEKTIS_NIVEAUS`` (``gemeente,postcode3``) or both."""
    value = (os.environ if env is None else env).get("GELDSTROMEN_ONLINE_VEKTIS_NIVEAUS", "")
    niveaus = [n.strip().lower() for n in value.replace(";", ",").split(",") if n.strip()]
    onbekend = [n for n in niveaus if n not in NIVEAUS]
    if onbekend:
        raise IngestFout(
            f"GELDSTROMEN_ONLINE_VEKTIS_NIVEAUS: onbekend niveau {onbekend}; kies uit {NIVEAUS}"
        )
    return niveaus or list(NIVEAUS)


class _Tijdelijk(Exception):
    """Worth another try: timeout, connection failure, 5xx/429, a cut-off download."""


class _NietHier(Exception):
    """Not at this address (404 or an HTML page instead of the CSV): try the next one."""


def _tekst(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def _controleer_kop(text: str, naam: str) -> None:
    """A Vektis CSV header names GESLACHT and LEEFTIJDSKLASSE; HTML means: not here."""
    kop = text.lstrip()[:400].upper()
    if kop.startswith("<"):
        raise _NietHier(f"{naam}: HTML in plaats van CSV")
    if "GESLACHT" not in kop or "LEEFTIJDSKLASSE" not in kop:
        raise IngestFout(f"{naam}: geen Vektis-bestand (kopregel zonder GESLACHT/LEEFTIJDSKLASSE)")


def _controleer(data: bytes, naam: str) -> None:
    """Header and complete rows (see :func:`data_sources.base.controleer_velden`)."""
    text = _tekst(data)
    _controleer_kop(text, naam)
    controleer_velden(text, ";", naam)


def _schrijf_atomisch(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class VektisDownload:
    """Fetch Vektis files into the cache (see module doc)."""

    def __init__(
        self,
        settings: Settings,
        *,
        basis: str = BASIS,
        session: requests.Session | None = None,
        wacht_s: float = 1.0,
    ) -> None:
        self.settings = settings
        self.basis = basis.rstrip("/")
        self.session = session or requests.Session()
        self.wacht_s = wacht_s
        self.map = settings.cache_dir / "vektis"
        #: Dutch notes for the user (a damaged cached file).
        self.meldingen: list[str] = []

    def pad(self, jaar: int, niveau: str) -> Path:
        """Where the file of one year and level is kept."""
        return self.map / f"vektis_zvw_{jaar}_{niveau}.csv"

    def info(self, jaar: int, niveau: str) -> dict:
        """Address, fetch time and Last-Modified of a cached file (empty when unknown)."""
        pad = self.pad(jaar, niveau).with_suffix(".json")
        try:
            return json.loads(pad.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _een(self, url: str, naam: str) -> tuple[bytes, dict]:
        timeout = self.settings.http_timeout_s
        try:
            resp = self.session.get(url, timeout=timeout)
        except requests.Timeout as exc:
            raise _Tijdelijk(f"geen antwoord binnen {timeout:g} s van {url}") from exc
        except requests.ConnectionError as exc:
            raise _Tijdelijk(f"verbinding met {url} mislukt ({exc})") from exc
        except (
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
        ) as exc:
            raise _Tijdelijk(f"download afgebroken bij {url} ({exc})") from exc
        if resp.status_code == 404:
            raise _NietHier(f"HTTP 404 bij {url}")
        if resp.status_code == 429 or resp.status_code >= 500:
            raise _Tijdelijk(f"HTTP {resp.status_code} van {url}")
        if resp.status_code >= 400:
            raise IngestFout(f"{naam}: HTTP {resp.status_code} bij {url}")
        try:
            data = resp.content
        except requests.RequestException as exc:
            raise _Tijdelijk(f"download afgebroken tijdens het lezen van {url}") from exc
        lengte = resp.headers.get("Content-Length")
        if lengte and lengte.isdigit() and int(lengte) != len(data):
            raise _Tijdelijk(f"download afgebroken ({len(data)} van {lengte} bytes) bij {url}")
        text = _tekst(data)
        _controleer_kop(text, naam)
        try:
            controleer_velden(text, ";", naam)
        except IngestFout as exc:  # a row cut off: the transfer broke off, fetch again
            raise _Tijdelijk(f"download afgebroken ({exc})") from exc
        return data, {
            "url": url,
            "gewijzigd_op": resp.headers.get("Last-Modified"),
            "etag": resp.headers.get("ETag"),
        }

    def _haal(self, url: str, naam: str) -> tuple[bytes, dict]:
        @retry(
            retry=retry_if_exception_type(_Tijdelijk),
            stop=stop_after_attempt(max(1, self.settings.http_retries)),
            wait=wait_exponential(multiplier=self.wacht_s, max=60 * self.wacht_s),
            reraise=False,
        )
        def poging() -> tuple[bytes, dict]:
            return self._een(url, naam)

        try:
            return poging()
        except RetryError as exc:
            reden = exc.last_attempt.exception()
            raise IngestFout(
                f"{naam}: ophalen mislukt na {self.settings.http_retries} pogingen: {reden}"
            ) from reden

    def bestand(self, jaar: int, niveau: str) -> Path:
        """The cached file of one year and level, downloaded when absent or damaged."""
        pad = self.pad(jaar, niveau)
        naam = f"Vektis Zvw {jaar} {niveau}"
        if pad.exists():
            try:
                _controleer(pad.read_bytes(), pad.name)
            except (IngestFout, _NietHier, OSError):
                self._meld(
                    f"{naam}: bewaard bestand {pad.name} is beschadigd en wordt opnieuw opgehaald"
                )
                pad.unlink(missing_ok=True)
            else:
                if self.actueel(jaar, niveau):
                    return pad
                try:
                    return self._ophalen(jaar, niveau, pad, naam)
                except IngestFout as exc:
                    self._meld(
                        f"{naam}: nieuwe versie niet opgehaald ({exc}); de bewaarde versie "
                        "wordt gebruikt"
                    )
                    return pad
        return self._ophalen(jaar, niveau, pad, naam)

    def _meld(self, tekst: str) -> None:
        self.meldingen.append(tekst)
        LOG.warning(tekst)

    def actueel(self, jaar: int, niveau: str) -> bool:
        """True unless Vektis answers a ``HEAD`` on the cached file's address with another
        ``Last-Modified`` or ``ETag`` than the cached copy has (one cheap request)."""
        info = self.info(jaar, niveau)
        url = info.get("url")
        naam = f"Vektis Zvw {jaar} {niveau}"
        if not url:
            return True
        try:
            resp = self.session.head(
                url, timeout=self.settings.http_timeout_s, allow_redirects=True
            )
        except requests.RequestException as exc:
            self._meld(
                f"{naam}: niet gecontroleerd of er een nieuwere versie is ({exc}); de bewaarde "
                f"versie van {info.get('gewijzigd_op') or info.get('opgehaald_op')} wordt gebruikt"
            )
            return True
        if resp.status_code != 200:
            self._meld(
                f"{naam}: niet gecontroleerd of er een nieuwere versie is (HTTP "
                f"{resp.status_code} bij {url}); de bewaarde versie wordt gebruikt"
            )
            return True
        gewijzigd, etag = resp.headers.get("Last-Modified"), resp.headers.get("ETag")
        if gewijzigd and info.get("gewijzigd_op") and gewijzigd != info["gewijzigd_op"]:
            self._meld(
                f"{naam} is gewijzigd ({info['gewijzigd_op']} -> {gewijzigd}); het bestand "
                "wordt opnieuw opgehaald"
            )
            return False
        if etag and info.get("etag") and etag != info["etag"]:
            self._meld(f"{naam} is gewijzigd (ETag); het bestand wordt opnieuw opgehaald")
            return False
        return True

    def _ophalen(self, jaar: int, niveau: str, pad: Path, naam: str) -> Path:
        gezocht = []
        for url in adressen(jaar, niveau, self.basis):
            try:
                data, info = self._haal(url, naam)
            except _NietHier as exc:
                gezocht.append(str(exc))
                continue
            _schrijf_atomisch(pad, data)
            info["opgehaald_op"] = datetime.now(UTC).isoformat(timespec="seconds")
            _schrijf_atomisch(pad.with_suffix(".json"), json.dumps(info).encode("utf-8"))
            return pad
        raise IngestFout(
            f"{naam}: niet gevonden op de bekende Vektis-adressen (niet door Vektis bevestigd; "
            f"de site verplaatst bestanden soms): {'; '.join(gezocht)}. Download het bestand "
            f"zelf en zet het als zorg/vektis_zvw_{jaar}_{niveau}.csv in de gegevensmap."
        )


@dataclass
class OnlineVektis(Bestand):
    """One Vektis year x level fetched online; reads like the file of the same name (same
    ``bron_id``, so a file and a download of the same year never count twice)."""

    download: VektisDownload | None = None
    niveau: str = "gemeente"
    _pad: Path | None = field(default=None, repr=False)

    def ophalen(self) -> Path:
        """Download (or take from the cache) once; sets address, dates and checksum."""
        if self._pad is None:
            if self.download is None or self.jaar is None:
                raise IngestFout(f"{self.bron_id}: niets om op te halen")
            self._pad = self.download.bestand(self.jaar, self.niveau)
            info = self.download.info(self.jaar, self.niveau)
            self.url = info.get("url", self.url)
            self.opgehaald_op = info.get("opgehaald_op")
            self.bron_gewijzigd_op = http_datum_iso(info.get("gewijzigd_op"))
            self.sha256 = sha256_file(self._pad)
            eigen = [m for m in self.download.meldingen if m.startswith(f"Vektis Zvw {self.jaar}")]
            if eigen:
                self.opmerking = "; ".join([self.opmerking or "", *eigen]).strip("; ")
        return self._pad

    def lees_tabellen(self) -> dict:
        """The raw tables, read as the file path reads them."""
        pad = self.ophalen()
        assert self.jaar is not None
        if self.niveau == "postcode3":
            return lees_pc3(pad, self.bron_id, self.jaar)
        return lees_ruw(pad, self.bron_id, self.jaar)

    def checksum(self) -> str:
        """sha256 of the downloaded file (downloads on first use)."""
        self.ophalen()
        return str(self.sha256)


def vektis_online(
    settings: Settings,
    jaren: Iterable[int] | None = None,
    niveaus: Iterable[str] | None = None,
    download: VektisDownload | None = None,
) -> list[Bestand]:
    """One :class:`OnlineVektis` per year and level; nothing is fetched until used."""
    download = download or VektisDownload(settings)
    found: list[Bestand] = []
    for jaar in jaren if jaren is not None else vektis_jaren():
        for niveau in niveaus if niveaus is not None else vektis_niveaus():
            item = OnlineVektis(
                bron_id=f"vektis_zvw_{jaar}_{niveau}",
                soort="vektis",
                lees=dict,
                url=adressen(jaar, niveau, download.basis)[0],
                tabel_id="Vektis Zvw",
                jaar=jaar,
                licentie=LICENTIE,
                attributie=ATTRIBUTIE,
                opmerking=(
                    "Online opgehaald (adres niet door Vektis bevestigd); "
                    + ("per driecijferige postcode." if niveau == "postcode3" else "per gemeente.")
                ),
                download=download,
                niveau=niveau,
            )
            item.lees = item.lees_tabellen
            found.append(item)
    return found
