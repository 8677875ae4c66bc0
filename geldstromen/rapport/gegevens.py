"""Everything one report shows, gathered from the store for one region code and year."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely
from sqlalchemy import Engine

from geldstromen import geo, queries
from geldstromen.domain import regiocode
from geldstromen.domain.boodschappen import boodschappen, getal, kerncijfers
from geldstromen.domain.geldstroom import FAMILIES, empty_flows
from geldstromen.domain.kopcijfers import Kopcijfer, alleen_inwoners, kopcijfers, opvallend
from geldstromen.domain.per_inwoner import TE_WEINIG_INWONERS, UITLEG, reden
from geldstromen.domain.similariteit import THEMAS, profiel, vergelijkbaar
from geldstromen.families.stromen import Selectie, stromen


class GeenGegevens(LookupError):
    """No indicators for the requested region and year."""


@dataclass
class RapportGegevens:
    """The content of one report."""

    regio_code: str
    regio_naam: str
    niveau: str
    gemeente_code: str
    gemeente_naam: str
    jaar: int
    kern: pd.DataFrame
    boodschappen: list[str]
    bronnen: list[str]
    kaart: gpd.GeoDataFrame | None = None
    kaart_melding: str | None = None
    stromen: pd.DataFrame = field(default_factory=empty_flows)
    stromen_melding: str | None = None
    namen: dict[str, str] = field(default_factory=dict)
    #: e.g. "Iv3 jaarrekening 2023 toegerekend met sleutels uit KWB 2019" (None: no Iv3)
    koppeling: str | None = None
    #: why figures per 1000 inwoners are missing ("te weinig inwoners"), else None
    per_inwoner_melding: str | None = None
    #: "Jaren in dit beeld: ..." (``families.stromen.Jaren.regel``)
    jaren: str | None = None
    #: the money headline against the gemeente (``domain.kopcijfers``), in display order
    kop: list[Kopcijfer] = field(default_factory=list)
    #: taakvelden left out of the largest ones: placed mainly by inhabitants only
    kop_alleen_inwoners: list[str] = field(default_factory=list)
    #: codes of the similar regions of the same gemeente the headline compares with
    vergelijkbaar: list[str] = field(default_factory=list)


def ontleed_code(regio_code: str) -> tuple[str, str, str]:
    """(code, niveau, gemeente_code) from a CBS region code such as WK051829
    (``domain.regiocode``; raises its Dutch ValueError)."""
    r = regiocode.ontleed(regio_code)
    return r.code, r.niveau, r.gemeente_code


def _kaart(engine: Engine, gemeente_code: str, niveau: str, jaar: int, codes: set[str]):
    """Polygons of the data's year (else the nearest year with the same codes, said in the
    note), fetched for that one year only: the store holds every boundary year."""
    dekking = (
        queries.run_query(engine, "geometrie_dekking", niveau=niveau, codes=sorted(codes))
        if codes
        else pd.DataFrame(columns=["jaar", "gevonden"])
    )
    keuze = geo.kies_geometrie_jaar(dekking, jaar, len(codes))
    if keuze["jaar"] is None:
        if dekking.empty:
            return None, "Geen kaartgrenzen ingelezen voor deze gemeente."
        return None, keuze["melding"]
    rows = queries.run_query(
        engine, "kaart_geometrie", gemeente_code=gemeente_code, niveau=niveau, jaar=keuze["jaar"]
    )
    geoms = [shapely.geometry.shape(json.loads(t)) for t in rows["geometrie_geojson"]]
    frame = gpd.GeoDataFrame(
        {"regio_code": rows["regio_code"].to_list()}, geometry=geoms, crs=geo.WGS84
    )
    return frame, keuze["melding"]


def _stromen(engine: Engine, gemeente_code: str, niveau: str, jaar: int, regio: str):
    """Flows of the region (``families.stromen``: gemeente lasten of the nearest Iv3 year and
    the other families, on one KWB year); plus what is missing and the years used."""
    res = stromen(engine, Selectie(gemeente_code, niveau, int(jaar), kant="lasten"))
    frame = res.regio(regio)
    missing = [f for f in FAMILIES if frame.empty or (frame["familie"] == f).sum() == 0]
    missing = [f"gemeente ({res.jaren.koppeling()})" if f == "gemeente" else f for f in missing]
    melding = f"Geen geldstromen voor: {', '.join(missing)}." if missing else None
    return (frame.reset_index(drop=True) if not frame.empty else empty_flows()), melding, res


def _per_inwoner_melding(long: pd.DataFrame, code: str) -> str | None:
    """The minimum-population rule in words when it applies to this region."""
    inw = long[(long["regio_code"] == code) & (long["indicator"] == "inwoners_aantal")]
    aantal = inw["waarde"].iloc[0] if len(inw) else None
    waarom = reden(aantal)
    if not waarom:
        return None
    bij = f" ({getal(aantal, 0)})" if waarom == TE_WEINIG_INWONERS else ""
    return f"Per 1000 inwoners: {waarom}{bij}; {UITLEG}"


def _vergelijkbare(long: pd.DataFrame, code: str) -> list[str]:
    """The 5 regions of the same gemeente and level most like ``code`` on the Vergelijk
    profile (``long``: the profiles of the gemeente's regions; all themes weighed equally);
    [] when the region has no profile."""
    if long.empty:
        return []
    wide, info = profiel(long)
    gewichten = {k: 1.0 for k, v in info.items() if v["thema"] in THEMAS}
    try:
        return list(vergelijkbaar(wide, code, gewichten, k=5).buren["regio_code"])
    except (KeyError, ValueError):
        return []


def _inwoners(route, long_gemeente: pd.DataFrame) -> pd.Series:
    """Inhabitants per region of the route's KWB year (those the keys used)."""
    for res in route.gemeente.values():
        if len(res.inwoners):
            return res.inwoners
    rij = long_gemeente[long_gemeente["indicator"] == "inwoners_aantal"]
    return pd.to_numeric(rij.set_index("regio_code")["waarde"], errors="coerce")


def verzamel(engine: Engine, regio_code: str, jaar: int) -> RapportGegevens:
    """Gather key figures vs gemeente, messages, map polygons and flows for one region."""
    code, niveau, gemeente_code = ontleed_code(regio_code)
    long = queries.run_query(engine, "profiel_regios", regio_codes=[code, gemeente_code], jaar=jaar)
    if code not in set(long["regio_code"]):
        raise GeenGegevens(f"geen gegevens voor {code} in {jaar}")
    namen = long.drop_duplicates("regio_code").set_index("regio_code")["regio_naam"]
    wide, info = profiel(long)
    kern = kerncijfers(wide, info, code, gemeente_code)
    codes = queries.run_query(engine, "tijd_codes", gemeente_code=gemeente_code, niveau=niveau)
    jaar_codes = set(codes.loc[codes["jaar"] == jaar, "regio_code"])
    kaart, kaart_melding = _kaart(engine, gemeente_code, niveau, jaar, jaar_codes or {code})
    flows, stromen_melding, route = _stromen(engine, gemeente_code, niveau, jaar, code)
    kwb_jaar = route.jaren.kwb_jaar or int(jaar)
    alle = queries.run_query(
        engine, "vergelijk_profielen", niveau=niveau, jaar=kwb_jaar, gemeenten=[gemeente_code]
    )
    buren = _vergelijkbare(alle, code)
    kop = kopcijfers(route.flows, _inwoners(route, alle), code, buren)
    return RapportGegevens(
        regio_code=code,
        regio_naam=str(namen.get(code, code)),
        niveau=niveau,
        gemeente_code=gemeente_code,
        gemeente_naam=str(namen.get(gemeente_code, gemeente_code)),
        jaar=int(jaar),
        kern=kern,
        boodschappen=opvallend(kop) or boodschappen(kern),
        bronnen=sorted(set(long["bron"].dropna())),
        kaart=kaart,
        kaart_melding=kaart_melding,
        stromen=flows,
        stromen_melding=stromen_melding,
        koppeling=route.jaren.koppeling() if route.jaren.iv3_jaar is not None else None,
        jaren=route.jaren.regel(),
        namen=dict(zip(codes["regio_code"], codes["regio_naam"], strict=True)),
        per_inwoner_melding=_per_inwoner_melding(long, code),
        kop=kop,
        kop_alleen_inwoners=alleen_inwoners(route.flows, code),
        vergelijkbaar=buren,
    )
