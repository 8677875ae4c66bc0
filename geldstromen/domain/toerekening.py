"""Build money-flow rows (family ``gemeente``) from Iv3 amounts, regions and key values.

Lasten flow ``van`` the gemeente ``naar`` a region; baten the other way. What no key places
(``gemeentebreed`` keys, or no key value at all) stays as a row with the gemeente's own code
and ``naar='gemeentebreed'`` (baten: ``van='gemeentebreed'``), so totals are conserved.
Taakvelden with key ``uitgesloten`` (0.10, 0.11) are returned separately, not as flows.
Baten with key ``rijk`` (0.7 algemene uitkering, 6.3 BUIG) are paid by the Rijk: one row of
the gemeente ``van='Rijk (...)'``, never from a region, so the gemeente's inflow is the Iv3
baten total exactly once. Overhead (``pro_rata_direct``) follows the region's allocated direct
lasten (taakvelden 1-8) without the income transfers of 6.3 (they carry no overhead).
Every row says how its key was found in ``sleutel_soort`` (see :data:`SLEUTEL_SOORTEN`).
At buurt level a wijk's amount is split over its own buurten (nested), so buurten add up to
their wijk; a wijk without any buurt key value keeps its amount as a row of the wijk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from geldstromen.domain.allocatie import LAATSTE_TERUGVAL, keten, sleutelwaarden, verdeel_matrix
from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS
from geldstromen.domain.taakvelden import (
    hoofdtaakveld,
    reeks_code,
    sleutel_indicatoren,
    sleutel_rijen,
)

DIRECT = "pro_rata_direct"
RIJK = "rijk"
VAN_RIJK_FONDS = "Rijk (gemeentefonds)"
VAN_RIJK_UITKERING = "Rijk (specifieke uitkeringen)"
#: Taakvelden (reeks_code) whose lasten are income transfers (bijstand and other
#: inkomensregelingen): they are no base for overhead.
INKOMENSOVERDRACHTEN = frozenset({"6.3"})
#: How a row's key was found: the intended key, its fallback, only inhabitants (last
#: resort), not allocated (gemeentebreed/no key value), or paid by the Rijk.
BEDOELD, TERUGVAL, INWONERS, NIET, RIJK_SOORT = (
    "bedoeld",
    "terugval",
    "alleen inwoners",
    "niet toegerekend",
    "Rijk",
)
SLEUTEL_SOORTEN = (BEDOELD, TERUGVAL, INWONERS, NIET, RIJK_SOORT)


@dataclass
class Gebied:
    """The regions of one level with their key values (columns = indicator ids)."""

    regios: pd.DataFrame  # regio_code, regio_naam[, wijk_code]
    waarden: pd.DataFrame  # index regio_code (same order as regios), one column per indicator
    sleuteljaren: dict[str, int] = field(default_factory=dict)  # indicator -> KWB year
    cache: dict = field(default_factory=dict, repr=False)

    def sleutel(self, expressie: str) -> np.ndarray:
        """Values of a key expression per region (computed once)."""
        if expressie not in self.cache:
            vals = sleutelwaarden(expressie, self.waarden)
            self.cache[expressie] = vals.to_numpy(dtype="float64")
        return self.cache[expressie]


@dataclass
class Context:
    """Who and what is allocated."""

    gemeente_code: str
    gemeente_naam: str
    jaar: int
    kant: str  # lasten | baten
    bron: str  # Iv3 table/year


def _jaren(expr: str, jaren: dict[str, int]) -> str:
    ys = sorted({jaren[i] for i in sleutel_indicatoren(expr) if i in jaren})
    return "/".join(str(y) for y in ys) if ys else "?"


def _tekst(gebruikt: str, opmerking: str, eerste: str, jaren: dict[str, int]) -> str:
    if gebruikt == "geen":
        return f"{opmerking}; niets toegerekend"
    text = (
        "pro rata toegerekende directe lasten zonder inkomensoverdrachten (6.3)"
        if gebruikt == DIRECT
        else (f"{gebruikt} (KWB {_jaren(gebruikt, jaren)})")
    )
    return text if gebruikt == eerste else f"terugval {text}; {eerste} ontbreekt"


def soort(gebruikt: str, eerste: str) -> str:
    """``sleutel_soort`` of a region's share: which link of the key chain placed it."""
    if gebruikt in ("geen", ""):
        return NIET
    if gebruikt == eerste:
        return BEDOELD
    return INWONERS if gebruikt == LAATSTE_TERUGVAL else TERUGVAL


