"""Wijkprofiel: the gemeente's Iv3 money allocated to one wijk or buurt, with its keys, and
the income side (gemeentefonds share, overige middelen). Every selection lives in the URL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geldstromen.cached import gemeente as cg
from geldstromen.cached import stromen as cs
from geldstromen.cached import wijkprofiel as cw
from geldstromen.domain import per_inwoner
from geldstromen.domain.catalogus import indicator_label
from geldstromen.domain.export import csv_tekst
from geldstromen.domain.geldstroom import (
    GELDSTROOM_COLUMNS,
    NIET_TOEGEREKEND,
    export_frame,
)
from geldstromen.domain.gemeentefonds import circulaire_label, circulaires, clusters
from geldstromen.domain.opmaak import PLOTLY_SEPARATORS, euro
from geldstromen.domain.wijkprofiel import KLASSE_DIMENSIES, regio_tabel
from geldstromen.families.stromen import Selectie, Stromen
from geldstromen.ui import (
    bezoek,
    filters,
    gemeentekeuze,
    sankey,
    sleutels,
    state,
    verantwoording,
    zorgkosten,
)
from geldstromen.ui.plaatshouder import plaatshouder
from geldstromen.ui.tabellen import KOPPEN, waarde_tabel

FAMILIES = {"gemeente": "Gemeente (Iv3)", "huishoudens": "Huishoudens", "zorg": "Zorg (Zvw)"}
NIVEAUS = ["wijk", "buurt"]
KANTEN = ["lasten", "baten"]


@dataclass(frozen=True)
class RegioBeeld:
    """What the page shows for one region of a selection, built once per full selection
    (``cached.wijkprofiel.beeld``; read-only)."""

    sankey: go.Figure
    tabel: pd.DataFrame  # per taakveld, largest amount first, with methode
    totaal: float
    per_inwoner: float
    dekking: str  # coverage caption of the gemeente and the region
    inkomsten: pd.DataFrame  # the region's dekking rows (model), display columns
    inkomsten_zin: str  # their totals per source in one line
    andere: pd.DataFrame  # the region's rows of the other families, as exported


@dataclass(frozen=True)
class Keuze:
    """The page's selections (all mirrored in the URL)."""

    version: str
    code: str
    label: str
    niveau: str
    jaar: int
    stuk: str
    kant: str
    fams: tuple[str, ...]


def _radio(label: str, opties: list[str], url_key: str, key: str) -> str:
    start = state.lees(url_key, opties, opties[0])
    return st.sidebar.radio(label, opties, index=opties.index(start), horizontal=True, key=key)


def _keuzes() -> Keuze | None:
    gekozen = gemeentekeuze.kies()
    if gekozen is None:
        return None
    version, code, naam = gekozen
    label = f"{naam} ({code})"
    niveau = st.sidebar.radio(
        "Niveau",
        NIVEAUS,
        index=NIVEAUS.index(bezoek.start("niveau", NIVEAUS, NIVEAUS[0])),
        format_func=filters.NIVEAU_LABELS.get,
        horizontal=True,
        key="wp_niveau",
    )
    iv3 = filters.kies_iv3(version, code, "wp")
    if iv3 is None:
        st.info(f"Geen Iv3-gegevens voor {label}.")
        return None
    jaar, stuk = iv3
    kant = _radio("Kant", KANTEN, "kant", "wp_kant")
    url_fams = state.lees_lijst("fam", FAMILIES)
    fams = st.sidebar.multiselect(
        "Families",
        list(FAMILIES),
        default=["gemeente"] if url_fams is None else url_fams,
        format_func=FAMILIES.get,
        placeholder=plaatshouder(FAMILIES, meer=True),
        key="wp_fam",
    )
    bezoek.onthoud(niveau=niveau)
    state.schrijf(kant=kant, fam=fams)
    return Keuze(version, code, label, niveau, int(jaar), stuk, kant, tuple(fams))


def _regio(k: Keuze, route: Stromen, res) -> tuple[str, dict[str, str]] | None:
    """The chosen region of the level; None when no money reached any region of it."""
    names, inwoners = cw.beeld(k.version, route, ("regios", k.kant), lambda: _regios(res, k.niveau))
    regio = bezoek.kies_regio(names, k.niveau, inwoners, k.niveau.capitalize(), key="wp_regio")
    if regio is None:
        return None
    return regio, names


