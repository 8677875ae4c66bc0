"""Renderer for the Bronnen page."""

from __future__ import annotations

import streamlit as st

from geldstromen import cached
from geldstromen.domain.export import LICENCE_NOTE
from geldstromen.domain.gemeentefonds import clusters
from geldstromen.domain.taakvelden import standaard_sleutels
from geldstromen.ui.tabellen import waarde_tabel


def render() -> None:
    """List every ingested source with table id, year, file or URL, rows, sha256, licence."""
    frame = cached.bronnen(cached.data_version())
    st.markdown(
        "Elke ingelezen bron met tabel, jaar, bestand of URL, aantal rijen, controlegetal "
        "(sha256), tijdstip van inlezen, licentie en bronvermelding."
    )
    waarde_tabel(frame, bestandsnaam="bronnen")
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
        "De algemene uitkering per cluster (mei- of septembercirculaire) wordt over de wijken "
        "verdeeld naar rato van hun toegerekende lasten op de taakvelden van dat cluster "
        "(bestand `geldstromen/domain/gemeentefonds_clusters.csv`, een benadering van de "
        "clusterindeling van het verdeelmodel van BZK). Clusters zonder eigen taakvelden (*) "
        "volgen de lasten van alle clustertaakvelden. Methode: toegerekend."
    )
    waarde_tabel(clusters(), bestandsnaam="gemeentefonds_clusters")
