"""Gemeente money flows (family ``gemeente``): Iv3 lasten/baten allocated to wijken or buurten.

Reads the Iv3 amounts and the KWB key values from the store and runs the pure allocation in
``geldstromen.domain.toerekening``; a session's own key table can be passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from geldstromen import queries
from geldstromen.domain.allocatie import benodigde_indicatoren
from geldstromen.domain.geldstroom import check_flows, empty_flows
from geldstromen.domain.gemeentefonds import Aansluiting, Fonds, aansluiting, inkomsten_jaar
from geldstromen.domain.sleuteljaren import gebied, inwonerjaren
from geldstromen.domain.sleuteljaren import indelingsjaar as kies_indelingsjaar
from geldstromen.domain.taakvelden import standaard_sleutels
from geldstromen.domain.toerekening import Context, toerekenen

KANTEN = ("lasten", "baten")


@dataclass
class GemeenteToerekening:
    """Result of one allocation: flows, excluded taakvelden, key years and inhabitants."""

    flows: pd.DataFrame
    uitgesloten: pd.DataFrame
    sleuteljaren: pd.DataFrame  # indicator, jaar
    inwoners: pd.Series = field(default_factory=pd.Series)  # regio_code -> inhabitants
    indelingsjaar: int | None = None
    opmerking: str = ""
    gemeente_naam: str = ""


def beschikbaar(engine: Engine, gemeente_code: str) -> pd.DataFrame:
    """Iv3 years and documents for a gemeente."""
    return queries.run_query(engine, "iv3_beschikbaar", gemeente_code=gemeente_code)


def iv3_bedragen(engine: Engine, gemeente_code: str, jaar: int, stuk: str) -> pd.DataFrame:
    """Iv3 lasten and baten (euro) per taakveld."""
    return queries.run_query(
        engine, "iv3_taakveld", gemeente_code=gemeente_code, jaar=int(jaar), stuk=stuk
    )


def _sleutelwaarden(engine, gemeente_code, niveau, indicatoren) -> pd.DataFrame:
    return queries.run_query(
        engine,
        "geldstroom_sleutelwaarden",
        gemeente_code=gemeente_code,
        niveau=niveau,
        indicatoren=list(indicatoren),
    )


def toerekening(
    engine: Engine,
    gemeente_code: str,
    niveau: str,
    jaar: int,
    stuk: str = "begroting",
    kant: str = "lasten",
    sleutels: pd.DataFrame | None = None,
    sleuteljaar: int | None = None,
    indelingsjaar: int | None = None,
) -> GemeenteToerekening:
    """Allocate one gemeente's Iv3 ``kant`` of ``stuk`` ``jaar`` to its wijken or buurten.

    Regions come from ``indelingsjaar`` (default: the KWB year nearest ``sleuteljaar`` with
    both wijk and buurt figures, ``domain.sleuteljaren.indelingsjaar``), keys from the years
    nearest ``sleuteljaar`` (default: ``jaar``); so both levels use the same wijken and keys
    and a wijk equals the sum of its buurten. ``families.stromen`` pairs the years."""
    sleutels = standaard_sleutels() if sleutels is None else sleutels
    doeljaar = int(jaar if sleuteljaar is None else sleuteljaar)
    iv3 = iv3_bedragen(engine, gemeente_code, jaar, stuk)
    leeg = pd.DataFrame(columns=["indicator", "jaar"])
    if iv3.empty:
        return GemeenteToerekening(
            empty_flows(), pd.DataFrame(), leeg, opmerking="geen Iv3-gegevens"
        )
    ids = benodigde_indicatoren(sleutels)
    wijk_long = _sleutelwaarden(engine, gemeente_code, "wijk", ids)
    buurt_ids = ids if niveau == "buurt" else ["inwoners_aantal"]
    buurt_long = _sleutelwaarden(engine, gemeente_code, "buurt", buurt_ids)
    if indelingsjaar is None:
        indelingsjaar = kies_indelingsjaar(
            inwonerjaren(wijk_long), inwonerjaren(buurt_long), doeljaar, niveau
        )
    buurten = None
    if niveau == "buurt":
        buurten = gebied(buurt_long, doeljaar, indelingsjaar)
    wijken = gebied(wijk_long, doeljaar, indelingsjaar)
    laag = buurten if buurten is not None else wijken
    if laag.regios.empty or wijken.regios.empty:
        return GemeenteToerekening(
            empty_flows(), pd.DataFrame(), leeg, opmerking=f"geen KWB-gegevens op {niveau}niveau"
        )
    bedragen = iv3.rename(columns={f"{kant}_eur": "bedrag_eur"})[
        ["taakveld_code", "taakveld_naam", "bedrag_eur"]
    ]
    ctx = Context(
        gemeente_code,
        str(iv3["gemeente_naam"].iloc[0]),
        int(jaar),
        kant,
        f"CBS Iv3 {stuk} {jaar}",
    )
    flows, uitgesloten = toerekenen(bedragen, sleutels, ctx, wijken, buurten)
    jaren = {k: v for k, v in laag.sleuteljaren.items() if not k.startswith("_")}
    return GemeenteToerekening(
        check_flows(flows),
        uitgesloten,
        pd.DataFrame({"indicator": list(jaren), "jaar": list(jaren.values())}),
        laag.waarden.get("inwoners_aantal", pd.Series(dtype="float64")),
        laag.sleuteljaren.get("_indeling"),
        gemeente_naam=ctx.gemeente_naam,
    )


def kwb_indelingsjaar(engine: Engine, gemeente_code: str, niveau: str, doeljaar: int):
    """The KWB year of the regions (and inhabitants) of a selection: the rule of
    ``domain.sleuteljaren.indelingsjaar`` on the gemeente's inhabitant years per level."""
    jaren = {
        n: inwonerjaren(_sleutelwaarden(engine, gemeente_code, n, ["inwoners_aantal"]))
        for n in ("wijk", "buurt")
    }
    return kies_indelingsjaar(jaren["wijk"], jaren["buurt"], int(doeljaar), niveau)


