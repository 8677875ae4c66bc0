"""``geldstromen ingest --online``: KWB tables straight from the CBS ODataFeed (plus PDOK
geometries when that module offers an online path).

The KWB years default to every edition 2015-2025 (the newest editions lack income and energy
until CBS revises them; those cells are ``null`` = missing, never 0); set
``GELDSTROMEN_ONLINE_KWB_JAREN`` (e.g. ``2019,2023``) to choose others. The rows are the same
as those of the file path (typed OData, ``null`` = suppressed), renamed topics are mapped to
their catalogue stem (``geldstromen/domain/indicatoren/aliassen/cbs_kwb.csv``), and the names
of gemeenten, wijken and buurten come from each table's ``WijkenEnBuurten`` dimension
(``Key`` = the space-padded region code, ``Title`` = the name).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import pandas as pd

from data_sources.base import Bestand, IngestFout, jaren_uit_env, long_cbs
from data_sources.cbs_kwb import KWB_TABELLEN, check_numeric, kolommen_frame
from data_sources.cbs_odata import CbsFeed, OnlineTabel
from geldstromen.config import Settings
from geldstromen.domain.regiocode import gemeente_code_of_none

STANDAARD_JAREN = tuple(range(2015, 2026))


def kwb_jaren(env: dict[str, str] | None = None) -> list[int]:
    """The KWB years to fetch: ``GELDSTROMEN_ONLINE_KWB_JAREN`` or the default."""
    return jaren_uit_env(
        "GELDSTROMEN_ONLINE_KWB_JAREN",
        STANDAARD_JAREN,
        KWB_TABELLEN,
        "KWB",
        os.environ if env is None else env,
    )


def kwb_frames(
    rows: list[dict], props: list[dict], bron_id: str, jaar: int, regios: list[dict] | None = None
) -> dict:
    """TypedDataSet rows + DataProperties (+ the ``WijkenEnBuurten`` dimension) to the raw
    tables (same shape as the JSON file path, plus region names in ``raw_regio``)."""
    if not rows:
        raise IngestFout(f"{bron_id}: CBS gaf een lege tabel terug")
    frame = pd.DataFrame(rows)
    if "WijkenEnBuurten" not in frame.columns:
        raise IngestFout(f"{bron_id}: kolom WijkenEnBuurten ontbreekt in de CBS-tabel")
    frame = frame.drop(columns=["ID"], errors="ignore").astype("string")
    long = long_cbs(frame, bron_id=bron_id, jaar=jaar, code_col="WijkenEnBuurten", keep_null=True)
    kolommen = kolommen_frame(
        bron_id, [c for c in frame.columns if c != "WijkenEnBuurten"], props, soort="cbs_kwb"
    )
    check_numeric(long, kolommen, bron_id)
    out = {"raw_cbs_waarde": long, "raw_cbs_kolom": kolommen}
    if regios:
        out["raw_regio"] = regio_namen(regios, frame, bron_id, jaar)
    return out


def regio_namen(regios: list[dict], frame: pd.DataFrame, bron_id: str, jaar: int) -> pd.DataFrame:
    """``raw_regio`` rows from the ``WijkenEnBuurten`` dimension (``Key``, ``Title``) for the
    gemeente, wijk and buurt codes; the gemeente name is the dimension title of its GM code."""
    namen = {str(r.get("Key") or "").strip(): str(r.get("Title") or "").strip() for r in regios}
    codes = sorted({c.strip() for c in frame["WijkenEnBuurten"].dropna()})
    rows = []
    for code in codes:
        gm = gemeente_code_of_none(code)
        if gm is None or not namen.get(code):
            continue
        rows.append(
            {
                "bron_id": bron_id,
                "jaar": jaar,
                "regio_code": code,
                "regio_naam": namen[code],
                "gemeente_code": gm,
                "gemeente_naam": namen.get(gm) or None,
            }
        )
    return pd.DataFrame(
        rows,
        columns=["bron_id", "jaar", "regio_code", "regio_naam", "gemeente_code", "gemeente_naam"],
    )


#: The KWB collections, in the order their page hashes enter the checksum.
KWB_VERZAMELINGEN = ("DataProperties", "WijkenEnBuurten", "TypedDataSet")


def _kwb_omzetten(item: OnlineTabel, delen: dict[str, list[dict]]) -> dict:
    return kwb_frames(
        delen["TypedDataSet"],
        delen["DataProperties"],
        item.bron_id,
        int(item.jaar or 0),
        delen["WijkenEnBuurten"],
    )


def kwb_online(settings: Settings, jaren: Iterable[int], feed: CbsFeed | None = None) -> list:
    """One :class:`OnlineTabel` per year; nothing is fetched until checksum/lees is called."""
    feed = feed or CbsFeed(settings)
    found = []
    for jaar in jaren:
        tabel = KWB_TABELLEN[jaar]
        found.append(
            OnlineTabel(
                bron_id=f"kwb{jaar}_{tabel}_online",
                soort="cbs_kwb",
                lees=dict,
                url=f"{feed.base_url}/{tabel}",
                tabel_id=tabel,
                jaar=jaar,
                feed=feed,
                verzamelingen=KWB_VERZAMELINGEN,
                omzetten=_kwb_omzetten,
            )
        )
    return found


def online_bestanden(
    settings: Settings,
    jaren: Iterable[int] | None = None,
    iv3: Iterable[int] | None = None,
    rivm: Iterable[int] | None = None,
    vektis: Iterable[int] | None = None,
) -> list[Bestand]:
    """Everything ``ingest --online`` loads: KWB years from CBS, Iv3 years and RIVM editions
    from CBS's third-party service, Vektis Zvw years (gemeente and PC3) from Vektis's
    website, geometries from PDOK if any."""
    from data_sources.iv3_online import iv3_jaren, iv3_online
    from data_sources.rivm_online import rivm_jaren, rivm_online
    from data_sources.vektis_online import vektis_online

    found: list[Bestand] = kwb_online(settings, jaren or kwb_jaren())
    found.extend(iv3_online(settings, iv3 if iv3 is not None else iv3_jaren()))
    found.extend(rivm_online(settings, rivm if rivm is not None else rivm_jaren()))
    found.extend(vektis_online(settings, vektis))
    try:
        from data_sources import pdok  # geometries: another module's job, optional here
    except ImportError:
        return found
    if hasattr(pdok, "online_bestanden"):
        found.extend(pdok.online_bestanden(settings))
    return found
