"""Scenario configuration: catalogue defaults, user values, validation, URL form.

A *config* is what a user saves, shares or passes to the CLI (see docs/scenario.md)::

    {"naam": str, "disconteringsvoet_pct": float,
     "interventies": [{"id": str, "eenheden": float, "kosten_eenmalig_per_eenheid_eur": float,
                       "kosten_jaarlijks_per_eenheid_eur": float,
                       "kostenverdeling_pct": {partij: pct}, "startjaar": int,
                       "looptijd_jaar": int,
                       "effecten": {effect_id: {"per_eenheid": float, "prijs": float}}}]}

Absent values take the default (catalogue or the region's own data). Every filled-in value
carries a ``bron``; a value without one is missing and blocks the computation.
"""

from __future__ import annotations

import copy
import math
from functools import lru_cache
from pathlib import Path

import yaml

from geldstromen.scenario.belasting import pad, tarief_in
from geldstromen.scenario.model import PARTIJEN, Effect, Interventie, Scenario
from geldstromen.scenario.schema import (
    MAX_EFFECTEN,
    MAX_INTERVENTIES,
    MAX_MELDINGEN,
    ScenarioFout,
    controleer,
)

__all__ = ["ScenarioFout"]  # raised by valideer; defined with the schema

CATALOGUS = Path(__file__).with_name("interventies.yaml")
GEBRUIKER = "ingevuld door gebruiker"
GETALVELDEN = (
    "eenheden",
    "kosten_eenmalig_per_eenheid_eur",
    "kosten_jaarlijks_per_eenheid_eur",
    "startjaar",
    "looptijd_jaar",
)
VELD_LABELS = {
    "eenheden": "aantal eenheden",
    "kosten_eenmalig_per_eenheid_eur": "investering per eenheid (euro)",
    "kosten_jaarlijks_per_eenheid_eur": "jaarlijkse kosten per eenheid (euro)",
    "startjaar": "startjaar",
    "looptijd_jaar": "looptijd (jaren)",
}
#: Per-effect tax assumptions (config keys) for effects with ``belasting`` in the catalogue.
BELASTINGVELDEN = ("belasting_eur", "btw_pct")
BELASTING_LABELS = {
    "belasting_eur": "energiebelasting + ODE per eenheid (euro, excl. btw)",
    "btw_pct": "btw (%)",
}


@lru_cache(maxsize=1)
def catalogus() -> dict:
    """The intervention catalogue (interventies.yaml)."""
    return yaml.safe_load(CATALOGUS.read_text(encoding="utf-8"))


def _waarde(waarde, bron: str | None) -> dict:
    return {"waarde": waarde, "bron": bron if waarde is not None else None}


def standaard_eenheden(spec: dict, indicatoren: dict[str, dict]) -> dict:
    """Units from the region's indicators: product of factors, each named in ``bron``."""
    if "factoren" not in spec:
        return _waarde(spec.get("waarde"), spec.get("bron"))
    totaal, delen, bronnen = 1.0, [], []
    for factor in spec["factoren"]:
        rij = indicatoren.get(factor["indicator"])
        if rij is None or rij.get("waarde") is None or _nan(rij["waarde"]):
            return {"waarde": None, "bron": None, "ontbreekt": factor["indicator"]}
        x = float(rij["waarde"])
        totaal *= {"aantal": x, "pct": x / 100.0, "rest_pct": (100.0 - x) / 100.0}[factor["als"]]
        teken = {"aantal": "", "pct": "%", "rest_pct": "% (rest)"}[factor["als"]]
        delen.append(f"{factor['indicator']} {x:g}{teken}")
        bron = f"{rij.get('bron')}".split(", Bron:")[0]
        if bron not in bronnen:
            bronnen.append(bron)
    return {
        "waarde": round(totaal),
        "bron": f"wijkgegevens {', '.join(bronnen)}: " + " x ".join(delen),
    }