def gemeente_flows(
    engine: Engine, gemeente_code: str, niveau: str, jaar: int, stuk: str = "begroting"
) -> pd.DataFrame:
    """Lasten and baten flows (default keys) for every region of a level."""
    parts = [toerekening(engine, gemeente_code, niveau, jaar, stuk, k).flows for k in KANTEN]
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else empty_flows()


def gemeentefonds(engine: Engine, gemeente_code: str) -> pd.DataFrame:
    """Gemeentefonds per cluster (euro) of every circulaire and uitkeringsjaar."""
    return queries.run_query(engine, "gemeentefonds_cluster", gemeente_code=gemeente_code)


def inkomsten(
    res: GemeenteToerekening,
    fonds_rijen: pd.DataFrame,
    gemeente_code: str,
    jaar: int,
    circulaire: str | None = None,
) -> tuple[pd.DataFrame, Fonds | None, str]:
    """Dekking (a model, not money flows) of an allocation of lasten: gemeentefonds share
    and overige middelen per region (see ``domain.gemeentefonds``); (rows, fonds used, note
    when there is none). These rows explain how a region's lasten are financed; they are
    never added to the flows (the algemene uitkering is the Iv3 0.7 baten row)."""
    naam = res.gemeente_naam or gemeente_code
    rows, fonds, tekst = inkomsten_jaar(
        res.flows, fonds_rijen, (gemeente_code, naam), jaar, circulaire
    )
    return (check_flows(rows) if not rows.empty else rows), fonds, tekst


def iv3_baten(iv3: pd.DataFrame, reeks: str) -> float | None:
    """Iv3 baten (euro) of one taakveld series in an ``iv3_bedragen`` frame; None if absent."""
    from geldstromen.domain.taakvelden import reeks_code

    sel = iv3[iv3["taakveld_code"].map(reeks_code) == reeks]["baten_eur"].dropna()
    return float(sel.sum()) if len(sel) else None


def fonds_aansluiting(
    engine: Engine,
    gemeente_code: str,
    jaar: int,
    stuk: str = "begroting",
    circulaire: str | None = None,
) -> Aansluiting:
    """The gemeentefonds of the chosen circulaire per cluster, against the previous
    circulaire and against Iv3 0.7 baten of ``stuk`` ``jaar`` (see ``domain.gemeentefonds``)."""
    iv3 = iv3_bedragen(engine, gemeente_code, jaar, stuk)
    naam = str(iv3["gemeente_naam"].iloc[0]) if not iv3.empty else gemeente_code
    b07 = iv3_baten(iv3, "0.7") if not iv3.empty else None
    alle = gemeentefonds(engine, gemeente_code)
    return aansluiting(alle, (gemeente_code, naam), jaar, circulaire, b07)


def namen_onbekend(engine: Engine) -> pd.DataFrame:
    """Gemeente names from Iv3/gemeentefonds/class files without a GM code."""
    return queries.run_query(engine, "iv3_namen_onbekend")


def gemeentevergelijking(engine: Engine, jaar: int, stuk: str) -> pd.DataFrame:
    """Lasten per taakveld for every gemeente with its inhabitants and one column per class
    feature (gemeentegrootte, stedelijkheid, centrumfunctie, sociale_structuur, provincie)."""
    frame = queries.run_query(engine, "iv3_gemeentevergelijking", jaar=int(jaar), stuk=stuk)
    klassen = queries.run_query(engine, "gemeenteklasse_kenmerken")
    if not klassen.empty and not frame.empty:
        breed = klassen.drop_duplicates(["gemeente_code", "kenmerk"]).pivot(
            index="gemeente_code", columns="kenmerk", values="waarde"
        )  # newest class file per feature (the query sorts by year, descending)
        frame = frame.merge(breed.reset_index(), on="gemeente_code", how="left")
    inw = queries.run_query(engine, "geldstroom_gemeente_inwoners")
    if inw.empty or frame.empty:
        return frame.assign(inwoners=pd.NA, inwoners_jaar=pd.NA)
    inw["afstand"] = (inw["jaar"].astype(int) - int(jaar)).abs()
    inw = inw.sort_values(["afstand", "jaar"], ascending=[True, False]).drop_duplicates(
        "gemeente_code"
    )
    inw = inw.rename(columns={"jaar": "inwoners_jaar"})[
        ["gemeente_code", "inwoners", "inwoners_jaar"]
    ]
    return frame.merge(inw, on="gemeente_code", how="left")
