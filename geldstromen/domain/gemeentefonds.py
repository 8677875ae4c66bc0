"""The income side of a region's gemeente flows: the gemeentefonds (algemene uitkering per
cluster, one circulaire) and the rest of the gemeente's own means (pure pandas).

Key, per cluster: a region gets the share of the cluster that its *allocated lasten* on the
cluster's taakvelden (``gemeentefonds_clusters.csv``) have in the gemeente's lasten on those
taakvelden (negative lasten count as 0). Clusters without taakvelden of their own (the
verevening of eigen middelen and OZB, ``Overig``) follow the lasten of all cluster taakvelden.
The part that belongs to not-allocated (gemeentebreed) lasten stays a row of the gemeente
itself, so the rows of every cluster add up to the cluster amount to the cent. What the
gemeentefonds does not cover of a region's lasten is shown as ``overige middelen`` (eigen
baten, belastingen, reserves): a balance, not an observed amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from geldstromen.domain.allocatie import verdeel_centen
from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS
from geldstromen.domain.taakvelden import reeks_code

CLUSTERS_FILE = Path(__file__).with_name("gemeentefonds_clusters.csv")
VAN_FONDS = "Rijk (gemeentefonds)"
VAN_OVERIG = "gemeente (overige middelen)"
CAT_FONDS = "gemeentefonds"
CAT_OVERIG = "overige middelen gemeente (eigen baten, belastingen, reserves)"
ALLE = "*"
VERSCHIL = "verschil Totaal en som clusters"
_MAANDEN = {"M": "mei", "S": "september"}


@dataclass(frozen=True)
class Fonds:
    """One gemeente's gemeentefonds of one circulaire and uitkeringsjaar."""

    gemeente_code: str
    gemeente_naam: str
    jaar: int  # uitkeringsjaar = Iv3 year
    circulaire: str  # e.g. S2024

    @property
    def bron(self) -> str:
        return (
            f"BZK gemeentefonds, {circulaire_label(self.circulaire)}, uitkeringsjaar "
            f"{self.jaar} (algemene uitkering per cluster)"
        )


@cache
def _clusters() -> pd.DataFrame:
    return pd.read_csv(CLUSTERS_FILE, dtype=str, keep_default_na=False, comment="#")


def clusters() -> pd.DataFrame:
    """The cluster table: cluster, reeks_codes (space-separated or ``*``), toelichting."""
    return _clusters().copy()


def circulaire_label(circulaire: str) -> str:
    """``S2024`` -> ``septembercirculaire 2024``."""
    soort = _MAANDEN.get(circulaire[:1], circulaire[:1])
    return f"{soort}circulaire {circulaire[1:]}"


def circulaires(beschikbaar: pd.DataFrame, jaar: int) -> list[str]:
    """Circulaires with uitkeringsjaar ``jaar``, newest first (september after mei)."""
    rows = beschikbaar[beschikbaar["uitkeringsjaar"].astype(int) == int(jaar)]
    codes = {str(c) for c in rows["circulaire"]}
    return sorted(codes, key=lambda c: (int(c[1:]), c[0] == "S"), reverse=True)


def _taakvelden_per_cluster() -> dict[str, set[str] | None]:
    out: dict[str, set[str] | None] = {}
    for row in _clusters().itertuples():
        codes = row.reeks_codes.split()
        out[row.cluster] = None if codes == [ALLE] else set(codes)
    return out


def _regios(lasten: pd.DataFrame, fonds: Fonds) -> pd.DataFrame:
    regios = lasten[["regio_code", "regio_naam", "niveau"]].drop_duplicates("regio_code")
    if fonds.gemeente_code not in set(regios["regio_code"]):
        gm = pd.DataFrame(
            [[fonds.gemeente_code, fonds.gemeente_naam, "gemeente"]], columns=regios.columns
        )
        regios = pd.concat([regios, gm], ignore_index=True)
    return regios.reset_index(drop=True)


def _rijen(regios, cent, fonds, van, cat, sleutel, bron) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "regio_code": regios["regio_code"].to_numpy(),
            "regio_naam": regios["regio_naam"].to_numpy(),
            "niveau": regios["niveau"].to_numpy(),
            "jaar": fonds.jaar,
            "familie": "gemeente",
            "van": van,
            "naar": fonds.gemeente_code,
            "categorie": cat,
            "bedrag_eur": np.asarray(cent, dtype="int64") / 100,
            "methode": "toegerekend",
            "sleutel": sleutel,
            "bron": bron,
        }
    )


