"""The one route to the money flows of a gemeente's wijken or buurten for a selection.

Every page (Wijkprofiel, Kaart, Vergelijk, Presentatie, themes), the wijk report (PDF/PNG), the
scenario's "voor" flows and ``geldstromen export geldstromen`` call :func:`stromen`; nothing else
pairs years or builds a region's flows. The year rules, in one place:

- The *selected year* (``Selectie.jaar``) is what the user asked for.
- Iv3 (family gemeente): that year and document when present, else the nearest year
  (ties: the later), the asked document first, then jaarrekening before begroting
  (:func:`kies_iv3`).
- KWB regions, inhabitants and keys: the year nearest the selected year with figures at both
  wijk and buurt level (``domain.sleuteljaren.indelingsjaar``; the wijk level keeps a nearer
  year only when it has another wijk indeling), for every family, so region codes match
  across families and a wijk equals the sum of its buurten.
- Zvw (family zorg): the Vektis year nearest the selected year, on the KWB population.
- Households: the KWB year (income, use), prices and Budgetonderzoek of their nearest years.

A row's ``jaar`` is the year of its money (Iv3 year, Vektis year, KWB year of the income
figure); key and population years are in ``sleutel``. :attr:`Stromen.jaren` records the years
used and :meth:`Jaren.regel` says them in one Dutch line ("Jaren in dit beeld: ...");
every substitution of a nearer year is a Dutch note in :attr:`Stromen.notities`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from geldstromen.domain.geldstroom import FAMILIES, GELDSTROOM_COLUMNS, empty_flows
from geldstromen.families import gemeente, huishoudens, zorg

#: Realised figures before plans when two documents share the nearest year.
STUK_VOORKEUR = ("jaarrekening", "begroting")
NIVEAUS = ("wijk", "buurt")
KANTEN = {"lasten": ("lasten",), "baten": ("baten",), "beide": ("lasten", "baten")}
_ANDER = {"wijk": "buurt", "buurt": "wijk"}


@dataclass(frozen=True)
class Selectie:
    """What the user selected. ``stuk`` None: jaarrekening when present, else begroting;
    ``kant`` lasten, baten or beide; ``inkomsten``: also compute how the lasten are financed
    (gemeentefonds per cluster and overige middelen per region, ``Stromen.inkomsten``; a
    model, never added to the flows) with ``circulaire`` (None: newest)."""

    gemeente: str
    niveau: str
    jaar: int
    stuk: str | None = None
    kant: str = "lasten"
    families: tuple[str, ...] = FAMILIES
    sleutels: pd.DataFrame | None = field(default=None, compare=False)
    circulaire: str | None = None
    inkomsten: bool = False

    def __post_init__(self):
        if self.niveau not in NIVEAUS:
            raise ValueError(f"onbekend niveau {self.niveau!r} (kies wijk of buurt)")
        if self.kant not in KANTEN:
            raise ValueError(f"onbekende kant {self.kant!r} (kies lasten, baten of beide)")
        if self.stuk is not None and self.stuk not in STUK_VOORKEUR:
            raise ValueError(f"onbekend stuk {self.stuk!r} (kies begroting of jaarrekening)")
        onbekend = set(self.families) - set(FAMILIES)
        if onbekend:
            raise ValueError(f"onbekende familie(s): {', '.join(sorted(onbekend))}")


@dataclass
class Jaren:
    """The years a view combines."""

    gekozen: int
    iv3_jaar: int | None = None
    stuk: str | None = None
    kwb_jaar: int | None = None  # regions, inhabitants and (mostly) keys
    sleuteljaren: dict[str, int] = field(default_factory=dict)  # key indicator -> KWB year
    zvw_jaar: int | None = None
    huishoudens_jaar: int | None = None  # KWB year of income and use
    energieprijzen_jaar: int | None = None
    budget_jaar: int | None = None
    circulaire: str | None = None

    def koppeling(self) -> str:
        """'Iv3 jaarrekening 2023 toegerekend met sleutels uit KWB 2019' (+ why, when paired)."""
        if self.iv3_jaar is None:
            return "geen Iv3-gegevens voor deze gemeente"
        return koppeltekst(self.iv3_jaar, self.stuk, list(self.sleuteljaren.values()), self.gekozen)

    def regel(self) -> str:
        """One Dutch line naming every year in the view."""
        delen = []
        if self.iv3_jaar is not None:
            delen.append(f"gemeente Iv3 {self.stuk} {self.iv3_jaar}")
        if self.kwb_jaar is not None:
            extra = sorted(set(self.sleuteljaren.values()) - {self.kwb_jaar})
            ook = f" (sommige sleutels KWB {'/'.join(map(str, extra))})" if extra else ""
            delen.append(f"gebieden, inwoners en sleutels KWB {self.kwb_jaar}{ook}")
        if self.zvw_jaar is not None:
            delen.append(f"zorg Vektis {self.zvw_jaar}")
        if self.huishoudens_jaar is not None:
            prijs = (
                [f"energieprijzen {self.energieprijzen_jaar}"] if self.energieprijzen_jaar else []
            )
            prijs += [f"Budgetonderzoek {self.budget_jaar}"] if self.budget_jaar else []
            tail = f" ({', '.join(prijs)})" if prijs else ""
            delen.append(f"huishoudens KWB {self.huishoudens_jaar}{tail}")
        if self.circulaire:
            delen.append(f"gemeentefonds circulaire {self.circulaire}")
        tekst = "; ".join(delen) if delen else "geen geldstromen"
        return f"Jaren in dit beeld: {tekst} (gekozen jaar {self.gekozen})."


@dataclass
class Stromen:
    """The flows of every requested family for a selection, the years used and notes."""

    selectie: Selectie
    flows: pd.DataFrame  # GELDSTROOM_COLUMNS (+ taakveld_code for family gemeente)
    jaren: Jaren
    notities: list[str] = field(default_factory=list)
    #: the notes that say a nearer year replaced the selected one (also in ``notities``)
    vervangen: list[str] = field(default_factory=list)
    gemeente: dict[str, gemeente.GemeenteToerekening] = field(default_factory=dict)  # per kant
    inkomsten: pd.DataFrame = field(default_factory=empty_flows)  # dekking, not in flows
    fonds: object | None = None  # domain.gemeentefonds.Fonds used for the income side
    fonds_tekst: str = ""
    zorg: zorg.ZorgModel | None = None
    huishoudens: huishoudens.HuishoudensModel | None = None

    @property
    def inwoners(self) -> pd.Series:
        """Inhabitants per region code of the route's KWB year (empty without allocation)."""
        for toer in self.gemeente.values():
            if len(toer.inwoners):
                return toer.inwoners
        return pd.Series(dtype="float64")

    def vervang(self, tekst: str) -> None:
        """Record a substitution of a nearer year (a note that is never silent)."""
        self.notities.append(tekst)
        self.vervangen.append(tekst)

    def familie(self, naam: str) -> pd.DataFrame:
        """Rows of one family."""
        return self.flows[self.flows["familie"] == naam] if not self.flows.empty else self.flows

    def regio(self, regio_code: str) -> pd.DataFrame:
        """Rows of one region code."""
        return self.flows[self.flows["regio_code"] == regio_code]