def _nan(x) -> bool:
    return isinstance(x, float) and math.isnan(x)


def standaard(
    interventie_id: str, indicatoren: dict[str, dict], prijzen: dict[str, dict], startjaar: int
) -> dict:
    """A filled-in intervention from the catalogue and the region's data (values + sources)."""
    spec = catalogus()["interventies"][interventie_id]
    kv = spec.get("kostenverdeling_pct", {})
    uit = {
        "id": interventie_id,
        "label": spec["label"],
        "eenheid": spec["eenheid"],
        "eenheden": standaard_eenheden(spec["eenheden"], indicatoren),
        "kostenverdeling_pct": {
            "waarden": {p: kv.get("waarden", {}).get(p) for p in PARTIJEN},
            "bron": kv.get("bron"),
        },
        "startjaar": _waarde(startjaar, "standaard: dit jaar (keuze, geen bron)"),
        "looptijd_jaar": _waarde(
            spec.get("looptijd_jaar", {}).get("waarde"), spec.get("looptijd_jaar", {}).get("bron")
        ),
        "effecten": [],
    }
    for veld in ("kosten_eenmalig_per_eenheid_eur", "kosten_jaarlijks_per_eenheid_eur"):
        uit[veld] = _waarde(spec[veld].get("waarde"), spec[veld].get("bron"))
    for e in spec.get("effecten", []):
        prijs = prijzen.get(e["prijs_uit"]) if "prijs_uit" in e else e.get("prijs")
        ctx = indicatoren.get(e.get("context_indicator", ""))
        tarief = tarief_in(e["belasting"], startjaar) if e.get("belasting") else None
        belasting = None
        if e.get("belasting"):
            # shown: the start year's rates; computed: the rates of every scenario year
            belasting = {
                "drager": e["belasting"],
                "belasting_eur": dict((tarief or {}).get("belasting") or _waarde(None, None)),
                "btw_pct": dict((tarief or {}).get("btw_pct") or _waarde(None, None)),
                "per_jaar": tarief is not None,
            }
        uit["effecten"].append(
            {
                "belasting": belasting,
                "id": e["id"],
                "label": e["label"],
                "hoeveelheid": e["hoeveelheid"],
                "prijs_eenheid": e["prijs_eenheid"],
                "per_eenheid": per_eenheid_uit(e["per_eenheid"], indicatoren),
                "prijs": _waarde((prijs or {}).get("waarde"), (prijs or {}).get("bron")),
                "ontvanger": e.get("ontvanger"),
                "betaler": e.get("betaler"),
                "context": None
                if ctx is None
                else f"{ctx.get('label')}: {ctx.get('waarde')} ({ctx.get('jaar')}, {ctx.get('bron')})",
            }
        )
    return uit


def per_eenheid_uit(spec: dict, indicatoren: dict[str, dict]) -> dict:
    """An effect's quantity per unit: a sourced number, or ``vast + factor x`` the region's
    indicator (``uit_indicator``), with the indicator's value, year and source in ``bron``."""
    if "uit_indicator" not in spec:
        return _waarde(spec.get("waarde"), spec.get("bron"))
    rij = indicatoren.get(spec["uit_indicator"])
    if rij is None or rij.get("waarde") is None or _nan(rij["waarde"]):
        return {"waarde": None, "bron": None, "ontbreekt": spec["uit_indicator"]}
    x = float(rij["waarde"])
    factor, vast = float(spec.get("factor", 1)), float(spec.get("vast", 0))
    waarde = round(vast + factor * x, 2)
    wijk = f"{spec['uit_indicator']} {x:g} ({rij.get('jaar')}, {str(rij.get('bron')).split(', Bron:')[0]})"
    som = (f"{vast:g} + " if vast else "") + (f"{factor:g} x " if factor != 1 else "") + wijk
    return {"waarde": waarde, "bron": f"{spec['bron']}: {som}"}


