"""The page list; without data only the start page is offered.

Menu icons are Material Symbols (``:material/...:``), which ship with Streamlit: emoji need an
emoji font on the viewer's machine and show as empty boxes without one (a bare Linux or a
headless browser).

Every content page has its own URL path, Kaart included: Streamlit gives the *default* page
the root path "" and treats "/kaart" as unknown ("Page not found" toast, then the main page).
So the default page is a hidden stub that continues on Kaart with the same query parameters,
and a shared link to "/kaart?..." resolves like any other page.
"""

from __future__ import annotations

import functools

import streamlit as st
from PIL import Image, ImageDraw

from geldstromen import cached


@functools.cache
def favicon() -> Image.Image:
    """The browser-tab icon, drawn here: a Material name as ``page_icon`` makes every visitor's
    browser fetch the icon from a font host, and a public-sector app sends no request elsewhere.
    Three bars of growing height (money per area) on the theme's primary colour."""
    beeld = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    teken = ImageDraw.Draw(beeld)
    teken.rounded_rectangle((0, 0, 63, 63), radius=12, fill="#01689B")
    for i, hoogte in enumerate((18, 30, 42)):
        links = 12 + i * 14
        teken.rectangle((links, 52 - hoogte, links + 10, 52), fill="#FFFFFF")
    return beeld


def _kaart_pagina():
    return st.Page("app_pages/kaart.py", title="Kaart", icon=":material/map:", url_path="kaart")


def _thuis() -> None:
    """Root URL: open Kaart with the query parameters of the link."""
    st.switch_page(_kaart_pagina(), query_params=st.query_params.to_dict())


#: (file in app_pages, title, icon, URL path) of every page after Kaart, in menu order.
PAGINAS = [
    ("vergelijk", "Vergelijk", ":material/compare_arrows:", "vergelijk"),
    ("tijdlijn", "Tijdlijn", ":material/timeline:", "tijdlijn"),
    ("presentatie", "Presentatie", ":material/co_present:", "presentatie"),
    ("scenario", "Scenario", ":material/calculate:", "scenario"),
    ("eigen_data", "Eigen data", ":material/upload_file:", "eigen-data"),
    ("wijkprofiel", "Wijkprofiel", ":material/euro:", "wijkprofiel"),
    (
        "energietransitie",
        "Energietransitie",
        ":material/local_fire_department:",
        "energietransitie",
    ),
    ("sociaal_domein", "Sociaal domein", ":material/diversity_3:", "sociaal-domein"),
    ("verbanden", "Verbanden", ":material/scatter_plot:", "verbanden"),
    ("bronnen", "Bronnen", ":material/menu_book:", "bronnen"),
]


def pages() -> list:
    """Pages for ``st.navigation``."""
    if not cached.database_ready():
        return [st.Page("app_pages/start.py", title="Start", icon=":material/flag:", default=True)]
    thuis = st.Page(_thuis, title="Start", default=True, visibility="hidden", url_path="thuis")
    return [
        thuis,
        _kaart_pagina(),
        *(
            st.Page(f"app_pages/{bestand}.py", title=titel, icon=icoon, url_path=pad)
            for bestand, titel, icoon, pad in PAGINAS
        ),
    ]
