"""Scenario page: shift money to prevention and see whose flows change (never mixed with data)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from geldstromen.domain.export import export_bytes
from geldstromen.domain.opmaak import euro, getal, met_kop
from geldstromen.scenario.app import cache as cached_scenario
from geldstromen.scenario.app import grafieken as grafiek
from geldstromen.scenario.app import invoer, stromen
from geldstromen.scenario.config import (
    ScenarioFout,
    catalogus,
    naar_config,
    scenario_uit,
)
from geldstromen.scenario.gegevens import (
    export_meta,
    export_tabel,
    standaard_voet,
    voet_uit,
)
from geldstromen.scenario.link import codeer, decodeer_deels
from geldstromen.scenario.model import (
    PARTIJ_LABELS,
    PARTIJEN,
    belastingderving,
    gevoeligheid,
    per_partij_per_jaar,
    per_post,
    samenvatting,
    terugverdiend,
)
from geldstromen.scenario.schema import MAX_VOET
from geldstromen.scenario.stromen import scenario_laag, standaardjaar, verschil
from geldstromen.ui.filters import Selectie
from geldstromen.ui.plaatshouder import plaatshouder
from geldstromen.ui.tabellen import opgemaakt

LABEL = (
    "**Scenario** — alle bedragen op deze pagina zijn een doorrekening van aannames, geen "
    "waarneming. Ze worden nooit opgeteld bij de waargenomen of toegerekende geldstromen en "
    "nooit in de database bewaard."
)
BEWAARD = "sc_bewaard"
EIGEN_LINKS = "sc_eigen_links"
MAX_EIGEN_LINKS = 200
NAAM_AUTO = "sc_naam_auto"


def _kort(x: float) -> str:
    """Compact euro amount for metrics (mln above a million)."""
    if abs(x) >= 1e6:
        return f"€ {getal(x / 1e6, 2)} mln"
    return euro(x)


def _terug(sam: pd.DataFrame, kolom: str) -> list[str]:
    """The payback column ``kolom`` of a samenvatting as text per party."""
    return [terugverdiend(k, j) for k, j in zip(sam["kosten_eur"], sam[kolom], strict=True)]


def _eigen_links() -> list[str]:
    """The links this visit wrote or loaded (newest last): never applied again."""
    return st.session_state.setdefault(EIGEN_LINKS, [])


def _onthoud_link(tekst: str) -> None:
    links = _eigen_links()
    if tekst in links:
        links.remove(tekst)
    links.append(tekst)
    del links[:-MAX_EIGEN_LINKS]


def _laad_link(regio: str) -> None:
    """Apply the URL's scenario once: a link from outside this visit (shared, bookmarked).

    A link this visit wrote itself is never applied again: not after a wijk change (the other
    wijk keeps its own inputs) and not when a rerun carries an older address than the newest
    inputs (a table edit right after a number field), which would undo those edits. A link
    filled in halfway loads what is valid and names the rest."""
    tekst = st.query_params.get("scenario")
    if not tekst or tekst in _eigen_links():
        return
    _onthoud_link(tekst)
    try:
        config, meldingen = decodeer_deels(tekst)
    except ScenarioFout as exc:
        st.error("Het scenario uit de link is niet geladen:\n\n- " + "\n- ".join(exc.meldingen))
        return
    invoer.zet_uit_config(regio, config)
    if meldingen:
        st.warning(
            "Het scenario uit de link is deels geladen; vul de rest hieronder in of controleer "
            "het:\n\n- " + "\n- ".join(meldingen)
        )


def _naam(regio_naam: str) -> str:
    """The scenario name input; the automatic name follows the wijk, a name of one's own stays."""
    auto = f"Scenario {regio_naam}"
    if st.session_state.get("sc_naam") in (None, st.session_state.get(NAAM_AUTO)):
        st.session_state["sc_naam"] = auto
    st.session_state[NAAM_AUTO] = auto
    return st.text_input("Naam van het scenario", key="sc_naam")