def _erger(a: str, b: str) -> str:
    """The weaker of two key kinds (buurt share inside a wijk share)."""
    orde = (BEDOELD, TERUGVAL, INWONERS, NIET)
    return max(a, b, key=orde.index)


class Taakveld(NamedTuple):
    """One Iv3 taakveld amount of one side, with the key that should place it."""

    code: str
    categorie: str  # "<code> <naam>"
    cent: int
    sleutel: str  # the intended key ("gemeentebreed" when the key table has none)
    fallback: str

    @property
    def is_direct(self) -> bool:
        """Its lasten are a base for overhead: taakvelden 1-8 without income transfers."""
        return hoofdtaakveld(self.code) != "0" and reeks_code(self.code) not in INKOMENSOVERDRACHTEN

    @property
    def keten(self) -> list[str]:
        """The key chain: intended key, fallback, inhabitants."""
        return keten(self.sleutel, self.fallback)


class Verdeling(NamedTuple):
    """An amount spread over the regions of a level (:func:`allocatie.verdeel_matrix`)."""

    cent: np.ndarray  # per region
    gebruikt: Sequence[str]  # per region: the key of the chain that placed its share
    opmerking: Sequence[str]  # per region: which keys were missing
    rest: int  # cents no key could place

    @classmethod
    def leeg(cls, rest: int) -> Verdeling:
        return cls(np.zeros(0, dtype="int64"), [], [], rest)


def _rij(
    ctx: Context,
    taakveld: Taakveld,
    *,
    regio: str,
    naam: str | None,
    niveau: str,
    cent: int,
    sleutel: str,
    bron: str,
    sleutel_soort: str = NIET,
    van: str | None = None,
) -> dict:
    """One flow row: lasten from the gemeente to the region, baten the other way; a row of
    the gemeente itself goes to (or comes from) ``gemeentebreed``."""
    ander = "gemeentebreed" if niveau == "gemeente" else regio
    lasten = ctx.kant == "lasten"
    return {
        "regio_code": regio,
        "regio_naam": naam,
        "niveau": niveau,
        "jaar": ctx.jaar,
        "familie": "gemeente",
        "van": van or (ctx.gemeente_code if lasten else ander),
        "naar": ander if lasten else ctx.gemeente_code,
        "categorie": taakveld.categorie,
        "bedrag_eur": cent / 100,
        "methode": "toegerekend",
        "sleutel": sleutel,
        "bron": bron,
        "taakveld_code": taakveld.code,
        "sleutel_soort": sleutel_soort,
    }


def _gemeenterij(
    ctx: Context,
    taakveld: Taakveld,
    *,
    cent: int,
    sleutel: str,
    bron: str,
    sleutel_soort: str = NIET,
    van: str | None = None,
) -> dict:
    """A row that stays with the gemeente (not placed in any region)."""
    return _rij(
        ctx,
        taakveld,
        regio=ctx.gemeente_code,
        naam=ctx.gemeente_naam,
        niveau="gemeente",
        cent=cent,
        sleutel=sleutel,
        bron=bron,
        sleutel_soort=sleutel_soort,
        van=van,
    )


