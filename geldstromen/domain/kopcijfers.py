"""The headline of a wijk's story: money, each figure against the gemeente.

One pure function, :func:`kopcijfers`, computes what the Presentatie and the one-page report
lead with, from the flows of the gemeente's regions (``families.stromen``) and their
inhabitants:

* gemeente money allocated to the region, per inhabitant (family gemeente, rows that reach the
  region; the gemeentebreed rest is nobody's), against the gemeente (all its regions together)
  and against similar regions (median of their per-inhabitant values);
* the three largest taakvelden of the region, per inhabitant, against the gemeente, leaving
  out a taakveld whose money reached the region mainly by inhabitants only (key kind
  ``alleen inwoners``: no wijk key matched, so its amount per inhabitant is the same in every
  region and says nothing about this one; :func:`alleen_inwoners` names them);
* household income per inhabitant and the energy burden (energy spending as a share of
  income), both from family huishoudens (geschat);
* estimated Zvw zorgkosten per inhabitant (family zorg, geschat).

"The gemeente" is always the sum over all its regions of the same level divided by their
inhabitants, so a wijk and its gemeente are computed the same way. Per-inhabitant values follow
``domain.per_inwoner`` (missing below the minimum population). A figure without a gemeente
value is left out: it is not a headline. :func:`opvallend` turns the largest differences into
Dutch sentences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from geldstromen.domain import opmaak
from geldstromen.domain.per_inwoner import per_inwoner
from geldstromen.domain.toerekening import INWONERS

#: Category of the household income flow and of the energy spending (family huishoudens).
INKOMEN = "Inkomen (totaal)"
ENERGIE = "Energie (gas, elektriciteit en warmte)"
#: Short labels of the fixed figures (tables, tiles).
KORT = {
    "gemeente_per_inwoner": "Gemeentegeld in het gebied",
    "inkomen_per_inwoner": "Inkomen huishoudens",
    "energielast": "Energielast (% van inkomen)",
    "zorgkosten_per_inwoner": "Zorgkosten (Zvw)",
}
#: Smallest relative difference from the gemeente worth a sentence.
MIN_VERSCHIL = 0.10


@dataclass(frozen=True)
class Kopcijfer:
    """One headline figure: the region against the gemeente (and similar regions)."""

    sleutel: str
    label: str
    eenheid: str  # "euro per inwoner" or "% van het inkomen"
    regio: float
    gemeente: float
    vergelijkbaar: float  # NaN when no similar regions are given
    methode: str
    bron: str
    jaar: int | None

    @property
    def kort(self) -> str:
        """Short label for a table or a tile (the unit goes in the header)."""
        if self.sleutel.startswith("taakveld:"):
            return self.sleutel.split(":", 1)[1]
        return KORT.get(self.sleutel, self.label)

    def tekst(self, waarde: float) -> str:
        """A value of this figure as Dutch text."""
        if self.eenheid.startswith("%"):
            return opmaak.procent(waarde, 1)
        return opmaak.euro(waarde)

    @property
    def verhouding(self) -> float:
        """Region / gemeente (NaN when either is missing or the gemeente is not positive)."""
        if pd.isna(self.regio) or pd.isna(self.gemeente) or self.gemeente <= 0:
            return math.nan
        return float(self.regio) / float(self.gemeente)


def _som_per_regio(flows: pd.DataFrame) -> pd.Series:
    return flows.groupby("regio_code")["bedrag_eur"].sum(min_count=1)


def _per_inwoner_reeks(som: pd.Series, inwoners: pd.Series) -> pd.Series:
    inw = inwoners.reindex(som.index)
    return per_inwoner(som, inw)


def _gemeente_per_inwoner(som: pd.Series, inwoners: pd.Series) -> float:
    """All regions together: summed amount / summed inhabitants of the regions that have both."""
    inw = pd.to_numeric(inwoners.reindex(som.index), errors="coerce")
    ok = som.notna() & inw.notna()
    return per_inwoner(som[ok].sum(), inw[ok].sum()) if ok.any() else math.nan


def _mediaan(waarden: pd.Series, codes: list[str]) -> float:
    if not codes:
        return math.nan
    sub = waarden.reindex(codes).dropna()
    return float(sub.median()) if len(sub) else math.nan


def _eerste(flows: pd.DataFrame, kolom: str) -> str:
    waarden = sorted(set(flows[kolom].dropna().astype(str))) if kolom in flows else []
    return ", ".join(waarden)


def _jaar(flows: pd.DataFrame) -> int | None:
    jaren = pd.to_numeric(flows["jaar"], errors="coerce").dropna()
    return int(jaren.max()) if len(jaren) else None


def _per_inwoner_cijfer(
    sleutel: str,
    label: str,
    flows: pd.DataFrame,
    inwoners: pd.Series,
    regio: str,
    vergelijkbaar: list[str],
    regios: pd.Index | None = None,
) -> Kopcijfer | None:
    """``regios``: the regions the family reaches (a region of them without rows of ``flows``
    counts as 0, so a taakveld's gemeente figure is divided by all those inhabitants)."""
    if flows.empty:
        return None
    som = _som_per_regio(flows)
    if regios is not None:
        som = som.reindex(regios.union(som.index), fill_value=0.0)
    waarden = _per_inwoner_reeks(som, inwoners)
    return Kopcijfer(
        sleutel=sleutel,
        label=label,
        eenheid="euro per inwoner",
        regio=float(waarden.get(regio, math.nan)),
        gemeente=_gemeente_per_inwoner(som, inwoners),
        vergelijkbaar=_mediaan(waarden, vergelijkbaar),
        methode=_eerste(flows, "methode"),
        bron=_eerste(flows, "bron"),
        jaar=_jaar(flows),
    )


#: The key of a taakveld spread by inhabitants on purpose (``sleutel`` 'inwoners_aantal (KWB
#: 2019)'): its amount per inhabitant is the same in every region too.
INWONERSSLEUTEL = "inwoners_aantal"


def alleen_inwoners(flows: pd.DataFrame, regio: str) -> list[str]:
    """Taakvelden (categorie) of ``regio``'s allocated gemeente money that more than half
    reached it by inhabitants only: no wijk key matched (``sleutel_soort`` ``alleen
    inwoners``) or inhabitants are the taakveld's own key. Largest first."""
    if flows.empty or ("sleutel_soort" not in flows and "sleutel" not in flows):
        return []
    eigen = flows[
        (flows["familie"] == "gemeente")
        & (flows["naar"] == flows["regio_code"])
        & (flows["regio_code"] == regio)
    ]
    if eigen.empty:
        return []
    totaal = eigen.groupby("categorie")["bedrag_eur"].sum()
    per_inwoner = pd.Series(False, index=eigen.index)
    if "sleutel_soort" in eigen:
        per_inwoner |= eigen["sleutel_soort"] == INWONERS
    if "sleutel" in eigen:
        sleutel = eigen["sleutel"].astype("string").str.split(" (", n=1, regex=False).str[0]
        per_inwoner |= (sleutel.str.strip() == INWONERSSLEUTEL).fillna(False)
    inw = eigen[per_inwoner].groupby("categorie")["bedrag_eur"].sum()
    aandeel = (inw.reindex(totaal.index, fill_value=0.0) / totaal.where(totaal > 0)).fillna(0)
    return [str(c) for c in totaal[aandeel > 0.5].sort_values(ascending=False).index]


def kopcijfers(
    flows: pd.DataFrame,
    inwoners: pd.Series,
    regio: str,
    vergelijkbaar: list[str] | None = None,
    n_taakvelden: int = 3,
) -> list[Kopcijfer]:
    """Headline money figures of ``regio`` against the gemeente, in display order.

    ``flows``: the money-flow rows of all regions of one gemeente and level (all families,
    ``families.stromen``); ``inwoners``: region code -> inhabitants; ``vergelijkbaar``: codes of
    similar regions (their median is given). Figures without a gemeente value are left out."""
    vergelijkbaar = [c for c in (vergelijkbaar or []) if c != regio]
    inwoners = pd.to_numeric(inwoners, errors="coerce")
    uit: list[Kopcijfer | None] = []
    if flows.empty:
        return []
    gm = flows[(flows["familie"] == "gemeente") & (flows["naar"] == flows["regio_code"])]
    uit.append(
        _per_inwoner_cijfer(
            "gemeente_per_inwoner",
            "Gemeentegeld toegerekend aan het gebied, per inwoner",
            gm,
            inwoners,
            regio,
            vergelijkbaar,
        )
    )
    eigen = gm[gm["regio_code"] == regio]
    eigen = eigen[~eigen["categorie"].isin(alleen_inwoners(flows, regio))]
    if not eigen.empty:
        grootste = (
            eigen.groupby("categorie")["bedrag_eur"]
            .sum()
            .sort_values(ascending=False)
            .head(n_taakvelden)
        )
        for categorie in grootste.index:
            uit.append(
                _per_inwoner_cijfer(
                    f"taakveld:{categorie}",
                    f"Taakveld {categorie}",
                    gm[gm["categorie"] == categorie],
                    inwoners,
                    regio,
                    vergelijkbaar,
                    pd.Index(gm["regio_code"].unique()),
                )
            )
    hh = flows[flows["familie"] == "huishoudens"]
    inkomen = hh[hh["categorie"] == INKOMEN]
    uit.append(
        _per_inwoner_cijfer(
            "inkomen_per_inwoner",
            "Inkomen van huishoudens per inwoner",
            inkomen,
            inwoners,
            regio,
            vergelijkbaar,
        )
    )
    energie = hh[hh["categorie"] == ENERGIE]
    if not inkomen.empty and not energie.empty:
        ink, ene = _som_per_regio(inkomen), _som_per_regio(energie)
        aandeel = (ene / ink.where(ink > 0) * 100).dropna()
        ok = ink.index.intersection(ene.index)
        gemeente = ene[ok].sum() / ink[ok].sum() * 100 if ink[ok].sum() > 0 else math.nan
        uit.append(
            Kopcijfer(
                sleutel="energielast",
                label="Energielast: energie als deel van het inkomen",
                eenheid="% van het inkomen",
                regio=float(aandeel.get(regio, math.nan)),
                gemeente=float(gemeente),
                vergelijkbaar=_mediaan(aandeel, vergelijkbaar),
                methode=_eerste(pd.concat([inkomen, energie]), "methode"),
                bron=_eerste(pd.concat([inkomen, energie]), "bron"),
                jaar=_jaar(energie),
            )
        )
    uit.append(
        _per_inwoner_cijfer(
            "zorgkosten_per_inwoner",
            "Zorgkosten (Zvw) per inwoner",
            flows[flows["familie"] == "zorg"],
            inwoners,
            regio,
            vergelijkbaar,
        )
    )
    return [k for k in uit if k is not None and pd.notna(k.gemeente)]


def opvallend(cijfers: list[Kopcijfer], n: int = 3) -> list[str]:
    """The ``n`` largest differences from the gemeente (at least :data:`MIN_VERSCHIL`) as
    Dutch sentences, largest first."""
    kandidaten = []
    for k in cijfers:
        r = k.verhouding
        if pd.isna(r) or r <= 0 or abs(math.log(r)) < math.log1p(MIN_VERSCHIL):
            continue
        kandidaten.append((abs(math.log(r)), k))
    zinnen = []
    for _, k in sorted(kandidaten, key=lambda t: t[0], reverse=True)[:n]:
        r = k.verhouding
        if r >= 1.5:
            kern = f"is {opmaak.getal(r, 1)} keer zo hoog als in de gemeente"
        elif r <= 0.5:
            kern = f"is maar {opmaak.getal(r * 100, 0)}% van de gemeente"
        else:
            richting = "hoger" if r > 1 else "lager"
            kern = f"ligt {opmaak.getal(abs(r - 1) * 100, 0)}% {richting} dan in de gemeente"
        waarden = f"({k.tekst(k.regio)} tegen {k.tekst(k.gemeente)}; {k.methode})"
        zinnen.append(f"{k.label} {kern} {waarden}.")
    return zinnen