def kies_iv3(beschikbaar: pd.DataFrame, jaar: int, stuk: str | None = None):
    """(Iv3 year, stuk) nearest ``jaar``; ties between years: the later; within a year the
    asked ``stuk`` first, then jaarrekening before begroting. None without Iv3."""
    if beschikbaar.empty:
        return None
    voorkeur = ([stuk] if stuk else []) + [s for s in STUK_VOORKEUR if s != stuk]
    df = beschikbaar.assign(
        afstand=(beschikbaar["jaar"].astype(int) - int(jaar)).abs(),
        rang=beschikbaar["stuk"].map({s: i for i, s in enumerate(voorkeur)}).fillna(9),
    )
    best = df.sort_values(["afstand", "jaar", "rang"], ascending=[True, False, True]).iloc[0]
    return int(best["jaar"]), str(best["stuk"])


def standaard_iv3(beschikbaar: pd.DataFrame, jaar: int | None = None):
    """The Iv3 (year, stuk) every page opens on for the visit's year ``jaar`` (None: the
    newest Iv3 year): :func:`kies_iv3`, the rule the route applies when no document is asked,
    so a page's default and the route's choice are the same figure. None without Iv3."""
    if beschikbaar.empty:
        return None
    basis = int(beschikbaar["jaar"].astype(int).max()) if jaar is None else int(jaar)
    return kies_iv3(beschikbaar, basis, None)


