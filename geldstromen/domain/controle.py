"""Reconciliation of one gemeente's money model against its sources ("Verantwoording").

The same function feeds ``geldstromen controle`` (terminal, exit 1 when an invariant fails)
and the Verantwoording section of the Bronnen page. Pure pandas: the caller reads the Iv3
amounts, runs the allocation and passes the results in.

Invariants (each must hold to the cent):

* lasten: per taakveld, the allocated rows plus what is left out (0.10, 0.11) equal the Iv3
  lasten;
* baten: per taakveld, the inflow to the gemeente plus what is left out equals the Iv3
  baten, so the gemeente's total inflow is the Iv3 baten total exactly once;
* money of the Rijk (0.7 algemene uitkering, ``rijk`` keys such as 6.3 BUIG) arrives
  ``van`` the Rijk at the gemeente itself, never from a wijk or buurt;
* the gemeentefonds clusters are no stream of their own (no ``gemeentefonds: ...`` or
  ``overige middelen`` rows next to 0.7): they are reconciled with 0.7 in a table;
* every gemeente row carries the year of its money (the Iv3 year);
* one value per region, indicator and year in the store (a KWB file and the online table of
  the same year give a region's value once), when the caller passes the duplicates found.

Reported, not failing: the years used, key coverage (intended key, fallback, inhabitants
only, not allocated), keys older than :data:`SLEUTEL_MAX_LEEFTIJD` years, the gemeentefonds
against the previous circulaire and against Iv3 0.7, and the areas below the minimum
population (:data:`~geldstromen.domain.per_inwoner.MIN_INWONERS`) for per-inhabitant figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geldstromen.domain.gemeentefonds import Aansluiting
from geldstromen.domain.per_inwoner import genoeg_inwoners
from geldstromen.domain.taakvelden import sleutel_indicatoren, sleutel_rijen
from geldstromen.domain.toerekening import SLEUTEL_SOORTEN, VAN_RIJK_FONDS, sleuteldekking

#: A key whose KWB year lies more than this many years from the money year is flagged.
SLEUTEL_MAX_LEEFTIJD = 5
#: Rows of the old income side that must never be part of the flows.
VERBODEN_VAN = ("gemeente (overige middelen)",)


@dataclass
class Kant:
    """One side (lasten or baten) of an allocation."""

    flows: pd.DataFrame  # GELDSTROOM_COLUMNS + taakveld_code + sleutel_soort
    uitgesloten: pd.DataFrame  # taakveld_code, categorie, bedrag_eur


@dataclass
class Controle:
    """The reconciliation report; :attr:`ok` is False when an invariant fails."""

    gemeente_code: str
    gemeente_naam: str
    jaar: int
    stuk: str
    niveau: str
    bronnen: pd.DataFrame  # per taakveld: Iv3 against export, lasten and baten
    families: pd.DataFrame  # familie, jaar, bron, rijen, bedrag_eur
    jaren: pd.DataFrame  # onderdeel, jaar
    invarianten: pd.DataFrame  # invariant, ok, toelichting
    dekking: pd.DataFrame  # kant, sleutel_soort, bedrag_eur, aandeel_pct
    sleutels: pd.DataFrame  # per kant x taakveld: sleutel, sleuteljaren, verouderd, euros
    klein: pd.DataFrame  # regio_code, regio_naam, inwoners
    fonds: Aansluiting | None = None
    opmerkingen: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.invarianten["ok"].all()) if not self.invarianten.empty else False

    @property
    def fouten(self) -> list[str]:
        bad = self.invarianten[~self.invarianten["ok"]]
        return [f"{r.invariant}: {r.toelichting}" for r in bad.itertuples()]


def _samen(frames) -> pd.DataFrame:
    """Concatenate the non-empty frames (an empty frame when there are none)."""
    frames = [f for f in frames if f is not None and not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _cent(series) -> pd.Series:
    return (pd.to_numeric(series, errors="coerce").fillna(0) * 100).round().astype("int64")


def _per_taakveld(iv3: pd.DataFrame, lasten: Kant, baten: Kant, gm: str) -> pd.DataFrame:
    """Iv3 per taakveld against the export, in cents (so equality is exact)."""
    src = iv3[["taakveld_code", "taakveld_naam"]].copy()
    src["iv3_lasten"] = _cent(iv3["lasten_eur"]).to_numpy()
    src["iv3_baten"] = _cent(iv3["baten_eur"]).to_numpy()
    src = src.groupby(["taakveld_code", "taakveld_naam"], as_index=False).sum()

    def som(frame, kolom="bedrag_eur"):
        if frame.empty:
            return pd.Series(dtype="int64")
        return _cent(frame[kolom]).groupby(frame["taakveld_code"].to_numpy()).sum()

    instroom = baten.flows[baten.flows["naar"] == gm] if not baten.flows.empty else baten.flows
    uit_l, uit_b = som(lasten.uitgesloten), som(baten.uitgesloten)
    src["export_lasten"] = src["taakveld_code"].map(som(lasten.flows)).fillna(0).astype("int64")
    src["niet_meegeteld_lasten"] = src["taakveld_code"].map(uit_l).fillna(0).astype("int64")
    src["export_baten"] = src["taakveld_code"].map(som(instroom)).fillna(0).astype("int64")
    src["niet_meegeteld_baten"] = src["taakveld_code"].map(uit_b).fillna(0).astype("int64")
    src["verschil_lasten"] = src["iv3_lasten"] - src["export_lasten"] - src["niet_meegeteld_lasten"]
    src["verschil_baten"] = src["iv3_baten"] - src["export_baten"] - src["niet_meegeteld_baten"]
    euro = [c for c in src.columns if c not in ("taakveld_code", "taakveld_naam")]
    src[euro] = src[euro] / 100
    return src


def _inv(naam: str, fout: list[str], goed: str) -> dict:
    return {
        "invariant": naam,
        "ok": not fout,
        "toelichting": "; ".join(fout[:5])
        + (f" (en {len(fout) - 5} meer)" if len(fout) > 5 else "")
        if fout
        else goed,
    }


def _invarianten(
    bronnen, lasten: Kant, baten: Kant, gm: str, jaar: int, andere=None, bron_totalen=None
) -> list[dict]:
    out = []
    tv = bronnen.set_index("taakveld_code")
    fout = [f"{c}: {v:+.2f} euro" for c, v in tv["verschil_lasten"].items() if round(v * 100)]
    out.append(
        _inv(
            "lasten: export + niet meegeteld = Iv3 lasten",
            fout,
            f"{len(tv)} taakvelden sluiten op de cent; totaal {tv['iv3_lasten'].sum():,.2f} euro",
        )
    )
    fout = [f"{c}: {v:+.2f} euro" for c, v in tv["verschil_baten"].items() if round(v * 100)]
    instroom = tv["export_baten"].sum()
    out.append(
        _inv(
            "baten: instroom naar de gemeente = Iv3 baten (precies één keer)",
            fout,
            f"instroom {instroom:,.2f} euro = Iv3 baten {tv['iv3_baten'].sum():,.2f} euro min "
            f"niet meegeteld {tv['niet_meegeteld_baten'].sum():,.2f} euro",
        )
    )
    alle = _samen([lasten.flows, baten.flows])
    if alle.empty:
        alle = pd.DataFrame(columns=["van", "naar", "regio_code", "taakveld_code", "jaar"])
    rijk = alle[alle["van"].astype(str).str.startswith("Rijk")]
    fout = [
        f"{r.van} -> {r.naar} via {r.regio_code}" for r in rijk.itertuples() if r.regio_code != gm
    ]
    b07 = baten.flows[baten.flows["taakveld_code"] == "0.7"] if not baten.flows.empty else alle[:0]
    fout += [
        f"0.7 baten van {r.van} ({r.regio_code})"
        for r in b07.itertuples()
        if r.van != VAN_RIJK_FONDS and round(r.bedrag_eur * 100)
    ]
    out.append(
        _inv(
            "geld van het Rijk komt niet uit een wijk of buurt",
            fout,
            f"{len(rijk)} rij(en) van het Rijk, alle bij de gemeente zelf",
        )
    )
    extra = alle[
        alle["van"].isin(VERBODEN_VAN)
        | alle.get("categorie", pd.Series(dtype=str)).astype(str).str.startswith("gemeentefonds")
    ]
    fout = [f"{r.van}: {r.categorie}" for r in extra.head(5).itertuples()]
    out.append(
        _inv(
            "gemeentefonds niet dubbel (geen clusterstroom naast 0.7)",
            fout,
            "de clusters staan alleen in de aansluitingstabel",
        )
    )
    jaren = sorted({int(j) for j in alle["jaar"].dropna()}) if len(alle) else []
    fout = [f"gemeente: rijen met jaar {j}" for j in jaren if j != int(jaar)]
    goed = f"gemeente: alle rijen jaar {jaar} (Iv3)"
    # other families with a source year (zorg: the Vektis year) carry that year
    if andere is not None and not andere.empty and bron_totalen is not None and len(bron_totalen):
        for r in bron_totalen.dropna(subset=["bron_jaar"]).itertuples():
            rij_jaren = {
                int(j) for j in andere.loc[andere["familie"] == r.familie, "jaar"].dropna()
            }
            fout += [
                f"{r.familie}: rijen met jaar {j}, geld van {int(r.bron_jaar)}"
                for j in sorted(rij_jaren)
                if j != int(r.bron_jaar)
            ]
            goed += f"; {r.familie}: jaar {int(r.bron_jaar)} ({r.bron_totaal})"
    out.append(_inv("elke rij draagt het jaar van haar geld", fout, goed))
    return out


def _jaren(expr: str, sleuteljaren: dict) -> list[int]:
    return sorted({sleuteljaren[i] for i in sleutel_indicatoren(expr) if i in sleuteljaren})


def _sleutels(
    lasten: Kant, baten: Kant, sleuteltabel: pd.DataFrame, sleuteljaren: dict, jaar: int
) -> pd.DataFrame:
    """Per side and taakveld: the intended key and its fallback with their KWB years, the
    euros per key kind, and ``verouderd`` when a key that placed money is more than
    :data:`SLEUTEL_MAX_LEEFTIJD` years older than the money."""
    parts = []
    for kant, res, kol, fkol in (
        ("lasten", lasten, "sleutel", "fallback"),
        ("baten", baten, "sleutel_baten", "fallback_baten"),
    ):
        if res.flows.empty:
            continue
        breed = sleuteldekking(res.flows, per="taakveld_code")
        for soort in SLEUTEL_SOORTEN:
            if soort not in breed:
                breed[soort] = 0.0
        keys = sleutel_rijen(breed["taakveld_code"], sleuteltabel)
        sleutel = [keys[c][kol] for c in breed["taakveld_code"]]
        terugval = [keys[c][fkol] for c in breed["taakveld_code"]]
        j_sl = [_jaren(k, sleuteljaren) for k in sleutel]
        j_tv = [_jaren(k, sleuteljaren) for k in terugval]
        j_inw = _jaren("inwoners_aantal", sleuteljaren)
        gebruikt = [
            (a if b != 0 else []) + (c if t != 0 else []) + (j_inw if i != 0 else [])
            for a, b, c, t, i in zip(
                j_sl,
                breed["bedoeld"],
                j_tv,
                breed["terugval"],
                breed["alleen inwoners"],
                strict=True,
            )
        ]
        oudste = pd.Series([min(js) if js else np.nan for js in gebruikt], index=breed.index)
        breed.insert(0, "kant", kant)
        breed.insert(2, "sleutel", sleutel)
        breed.insert(3, "sleuteljaren", ["/".join(map(str, js)) for js in j_sl])
        breed.insert(4, "terugvalsleutel", terugval)
        breed.insert(5, "terugvaljaren", ["/".join(map(str, js)) for js in j_tv])
        breed.insert(6, "verouderd", (int(jaar) - oudste) > SLEUTEL_MAX_LEEFTIJD)
        parts.append(breed)
    if not parts:
        return pd.DataFrame(columns=["kant", "taakveld_code", "sleutel", "sleuteljaren"])
    return pd.concat(parts, ignore_index=True)


def _dekking(lasten: Kant, baten: Kant) -> pd.DataFrame:
    parts = []
    for kant, res in (("lasten", lasten), ("baten", baten)):
        d = sleuteldekking(res.flows)
        if not d.empty:
            parts.append(
                d.assign(kant=kant)[["kant", "sleutel_soort", "bedrag_eur", "aandeel_pct"]]
            )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def klein(inwoners: pd.Series, namen: dict) -> pd.DataFrame:
    """Regions under the minimum population (``domain.per_inwoner``, or unknown): they get
    no per-inhabitant figures."""
    inw = pd.to_numeric(inwoners, errors="coerce")
    sel = inw[~genoeg_inwoners(inw)].sort_values()
    return pd.DataFrame(
        {
            "regio_code": sel.index.astype(str),
            "regio_naam": [namen.get(c, "") for c in sel.index],
            "inwoners": sel.to_numpy(),
        }
    )


def _families(
    lasten: Kant,
    baten: Kant,
    andere: pd.DataFrame | None,
    bronnen: pd.DataFrame,
    bron_totalen: pd.DataFrame | None,
) -> pd.DataFrame:
    """Export totals per family (gemeente per side) next to the source total they must
    equal: Iv3 lasten/baten without what is left out, and e.g. the Vektis costs of zorg."""
    parts = [
        f.assign(familie=f"{f['familie'].iloc[0]} ({kant})")
        for kant, f in (("lasten", lasten.flows), ("baten", baten.flows))
        if not f.empty
    ]
    if andere is not None and not andere.empty:
        parts.append(andere)
    kolommen = ["familie", "jaar", "bron", "rijen", "bedrag_eur", "bron_eur", "verschil_eur"]
    if not parts:
        return pd.DataFrame(columns=kolommen)
    alle = pd.concat(parts, ignore_index=True)
    alle["bron_kort"] = alle["bron"].astype(str).str.split(";").str[0]
    out = alle.groupby(["familie", "jaar", "bron_kort"], as_index=False).agg(
        rijen=("bedrag_eur", "size"), bedrag_eur=("bedrag_eur", "sum")
    )
    out = out.rename(columns={"bron_kort": "bron"})
    bron = {
        "gemeente (lasten)": float(
            bronnen["iv3_lasten"].sum() - bronnen["niet_meegeteld_lasten"].sum()
        ),
        "gemeente (baten)": float(
            bronnen["iv3_baten"].sum() - bronnen["niet_meegeteld_baten"].sum()
        ),
    }
    if bron_totalen is not None and not bron_totalen.empty:
        bron |= dict(zip(bron_totalen["familie"], bron_totalen["bron_eur"], strict=True))
    per_familie = out.groupby("familie")["bedrag_eur"].transform("sum")
    out["bron_eur"] = out["familie"].map(bron)
    out["verschil_eur"] = out["bron_eur"] - per_familie
    return out[kolommen]


def _familie_invariant(families: pd.DataFrame) -> dict:
    """Every family with a source total adds up to it (to the cent)."""
    met = families.dropna(subset=["bron_eur"]).drop_duplicates("familie")
    fout = [
        f"{r.familie}: {r.verschil_eur:+.2f} euro"
        for r in met.itertuples()
        if abs(r.verschil_eur) >= 0.01
    ]
    namen = ", ".join(met["familie"])
    return _inv("families: export = brontotaal", fout, f"sluit voor {namen}")


def _een_waarde_invariant(dubbel: pd.DataFrame) -> dict:
    """No region x year x indicator with more than one value (``dubbel``: regio_code, jaar,
    indicator, aantal of those that have)."""
    fout = [
        f"{r.regio_code} {r.indicator} {int(r.jaar)}: {int(r.aantal)} waarden"
        for r in dubbel.itertuples()
    ]
    return _inv(
        "één waarde per gebied, indicator en jaar",
        fout,
        "geen gebied met twee waarden voor dezelfde indicator en hetzelfde jaar",
    )


def controleer(
    iv3: pd.DataFrame,
    lasten: Kant,
    baten: Kant,
    *,
    gemeente: tuple[str, str],
    jaar: int,
    stuk: str,
    niveau: str,
    sleuteltabel: pd.DataFrame,
    sleuteljaren: dict[str, int],
    inwoners: pd.Series,
    fonds: Aansluiting | None = None,
    andere: pd.DataFrame | None = None,
    bron_totalen: pd.DataFrame | None = None,
    dubbele_waarden: pd.DataFrame | None = None,
) -> Controle:
    """Reconcile one allocation (both sides) with its Iv3 source; see the module docstring.

    ``sleuteljaren`` maps indicator -> KWB year (plus ``_indeling``); ``inwoners`` is indexed
    by regio_code; ``andere`` holds the other families' flows for the family totals;
    ``dubbele_waarden`` the region x year x indicator rows with more than one value."""
    gm, naam = gemeente
    bronnen = _per_taakveld(iv3, lasten, baten, gm)
    families = _families(lasten, baten, andere, bronnen, bron_totalen)
    inv = pd.DataFrame(
        _invarianten(bronnen, lasten, baten, gm, jaar, andere, bron_totalen)
        + [_familie_invariant(families)]
        + ([_een_waarde_invariant(dubbele_waarden)] if dubbele_waarden is not None else [])
    )
    regios = _samen([lasten.flows, baten.flows])
    namen = (
        dict(zip(regios["regio_code"], regios["regio_naam"], strict=False)) if len(regios) else {}
    )
    jaren = [("geld: CBS Iv3 " + stuk, int(jaar))]
    if "_indeling" in sleuteljaren:
        jaren.append((f"gebieden: KWB-indeling ({niveau})", int(sleuteljaren["_indeling"])))
    jaren += [
        (f"sleutel: {k}", int(v)) for k, v in sorted(sleuteljaren.items()) if not k.startswith("_")
    ]
    if fonds is not None and fonds.fonds is not None:
        jaren.append((f"gemeentefonds: {fonds.fonds.circulaire}", int(fonds.fonds.jaar)))
    if andere is not None and not andere.empty:
        for (fam, j), _ in andere.groupby(["familie", "jaar"]):
            jaren.append((f"familie {fam}", int(j)))
    return Controle(
        gemeente_code=gm,
        gemeente_naam=naam,
        jaar=int(jaar),
        stuk=stuk,
        niveau=niveau,
        bronnen=bronnen,
        families=families,
        jaren=pd.DataFrame(jaren, columns=["onderdeel", "jaar"]),
        invarianten=inv,
        dekking=_dekking(lasten, baten),
        sleutels=_sleutels(lasten, baten, sleuteltabel, sleuteljaren, jaar),
        klein=klein(inwoners, namen),
        fonds=fonds,
    )