def _bewaar_en_vergelijk(config: dict, sam: pd.DataFrame | None, regio_label: str) -> None:
    bewaard = st.session_state.setdefault(BEWAARD, {})
    c1, c2 = st.columns([1, 2])
    with c1:
        if st.button(
            "Bewaar dit scenario (alleen in deze sessie)", disabled=sam is None, key="sc_bewaar"
        ):
            bewaard[config["naam"]] = {"config": config, "samenvatting": sam, "regio": regio_label}
            st.success(f"Bewaard: {config['naam']}")
    with c2:
        keuze = st.multiselect(
            "Vergelijk bewaarde scenario's (twee of drie)",
            list(bewaard),
            max_selections=3,
            key="sc_vergelijk",
            placeholder=plaatshouder(bewaard, meer=True),
        )
    if len(keuze) >= 2:
        kolommen = {}
        for naam in keuze:
            s = bewaard[naam]["samenvatting"].set_index("partij")
            kolommen[(naam, "netto contant")] = s["netto_contant_eur"].map(euro)
            kolommen[(naam, "terugverdiend in")] = _terug(s, "terugverdienjaar_contant")
        tabel = pd.DataFrame(kolommen)
        tabel.index = [PARTIJ_LABELS[p] for p in tabel.index]
        st.caption("Scenario's naast elkaar (netto-effect over de looptijd, gedisconteerd)")
        st.dataframe(tabel, width="stretch")


def _resultaat(scenario, per_jaar: pd.DataFrame, export: pd.DataFrame, ctx) -> pd.DataFrame:
    sam = samenvatting(scenario, per_jaar)
    cols = st.columns(len(PARTIJEN))
    for col, r, terug in zip(
        cols, sam.itertuples(), _terug(sam, "terugverdienjaar_contant"), strict=True
    ):
        heeft = r.kosten_eur or r.baten_eur
        terug = f"terugverdiend in {terug}" if terug.isdigit() else terug
        col.metric(
            PARTIJ_LABELS[r.partij],
            _kort(r.netto_contant_eur) if heeft else "—",
            help="Netto-effect over de looptijd, contant (gedisconteerd naar het startjaar).",
        )
        if heeft:
            col.caption(terug)
    tabs = st.tabs(["Per partij", "Per jaar", "Voor en na", "Gevoeligheid", "Aannames en bronnen"])
    with tabs[0]:
        contant = st.toggle("Netto contant (gedisconteerd)", value=True, key="sc_contant")
        st.plotly_chart(grafiek.per_partij(sam, contant), width="stretch")
        tabel = sam.assign(
            partij=sam["partij"].map(PARTIJ_LABELS),
            terugverdienjaar=_terug(sam, "terugverdienjaar"),
            terugverdienjaar_contant=_terug(sam, "terugverdienjaar_contant"),
        ).drop(columns="methode")
        st.dataframe(
            opgemaakt(
                tabel.rename(
                    columns={
                        "partij": "Partij",
                        "kosten_eur": "Kosten (€)",
                        "baten_eur": "Baten (€)",
                        "netto_eur": "Netto (€)",
                        "netto_contant_eur": "Netto contant (€)",
                        "terugverdienjaar": "Terugverdiend (nominaal)",
                        "terugverdienjaar_contant": "Terugverdiend (contant)",
                    }
                )
            ),
            hide_index=True,
            width="stretch",
        )
        _posten(scenario)
    with tabs[1]:
        contant = st.toggle("Contant (gedisconteerd)", value=False, key="sc_contant_jaar")
        st.plotly_chart(grafiek.cumulatief(per_jaar, contant), width="stretch")
        st.dataframe(
            per_jaar.assign(partij=per_jaar["partij"].map(PARTIJ_LABELS)),
            hide_index=True,
            width="stretch",
        )
    with tabs[2]:
        stromen.render(
            ctx["version"], scenario, ctx["regio_code"], ctx["regio_naam"], ctx["data_jaar"]
        )
    with tabs[3]:
        delta = st.select_slider(
            "Verandering per aanname",
            [0.1, 0.25, 0.5],
            value=0.25,
            format_func=lambda d: f"± {d:.0%}",
            key="sc_delta",
        )
        gev = gevoeligheid(scenario, delta)
        betrokken = [p for p in PARTIJEN if gev.loc[gev["partij"] == p, "bereik_eur"].sum() > 0]
        if betrokken:
            partij = st.radio(
                "Partij",
                betrokken,
                format_func=PARTIJ_LABELS.get,
                horizontal=True,
                key="sc_tornado_partij",
            )
            st.plotly_chart(grafiek.tornado(gev, partij, delta), width="stretch")
    with tabs[4]:
        _aannames(export)
    return sam


