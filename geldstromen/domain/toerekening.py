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

from dataclasses import dataclass, field

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


def _rij(
    ctx: Context, regio, naam, niveau, cat, code, cent, sleutel, bron, sl_soort=NIET, van=None
) -> dict:
    lasten = ctx.kant == "lasten"
    gm = ctx.gemeente_code
    ander = "gemeentebreed" if niveau == "gemeente" else regio
    return {
        "regio_code": regio,
        "regio_naam": naam,
        "niveau": niveau,
        "jaar": ctx.jaar,
        "familie": "gemeente",
        "van": van or (gm if lasten else ander),
        "naar": ander if lasten else gm,
        "categorie": cat,
        "bedrag_eur": cent / 100,
        "methode": "toegerekend",
        "sleutel": sleutel,
        "bron": bron,
        "taakveld_code": code,
        "sleutel_soort": sl_soort,
    }


def _matrix(chain: list[str], gebied: Gebied, direct: np.ndarray | None) -> np.ndarray:
    """(all regions of ``gebied`` x chain) key values; NaN = missing."""
    n = len(gebied.waarden)
    cols = [
        (direct.astype("float64") if direct is not None else np.full(n, np.nan))
        if key == DIRECT
        else gebied.sleutel(key)
        for key in chain
    ]
    return np.column_stack(cols)


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

    def tekst(self, gebruikt: str, opmerking: str, eerste: str) -> str:
        """:func:`_tekst` with this level's key years (the same few texts, built once)."""
        key = (gebruikt, opmerking, eerste)
        if key not in self._teksten:
            self._teksten[key] = _tekst(gebruikt, opmerking, eerste, self.gebied.sleuteljaren)
        return self._teksten[key]

    def rij(self, ctx: Context, i: int, cat, code, cent: int, sleutel: str, bron, sl) -> dict:
        """Flow row of region ``i`` of this level (``sl``: its ``sleutel_soort``)."""
        regio = self.codes[i]
        naam = self.namen.get(regio)
        return _rij(ctx, regio, naam, self.niveau, cat, code, cent, sleutel, bron, sl)


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
    rows, uitgesloten = [], []
    w_laag = _Laag(wijken, "wijk")
    b_laag = _Laag(buurten, "buurt") if buurten is not None else None
    kcol, fcol = (
        ("sleutel", "fallback") if ctx.kant == "lasten" else ("sleutel_baten", "fallback_baten")
    )
    bedragen = bedragen.dropna(subset=["bedrag_eur"])
    keys = sleutel_rijen(bedragen["taakveld_code"], sleutels)
    # direct taakvelden first, then those that follow the direct lasten (overhead)
    items = sorted(
        bedragen[["taakveld_code", "taakveld_naam", "bedrag_eur"]].itertuples(index=False),
        key=lambda r: keys[r.taakveld_code][kcol] == DIRECT,
    )
    for code, naam, bedrag in items:
        cent = round(float(bedrag) * 100)
        sleutel, fallback = keys[code][kcol] or "gemeentebreed", keys[code][fcol]
        cat = f"{code} {naam}"
        gm = (ctx, ctx.gemeente_code, ctx.gemeente_naam, "gemeente", cat, code)
        if sleutel == "uitgesloten":
            uitgesloten.append({"taakveld_code": code, "categorie": cat, "bedrag_eur": cent / 100})
            continue
        if sleutel == RIJK and ctx.kant == "baten":
            van = VAN_RIJK_FONDS if reeks_code(code) == "0.7" else VAN_RIJK_UITKERING
            why = "betaald door het Rijk: niet van een wijk of buurt"
            rows.append(_rij(*gm, cent, why, ctx.bron, RIJK_SOORT, van))
            continue
        if sleutel in ("gemeentebreed", RIJK) or cent == 0:
            breed = sleutel in ("gemeentebreed", RIJK)
            why = "gemeentebreed: niet toegerekend" if breed else sleutel
            rows.append(_rij(*gm, cent, why, ctx.bron))
            continue
        chain = keten(sleutel, fallback)
        hoofd = hoofdtaakveld(code) != "0" and reeks_code(code) not in INKOMENSOVERDRACHTEN
        bron = f"{ctx.bron}; sleutel KWB {_jaren(sleutel, wijken.sleuteljaren) if sleutel != DIRECT else ''}".rstrip()
        mat = _matrix(chain, wijken, w_laag.direct if DIRECT in chain else None)
        c, g, o, rest = verdeel_matrix(cent, chain, mat)
        if rest:
            rows.append(_rij(*gm, rest, "niet toe te rekenen: geen sleutelwaarde", bron))
        if hoofd:
            w_laag.direct += c
        if b_laag is None:
            for i in range(len(w_laag.codes)):
                text = w_laag.tekst(g[i], o[i], sleutel)
                sl = soort(g[i], sleutel)
                rows.append(w_laag.rij(ctx, i, cat, code, int(c[i]), text, bron, sl))
            continue
        bmat = _matrix(chain, buurten, b_laag.direct if DIRECT in chain else None)
        for i, wcode in enumerate(w_laag.codes):
            wtekst = w_laag.tekst(g[i], o[i], sleutel)
            pos = b_laag.kinderen.get(wcode, np.array([], dtype="int64"))
            bc, bg, bo, brest = (
                verdeel_matrix(int(c[i]), chain, bmat[pos])
                if len(pos) and c[i]
                else (np.zeros(0, "int64"), [], [], int(c[i]))
            )
            wsoort = soort(g[i], sleutel)
            for j, p in enumerate(pos[: len(bc)]):
                text = f"{b_laag.tekst(bg[j], bo[j], sleutel)}; wijk: {wtekst}"
                sl = _erger(soort(bg[j], sleutel), wsoort)
                rows.append(b_laag.rij(ctx, p, cat, code, int(bc[j]), text, bron, sl))
                if hoofd:
                    b_laag.direct[p] += int(bc[j])
            if brest:
                text = f"{wtekst}; blijft op wijk: geen buurtsleutelwaarde"
                rows.append(w_laag.rij(ctx, i, cat, code, brest, text, bron, wsoort))
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
