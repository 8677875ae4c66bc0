"""Renderer for the Bronnen page: sources, key table, gemeentefonds clusters, the
Verantwoording (reconciliation) of a chosen gemeente and the methods (docs/methods.md)."""

from __future__ import annotations

import streamlit as st

from geldstromen import cached
from geldstromen.cached import gemeente as cg
from geldstromen.domain.export import LICENCE_NOTE
from geldstromen.domain.gemeentefonds import clusters
from geldstromen.domain.taakvelden import standaard_sleutels
from geldstromen.families.verantwoording import GeenToerekening
from geldstromen.ui import filters, gemeentekeuze, verantwoording
from geldstromen.ui.tabellen import waarde_tabel


def _reeksen(jaren: list[int]) -> str:
    """``[2015, 2016, 2017, 2019]`` as ``2015-2017, 2019`` (en dash)."""
    delen, start = [], None
    for i, jaar in enumerate(jaren):
        start = jaar if start is None else start
        if i + 1 == len(jaren) or jaren[i + 1] != jaar + 1:
            delen.append(str(jaar) if start == jaar else f"{start}\u2013{jaar}")
            start = None
    return ", ".join(delen)


def kaartgrenzen(bronnen_frame) -> str | None:
    """Dutch line with the boundary years in the store per level (from the sources list:
    ``geometrie_<niveau>_<jaar>`` with rows), and the years the publisher lacks (0 rows)."""
    geo = bronnen_frame[bronnen_frame["soort"] == "geometrie"]
    if geo.empty:
        return None
    niveau = geo["bron_id"].str.extract(r"^geometrie_(gemeente|wijk|buurt)_", expand=False)
    delen, ontbreekt = [], []
    for naam in ("gemeente", "wijk", "buurt"):
        rows = geo[niveau == naam]
        met = sorted({int(j) for j in rows.loc[rows["rijen"] > 0, "jaar"].dropna()})
        zonder = sorted({int(j) for j in rows.loc[rows["rijen"] == 0, "jaar"].dropna()})
        if met:
            delen.append(f"{naam} {_reeksen(met)}")
        if zonder:
            ontbreekt.append(f"{naam} {_reeksen(zonder)}")
    if not delen and not ontbreekt:
        return None
    tekst = (
        "**Kaartgrenzen in de opslag:** "
        + ("; ".join(delen) if delen else "geen")
        + ". Een kaart gebruikt de grenzen van het jaar van de gegevens; zonder die grenzen "
        "die van het dichtstbijzijnde jaar met (bijna) dezelfde codes, en de kaart zegt dat."
    )
    if ontbreekt:
        tekst += " Niet gepubliceerd bij de bron: " + "; ".join(ontbreekt) + "."
    return tekst


#: Screen headings of the provenance columns (the downloads keep the ids).
KOPPEN = {"opgehaald_op": "opgehaald op", "bron_gewijzigd_op": "gewijzigd bij de bron"}
_ONLINE_SOORTEN = (
    ("geometrie", "kaartgrenzen (PDOK / CBS)"),
    ("vektis", "Vektis Zvw"),
)


def _dag(tekst) -> str:
    return str(tekst)[:10]


def _spanne(waarden) -> str:
    dagen = sorted({_dag(w) for w in waarden})
    return dagen[0] if len(dagen) == 1 else f"{dagen[0]}\u2013{dagen[-1]}"


def versies(bronnen_frame) -> str | None:
    """Dutch line with, per kind of online source, when the cached copies were fetched and
    when the publisher last changed them (CBS ``Modified``, the server's ``Last-Modified``)."""
    if "opgehaald_op" not in bronnen_frame.columns:
        return None
    online = bronnen_frame[bronnen_frame["opgehaald_op"].notna()]
    if online.empty:
        return None
    delen = []
    bekend = {soort for soort, _ in _ONLINE_SOORTEN}
    groepen = [(naam, online[online["soort"] == soort]) for soort, naam in _ONLINE_SOORTEN]
    groepen.append(("CBS-tabellen", online[~online["soort"].isin(bekend)]))
    for naam, rows in groepen:
        if rows.empty:
            continue
        deel = f"{naam}: {len(rows)} opgehaald {_spanne(rows['opgehaald_op'])}"
        gewijzigd = rows["bron_gewijzigd_op"].dropna()
        if not gewijzigd.empty:
            deel += f", gewijzigd bij de bron {_spanne(gewijzigd)}"
        if len(gewijzigd) < len(rows):
            deel += f" ({len(rows) - len(gewijzigd)} zonder wijzigingsdatum van de bron)"
        delen.append(deel)
    return (
        "**Online opgehaald:** "
        + "; ".join(delen)
        + ". Elke `ingest --online` vraagt eerst bij de bron of er iets gewijzigd is en haalt "
        "alleen gewijzigde bronnen opnieuw op."
    )