def _posten(scenario) -> None:
    """Items per party over the horizon, incl. the energy-tax transfer huishoudens <- Rijk."""
    posten = per_post(scenario)
    st.markdown("**Posten per partij** (nominaal, hele looptijd; kosten negatief)")
    st.dataframe(
        opgemaakt(
            posten.assign(
                partij=posten["partij"].map(PARTIJ_LABELS),
                tegenpartij=posten["tegenpartij"].map(lambda p: PARTIJ_LABELS.get(p, "")),
            )
            .drop(columns="methode")
            .rename(
                columns={
                    "partij": "Partij",
                    "soort": "Soort",
                    "post": "Post",
                    "tegenpartij": "Van/naar",
                    "bedrag_eur": "Bedrag (€)",
                }
            )
        ),
        hide_index=True,
        width="stretch",
    )
    rijk = belastingderving(posten)
    if rijk:
        st.caption(
            f"Energiebelasting, ODE en btw: het Rijk ontvangt over de looptijd {euro(rijk)} minder "
            "belasting; dat is precies het belastingdeel van de lagere energierekening (tarieven "
            "en bron: zie Aannames en bronnen). Overdracht huishoudens ← Rijk, methode scenario."
        )


def _pdf(scenario, tabel: pd.DataFrame, ctx: dict) -> bytes:
    """The scenario pages of the report, built on click (flows year = the Voor en na choice)."""
    from geldstromen.scenario.rapport import ScenarioRapport, scenario_pdf

    jaar = st.session_state.get("sc_voorna_jaar") or standaardjaar(scenario)
    jaar = min(max(int(jaar), scenario.start()), scenario.eind())
    voor, notities = cached_scenario.voor_links(
        ctx["version"], ctx["regio_code"], ctx["regio_naam"], ctx["data_jaar"]
    )
    rapport = ScenarioRapport(
        scenario,
        ctx["regio_code"],
        ctx["regio_naam"],
        ctx["data_jaar"],
        tabel[tabel["onderdeel"] == "aanname"],
        verschil(voor, scenario_laag(scenario, jaar)),
        jaar,
        notities,
    )
    return scenario_pdf(rapport)


def _aannames(tabel: pd.DataFrame) -> None:
    """The assumption rows of the export table (a missing source said so)."""
    tabel = tabel[tabel["onderdeel"] == "aanname"]
    tabel = tabel.assign(bron=tabel["bron"].fillna("ONTBREEKT: vul in"))
    st.dataframe(
        tabel.drop(columns=["onderdeel", "jaar", "methode"]).astype({"waarde": "string"}),
        hide_index=True,
        width="stretch",
    )


