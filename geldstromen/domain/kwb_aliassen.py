"""Which published KWB column is which catalogue indicator, per year.

CBS renames KWB topics between editions (``GemiddeldeWoningwaarde`` became
``GemiddeldeWOZWaardeVanWoningen``) and drops or splits others (the bouwjaar split before/after
2000 is replaced by a ten-year split in 2024). ``indicatoren/aliassen/<soort>.csv`` records each
such change explicitly:

- ``hernoemd``: the published stem ``gepubliceerd`` is the catalogue column ``bron_kolom``
  (in every year it occurs; a stem never changes meaning);
- ``niet_gepubliceerd``: the catalogue column is absent in ``jaar`` on purpose, with the reason;
- ``vanaf``: the catalogue column is first published in ``jaar`` (absent in earlier years).

:func:`dekking` resolves a year's published keys against the catalogue; an indicator that is
neither found nor marked absent is ``onverklaard`` (a silent hole that the coverage test and
``geldstromen dekking`` report).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from geldstromen.domain.catalogus import indicator_catalogue
from geldstromen.domain.kolommen import stem

ALIASSEN = Path(__file__).with_name("indicatoren") / "aliassen"
STATUSSEN = ("hernoemd", "niet_gepubliceerd", "vanaf")


@cache
def aliassen(soort: str = "cbs_kwb") -> pd.DataFrame:
    """The alias table of one source family (empty when there is none); validated."""
    path = ALIASSEN / f"{soort}.csv"
    if not path.exists():
        return pd.DataFrame(columns=["soort", "bron_kolom", "jaar", "status", "gepubliceerd"])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    bad = frame[~frame["status"].isin(STATUSSEN)]
    if not bad.empty:
        raise ValueError(f"Onbekende status in {path.name}: {bad['status'].unique().tolist()}")
    hernoemd = frame[frame["status"] == "hernoemd"]
    if (hernoemd["gepubliceerd"] == "").any() or hernoemd["gepubliceerd"].duplicated().any():
        raise ValueError(f"{path.name}: elke hernoeming heeft precies één gepubliceerde stam")
    per_jaar = frame[frame["status"] != "hernoemd"]
    if (~per_jaar["jaar"].str.fullmatch(r"\d{4}")).any():
        raise ValueError(
            f"{path.name}: 'niet_gepubliceerd' en 'vanaf' gelden per jaar; vul jaar in"
        )
    return frame


def hernoemingen(soort: str = "cbs_kwb") -> dict[str, str]:
    """Published stem -> catalogue stem for renamed topics."""
    frame = aliassen(soort)
    frame = frame[frame["status"] == "hernoemd"]
    return dict(zip(frame["gepubliceerd"], frame["bron_kolom"], strict=True))


def catalogus_stam(stems: Iterable[str], soort: str = "cbs_kwb") -> dict[str, str]:
    """Map each published stem to the stem the catalogue knows it by.

    A renamed stem maps to its catalogue stem unless the same table also publishes the
    catalogue stem itself (then both keep their own stem, so nothing is counted twice).
    """
    stems = list(stems)
    present = set(stems)
    namen = hernoemingen(soort)
    return {s: namen[s] if s in namen and namen[s] not in present else s for s in stems}


def dekking(keys: Iterable[str], jaar: int, soort: str = "cbs_kwb") -> pd.DataFrame:
    """Per catalogue indicator of ``soort``: how ``jaar``'s published ``keys`` cover it.

    Columns ``indicator, bron_kolom, gepubliceerd, status, reden``; status is ``gevonden``,
    ``hernoemd``, ``niet_gepubliceerd`` (with the reason) or ``onverklaard``.
    """
    stems = [stem(k) for k in keys]
    mapped = catalogus_stam(stems, soort)
    by_catalogue: dict[str, str] = {}
    for published, catalogue in mapped.items():
        by_catalogue.setdefault(catalogue, published)
    frame = aliassen(soort)
    absent = frame[(frame["status"] == "niet_gepubliceerd") & (frame["jaar"] == str(jaar))]
    redenen = dict(zip(absent["bron_kolom"], absent["toelichting"], strict=True))
    vanaf = frame[frame["status"] == "vanaf"]
    for kolom, eerste in zip(vanaf["bron_kolom"], vanaf["jaar"].astype(int), strict=True):
        if jaar < eerste:
            redenen.setdefault(kolom, f"CBS publiceert dit pas vanaf KWB {eerste}")
    cat = indicator_catalogue()
    cat = cat[cat["soort"] == soort]
    rows = []
    for r in cat.itertuples():
        published = by_catalogue.get(r.bron_kolom)
        if published is not None:
            status = "gevonden" if published == r.bron_kolom else "hernoemd"
            reden = ""
        elif r.bron_kolom in redenen:
            status, reden = "niet_gepubliceerd", redenen[r.bron_kolom]
        else:
            status, reden = "onverklaard", ""
        rows.append(
            {
                "indicator": r.indicator,
                "bron_kolom": r.bron_kolom,
                "gepubliceerd": published or "",
                "status": status,
                "reden": reden,
            }
        )
    return pd.DataFrame(rows)


def reden_afwezig(bron_kolom: str, jaar: int, soort: str = "cbs_kwb") -> str | None:
    """Why the alias table says ``bron_kolom`` is not published in ``jaar`` (None: it does not)."""
    frame = aliassen(soort)
    hit = frame[
        (frame["bron_kolom"] == bron_kolom)
        & (frame["status"] == "niet_gepubliceerd")
        & (frame["jaar"] == str(jaar))
    ]
    if not hit.empty:
        return str(hit["toelichting"].iloc[0])
    vanaf = frame[(frame["bron_kolom"] == bron_kolom) & (frame["status"] == "vanaf")]
    if not vanaf.empty and jaar < int(vanaf["jaar"].iloc[0]):
        bron = (
            "CBS publiceert dit pas vanaf KWB" if soort == "cbs_kwb" else "pas gepubliceerd vanaf"
        )
        return f"{bron} {int(vanaf['jaar'].iloc[0])}"
    return None
