"""Explicit import of a gemeente's own figures ('eigen data') into ``raw_lokaal``.

Not part of the data-dir ingest: ``geldstromen import-lokaal`` validates a file first and
only then calls :func:`importeer`, which writes rows, provenance and the mart in ONE
transaction (a failure leaves the database exactly as it was).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, delete

from geldstromen import db
from geldstromen.schema import bron, raw_lokaal

MART = "mart_lokaal_indicator"


def bron_id_voor(gemeente: str, niveau: str, jaar: int, naam: str) -> str:
    """Provenance id: one upload per gemeente x level x year x file name (re-import replaces)."""
    digest = hashlib.sha256(naam.encode("utf-8", "replace")).hexdigest()[:10]
    return f"lokaal_{gemeente}_{niveau}_{jaar}_{digest}"


def ververs_mart(conn) -> None:
    """Rebuild ``mart_lokaal_indicator_mat`` (and its index) from the view."""
    db.materialise_marts(conn, namen=[MART])


def importeer(
    engine: Engine,
    waarden: pd.DataFrame,
    *,
    pad: Path,
    sha256: str,
    gemeente: str,
    niveau: str,
    jaar: int,
) -> int:
    """Write validated values (long: regio_code, indicator, kolom, waarde, eenheid)."""
    bron_id = bron_id_voor(gemeente, niveau, jaar, pad.name)
    rows = waarden.assign(bron_id=bron_id, gemeente_code=gemeente, niveau=niveau, jaar=jaar)
    with db.schrijfslot(engine), engine.begin() as conn:
        db.create_tables(conn)
        conn.execute(delete(raw_lokaal).where(raw_lokaal.c.bron_id == bron_id))
        conn.execute(delete(bron).where(bron.c.bron_id == bron_id))
        n = db.bulk_insert(conn, raw_lokaal, rows)
        conn.execute(
            bron.insert().values(
                bron_id=bron_id,
                soort="lokaal",
                jaar=jaar,
                bestand=pad.name,
                rijen=n,
                sha256=sha256,
                ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
                licentie="eigen data van de gemeente",
                attributie=f"eigen data van {gemeente} (niet van CBS)",
                opmerking="eigen data; ingelezen met import-lokaal",
            )
        )
        db.apply_views(conn)
        ververs_mart(conn)
    return n