def gemeentefonds_toerekenen(
    lasten: pd.DataFrame, per_cluster: pd.DataFrame, fonds: Fonds
) -> pd.DataFrame:
    """Rows ``van='Rijk (gemeentefonds)'`` per region x cluster (GELDSTROOM_COLUMNS).

    ``lasten`` are the allocated lasten flows (with ``taakveld_code``) of one gemeente, year
    and level; ``per_cluster`` has ``cluster, bedrag_eur`` (``Totaal`` and missing amounts
    are left out). Per cluster the rows add up to the cluster amount, to the cent.
    """
    regios = _regios(lasten, fonds)
    pos = {c: i for i, c in enumerate(regios["regio_code"])}
    gm = pos[fonds.gemeente_code]
    reeks = lasten["taakveld_code"].map(reeks_code)
    mapping = _taakvelden_per_cluster()
    alle = set().union(*(s for s in mapping.values() if s))
    parts = []
    rows = per_cluster[(per_cluster["cluster"] != "Totaal") & per_cluster["bedrag_eur"].notna()]
    for cluster, bedrag in zip(rows["cluster"], rows["bedrag_eur"], strict=True):
        codes = mapping.get(cluster) or alle
        sel = lasten[reeks.isin(codes)]
        som = sel.groupby("regio_code")["bedrag_eur"].sum().clip(lower=0)
        w = regios["regio_code"].map(som).fillna(0.0).to_numpy(dtype="float64")
        cent = round(float(bedrag) * 100)
        tekst = (
            "lasten van alle clustertaakvelden"
            if mapping.get(cluster) is None
            else "lasten taakvelden " + " ".join(sorted(codes))
        )
        if w.sum() > 0:
            verdeeld = verdeel_centen(cent, w)
            sleutel = f"aandeel in toegerekende {tekst}"
        else:
            verdeeld = np.zeros(len(regios), dtype="int64")
            verdeeld[gm] = cent
            sleutel = f"niet toegerekend: geen {tekst}"
        cat = f"{CAT_FONDS}: {cluster}"
        parts.append(_rijen(regios, verdeeld, fonds, VAN_FONDS, cat, sleutel, fonds.bron))
    totaal = per_cluster.loc[per_cluster["cluster"] == "Totaal", "bedrag_eur"].dropna()
    if len(totaal):
        verschil = round(float(totaal.iloc[0]) * 100) - sum(
            round(float(b) * 100) for b in rows["bedrag_eur"]
        )
        cent = np.zeros(len(regios), dtype="int64")
        cent[gm] = verschil
        sleutel = "niet toegerekend: in de bron wijkt Totaal af van de som van de clusters"
        cat = f"{CAT_FONDS}: {VERSCHIL}"
        parts.append(_rijen(regios, cent, fonds, VAN_FONDS, cat, sleutel, fonds.bron))
    if not parts:
        return pd.DataFrame(columns=GELDSTROOM_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    return out[out["bedrag_eur"] != 0].reset_index(drop=True)


def overige_middelen(lasten: pd.DataFrame, fonds_rijen: pd.DataFrame, fonds: Fonds) -> pd.DataFrame:
    """Per region: allocated lasten minus its gemeentefonds share (the gemeente's own means:
    eigen baten, belastingen, reserves). Negative when the share exceeds the lasten."""
    regios = _regios(lasten, fonds)
    cent_l = (lasten["bedrag_eur"] * 100).round().groupby(lasten["regio_code"]).sum()
    cent_f = (fonds_rijen["bedrag_eur"] * 100).round().groupby(fonds_rijen["regio_code"]).sum()
    codes = regios["regio_code"]
    rest = codes.map(cent_l).fillna(0) - codes.map(cent_f).fillna(0)
    bron = f"CBS Iv3 lasten (toegerekend) min {fonds.bron}"
    sleutel = "saldo: toegerekende lasten min gemeentefondsdeel"
    out = _rijen(regios, rest.astype("int64"), fonds, VAN_OVERIG, CAT_OVERIG, sleutel, bron)
    return out[out["bedrag_eur"] != 0].reset_index(drop=True)


def inkomsten(lasten: pd.DataFrame, per_cluster: pd.DataFrame, fonds: Fonds) -> pd.DataFrame:
    """Gemeentefonds rows plus the ``overige middelen`` balance per region."""
    rijen = gemeentefonds_toerekenen(lasten, per_cluster, fonds)
    return pd.concat([rijen, overige_middelen(lasten, rijen, fonds)], ignore_index=True)


def inkomsten_jaar(
    lasten: pd.DataFrame,
    alle: pd.DataFrame,
    fonds_gemeente: tuple[str, str],
    jaar: int,
    circulaire: str | None = None,
) -> tuple[pd.DataFrame, Fonds | None, str]:
    """Income rows for Iv3 year ``jaar`` from a gemeente's gemeentefonds rows of every
    circulaire (``circulaire, uitkeringsjaar, cluster, bedrag_eur``): the chosen circulaire,
    else the newest with that uitkeringsjaar. Returns (rows, fonds, note when none)."""
    keuzes = circulaires(alle, jaar) if not alle.empty else []
    if not keuzes:
        jaren = sorted({int(j) for j in alle.get("uitkeringsjaar", [])})
        wel = f" (wel voor {', '.join(map(str, jaren))})" if jaren else ""
        tekst = f"geen gemeentefonds voor uitkeringsjaar {jaar} in de ingelezen gegevens{wel}"
        return pd.DataFrame(columns=GELDSTROOM_COLUMNS), None, tekst
    gekozen = circulaire if circulaire in keuzes else keuzes[0]
    fonds = Fonds(fonds_gemeente[0], fonds_gemeente[1], int(jaar), gekozen)
    sel = alle[(alle["uitkeringsjaar"].astype(int) == int(jaar)) & (alle["circulaire"] == gekozen)]
    return inkomsten(lasten, sel[["cluster", "bedrag_eur"]], fonds), fonds, ""


#: A cluster that changes more than this (percent) against the previous circulaire is flagged.
SIGNAAL_PCT = 5.0


def vorige_circulaire(keuzes: list[str], gekozen: str) -> str | None:
    """The circulaire before ``gekozen`` among ``keuzes`` (newest first), or None."""
    if gekozen not in keuzes:
        return None
    i = keuzes.index(gekozen)
    return keuzes[i + 1] if i + 1 < len(keuzes) else None


@dataclass
class Aansluiting:
    """The gemeentefonds of one circulaire against the previous one and against Iv3 0.7."""

    fonds: Fonds | None
    vorige: str | None
    tabel: pd.DataFrame  # cluster, bedrag_eur, vorige_eur, verschil_eur, verschil_pct, signaal
    totaal_eur: float | None  # the circulaire's Totaal
    iv3_07_eur: float | None  # Iv3 baten 0.7 of the same year
    tekst: str = ""

    @property
    def verschil_iv3_eur(self) -> float | None:
        """Iv3 0.7 baten minus the circulaire's Totaal (integratie- en decentralisatie-
        uitkeringen, a newer circulaire, or the timing of the begroting)."""
        if self.totaal_eur is None or self.iv3_07_eur is None:
            return None
        return self.iv3_07_eur - self.totaal_eur

    @property
    def signalen(self) -> list[str]:
        """Clusters that changed more than :data:`SIGNAAL_PCT` against the previous one."""
        return self.tabel.loc[self.tabel["signaal"], "cluster"].tolist()


def _per_cluster(alle: pd.DataFrame, jaar: int, circulaire: str) -> pd.Series:
    sel = alle[
        (alle["uitkeringsjaar"].astype(int) == int(jaar)) & (alle["circulaire"] == circulaire)
    ]
    return sel.drop_duplicates("cluster").set_index("cluster")["bedrag_eur"].astype("float64")


def aansluiting(
    alle: pd.DataFrame,
    gemeente: tuple[str, str],
    jaar: int,
    circulaire: str | None = None,
    iv3_07_eur: float | None = None,
) -> Aansluiting:
    """Per cluster: the chosen circulaire (default the newest for uitkeringsjaar ``jaar``),
    the previous circulaire for the same year, the change and a flag over
    :data:`SIGNAAL_PCT`; plus the circulaire's Totaal against Iv3 0.7 baten of the year.

    The gemeentefonds is a breakdown of the algemene uitkering that Iv3 books on 0.7, not
    money on top of it: the difference is shown, never added."""
    kolommen = ["cluster", "bedrag_eur", "vorige_eur", "verschil_eur", "verschil_pct", "signaal"]
    keuzes = circulaires(alle, jaar) if not alle.empty else []
    if not keuzes:
        leeg = pd.DataFrame(columns=kolommen)
        tekst = f"geen gemeentefonds voor uitkeringsjaar {jaar} in de ingelezen gegevens"
        return Aansluiting(None, None, leeg, None, iv3_07_eur, tekst)
    gekozen = circulaire if circulaire in keuzes else keuzes[0]
    vorige = vorige_circulaire(keuzes, gekozen)
    nu = _per_cluster(alle, jaar, gekozen)
    voor = _per_cluster(alle, jaar, vorige) if vorige else pd.Series(dtype="float64")
    volgorde = [c for c in _clusters()["cluster"] if c in nu.index] + [
        c for c in nu.index if c not in set(_clusters()["cluster"]) and c != "Totaal"
    ]
    if "Totaal" in nu.index:
        volgorde.append("Totaal")
    tabel = pd.DataFrame({"cluster": volgorde})
    tabel["bedrag_eur"] = tabel["cluster"].map(nu)
    tabel["vorige_eur"] = tabel["cluster"].map(voor) if vorige else np.nan
    tabel["verschil_eur"] = tabel["bedrag_eur"] - tabel["vorige_eur"]
    basis = tabel["vorige_eur"].abs().where(tabel["vorige_eur"] != 0)
    tabel["verschil_pct"] = 100 * tabel["verschil_eur"] / basis
    nieuw = (tabel["vorige_eur"] == 0) & (tabel["bedrag_eur"] != 0)  # from 0: no percentage
    tabel["signaal"] = (tabel["verschil_pct"].abs() > SIGNAAL_PCT) | nieuw
    totaal = float(nu["Totaal"]) if "Totaal" in nu.index else float(nu.sum())
    fonds = Fonds(gemeente[0], gemeente[1], int(jaar), gekozen)
    tekst = (
        ""
        if circulaire in (None, gekozen)
        else (f"circulaire {circulaire} is er niet voor uitkeringsjaar {jaar}; gebruikt: {gekozen}")
    )
    return Aansluiting(fonds, vorige, tabel[kolommen], totaal, iv3_07_eur, tekst)