def valideer(config) -> dict:
    """Check a parsed config: the schema (types, finite numbers, bounds; ``schema.controleer``),
    then the catalogue (known interventions and effects, each intervention once, a cost split
    of 100 %). Raises ScenarioFout with every problem found; returns the config."""
    bekend = catalogus()["interventies"]
    controleer(config, {iid: spec["label"] for iid, spec in bekend.items()})
    fouten: list[str] = []
    gezien: set[str] = set()
    for n, item in enumerate(config["interventies"], start=1):
        iid = item["id"]
        if iid not in bekend:
            fouten.append(
                f"Interventie {n}: onbekende interventie {iid[:40]!r}; kies uit "
                f"{', '.join(bekend)}."
            )
            continue
        wie = bekend[iid]["label"]
        if iid in gezien:
            fouten.append(f"{wie} staat twee keer in het scenario; een interventie mag één keer.")
        gezien.add(iid)
        kv = item.get("kostenverdeling_pct")
        if kv is not None:
            som = sum(v for v in kv.values() if v is not None)
            if abs(som - 100) > 0.01:
                fouten.append(
                    f"{wie}: de kostenverdeling telt op tot {som:g}%, dat moet 100% zijn."
                )
        ids = [e["id"] for e in bekend[iid].get("effecten", [])]
        for eid in item.get("effecten") or {}:
            if eid not in ids:
                fouten.append(f"{wie}: onbekend effect {eid[:40]!r}; kies uit {', '.join(ids)}.")
    if fouten:
        raise ScenarioFout(fouten)
    return config


def _fouten(config: dict) -> list[str]:
    """The Dutch problems of ``config`` (empty when it is valid)."""
    try:
        valideer(config)
    except ScenarioFout as exc:
        return list(exc.meldingen)
    return []


def laad_deels(config) -> tuple[dict, list[str]]:
    """What can be used of a config (a shared link filled in halfway, or partly damaged), and a
    Dutch sentence for every part left out or still incomplete.

    Field by field: a value that fails the schema is left out (the page's default or an empty
    input takes its place), as is an unknown intervention or effect or one given twice. A cost
    split that does not add up to 100 % is kept and named: the page shows it as missing.
    Raises ScenarioFout only when nothing can be used."""
    if not isinstance(config, dict) or not isinstance(config.get("interventies"), list):
        valideer(config)  # raises the Dutch reason
    if not config["interventies"]:
        valideer(config)
    bekend = catalogus()["interventies"]
    meldingen: list[str] = []
    uit: dict = {"interventies": []}
    for veld in ("naam", "disconteringsvoet_pct"):
        if config.get(veld) is not None:
            proef = {veld: config[veld], "interventies": [{"id": next(iter(bekend))}]}
            fout = _fouten(proef)
            meldingen += fout
            if not fout:
                uit[veld] = config[veld]
    for extra in set(config) - {"naam", "disconteringsvoet_pct", "interventies"}:
        meldingen.append(f"Scenario: onbekend veld `{str(extra)[:40]}`.")
    gezien: set[str] = set()
    for n, item in enumerate(config["interventies"][:MAX_INTERVENTIES], start=1):
        iid = item.get("id") if isinstance(item, dict) else None
        if not isinstance(iid, str) or iid not in bekend:
            wat = repr(iid[:40]) if isinstance(iid, str) else "zonder geldige id"
            meldingen.append(
                f"Interventie {n}: onbekende interventie {wat}; niet geladen (kies uit "
                f"{', '.join(bekend)})."
            )
            continue
        if iid in gezien:
            meldingen.append(f"{bekend[iid]['label']} staat twee keer in de link; de eerste telt.")
            continue
        gezien.add(iid)
        uit["interventies"].append(_item_deels(iid, item, meldingen))
    if len(config["interventies"]) > MAX_INTERVENTIES:
        meldingen.append(f"Alleen de eerste {MAX_INTERVENTIES} interventies zijn geladen.")
    if not uit["interventies"]:
        raise ScenarioFout([*meldingen, "Er is geen bruikbare interventie in het scenario."])
    if len(meldingen) > MAX_MELDINGEN:
        meldingen = [
            *meldingen[:MAX_MELDINGEN],
            f"… en nog {len(meldingen) - MAX_MELDINGEN} andere problemen.",
        ]
    return uit, meldingen


