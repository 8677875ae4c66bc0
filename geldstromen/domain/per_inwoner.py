"""The one way to turn an amount or a count into a figure per inhabitant.

Minimum population. A figure per inhabitant of an area where almost nobody lives says
nothing about residents: the dunes of Oostduinen (0 inhabitants) or the business park
Forepark (135 in 2019) in Den Haag receive millions of allocated road, park or economy money,
which gives tens of thousands of euros "per inhabitant". CBS treats small areas the same way
in the Kerncijfers wijken en buurten: figures of areas with too few people are not published
(for reliability and confidentiality), and an empty cell is not a zero. We follow that idea
with one rule for every page, the report and the exports:

* below :data:`MIN_INWONERS` inhabitants (or with the number unknown) a per-inhabitant value
  is missing (NaN), never 0 and never infinite;
* the reason is shown in words (:data:`TE_WEINIG_INWONERS`), so that a reader does not take
  the gap for a suppressed CBS cell.

Why 500: in the KWB of the large cities the areas under 500 inhabitants are business parks,
ports, parks, woods and dunes (Den Haag, KWB 2019 wijken: Oostduinen 0, Forepark 135,
Zuiderpark 155, Hoornwijk 260, Haagse Bos 445; the next one, Zorgvliet, has 530); from 500 on they are residential areas whose per-inhabitant
figures move by less than 0.2 % when one person moves in or out. The amounts themselves
(euro per area) stay available for every area.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Smallest number of inhabitants for which a per-inhabitant figure is given.
MIN_INWONERS = 500
#: What a table or map shows instead of a per-inhabitant value below the minimum.
TE_WEINIG_INWONERS = "te weinig inwoners"
#: ... and when the number of inhabitants is not known.
INWONERS_ONBEKEND = "inwoners onbekend"
#: One sentence for captions.
UITLEG = (
    f"Per inwoner alleen bij minstens {MIN_INWONERS} inwoners; daaronder staat "
    f"'{TE_WEINIG_INWONERS}' (geen waarde, geen 0): bedrijventerreinen, parken en duinen "
    "hebben bijna geen inwoners, en een bedrag per inwoner zegt daar niets over bewoners."
)


def _getal(waarde) -> pd.Series | float:
    if isinstance(waarde, pd.Series):
        return pd.to_numeric(waarde, errors="coerce").astype("float64")
    if waarde is None:
        return float("nan")
    try:
        return float(waarde)
    except (TypeError, ValueError):
        return float("nan")


def genoeg_inwoners(inwoners) -> pd.Series | bool:
    """True where the number of inhabitants is known and at least :data:`MIN_INWONERS`."""
    inw = _getal(inwoners)
    if isinstance(inw, pd.Series):
        return inw.notna() & (inw >= MIN_INWONERS)
    return bool(not np.isnan(inw) and inw >= MIN_INWONERS)


def per_inwoner(bedrag, inwoners, per: float = 1.0) -> pd.Series | float:
    """``bedrag / inwoners x per`` where :func:`genoeg_inwoners`, else NaN.

    Works on scalars and on Series (aligned on their index like ordinary pandas division);
    ``per=1000`` gives "per 1000 inwoners". A missing amount stays missing."""
    b, inw = _getal(bedrag), _getal(inwoners)
    ok = genoeg_inwoners(inw)
    if isinstance(b, pd.Series) or isinstance(inw, pd.Series):
        noemer = inw.where(ok) if isinstance(inw, pd.Series) else (inw if ok else np.nan)
        return b / noemer * per
    return b / inw * per if ok else float("nan")


def reden(inwoners) -> pd.Series | str:
    """Why a per-inhabitant value is missing: '' (not missing for this reason),
    :data:`TE_WEINIG_INWONERS` or :data:`INWONERS_ONBEKEND`."""
    inw = _getal(inwoners)
    if isinstance(inw, pd.Series):
        out = pd.Series("", index=inw.index, dtype=object)
        out[inw.isna()] = INWONERS_ONBEKEND
        out[inw.notna() & (inw < MIN_INWONERS)] = TE_WEINIG_INWONERS
        return out
    if np.isnan(inw):
        return INWONERS_ONBEKEND
    return TE_WEINIG_INWONERS if inw < MIN_INWONERS else ""


def tekst(waarde, inwoners, opmaak) -> str:
    """A per-inhabitant value as display text: ``opmaak(waarde)``, or the reason it is
    missing (``opmaak`` of NaN when the amount itself is missing)."""
    r = reden(inwoners)
    return r if r else opmaak(waarde)


def tabel(som: pd.DataFrame, inwoners: pd.Series, codes: list[str], opmaak) -> pd.DataFrame:
    """Display table of amounts per inhabitant: one row per ``familie``, one column per region
    code of ``codes`` (in that order). ``som`` has regio_code, familie, bedrag_eur;
    ``inwoners`` maps region code -> inhabitants. A region below the minimum population shows
    the reason in every cell, a missing amount ``opmaak(nan)``."""
    inw = pd.to_numeric(som["regio_code"].map(inwoners), errors="coerce")
    waarden = som.assign(per_inwoner=per_inwoner(som["bedrag_eur"], inw))
    families = list(dict.fromkeys(waarden["familie"]))
    wide = waarden.pivot_table(
        index="familie", columns="regio_code", values="per_inwoner", aggfunc="first", dropna=False
    )
    wide = wide.reindex(index=families, columns=codes)
    out = wide.map(opmaak).astype(object)
    for code in codes:
        r = reden(inwoners.get(code) if code in inwoners.index else None)
        if r:
            out[code] = r
    return out
