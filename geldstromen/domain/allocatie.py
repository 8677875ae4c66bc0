"""Allocate a gemeente's Iv3 amounts to its wijken or buurten with visible keys (pure pandas).

Rounding policy: amounts are handled in whole cents; every split uses the largest-remainder
method, so the parts add up to the total to the cent (conservation per gemeente x taakveld x
jaar, and from a wijk to its buurten). A region whose key value is missing (suppressed or
absent in the key year) is allocated with the fallback key, then with inhabitants; the group
of such regions gets the share the next key gives it. A region with no value for any key in
the chain gets 0 and its row says so; nothing is dropped.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geldstromen.domain.taakvelden import sleutel_indicatoren

LAATSTE_TERUGVAL = "inwoners_aantal"


def verdeel_centen(totaal_cent: int, gewichten) -> np.ndarray:
    """Split ``totaal_cent`` over ``gewichten`` (sum != 0) in whole cents, largest remainder."""
    w = np.asarray(gewichten, dtype="float64")
    som = w.sum()
    if len(w) == 0 or som == 0 or not np.isfinite(som):
        raise ValueError("gewichten tellen op tot 0 of zijn ongeldig")
    exact = totaal_cent * (w / som)
    basis = np.floor(exact).astype("int64")
    rest = int(totaal_cent - basis.sum())
    if rest:
        order = np.argsort(-(exact - basis), kind="stable")
        basis[order[:rest]] += 1
    return basis


def sleutelwaarden(expressie: str, waarden: pd.DataFrame) -> pd.Series:
    """Evaluate a key expression per region: sum of products of indicator values.

    ``waarden`` is indexed by regio_code with one column per indicator; a NULL in any factor
    makes the region's value NULL (never 0).
    """
    totaal = None
    for term in expressie.split("+"):
        prod = None
        for f in term.split("*"):
            col = waarden[f.strip()] if f.strip() in waarden else pd.Series(np.nan, waarden.index)
            col = pd.to_numeric(col, errors="coerce")
            prod = col if prod is None else prod * col
        totaal = prod if totaal is None else totaal + prod
    return totaal.astype("float64")


def keten(sleutel: str, fallback: str) -> list[str]:
    """Key chain: key, fallback, then inhabitants (each once)."""
    out = []
    for k in (sleutel, fallback, LAATSTE_TERUGVAL):
        if k and k not in out:
            out.append(k)
    return out


def verdeel_met_keten(
    totaal_cent: int, regios: list[str], chain: list[str], waarden: pd.DataFrame
) -> pd.DataFrame:
    """Allocate over ``regios`` with a key chain; returns regio_code, cent, gebruikt, opmerking.

    ``waarden`` holds the evaluated value of every key in ``chain`` (columns = key expression).
    The cents no key could place are in ``attrs["niet_toegerekend_cent"]``.
    """
    regios = list(regios)
    cols = [
        waarden[k].reindex(regios).to_numpy(dtype="float64")
        if k in waarden
        else np.full(len(regios), np.nan)
        for k in chain
    ]
    mat = np.column_stack(cols) if cols else np.empty((len(regios), 0))
    cent, gebruikt, opmerking, rest = verdeel_matrix(totaal_cent, chain, mat)
    out = pd.DataFrame(
        {"regio_code": regios, "cent": cent, "gebruikt": gebruikt, "opmerking": opmerking}
    )
    out.attrs["niet_toegerekend_cent"] = rest
    return out


def verdeel_matrix(totaal_cent: int, chain: list[str], mat: np.ndarray):
    """Core of :func:`verdeel_met_keten` on a (regions x chain) matrix (NaN = missing).

    Returns (cent, gebruikt, opmerking, cents no key could place).
    """
    n = mat.shape[0]
    uit = (np.zeros(n, dtype="int64"), np.full(n, "", dtype=object), np.full(n, "", dtype=object))
    rest = _verdeel(int(totaal_cent), np.arange(n), 0, chain, mat, uit, [])
    return uit[0], uit[1], uit[2], int(rest)


def _geen(idx, uit, ontbrak) -> None:
    uit[1][idx] = "geen"
    uit[2][idx] = "geen sleutelwaarde: " + ", ".join(ontbrak)


def _verdeel(totaal, idx, level, chain, mat, uit, ontbrak) -> int:
    """Fill ``uit`` (cent, gebruikt, opmerking) for rows ``idx`` from chain position ``level``;
    returns the cents no key could place (only when no region has a value)."""
    if len(idx) == 0:
        return totaal
    if level >= len(chain):
        _geen(idx, uit, ontbrak)
        return totaal
    key = chain[level]
    vals = mat[idx, level]
    ok = ~np.isnan(vals)
    known, missing = idx[ok], idx[~ok]
    if len(known) == 0 or vals[ok].sum() == 0:
        return _verdeel(totaal, idx, level + 1, chain, mat, uit, ontbrak + [key])
    deel_missing, volgend = 0, None
    # the missing group gets the share the first next key with values for it gives it
    for nxt_level in range(level + 1, len(chain)):
        nxt = mat[idx, nxt_level]
        nxt_m = mat[missing, nxt_level]
        if len(missing) and np.nansum(nxt) != 0 and (~np.isnan(nxt_m)).any():
            deel_missing = round(totaal * float(np.nansum(nxt_m)) / float(np.nansum(nxt)))
            volgend = nxt_level
            break
    uit[0][known] = verdeel_centen(totaal - deel_missing, vals[ok])
    uit[1][known] = key
    uit[2][known] = ("terugval; ontbrak: " + ", ".join(ontbrak)) if ontbrak else ""
    if len(missing) == 0:
        return 0
    if deel_missing == 0:
        # no next key has a value for the missing group: they get nothing, said so
        _geen(missing, uit, ontbrak + list(chain[level:]))
        return 0
    overgeslagen = list(chain[level:volgend])
    return _verdeel(deel_missing, missing, volgend, chain, mat, uit, ontbrak + overgeslagen)


def benodigde_indicatoren(sleutels: pd.DataFrame) -> list[str]:
    """All indicator ids any key or fallback in the table uses (plus inhabitants)."""
    ids = {LAATSTE_TERUGVAL}
    for col in ("sleutel", "fallback", "sleutel_baten", "fallback_baten"):
        for expr in sleutels.get(col, pd.Series(dtype=str)).fillna(""):
            ids.update(sleutel_indicatoren(str(expr)))
    return sorted(ids)
