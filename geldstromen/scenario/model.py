"""Scenario arithmetic ("wie betaalt, wie profiteert"): cash flows per party and year.

Pure pandas. A scenario is a set of interventions, each with units, costs per unit split over
parties, and yearly effects per unit that one party gains (``ontvanger``) and, for a transfer,
another party loses (``betaler``). Everything here is labelled ``methode = scenario`` and is
never mixed with observed or allocated money flows.

Timing: a one-off cost falls in the start year; yearly costs and effects fall in every year of
the duration (start year included). Discounting is to the scenario's base year (the earliest
start year): ``bedrag / (1 + r) ** (jaar - basisjaar)``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from geldstromen.scenario.belasting import prijs_incl

PARTIJEN = ("gemeente", "huishoudens", "woningcorporatie", "zorgverzekeraar", "rijk")
PARTIJ_LABELS = {
    "gemeente": "Gemeente",
    "huishoudens": "Huishoudens",
    "woningcorporatie": "Woningcorporatie",
    "zorgverzekeraar": "Zorgverzekeraar",
    "rijk": "Rijk",
}
#: One colour per party, the same in the page's charts and the PDF.
PARTIJ_KLEUREN = {
    "gemeente": "#1f77b4",
    "huishoudens": "#ff7f0e",
    "woningcorporatie": "#2ca02c",
    "zorgverzekeraar": "#9467bd",
    "rijk": "#8c564b",
}
METHODE = "scenario"
#: ``tegenpartij``: the party on the other side of a transfer (empty for costs and savings).
KASSTROOM_COLUMNS = [
    "interventie",
    "partij",
    "jaar",
    "soort",
    "post",
    "bedrag_eur",
    "tegenpartij",
    "methode",
]
BELASTING_POST = "minder energiebelasting en btw"
#: A sensitivity range below half a cent is float rounding, not an effect of the assumption.
GEEN_BEREIK_EUR = 0.005


@dataclass(frozen=True)
class Effect:
    """A yearly effect per unit: ``per_eenheid`` quantity x a price per quantity.

    Without taxes the price is ``eur_per_hoeveelheid``. An energy saving has taxes: then
    ``eur_per_hoeveelheid`` is the variable supply price (leveringstarief, excl. btw) and the
    household saves ``(supply + belasting) x (1 + btw)`` per quantity; ``belasting`` (energiebelasting
    + ODE per quantity, excl. btw) and ``btw`` are those of each year (``belasting_per_jaar``:
    ``(jaar, belasting_eur, btw_pct)``), else the constant ``belasting_eur`` / ``btw_pct``.
    Everything but the supply price is a transfer from ``rijk`` (lower tax income).
    """

    id: str
    label: str
    per_eenheid: float
    eur_per_hoeveelheid: float
    ontvanger: str | None
    betaler: str | None = None
    belasting_eur: float = 0.0
    btw_pct: float = 0.0
    belasting_per_jaar: tuple[tuple[int, float, float], ...] = ()

    def belasting_in(self, jaar: int) -> tuple[float, float]:
        """(energiebelasting + ODE, btw %) of one year."""
        for j, b, btw in self.belasting_per_jaar:
            if j == jaar:
                return b, btw
        return self.belasting_eur, self.btw_pct

    def prijs_in(self, jaar: int) -> float:
        """The price per quantity the receiver saves in ``jaar`` (incl. taxes, if any)."""
        b, btw = self.belasting_in(jaar)
        return prijs_incl(self.eur_per_hoeveelheid, b, btw)


@dataclass(frozen=True)
class Interventie:
    """One intervention with every assumption filled in (validated elsewhere)."""

    id: str
    label: str
    eenheden: float
    kosten_eenmalig_per_eenheid_eur: float
    kosten_jaarlijks_per_eenheid_eur: float
    kostenverdeling_pct: dict[str, float]
    startjaar: int
    looptijd_jaar: int
    effecten: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """Interventions and a discount rate (percent per year)."""

    naam: str
    interventies: tuple[Interventie, ...]
    disconteringsvoet_pct: float = 0.0

    def start(self) -> int:
        return min(i.startjaar for i in self.interventies)

    def eind(self) -> int:
        return max(i.startjaar + max(i.looptijd_jaar, 1) - 1 for i in self.interventies)


def _effect_rows(e: Effect, eenheden: float, jaren: range) -> list[tuple]:
    # Only a saving from outside the parties (no payer) carries a tax part for the Rijk.
    extern = e.ontvanger and not e.betaler
    rows = []
    for j in jaren:
        bedrag = eenheden * e.per_eenheid * e.prijs_in(j)
        belasting = bedrag - eenheden * e.per_eenheid * e.eur_per_hoeveelheid if extern else 0.0
        if e.ontvanger:
            rows.append((e.ontvanger, j, "baten", e.label, bedrag - belasting, e.betaler))
        if e.betaler:
            rows.append((e.betaler, j, "baten", e.label, -bedrag, e.ontvanger))
        if belasting:
            post = f"{e.label}: {BELASTING_POST}"
            rows.append((e.ontvanger, j, "baten", post, belasting, "rijk"))
            rows.append(("rijk", j, "baten", post, -belasting, e.ontvanger))
    return rows


def _rows(i: Interventie) -> list[dict]:
    rows = []
    jaren = range(i.startjaar, i.startjaar + i.looptijd_jaar)
    for partij, pct in i.kostenverdeling_pct.items():
        deel = (pct or 0) / 100.0
        if deel == 0:
            continue
        if i.kosten_eenmalig_per_eenheid_eur:
            bedrag = -i.eenheden * i.kosten_eenmalig_per_eenheid_eur * deel
            rows.append((partij, i.startjaar, "kosten", "investering", bedrag, None))
        if i.kosten_jaarlijks_per_eenheid_eur:
            bedrag = -i.eenheden * i.kosten_jaarlijks_per_eenheid_eur * deel
            rows += [(partij, j, "kosten", "jaarlijkse kosten", bedrag, None) for j in jaren]
    for e in i.effecten:
        rows += _effect_rows(e, i.eenheden, jaren)
    return [
        dict(zip(KASSTROOM_COLUMNS, (i.id, *r, METHODE), strict=True)) for r in rows if r[4] != 0
    ]


def kasstromen(scenario: Scenario) -> pd.DataFrame:
    """Long frame: one row per intervention x party x year x item; costs are negative."""
    rows = [r for i in scenario.interventies for r in _rows(i)]
    frame = pd.DataFrame(rows, columns=KASSTROOM_COLUMNS)
    return frame.astype({"jaar": "int64", "bedrag_eur": "float64"})


def disconteer(bedrag, jaar, basisjaar: int, voet_pct: float):
    """Present value in the base year (of Series or of single numbers)."""
    return bedrag / (1.0 + voet_pct / 100.0) ** (jaar - basisjaar)


def per_partij_per_jaar(scenario: Scenario) -> pd.DataFrame:
    """Every party x every year of the horizon: kosten, baten, netto, cumulative, discounted."""
    flows = kasstromen(scenario)
    jaren = range(scenario.start(), scenario.eind() + 1)
    idx = pd.MultiIndex.from_product([PARTIJEN, jaren], names=["partij", "jaar"])
    kosten = flows[flows["bedrag_eur"] < 0].groupby(["partij", "jaar"])["bedrag_eur"].sum()
    baten = flows[flows["bedrag_eur"] > 0].groupby(["partij", "jaar"])["bedrag_eur"].sum()
    out = pd.DataFrame(
        {
            "kosten_eur": -kosten.reindex(idx, fill_value=0.0),
            "baten_eur": baten.reindex(idx, fill_value=0.0),
        }
    ).reset_index()
    out["netto_eur"] = out["baten_eur"] - out["kosten_eur"]
    out["netto_contant_eur"] = disconteer(
        out["netto_eur"], out["jaar"], scenario.start(), scenario.disconteringsvoet_pct
    )
    grouped = out.groupby("partij", sort=False)
    out["cumulatief_eur"] = grouped["netto_eur"].cumsum()
    out["cumulatief_contant_eur"] = grouped["netto_contant_eur"].cumsum()
    out["methode"] = METHODE
    return out


def terugverdienjaar(cumulatief: pd.Series, jaren: pd.Series) -> int | None:
    """First year from which the cumulative net stays >= 0; None if it ends below zero.

    A party that is never below zero has nothing to earn back: its first year is returned.
    """
    eps = 1e-6
    negatief = [j for j, c in zip(jaren, cumulatief, strict=True) if c < -eps]
    if not negatief:
        return int(jaren.iloc[0]) if len(jaren) else None
    laatste = max(negatief)
    later = [j for j in jaren if j > laatste]
    return int(min(later)) if later else None


def samenvatting(scenario: Scenario, per_jaar: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per party: totals over the horizon (nominal and discounted) and payback years.

    ``per_jaar``: ``per_partij_per_jaar(scenario)`` when the caller already has it.
    """
    jaarlijks = per_partij_per_jaar(scenario) if per_jaar is None else per_jaar
    rows = []
    for partij, g in jaarlijks.groupby("partij", sort=False):
        g = g.sort_values("jaar")
        rows.append(
            {
                "partij": partij,
                "kosten_eur": g["kosten_eur"].sum(),
                "baten_eur": g["baten_eur"].sum(),
                "netto_eur": g["netto_eur"].sum(),
                "netto_contant_eur": g["netto_contant_eur"].sum(),
                "terugverdienjaar": terugverdienjaar(g["cumulatief_eur"], g["jaar"]),
                "terugverdienjaar_contant": terugverdienjaar(
                    g["cumulatief_contant_eur"], g["jaar"]
                ),
                "methode": METHODE,
            }
        )
    out = pd.DataFrame(rows)
    return out.astype({"terugverdienjaar": "Int64", "terugverdienjaar_contant": "Int64"})


