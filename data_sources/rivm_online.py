"""``ingest --online``: RIVM gezondheid per wijk en buurt from CBS's third-party data service.

The tables of the "RIVM" catalogue are served by the same ODataFeed as the Iv3 tables
(:data:`~data_sources.cbs_odata.FEED_DERDEN`), so :class:`~data_sources.cbs_odata.CbsFeed`
reads them (paging by ``odata.nextLink``, retries, page cache, ``TableInfos.Modified``
freshness). One :class:`~data_sources.cbs_odata.OnlineTabel` per edition x age group, the
same split as the file path (soort ``rivm_18plus`` / ``rivm_65plus``), with the same raw rows.

Verified in independent public clients of the service (the table ids, catalogue and dimension
keys; no live call was possible when this was written): 50090NED "Gezondheid per wijk en buurt;
2012/2016/2020 (indeling 2020)" and 50120NED "Gezondheid per wijk en buurt; 2012/2016/2020/2022
(indeling 2022)" in catalogue RIVM; dimensions ``Leeftijd`` (``20300`` 18 jaar of ouder,
``53115`` 18 tot 65 jaar, ``80200`` 65 jaar of ouder), ``Marges`` (``MW00000`` the value,
``MOG0095``/``MBG0095`` the 95 % interval), ``WijkenEnBuurten`` (space-padded code),
``Perioden`` (``2020JJ00``, ``2022JJ00``). The topic keys differ between the editions (e.g.
``Eenzaam_28`` in 50090NED, ``Eenzaam_27`` in 50120NED); the catalogue matches on the stem, so
that is no problem. Each edition is fetched for its own year only (the older periods in a
table are the same survey years again, in another indeling), with a ``$filter`` on the period,
the age group and the point estimate, so a table's 600,000 rows shrink to one row per area.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from urllib.parse import quote

import pandas as pd

from data_sources.base import IngestFout, jaren_uit_env
from data_sources.cbs_odata import FEED_DERDEN, CbsFeed, OnlineTabel
from data_sources.rivm import (
    LEEFTIJDEN,
    OPMERKING,
    PUNTSCHATTING,
    RIVM_TABELLEN,
    attributie,
    rivm_tabellen,
)
from geldstromen.config import Settings

STANDAARD_JAREN = tuple(sorted(RIVM_TABELLEN))
VERZAMELINGEN = ("DataProperties", "TypedDataSet")


def rivm_jaren(env: dict[str, str] | None = None) -> list[int]:
    """The RIVM editions to fetch: ``GELDSTROMEN_ONLINE_RIVM_JAREN`` or every edition."""
    return jaren_uit_env(
        "GELDSTROMEN_ONLINE_RIVM_JAREN",
        STANDAARD_JAREN,
        RIVM_TABELLEN,
        "RIVM",
        os.environ if env is None else env,
    )


def filter_query(jaar: int, leeftijd: str) -> str:
    """The ``$filter`` query option for one edition year and age key (URL-encoded)."""
    expr = f"Perioden eq '{jaar}JJ00' and Leeftijd eq '{leeftijd}' and Marges eq '{PUNTSCHATTING}'"
    return "&$filter=" + quote(expr, safe="'")


def _omzetten(leeftijd: str):
    def omzetten(item: OnlineTabel, delen: dict[str, list[dict]]) -> dict:
        rows = delen["TypedDataSet"]
        if not rows:
            raise IngestFout(f"{item.bron_id}: CBS gaf een lege RIVM-tabel terug")
        frame = pd.DataFrame(rows).astype("string")
        tabellen = rivm_tabellen(
            frame,
            item.bron_id,
            int(item.jaar or 0),
            item.bron_id,
            props=delen["DataProperties"],
            leeftijd=leeftijd,
        )
        if tabellen["raw_cbs_waarde"].empty:
            raise IngestFout(
                f"{item.bron_id}: geen puntschattingen voor {item.jaar} en leeftijd {leeftijd}"
            )
        return tabellen

    return omzetten


def rivm_online(settings: Settings, jaren: Iterable[int], feed: CbsFeed | None = None) -> list:
    """One :class:`OnlineTabel` per edition x age group; nothing is fetched until
    checksum/lees is called."""
    feed = feed or CbsFeed(settings, base_url=FEED_DERDEN)
    found = []
    for jaar in jaren:
        tabel = RIVM_TABELLEN[jaar]
        for groep, leeftijd in LEEFTIJDEN.items():
            found.append(
                OnlineTabel(
                    bron_id=f"rivm_{tabel}_{jaar}_{groep}_online",
                    soort=f"rivm_{groep}",
                    lees=dict,
                    url=f"{feed.base_url}/{tabel}",
                    tabel_id=tabel,
                    jaar=jaar,
                    attributie=attributie(jaar),
                    opmerking=OPMERKING,
                    feed=feed,
                    verzamelingen=VERZAMELINGEN,
                    filters={"TypedDataSet": filter_query(jaar, leeftijd)},
                    omzetten=_omzetten(leeftijd),
                )
            )
    return found
