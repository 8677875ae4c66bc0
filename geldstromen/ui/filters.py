"""Selection widgets shared by pages: gemeente, level, year, indicator."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from geldstromen import cached
from geldstromen.cached import gemeente as cg
from geldstromen.domain import jaarkeuze
from geldstromen.families.stromen import standaard_iv3
from geldstromen.ui import bezoek, gemeentekeuze, indicatorkeuze, state
from geldstromen.ui.plaatshouder import plaatshouder

NIVEAU_LABELS = {"gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt"}


@dataclass(frozen=True)
class Selectie:
    """What the user picked."""

    version: str
    gemeente_code: str
    gemeente_naam: str
    niveau: str
    jaar: int


def kies_gebied(
    default_gemeente: str = "GM0518",
    pagina: str = "kaart",
    *,
    wijk_nodig: bool = False,
    alleen_gedekte_jaren: bool = False,
) -> Selectie | None:
    """Gemeente (search by name or code), level and year; None when no data. The year opens
    on the newest one in which the indicators ``pagina`` needs (``jaarkeuze.NODIG``) have
    values for this gemeente and level, unless the URL or an earlier page of this visit chose
    a year that has them too; the sidebar names the years that have them.

    ``wijk_nodig``: the page is about one wijk or buurt, so the level Gemeente is not offered
    (a visit that chose it elsewhere opens here on Wijk). ``alleen_gedekte_jaren``: only the
    years that have the page's data are offered (all years when none has them, marked
    incomplete)."""
    gekozen = gemeentekeuze.kies(default_gemeente)
    if gekozen is None:
        return None
    version, code, naam = gekozen
    avail = cached.beschikbaarheid(version, code)
    mogelijk = ("wijk", "buurt") if wijk_nodig else ("wijk", "buurt", "gemeente")
    niveaus = [n for n in mogelijk if n in set(avail["niveau"])]
    if not niveaus:
        st.info(f"Geen wijk- of buurtgegevens voor {naam} ({code}).")
        return None
    niveau = st.sidebar.radio(
        "Niveau",
        niveaus,
        index=niveaus.index(bezoek.start("niveau", niveaus, niveaus[0])),
        format_func=NIVEAU_LABELS.get,
        horizontal=True,
        key="niveau",
        help="Deze pagina gaat over één wijk of buurt; de hele gemeente in één keer staat op "
        "de Kaart."
        if wijk_nodig
        else None,
    )
    jaren = sorted(avail.loc[avail["niveau"] == niveau, "jaar"].astype(int).unique(), reverse=True)
    dekking = cached.indicator_dekking(version, code)
    nodig = jaarkeuze.NODIG.get(pagina, jaarkeuze.NODIG["kaart"])
    keuze = jaarkeuze.kies_jaar(dekking, niveau, nodig)
    if alleen_gedekte_jaren:
        jaren = jaarkeuze.aangeboden(jaren, keuze.gedekt)
    eerder = bezoek.vorige("jaar")
    standaard = eerder if eerder in keuze.gedekt else (keuze.standaard or jaren[0])
    standaard = standaard if standaard in jaren else jaren[0]
    jaar = st.sidebar.selectbox(
        "Jaar (gebiedsindeling)",
        jaren,
        index=jaren.index(state.lees("jaar", jaren, standaard)),
        format_func=lambda j: str(j) if j in keuze.gedekt else f"{j} (onvolledig)",
        key="jaar",
        placeholder=plaatshouder(jaren),
    )
    st.sidebar.caption(
        f"Jaren met de gegevens van deze pagina ({niveau}, {naam}): "
        f"{jaarkeuze.jaren_tekst(keuze.gedekt)}."
    )
    if jaar not in keuze.gedekt:
        labels = jaarkeuze.labels()
        mist = jaarkeuze.ontbrekend(dekking, niveau, jaar, nodig)
        st.sidebar.info(
            f"In {jaar} ontbreekt voor deze pagina: "
            + ", ".join(str(labels.get(i, i)) for i in mist)
            + ". Die cijfers zijn voor dit jaar (nog) niet gepubliceerd of niet ingelezen; "
            + (
                f"kies {keuze.gedekt[0]} voor een volledige pagina."
                if keuze.gedekt
                else "geen jaar heeft ze allemaal."
            )
        )
    bezoek.onthoud(niveau=niveau, jaar=int(jaar))
    return Selectie(version, code, naam, niveau, int(jaar))


def kies_indicator(sel: Selectie) -> tuple[str, dict] | None:
    """Indicator for the selection; returns (id, its catalogue row)."""
    keuzes = cached.indicator_keuzes(sel.version, sel.gemeente_code, sel.niveau, sel.jaar)
    if keuzes.empty:
        st.info("Geen indicatoren voor deze keuze.")
        return None
    rows = {r["indicator"]: r for r in keuzes.to_dict("records")}
    indicator = indicatorkeuze.kies_indicator("Indicator", keuzes, key="indicator", url="indicator")
    return indicator, rows[indicator]


def kies_iv3(version: str, gemeente_code: str, prefix: str) -> tuple[int, str] | None:
    """Iv3 year and document (begroting, jaarrekening) in the sidebar, kept in the URL
    (``iv3_jaar``, ``stuk``) and for the other pages of the visit. Every page opens on the same
    default, ``families.stromen.standaard_iv3`` (the newest Iv3 year, jaarrekening before
    begroting), whatever the page's KWB year: one wijk shows one amount per inhabitant on
    Wijkprofiel, Kaart and Sociaal domein. None when the gemeente has no Iv3 data."""
    avail = cg.iv3_beschikbaar(version, gemeente_code)
    if avail.empty:
        return None
    jaren = sorted(avail["jaar"].astype(int).unique(), reverse=True)
    standaard, standaard_stuk = standaard_iv3(avail)
    jaar = st.sidebar.selectbox(
        "Jaar (Iv3)",
        jaren,
        index=jaren.index(bezoek.start("iv3_jaar", jaren, standaard)),
        key=f"{prefix}_iv3_jaar",
        placeholder=plaatshouder(jaren),
    )
    stukken = sorted(avail.loc[avail["jaar"] == jaar, "stuk"])
    stuk_start = standaard_stuk if standaard_stuk in stukken else stukken[0]
    stuk = st.sidebar.radio(
        "Stuk",
        stukken,
        index=stukken.index(bezoek.start("stuk", stukken, stuk_start)),
        horizontal=True,
        key=f"{prefix}_stuk",
    )
    bezoek.onthoud(iv3_jaar=int(jaar), stuk=stuk)
    return int(jaar), stuk


KLEUREN = {"indicator": "Indicator", "geldstromen": "Toegerekende lasten per inwoner"}


def kies_kleur() -> str:
    """What the map colours: an indicator or the gemeente's allocated lasten per inwoner."""
    opties = list(KLEUREN)
    kleur = st.sidebar.radio(
        "Kleur de kaart op",
        opties,
        index=opties.index(state.lees("kleur", opties, "indicator")),
        format_func=KLEUREN.get,
        key="kleur",
    )
    state.schrijf(kleur=kleur)
    return kleur
