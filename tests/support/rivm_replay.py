"""Replays of the RIVM tables on CBS's third-party ODataFeed in the real response shape, with
synthetic values.

Shape (the CBS v3 ODataFeed as for KWB, see ``kwb_replay.py``):

- ``TableInfos``: one entry (``Identifier``, ``Title``, ``Catalog`` ``RIVM``, ``Modified`` ...);
- ``DataProperties``: the dimensions ``Leeftijd`` and ``Marges`` (``Cbs.OData.Dimension``),
  ``WijkenEnBuurten`` (``Cbs.OData.GeoDimension``), ``Perioden`` (``Cbs.OData.TimeDimension``),
  then TopicGroups and Topics with ``odata.type``, ``ID``, ``Position``, ``ParentID``, ``Key``,
  ``Title``, ``Unit``, ``Datatype``, ``Decimals``;
- ``TypedDataSet``: the rows of one ``$filter`` (period, age key, ``MW00000``), with ``ID``,
  the four dimension keys (``WijkenEnBuurten`` space-padded to 10), the text topics
  ``Gemeentenaam_1``, ``SoortRegio_2``, ``Codering_3`` padded, ``null`` where not estimated;
  pages of at most ``paginagrootte`` (CBS: 10,000) rows chained by ``odata.nextLink``.

Topic keys: 50090NED's are the header of the published 2020 extract (the file path's columns),
50120NED's the key list of public clients of the service (2022 drops the physical-limitation,
noise and "matig" questions and adds psychische klachten, veerkracht, emotionele steun,
suïcidegedachten and niet-specifieke klachten). All values are synthetic.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from data_sources.rivm import LEEFTIJDEN, RIVM_TABELLEN

PAGINAGROOTTE = 10_000
TEKST = ("Gemeentenaam_1", "SoortRegio_2", "Codering_3")
#: 50090NED topics after the text topics (the 2020 extract's header).
TOPICS_50090NED = [
    "ErvarenGezondheidGoedZeerGoed_4",
    "VoldoetAanBeweegrichtlijn_5",
    "WekelijkseSporters_6",
    "Ondergewicht_7",
    "NormaalGewicht_8",
    "Overgewicht_9",
    "ErnstigOvergewicht_10",
    "Roker_11",
    "VoldoetAanAlcoholRichtlijn_12",
    "Drinker_13",
    "ZwareDrinker_14",
    "OvermatigeDrinker_15",
    "EenOfMeerLangdurigeAandoeningen_16",
    "BeperktVanwegeGezondheid_17",
    "ErnstigBeperktVanwegeGezondheid_18",
    "LangdurigeZiekteEnBeperkt_19",
    "EenOfMeerLichamelijkeBeperkingen_20",
    "BeperkingInHoren_21",
    "BeperkingInZien_22",
    "BeperkingInBewegen_23",
    "MatigHoogRisicoOpAngstOfDepressie_24",
    "HoogRisicoOpAngstOfDepressie_25",
    "HeelVeelStressInAfgelopen4Weken_26",
    "MatigVeelRegieOverEigenLeven_27",
    "Eenzaam_28",
    "ErnstigZeerErnstigEenzaam_29",
    "EmotioneelEenzaam_30",
    "SociaalEenzaam_31",
    "Mantelzorger_32",
    "Vrijwilligerswerk_33",
    "LopenEnOfFietsenNaarSchoolOfWerk_34",
    "LopenNaarSchoolOfWerk_35",
    "FietsenNaarSchoolOfWerk_36",
    "ErnstigeGeluidhinderDoorBuren_37",
    "MoeiteMetRondkomen_38",
]
#: 50120NED topics: the complete key list of a public client of the service (its positions
#: agree with the keys a second, independent client names).
TOPICS_50120NED = [
    *TOPICS_50090NED[:15],  # _4 .. _18 as in 2020
    "LangdurigErnstigBeperkt_19",
    "PsychischeKlachten_20",
    "ZeerLageVeerkracht_21",
    "ZeerHogeVeerkracht_22",
    "MistEmotioneleSteun_23",
    "SuicideGedachtenLaatste12Maanden_24",
    "HoogRisicoOpAngstOfDepressie_25",
    "HeelVeelStressInAfgelopen4Weken_26",
    "Eenzaam_27",
    "ErnstigZeerErnstigEenzaam_28",
    "EmotioneelEenzaam_29",
    "SociaalEenzaam_30",
    "Mantelzorger_31",
    "Vrijwilligerswerk_32",
    "MoeiteMetRondkomen_33",
    "LopenEnOfFietsenNaarSchoolOfWerk_34",
    "LopenNaarSchoolOfWerk_35",
    "FietsenNaarSchoolOfWerk_36",
    "NietSpecifiekeKlachten_37",
]
TOPICS = {"50090NED": TOPICS_50090NED, "50120NED": TOPICS_50120NED}
#: Topics without any estimate in an edition (every cell null), as in the 2020 extract.
LEEG = {"LopenEnOfFietsenNaarSchoolOfWerk", "LopenNaarSchoolOfWerk", "FietsenNaarSchoolOfWerk"}
TITELS = {
    "50090NED": "2012/2016/2020 (indeling 2020)",
    "50120NED": "2012/2016/2020/2022 (indeling 2022)",
}


def _pad(text: str, width: int = 10) -> str:
    return text.ljust(width)


def data_properties(tabel: str) -> list[dict]:
    """DataProperties of ``tabel`` in the published shape (titles shortened to the key)."""
    props: list[dict] = []

    def dim(soort: str, key: str, titel: str) -> None:
        props.append(
            {
                "odata.type": f"Cbs.OData.{soort}",
                "ID": len(props),
                "Position": len(props),
                "ParentID": None,
                "Type": soort,
                "Key": key,
                "Title": titel,
                "Description": "",
                **({"MapYear": int(TITELS[tabel][-5:-1])} if soort == "GeoDimension" else {}),
                **({"ReleasePolicy": False} if soort == "TimeDimension" else {}),
            }
        )

    dim("Dimension", "Leeftijd", "Leeftijd")
    dim("Dimension", "Marges", "Marges")
    dim("GeoDimension", "WijkenEnBuurten", "Wijken en buurten")
    dim("TimeDimension", "Perioden", "Perioden")
    groep = None
    for positie, key in enumerate([*TEKST, *TOPICS[tabel]], start=1):
        if positie in (1, 4):  # TopicGroups: Regioaanduiding, then the health topics
            groep = len(props)
            props.append(
                {
                    "odata.type": "Cbs.OData.TopicGroup",
                    "ID": groep,
                    "Position": None,
                    "ParentID": None,
                    "Type": "TopicGroup",
                    "Key": "",
                    "Title": "Regioaanduiding" if positie == 1 else "Gezondheid en welzijn",
                    "Description": "",
                }
            )
        tekst = key in TEKST
        props.append(
            {
                "odata.type": "Cbs.OData.Topic",
                "ID": len(props),
                "Position": positie,
                "ParentID": groep,
                "Type": "Topic",
                "Key": key,
                "Title": key.rsplit("_", 1)[0],
                "Description": "",
                "Datatype": "String" if tekst else "Double",
                "Unit": "" if tekst else "%",
                "Decimals": 0 if tekst else 1,
                "Default": "Impossible" if tekst else "Missing",
                "PresentationType": "" if tekst else "Relative",
            }
        )
    return props


def waarde(key: str, code: str, leeftijd: str, i: int) -> float | None:
    """A synthetic estimate (percent, one decimal) of one topic for one area and age group."""
    stem, positie = key.rsplit("_", 1)
    if stem in LEEG:
        return None
    return round(5 + (int(positie) * 7 + i * 3 + int(leeftijd) % 7) % 900 / 10, 1)


def rijen(tabel: str, jaar: int, leeftijd: str, gebieden) -> list[dict]:
    """TypedDataSet rows of one period and age group, point estimates only."""
    out = []
    for i, (code, naam, soort) in enumerate(gebieden):
        gemeente = "Nederland" if soort == "Land" else naam if soort == "Gemeente" else ""
        row: dict = {
            "ID": i,
            "Leeftijd": leeftijd,
            "Marges": "MW00000",
            "WijkenEnBuurten": _pad(code),
            "Perioden": f"{jaar}JJ00",
            "Gemeentenaam_1": _pad(gemeente or "Testdorp", 40),
            "SoortRegio_2": _pad(soort, 10),
            "Codering_3": _pad(code, 10),
        }
        row.update({k: waarde(k, code, leeftijd, i) for k in TOPICS[tabel]})
        out.append(row)
    return out


def filter_url(feed: str, jaar: int, leeftijd: str) -> str:
    """The first TypedDataSet URL of one period and age group, as the client builds it."""
    expr = f"Perioden eq '{jaar}JJ00' and Leeftijd eq '{leeftijd}' and Marges eq 'MW00000'"
    return f"{feed}/TypedDataSet?$format=json&$filter={quote(expr, safe=chr(39))}"


def replay(
    base: str,
    jaar: int,
    gebieden: list[tuple[str, str, str]],
    paginagrootte: int = PAGINAGROOTTE,
    modified: str = "2023-11-30T02:00:00",
) -> dict[str, str]:
    """URL -> response body of one edition (both age groups), metadata and data pages."""
    tabel = RIVM_TABELLEN[jaar]
    feed = f"{base}/{tabel}"
    meta = f"{feed}/$metadata#Cbs.OData.WebAPI"
    out: dict[str, dict] = {
        f"{feed}/TableInfos?$format=json": {
            "odata.metadata": f"{meta}.TableInfos",
            "value": [
                {
                    "ID": 0,
                    "Title": f"Gezondheid per wijk en buurt; {TITELS[tabel]}",
                    "Identifier": tabel,
                    "Catalog": "RIVM",
                    "Modified": modified,
                    "MetaDataModified": modified,
                    "Period": TITELS[tabel].split(" ")[0],
                    "Language": "nl",
                }
            ],
        },
        f"{feed}/DataProperties?$format=json": {
            "odata.metadata": f"{meta}.DataProperties",
            "value": data_properties(tabel),
        },
    }
    for leeftijd in LEEFTIJDEN.values():
        data = rijen(tabel, jaar, leeftijd, gebieden)
        url = filter_url(feed, jaar, leeftijd)
        for start in range(0, len(data), paginagrootte):
            page: dict = {
                "odata.metadata": f"{meta}.TypedDataSet",
                "value": data[start : start + paginagrootte],
            }
            if start + paginagrootte < len(data):
                page["odata.nextLink"] = f"{url}&$skip={start + paginagrootte}"
            out[url] = page
            url = page.get("odata.nextLink", "")
    return {u: json.dumps(body) for u, body in out.items()}