class _Laag:
    """One level with positions, names and its running direct-lasten total (for overhead)."""

    def __init__(self, gebied: Gebied, niveau: str):
        self.gebied, self.niveau = gebied, niveau
        self.codes = gebied.waarden.index.tolist()
        pos = {c: i for i, c in enumerate(self.codes)}
        self.namen = dict(
            zip(gebied.regios["regio_code"], gebied.regios["regio_naam"], strict=True)
        )
        self.direct = np.zeros(len(self.codes), dtype="int64")
        self.kinderen: dict[str, np.ndarray] = {}
        if "wijk_code" in gebied.regios:
            for wijk, grp in gebied.regios.groupby("wijk_code"):
                self.kinderen[wijk] = np.array([pos[c] for c in grp["regio_code"]])
        self._teksten: dict[tuple, str] = {}

    def matrix(self, chain: list[str]) -> np.ndarray:
        """(regions x chain) key values; NaN = missing. ``pro_rata_direct`` is this level's
        direct lasten allocated so far."""
        cols = [
            self.direct.astype("float64") if key == DIRECT else self.gebied.sleutel(key)
            for key in chain
        ]
        return np.column_stack(cols)

    def kinderen_van(self, wijk_code: str) -> np.ndarray:
        """Positions of a wijk's buurten (none: an empty array)."""
        return self.kinderen.get(wijk_code, np.array([], dtype="int64"))

    def tekst(self, gebruikt: str, opmerking: str, eerste: str) -> str:
        """:func:`_tekst` with this level's key years (the same few texts, built once)."""
        key = (gebruikt, opmerking, eerste)
        if key not in self._teksten:
            self._teksten[key] = _tekst(gebruikt, opmerking, eerste, self.gebied.sleuteljaren)
        return self._teksten[key]

    def rij(
        self,
        ctx: Context,
        taakveld: Taakveld,
        i: int,
        *,
        cent: int,
        sleutel: str,
        bron: str,
        sleutel_soort: str,
    ) -> dict:
        """Flow row of region ``i`` of this level."""
        regio = self.codes[i]
        return _rij(
            ctx,
            taakveld,
            regio=regio,
            naam=self.namen.get(regio),
            niveau=self.niveau,
            cent=cent,
            sleutel=sleutel,
            bron=bron,
            sleutel_soort=sleutel_soort,
        )


def _taakvelden(bedragen: pd.DataFrame, sleutels: pd.DataFrame, kant: str) -> list[Taakveld]:
    """The amounts with their keys of ``kant``; taakvelden that follow the direct lasten
    (overhead) last, so the direct lasten are allocated before them."""
    sleutel_kolom, fallback_kolom = (
        ("sleutel", "fallback") if kant == "lasten" else ("sleutel_baten", "fallback_baten")
    )
    bedragen = bedragen.dropna(subset=["bedrag_eur"])
    keys = sleutel_rijen(bedragen["taakveld_code"], sleutels)
    taakvelden = [
        Taakveld(
            code=code,
            categorie=f"{code} {naam}",
            cent=round(float(bedrag) * 100),
            sleutel=keys[code][sleutel_kolom] or "gemeentebreed",
            fallback=keys[code][fallback_kolom],
        )
        for code, naam, bedrag in bedragen[
            ["taakveld_code", "taakveld_naam", "bedrag_eur"]
        ].itertuples(index=False)
    ]
    return sorted(taakvelden, key=lambda t: t.sleutel == DIRECT)


def _bron(ctx: Context, taakveld: Taakveld, wijken: Gebied) -> str:
    """Source text of allocated rows: the Iv3 table and the KWB years of the key."""
    jaren = "" if taakveld.sleutel == DIRECT else _jaren(taakveld.sleutel, wijken.sleuteljaren)
    return f"{ctx.bron}; sleutel KWB {jaren}".rstrip()


def _niet_verdeeld(ctx: Context, taakveld: Taakveld) -> dict | None:
    """The one gemeente row of a taakveld that is not spread over regions, else None."""
    if taakveld.sleutel == RIJK and ctx.kant == "baten":
        fonds = reeks_code(taakveld.code) == "0.7"
        return _gemeenterij(
            ctx,
            taakveld,
            cent=taakveld.cent,
            sleutel="betaald door het Rijk: niet van een wijk of buurt",
            bron=ctx.bron,
            sleutel_soort=RIJK_SOORT,
            van=VAN_RIJK_FONDS if fonds else VAN_RIJK_UITKERING,
        )
    breed = taakveld.sleutel in ("gemeentebreed", RIJK)
    if breed or taakveld.cent == 0:
        uitleg = "gemeentebreed: niet toegerekend" if breed else taakveld.sleutel
        return _gemeenterij(ctx, taakveld, cent=taakveld.cent, sleutel=uitleg, bron=ctx.bron)
    return None