def _item_deels(iid: str, item: dict, meldingen: list[str]) -> dict:
    """One known intervention of a config, each invalid value left out (and named)."""
    spec = catalogus()["interventies"][iid]
    wie = spec["label"]

    def geldig(deel: dict) -> bool:
        fout = [m for m in _fouten({"interventies": [{"id": iid, **deel}]}) if "telt op" not in m]
        meldingen.extend(fout)
        return not fout

    uit: dict = {"id": iid}
    for veld, waarde in item.items():
        if veld in ("id", "effecten") or waarde is None:
            continue
        if veld == "kostenverdeling_pct" and isinstance(waarde, dict):
            kv = {p: v for p, v in waarde.items() if v is not None and geldig({veld: {p: v}})}
            som = sum(kv.values())
            if abs(som - 100) > 0.01:
                meldingen.append(f"{wie}: kostenverdeling (nu {som:g}%, moet 100% zijn).")
            uit[veld] = kv
        elif geldig({veld: waarde}):
            uit[veld] = waarde
    effecten = item.get("effecten")
    if effecten is not None and (not isinstance(effecten, dict) or len(effecten) > MAX_EFFECTEN):
        geldig({"effecten": effecten})  # names the problem; no effect is loaded
    elif effecten:
        uit["effecten"] = {}
        for eid, waarden in effecten.items():
            if not isinstance(waarden, dict):
                if waarden is not None:
                    geldig({"effecten": {eid: waarden}})
                continue
            if not geldig({"effecten": {eid: {}}}):
                continue
            uit["effecten"][eid] = {
                k: v
                for k, v in waarden.items()
                if v is not None and geldig({"effecten": {eid: {k: v}}})
            }
    return uit


def _zet(doel: dict, waarde, bron_als_nieuw: str, leeg: bool) -> None:
    if waarde is None:
        if leeg:
            doel.update(waarde=None, bron=None)
        return
    if waarde != doel.get("waarde"):
        doel.update(waarde=waarde, bron=bron_als_nieuw)


def toepassen(standaard_item: dict, item: dict, bron: str = GEBRUIKER, leeg: bool = False) -> dict:
    """The default with the config's values on top; a changed value gets ``bron``.

    An absent (None) value keeps the default; with ``leeg`` (the page's inputs, where a cleared
    field means "unknown") it empties the value instead. An absent kostenverdeling always keeps
    the default.
    """
    uit = copy.deepcopy(standaard_item)
    for veld in GETALVELDEN:
        _zet(uit[veld], item.get(veld), bron, leeg)
    kv = item.get("kostenverdeling_pct")
    if kv is not None:
        nieuw = {p: kv.get(p, 0) for p in PARTIJEN}
        oud = {p: v or 0 for p, v in uit["kostenverdeling_pct"]["waarden"].items()}
        if nieuw != oud or uit["kostenverdeling_pct"]["bron"] is None:
            uit["kostenverdeling_pct"] = {"waarden": nieuw, "bron": bron}
    for e in uit["effecten"]:
        waarden = (item.get("effecten") or {}).get(e["id"]) or {}
        _zet(e["per_eenheid"], waarden.get("per_eenheid"), bron, leeg)
        _zet(e["prijs"], waarden.get("prijs"), bron, leeg)
        if e.get("belasting"):
            for k in BELASTINGVELDEN:
                voor = e["belasting"][k]["bron"]
                _zet(e["belasting"][k], waarden.get(k), bron, leeg)
                if e["belasting"][k]["bron"] != voor:  # a chosen rate holds for every year
                    e["belasting"]["per_jaar"] = False
        for k in ("ontvanger", "betaler"):
            if k in waarden:
                e[k] = waarden[k]
    return uit


