"""Scenario inputs from the store's frames (indicators, energy prices) and the export table."""

from __future__ import annotations

import pandas as pd

from geldstromen.scenario.belasting import pad_tekst, tarief, tarieftabel
from geldstromen.scenario.config import (
    GEBRUIKER,
    VELD_LABELS,
    catalogus,
    standaard,
    toepassen,
    valideer,
)
from geldstromen.scenario.model import METHODE, Scenario, per_partij_per_jaar

#: Upper heating value of Groningen-quality natural gas (CBS conversion: 35.17 MJ per m3).
GJ_PER_M3 = 0.03517
EXPORT_COLUMNS = [
    "onderdeel",
    "interventie",
    "partij",
    "jaar",
    "grootheid",
    "waarde",
    "eenheid",
    "bron",
    "methode",
]


def indicatoren_voor(frame: pd.DataFrame, jaar: int) -> dict[str, dict]:
    """``{indicator: row}`` for one region in one year (frame of query ``tijd_regio``)."""
    rijen = frame[frame["jaar"].astype(int) == int(jaar)]
    return {r["indicator"]: r for r in rijen.to_dict("records")}


MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def prijzen_voor(tarieven: pd.DataFrame) -> dict[str, dict]:
    """Effect prices from the store's CBS energy prices: ``aardgasprijs``, the variable supply
    price (leveringstarief) per m³ excl. btw and taxes, of the last year with monthly tariffs
    (CBS 84672NED), as the mean of its months. The btw of each month is read from the same
    table (energiebelasting incl. btw / the Belastingdienst rate excl. btw), so 2022's 21 % and
    9 % are both right. Never the average price incl. fixed charges (81309NED): a saving only
    lowers the variable part of the bill. Empty when the monthly tariffs are not in the store."""
    if tarieven.empty:
        return {}
    gas = tarieven[(tarieven["drager"] == "aardgas") & tarieven["waarde"].notna()]
    var = gas[(gas["component"] == "variabel_leveringstarief") & (gas["eenheid"] == "eur_per_m3")]
    eb = gas[(gas["component"] == "energiebelasting") & (gas["eenheid"] == "eur_per_m3")]
    if var.empty:
        return {}
    jaar = int(var["jaar"].max())
    t = tarief("aardgas", jaar)
    if t is None:
        return {}
    rijen = var[var["jaar"] == jaar].merge(
        eb[eb["jaar"] == jaar][["periode", "waarde"]].rename(columns={"waarde": "eb_incl"}),
        on="periode",
    )
    if rijen.empty:
        return {}
    # 84672NED has energiebelasting and ODE in separate columns, like the Belastingdienst table
    eb_excl = float(
        tarieftabel().set_index(["jaar", "drager"]).at[(jaar, "aardgas"), "energiebelasting_eur"]
    )
    factor = rijen["eb_incl"] / eb_excl
    kaal = rijen["waarde"] / factor
    maanden = sorted(rijen["periode"].str.split().str[-1], key=_maand)
    btw = sorted({round((f - 1) * 100) for f in factor})
    waarde = round(float(kaal.mean()), 4)
    bron = (
        f"{rijen['bron'].iloc[0]}: variabel leveringstarief aardgas {jaar}, gemiddelde van "
        f"{len(rijen)} maanden ({maanden[0]}–{maanden[-1]}), excl. btw "
        f"({' en '.join(f'{b}%' for b in btw)}), zonder vaste kosten en belastingen; "
        f"{jaar} is het laatst bekende jaar en geldt voor elk scenariojaar (doorgetrokken)"
    )
    return {"aardgasprijs": {"waarde": waarde, "bron": bron, "jaar": jaar}}


def _maand(naam: str) -> int:
    return MAANDEN.index(naam) if naam in MAANDEN else 99


def standaard_voet() -> dict:
    """The catalogue's discount rate with its source."""
    return dict(catalogus()["disconteringsvoet_pct"])


def voet_uit(waarde: float | None, bron: str = GEBRUIKER) -> dict:
    """The discount rate with its source: the catalogue's when ``waarde`` is absent or equal."""
    voet = standaard_voet()
    if waarde is None or waarde == voet["waarde"]:
        return voet
    return {"waarde": waarde, "bron": bron}


def invullen(
    config: dict,
    indicatoren: dict[str, dict],
    prijzen: dict[str, dict],
    startjaar: int,
    bron: str = GEBRUIKER,
) -> tuple[list[dict], dict]:
    """Validate a config and fill it in: (interventions with values + sources, discount rate)."""
    valideer(config)
    items = [
        toepassen(standaard(item["id"], indicatoren, prijzen, startjaar), item, bron)
        for item in config["interventies"]
    ]
    return items, voet_uit(config.get("disconteringsvoet_pct"), bron)