def render(sel: Selectie, regio: str, regio_naam: str) -> None:
    """The whole Scenario page for one wijk or buurt."""
    st.info(LABEL, icon=":material/calculate:")
    _laad_link(regio)
    indicatoren = cached_scenario.indicatoren(sel.version, regio, int(sel.jaar))
    if not indicatoren:
        st.warning(f"Geen wijkgegevens voor {regio_naam} in {sel.jaar}.")
        return
    prijzen = cached_scenario.prijzen(sel.version)
    if "aardgasprijs" not in prijzen:
        st.caption(
            "Geen variabel leveringstarief voor aardgas in de database (CBS 84672NED): vul de "
            "prijs per m³ zelf in."
        )
    spec = catalogus()["interventies"]
    c1, c2 = st.columns([3, 1])
    if "sc_interventies" not in st.session_state:
        st.session_state["sc_interventies"] = [list(spec)[0]]
    with c1:
        gekozen = st.multiselect(
            "Interventies",
            list(spec),
            format_func=lambda i: spec[i]["label"],
            key="sc_interventies",
            placeholder=plaatshouder(spec, meer=True),
        )
    std_voet = standaard_voet()
    with c2:
        if "sc_voet" not in st.session_state:
            st.session_state["sc_voet"] = float(std_voet["waarde"])
        voet_waarde = st.number_input(
            "Disconteringsvoet (% per jaar)",
            min_value=0.0,
            max_value=MAX_VOET,
            step=0.25,
            key="sc_voet",
            help=met_kop("Bron", std_voet["bron"]),
        )
    voet = voet_uit(voet_waarde)
    naam = _naam(regio_naam)
    if not gekozen:
        st.info("Kies een of meer interventies.")
        return
    uitkomst = st.container()
    st.subheader("Aannames per interventie")
    items = [invoer.interventie(regio, i, indicatoren, prijzen, date.today().year) for i in gekozen]
    with uitkomst:
        _uitkomst(sel, regio, regio_naam, items, naam, voet, voet_waarde)


def _uitkomst(sel, regio, regio_naam, items, naam, voet, voet_waarde) -> None:
    config = naar_config(items, naam, voet_waarde)
    st.query_params["scenario"] = codeer(config)
    _onthoud_link(st.query_params["scenario"])
    volledig = [i for i in items if not i["ontbreekt"]]
    for i in items:
        if i["ontbreekt"]:
            st.warning(
                f"**{i['label']}** telt nog niet mee; ontbreekt: " + "; ".join(i["ontbreekt"])
            )
    st.subheader(f"Scenario-uitkomst: wie betaalt, wie profiteert — {regio_naam}")
    meta = export_meta(naam, regio, regio_naam, sel.jaar)
    ctx = {
        "version": sel.version,
        "regio_code": regio,
        "regio_naam": regio_naam,
        "data_jaar": int(sel.jaar),
    }
    sam = scenario = per_jaar = None
    if volledig:
        scenario = scenario_uit(volledig, naam, voet_waarde)
        per_jaar = per_partij_per_jaar(scenario)
    tabel = export_tabel(scenario, items, voet, per_jaar)
    if scenario is not None:
        if len(volledig) < len(items):
            st.caption("Alleen de volledig ingevulde interventies zijn doorgerekend.")
        sam = _resultaat(scenario, per_jaar, tabel, ctx)
    else:
        st.info("Nog niets door te rekenen: vul de ontbrekende waarden hierboven in.")
        _aannames(tabel)
    st.divider()
    e1, e2, e3, e4 = st.columns(4)
    e1.download_button(
        "Download CSV (aannames + uitkomst)",
        lambda: export_bytes(tabel, "csv", meta),
        file_name=f"scenario_{regio}.csv",
        mime="text/csv",
        key="sc_csv",
        on_click="ignore",
    )
    e2.download_button(
        "Download Excel",
        lambda: export_bytes(tabel, "xlsx", meta),
        file_name=f"scenario_{regio}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="sc_xlsx",
        on_click="ignore",
    )
    if scenario is not None:
        e3.download_button(
            "Download PDF (scenariopagina's)",
            lambda: _pdf(scenario, tabel, ctx),
            file_name=f"scenario_{regio}.pdf",
            mime="application/pdf",
            key="sc_pdf",
            on_click="ignore",
        )
    e4.caption("Delen: de link in de adresbalk bevat dit scenario (alle aannames).")
    _bewaar_en_vergelijk(config, sam, f"{regio_naam} ({regio})")
