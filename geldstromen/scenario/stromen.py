"""Before/after money flows of one region: the observed/allocated/estimated flows as they are
("voor") and, next to them, the scenario's changes in one year as separate links ("na").

The scenario never changes an observed, allocated or estimated figure: its links carry
``methode = scenario`` and their own nodes ("Scenario: ...") except where they connect parties
that also appear in the flows (Gemeente, Huishoudens, Zorgverzekeraars, Rijk, ...).
"""

from __future__ import annotations

import pandas as pd

from geldstromen.domain import regiocode
from geldstromen.domain.taakvelden import HOOFDTAAKVELDEN, hoofdtaakveld
from geldstromen.scenario.model import METHODE, PARTIJ_LABELS, Scenario, kasstromen

LINK_COLUMNS = ["van", "naar", "familie", "bedrag_eur", "methode", "bron"]
VERSCHIL_COLUMNS = [
    "van",
    "naar",
    "familie",
    "voor_eur",
    "na_eur",
    "verschil_eur",
    "methode",
    "bron",
]
#: Scenario parties as the flows' nodes.
PARTIJ_KNOOP = {**PARTIJ_LABELS, "zorgverzekeraar": "Zorgverzekeraars"}


def _knoop(naam: str, regio: dict[str, str]) -> str:
    if naam in regio:
        return regio[naam]
    tekst = str(naam)
    return tekst[:1].upper() + tekst[1:]


def voor_links(flows: pd.DataFrame, regio_code: str, regio_naam: str) -> pd.DataFrame:
    """One region's flows (GELDSTROOM_COLUMNS) as aggregated links.

    Gemeente: ``Gemeente -> hoofdtaakveld`` (lasten toegerekend to the region); other families
    ``van -> naar``, with the category in the target when a pair has several.
    """
    if flows.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    regio = {regio_code: f"Inwoners {regio_naam}", regio_naam: f"Inwoners {regio_naam}"}
    rows = []
    gm = flows[flows["familie"] == "gemeente"]
    if not gm.empty:
        code = gm["taakveld_code"] if "taakveld_code" in gm else gm["categorie"].str.split().str[0]
        for hoofd, g in gm.groupby(code.map(hoofdtaakveld)):
            naar = f"Gemeente: {hoofd} {HOOFDTAAKVELDEN.get(hoofd, '')}".strip()
            rows.append(
                (
                    "Gemeente",
                    naar,
                    "gemeente",
                    g["bedrag_eur"].sum(),
                    "; ".join(sorted(g["methode"].unique())),
                    g["bron"].iloc[0],
                )
            )
    rest = flows[flows["familie"] != "gemeente"]
    for (fam, van, naar), g in rest.groupby(["familie", "van", "naar"], sort=False):
        meerdere = g["categorie"].nunique() > 1
        for cat, sub in g.groupby("categorie", sort=False):
            doel = _knoop(naar, regio)
            rows.append(
                (
                    _knoop(van, regio),
                    f"{doel}: {cat}" if meerdere else doel,
                    fam,
                    sub["bedrag_eur"].sum(),
                    "; ".join(sorted(sub["methode"].unique())),
                    sub["bron"].iloc[0],
                )
            )
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def scenario_links(
    kasstromen: pd.DataFrame, jaar: int, labels: dict[str, str], bron: str
) -> pd.DataFrame:
    """The scenario's cash flows in one year as links between parties and scenario nodes.

    Costs: party -> ``Scenario: <intervention> (uitvoering)``; a saving from outside the parties:
    ``Scenario: <item>`` -> party; a transfer: payer -> receiver (counted once).
    """
    k = kasstromen[kasstromen["jaar"] == int(jaar)]
    rows = []
    for r in k.itertuples():
        partij = PARTIJ_KNOOP[r.partij]
        tegen = r.tegenpartij if isinstance(r.tegenpartij, str) and r.tegenpartij else None
        if r.soort == "kosten":
            doel = f"Scenario: {labels.get(r.interventie, r.interventie)} (uitvoering)"
            rows.append((partij, doel, -r.bedrag_eur))
        elif tegen is None:
            extern = f"Scenario: {r.post}"
            rows.append(
                (extern, partij, r.bedrag_eur)
                if r.bedrag_eur > 0
                else (partij, extern, -r.bedrag_eur)
            )
        elif r.bedrag_eur > 0:
            rows.append((PARTIJ_KNOOP[tegen], partij, r.bedrag_eur))
    frame = pd.DataFrame(rows, columns=["van", "naar", "bedrag_eur"])
    frame = frame.groupby(["van", "naar"], as_index=False, sort=False)["bedrag_eur"].sum()
    frame["familie"] = "scenario"
    frame["methode"] = METHODE
    frame["bron"] = bron
    return frame[LINK_COLUMNS]


def standaardjaar(scenario: Scenario) -> int:
    """The scenario year shown before/after by default: year 5, or the last when shorter."""
    return min(scenario.start() + 4, scenario.eind())


def scenario_laag(scenario: Scenario, jaar: int) -> pd.DataFrame:
    """The scenario's links of one year (``scenario_links`` with the interventions' labels)."""
    labels = {i.id: i.label for i in scenario.interventies}
    bron = f"scenario '{scenario.naam}', {jaar} (doorrekening van aannames)"
    return scenario_links(kasstromen(scenario), jaar, labels, bron)


def verschil(voor: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """Every link before and after: the flows are unchanged, the scenario links are added."""
    a = voor.assign(voor_eur=voor["bedrag_eur"], na_eur=voor["bedrag_eur"])
    b = scenario.assign(voor_eur=0.0, na_eur=scenario["bedrag_eur"])
    out = pd.concat([b, a], ignore_index=True)
    out["verschil_eur"] = out["na_eur"] - out["voor_eur"]
    return out[VERSCHIL_COLUMNS]


def gebied(regio_code: str) -> tuple[str, str, str] | None:
    """(code, niveau, gemeente_code) of a wijk or buurt code; None for anything else."""
    r = regiocode.probeer(regio_code)
    if r is None or r.niveau == "gemeente":
        return None
    return r.code, r.niveau, r.gemeente_code


def samenvoegen(
    regio_code: str, jaar: int, koppeling: str, families: dict[str, pd.DataFrame]
) -> tuple[pd.DataFrame, list[str]]:
    """The region's rows of each family's flows, and Dutch notes on years and gaps.

    ``koppeling``: how the gemeente lasten were allocated (``families.stromen``'s text).
    """
    notities = [f"Gemeente (lasten, standaardsleutels): {koppeling}."]
    delen = []
    for naam, flows in families.items():
        eigen = flows[flows["regio_code"] == regio_code] if not flows.empty else flows
        if eigen.empty:
            notities.append(f"Geen {naam}stromen voor {regio_code} in {jaar}.")
            continue
        delen.append(eigen)
        if naam != "gemeente":
            jaren = "/".join(str(j) for j in sorted({int(j) for j in eigen["jaar"].dropna()}))
            notities.append(f"{naam.capitalize()}: gegevens {jaren} (geschat, zie Wijkprofiel).")
    frame = pd.concat(delen, ignore_index=True) if delen else pd.DataFrame()
    return frame, notities