def terugverdiend(kosten: float, jaar) -> str:
    """A payback year as text: the year, "niet binnen looptijd" or "geen kosten"."""
    if not kosten:
        return "geen kosten"
    return "niet binnen looptijd" if pd.isna(jaar) else str(int(jaar))


# --- sensitivity --------------------------------------------------------------------------


def _aangepast(scenario: Scenario, param: tuple, factor: float) -> Scenario:
    if param[0] == "disconteringsvoet_pct":
        return replace(scenario, disconteringsvoet_pct=scenario.disconteringsvoet_pct * factor)
    _, pos, veld, *rest = param
    interventies = list(scenario.interventies)
    i = interventies[pos]
    if veld == "effect":
        eff_pos, eff_veld = rest
        effecten = list(i.effecten)
        e = effecten[eff_pos]
        nieuw = {eff_veld: getattr(e, eff_veld) * factor}
        if eff_veld == "belasting_eur":  # the tax of every year, not only the constant
            nieuw["belasting_per_jaar"] = tuple(
                (j, b * factor, btw) for j, b, btw in e.belasting_per_jaar
            )
        effecten[eff_pos] = replace(e, **nieuw)
        interventies[pos] = replace(i, effecten=tuple(effecten))
    else:
        interventies[pos] = replace(i, **{veld: getattr(i, veld) * factor})
    return replace(scenario, interventies=tuple(interventies))


