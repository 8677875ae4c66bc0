"""``ingest --online``: Iv3 per gemeente x taakveld from CBS's third-party data service.

The tables "Gemeenten <jaar> onbewerkte Iv3-data" are not in the StatLine catalogue but in
the "IV3" catalogue of CBS's service for data of third parties (``dataderden``), with the same
ODataFeed protocol as StatLine, so :class:`~data_sources.cbs_odata.CbsFeed` reads them (paging,
retries, page cache, ``TableInfos.Modified`` freshness).

What was verified and what is assumed (no live call was possible when this was written):

- Verified in several independent public clients of the service: the feed root
  (``https://dataderden.cbs.nl/ODataFeed/odata``), the table ids per year in
  :data:`IV3_TABELLEN`, the TypedDataSet fields ``Gemeenten`` (GM code, space-padded),
  ``TaakveldBalanspost`` (code space-padded to 6, taakvelden mixed with balance-sheet posts
  ``A*``/``P*``), ``Categorie`` (``L*`` lasten, ``B*`` baten, e.g. ``L1.1`` salarissen en
  sociale lasten), ``Verslagsoort`` (``<jaar>X000`` begroting, ``<jaar>X005`` jaarrekening),
  ``k_1ePlaatsing_1`` and ``k_2ePlaatsing_2`` (x 1 000 euro); the dimensions ``Gemeenten``,
  ``TaakveldBalanspost`` and ``Categorie`` as collections with ``Key`` and ``Title``; the
  sentinel -99998 for "geen opgave".
- Assumed: ``Categorie`` holds leaf categories only. Guarded anyway: a category whose key is
  the prefix of another key (a subtotal) is left out, so nothing is counted twice. The tables
  before 2017 use the older functie classification instead of BBV taakvelden, so the default
  years start at 2017 (``GELDSTROMEN_ONLINE_IV3_JAREN`` chooses others).

Amounts are the first publication (``k_1ePlaatsing_1``), in thousands of euros as in the
file path; the rows go to ``raw_iv3`` with ``gemeente_code`` (no name crosswalk needed).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

import pandas as pd

from data_sources.base import IngestFout, jaren_uit_env
from data_sources.cbs_odata import FEED_DERDEN, CbsFeed, OnlineTabel
from data_sources.iv3 import ATTRIBUTIE
from geldstromen.config import Settings

IV3_TABELLEN = {
    2010: "45007NED",
    2011: "45008NED",
    2012: "45001NED",
    2013: "45004NED",
    2014: "45005NED",
    2015: "45006NED",
    2016: "45031NED",
    2017: "45038NED",
    2018: "45042NED",
    2019: "45046NED",
    2020: "45050NED",
    2021: "45054NED",
    2022: "45059NED",
    2023: "45063NED",
    2024: "45067NED",
    2025: "45071NED",
    2026: "45078NED",
}
STANDAARD_JAREN = tuple(range(2017, 2027))
STUKKEN = {"X000": "begroting", "X005": "jaarrekening"}
GEEN_OPGAVE = -99998
_TAAKVELD = re.compile(r"^\d{1,2}\.\d{1,3}[a-z]?$")
KOLOMMEN = [
    "bron_id",
    "jaar",
    "stuk",
    "gemeente_naam",
    "taakveld_code",
    "taakveld_naam",
    "lasten_keur",
    "baten_keur",
    "salarissen_keur",
    "gemeente_code",
]


def iv3_jaren(env: dict[str, str] | None = None) -> list[int]:
    """The Iv3 years to fetch: ``GELDSTROMEN_ONLINE_IV3_JAREN`` or 2017-2026."""
    return jaren_uit_env(
        "GELDSTROMEN_ONLINE_IV3_JAREN",
        STANDAARD_JAREN,
        IV3_TABELLEN,
        "Iv3",
        os.environ if env is None else env,
    )


def _titels(rows: list[dict]) -> dict[str, str]:
    return {str(r.get("Key") or "").strip(): str(r.get("Title") or "").strip() for r in rows}


def _bladeren(keys: Iterable[str]) -> set[str]:
    """Category keys that are no prefix of another key (leaves; subtotals left out)."""
    keys = {k for k in keys if k}
    return {k for k in keys if not any(o != k and o.startswith(k) for o in keys)}


def iv3_frame(
    rows: list[dict],
    jaar: int,
    bron_id: str,
    gemeenten: list[dict],
    taakvelden: list[dict],
    categorieen: list[dict],
) -> pd.DataFrame:
    """TypedDataSet rows -> ``raw_iv3`` rows per gemeente x taakveld x stuk (x 1 000 euro)."""
    if not rows:
        raise IngestFout(f"{bron_id}: CBS gaf een lege Iv3-tabel terug")
    frame = pd.DataFrame(rows)
    nodig = {"Gemeenten", "TaakveldBalanspost", "Categorie", "Verslagsoort", "k_1ePlaatsing_1"}
    ontbreekt = nodig - set(frame.columns)
    if ontbreekt:
        raise IngestFout(f"{bron_id}: velden {sorted(ontbreekt)} ontbreken in de Iv3-tabel")
    for col in ("Gemeenten", "TaakveldBalanspost", "Categorie", "Verslagsoort"):
        frame[col] = frame[col].astype("string").str.strip()
    frame = frame[frame["Gemeenten"].str.startswith("GM", na=False)]
    frame = frame[frame["TaakveldBalanspost"].str.fullmatch(_TAAKVELD.pattern, na=False)]
    frame = frame.assign(
        stuk=frame["Verslagsoort"].map(
            {f"{jaar}{suffix}": stuk for suffix, stuk in STUKKEN.items()}
        )
    )
    frame = frame[frame["stuk"].notna()]
    frame = frame[frame["Categorie"].isin(_bladeren(frame["Categorie"].unique()))]
    bedrag = pd.to_numeric(frame["k_1ePlaatsing_1"], errors="coerce")
    frame = frame.assign(bedrag=bedrag.where(bedrag != GEEN_OPGAVE))
    cat = frame["Categorie"]
    frame = frame.assign(
        lasten=frame["bedrag"].where(cat.str.startswith("L")),
        baten=frame["bedrag"].where(cat.str.startswith("B")),
        salarissen=frame["bedrag"].where(cat == "L1.1"),
    )
    keys = ["Gemeenten", "TaakveldBalanspost", "stuk"]
    out = frame.groupby(keys, as_index=False).agg(
        lasten_keur=("lasten", lambda s: s.sum(min_count=1)),
        baten_keur=("baten", lambda s: s.sum(min_count=1)),
        salarissen_keur=("salarissen", lambda s: s.sum(min_count=1)),
    )
    gm_namen, tv_namen = _titels(gemeenten), _titels(taakvelden)
    del categorieen  # the category titles are not stored; keys decide lasten/baten
    out["gemeente_code"] = out["Gemeenten"]
    out["gemeente_naam"] = out["Gemeenten"].map(gm_namen).fillna(out["Gemeenten"])
    out["taakveld_code"] = out["TaakveldBalanspost"]
    naam = out["TaakveldBalanspost"].map(tv_namen).fillna("")
    out["taakveld_naam"] = [
        n[len(c) :].strip() if n.startswith(c + " ") else n
        for c, n in zip(out["taakveld_code"], naam, strict=True)
    ]
    out["bron_id"], out["jaar"] = bron_id, jaar
    return out[KOLOMMEN]


#: The Iv3 collections, in the order their page hashes enter the checksum.
IV3_VERZAMELINGEN = ("Gemeenten", "TaakveldBalanspost", "Categorie", "TypedDataSet")


def _iv3_omzetten(item: OnlineTabel, delen: dict[str, list[dict]]) -> dict:
    raw = iv3_frame(
        delen["TypedDataSet"],
        int(item.jaar or 0),
        item.bron_id,
        delen["Gemeenten"],
        delen["TaakveldBalanspost"],
        delen["Categorie"],
    )
    return {"raw_iv3": raw}


def iv3_online(settings: Settings, jaren: Iterable[int], feed: CbsFeed | None = None) -> list:
    """One :class:`OnlineTabel` per year; nothing is fetched until checksum/lees is called."""
    feed = feed or CbsFeed(settings, base_url=FEED_DERDEN)
    found = []
    for jaar in jaren:
        tabel = IV3_TABELLEN[jaar]
        item = OnlineTabel(
            bron_id=f"iv3_{jaar}_{tabel}_online",
            soort="iv3",
            lees=dict,
            url=f"{feed.base_url}/{tabel}",
            tabel_id=tabel,
            jaar=jaar,
            attributie=ATTRIBUTIE,
            opmerking=f"begroting en jaarrekening {jaar}, per gemeente x taakveld, x1000 euro "
            "(1e plaatsing)",
            feed=feed,
            verzamelingen=IV3_VERZAMELINGEN,
            omzetten=_iv3_omzetten,
        )
        found.append(item)
    return found
