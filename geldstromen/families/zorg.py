"""Zvw money flows (family ``zorg``): Vektis gemeente costs brought down to wijk/buurt by
indirect age standardisation on the KWB population of the chosen region year.

Two keys, the one used is named in every row's ``sleutel`` and in :attr:`ZorgModel.schatting`:

* ``pc3`` (when Vektis costs per 3-digit postcode are ingested and the regions holding at
  least :data:`MIN_DEKKING_PC3` of the inhabitants have a PC3 in that file): a region's
  expected cost at the cost per insured year per age class of its own PC3 (the PC3 of its
  most common postcode, CBS KWB; at wijk level summed from its buurten when the KWB year has
  them). Local cost levels, observed at PC3, instead of one gemeente rate.
* ``gemeente``: expected cost at the gemeente's (or national) rates per age class.

Either way the gemeente's observed total per care category is split in proportion to the
key, so the regions add up to it exactly; regions the PC3 key misses keep the gemeente key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from geldstromen import queries
from geldstromen.domain import zorg, zorg_pc3
from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS, check_flows, empty_flows

LEEFTIJD_INDICATOREN = ["inwoners_aantal"] + [
    f"inwoners_{k}_{s}" for k in zorg.KWB_KLASSEN for s in ("aantal", "pct")
]
#: Share of the inhabitants whose region has a PC3 in the Vektis PC3 file for that key to be
#: used; below it the gemeente key is the better estimate for most of the gemeente.
MIN_DEKKING_PC3 = 0.9


@dataclass
class ZorgModel:
    """Flows plus what a reader needs to judge them."""

    flows: pd.DataFrame
    vektis_jaar: int | None = None
    beschikbare_jaren: list[int] = field(default_factory=list)
    notities: list[str] = field(default_factory=list)
    benchmark: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Which key split the gemeente total: ``pc3`` or ``gemeente`` (see module doc).
    sleutel: str = "gemeente"
    #: Dutch sentence for the page: which estimate is shown.
    schatting: str = ""


def regio_wide(engine: Engine, gemeente_code: str, niveau: str, jaar: int, ids: list[str]):
    """Indicators of every region of a level as one wide frame (regio_code, regio_naam, ...)."""
    long = queries.run_query(
        engine,
        "verband_indicatoren",
        gemeente_code=gemeente_code,
        niveau=niveau,
        jaar=jaar,
        indicatoren=ids,
    )
    if long.empty:
        return pd.DataFrame(columns=["regio_code", "regio_naam"])
    wide = long.pivot_table(
        index="regio_code", columns="indicator", values="waarde", aggfunc="first"
    )
    names = long.drop_duplicates("regio_code").set_index("regio_code")["regio_naam"]
    wide = wide.reindex(names.index)
    wide.insert(0, "regio_naam", names)
    wide.columns.name = None
    return wide.reset_index()


def kies_vektis_jaar(jaren: list[int], kwb_jaar: int) -> int | None:
    """The Vektis year nearest to the region year; ties go to the newer year."""
    if not jaren:
        return None
    return min(jaren, key=lambda j: (abs(j - kwb_jaar), -j))


def _tarieven_en_totalen(rows: pd.DataFrame, vj: int) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    year = rows[rows["jaar"] == vj]
    gm = year[(year["gebied"] == "gemeente") & (year["kostenpost"] != "TOTAAL")]
    met_leeftijd = gm[gm["leeftijdsklasse"].notna()]
    if not met_leeftijd.empty:
        tar = zorg.tarieven_uit_vektis(met_leeftijd)
        tot = tar.groupby("categorie", as_index=False)["bedrag_eur"].sum()
        how = f"leeftijdsstandaardisatie Vektis {vj} (kosten per verzekerdenjaar van de gemeente"
        return tar, tot, how + " per leeftijdsklasse en zorgsoort)"
    cat = gm.assign(categorie=gm["kostenpost"].map(zorg.zorgcategorie))
    tot = cat.groupby("categorie", as_index=False)["bedrag_eur"].sum()
    nl = year[year["gebied"] == "nederland"]
    if tot.empty or nl.empty:
        return pd.DataFrame(), pd.DataFrame(), ""
    tar = zorg.landelijke_tarieven(nl, list(tot["categorie"]))
    how = f"leeftijdsstandaardisatie Vektis {vj} (landelijke kosten per verzekerdenjaar per"
    return tar, tot, how + " leeftijdsklasse; gemeentetotaal per zorgsoort)"


def zorg_model(
    engine: Engine,
    gemeente_code: str,
    niveau: str,
    jaar: int,
    vektis_jaar: int | None = None,
    doeljaar: int | None = None,
) -> ZorgModel:
    """Zvw flows for every region of a level (population of KWB ``jaar``), with the year
    pairing and notes. The Vektis year is ``vektis_jaar`` when present, else the one nearest
    ``doeljaar`` (default ``jaar``). A row's ``jaar`` is the Vektis year: the year of the
    money; the KWB year of the population is named in ``sleutel``."""
    rows = queries.run_query(engine, "zorg_vektis_gemeente", gemeente_code=gemeente_code)
    jaren = sorted(rows.loc[rows["gebied"] == "gemeente", "jaar"].astype(int).unique())
    doel = jaar if doeljaar is None else doeljaar
    vj = vektis_jaar if vektis_jaar in jaren else kies_vektis_jaar(jaren, doel)
    model = ZorgModel(empty_flows(), vj, jaren)
    if vj is None:
        model.notities.append(f"Geen Vektis-gegevens gekoppeld aan {gemeente_code}.")
        return model
    model.benchmark = benchmark(rows)
    tar, tot, how = _tarieven_en_totalen(rows, vj)
    if tar.empty:
        model.notities.append(f"Vektis {vj}: geen kosten per zorgsoort voor deze gemeente.")
        return model
    ind = regio_wide(engine, gemeente_code, niveau, jaar, LEEFTIJD_INDICATOREN)
    bev = zorg.leeftijdsopbouw(ind)
    if bev.empty:
        model.notities.append(f"Geen inwonertallen voor {niveau} in KWB {jaar}.")
        return model
    per = zorg.standaardiseer(tar, tot, bev)
    pc3 = pc3_sleutel(engine, gemeente_code, niveau, jaar, vj, bev)
    per["sleutel_opmerking"] = ""
    if pc3 is not None:
        exp, pj, bron_pc3, dekking = pc3
        per = zorg_pc3.combineer(per, exp)
        how = (
            f"verwachte kosten tegen de kosten per verzekerdenjaar per leeftijdsklasse en "
            f"zorgsoort van de eigen driecijferige postcode (Vektis PC3 {pj}; postcode = meest "
            f"voorkomende postcode, CBS KWB {jaar}), opgeteld tot het gemeentetotaal Vektis {vj}"
        )
        model.sleutel = "pc3"
        model.schatting = (
            f"Schatting met Vektis-cijfers per driecijferige postcode ({pj}): de Zvw-kosten van "
            "de gemeente per zorgsoort verdeeld naar de verwachte kosten van elk gebied tegen het "
            "kostenniveau per leeftijdsklasse van zijn eigen postcodegebied (PC3). Verschillen "
            "tussen gebieden komen uit leeftijd en het kostenniveau van de postcode, niet uit "
            f"het gebied zelf. {dekking:.0%} van de inwoners heeft een PC3-sleutel."
        )
    else:
        model.schatting = (
            "Schatting met één tarief voor de hele gemeente: de Zvw-kosten van de gemeente per "
            "zorgsoort verdeeld over de gebieden naar hun leeftijdsopbouw (indirecte "
            "standaardisatie). Verschillen tussen gebieden komen dus alleen uit leeftijd, niet "
            "uit gezondheid of zorggebruik in het gebied."
        )
    ind_jaren = rows.loc[(rows["jaar"] == vj) & (rows["gebied"] == "gemeente"), "jaar_indeling"]
    indeling = ", ".join(str(int(j)) for j in sorted(ind_jaren.dropna().unique())) or "onbekend"
    bron = rows.loc[rows["jaar"] == vj, "bron"].dropna().iloc[0] + (
        f"; {bron_pc3}" if pc3 is not None else ""
    )
    zonder = per.loc[~per["leeftijd_bekend"], "regio_code"].nunique()
    if zonder:
        model.notities.append(
            f"{zonder} gebieden zonder leeftijdsopbouw in KWB {jaar}: daar is het gemiddelde "
            "tarief (van de gemeente, of van de PC3 bij de PC3-schatting) gebruikt."
        )
    model.notities.append(
        f"Koppeling: Vektis {vj} (gemeente-indeling {indeling}) verdeeld over de bevolking "
        f"per leeftijdsklasse van KWB {jaar} ({niveau}). Geslacht niet gebruikt: KWB geeft geen "
        "leeftijd x geslacht."
    )
    flows = pd.DataFrame(
        {
            "regio_code": per["regio_code"],
            "regio_naam": per["regio_naam"],
            "niveau": niveau,
            "jaar": vj,
            "familie": "zorg",
            "van": "zorgverzekeraars",
            "naar": per["regio_naam"],
            "categorie": per["categorie"],
            "bedrag_eur": per["bedrag_eur"],
            "methode": "geschat",
            "sleutel": how
            + f", bevolking KWB {jaar}"
            + per["leeftijd_bekend"].map({True: "", False: " (leeftijd onbekend)"})
            + per["sleutel_opmerking"],
            "bron": f"{bron}; CBS KWB {jaar}",
            "verwacht_eur": per["verwacht_eur"],
        }
    )
    model.flows = check_flows(flows).reset_index(drop=True)
    return model


def _postcodes(engine: Engine, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    prefix = ("BU" if niveau == "buurt" else "WK") + gemeente_code[2:] + "%"
    pcs = queries.run_query(engine, "zorg_regio_postcode", jaar=jaar, prefix=prefix)
    pcs["postcode3"] = pcs["postcode"].map(zorg_pc3.pc3_van)
    return pcs.dropna(subset=["postcode3"]).drop_duplicates("regio_code")


def _verwacht_pc3(engine, gemeente_code, niveau, jaar, bev, pc3) -> pd.DataFrame:
    """Expected cost per region x category at its PC3's rates; a wijk sums its buurten when
    the KWB year has them, else uses its own most common postcode."""
    if niveau == "wijk":
        bu = zorg.leeftijdsopbouw(
            regio_wide(engine, gemeente_code, "buurt", jaar, LEEFTIJD_INDICATOREN)
        )
        bu_pc = _postcodes(engine, gemeente_code, "buurt", jaar)
        if not bu.empty and not bu_pc.empty:
            exp = zorg_pc3.verwacht_per_regio(bu.merge(bu_pc, on="regio_code"), pc3)
            exp["regio_code"] = "WK" + exp["regio_code"].str[2:8]
            namen = bev.drop_duplicates("regio_code").set_index("regio_code")["regio_naam"]
            exp = exp[exp["regio_code"].isin(namen.index)]
            if not exp.empty:
                exp["regio_naam"] = exp["regio_code"].map(namen)
                return exp.groupby(["regio_code", "regio_naam", "categorie"], as_index=False)[
                    "verwacht_eur"
                ].sum()
    pcs = _postcodes(engine, gemeente_code, niveau, jaar)
    exp = zorg_pc3.verwacht_per_regio(bev.merge(pcs, on="regio_code"), pc3)
    return exp.groupby(["regio_code", "regio_naam", "categorie"], as_index=False)[
        "verwacht_eur"
    ].sum()


def pc3_sleutel(
    engine: Engine, gemeente_code: str, niveau: str, jaar: int, vj: int, bev: pd.DataFrame
):
    """The PC3 key (see module doc) as ``(verwacht, pc3_jaar, bron, dekking)``: expected cost
    per region x category at PC3 rates; None when no PC3 file is ingested or it covers too few
    inhabitants."""
    jaren = queries.run_query(engine, "zorg_vektis_pc3_jaren")["jaar"].astype(int).tolist()
    pj = kies_vektis_jaar(jaren, vj)
    if pj is None:
        return None
    pc3 = queries.run_query(engine, "zorg_vektis_pc3", jaar=pj)
    exp = _verwacht_pc3(engine, gemeente_code, niveau, jaar, bev, pc3)
    inw = bev.groupby("regio_code")["inwoners"].sum()
    dekking = inw.reindex(exp["regio_code"].unique()).sum() / inw.sum() if inw.sum() else 0.0
    if exp.empty or dekking < MIN_DEKKING_PC3:
        return None
    return exp, pj, pc3["bron"].iloc[0], float(dekking)


def benchmark(rows: pd.DataFrame) -> pd.DataFrame:
    """Actual vs expected (age/sex standardised, national rates) per care category."""
    b = rows[(rows["gebied"] == "gemeente") & rows["verwacht_eur"].notna()]
    if b.empty:
        return pd.DataFrame()
    b = b.assign(
        zorgsoort=b["kostenpost"].map(
            lambda p: "Totaal" if p == "TOTAAL" else zorg.zorgcategorie(p)
        )
    )
    out = b.groupby(["jaar", "zorgsoort"], as_index=False).agg(
        werkelijk_eur=("bedrag_eur", "sum"),
        verwacht_eur=("verwacht_eur", "sum"),
        verzekerdejaren=("verzekerdejaren", "max"),
        bron=("bron", "first"),
    )
    out["verhouding"] = out["werkelijk_eur"] / out["verwacht_eur"]
    out["werkelijk_per_verzekerde_eur"] = out["werkelijk_eur"] / out["verzekerdejaren"]
    return out


def zorg_flows(engine: Engine, gemeente_code: str, niveau: str, jaar: int) -> pd.DataFrame:
    """Zvw flows for every region of a level (Vektis year nearest to ``jaar``; a row's
    ``jaar`` is the Vektis year)."""
    flows = zorg_model(engine, gemeente_code, niveau, jaar).flows
    return flows[GELDSTROOM_COLUMNS] if not flows.empty else flows


def ongekoppelde_namen(engine: Engine) -> pd.DataFrame:
    """Vektis gemeente names without a code (reported, never dropped)."""
    return queries.run_query(engine, "zorg_vektis_ongekoppeld")