def _regios(res, niveau: str) -> tuple[dict[str, str], pd.DataFrame]:
    """Code -> name of the level's regions that received money, and their inhabitants."""
    regios = res.flows[res.flows["niveau"] == niveau][["regio_code", "regio_naam"]]
    regios = regios.drop_duplicates().sort_values("regio_code")
    names = dict(zip(regios["regio_code"], regios["regio_naam"], strict=True))
    inwoners = res.inwoners.rename("waarde").rename_axis("regio_code").reset_index()
    return names, inwoners


def selectie(k: Keuze, tabel: pd.DataFrame | None, circulaire: str | None) -> Selectie:
    """The page's selection for the one route (``families.stromen``): the gemeente family is
    always allocated (it gives the regions), the dekking with the lasten."""
    met_inkomsten = k.kant == "lasten" and "gemeente" in k.fams
    fams = ("gemeente", *(f for f in k.fams if f != "gemeente"))
    return Selectie(
        k.code, k.niveau, k.jaar, k.stuk, k.kant, fams, tabel, circulaire, met_inkomsten
    )


def _lui(label: str, key: str):
    """An expander whose content is built only while it is open (opening it reruns the
    page): secondary tables are not computed or sent on every wijk switch."""
    return st.expander(label, key=key, on_change="rerun")


def render() -> None:
    """The whole page."""
    k = _keuzes()
    if k is None:
        return
    sleutelblok = _lui(
        "Verdeelsleutels (per taakveld, alleen voor deze sessie)", "wp_sleutels_open"
    )
    with sleutelblok:
        tabel = sleutels.editor() if sleutelblok.open else sleutels.sessie_sleutels()
    gemeente_aan = "gemeente" in k.fams
    circ = _kies_circulaire(k) if gemeente_aan else None
    route = cs.stromen(k.version, selectie(k, tabel, circ))
    res = route.gemeente.get(k.kant)
    if res is None or res.flows.empty:
        reden = res.opmerking if res is not None else "; ".join(route.notities)
        st.warning(f"Geen toerekening mogelijk voor {k.label} op {k.niveau}niveau: {reden}.")
        return
    gekozen = _regio(k, route, res)
    if gekozen is None:
        st.warning(
            f"Geen bedrag van {k.label} ({k.stuk} {k.jaar}, {k.kant}) is aan een {k.niveau} "
            f"toegerekend: alles bleef gemeentebreed (gebieden uit KWB-indeling "
            f"{res.indelingsjaar}). Kies een ander jaar (Iv3) of niveau."
        )
        return
    regio, names = gekozen
    inw = res.inwoners.get(regio) if len(res.inwoners) else None
    st.caption(
        f"{k.label}, {k.stuk} {k.jaar}, {k.kant}; gebieden uit KWB-indeling {res.indelingsjaar}. "
        f"Sleuteljaren: "
        + ", ".join(
            f"{indicator_label(r.indicator)} {r.jaar}" for r in res.sleuteljaren.itertuples()
        )
        + ". Bedragen zijn toegerekend (geschat met een sleutel), niet waargenomen."
    )
    st.caption(route.jaren.regel())
    for tekst in route.vervangen:
        st.info(tekst)
    if gemeente_aan:
        _inkomsten(k, route, circ)
    andere_fams = [f for f in k.fams if f != "gemeente"]
    detail = st.toggle(
        "Alle taakvelden tonen (standaard: per hoofdtaakveld)",
        value=state.lees_vlag("taakvelden"),
        key="wp_taakvelden",
    )
    state.schrijf(taakvelden="1" if detail else None)
    beeld = cw.beeld(
        k.version,
        route,
        ("regio", regio, detail, k.fams),  # (the selection always has gemeente)
        lambda: _regio_beeld(route, res, k, regio, names[regio], detail),
    )
    if beeld.andere.empty and andere_fams:
        st.caption("Geen huishoudens- of zorgstromen voor deze keuze.")
    st.plotly_chart(beeld.sankey, key="wp_sankey")
    st.caption(sankey.ONDERSCHRIFT)
    per_w = beeld.per_inwoner
    per = f"; {euro(per_w)} per inwoner" if pd.notna(per_w) else f"; {per_inwoner.reden(inw)}"
    st.metric(
        f"Toegerekend aan {names[regio]} ({k.kant}, {k.stuk} {k.jaar})", euro(beeld.totaal) + per
    )
    if beeld.dekking:
        st.caption(beeld.dekking)
    dekking = _lui(
        "Sleuteldekking per taakveld (bedoeld / terugval / alleen inwoners)", "wp_dekking"
    )
    with dekking:
        if dekking.open:
            verantwoording.toon_dekking_tabel(res.flows)
    if not res.uitgesloten.empty:
        st.caption(
            "Niet meegeteld (geen uitgaven van het jaar): "
            + "; ".join(f"{r.categorie} {euro(r.bedrag_eur)}" for r in res.uitgesloten.itertuples())
        )
    meta = {
        "tabel": "wijkprofiel",
        "gemeente": k.code,
        "jaar": str(k.jaar),
        "stuk": k.stuk,
        "jaren": route.jaren.regel(),
        # (the default keys' CSV is the same for every selection: built once)
        "sleutels": cw.beeld(k.version, route, ("sleutels",), lambda: csv_tekst(tabel)),
    }
    st.caption("Per taakveld, grootste bedrag bovenaan.")
    waarde_tabel(
        beeld.tabel,
        f"wijkprofiel_{regio}_{k.jaar}_{k.stuk}_{k.kant}",
        meta,
        bron=route.jaren.koppeling(),
        koppen=KOPPEN,
    )
    if pd.isna(per_w):
        st.caption(per_inwoner.UITLEG)
    if not beeld.inkomsten.empty:
        st.subheader("Dekking van de lasten (model, toegerekend)")
        st.caption(beeld.inkomsten_zin)
        dekking_tabel = _lui("Dekking per cluster (tabel en downloads)", "wp_dekking_tabel")
        with dekking_tabel:
            if dekking_tabel.open:
                waarde_tabel(beeld.inkomsten, f"inkomsten_{regio}_{k.jaar}_{k.stuk}", koppen=KOPPEN)
    if not beeld.andere.empty:
        st.subheader("Andere families")
        waarde_tabel(beeld.andere, f"families_{regio}_{k.jaar}", meta)
    if "zorg" in k.fams and route.zorg is not None:
        _zorgbenchmark(route, k)
    _alle(res, k, meta)
    _vergelijking(k, route, set(res.uitgesloten.get("taakveld_code", [])))
    _onbekend(k.version)