def _wijkrijen(
    ctx: Context, taakveld: Taakveld, wijken: _Laag, verdeling: Verdeling, bron: str
) -> list[dict]:
    """A row per wijk of its share."""
    eerste = taakveld.sleutel
    return [
        wijken.rij(
            ctx,
            taakveld,
            i,
            cent=int(verdeling.cent[i]),
            sleutel=wijken.tekst(verdeling.gebruikt[i], verdeling.opmerking[i], eerste),
            bron=bron,
            sleutel_soort=soort(verdeling.gebruikt[i], eerste),
        )
        for i in range(len(wijken.codes))
    ]


def _buurtrijen(
    ctx: Context, taakveld: Taakveld, wijken: _Laag, buurten: _Laag, verdeling: Verdeling, bron: str
) -> list[dict]:
    """Each wijk's share spread over its own buurten; what no buurt key places stays a row
    of the wijk. A buurt's key kind is the weaker of its own and its wijk's."""
    eerste, chain = taakveld.sleutel, taakveld.keten
    matrix = buurten.matrix(chain)  # before this taakveld adds to the buurten's direct lasten
    rows = []
    for i, wijk_code in enumerate(wijken.codes):
        wijk_tekst = wijken.tekst(verdeling.gebruikt[i], verdeling.opmerking[i], eerste)
        wijk_soort = soort(verdeling.gebruikt[i], eerste)
        wijk_cent = int(verdeling.cent[i])
        posities = buurten.kinderen_van(wijk_code)
        binnen = (
            Verdeling(*verdeel_matrix(wijk_cent, chain, matrix[posities]))
            if len(posities) and wijk_cent
            else Verdeling.leeg(rest=wijk_cent)
        )
        for j, p in enumerate(posities[: len(binnen.cent)]):
            cent = int(binnen.cent[j])
            buurt_tekst = buurten.tekst(binnen.gebruikt[j], binnen.opmerking[j], eerste)
            rows.append(
                buurten.rij(
                    ctx,
                    taakveld,
                    p,
                    cent=cent,
                    sleutel=f"{buurt_tekst}; wijk: {wijk_tekst}",
                    bron=bron,
                    sleutel_soort=_erger(soort(binnen.gebruikt[j], eerste), wijk_soort),
                )
            )
            if taakveld.is_direct:
                buurten.direct[p] += cent
        if binnen.rest:
            rows.append(
                wijken.rij(
                    ctx,
                    taakveld,
                    i,
                    cent=binnen.rest,
                    sleutel=f"{wijk_tekst}; blijft op wijk: geen buurtsleutelwaarde",
                    bron=bron,
                    sleutel_soort=wijk_soort,
                )
            )
    return rows


def _verdeeld(ctx: Context, taakveld: Taakveld, wijken: _Laag, buurten: _Laag | None) -> list[dict]:
    """Rows of a taakveld spread over the wijken (and their buurten) along its key chain."""
    bron = _bron(ctx, taakveld, wijken.gebied)
    verdeling = Verdeling(
        *verdeel_matrix(taakveld.cent, taakveld.keten, wijken.matrix(taakveld.keten))
    )
    rows = []
    if verdeling.rest:
        uitleg = "niet toe te rekenen: geen sleutelwaarde"
        rows.append(_gemeenterij(ctx, taakveld, cent=verdeling.rest, sleutel=uitleg, bron=bron))
    if taakveld.is_direct:
        wijken.direct += verdeling.cent
    if buurten is None:
        return rows + _wijkrijen(ctx, taakveld, wijken, verdeling, bron)
    return rows + _buurtrijen(ctx, taakveld, wijken, buurten, verdeling, bron)