def koppeltekst(iv3_jaar: int, stuk: str, sleuteljaren: list[int], jaar: int) -> str:
    """'Iv3 jaarrekening 2023 toegerekend met sleutels uit KWB 2019' (+ why, when paired)."""
    kwb = "/".join(str(j) for j in sorted(set(sleuteljaren))) or "?"
    tekst = f"Iv3 {stuk} {iv3_jaar} toegerekend met sleutels uit KWB {kwb}"
    if iv3_jaar != jaar:
        tekst += f" (geen Iv3 voor {jaar}; dichtstbijzijnde Iv3-jaar gebruikt)"
    return tekst


def stromen(engine: Engine, sel: Selectie) -> Stromen:
    """The flows of every family in ``sel.families`` for the gemeente's wijken or buurten."""
    jaren = Jaren(gekozen=int(sel.jaar))
    uit = Stromen(sel, empty_flows(), jaren)
    kwb = gemeente.kwb_indelingsjaar(engine, sel.gemeente, sel.niveau, sel.jaar)
    jaren.kwb_jaar = kwb
    if kwb is None:
        uit.notities.append(f"Geen KWB-gegevens op {sel.niveau}niveau voor {sel.gemeente}.")
        return uit
    ander = gemeente.kwb_indelingsjaar(engine, sel.gemeente, _ANDER[sel.niveau], sel.jaar)
    if ander is not None and ander != kwb:
        uit.notities.append(
            f"De {sel.niveau}en komen uit KWB {kwb} en de {_ANDER[sel.niveau]}en uit KWB "
            f"{ander} (een andere gebiedsindeling): wijken en buurten tellen hier niet bij "
            "elkaar op."
        )
    if kwb != sel.jaar:
        uit.vervang(
            f"Geen KWB-cijfers van {sel.jaar} op wijk- en buurtniveau: gebieden, inwoners en "
            f"sleutels uit KWB {kwb} (dichtstbijzijnde jaar met beide niveaus of, bij een "
            "nieuwe wijkindeling, met dit niveau)."
        )
    delen = []
    if "gemeente" in sel.families:
        delen += _gemeente(engine, sel, uit, kwb)
    if "huishoudens" in sel.families:
        model = huishoudens.huishoudens_model(engine, sel.gemeente, sel.niveau, kwb)
        uit.huishoudens = model
        uit.notities += model.notities
        if not model.flows.empty:
            jaren.huishoudens_jaar = kwb
            jaren.energieprijzen_jaar = model.tarief["jaar"] if model.tarief else None
            jaren.budget_jaar = model.budget_jaar
            delen.append(model.flows[GELDSTROOM_COLUMNS])
    if "zorg" in sel.families:
        model = zorg.zorg_model(engine, sel.gemeente, sel.niveau, kwb, doeljaar=sel.jaar)
        uit.zorg = model
        uit.notities += model.notities
        if not model.flows.empty:
            jaren.zvw_jaar = model.vektis_jaar
            delen.append(model.flows[GELDSTROOM_COLUMNS])
            if model.vektis_jaar != sel.jaar:
                uit.vervang(
                    f"Zorg: geen Vektis-cijfers van {sel.jaar}; Vektis {model.vektis_jaar} "
                    f"gebruikt (dichtstbijzijnde jaar); de rijen dragen jaar {model.vektis_jaar}."
                )
    delen = [d for d in delen if not d.empty]
    if delen:
        uit.flows = pd.concat(delen, ignore_index=True)
    return uit