def render() -> None:
    """List every ingested source with table id, year, file or URL, rows, sha256, licence."""
    frame = cached.bronnen(cached.data_version())
    st.markdown(
        "Elke ingelezen bron met tabel, jaar, bestand of URL, aantal rijen, controlegetal "
        "(sha256), tijdstip van inlezen, licentie en bronvermelding."
    )
    waarde_tabel(frame, bestandsnaam="bronnen", koppen=KOPPEN)
    versie = versies(frame)
    if versie:
        st.markdown(versie)
    grenzen = kaartgrenzen(frame)
    if grenzen:
        st.markdown(grenzen)
    st.caption(LICENCE_NOTE)
    st.subheader("Standaard verdeelsleutels (toerekening van Iv3-lasten en -baten)")
    st.markdown(
        "Per taakveld de sleutel, de terugvalsleutel en de reden (bestand "
        "`geldstromen/domain/sleutels.csv`). 0.10 Mutaties reserves en 0.11 Resultaat zijn geen "
        "uitgaven in een wijk en worden standaard niet meegeteld. Op de Wijkprofiel-pagina kunt "
        "u de sleutels voor uw eigen sessie aanpassen."
    )
    waarde_tabel(standaard_sleutels(), bestandsnaam="verdeelsleutels")
    st.subheader("Gemeentefonds: clusters en hun taakvelden (inkomstenkant)")
    st.markdown(
        "De algemene uitkering komt van het Rijk: in de geldstromen is dat de Iv3-regel 0.7 "
        "(van 'Rijk (gemeentefonds)', nooit uit een wijk). De clusters van de mei- of "
        "septembercirculaire zijn een uitsplitsing van datzelfde geld, geen extra stroom; het "
        "verschil met Iv3 0.7 staat in de Verantwoording hieronder. Op de Wijkprofiel-pagina "
        "toont de 'dekking' (een model) hoe de lasten van een wijk gefinancierd zouden zijn: "
        "per cluster naar rato van de toegerekende lasten op de taakvelden van dat cluster "
        "(bestand `geldstromen/domain/gemeentefonds_clusters.csv`, een benadering van de "
        "clusterindeling van het verdeelmodel van BZK). Clusters zonder eigen taakvelden (*) "
        "volgen de lasten van alle clustertaakvelden. Methode: toegerekend."
    )
    waarde_tabel(clusters(), bestandsnaam="gemeentefonds_clusters")
    _verantwoording()
    verantwoording.methoden()


def _verantwoording() -> None:
    """The reconciliation of one gemeente (same function as ``geldstromen controle``)."""
    st.subheader("Verantwoording: bron tegen geldstromen")
    st.markdown(
        "Voor de gekozen gemeente, het jaar en het stuk: de Iv3-bedragen tegen de geldstromen "
        "per taakveld, de gebruikte jaren, de invarianten tegen dubbeltellen, de "
        "sleuteldekking en de gebieden onder de inwonergrens. Dezelfde controle draait op de "
        "commandoregel: `geldstromen controle --gemeente GM0518 --jaar 2024`."
    )
    gekozen = gemeentekeuze.kies()
    if gekozen is None:
        return
    version, code, naam = gekozen
    iv3 = filters.kies_iv3(version, code, "br")
    if iv3 is None:
        st.info(f"Geen Iv3-gegevens voor {naam} ({code}).")
        return
    jaar, stuk = iv3
    try:
        c = cg.verantwoording(version, code, jaar, stuk, "wijk")
    except GeenToerekening as exc:
        st.info(f"{str(exc).capitalize()}.")
        return
    if c is None:
        st.info(f"Geen Iv3-gegevens voor {naam} ({code}), {stuk} {jaar}.")
        return
    verantwoording.toon(c)
