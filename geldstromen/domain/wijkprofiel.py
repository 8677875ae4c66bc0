"""Figures for the Wijkprofiel: one region's allocated amounts next to the gemeente average,
and a gemeente's lasten per inwoner per hoofdtaakveld against gemeenten of the same class."""

from __future__ import annotations

import pandas as pd

from geldstromen.domain.per_inwoner import per_inwoner, reden
from geldstromen.domain.taakvelden import HOOFDTAAKVELDEN, hoofdtaakveld


def regio_tabel(
    flows: pd.DataFrame, regio_code: str, inwoners_regio: float | None, inwoners_gemeente: float
) -> pd.DataFrame:
    """Per taakveld: amount to the region, per inwoner, and the gemeente's per-inwoner amount
    (all of the taakveld, incl. gemeentebreed). Per-inwoner is empty (NaN) below the minimum
    population of :mod:`geldstromen.domain.per_inwoner`."""
    tot = flows.groupby(["taakveld_code", "categorie"], as_index=False)["bedrag_eur"].sum()
    tot = tot.rename(columns={"bedrag_eur": "gemeente_eur"})
    eigen = flows[flows["regio_code"] == regio_code]
    sleutel = eigen.groupby("taakveld_code")["sleutel"].first()
    bedrag = eigen.groupby("taakveld_code")["bedrag_eur"].sum()
    out = tot.assign(
        hoofdtaakveld=tot["taakveld_code"].map(hoofdtaakveld),
        bedrag_eur=tot["taakveld_code"].map(bedrag).fillna(0.0),
        sleutel=tot["taakveld_code"].map(sleutel).fillna("gemeentebreed: niet toegerekend"),
    )
    out["per_inwoner_eur"] = per_inwoner(out["bedrag_eur"], inwoners_regio)
    out["gemeente_per_inwoner_eur"] = per_inwoner(out["gemeente_eur"], inwoners_gemeente)
    cols = [
        "hoofdtaakveld",
        "taakveld_code",
        "categorie",
        "bedrag_eur",
        "per_inwoner_eur",
        "gemeente_per_inwoner_eur",
        "gemeente_eur",
        "sleutel",
    ]
    return out[cols].sort_values("taakveld_code", key=_sort_key).reset_index(drop=True)


def _sort_key(codes: pd.Series) -> pd.Series:
    def key(code: str):
        hoofd, _, rest = str(code).partition(".")
        return (int(hoofd), rest.ljust(4, " "))

    return codes.map(key)


#: Class features a user can use to define "gemeenten of the same class".
KLASSE_DIMENSIES = {
    "gemeentegrootte": "Gemeentegrootte",
    "stedelijkheid": "Stedelijkheid",
    "centrumfunctie": "Centrumfunctie",
    "sociale_structuur": "Sociale structuur",
    "provincie": "Provincie",
}
#: Default: every class dimension (provincie is a region, not a class).
STANDAARD_DIMENSIES = ("gemeentegrootte", "stedelijkheid", "centrumfunctie", "sociale_structuur")


def klasse_dimensies(frame: pd.DataFrame) -> list[str]:
    """Class dimensions present (with at least one value) in a comparison frame."""
    return [d for d in KLASSE_DIMENSIES if d in frame and frame[d].notna().any()]


def vergelijking(
    frame: pd.DataFrame,
    gemeente_code: str,
    uitgesloten: set[str],
    dimensies: tuple[str, ...] | list[str] = STANDAARD_DIMENSIES,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Lasten per inwoner per hoofdtaakveld: this gemeente, the median and the number of
    gemeenten with the same value on every chosen class dimension (excluded taakvelden left
    out). A dimension the gemeente has no value for is not used (the ``klasse`` text says so).

    Returns (table per hoofdtaakveld, comparison group: gemeente_code, gemeente_naam, dims).
    """
    df = frame[~frame["taakveld_code"].isin(uitgesloten)].copy()
    df = df[per_inwoner(1.0, df["inwoners"]).notna()]
    if df.empty or gemeente_code not in set(df["gemeente_code"]):
        return pd.DataFrame(), pd.DataFrame()
    dims = [d for d in dimensies if d in df]
    eigen_rij = df[df["gemeente_code"] == gemeente_code].iloc[0]
    gebruikt = [d for d in dims if pd.notna(eigen_rij[d])]
    niet = [d for d in dims if d not in gebruikt]
    df["hoofdtaakveld"] = df["taakveld_code"].map(hoofdtaakveld)
    per = df.groupby(["gemeente_code", "hoofdtaakveld"], as_index=False).agg(
        lasten_eur=("lasten_eur", "sum"), inwoners=("inwoners", "first")
    )
    per["per_inwoner_eur"] = per_inwoner(per["lasten_eur"], per["inwoners"])
    gemeenten = df.drop_duplicates("gemeente_code").set_index("gemeente_code")
    mask = pd.Series(True, index=gemeenten.index)
    for d in gebruikt:
        mask &= gemeenten[d] == eigen_rij[d]
    groep = gemeenten[mask].reset_index()[["gemeente_code", "gemeente_naam", *gebruikt]]
    groep = groep.sort_values("gemeente_naam").reset_index(drop=True)
    peers = per[per["gemeente_code"].isin(groep["gemeente_code"])]
    stats = peers.groupby("hoofdtaakveld").agg(
        klasse_mediaan_per_inwoner_eur=("per_inwoner_eur", "median"),
        klasse_gemeenten_aantal=("gemeente_code", "nunique"),
    )
    eigen = per[per["gemeente_code"] == gemeente_code]
    out = eigen.set_index("hoofdtaakveld")[["per_inwoner_eur"]].join(stats).reset_index()
    out.insert(1, "naam", out["hoofdtaakveld"].map(HOOFDTAAKVELDEN))
    tekst = "; ".join(f"{KLASSE_DIMENSIES.get(d, d)}: {eigen_rij[d]}" for d in gebruikt)
    if not gebruikt:
        tekst = "alle gemeenten (geen klassekenmerk gekozen of bekend)"
    if niet:
        namen = ", ".join(KLASSE_DIMENSIES.get(d, d) for d in niet)
        tekst += f" (niet gebruikt, geen waarde voor deze gemeente in de bron: {namen})"
    out["klasse"] = tekst
    return out, groep


def per_inwoner_hoofdtaakveld(
    flows: pd.DataFrame, inwoners: pd.Series, niveau: str, hoofd: str
) -> pd.DataFrame:
    """Allocated amount of one hoofdtaakveld per region of ``niveau`` and per inwoner.

    Below the minimum population the value is missing (not 0) and ``toelichting`` says
    "te weinig inwoners"; ``inwoners`` is kept for the table."""
    rows = flows[(flows["niveau"] == niveau) & (flows["naar"] != "gemeentebreed")]
    rows = rows[rows["taakveld_code"].map(hoofdtaakveld) == hoofd]
    som = rows.groupby(["regio_code", "regio_naam"], as_index=False)["bedrag_eur"].sum()
    inw = pd.to_numeric(som["regio_code"].map(inwoners), errors="coerce")
    som["inwoners"] = inw
    som["waarde"] = per_inwoner(som["bedrag_eur"], inw)
    som["toelichting"] = reden(inw)
    return som