def _regio_beeld(route: Stromen, res, k: Keuze, regio: str, naam: str, detail: bool) -> RegioBeeld:
    """Everything the page shows for ``regio`` that depends only on the selection (no
    Streamlit calls: this runs inside the cache)."""
    gemeente_aan = "gemeente" in k.fams
    leeg = pd.DataFrame(columns=GELDSTROOM_COLUMNS)
    # the dekking rows are a model of the lasten (never added to the flows): only with the
    # lasten and a gemeentefonds circulaire
    met_ink = gemeente_aan and k.kant == "lasten" and route.fonds is not None
    ink = route.inkomsten if met_ink else leeg
    eigen = res.flows[res.flows["regio_code"] == regio] if gemeente_aan else res.flows[:0]
    eigen_ink = ink[ink["regio_code"] == regio]
    andere = _andere(route, k, regio)
    fig = sankey.sankey_figuur(eigen, andere, naam, k.kant, eigen_ink, detail=detail)
    inw = res.inwoners.get(regio) if len(res.inwoners) else None
    inw_gm = float(res.inwoners.sum()) if len(res.inwoners) else float("nan")
    tab = regio_tabel(res.flows, regio, inw, inw_gm)
    totaal = tab["bedrag_eur"].sum()
    breed = tab["sleutel"].astype(str).str.startswith("gemeentebreed")
    tab = tab.assign(
        methode=pd.Series("toegerekend", index=tab.index).where(~breed, NIET_TOEGEREKEND)
    )
    tab = tab.sort_values("bedrag_eur", ascending=False, kind="stable").reset_index(drop=True)
    dekking = verantwoording.dekking_tekst(res.flows, regio, naam)
    return RegioBeeld(
        sankey=fig,
        tabel=tab,
        totaal=totaal,
        per_inwoner=per_inwoner.per_inwoner(totaal, inw),
        dekking=dekking,
        inkomsten=_inkomsten_rijen(eigen_ink, inw),
        inkomsten_zin=_inkomsten_zin(eigen_ink),
        andere=export_frame(andere[GELDSTROOM_COLUMNS]) if not andere.empty else andere,
    )