def aannames(items: list[dict], voet: dict) -> pd.DataFrame:
    """Every assumption with its value, unit and source (empty source = missing)."""
    rows = [
        ("aanname", "", "", None, "disconteringsvoet", voet["waarde"], "% per jaar", voet["bron"])
    ]
    for i in items:
        label = i["label"]
        for veld, eenheid in (
            ("eenheden", i["eenheid"]),
            ("kosten_eenmalig_per_eenheid_eur", f"euro per {i['eenheid']}"),
            ("kosten_jaarlijks_per_eenheid_eur", f"euro per {i['eenheid']} per jaar"),
            ("startjaar", "jaar"),
            ("looptijd_jaar", "jaren"),
        ):
            rows.append(
                (
                    "aanname",
                    label,
                    "",
                    None,
                    VELD_LABELS[veld],
                    i[veld]["waarde"],
                    eenheid,
                    i[veld]["bron"],
                )
            )
        kv = i["kostenverdeling_pct"]
        for partij, pct in kv["waarden"].items():
            rows.append(("aanname", label, partij, None, "kostenverdeling", pct, "%", kv["bron"]))
        for e in i["effecten"]:
            wie = e["ontvanger"] or ""
            if e["betaler"]:
                wie = f"{wie} <- {e['betaler']}" if wie else f"betaald door {e['betaler']}"
            rows.append(
                (
                    "aanname",
                    label,
                    wie,
                    None,
                    f"{e['label']} (hoeveelheid)",
                    e["per_eenheid"]["waarde"],
                    e["hoeveelheid"],
                    e["per_eenheid"]["bron"],
                )
            )
            rows.append(
                (
                    "aanname",
                    label,
                    wie,
                    None,
                    f"{e['label']} (prijs)",
                    e["prijs"]["waarde"],
                    e["prijs_eenheid"],
                    e["prijs"]["bron"],
                )
            )
            if e.get("belasting"):
                b = e["belasting"]
                jaren = _jaren(i)
                per_jaar = (
                    f"; per jaar van het scenario: {pad_tekst(b['drager'], jaren)}"
                    if b.get("per_jaar") and jaren
                    else ""
                )
                rows.append(
                    (
                        "aanname",
                        label,
                        f"{e['ontvanger']} <- rijk",
                        None,
                        f"{e['label']} (energiebelasting + ODE in de prijs)",
                        b["belasting_eur"]["waarde"],
                        f"euro per eenheid {b['drager']}, excl. btw",
                        _bron(b["belasting_eur"]["bron"], per_jaar),
                    )
                )
                rows.append(
                    (
                        "aanname",
                        label,
                        f"{e['ontvanger']} <- rijk",
                        None,
                        f"{e['label']} (btw in de prijs)",
                        b["btw_pct"]["waarde"],
                        "%",
                        _bron(b["btw_pct"]["bron"], per_jaar),
                    )
                )
    out = pd.DataFrame([(*r, METHODE) for r in rows], columns=EXPORT_COLUMNS)
    return out.astype({"jaar": "Int64", "waarde": "object"})


def _jaren(item: dict) -> range | None:
    start, looptijd = item["startjaar"]["waarde"], item["looptijd_jaar"]["waarde"]
    if start is None or looptijd is None:
        return None
    return range(int(start), int(start) + int(looptijd))


def _bron(bron: str | None, extra: str) -> str | None:
    return None if bron is None else bron + extra


def export_tabel(
    scenario: Scenario | None, items: list[dict], voet: dict, per_jaar: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Assumptions plus, when computable, the result per party and year (long form);
    ``per_jaar``: ``per_partij_per_jaar(scenario)`` when the caller already has it."""
    delen = [aannames(items, voet)]
    if scenario is not None:
        res = per_partij_per_jaar(scenario) if per_jaar is None else per_jaar
        grootheden = [
            "kosten_eur",
            "baten_eur",
            "netto_eur",
            "cumulatief_eur",
            "netto_contant_eur",
            "cumulatief_contant_eur",
        ]
        lang = res.melt(
            id_vars=["partij", "jaar"],
            value_vars=grootheden,
            var_name="grootheid",
            value_name="waarde",
        )
        lang["onderdeel"] = "resultaat"
        lang["interventie"] = "alle"
        lang["eenheid"] = "euro"
        lang["bron"] = "scenario-berekening op de aannames hierboven"
        lang["methode"] = METHODE
        delen.append(lang[EXPORT_COLUMNS].astype({"jaar": "Int64", "waarde": "object"}))
    return pd.concat(delen, ignore_index=True)


def export_meta(naam: str, regio_code: str, regio_naam: str, jaar: int) -> dict[str, str]:
    """The metadata of a CSV/Excel export of ``export_tabel``."""
    return {
        "tabel": "scenario (geen waarneming: alle bedragen zijn een doorrekening van aannames)",
        "scenario": naam,
        "regio": f"{regio_naam} ({regio_code})",
        "jaar wijkgegevens": str(jaar),
        "methode": METHODE,
    }
