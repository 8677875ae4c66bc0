"""The start page: how to get data in when the store is empty."""

from __future__ import annotations

import streamlit as st

from geldstromen.config import get_settings


def render() -> None:
    """Explain, in Dutch, how to point the app at downloaded files."""
    settings = get_settings()
    st.title("Geldstromen in de wijk")
    st.warning("Er zijn nog geen gegevens ingelezen.")
    st.markdown(
        """
Deze app toont waar publiek en privaat geld stroomt in een wijk of buurt. Hij heeft daarvoor
bronnen van CBS, PDOK, Vektis, het Rijk (gemeentefonds) en RIVM nodig.

**Met internet** haalt `make run` bij de eerste start zonder gegevensmap zelf op wat online
beschikbaar is (met voortgangsbalken en een verwachte duur; onderbreken mag, een volgende
`make run` gaat verder waar het stopte). Handmatig kan dat ook met `geldstromen ingest --online`.
Online komen vandaag:

- CBS Kerncijfers wijken en buurten (KWB) 2015-2025, gemeente, wijk en buurt, met namen;
- Iv3-gemeentefinanciën 2017-2026 (begroting en jaarrekening) van CBS;
- RIVM-gezondheid per wijk en buurt, edities 2020 en 2022 (18+ en 65+, modelschattingen);
- PDOK-grenzen van gemeenten, wijken en buurten 2015-2025 (per jaar);
- Vektis-zorgkosten (Zvw) 2011-2023 per gemeente en per driecijferige postcode (de
  downloadadressen staan op de Vektis-site maar zijn niet door Vektis als vast bevestigd).

Nog **alleen via bestanden**: het gemeentefonds (geen API en geen vast downloadadres: BZK
publiceert per circulaire rekenbestanden (ODS) op de circulairepagina; zie de README), de
CBS-energieprijzen (`cbs_prijzen/`), het Budgetonderzoek (`cbs_budget/`), de gemeenteklassen
(`iv3/gemeenteklassen_<jaar>.tsv`) en de Vektis-vergelijking met verwachte kosten. Zonder die
bestanden blijven leeg: de inkomsten uit het gemeentefonds in het Wijkprofiel, de energiekosten
en energielast (Energietransitie, Scenario), de bestedingen van huishoudens, de vergelijking
met gemeenten van dezelfde klasse en de vergelijking werkelijk-verwacht van de zorgkosten.

**Met gedownloade bestanden** (geen internet nodig, alle onderdelen): zet de omgevingsvariabele
`GELDSTROMEN_DATA_DIR` op de map met de bestanden en start opnieuw met `make run`, of lees ze in
met:

```
geldstromen ingest --data-dir /pad/naar/bestanden
```

Zie de README voor de verwachte mapindeling (`cbs_kwb/`, `geo/`, `iv3/`, `zorg/`, ...).
"""
    )
    st.caption(f"Database: `{_redact(settings.database_url)}`")


def _redact(url: str) -> str:
    """Hide a password in a database URL."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