def _zorgbenchmark(route: Stromen, k: Keuze) -> None:
    """Next to the zorg flows: the gemeente's Zvw costs against the national expectation."""
    blok = _lui("Zorgkosten van de gemeente tegen de landelijke verwachting (Vektis)", "wp_zorg")
    with blok:
        if blok.open:
            zorgkosten.toon_benchmark(route.zorg, k.label)


def _kies_circulaire(k: Keuze) -> str | None:
    """The gemeentefonds circulaire (sidebar, in the URL)."""
    keuzes = circulaires(cg.gemeentefonds(k.version, k.code), k.jaar)
    circ = None
    if keuzes:
        start = state.lees("circulaire", keuzes, keuzes[0])
        circ = st.sidebar.selectbox(
            "Gemeentefonds (circulaire)",
            keuzes,
            index=keuzes.index(start),
            format_func=circulaire_label,
            key="wp_circulaire",
            placeholder=plaatshouder(keuzes),
        )
    state.schrijf(circulaire=circ)
    return circ


def _inkomsten(k: Keuze, route: Stromen, circ: str | None) -> None:
    """How the lasten are covered (lasten only, a model): gemeentefonds share and overige
    middelen per region (the rows are in the region's view); both sides show the chosen
    circulaire against the previous one and Iv3 0.7."""
    verantwoording.toon_fonds(
        cg.fonds_aansluiting(k.version, k.code, k.jaar, k.stuk, circ), key="wp_fonds"
    )
    if k.kant != "lasten":
        st.caption(
            "Baten: de algemene uitkering (0.7) en de specifieke uitkeringen (6.3, o.a. BUIG) "
            "betaalt het Rijk; ze staan bij de gemeente zelf en komen niet uit een wijk. Alleen "
            "belastingen, heffingen en leges die inwoners en bedrijven betalen (OZB, riool- en "
            "afvalstoffenheffing, leges burgerzaken) zijn aan wijken toegerekend; parkeergeld "
            "betalen vooral bezoekers en blijft gemeentebreed."
        )
        return
    fonds, tekst = route.fonds, route.fonds_tekst
    if fonds is None:
        st.caption(f"Dekking: {tekst}; de sankey toont alleen de lasten.")
        return
    st.caption(
        f"Dekking van de lasten (een model, geen extra geldstroom): {fonds.bron}. Per cluster "
        "toegerekend naar rato van de toegerekende lasten op de taakvelden van het cluster (zie "
        "Bronnen); de rest van de lasten heet 'overige middelen gemeente' (eigen baten, "
        "belastingen, reserves): een saldo, geen waarneming. In de geldstromen en de export "
        "staat de algemene uitkering één keer: als Iv3 0.7 van het Rijk aan de gemeente."
    )
    blok = _lui("Welke taakvelden horen bij welk gemeentefondscluster?", "wp_clusters")
    with blok:
        if blok.open:
            st.caption(
                "Benadering van de clusterindeling van het verdeelmodel (BZK). Clusters zonder "
                "eigen taakvelden (*) volgen de lasten van alle clustertaakvelden."
            )
            st.dataframe(clusters(), hide_index=True, width="stretch")


def _inkomsten_rijen(rows: pd.DataFrame, inw) -> pd.DataFrame:
    """The region's dekking rows as shown: largest first, with the amount per inhabitant."""
    tab = rows[["van", "categorie", "bedrag_eur", "methode", "sleutel", "bron"]].copy()
    tab.insert(3, "per_inwoner_eur", per_inwoner.per_inwoner(tab["bedrag_eur"], inw))
    return tab.sort_values("bedrag_eur", ascending=False, kind="stable").reset_index(drop=True)


def _inkomsten_zin(rows: pd.DataFrame) -> str:
    """'Rijk (gemeentefonds): € 29,2 mln; gemeente (overige middelen): € 31,2 mln (...)': the
    sum per source of the region's dekking rows (the table per cluster is on request)."""
    som = rows.groupby("van", sort=False)["bedrag_eur"].sum()
    delen = "; ".join(f"{van}: {euro(bedrag)}" for van, bedrag in som.items())
    return f"{delen} (samen de toegerekende lasten van dit gebied)."


