"""Zvw money flows (family ``zorg``): Vektis gemeente costs brought down to wijk/buurt by
indirect age standardisation on the KWB population of the chosen region year."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from geldstromen import queries
from geldstromen.domain import zorg
from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS, check_flows, empty_flows

LEEFTIJD_INDICATOREN = ["inwoners_aantal"] + [
    f"inwoners_{k}_{s}" for k in zorg.KWB_KLASSEN for s in ("aantal", "pct")
]


@dataclass
class ZorgModel:
    """Flows plus what a reader needs to judge them."""

    flows: pd.DataFrame
    vektis_jaar: int | None = None
    beschikbare_jaren: list[int] = field(default_factory=list)
    notities: list[str] = field(default_factory=list)
    benchmark: pd.DataFrame = field(default_factory=pd.DataFrame)


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
    ind_jaren = rows.loc[(rows["jaar"] == vj) & (rows["gebied"] == "gemeente"), "jaar_indeling"]
    indeling = ", ".join(str(int(j)) for j in sorted(ind_jaren.dropna().unique())) or "onbekend"
    bron = rows.loc[rows["jaar"] == vj, "bron"].dropna().iloc[0]
    zonder = per.loc[~per["leeftijd_bekend"], "regio_code"].nunique()
    if zonder:
        model.notities.append(
            f"{zonder} gebieden zonder leeftijdsopbouw in KWB {jaar}: daar is het gemiddelde "
            "tarief van de gemeente gebruikt."
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
            + per["leeftijd_bekend"].map({True: "", False: " (leeftijd onbekend)"}),
            "bron": f"{bron}; CBS KWB {jaar}",
            "verwacht_eur": per["verwacht_eur"],
        }
    )
    model.flows = check_flows(flows).reset_index(drop=True)
    return model


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