def toerekenen(
    bedragen: pd.DataFrame,
    sleutels: pd.DataFrame,
    ctx: Context,
    wijken: Gebied,
    buurten: Gebied | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Allocate ``bedragen`` (taakveld_code, taakveld_naam, bedrag_eur) to wijken, or to
    buurten (nested in their wijk) when ``buurten`` is given.

    Returns (flows: GELDSTROOM_COLUMNS + taakveld_code + sleutel_soort, excluded
    taakvelden).
    """
    wijk_laag = _Laag(wijken, "wijk")
    buurt_laag = _Laag(buurten, "buurt") if buurten is not None else None
    rows, uitgesloten = [], []
    for taakveld in _taakvelden(bedragen, sleutels, ctx.kant):
        if taakveld.sleutel == "uitgesloten":
            uitgesloten.append(
                {
                    "taakveld_code": taakveld.code,
                    "categorie": taakveld.categorie,
                    "bedrag_eur": taakveld.cent / 100,
                }
            )
        elif (rij := _niet_verdeeld(ctx, taakveld)) is not None:
            rows.append(rij)
        else:
            rows.extend(_verdeeld(ctx, taakveld, wijk_laag, buurt_laag))
    flows = pd.DataFrame(rows, columns=GELDSTROOM_COLUMNS + ["taakveld_code", "sleutel_soort"])
    return flows, pd.DataFrame(uitgesloten, columns=["taakveld_code", "categorie", "bedrag_eur"])


def sleuteldekking(flows: pd.DataFrame, per: str | None = None) -> pd.DataFrame:
    """How much of the money each kind of key placed (see :data:`SLEUTEL_SOORTEN`).

    Without ``per``: one row per ``sleutel_soort`` with ``bedrag_eur`` and ``aandeel_pct`` (of
    the absolute amounts, so negative lasten do not cancel). With ``per`` (e.g.
    ``taakveld_code``): one row per value, one euro column per kind that occurs."""
    if flows.empty or "sleutel_soort" not in flows:
        return pd.DataFrame(columns=["sleutel_soort", "bedrag_eur", "aandeel_pct"])
    if per is None:
        som = flows.groupby("sleutel_soort")["bedrag_eur"].sum()
        absoluut = flows["bedrag_eur"].abs().groupby(flows["sleutel_soort"]).sum()
        soorten = [s for s in SLEUTEL_SOORTEN if s in som.index]
        totaal = absoluut.sum()
        return pd.DataFrame(
            {
                "sleutel_soort": soorten,
                "bedrag_eur": [float(som[s]) for s in soorten],
                "aandeel_pct": [
                    float(100 * absoluut[s] / totaal) if totaal else np.nan for s in soorten
                ],
            }
        )
    breed = flows.pivot_table(
        index=per, columns="sleutel_soort", values="bedrag_eur", aggfunc="sum", fill_value=0.0
    )
    breed = breed[[s for s in SLEUTEL_SOORTEN if s in breed.columns]]
    breed.columns.name = None
    return breed.reset_index()


#: How each key kind is said in a sentence (pages, captions).
SOORT_UITLEG = {
    BEDOELD: "met de bedoelde sleutel",
    TERUGVAL: "met de terugvalsleutel",
    INWONERS: "alleen naar inwoners (laatste terugval)",
    NIET: "niet toegerekend (gemeentebreed of geen sleutelwaarde)",
    RIJK_SOORT: "betaald door het Rijk (niet van een wijk)",
}


def dekking_zin(flows: pd.DataFrame) -> str:
    """One Dutch sentence: the share of the money per kind of key ('' without flows)."""
    d = sleuteldekking(flows)
    if d.empty:
        return ""
    delen = [
        f"{r.aandeel_pct:.0f}% {SOORT_UITLEG.get(r.sleutel_soort, r.sleutel_soort)}"
        for r in d.itertuples()
        if pd.notna(r.aandeel_pct) and round(r.aandeel_pct, 1) > 0
    ]
    return "Sleuteldekking: " + "; ".join(delen) + "." if delen else ""