def _alle(res, k: Keuze, meta: dict) -> None:
    """The gemeente's full flow table, only on request (it has thousands of rows)."""
    # the dekking rows (route.inkomsten) are a model of the lasten, not money flows: never
    # added here, so the table counts the algemene uitkering once (as Iv3 0.7); the export
    # frame has one row per flow, so its length is known without building it
    if st.toggle(f"Alle geldstromen van de gemeente tonen ({len(res.flows)} rijen)", key="wp_alle"):
        alle = export_frame(res.flows[GELDSTROOM_COLUMNS])
        waarde_tabel(alle, f"geldstromen_{k.code}_{k.niveau}_{k.jaar}", meta)


def _andere(route: Stromen, k: Keuze, regio: str) -> pd.DataFrame:
    """The region's rows of the other chosen families (same route, same KWB regions)."""
    andere = [f for f in k.fams if f != "gemeente"]
    flows = route.regio(regio)
    flows = flows[flows["familie"].isin(andere)] if not flows.empty else flows
    if flows.empty:
        return pd.DataFrame(columns=GELDSTROOM_COLUMNS)
    return flows.reset_index(drop=True)


def _vergelijking(k: Keuze, route: Stromen, uitgesloten) -> None:
    st.subheader("Vergelijking met gemeenten van dezelfde klasse")
    beschikbaar = cg.klasse_dimensies(k.version, k.jaar, k.stuk)
    url_dims = state.lees_lijst("klasse", beschikbaar)
    standaard = [d for d in beschikbaar if d != "provincie"]
    dims = st.multiselect(
        "Dezelfde klasse betekent: gelijk op",
        beschikbaar,
        default=standaard if url_dims is None else url_dims,
        format_func=lambda d: KLASSE_DIMENSIES.get(d, d),
        placeholder=plaatshouder(beschikbaar, meer=True),
        key="wp_klasse",
    )
    state.schrijf(klasse=dims)
    tab, groep = cg.klassevergelijking(
        k.version, k.code, k.jaar, k.stuk, tuple(sorted(uitgesloten)), tuple(dims)
    )
    if tab.empty:
        st.info("Geen klasse of inwonertal bekend voor deze gemeente.")
        return
    n = len(groep)
    st.caption(
        f"Klasse: {tab['klasse'].iloc[0]}. Vergelijkingsgroep: {n} gemeenten (incl. deze); "
        f"lasten per inwoner, {k.stuk} {k.jaar} (CBS Iv3, waargenomen; inwoners CBS KWB)."
    )
    if n < 3:
        st.warning(
            "Minder dan 3 gemeenten in deze klasse: de mediaan zegt weinig. Kies minder kenmerken."
        )
    blok = _lui(f"Gemeenten in de vergelijkingsgroep ({n})", "wp_groep")
    with blok:
        if blok.open:
            st.dataframe(groep, hide_index=True, width="stretch")
    fig = cw.beeld(
        k.version,
        route,
        ("klasse", tuple(dims), tuple(sorted(uitgesloten))),
        lambda: _klasse_figuur(tab, n),
    )
    st.plotly_chart(fig, key="wp_vergelijking")
    cijfers = _lui("Cijfers bij de vergelijking (tabel en downloads)", "wp_vergelijking_tabel")
    with cijfers:
        if cijfers.open:
            waarde_tabel(tab, f"vergelijking_{k.code}_{k.jaar}_{k.stuk}")


def _klasse_figuur(tab: pd.DataFrame, n: int) -> go.Figure:
    """Lasten per inwoner per hoofdtaakveld: this gemeente against the class median."""
    fig = go.Figure(
        [
            go.Bar(x=tab["per_inwoner_eur"], y=tab["naam"], name="deze gemeente", orientation="h"),
            go.Bar(
                x=tab["klasse_mediaan_per_inwoner_eur"],
                y=tab["naam"],
                name=f"mediaan klasse ({n} gemeenten)",
                orientation="h",
            ),
        ]
    )
    fig.update_layout(
        barmode="group", height=420, xaxis_title="euro per inwoner", separators=PLOTLY_SEPARATORS
    )
    fig.update_xaxes(tickformat=",.0f")
    return fig


def _onbekend(version) -> None:
    onbekend = cg.namen_onbekend(version)
    blok = _lui(f"Gemeentenamen zonder code ({len(onbekend)})", "wp_onbekend")
    with blok:
        if blok.open:
            st.caption(
                "Namen uit Iv3, gemeentefonds en gemeenteklassen die niet aan een "
                "GM-code te koppelen zijn; hun bedragen staan niet in dit profiel."
            )
            st.dataframe(onbekend, hide_index=True)