def _gemeente(engine: Engine, sel: Selectie, uit: Stromen, kwb: int) -> list[pd.DataFrame]:
    jaren = uit.jaren
    keuze = kies_iv3(gemeente.beschikbaar(engine, sel.gemeente), sel.jaar, sel.stuk)
    if keuze is None:
        uit.notities.append("Gemeente: geen Iv3-gegevens voor deze gemeente.")
        return []
    jaren.iv3_jaar, jaren.stuk = keuze
    if keuze != (sel.jaar, sel.stuk or keuze[1]):
        gevraagd = f"{sel.stuk} {sel.jaar}" if sel.stuk else str(sel.jaar)
        uit.vervang(
            f"Gemeente: geen Iv3 {gevraagd}; Iv3 {keuze[1]} {keuze[0]} gebruikt "
            f"(dichtstbijzijnde); de rijen dragen jaar {keuze[0]}."
        )
    delen = []
    for kant in KANTEN[sel.kant]:
        res = gemeente.toerekening(
            engine,
            sel.gemeente,
            sel.niveau,
            keuze[0],
            keuze[1],
            kant,
            sel.sleutels,
            sleuteljaar=sel.jaar,
            indelingsjaar=kwb,
        )
        uit.gemeente[kant] = res
        if res.opmerking:
            uit.notities.append(f"Gemeente ({kant}): {res.opmerking}.")
            continue
        jaren.sleuteljaren.update({r.indicator: int(r.jaar) for r in res.sleuteljaren.itertuples()})
        delen.append(res.flows)
        if kant == "lasten" and sel.inkomsten:
            fonds_rijen = gemeente.gemeentefonds(engine, sel.gemeente)
            rows, fonds, tekst = gemeente.inkomsten(
                res, fonds_rijen, sel.gemeente, keuze[0], sel.circulaire
            )
            uit.inkomsten, uit.fonds, uit.fonds_tekst = rows, fonds, tekst
            if fonds is not None:
                jaren.circulaire = getattr(fonds, "circulaire", None)
    return delen


def regio_sommen(res: Stromen) -> pd.DataFrame:
    """Sum per region and family (regio_code, familie, bedrag_eur, methoden, bronnen) of the
    flows that reach a region (not the gemeentebreed rest), with the region's inhabitants of
    the route's KWB year (``inwoners``, the denominator of every per-inhabitant figure of this
    selection) and the years line (``jaren``); the gemeente's bron is the year pairing."""
    kolommen = ["regio_code", "familie", "bedrag_eur", "methoden", "bronnen", "inwoners", "jaren"]
    flows = res.flows
    if flows.empty:
        return pd.DataFrame(columns=kolommen)
    flows = flows[(flows["familie"] != "gemeente") | (flows["regio_code"] == flows["naar"])]
    flows = flows.assign(
        bron=flows["bron"].where(flows["familie"] != "gemeente", res.jaren.koppeling())
    )
    som = flows.groupby(["regio_code", "familie"], as_index=False).agg(
        bedrag_eur=("bedrag_eur", lambda s: s.sum(min_count=1)),
        methoden=("methode", lambda s: ", ".join(sorted(set(s.dropna())))),
        bronnen=("bron", lambda s: "; ".join(sorted(set(s.dropna())))),
    )
    som["inwoners"] = som["regio_code"].map(res.inwoners)
    som["jaren"] = res.jaren.regel()
    return som[kolommen]