def ontbrekend(item: dict) -> list[str]:
    """Dutch list of the values still to fill in (empty when complete)."""
    mis = [VELD_LABELS[v] for v in GETALVELDEN if item[v]["waarde"] is None]
    kv = item["kostenverdeling_pct"]["waarden"]
    som = sum(v or 0 for v in kv.values())
    if abs(som - 100) > 0.01:
        mis.append(f"kostenverdeling (nu {som:g}%, moet 100% zijn)")
    for e in item["effecten"]:
        if e["per_eenheid"]["waarde"] is None:
            mis.append(f"{e['label']}: {e['hoeveelheid']}")
        if e["prijs"]["waarde"] is None:
            mis.append(f"{e['label']}: {e['prijs_eenheid']}")
        for k in BELASTINGVELDEN if e.get("belasting") else ():
            if e["belasting"][k]["waarde"] is None:
                mis.append(f"{e['label']}: {BELASTING_LABELS[k]}")
    return mis


def naar_interventie(item: dict) -> Interventie:
    """A complete filled-in intervention as the arithmetic's dataclass."""
    start, looptijd = int(item["startjaar"]["waarde"]), int(item["looptijd_jaar"]["waarde"])
    jaren = range(start, start + looptijd)
    effecten = tuple(
        Effect(
            id=e["id"],
            label=e["label"],
            per_eenheid=float(e["per_eenheid"]["waarde"]),
            eur_per_hoeveelheid=float(e["prijs"]["waarde"]),
            ontvanger=e["ontvanger"],
            betaler=e["betaler"],
            **{
                k: float(e["belasting"][k]["waarde"]) for k in BELASTINGVELDEN if e.get("belasting")
            },
            belasting_per_jaar=tuple(pad(e["belasting"]["drager"], jaren))
            if e.get("belasting") and e["belasting"].get("per_jaar")
            else (),
        )
        for e in item["effecten"]
    )
    return Interventie(
        id=item["id"],
        label=item["label"],
        eenheden=float(item["eenheden"]["waarde"]),
        kosten_eenmalig_per_eenheid_eur=float(item["kosten_eenmalig_per_eenheid_eur"]["waarde"]),
        kosten_jaarlijks_per_eenheid_eur=float(item["kosten_jaarlijks_per_eenheid_eur"]["waarde"]),
        kostenverdeling_pct={
            p: float(v or 0) for p, v in item["kostenverdeling_pct"]["waarden"].items()
        },
        startjaar=start,
        looptijd_jaar=looptijd,
        effecten=effecten,
    )


def naar_config(items: list[dict], naam: str, voet: float | None) -> dict:
    """The compact config of filled-in interventions (all values, no sources)."""
    return {
        "naam": naam,
        "disconteringsvoet_pct": voet,
        "interventies": [
            {
                "id": i["id"],
                **{v: i[v]["waarde"] for v in GETALVELDEN},
                "kostenverdeling_pct": {
                    p: v for p, v in i["kostenverdeling_pct"]["waarden"].items() if v
                },
                "effecten": {
                    e["id"]: {
                        "per_eenheid": e["per_eenheid"]["waarde"],
                        "prijs": e["prijs"]["waarde"],
                        **{
                            k: e["belasting"][k]["waarde"]
                            for k in BELASTINGVELDEN
                            if e.get("belasting") and e["belasting"][k]["waarde"] is not None
                        },
                    }
                    for e in i["effecten"]
                },
            }
            for i in items
        ],
    }


def scenario_uit(items: list[dict], naam: str, voet: float) -> Scenario:
    """The arithmetic's Scenario from complete filled-in interventions."""
    return Scenario(
        naam=naam,
        interventies=tuple(naar_interventie(i) for i in items),
        disconteringsvoet_pct=float(voet),
    )