def parameters(scenario: Scenario) -> list[tuple[tuple, str]]:
    """Every numeric assumption that the sensitivity view varies, with a Dutch label."""
    out: list[tuple[tuple, str]] = []
    for pos, i in enumerate(scenario.interventies):
        out.append((("i", pos, "eenheden"), f"{i.label}: aantal eenheden"))
        if i.kosten_eenmalig_per_eenheid_eur:
            out.append((("i", pos, "kosten_eenmalig_per_eenheid_eur"), f"{i.label}: investering"))
        if i.kosten_jaarlijks_per_eenheid_eur:
            out.append(
                (("i", pos, "kosten_jaarlijks_per_eenheid_eur"), f"{i.label}: jaarlijkse kosten")
            )
        for k, e in enumerate(i.effecten):
            out.append((("i", pos, "effect", k, "per_eenheid"), f"{i.label}: {e.label} (effect)"))
            if e.belasting_eur or e.belasting_per_jaar:
                out.append(
                    (("i", pos, "effect", k, "belasting_eur"), f"{i.label}: {e.label} (belasting)")
                )
            if e.eur_per_hoeveelheid != 1:
                out.append(
                    (
                        ("i", pos, "effect", k, "eur_per_hoeveelheid"),
                        f"{i.label}: {e.label} (prijs)",
                    )
                )
    if scenario.disconteringsvoet_pct:
        out.append((("disconteringsvoet_pct",), "Disconteringsvoet"))
    return out


def netto_contant(scenario: Scenario) -> dict[str, float]:
    """Discounted net per party over the horizon (``samenvatting``'s ``netto_contant_eur``)
    straight from the cash-flow rows, without frames: the sensitivity view needs it twice per
    assumption."""
    uit = dict.fromkeys(PARTIJEN, 0.0)
    start, voet = scenario.start(), scenario.disconteringsvoet_pct
    for i in scenario.interventies:
        for r in _rows(i):
            uit[r["partij"]] += disconteer(r["bedrag_eur"], r["jaar"], start, voet)
    return uit


def gevoeligheid(scenario: Scenario, delta: float = 0.25) -> pd.DataFrame:
    """Discounted net per party when each assumption is multiplied by 1 -/+ ``delta``."""
    basis = netto_contant(scenario)
    rows = []
    for param, label in parameters(scenario):
        laag = netto_contant(_aangepast(scenario, param, 1 - delta))
        hoog = netto_contant(_aangepast(scenario, param, 1 + delta))
        for partij in PARTIJEN:
            rows.append(
                {
                    "aanname": label,
                    "partij": partij,
                    "basis_eur": basis[partij],
                    "laag_eur": laag[partij],
                    "hoog_eur": hoog[partij],
                }
            )
    out = pd.DataFrame(rows, columns=["aanname", "partij", "basis_eur", "laag_eur", "hoog_eur"])
    bereik = (out["hoog_eur"] - out["laag_eur"]).abs()
    # Rounding noise (e.g. a tax part that moves between two rows of one party) is no range.
    out["bereik_eur"] = bereik.where(bereik >= GEEN_BEREIK_EUR, 0.0)
    return out


def per_post(scenario: Scenario) -> pd.DataFrame:
    """Nominal total over the horizon per party and item (costs negative), with the other
    party of a transfer: shows e.g. the energy-tax transfer huishoudens <- Rijk."""
    flows = kasstromen(scenario)
    flows["tegenpartij"] = flows["tegenpartij"].fillna("")
    out = flows.groupby(["partij", "soort", "post", "tegenpartij"], as_index=False, sort=False)[
        "bedrag_eur"
    ].sum()
    out["methode"] = METHODE
    return out


def belastingderving(posten: pd.DataFrame) -> float:
    """Energy taxes the Rijk no longer receives over the horizon (``per_post`` rows; >= 0)."""
    belasting = posten[posten["post"].str.endswith(BELASTING_POST)]
    return float(-belasting.loc[belasting["partij"] == "rijk", "bedrag_eur"].sum())
